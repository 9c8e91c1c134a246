"""Organiser back office: the Django admin, writing only through domain functions."""
