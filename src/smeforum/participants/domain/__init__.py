"""Writers for registrations and delegations."""
