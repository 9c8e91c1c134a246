"""Registrations of people to editions, and delegations (a data app)."""
