"""Registrations and delegations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smeforum.backoffice.admin.mixins import (
    CountryListFilter,
    DomainTabularInline,
    DomainWriteAdmin,
    country_column,
    related_filter,
)
from smeforum.backoffice.admin.permissions import InlinePermissionsMixin, RulesPermissionsMixin
from smeforum.participants.domain.registrations import save_delegation, save_registration
from smeforum.participants.models import Delegation, Registration

EditionListFilter = related_filter("series")


@admin.register(Registration)
class RegistrationAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    view_flags = ("participants",)
    write_flag = "participants"
    domain_save = staticmethod(save_registration)
    fk_select_related = {"edition": ("series",)}

    list_display = (
        "person",
        "email",
        "edition",
        "category",
        "status",
        "delegation",
        "registered_at",
        "is_sample",
    )
    list_filter = (("edition", EditionListFilter), "category", "status", "is_sample")
    search_fields = ("person__name", "person__name_latin", "person__email")
    list_select_related = ("person", "edition__series", "delegation")
    autocomplete_fields = ("person", "delegation")
    date_hierarchy = "registered_at"
    ordering = ("-registered_at", "id")
    fields = ("edition", "person", "category", "status", "delegation", "registered_at", "is_sample")

    @admin.display(description=_("email"), ordering="person__email")
    def email(self, obj: Registration) -> str:
        return obj.person.email


class MemberInline(InlinePermissionsMixin, DomainTabularInline):
    """The delegation's members: their registrations. A registration joins a delegation from
    its own page; here its category and status can be changed."""

    model = Registration
    fk_name = "delegation"
    domain_save = staticmethod(save_registration)
    fields = ("person_link", "category", "status", "is_sample")
    readonly_fields = ("person_link", "is_sample")
    can_delete = False
    verbose_name = _("member")
    view_permission = "participants.view_delegation"
    change_permission = "participants.change_registration"
    verbose_name_plural = _("members")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    @admin.display(description=_("person"))
    def person_link(self, obj: Registration) -> str:
        url = reverse("admin:participants_registration_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.person)


@admin.register(Delegation)
class DelegationAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    view_flags = ("participants", "delegations")
    write_flag = "delegations"
    domain_save = staticmethod(save_delegation)
    fk_select_related = {"edition": ("series",)}

    list_display = (
        "name_en",
        "name_zh",
        "edition",
        "kind",
        country_column,
        "head",
        "member_count",
        "is_sample",
    )
    list_filter = (("edition", EditionListFilter), "kind", CountryListFilter, "is_sample")
    search_fields = ("name_en", "name_zh", "head__name", "head__name_latin")
    list_select_related = ("edition__series", "head")
    autocomplete_fields = ("city", "organisation", "head")
    ordering = ("edition__series__name_en", "edition__number", "country", "name_en")
    inlines = (MemberInline,)
    fieldsets = (
        (None, {"fields": ("edition", "kind", "name_en", "name_zh")}),
        (_("From"), {"fields": ("country", "city", "organisation")}),
        (
            _("Head"),
            {
                "fields": ("head",),
                "description": _(
                    "The head must be a member: register them to the delegation first."
                ),
            },
        ),
        (_("Provenance"), {"fields": ("is_sample",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj: Delegation) -> int:
        return obj.member_count
