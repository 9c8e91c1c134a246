"""B2B sessions: their set-up and schedule pages (``backoffice/schedule/``), attendees,
meetings and solver runs.

A B2B session is made and changed on its set-up page (the add view opens it) and scheduled on
its board; its record page only links there. Attendees are added on the board's attendees page
and changed here with ``update_attendee``; meetings and runs are read here and changed on the
board.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smeforum.backoffice.admin.mixins import DomainWriteAdmin, ReadOnlyAdmin
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.backoffice.schedule import agendas, board, imports, printouts
from smeforum.backoffice.schedule.forms import slot_label
from smeforum.scheduling.domain.setup import update_attendee
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, MeetingParty, ScheduleRun


def _link(name: str, args: list, text: str) -> str:
    return format_html('<a href="{}">{}</a>', reverse(f"admin:{name}", args=args), text)


@admin.register(B2BSession)
class B2BSessionAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    view_flags = ("matchmaking",)
    write_flag = "matchmaking"
    edition_lookup = "session__edition"

    list_display = ("session", "edition_column", "slot_minutes", "time_limit", "schedule_link")
    list_select_related = ("session__edition__series",)
    fields = ("session", "slot_minutes", "time_limit", "schedule_link")
    readonly_fields = ("session", "slot_minutes", "time_limit", "schedule_link")

    @admin.display(description=_("edition"), ordering="session__edition")
    def edition_column(self, obj: B2BSession):
        return obj.session.edition

    @admin.display(description=_("schedule"))
    def schedule_link(self, obj: B2BSession) -> str:
        return _link("scheduling_b2bsession_board", [obj.pk], _("Schedule"))

    def add_view(self, request, form_url="", extra_context=None):
        """A new B2B session is set up from a matchmaking session on the set-up page."""
        return board.setup_view(self, request)

    def get_urls(self):
        return (
            board.urls(self)
            + imports.urls(self)
            + printouts.urls(self)
            + agendas.urls(self)
            + super().get_urls()
        )


def _keep_for_update_attendee(attendee: Attendee, *, actor) -> Attendee:
    """Nothing written yet: ``update_attendee`` writes the attendee with its slots (below)."""
    return attendee


def _update_attendee(attendee: Attendee, *, unavailable_slots, actor) -> Attendee:
    with timezone.override(attendee.edition.tz):  # refusals name slots in the edition's time
        return update_attendee(
            attendee,
            capacity=attendee.capacity,
            max_meetings=attendee.max_meetings,
            unavailable_slots=unavailable_slots,
            actor=actor,
        )


class SchedulingAdminMixin(RulesPermissionsMixin):
    view_flags = ("matchmaking",)
    write_flag = "matchmaking"
    edition_lookup = "b2b__session__edition"


@admin.register(Attendee)
class AttendeeAdmin(SchedulingAdminMixin, DomainWriteAdmin):
    """An attendee's limits and the slots they cannot attend (``update_attendee``, one
    transaction). Attendees are added on the B2B session's attendees page."""

    domain_save = staticmethod(_keep_for_update_attendee)
    m2m_writers = {"unavailable_slots": _update_attendee}

    list_display = ("__str__", "organisation_column", "b2b", "capacity", "max_meetings")
    list_select_related = ("registration__person__organisation", "b2b__session")
    search_fields = ("registration__person__name", "registration__person__name_latin")
    fields = ("b2b", "registration", "capacity", "max_meetings", "unavailable_slots")
    readonly_fields = ("b2b", "registration")
    filter_horizontal = ("unavailable_slots",)

    @admin.display(description=_("organisation"))
    def organisation_column(self, obj: Attendee) -> str:
        return str(obj.registration.person.organisation or "")

    def has_add_permission(self, request, *args):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("unavailable_slots")
        if field is not None and obj is not None:
            tz = obj.b2b.session.edition.tz
            field.queryset = obj.b2b.slots.order_by("starts_at")
            field.label_from_instance = lambda slot: slot_label(slot, tz)
        return form


def _parties_prefetch() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=MeetingParty.objects.select_related("attendee__registration__person").order_by(
            "id"
        ),
    )


@admin.register(Meeting)
class MeetingAdmin(SchedulingAdminMixin, ReadOnlyAdmin):
    """Meetings, read here; entered, moved and cancelled on the B2B session's board."""

    read_only = True
    list_display = (
        "__str__",
        "parties_column",
        "b2b",
        "weight",
        "status",
        "slot",
        "table",
        "is_fixed",
        "board_link",
    )
    list_select_related = ("b2b__session", "slot", "table")
    list_filter = ("status", "is_fixed")
    fields = (
        "b2b",
        "parties_column",
        "weight",
        "status",
        "slot",
        "table",
        "is_fixed",
        "board_link",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(_parties_prefetch())

    @admin.display(description=pgettext_lazy("B2B meeting", "participants"))
    def parties_column(self, obj: Meeting) -> str:
        return ", ".join(str(party.attendee) for party in obj.parties.all())

    @admin.display(description=_("schedule"))
    def board_link(self, obj: Meeting) -> str:
        return _link("scheduling_b2bsession_meeting", [obj.b2b_id, obj.pk], _("Open on the board"))


@admin.register(ScheduleRun)
class ScheduleRunAdmin(SchedulingAdminMixin, ReadOnlyAdmin):
    """The solver's runs, read only."""

    read_only = True
    list_display = ("__str__", "b2b", "status", "progress", "phase", "created_at", "finished_at")
    list_select_related = ("b2b__session",)
    list_filter = ("status",)
    fields = (
        "b2b",
        "status",
        "keep_previous",
        "progress",
        "phase",
        "requested_by",
        "created_at",
        "finished_at",
        "stats",
        "error",
    )
    readonly_fields = fields
