"""B2B matchmaking: organisations' profiles and their cooperation opportunities, moderated here.

Organisers with ``matchmaking`` see the profiles confirmed for their editions and the
opportunities of their editions (evergreen ones: of their series, or of profiles confirmed for
their editions). Opportunities are published or rejected (with a note to the owner) with the
list's actions, through the domain's moderation functions; organisers' corrections to an
opportunity leave its status as it is, and one they enter starts ``submitted``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smeforum.accounts import queries
from smeforum.backoffice.admin.mixins import DomainWriteAdmin
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.matchmaking.domain import (
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    save_profile,
)
from smeforum.matchmaking.models import Opportunity, Profile


def _save_profile(profile: Profile, *, actor) -> Profile:
    """The profile's fields; its sectors follow with ``m2m_writers`` (unchanged until then)."""
    sectors = list(profile.sectors.all()) if profile.pk else []
    return save_profile(profile, sectors=sectors, actor=actor)


def _save_profile_sectors(profile: Profile, *, sectors, actor) -> Profile:
    return save_profile(profile, sectors=sectors, actor=actor)


def _save_opportunity(opportunity: Opportunity, *, actor) -> Opportunity:
    """An organiser's correction: the status stays (moderation is the list's actions). One an
    organiser enters on an organisation's behalf starts ``submitted``, ready to publish."""
    if opportunity.pk is None:
        opportunity.status = Opportunity.Status.SUBMITTED
    return save_opportunity(opportunity, by_owner=False, actor=actor)


def _save_opportunity_sectors(opportunity: Opportunity, *, sectors, actor) -> Opportunity:
    return save_opportunity(opportunity, sectors=sectors, by_owner=False, actor=actor)


class MatchmakingAdminMixin(RulesPermissionsMixin):
    view_flags = ("matchmaking",)
    write_flag = "matchmaking"


@admin.register(Profile)
class ProfileAdmin(MatchmakingAdminMixin, DomainWriteAdmin):
    domain_save = staticmethod(_save_profile)
    m2m_writers = {"sectors": _save_profile_sectors}

    list_display = ("organisation", "size_class", "description_language", "updated_at")
    list_select_related = ("organisation",)
    list_filter = ("size_class",)
    search_fields = ("organisation__name", "organisation__name_en")
    fields = (
        "organisation",
        "description_original",
        "description_language",
        "description_en",
        "sectors",
        "size_class",
        "countries_of_interest",
        "languages",
        "confirmed_for",
        "version",
        "updated_at",
    )
    readonly_fields = ("confirmed_for", "version", "updated_at")
    filter_horizontal = ("sectors",)

    def scope_queryset(self, request, queryset):
        editions = queries.editions_with_permission(request.user, "matchmaking")
        return queryset.filter(editions__edition__in=editions).distinct()

    @admin.display(description=_("confirmed for"))
    def confirmed_for(self, obj: Profile) -> str:
        if obj.pk is None:
            return "—"
        rows = obj.editions.select_related("edition__series").order_by("edition__start_date")
        return ", ".join(str(row.edition) for row in rows) or "—"


@admin.register(Opportunity)
class OpportunityAdmin(MatchmakingAdminMixin, DomainWriteAdmin):
    domain_save = staticmethod(_save_opportunity)
    m2m_writers = {"sectors": _save_opportunity_sectors}
    fk_select_related = {"profile": ("organisation",)}

    list_display = ("title", "profile", "kind", "edition", "status", "updated_at")
    list_select_related = ("profile__organisation", "edition__series")
    list_filter = ("status", "kind")
    search_fields = ("title", "summary", "keywords", "external_id")
    fields = (
        "profile",
        "series",
        "edition",
        "kind",
        "title",
        "summary",
        "language",
        "sectors",
        "keywords",
        "partnerships",
        "target_countries",
        "technology_readiness",
        "expires_on",
        "status",
        "moderation_note",
        "external_id",
        "version",
    )
    readonly_fields = ("status", "moderation_note", "version")
    filter_horizontal = ("sectors",)
    actions = ("publish_selected", "reject_selected")

    def scope_queryset(self, request, queryset):
        editions = queries.editions_with_permission(request.user, "matchmaking")
        evergreen = Q(series__editions__in=editions) | Q(profile__editions__edition__in=editions)
        return queryset.filter(
            Q(edition__in=editions) | Q(edition__isnull=True) & evergreen
        ).distinct()

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("matchmaking.moderate_opportunity")

    def _moderate(self, request, queryset, move, *, note: str, done) -> None:
        """Apply ``move`` to each opportunity the user may moderate; ``done(n)`` words the
        result."""
        moved = 0
        for opportunity in queryset.order_by("pk"):
            if not request.user.has_perm("matchmaking.moderate_opportunity", opportunity):
                continue
            try:
                move(opportunity, note=note, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("%(opportunity)s: %(error)s")
                    % {"opportunity": opportunity, "error": " ".join(exc.messages)},
                    messages.ERROR,
                )
                continue
            moved += 1
        self.message_user(request, done(moved), messages.SUCCESS)

    @admin.action(description=_("Publish the selected opportunities"), permissions=("moderate",))
    def publish_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            publish_opportunity,
            note="",
            done=lambda n: (
                ngettext("%(n)d opportunity published.", "%(n)d opportunities published.", n)
                % {"n": n}
            ),
        )

    @admin.action(description=_("Reject the selected opportunities"), permissions=("moderate",))
    def reject_selected(self, request, queryset):
        """First a page asking for the note to the owners; the rejection runs on its POST."""
        note = request.POST.get("note", "").strip()
        if request.POST.get("confirm") != "yes" or not note:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Reject these opportunities?"),
                "opts": self.opts,
                "opportunities": list(queryset.order_by("pk")),
                "note_missing": request.POST.get("confirm") == "yes",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "backoffice/reject_opportunities.html", context)
        self._moderate(
            request,
            queryset,
            reject_opportunity,
            note=note,
            done=lambda n: (
                ngettext("%(n)d opportunity rejected.", "%(n)d opportunities rejected.", n)
                % {"n": n}
            ),
        )
        return None
