"""Writers for roles, participant links and API tokens."""
