from smeforum.audit.domain.records import (
    assert_unchanged,
    delete_record,
    fingerprint,
    log_action,
    save_record,
    set_related,
    snapshot,
    snapshot_token,
)

__all__ = [
    "assert_unchanged",
    "delete_record",
    "fingerprint",
    "log_action",
    "save_record",
    "set_related",
    "snapshot",
    "snapshot_token",
]
