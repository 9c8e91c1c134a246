"""Organiser roles, delegation leads, participant links and API tokens."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smeforum.accounts.domain.roles import (
    revoke_organiser_role,
    save_delegation_lead,
    save_organiser_role,
    save_person_account,
)
from smeforum.accounts.domain.tokens import revoke_api_token
from smeforum.accounts.models import ApiToken, DelegationLead, OrganiserRole, PersonAccount
from smeforum.backoffice.admin.mixins import DomainWriteAdmin, ReadOnlyAdmin
from smeforum.backoffice.admin.permissions import PlatformAdminOnlyMixin


@admin.register(OrganiserRole)
class OrganiserRoleAdmin(PlatformAdminOnlyMixin, DomainWriteAdmin):
    domain_save = staticmethod(save_organiser_role)
    fk_select_related = {"edition": ("series",)}

    list_display = (
        "user",
        "series",
        "edition",
        "can_programme",
        "can_participants",
        "can_delegations",
        "can_outcomes",
        "can_matchmaking",
        "can_publish",
    )
    list_filter = ("series",)
    list_select_related = ("user", "series", "edition__series")
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)
    fields = (
        "user",
        "series",
        "edition",
        "can_programme",
        "can_participants",
        "can_delegations",
        "can_outcomes",
        "can_matchmaking",
        "can_publish",
    )

    def delete_model(self, request, obj):
        revoke_organiser_role(obj, actor=request.user)


@admin.register(DelegationLead)
class DelegationLeadAdmin(PlatformAdminOnlyMixin, DomainWriteAdmin):
    domain_save = staticmethod(save_delegation_lead)

    list_display = ("user", "delegation", "edition")
    list_select_related = ("user", "delegation__edition__series")
    search_fields = ("user__username", "user__email", "delegation__name_en")
    raw_id_fields = ("user",)
    autocomplete_fields = ("delegation",)

    @admin.display(description=_("edition"), ordering="delegation__edition")
    def edition(self, obj: DelegationLead):
        return obj.delegation.edition


@admin.register(PersonAccount)
class PersonAccountAdmin(PlatformAdminOnlyMixin, DomainWriteAdmin):
    domain_save = staticmethod(save_person_account)

    list_display = ("user", "person")
    list_select_related = ("user", "person")
    search_fields = ("user__username", "user__email", "person__name", "person__name_latin")
    raw_id_fields = ("user",)
    autocomplete_fields = ("person",)


@admin.register(ApiToken)
class ApiTokenAdmin(PlatformAdminOnlyMixin, ReadOnlyAdmin):
    """Tokens are created by their owner (or ``smeforum token create``); here only revoked."""

    actions = ["revoke"]
    list_display = ("prefix", "user", "name", "scope", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    list_select_related = ("user",)
    search_fields = ("prefix", "user__username", "user__email", "name")
    fields = ("prefix", "user", "name", "scope", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke_api_token(token, actor=request.user)
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", len(tokens))
            % {"n": len(tokens)},
            messages.SUCCESS,
        )
