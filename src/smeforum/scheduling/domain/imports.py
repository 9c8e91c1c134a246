"""Importing B2B meetings from a CSV or XLSX file into a B2B session, all or nothing.

One row per meeting (the format is described in docs/scheduling.md, "Importing meetings"):
``participant_1`` ... ``participant_N`` (emails of people registered to the edition, at least
two filled), optional ``priority`` (1–100), ``slot`` and ``table`` (place the meeting there
and fix it) and ``reference`` (kept in the audit entry). Header names are case-insensitive,
in any order.

Every problem of the file is reported at once, with its row and column; with any problem
nothing is written. Placing goes through :func:`place_meeting` (``fixed=True``), so the hand
moves' rules apply, row after row, in the file's order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action
from smeforum.participants.models import Registration
from smeforum.reference.tabular import Problem, UnreadableFileError, read_records
from smeforum.scheduling import validators
from smeforum.scheduling.domain.meetings import add_attendee, place_meeting, request_meeting
from smeforum.scheduling.models import B2BSession, Meeting, MeetingParty, Slot, Table

#: The columns besides ``participant_1`` ... ``participant_N``.
OTHER_COLUMNS = ("priority", "slot", "table", "reference")
#: The header of the downloadable template.
TEMPLATE_COLUMNS = ("participant_1", "participant_2", "participant_3", *OTHER_COLUMNS)
PARTICIPANT_COLUMN = re.compile(r"participant_([1-9][0-9]*)")
DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
TIME_FORMATS = ("%H:%M", "%H:%M:%S")


@dataclass(frozen=True)
class ImportResult:
    meetings: int  # meetings added
    attendees: int  # people who became attendees of the B2B session
    fixed: int  # meetings placed and fixed


@dataclass
class _Row:
    line: int
    registrations: list[Registration]
    weight: int
    slot: Slot | None
    table: Table | None
    reference: str


@dataclass
class _Reading:
    """What the file says, checked against the B2B session, and every problem found."""

    problems: list[Problem] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # the header's names, in its order

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(Problem(line, column, message))


def _whole_number(text: str) -> int | None:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


class _Directory:
    """The edition's registrations by email (case-insensitive), its slots and tables."""

    def __init__(self, b2b: B2BSession, tz: ZoneInfo):
        self.by_email: dict[str, list[Registration]] = {}
        registrations = (
            Registration.objects.filter(edition=b2b.session.edition)
            .exclude(person__email="")
            .select_related("person")
            .order_by("pk")
        )
        for registration in registrations:
            key = registration.person.email.strip().lower()
            self.by_email.setdefault(key, []).append(registration)
        self.tz = tz
        self.slots = {s.starts_at: s for s in Slot.objects.filter(b2b=b2b).order_by("starts_at")}
        self.days = sorted({timezone.localtime(at, tz).date() for at in self.slots})
        self.tables = {t.number: t for t in Table.objects.filter(b2b=b2b)}

    def registration(self, email: str) -> tuple[Registration | None, str]:
        found = self.by_email.get(email.lower(), [])
        active = [r for r in found if r.status != Registration.Status.CANCELLED]
        if not found:
            return None, _("no registration with email %(email)s in this edition") % {
                "email": email
            }
        if not active:
            return None, _("the registration of %(email)s in this edition is cancelled") % {
                "email": email
            }
        if len(active) > 1:
            names = ", ".join(str(r.person) for r in active)
            return None, _(
                "%(email)s is the email of several people registered to this edition (%(names)s)"
            ) % {"email": email, "names": names}
        return active[0], ""

    def slot(self, text: str) -> tuple[Slot | None, str]:
        at = _parse(text, DATETIME_FORMATS, self.tz)
        if at is None:
            time = _parse(text, TIME_FORMATS, self.tz)
            if time is None:
                return None, _('"%(value)s" is not a time: write HH:MM or YYYY-MM-DD HH:MM') % {
                    "value": text
                }
            if len(self.days) > 1:
                return None, _(
                    "this B2B session runs over several days: write the date too, as "
                    "YYYY-MM-DD HH:MM"
                )
            if not self.days:
                return None, _("this B2B session has no slots yet")
            at = dt.datetime.combine(self.days[0], time.time(), tzinfo=self.tz)
        slot = self.slots.get(at)
        if slot is None:
            return None, _("no slot of this B2B session starts at %(value)s") % {"value": text}
        return slot, ""

    def table(self, text: str) -> tuple[Table | None, str]:
        number = _whole_number(text)
        if number is None:
            return None, _('"%(value)s" is not a table number') % {"value": text}
        table = self.tables.get(number)
        if table is None:
            return None, _("this B2B session has no table %(number)s") % {"number": number}
        return table, ""


