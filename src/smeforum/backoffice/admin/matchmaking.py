"""B2B matchmaking: organisations' profiles and their cooperation opportunities, moderated here;
each edition's rules for meeting requests, the requests and the ratings of meetings.

Organisers with ``matchmaking`` see the profiles confirmed for their editions and the
opportunities of their editions (evergreen ones: of their series, or of profiles confirmed for
their editions). Opportunities are published or rejected (with a note to the owner) with the
list's actions, through the domain's moderation functions; organisers' corrections to an
opportunity leave its status as it is, and one they enter starts ``submitted``.

An edition's request rules are saved with ``set_request_policy``; its B2B session is one of
that edition's. Requests and ratings are only read here (participants make them on the
portal); ratings are seen by organisers only. Each edition's overview
(``…/requestpolicy/<edition id>/overview/``) counts the requests per organisation.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from smeforum.accounts import queries
from smeforum.backoffice.admin.mixins import DomainWriteAdmin, ReadOnlyAdmin
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.forums.models import Edition
from smeforum.matchmaking.domain import (
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    save_profile,
    set_request_policy,
)
from smeforum.matchmaking.models import (
    MeetingRating,
    MeetingRequest,
    Opportunity,
    Profile,
    RequestPolicy,
)
from smeforum.matchmaking.overview import rating_counts, request_overview
from smeforum.scheduling.models import B2BSession


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


# --- meeting requests -------------------------------------------------------------------------


def _editions(request):
    """The editions whose requests the user sees: all for platform admins, else those where
    they hold ``matchmaking``."""
    if request.user.is_superuser:
        return Edition.objects.all()
    return queries.editions_with_permission(request.user, "matchmaking")


def edition_filter(lookup: str) -> type[admin.SimpleListFilter]:
    """A list filter on the edition at ``lookup``, offering only the user's editions."""

    class EditionFilter(admin.SimpleListFilter):
        title = _("edition")
        parameter_name = "edition"

        def lookups(self, request, model_admin):
            editions = Edition.objects.filter(pk__in=_editions(request)).select_related("series")
            ordered = editions.order_by("series__slug", "number")
            return [(str(edition.pk), str(edition)) for edition in ordered]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{lookup: self.value()})
            return queryset

    return EditionFilter


def _overview_url(edition_id: int) -> str:
    return reverse("admin:matchmaking_requestpolicy_overview", args=[edition_id])


@admin.register(RequestPolicy)
class RequestPolicyAdmin(MatchmakingAdminMixin, DomainWriteAdmin):
    """An edition's rules for meeting requests, and the link to its overview."""

    domain_save = staticmethod(set_request_policy)

    list_display = (
        "edition",
        "b2b",
        "requests_close_column",
        "answers_close_column",
        "max_open_requests",
        "max_meetings",
        "overview_link",
    )
    list_select_related = ("edition__series", "b2b__session")
    fields = (
        "edition",
        "b2b",
        "requests_close_at",
        "answers_close_at",
        "max_open_requests",
        "max_meetings",
        "times_in",
        "overview_link",
    )
    readonly_fields = ("times_in", "overview_link")

    @staticmethod
    def _local(obj: RequestPolicy, when) -> str:
        if when is None:
            return "—"
        local = timezone.localtime(when, obj.edition.tz)
        return f"{local:%Y-%m-%d %H:%M} ({obj.edition.time_zone})"

    @admin.display(description=_("requests close at"), ordering="requests_close_at")
    def requests_close_column(self, obj: RequestPolicy) -> str:
        return self._local(obj, obj.requests_close_at)

    @admin.display(description=_("answers close at"), ordering="answers_close_at")
    def answers_close_column(self, obj: RequestPolicy) -> str:
        return self._local(obj, obj.answers_close_at)

    @admin.display(description=_("times in"))
    def times_in(self, obj: RequestPolicy) -> str:
        if obj.edition_id is None:
            return gettext("the edition's time zone")
        return obj.edition.time_zone

    def _edition_of(self, request, object_id) -> Edition | None:
        if object_id is not None:
            policy = self.get_object(request, object_id)
            return policy.edition if policy is not None else None
        chosen = request.POST.get("edition") or request.GET.get("edition")
        if chosen and str(chosen).isdigit():
            return Edition.objects.filter(pk=chosen).first()
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Deadlines are entered and shown in the edition's time zone."""
        edition = self._edition_of(request, object_id)
        if edition is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(edition.tz):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):  # rendered here, in the edition's time zone
                response.render()
            return response

    @admin.display(description=_("overview"))
    def overview_link(self, obj: RequestPolicy) -> str:
        if obj.edition_id is None:
            return "—"
        return format_html('<a href="{}">{}</a>', _overview_url(obj.edition_id), _("Overview"))

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "edition") if obj is not None else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "b2b":
            kwargs["queryset"] = B2BSession.objects.filter(
                session__edition__in=_editions(request)
            ).select_related("session__edition__series")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("b2b")
        if field is not None and obj is not None:  # only the edition's own B2B sessions
            field.queryset = field.queryset.filter(session__edition_id=obj.edition_id)
        return form

    def get_urls(self):
        overview = self.admin_site.admin_view(self.overview_view)
        return [
            path("<int:edition_id>/overview/", overview, name="matchmaking_requestpolicy_overview"),
            *super().get_urls(),
        ]

    def overview_view(self, request, edition_id: int):
        """Per organisation of the edition: its requests, answers, acceptance rate and
        meetings against the edition's limit; totals; the ratings' counts."""
        if not request.user.has_perm("matchmaking.view_requestpolicy"):
            raise PermissionDenied
        edition = (
            Edition.objects.filter(pk__in=_editions(request), pk=edition_id)
            .select_related("series")
            .first()
        )
        if edition is None:
            raise Http404(gettext("No such record in the editions you organise."))
        rows = request_overview(edition)
        policy = RequestPolicy.objects.filter(edition=edition).first()
        counts = rating_counts(edition)
        sessions = B2BSession.objects.filter(session__edition=edition).select_related("session")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Meeting requests at %(edition)s") % {"edition": edition},
            "edition": edition,
            "rows": rows,
            "totals": _totals(rows),
            "ratings": [(label, counts[value]) for value, label in MeetingRating.Value.choices],
            "policy": policy,
            "policy_url": reverse("admin:matchmaking_requestpolicy_change", args=[policy.pk])
            if policy
            else reverse("admin:matchmaking_requestpolicy_add"),
            "boards": [
                (b2b, reverse("admin:scheduling_b2bsession_board", args=[b2b.pk]))
                for b2b in sessions.order_by("session__day", "pk")
            ],
            "requests_url": reverse("admin:matchmaking_meetingrequest_changelist")
            + f"?edition={edition.pk}",
            "ratings_url": reverse("admin:matchmaking_meetingrating_changelist")
            + f"?edition={edition.pk}",
        }
        return TemplateResponse(request, "backoffice/request_overview.html", context)


