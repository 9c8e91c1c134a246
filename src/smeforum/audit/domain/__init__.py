from smeforum.audit.domain.records import (
    delete_record,
    log_action,
    save_record,
    set_related,
    snapshot,
)

__all__ = ["delete_record", "log_action", "save_record", "set_related", "snapshot"]
