"""Forms of the schedule board (``board.py``): the set-up (days and times typed in the edition's
time zone), a hand move, and entering attendees and meetings. They check the input's shape;
the rules are the domain functions', whose refusals :func:`add_refusal` puts on the form."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from smeforum.forums.models import Session
from smeforum.participants.models import Registration
from smeforum.scheduling import validators
from smeforum.scheduling.models import Attendee, Slot, Table

Window = tuple[dt.datetime, dt.datetime]

#: "2025-05-20 09:00–17:00", "09:00-17:00" (hyphen, en dash or em dash).
_RANGE = re.compile(
    r"^(?:(?P<day>\d{4}-\d{1,2}-\d{1,2})\s+)?(?P<start>\d{1,2}[:.]\d{2})\s*[-–—]\s*"
    r"(?P<end>\d{1,2}[:.]\d{2})$"
)


def slot_label(slot: Slot, tz: ZoneInfo, *, with_day: bool = True) -> str:
    """``2025-05-20 14:00–14:20`` in ``tz`` (the edition's time zone)."""
    start = timezone.localtime(slot.starts_at, tz)
    end = timezone.localtime(slot.ends_at, tz)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}" if with_day else f"{start:%H:%M}–{end:%H:%M}"


def attendee_label(registration: Registration) -> str:
    """``Name — Organisation (CC)``."""
    person = registration.person
    organisation = person.organisation
    if organisation is None:
        return str(person)
    return f"{person} — {organisation} ({organisation.country})"


