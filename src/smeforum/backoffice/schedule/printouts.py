"""(to be written)"""

from __future__ import annotations


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    return []
