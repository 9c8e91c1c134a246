"""Writers for organisations and people."""