def describe_slots(slots: Iterable[Slot], tz: ZoneInfo) -> tuple[str, str]:
    """The days-and-times and breaks text that gives back ``slots`` (the set-up form's
    initial values for a B2B session set up before)."""
    days: dict[dt.date, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for slot in slots:
        start = timezone.localtime(slot.starts_at, tz)
        days[start.date()].append((start, timezone.localtime(slot.ends_at, tz)))
    windows, breaks = [], []
    for day, times in sorted(days.items()):
        times.sort()
        windows.append(f"{day:%Y-%m-%d} {times[0][0]:%H:%M}–{times[-1][1]:%H:%M}")
        for (_start, end), (after, _end) in pairwise(times):
            if after > end:
                breaks.append(f"{day:%Y-%m-%d} {end:%H:%M}–{after:%H:%M}")
    return "\n".join(windows), "\n".join(breaks)


def _time(text: str) -> dt.time:
    hours, minutes = re.split(r"[:.]", text)
    return dt.time(int(hours), int(minutes))


def parse_ranges(
    text: str, *, tz: ZoneInfo, days: list[dt.date], example: str
) -> tuple[list[Window], list[str]]:
    """Lines of ``[date] HH:MM–HH:MM`` as aware datetimes in ``tz``; a line without a date
    stands for each of ``days``. Returns ``(windows, problems)``, each problem naming its
    line."""
    windows: list[Window] = []
    problems: list[str] = []
    lines = [line.strip() for line in text.splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        match = _RANGE.match(line)
        try:
            if match is None:
                raise ValueError
            start, end = _time(match["start"]), _time(match["end"])
            on = [dt.date.fromisoformat(_iso_day(match["day"]))] if match["day"] else days
        except ValueError:
            problems.append(
                _("Line %(line)s: “%(text)s” is not a time range like %(example)s.")
                % {"line": number, "text": line, "example": example}
            )
            continue
        if end <= start:
            problems.append(
                _("Line %(line)s: “%(text)s” ends before it starts.")
                % {"line": number, "text": line}
            )
            continue
        for day in on:
            windows.append(
                (
                    dt.datetime.combine(day, start, tzinfo=tz),
                    dt.datetime.combine(day, end, tzinfo=tz),
                )
            )
    return windows, problems


def _iso_day(text: str) -> str:
    year, month, day = text.split("-")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def add_refusal(form: forms.Form, error: ValidationError, fields: dict[str, str]) -> None:
    """Put a domain function's refusal on ``form``: each message on the form field that
    ``fields`` maps its key to (or the key itself when the form has it), else at the top."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        field = fields.get(key, key)
        target = field if field in form.fields and key != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(target, message)


class SetupForm(forms.Form):
    """A B2B session's days and times, breaks, slot length, tables and solver time limit."""

    session = forms.ModelChoiceField(
        label=gettext_lazy("session"),
        queryset=Session.objects.none(),
        help_text=gettext_lazy("A B2B matchmaking session of the programme."),
    )
    windows = forms.CharField(
        label=gettext_lazy("days and times"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
    )
    breaks = forms.CharField(
        label=gettext_lazy("breaks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
    )
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("slot length (minutes)"), validators=[validators.validate_slot_minutes]
    )
    table_count = forms.IntegerField(
        label=gettext_lazy("tables"), validators=[validators.validate_table_count]
    )
    time_limit = forms.IntegerField(
        label=gettext_lazy("solver time limit (seconds)"),
        validators=[validators.validate_time_limit],
    )

    #: Where the domain's error keys land on this form.
    DOMAIN_FIELDS = {"starts_at": "windows", "ends_at": "windows"}

    def __init__(self, *args, session: Session | None = None, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_session = session
        if session is not None:
            del self.fields["session"]
            zone = session.edition.time_zone
        else:
            self.fields["session"].queryset = sessions
            self.fields["session"].label_from_instance = lambda s: f"{s} ({s.edition}, {s.day})"
            zone = _("the edition's time zone")
        self.fields["windows"].help_text = _(
            "One line per day: the date, when the meetings start and when they end, e.g. "
            "2025-05-20 09:00–17:00 (without a date: the session's day). Times in %(zone)s."
        ) % {"zone": zone}
        self.fields["breaks"].help_text = _(
            "One per line, e.g. 12:00–13:00 (every day) or 2025-05-20 12:00–13:00 (that day "
            "only). No meeting overlaps a break."
        )

    @property
    def session_obj(self) -> Session | None:
        return self.fixed_session or self.cleaned_data.get("session")

    def clean(self):
        cleaned = super().clean()
        session = self.session_obj
        if session is None or "windows" not in cleaned:
            return cleaned
        tz = session.edition.tz
        windows, problems = parse_ranges(
            cleaned["windows"], tz=tz, days=[session.day], example="2025-05-20 09:00–17:00"
        )
        for problem in problems:
            self.add_error("windows", problem)
        days = sorted({start.date() for start, _end in windows})
        breaks, problems = parse_ranges(
            cleaned.get("breaks", ""), tz=tz, days=days, example="12:00–13:00"
        )
        for problem in problems:
            self.add_error("breaks", problem)
        cleaned["window_pairs"], cleaned["break_pairs"] = windows, breaks
        return cleaned


class SolveForm(forms.Form):
    keep_previous = forms.BooleanField(
        label=gettext_lazy("keep placed meetings where they are"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Off: the solver may move every meeting that is not fixed. Fixed meetings always stay."
        ),
    )


class VersionForm(forms.Form):
    """A change to one meeting as the organiser saw it: its version when the page opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class FixForm(VersionForm):
    fixed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MoveForm(VersionForm):
    """Where to put a meeting: a slot, a table, and whether the solver must keep it there."""

    slot = forms.ModelChoiceField(label=gettext_lazy("slot"), queryset=Slot.objects.none())
    table = forms.ModelChoiceField(label=gettext_lazy("table"), queryset=Table.objects.none())
    fixed = forms.BooleanField(
        label=gettext_lazy("fixed"),
        required=False,
        help_text=gettext_lazy("The solver keeps a fixed meeting where it is."),
    )

    def __init__(self, *args, slots, tables, tz: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = lambda s: slot_label(s, tz)
        self.fields["table"].queryset = tables


class AttendeesForm(forms.Form):
    """Registrations of the edition to let take part, all with the same limits."""

    registrations = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("B2B meeting", "participants"),
        queryset=Registration.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy("Registrations of the edition not yet taking part; pick several."),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("meetings at once"),
        initial=1,
        validators=[validators.validate_capacity],
        help_text=gettext_lazy("For example 2 when an organisation sends two representatives."),
    )
    max_meetings = forms.IntegerField(
        label=gettext_lazy("most meetings"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Empty: no limit."),
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = registrations
        self.fields["registrations"].label_from_instance = attendee_label


class MeetingRequestForm(forms.Form):
    """A meeting that two or more attendees agreed to hold, with its priority."""

    attendees = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("B2B meeting", "participants"),
        queryset=Attendee.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy("Two or more attendees of this B2B session."),
    )
    weight = forms.IntegerField(
        label=gettext_lazy("priority"),
        initial=1,
        validators=[validators.validate_weight],
        help_text=gettext_lazy("Higher priorities are placed first (1–100)."),
    )

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = attendees
        self.fields["attendees"].label_from_instance = lambda a: attendee_label(a.registration)