def _parse(text: str, formats: tuple[str, ...], tz: ZoneInfo) -> dt.datetime | None:
    """``text`` read with the first of ``formats`` that fits, in the time zone ``tz``."""
    for pattern in formats:
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=tz)
        except ValueError:
            continue
    return None


def _header(record: list[str], reading: _Reading) -> list[str | None]:
    """The column name at each position (None: not read), reporting unknown or repeated names."""
    names: list[str | None] = []
    for raw in record:
        name = raw.strip().lower()
        if not name:
            names.append(None)
        elif name not in OTHER_COLUMNS and not PARTICIPANT_COLUMN.fullmatch(name):
            message = _(
                "unknown column (the columns are participant_1, participant_2, ..., "
                "priority, slot, table and reference)"
            )
            if ";" in name:
                message = _("unknown column: separate the columns with commas, not semicolons")
            reading.add(1, raw.strip(), message)
            names.append(None)
        elif name in names:
            reading.add(1, name, _("appears twice in the header"))
            names.append(None)
        else:
            names.append(name)
    if sum(1 for n in names if n and PARTICIPANT_COLUMN.fullmatch(n)) < 2:
        reading.add(1, None, _("the header needs the columns participant_1 and participant_2"))
    return names


def _participant_columns(names: list[str | None]) -> list[str]:
    found = [n for n in names if n and PARTICIPANT_COLUMN.fullmatch(n)]
    return sorted(found, key=lambda n: int(PARTICIPANT_COLUMN.fullmatch(n).group(1)))


def _read_row(
    line: int, cells: dict[str, str], people: list[str], directory: _Directory, reading: _Reading
) -> _Row | None:
    problems_before = len(reading.problems)
    filled = [(column, cells[column]) for column in people if cells.get(column)]
    if len(filled) < 2:
        reading.add(line, None, _("a meeting needs at least two participants"))
    registrations: list[Registration] = []
    seen: dict[int, str] = {}
    for column, email in filled:
        registration, problem = directory.registration(email)
        if registration is None:
            reading.add(line, column, problem)
        elif registration.pk in seen:
            reading.add(
                line,
                column,
                _("%(email)s is already %(column)s of this row")
                % {"email": email, "column": seen[registration.pk]},
            )
        else:
            seen[registration.pk] = column
            registrations.append(registration)
    weight = 1
    priority = cells.get("priority", "")
    if priority:
        number = _whole_number(priority)
        if number is None:
            message = _('"%(value)s" is not a whole number') % {"value": priority}
            reading.add(line, "priority", message)
        else:
            try:
                validators.validate_weight(number)
                weight = number
            except ValidationError as exc:
                reading.add(line, "priority", exc.messages[0])
    slot = table = None
    if cells.get("slot"):
        slot, problem = directory.slot(cells["slot"])
        if slot is None:
            reading.add(line, "slot", problem)
    if cells.get("table"):
        table, problem = directory.table(cells["table"])
        if table is None:
            reading.add(line, "table", problem)
    if cells.get("slot") and not cells.get("table"):
        reading.add(line, "table", _("give the table too, to place the meeting"))
    if cells.get("table") and not cells.get("slot"):
        reading.add(line, "slot", _("give the slot too, to place the meeting"))
    if len(reading.problems) > problems_before:
        return None
    return _Row(line, registrations, weight, slot, table, cells.get("reference", ""))


def _check_across_rows(b2b: B2BSession, reading: _Reading) -> None:
    """Two rows fixing one table and slot; the same participants twice, in the file or already
    in the B2B session."""
    existing: dict[frozenset[int], int] = {}
    parties = MeetingParty.objects.filter(
        meeting__b2b=b2b, meeting__status=Meeting.Status.ACCEPTED
    ).values_list("meeting_id", "attendee__registration_id")
    by_meeting: dict[int, set[int]] = {}
    for meeting_id, registration_id in parties:
        by_meeting.setdefault(meeting_id, set()).add(registration_id)
    for meeting_id, registration_ids in sorted(by_meeting.items()):
        existing.setdefault(frozenset(registration_ids), meeting_id)
    places: dict[tuple[int, int], int] = {}
    groups: dict[frozenset[int], int] = {}
    kept = []
    for row in reading.rows:
        ok = True
        if row.slot is not None:
            first = places.setdefault((row.slot.pk, row.table.pk), row.line)
            if first != row.line:
                reading.add(
                    row.line,
                    "table",
                    _("%(table)s in %(slot)s is already taken by row %(row)s")
                    % {"table": row.table, "slot": row.slot, "row": first},
                )
                ok = False
        group = frozenset(r.pk for r in row.registrations)
        if group in existing:
            reading.add(
                row.line,
                None,
                _("these participants already have meeting %(id)s in this B2B session")
                % {"id": existing[group]},
            )
            ok = False
        elif groups.setdefault(group, row.line) != row.line:
            reading.add(
                row.line, None, _("the same participants as row %(row)s") % {"row": groups[group]}
            )
            ok = False
        if ok:
            kept.append(row)
    reading.rows = kept


