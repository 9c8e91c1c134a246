"""Reports over outcomes and published figures: counting, conversion, reconciliation and the
formats they are written in (a read-only data app: no models of its own)."""
