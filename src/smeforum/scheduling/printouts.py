"""Printouts of a B2B session's schedule, as PDF (read-only): every attendee's agenda, one
page each, and the table plan, one page per slot.

Set with fpdf2 in the shipped fonts (``reference.pdf``): Latin text in DejaVu Sans, Chinese
characters falling back to Droid Sans Fallback, so names in either script print.
Times are in the edition's time zone; labels follow the active language (gettext).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from smeforum.reference.countries import country_name
from smeforum.reference.pdf import LATIN, ShippedFontsPDF
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, Slot, Table
from smeforum.scheduling.queries import meetings_with_parties, schedule_grid

INK = (29, 39, 51)
MUTED = (91, 103, 117)
LINE = (217, 222, 228)
HEAD_BG = (238, 241, 244)


@dataclass(frozen=True)
class Party:
    name: str
    organisation: str
    country: str


def party(attendee: Attendee) -> Party:
    person = attendee.registration.person
    organisation = person.organisation
    if organisation is None:
        return Party(person.display_name, "", "")
    return Party(person.display_name, organisation.display_name, country_name(organisation.country))


class _Printout(ShippedFontsPDF):
    """A4 with the shipped fonts, a footer naming the session and the page."""

    def __init__(self, b2b: B2BSession, title: str, *, landscape: bool = False) -> None:
        super().__init__(title=title, landscape=landscape)
        session = b2b.session
        self.footer_text = f"{session.title} · {session.edition}"
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(LATIN, "", 7.5)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, str(self.page_no()), align="R")

    def line_of_text(self, text: str, *, size: float, bold: bool = False, muted: bool = False):
        self.set_font(LATIN, "B" if bold else "", size)
        self.set_text_color(*(MUTED if muted else INK))
        width = self.w - self.l_margin - self.r_margin
        if self.get_string_width(text) <= width - 2 * self.c_margin:
            self.cell(width, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            self.multi_cell(width, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _lines(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines that fit ``width`` (a cell's width, with its margins)."""
        lines = []
        for part in text.split("\n"):
            if self.get_string_width(part) <= width - 2 * self.c_margin:
                lines.append(part)  # the common case, without fpdf2's (slow) line breaking
            else:
                lines.extend(self.multi_cell(width, 1, part, dry_run=True, output="LINES"))
        return lines

    def grid(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: list[float],
        *,
        size: float,
        continued: str = "",
    ):
        """A table with a shaded heading row and a rule under each row; cells wrap. After a
        page break, ``continued`` (whose table this is) and the heading row come again.
        Drawn with plain cells: fpdf2's ``table()`` lays every cell out with its full line
        breaker, which takes seconds for a few hundred pages."""
        line = size * 0.5
        pad = 1.2

        def row(values: list[str], *, heading: bool = False) -> None:
            self.set_font(LATIN, "B" if heading else "", size)
            lines = [self._lines(text, w) for text, w in zip(values, widths, strict=True)]
            height = max(len(cell) for cell in lines) * line + 2 * pad
            if not heading and self.get_y() + height > self.page_break_trigger:
                self.add_page()
                if continued:
                    self.line_of_text(_("%(what)s (continued)") % {"what": continued}, size=11)
                    self.ln(2)
                row(headings, heading=True)
                self.set_font(LATIN, "", size)
                self.set_text_color(*INK)
            top, x = self.get_y(), self.l_margin
            if heading:
                self.set_fill_color(*HEAD_BG)
                self.rect(x, top, sum(widths), height, style="F")
            for cell, w in zip(lines, widths, strict=True):
                for i, text in enumerate(cell):
                    self.set_xy(x, top + pad + i * line)
                    self.cell(w, line, text)
                x += w
            self.line(self.l_margin, top + height, self.l_margin + sum(widths), top + height)
            self.set_xy(self.l_margin, top + height)

        self.set_text_color(*INK)
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        row(headings, heading=True)
        for values in rows:
            row(values)


def _times(slot: Slot, tz, day: dt.date) -> str:
    """``14:00–14:20`` in ``tz``, with the date in front when it is not the session's day."""
    start = timezone.localtime(slot.starts_at, tz)
    end = timezone.localtime(slot.ends_at, tz)
    text = f"{start:%H:%M}–{end:%H:%M}"
    return text if start.date() == day else f"{start:%Y-%m-%d} {text}"


