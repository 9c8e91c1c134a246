"""Organisations and people (a data app)."""
