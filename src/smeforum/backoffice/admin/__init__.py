"""The organiser back office: the Django admin, writing only through domain functions.

One module per data app; importing them registers their model admins.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smeforum.backoffice.admin import (
    accounts,
    audit,
    forums,
    invitations,
    money,
    orgs,
    outcomes,
    participants,
    reference,
)

__all__ = [
    "accounts",
    "audit",
    "forums",
    "invitations",
    "money",
    "orgs",
    "outcomes",
    "participants",
    "reference",
]

admin.site.site_header = _("SME forum back office")
admin.site.site_title = _("SME forum back office")
admin.site.index_title = _("Organiser back office")