def _heading(doc: _Printout, b2b: B2BSession, title: str) -> None:
    session = b2b.session
    edition = session.edition
    where = ", ".join(part for part in (session.room, edition.venue) if part)
    doc.line_of_text(title, size=9, muted=True)
    doc.line_of_text(
        _("%(session)s · %(day)s") % {"session": session.title, "day": session.day.isoformat()},
        size=9,
        muted=True,
    )
    if where:
        doc.line_of_text(where, size=9, muted=True)


def agendas_pdf(b2b: B2BSession) -> bytes:
    """Every attendee's placed meetings, one page each (in name order): their name and
    organisation, then time | table | counterpart | organisation | country. Attendees without
    a placed meeting get no page. A fixed number of queries, whatever the size."""
    edition = b2b.session.edition
    tz = edition.tz
    meetings = meetings_with_parties(b2b).filter(status=Meeting.Status.ACCEPTED, slot__isnull=False)
    attendees: dict[int, Attendee] = {}
    agendas: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in meetings:  # in time order, then by table (the model's ordering)
        for p in meeting.parties.all():
            attendees.setdefault(p.attendee_id, p.attendee)
            agendas[p.attendee_id].append(meeting)
    title = _("B2B meetings: agendas")
    doc = _Printout(b2b, title)
    headings = [_("Time"), _("Table"), _("Counterpart"), _("Organisation"), _("Country")]
    order = sorted(attendees.values(), key=lambda a: party(a).name.casefold())
    for attendee in order:
        me = party(attendee)
        doc.add_page()
        _heading(doc, b2b, title)
        doc.ln(3)
        doc.line_of_text(me.name, size=16, bold=True)
        if me.organisation:
            doc.line_of_text(
                f"{me.organisation} · {me.country}" if me.country else me.organisation, size=11
            )
        doc.line_of_text(_("Times in %(zone)s") % {"zone": edition.time_zone}, size=8, muted=True)
        doc.ln(3)
        rows = []
        for meeting in agendas[attendee.pk]:
            others = [
                party(p.attendee) for p in meeting.parties.all() if p.attendee_id != attendee.pk
            ]
            for i, other in enumerate(others):
                first = i == 0
                rows.append(
                    [
                        _times(meeting.slot, tz, b2b.session.day) if first else "",
                        str(meeting.table) if first else "",
                        other.name,
                        other.organisation or "—",
                        other.country or "—",
                    ]
                )
        doc.grid(headings, rows, [26, 22, 48, 55, 29], size=9.5, continued=me.name)
    if not order:
        doc.add_page()
        _heading(doc, b2b, title)
        doc.ln(3)
        doc.line_of_text(_("No meetings are scheduled yet."), size=11)
    return bytes(doc.output())


def table_plan_pdf(b2b: B2BSession) -> bytes:
    """Which parties sit at which table, one landscape page per slot: table | participants
    (name, organisation, country). A free table reads "free", a closed one "closed"."""
    edition = b2b.session.edition
    tz = edition.tz
    grid = schedule_grid(b2b)
    closed = set(
        Table.unavailable_slots.through.objects.filter(table__b2b=b2b).values_list(
            "table_id", "slot_id"
        )
    )
    title = _("B2B meetings: table plan")
    doc = _Printout(b2b, title, landscape=True)
    headings = [_("Table"), _("Participants")]
    for slot, meetings in grid.rows:
        doc.add_page()
        _heading(doc, b2b, title)
        doc.ln(2)
        when = _("%(time)s (%(zone)s)") % {
            "time": _times(slot, tz, b2b.session.day),
            "zone": edition.time_zone,
        }
        doc.line_of_text(when, size=16, bold=True)
        doc.ln(2)
        rows = []
        for table, meeting in zip(grid.tables, meetings, strict=True):
            if meeting is not None:
                parties = [party(p.attendee) for p in meeting.parties.all()]
                text = "\n".join(
                    " · ".join(x for x in (p.name, p.organisation, p.country) if x) for p in parties
                )
            elif (table.pk, slot.pk) in closed:
                text = _("closed")
            else:
                text = _("free")
            rows.append([str(table), text])
        doc.grid(headings, rows, [40, 227], size=11, continued=when)
    if not grid.rows:
        doc.add_page()
        _heading(doc, b2b, title)
        doc.line_of_text(_("This B2B session has no slots yet."), size=11)
    return bytes(doc.output())
