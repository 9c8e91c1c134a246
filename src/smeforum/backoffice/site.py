"""The back office's admin site: who enters it.

Entry is decided live from the roles table (``accounts.queries.may_enter_back_office``): active
platform admins (superusers) and active holders of any organiser role. No ``is_staff`` flag is
kept in step with the roles, so granting or revoking a role takes effect on the next request and
nothing can drift. Delegation leads and participants are sent to the login page. Inside, each
model admin asks the ``rules`` permissions of ``accounts.rules`` (see
``backoffice.admin.permissions``).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from smeforum.accounts import queries


class BackofficeAuthenticationForm(AdminAuthenticationForm):
    """The admin login accepts whoever may enter the back office (not only ``is_staff``)."""

    def confirm_login_allowed(self, user):
        if not queries.may_enter_back_office(user):
            raise self.get_invalid_login_error()


class BackofficeSite(admin.AdminSite):
    site_header = _("SME forum back office")
    site_title = _("SME forum back office")
    index_title = _("Organiser back office")
    login_form = BackofficeAuthenticationForm

    def has_permission(self, request) -> bool:
        return queries.may_enter_back_office(request.user)