def _read_file(b2b: B2BSession, data: bytes, filename: str, tz: ZoneInfo) -> _Reading:
    reading = _Reading()
    try:
        records = read_records(data, filename)
    except UnreadableFileError as exc:
        reading.add(None, None, str(exc))
        return reading
    if not records or not any(c.strip() for c in records[0]):
        reading.add(None, None, _("%(name)s has no header row") % {"name": filename})
        return reading
    names = _header(records[0], reading)
    reading.columns = [c.strip().lower() for c in records[0]]
    people = _participant_columns(names)
    if len(people) < 2:
        return reading
    directory = _Directory(b2b, tz)
    for line, record in enumerate(records[1:], start=2):
        values = [value.strip() for value in record]
        if not any(values):
            continue
        cells = {}
        for position, value in enumerate(values):
            name = names[position] if position < len(names) else None
            if name is not None:
                cells[name] = value
            elif value and (position >= len(names) or not records[0][position].strip()):
                reading.add(line, None, _("has a value in a column without a name"))
        row = _read_row(line, cells, people, directory, reading)
        if row is not None:
            reading.rows.append(row)
    if not reading.rows and not reading.problems:
        reading.add(None, None, _("%(name)s has no meetings") % {"name": filename})
    _check_across_rows(b2b, reading)
    return reading


def _ordered(problems: list[Problem], names: list[str]) -> list[Problem]:
    order = {name: index for index, name in enumerate(names)}
    return sorted(
        problems,
        key=lambda p: (
            p.line or 0,
            -1 if p.column is None else order.get(p.column.lower(), len(order)),
        ),
    )


def import_meetings(b2b: B2BSession, *, data: bytes, filename: str, actor=None) -> ImportResult:
    """Add the meetings of the CSV or XLSX file ``data`` (named ``filename``: its suffix gives
    the type) to ``b2b``; people not yet attendees become attendees, and meetings with a slot
    and a table are placed there and fixed.

    Raises ``ValidationError`` listing every problem of the file (``row 4, participant_2:
    ...``); then nothing is written. Side effects: attendees, meetings, their placement, their
    audit entries and one entry for the import (file name, counts, the rows' references); one
    transaction.
    """
    b2b = B2BSession.objects.select_related("session__edition").get(pk=b2b.pk)
    tz = ZoneInfo(b2b.session.edition.time_zone)
    with timezone.override(tz), transaction.atomic():
        reading = _read_file(b2b, data, filename, tz)
        attendees = {a.registration_id: a for a in b2b.attendees.all()}
        added = fixed = 0
        references: dict[str, str] = {}
        for row in reading.rows:
            people = []
            for registration in row.registrations:
                if registration.pk not in attendees:
                    attendees[registration.pk] = add_attendee(
                        b2b, registration=registration, actor=actor
                    )
                    added += 1
                people.append(attendees[registration.pk])
            meeting = request_meeting(b2b, attendees=people, weight=row.weight, actor=actor)
            if row.reference:
                references[str(meeting.pk)] = row.reference
            if row.slot is not None:
                try:
                    place_meeting(meeting, slot=row.slot, table=row.table, fixed=True, actor=actor)
                    fixed += 1
                except ValidationError as exc:
                    for message in exc.messages:
                        reading.add(row.line, "slot", message)
        if reading.problems:
            problems = _ordered(reading.problems, reading.columns)
            raise ValidationError([ValidationError(str(p), code="import") for p in problems])
        result = ImportResult(meetings=len(reading.rows), attendees=added, fixed=fixed)
        log_action(
            b2b,
            action="scheduling.b2bsession.meetings_imported",
            actor=actor,
            after={
                "file": filename,
                "meetings": result.meetings,
                "attendees": result.attendees,
                "fixed": result.fixed,
                "references": references,
            },
        )
    return result
