"""Writers for the outcomes registry."""
