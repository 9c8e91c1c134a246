"""Reference data: sources, cities, NACE sectors (read-only), mechanisms and memberships,
kinds of outcome and fields of cooperation (organisers add their own)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smeforum.audit.domain import save_record
from smeforum.backoffice.admin.mixins import (
    CountryListFilter,
    DomainTabularInline,
    DomainWriteAdmin,
    ReadOnlyAdmin,
    country_column,
)
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.reference.domain.mechanisms import record_membership
from smeforum.reference.domain.sectors import set_cooperation_field_sectors
from smeforum.reference.models import (
    City,
    CooperationField,
    Mechanism,
    Membership,
    OutcomeKind,
    Sector,
    Source,
)


@admin.register(Source)
class SourceAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    edition_lookup = None
    list_display = ("publisher", "title", "published_on", "language", "key", "link")
    list_filter = ("language",)
    search_fields = ("key", "publisher", "title", "url")
    date_hierarchy = "published_on"
    ordering = ("-published_on", "publisher")
    prepopulated_fields = {"key": ("publisher",)}

    @admin.display(description=_("URL"), ordering="url")
    def link(self, obj: Source) -> str:
        if not obj.url:
            return "-"
        return format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', obj.url, obj.url)


@admin.register(City)
class CityAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    edition_lookup = None
    list_display = ("name", "name_zh", country_column, "region", "population", "geonames_id")
    list_filter = (CountryListFilter,)
    search_fields = ("name", "name_zh", "region")
    readonly_fields = ("geonames_id",)
    ordering = ("name", "country")
    fieldsets = (
        (None, {"fields": ("name", "name_zh", "country", "region")}),
        (_("Place"), {"fields": ("latitude", "longitude", "population", "time_zone")}),
        (
            _("GeoNames"),
            {
                "fields": ("geonames_id",),
                "description": _("Set when the city was imported from GeoNames."),
            },
        ),
    )


@admin.register(Sector)
class SectorAdmin(RulesPermissionsMixin, ReadOnlyAdmin):
    edition_lookup = None
    read_only = True
    """NACE Rev. 2, shipped with the program: viewable, never edited here."""

    list_display = ("code", "name_en", "name_zh", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name_en", "name_zh")
    list_select_related = ("parent",)
    ordering = ("id",)


def save_membership(membership: Membership, *, actor=None) -> Membership:
    """New periods go through ``record_membership`` (it refuses overlapping periods);
    changes to a recorded period through the generic writer."""
    if membership._state.adding:
        return record_membership(
            membership.mechanism,
            country=membership.country,
            joined_on=membership.joined_on,
            left_on=membership.left_on,
            source=membership.source,
            note=membership.note,
            actor=actor,
        )
    return save_record(membership, actor=actor)


class MembershipInline(DomainTabularInline):
    model = Membership
    domain_save = staticmethod(save_membership)
    fields = ("country", "joined_on", "left_on", "source", "note")
    autocomplete_fields = ("source",)
    ordering = ("country", "joined_on")


@admin.register(Mechanism)
class MechanismAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    edition_lookup = None
    list_display = ("name_en", "name_zh", "slug", "founded_on", "membership_count", "source")
    search_fields = ("slug", "name_en", "name_zh")
    list_select_related = ("source",)
    autocomplete_fields = ("source",)
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ("name_en",)
    inlines = (MembershipInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(membership_count=Count("memberships"))

    @admin.display(description=_("membership periods"), ordering="membership_count")
    def membership_count(self, obj: Mechanism) -> int:
        return obj.membership_count


@admin.register(OutcomeKind)
class OutcomeKindAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    edition_lookup = None
    """Kinds of outcome: the shipped ones and those organisers add."""

    list_display = ("name_en", "name_zh", "plural_en", "slug", "has_amount", "order")
    list_filter = ("has_amount",)
    search_fields = ("slug", "name_en", "name_zh", "plural_en")
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ("order", "slug")
    fields = ("name_en", "plural_en", "name_zh", "slug", "has_amount", "order")


@admin.register(CooperationField)
class CooperationFieldAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    edition_lookup = None
    """Fields of cooperation as forums name them, with the NACE sectors they cover."""

    m2m_writers = {"sectors": set_cooperation_field_sectors}

    list_display = ("name_en", "name_zh", "slug", "sector_codes")
    search_fields = ("slug", "name_en", "name_zh")
    autocomplete_fields = ("sectors",)
    prepopulated_fields = {"slug": ("name_en",)}
    ordering = ("name_en",)
    fields = ("name_en", "name_zh", "slug", "sectors")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sectors")

    @admin.display(description=_("NACE sectors"))
    def sector_codes(self, obj: CooperationField) -> str:
        return ", ".join(sorted(sector.code for sector in obj.sectors.all())) or "-"
