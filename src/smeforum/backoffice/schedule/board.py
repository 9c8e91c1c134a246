"""The organiser's schedule pages of a B2B session, under its admin URLs:

* set-up (``…_setup``; a new one is the model admin's add view): days and times in the
  edition's time zone, breaks, slot length, tables, solver time limit;
* the board (``…_board``): slots × tables, each meeting with its parties, the counts, the
  latest solver run and the unscheduled meetings with the solver's reason in words; its
  meeting requests and agendas section is ``agendas``'s;
* solving (``…_solve``, POST) in the background, with a progress bar (``…_progress``) that
  htmx polls every second; without JavaScript the board shows the status and is reloaded by
  hand;
* one meeting (``…_meeting``) and what can be done to it by hand, each a POST: move it
  (``…_move``), take it out (``…_unplace``), fix or unfix it (``…_fix``), cancel it
  (``…_cancel``); every change carries the meeting's version the organiser saw;
* entering attendees from the edition's registrations (``…_attendees``) and meetings between
  them (``…_add_meeting``).

Every page asks the B2B session's permissions (``scheduling.view/change_b2bsession``, which
platform admins and organisers with ``matchmaking`` hold): none anywhere is a 403, another
edition's B2B session a 404. Every write is a domain function of ``scheduling.domain``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from smeforum.accounts.queries import editions_with_permission
from smeforum.backoffice.schedule import agendas, forms
from smeforum.backoffice.schedule.access import b2b_or_404
from smeforum.forums.models import Session
from smeforum.matchmaking.models import MeetingRequest
from smeforum.participants.models import Registration
from smeforum.scheduling import queries
from smeforum.scheduling.domain.meetings import (
    add_attendee,
    cancel_meeting,
    place_meeting,
    request_meeting,
    unplace_meeting,
)
from smeforum.scheduling.domain.runs import start_schedule_run
from smeforum.scheduling.domain.setup import configure_b2b_session
from smeforum.scheduling.models import B2BSession, Meeting, ScheduleRun
from smeforum.scheduling.reasons import describe_reason

TEMPLATES = "backoffice/schedule/"

#: The solver's phases (``ScheduleRun.phase``) in words.
PHASES = {
    "": gettext_lazy("waiting for a worker"),
    "reading": gettext_lazy("reading the meetings"),
    "bound": gettext_lazy("working out the best possible"),
    "construct": gettext_lazy("building a first schedule"),
    "search": gettext_lazy("improving the schedule"),
    "compact": gettext_lazy("closing gaps"),
    "done": gettext_lazy("done"),
}

#: Pages linked from every schedule page, by URL name suffix.
PAGES = ("board", "setup", "solve", "progress", "attendees", "add_meeting")


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    info = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"

    def page(route: str, view: Callable, suffix: str):
        def bound(request, **kwargs):
            return view(model_admin, request, **kwargs)

        return path(route, model_admin.admin_site.admin_view(bound), name=f"{info}_{suffix}")

    meeting = "<int:b2b_id>/meetings/<int:meeting_id>/"
    return [
        page("<int:b2b_id>/board/", board_view, "board"),
        page("<int:b2b_id>/setup/", setup_view, "setup"),
        page("<int:b2b_id>/solve/", solve_view, "solve"),
        page("<int:b2b_id>/progress/", progress_view, "progress"),
        page("<int:b2b_id>/attendees/", attendees_view, "attendees"),
        page("<int:b2b_id>/meetings/add/", add_meeting_view, "add_meeting"),
        page(meeting, meeting_view, "meeting"),
        page(meeting + "move/", move_view, "move"),
        page(meeting + "unplace/", unplace_view, "unplace"),
        page(meeting + "fix/", fix_view, "fix"),
        page(meeting + "cancel/", cancel_view, "cancel"),
    ]


# --- access and rendering ---------------------------------------------------------------------


def _b2b(model_admin, request, b2b_id: int, *, write: bool = False) -> B2BSession:
    return b2b_or_404(request, b2b_id, write=write)


def _meeting(b2b: B2BSession, meeting_id: int) -> Meeting:
    return get_object_or_404(queries.meetings_with_parties(b2b), pk=meeting_id)


def _url(model_admin, suffix: str, *args) -> str:
    opts = model_admin.opts
    name = f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{suffix}"
    return reverse(name, args=args)


def _redirect(model_admin, suffix: str, *args) -> HttpResponseRedirect:
    return HttpResponseRedirect(_url(model_admin, suffix, *args))


def _render(model_admin, request, template: str, b2b: B2BSession | None, title: str, **context):
    links = {suffix: _url(model_admin, suffix, b2b.pk) for suffix in PAGES} if b2b else {}
    if b2b is not None:
        for suffix in ("change", "import", "agendas_pdf", "table_plan_pdf", *agendas.SUFFIXES):
            links[suffix] = _url(model_admin, suffix, b2b.pk)
    page = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "b2b": b2b,
        "edition": b2b.session.edition if b2b else None,
        "links": links,
        "can_change": b2b is not None
        and request.user.has_perm("scheduling.change_b2bsession", b2b),
        **context,
    }
    return TemplateResponse(request, TEMPLATES + template, page)


def _not_post(request) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _names(meetings) -> dict[str, str]:
    """The engine's participant keys (``a<attendee pk>``) of ``meetings``' parties -> names."""
    return {
        queries.attendee_key(party.attendee_id): str(party.attendee)
        for meeting in meetings
        for party in meeting.parties.all()
    }


# --- set-up -----------------------------------------------------------------------------------


def _free_sessions(user):
    """Matchmaking sessions of the user's editions (with ``matchmaking``) not yet set up."""
    return (
        Session.objects.filter(
            kind=Session.Kind.MATCHMAKING,
            b2b__isnull=True,
            edition__in=editions_with_permission(user, "matchmaking"),
        )
        .select_related("edition__series")
        .order_by("edition", "day", "starts_at", "pk")
    )


