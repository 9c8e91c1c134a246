"""JSON API under /api/v1/ (django-ninja), read-only public data for now."""
