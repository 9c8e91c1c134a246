from smeforum.audit.domain.records import delete_record, log_action, save_record, snapshot

__all__ = ["delete_record", "log_action", "save_record", "snapshot"]
