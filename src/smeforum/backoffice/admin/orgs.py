"""Organisations and people."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from smeforum.backoffice.admin.mixins import CountryListFilter, DomainWriteAdmin, country_column
from smeforum.orgs.domain.organisations import (
    save_organisation,
    save_person,
    set_organisation_sectors,
)
from smeforum.orgs.models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(DomainWriteAdmin):
    domain_save = staticmethod(save_organisation)
    m2m_writers = {"sectors": set_organisation_sectors}

    list_display = (
        "display_name_column",
        "name",
        "kind",
        country_column,
        "city",
        "size_class",
        "people_count",
        "is_sample",
    )
    list_filter = ("kind", CountryListFilter, "size_class", "is_sample")
    search_fields = ("name", "name_en", "website")
    list_select_related = ("city",)
    autocomplete_fields = ("city", "sectors")
    ordering = ("name_en", "name")
    fieldsets = (
        (None, {"fields": ("name", "name_en", "kind", "country", "city")}),
        (_("Enterprise"), {"fields": ("size_class", "sectors")}),
        (_("Details"), {"fields": ("website", "description")}),
        (_("Provenance"), {"fields": ("is_sample",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_count=Count("people"))

    @admin.display(description=_("organisation"), ordering="name_en")
    def display_name_column(self, obj: Organisation) -> str:
        return obj.display_name

    @admin.display(description=_("people"), ordering="people_count")
    def people_count(self, obj: Organisation) -> int:
        return obj.people_count


@admin.register(Person)
class PersonAdmin(DomainWriteAdmin):
    domain_save = staticmethod(save_person)

    list_display = ("display_name_column", "name", "position", "organisation", "email", "is_sample")
    list_filter = ("is_sample",)
    search_fields = ("name", "name_latin", "email", "organisation__name", "organisation__name_en")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    ordering = ("name_latin", "name")
    fieldsets = (
        (None, {"fields": ("name", "name_latin", "position", "organisation")}),
        (_("Contact"), {"fields": ("email", "phone")}),
        (_("Provenance"), {"fields": ("is_sample",)}),
    )

    @admin.display(description=_("person"), ordering="name_latin")
    def display_name_column(self, obj: Person) -> str:
        return obj.display_name
