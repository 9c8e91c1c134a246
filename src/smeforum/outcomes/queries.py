"""Read-only querysets of the outcome registry, scoped to the user where needed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from smeforum.accounts.queries import in_editions_with_permission
from smeforum.outcomes.models import Outcome


def outcomes_visible_to(user) -> QuerySet[Outcome]:
    """Public outcomes (between editions or of a published edition), and those of editions
    ``user`` records outcomes for."""
    scope = (
        Q(edition__isnull=True)
        | Q(edition__is_published=True)
        | in_editions_with_permission(user, "outcomes")
    )
    return Outcome.objects.filter(scope)