def _totals(rows: list[dict]) -> dict:
    """The edition's totals: each request is sent by one organisation, and an accepted one is
    a meeting of two."""
    total = {key: sum(row[key] for row in rows) for key in ("sent", "accepted", "declined", "open")}
    answered = total["accepted"] + total["declined"]
    total["acceptance_rate"] = round(total["accepted"] / answered, 3) if answered else None
    total["organisations"] = len(rows)
    total["agenda_full"] = sum(1 for row in rows if row["agenda_full"])
    return total


@admin.register(MeetingRequest)
class MeetingRequestAdmin(MatchmakingAdminMixin, ReadOnlyAdmin):
    """Requests, read here; participants send and answer them on the portal."""

    read_only = True
    list_display = (
        "created_at",
        "sender_column",
        "receiver_column",
        "status",
        "is_mutual",
        "priority",
        "meeting_link",
        "edition",
    )
    list_select_related = (
        "edition__series",
        "sender__profile__organisation",
        "receiver__profile__organisation",
        "meeting",
    )
    list_filter = (edition_filter("edition"), "status", "is_mutual", "priority")
    search_fields = (
        "sender__profile__organisation__name",
        "sender__profile__organisation__name_en",
        "receiver__profile__organisation__name",
        "receiver__profile__organisation__name_en",
    )
    fields = (
        "edition",
        "sender_column",
        "receiver_column",
        "status",
        "is_mutual",
        "priority",
        "message",
        "decline_reason",
        "created_at",
        "answered_at",
        "meeting_link",
    )
    readonly_fields = fields

    @admin.display(description=_("from"), ordering="sender__profile__organisation__name")
    def sender_column(self, obj: MeetingRequest) -> str:
        return str(obj.sender.profile.organisation)

    @admin.display(description=_("to"), ordering="receiver__profile__organisation__name")
    def receiver_column(self, obj: MeetingRequest) -> str:
        return str(obj.receiver.profile.organisation)

    @admin.display(description=_("meeting"))
    def meeting_link(self, obj: MeetingRequest) -> str:
        if obj.meeting is None:
            return "—"
        url = reverse(
            "admin:scheduling_b2bsession_meeting", args=[obj.meeting.b2b_id, obj.meeting_id]
        )
        return format_html('<a href="{}">{}</a>', url, obj.meeting)


@admin.register(MeetingRating)
class MeetingRatingAdmin(MatchmakingAdminMixin, ReadOnlyAdmin):
    """What each party thought of a meeting; organisers only see these."""

    read_only = True
    edition_lookup = "rater__edition"
    list_display = ("meeting", "rater_column", "value", "comment", "rated_at", "edition_column")
    list_select_related = ("meeting", "rater__profile__organisation", "rater__edition__series")
    list_filter = (edition_filter("rater__edition"), "value")
    search_fields = ("rater__profile__organisation__name", "rater__profile__organisation__name_en")
    fields = ("meeting", "rater_column", "value", "comment", "rated_at", "edition_column")
    readonly_fields = fields

    @admin.display(description=_("rated by"), ordering="rater__profile__organisation__name")
    def rater_column(self, obj: MeetingRating) -> str:
        return str(obj.rater.profile.organisation)

    @admin.display(description=_("edition"), ordering="rater__edition")
    def edition_column(self, obj: MeetingRating) -> str:
        return str(obj.rater.edition)
