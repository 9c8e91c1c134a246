"""Organisations and people."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smeforum.accounts import queries
from smeforum.accounts.domain.personal_data import erase_person, export_person_data
from smeforum.backoffice.admin.mixins import CountryListFilter, DomainWriteAdmin, country_column
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.orgs.domain.organisations import (
    save_organisation,
    save_person,
    set_organisation_sectors,
)
from smeforum.orgs.models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """Organisations are public records (the API lists them): every organiser sees them all;
    those with ``participants``, ``delegations`` or ``outcomes`` add and change them."""

    edition_lookup = None
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
class PersonAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    """The people an organiser works with (``accounts.queries.people_visible_to``)."""

    def scope_queryset(self, request, queryset):
        return queryset.filter(pk__in=queries.people_visible_to(request.user))

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
    actions = ("download_personal_data", "erase_personal_data")

    @admin.display(description=_("person"), ordering="name_latin")
    def display_name_column(self, obj: Person) -> str:
        return obj.display_name

    def has_manage_personal_data_permission(self, request) -> bool:
        """Shows the personal-data actions to platform admins and organisers with
        ``participants``; each person is checked again when an action runs."""
        return request.user.has_perm("orgs.manage_personal_data")

    def _refuse_unpermitted(self, request, people: list[Person]) -> bool:
        refused = [p for p in people if not request.user.has_perm("orgs.manage_personal_data", p)]
        if refused:
            self.message_user(
                request,
                _(
                    "You may handle the personal data only of people registered at an edition "
                    "where you manage participants: %(people)s"
                )
                % {"people": ", ".join(str(p) for p in refused)},
                messages.ERROR,
            )
        return bool(refused)

    @admin.action(
        description=_("Download personal data (JSON)"), permissions=("manage_personal_data",)
    )
    def download_personal_data(self, request, queryset):
        people = list(queryset[:2])
        if len(people) != 1:
            self.message_user(request, _("Select exactly one person."), messages.ERROR)
            return None
        if self._refuse_unpermitted(request, people):
            return None
        data = json.dumps(export_person_data(people[0]), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="person-{people[0].pk}-personal-data.json"'
        )
        return response

    @admin.action(description=_("Erase personal data"), permissions=("manage_personal_data",))
    def erase_personal_data(self, request, queryset):
        """First a confirmation page listing the people; the erasure runs only on its POST
        with ``confirm``."""
        people = list(queryset.order_by("pk"))
        if self._refuse_unpermitted(request, people):
            return None
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data?"),
                "opts": self.opts,
                "people": people,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "backoffice/erase_personal_data.html", context)
        erased = 0
        for person in people:
            try:
                erase_person(person, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    f"{_('Person')} #{person.pk}: {'; '.join(exc.messages)}",
                    messages.ERROR,
                )
            else:
                erased += 1
        self.message_user(
            request,
            ngettext("%(n)d person erased.", "%(n)d people erased.", erased) % {"n": erased},
            messages.SUCCESS,
        )
        return None