def _setup_initial(b2b: B2BSession | None, session: Session | None) -> dict:
    if b2b is not None:
        windows, breaks = forms.describe_slots(
            b2b.slots.order_by("starts_at"), b2b.session.edition.tz
        )
        return {
            "windows": windows,
            "breaks": breaks,
            "slot_minutes": b2b.slot_minutes,
            "table_count": b2b.tables.count(),
            "time_limit": b2b.time_limit,
        }
    initial = {"slot_minutes": 20, "table_count": 10, "time_limit": 10}
    if session is not None:
        initial["session"] = session.pk
        if session.starts_at and session.ends_at:
            tz = session.edition.tz
            start = timezone.localtime(session.starts_at, tz)
            end = timezone.localtime(session.ends_at, tz)
            initial["windows"] = f"{session.day:%Y-%m-%d} {start:%H:%M}–{end:%H:%M}"
    return initial


def setup_view(model_admin, request, b2b_id: int | None = None):
    """A B2B session's set-up; without ``b2b_id`` (the add view), a new one from a
    matchmaking session (``?session=<pk>`` picks it)."""
    if b2b_id is None:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        b2b, sessions = None, _free_sessions(request.user)
        picked = sessions.filter(pk=request.GET.get("session") or 0).first()
        form_kwargs = {"sessions": sessions, "initial": _setup_initial(None, picked)}
    else:
        b2b = _b2b(model_admin, request, b2b_id, write=True)
        form_kwargs = {"session": b2b.session, "initial": _setup_initial(b2b, None)}
    form = forms.SetupForm(request.POST if request.method == "POST" else None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        data, session = form.cleaned_data, form.session_obj
        try:
            with timezone.override(session.edition.tz):
                b2b = configure_b2b_session(
                    session,
                    windows=data["window_pairs"],
                    breaks=data["break_pairs"],
                    slot_minutes=data["slot_minutes"],
                    table_count=data["table_count"],
                    time_limit=data["time_limit"],
                    actor=request.user,
                )
        except ValidationError as error:
            forms.add_refusal(form, error, forms.SetupForm.DOMAIN_FIELDS)
        else:
            slots = b2b.slots.count()
            messages.success(
                request,
                ngettext(
                    "%(session)s is set up: %(n)s slot.",
                    "%(session)s is set up: %(n)s slots.",
                    slots,
                )
                % {"session": session, "n": slots},
            )
            return _redirect(model_admin, "board", b2b.pk)
    title = _("Set up %(session)s") % {"session": b2b} if b2b else _("Set up a B2B session")
    return _render(model_admin, request, "setup.html", b2b, title, form=form)


# --- the board --------------------------------------------------------------------------------


def _run_context(model_admin, b2b: B2BSession, run: ScheduleRun | None) -> dict:
    return {
        "run": run,
        "phase": PHASES.get(run.phase, run.phase) if run else "",
        "progress_url": _url(model_admin, "progress", b2b.pk),
        "board_url": _url(model_admin, "board", b2b.pk),
    }


def board_view(model_admin, request, b2b_id: int):
    """The schedule as slots × tables, with the unscheduled meetings and the latest run; a
    fixed number of queries whatever its size."""
    b2b = _b2b(model_admin, request, b2b_id)
    tz = b2b.session.edition.tz
    grid = queries.schedule_grid(b2b)
    placed = [m for _slot, cells in grid.rows for m in cells if m is not None]
    names = _names([*placed, *grid.unscheduled])
    rows = [
        {
            "day": timezone.localtime(slot.starts_at, tz).date(),
            "label": forms.slot_label(slot, tz, with_day=False),
            "cells": [
                (m, _url(model_admin, "meeting", b2b.pk, m.pk) if m else None) for m in cells
            ],
        }
        for slot, cells in grid.rows
    ]
    unscheduled = [
        (
            m,
            _url(model_admin, "meeting", b2b.pk, m.pk),
            describe_reason(m.unscheduled_reason, names),
        )
        for m in grid.unscheduled
    ]
    counts = {
        "meetings": len(placed) + len(grid.unscheduled) + grid.cancelled,
        "scheduled": len(placed),
        "unscheduled": len(grid.unscheduled),
        "cancelled": grid.cancelled,
        "attendees": b2b.attendees.count(),
    }
    return _render(
        model_admin,
        request,
        "board.html",
        b2b,
        _("Schedule of %(session)s") % {"session": b2b},
        tables=grid.tables,
        rows=rows,
        several_days=len({row["day"] for row in rows}) > 1,
        unscheduled=unscheduled,
        counts=counts,
        solve_form=forms.SolveForm(),
        time_zone=b2b.session.edition.time_zone,
        **_run_context(model_admin, b2b, queries.latest_run(b2b)),
        **agendas.board_context(b2b),
    )


def solve_view(model_admin, request, b2b_id: int):
    """Start the solver in the background (POST); back to the board, which shows progress."""
    b2b = _b2b(model_admin, request, b2b_id, write=True)
    if refused := _not_post(request):
        return refused
    form = forms.SolveForm(request.POST)
    keep = form.cleaned_data["keep_previous"] if form.is_valid() else True
    try:
        start_schedule_run(b2b, keep_previous=keep, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The solver has started."))
    return _redirect(model_admin, "board", b2b.pk)


def progress_view(model_admin, request, b2b_id: int):
    """The latest run's progress bar. Polled by htmx while the run is queued or running; once
    it has ended, ``HX-Refresh`` reloads the board to show the schedule."""
    b2b = _b2b(model_admin, request, b2b_id)
    run = queries.latest_run(b2b)
    response = TemplateResponse(
        request, TEMPLATES + "_progress.html", _run_context(model_admin, b2b, run)
    )
    if run is not None and not run.is_active and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


# --- one meeting by hand ------------------------------------------------------------------------


def _move_form(b2b: B2BSession, **kwargs) -> forms.MoveForm:
    return forms.MoveForm(
        slots=b2b.slots.order_by("starts_at"),
        tables=b2b.tables.order_by("number"),
        tz=b2b.session.edition.tz,
        **kwargs,
    )


def _meeting_page(model_admin, request, b2b: B2BSession, meeting: Meeting, move_form=None):
    tz = b2b.session.edition.tz
    if move_form is None:
        initial = {
            "slot": meeting.slot_id,
            "table": meeting.table_id,
            "fixed": meeting.is_fixed,
            "version": meeting.version,
        }
        move_form = _move_form(b2b, initial=initial)
    unscheduled = meeting.slot_id is None and meeting.status == Meeting.Status.ACCEPTED
    return _render(
        model_admin,
        request,
        "meeting.html",
        b2b,
        _("Meeting %(id)s") % {"id": meeting.pk},
        meeting=meeting,
        where=forms.slot_label(meeting.slot, tz) if meeting.slot else "",
        reason=describe_reason(meeting.unscheduled_reason, _names([meeting]))
        if unscheduled
        else "",
        move_form=move_form,
        action_urls={
            suffix: _url(model_admin, suffix, b2b.pk, meeting.pk)
            for suffix in ("move", "unplace", "fix", "cancel")
        },
        trace=_trace(request, meeting),
    )


def _trace(request, meeting: Meeting) -> dict:
    """Where the meeting came from and what it led to: its request, the parties' ratings (the
    board's users look after matchmaking, so they see them) and the outcomes naming it, each
    linked where the user may open it."""
    request_row = MeetingRequest.objects.filter(meeting=meeting).first()
    ratings = meeting.ratings.select_related("rater__profile__organisation").order_by("pk")
    outcomes = []
    for outcome in meeting.outcomes.select_related("kind").order_by("signed_on", "pk"):
        link = ""
        if request.user.has_perm("outcomes.view_outcome", outcome):
            link = reverse("admin:outcomes_outcome_change", args=[outcome.pk])
        outcomes.append({"outcome": outcome, "link": link})
    return {"request": request_row, "ratings": list(ratings), "outcomes": outcomes}


def meeting_view(model_admin, request, b2b_id: int, meeting_id: int):
    b2b = _b2b(model_admin, request, b2b_id)
    return _meeting_page(model_admin, request, b2b, _meeting(b2b, meeting_id))


def move_view(model_admin, request, b2b_id: int, meeting_id: int):
    """Put a meeting at a slot and table (POST). A refusal shows the meeting's page again with
    every rule the move breaks; a meeting changed meanwhile is refused, not overwritten."""
    b2b = _b2b(model_admin, request, b2b_id, write=True)
    if refused := _not_post(request):
        return refused
    meeting = _meeting(b2b, meeting_id)
    tz = b2b.session.edition.tz
    form = _move_form(b2b, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with timezone.override(tz):
                moved = place_meeting(
                    meeting,
                    slot=data["slot"],
                    table=data["table"],
                    version=data["version"],
                    fixed=data["fixed"],
                    actor=request.user,
                )
        except ValidationError as error:
            forms.add_refusal(form, error, {})
            # Shown again as it is now: a second try moves what the organiser now sees.
            meeting = _meeting(b2b, meeting_id)
            form.data = form.data.copy()
            form.data["version"] = meeting.version
        else:
            messages.success(
                request,
                _("Meeting %(id)s is at %(table)s in %(slot)s.")
                % {"id": moved.pk, "table": moved.table, "slot": forms.slot_label(moved.slot, tz)},
            )
            return _redirect(model_admin, "board", b2b.pk)
    return _meeting_page(model_admin, request, b2b, meeting, move_form=form)


def _act(model_admin, request, b2b_id: int, meeting_id: int, form_class, act) -> HttpResponse:
    """A change to one meeting (POST): ``act(meeting, cleaned_data, actor)`` returns the
    message of success; its refusal is shown on the meeting's page."""
    b2b = _b2b(model_admin, request, b2b_id, write=True)
    if refused := _not_post(request):
        return refused
    meeting = _meeting(b2b, meeting_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete; nothing was changed."))
        return _redirect(model_admin, "meeting", b2b.pk, meeting.pk)
    try:
        with timezone.override(b2b.session.edition.tz):
            done = act(meeting, form.cleaned_data, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _redirect(model_admin, "meeting", b2b.pk, meeting.pk)
    messages.success(request, done)
    return _redirect(model_admin, "board", b2b.pk)


def unplace_view(model_admin, request, b2b_id: int, meeting_id: int):
    def act(meeting, data, actor):
        unplace_meeting(meeting, version=data["version"], actor=actor)
        return _("Meeting %(id)s was taken out of the schedule.") % {"id": meeting.pk}

    return _act(model_admin, request, b2b_id, meeting_id, forms.VersionForm, act)


def fix_view(model_admin, request, b2b_id: int, meeting_id: int):
    def act(meeting, data, actor):
        if meeting.slot_id is None:
            raise ValidationError(_("Only a placed meeting can be fixed."))
        place_meeting(
            meeting,
            slot=meeting.slot,
            table=meeting.table,
            version=data["version"],
            fixed=data["fixed"],
            actor=actor,
        )
        if data["fixed"]:
            return _("Meeting %(id)s is fixed: the solver keeps it where it is.") % {
                "id": meeting.pk
            }
        return _("Meeting %(id)s is no longer fixed.") % {"id": meeting.pk}

    return _act(model_admin, request, b2b_id, meeting_id, forms.FixForm, act)


def cancel_view(model_admin, request, b2b_id: int, meeting_id: int):
    def act(meeting, data, actor):
        if meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("This meeting is cancelled already."))
        if data["version"] != meeting.version:
            raise ValidationError(
                _("Someone else changed this meeting since you opened the schedule. Reload it.")
            )
        cancel_meeting(meeting, actor=actor)
        return _("Meeting %(id)s was cancelled.") % {"id": meeting.pk}

    return _act(model_admin, request, b2b_id, meeting_id, forms.VersionForm, act)


# --- entering attendees and meetings ------------------------------------------------------------


def attendees_view(model_admin, request, b2b_id: int):
    """The attendees, and adding several registrations of the edition at once (all or none)."""
    b2b = _b2b(model_admin, request, b2b_id, write=request.method == "POST")
    registrations = (
        Registration.objects.filter(edition=b2b.session.edition)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(b2b_attendances__b2b=b2b)
        .select_related("person__organisation")
        .order_by("person__name_latin", "person__name", "pk")
    )
    form = forms.AttendeesForm(
        request.POST if request.method == "POST" else None, registrations=registrations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                for registration in data["registrations"]:
                    add_attendee(
                        b2b,
                        registration=registration,
                        capacity=data["capacity"],
                        max_meetings=data["max_meetings"],
                        actor=request.user,
                    )
        except ValidationError as error:
            forms.add_refusal(form, error, {"registration": "registrations"})
        else:
            added = len(data["registrations"])
            messages.success(
                request,
                ngettext("%(n)s participant added.", "%(n)s participants added.", added)
                % {"n": added},
            )
            return _redirect(model_admin, "attendees", b2b.pk)
    accepted = Q(parties__meeting__status=Meeting.Status.ACCEPTED)
    attendees = (
        b2b.attendees.select_related("registration__person__organisation")
        .annotate(meeting_count=Count("parties", filter=accepted))
        .order_by("registration__person__name_latin", "registration__person__name", "pk")
    )
    return _render(
        model_admin,
        request,
        "attendees.html",
        b2b,
        _("Attendees of %(session)s") % {"session": b2b},
        form=form,
        attendees=attendees,
    )


def add_meeting_view(model_admin, request, b2b_id: int):
    """Record a meeting between two or more attendees, with its priority."""
    b2b = _b2b(model_admin, request, b2b_id, write=request.method == "POST")
    attendees = b2b.attendees.select_related("registration__person__organisation").order_by(
        "registration__person__name_latin", "registration__person__name", "pk"
    )
    form = forms.MeetingRequestForm(
        request.POST if request.method == "POST" else None, attendees=attendees
    )
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["attendees"])
        try:
            meeting = request_meeting(
                b2b, attendees=chosen, weight=form.cleaned_data["weight"], actor=request.user
            )
        except ValidationError as error:
            forms.add_refusal(form, error, {})
        else:
            messages.success(
                request,
                _("Meeting %(id)s added: %(people)s.")
                % {"id": meeting.pk, "people": ", ".join(str(a) for a in chosen)},
            )
            return _redirect(model_admin, "add_meeting", b2b.pk)
    return _render(
        model_admin,
        request,
        "add_meeting.html",
        b2b,
        _("Add a meeting to %(session)s") % {"session": b2b},
        form=form,
    )
