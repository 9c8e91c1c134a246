"""The organiser back office: the Django admin, writing only through domain functions.

One module per data app; importing them registers their model admins.
"""

from smeforum.backoffice.admin import (
    accounts,
    audit,
    forums,
    invitations,
    matchmaking,
    money,
    orgs,
    outcomes,
    participants,
    reference,
    scheduling,
)

__all__ = [
    "accounts",
    "audit",
    "forums",
    "invitations",
    "matchmaking",
    "money",
    "orgs",
    "outcomes",
    "participants",
    "reference",
    "scheduling",
]
