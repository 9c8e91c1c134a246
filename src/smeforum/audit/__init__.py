"""Audit log: who changed what, when, with the values before and after (a data app, a leaf)."""
