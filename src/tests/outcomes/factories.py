"""B2B meetings and the outcomes that came from them, made through the domain functions."""

from __future__ import annotations

from dataclasses import dataclass

from smeforum.matchmaking.domain import accept_request, rate_meeting, send_request
from smeforum.matchmaking.models import ProfileEdition
from smeforum.scheduling.domain.meetings import place_meeting
from smeforum.scheduling.models import B2BSession, Meeting
from tests.factories import make_b2b
from tests.matchmaking.factories import make_confirmed


@dataclass
class Met:
    """A meeting and its two parties' confirmations."""

    meeting: Meeting
    first: ProfileEdition
    second: ProfileEdition

    def rate(self, first: str | None = None, second: str | None = None) -> Met:
        for party, value in ((self.first, first), (self.second, second)):
            if value:
                rate_meeting(self.meeting, rater=party, value=value)
        return self


def b2b_of(edition, *, slots: int = 4, tables: int = 3) -> B2BSession:
    """The edition's B2B session (made on first use: 14:00 Asia/Shanghai, 20-minute slots)."""
    existing = B2BSession.objects.filter(session__edition=edition).first()
    return existing or make_b2b(edition=edition, slots=slots, tables=tables, attendees=0)[0]


def make_meeting(edition, first: str, second: str, *, slot: int | None = None) -> Met:
    """A meeting of ``first`` (a Chinese organisation) and ``second`` (a Polish one), accepted
    through a meeting request; placed in slot number ``slot`` (0: the first) at a free table."""
    b2b = b2b_of(edition)
    sender = make_confirmed(edition, name=first)
    receiver = make_confirmed(edition, name=second, country="PL")
    meeting = accept_request(send_request(sender, receiver=receiver)).meeting
    if slot is not None:
        chosen = b2b.slots.order_by("starts_at")[slot]
        taken = chosen.meetings.values("table")
        table = b2b.tables.exclude(pk__in=taken).order_by("number").first()
        meeting = place_meeting(meeting, slot=chosen, table=table)
    meeting.refresh_from_db()
    return Met(meeting, sender, receiver)
