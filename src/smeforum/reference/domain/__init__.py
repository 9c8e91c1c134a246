"""Writers for reference data. Each runs in a transaction and writes the audit log."""
