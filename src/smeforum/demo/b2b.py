"""The demo's B2B matchmaking: the sourced 6th edition's "SMEs' Cross-border Collaboration and
Matchmaking Meeting" gets a sample set-up (slots, tables); its meetings are the sample meeting
requests the organisations accepted (demo.requests), one seat per organisation, left
unscheduled so an organiser can solve them from the back office. Some organisations arrive late
or leave early. Seeded: every load makes the same records."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from smeforum.demo.ledger import Ledger
from smeforum.demo.requests import SampleRequests
from smeforum.forums.models import ForumSeries, Session
from smeforum.scheduling.domain.setup import configure_b2b_session, update_attendee
from smeforum.scheduling.models import B2BSession

SEED = 20241107
EDITION = 6
TABLES = 24
#: Share of the attendees who miss a slot or two (arrive late, leave early).
PART_TIME = 0.3


class SampleB2B:
    def __init__(self, ledger: Ledger, series: ForumSeries, *, actor=None) -> None:
        self.ledger = ledger
        self.series = series
        self.actor = actor
        self.rng = random.Random(SEED)  # noqa: S311 -- sample data, not secrets

    def generate(self) -> B2BSession | None:
        edition = self.series.editions.filter(number=EDITION).first()
        session = (
            edition.sessions.filter(kind=Session.Kind.MATCHMAKING).order_by("id").first()
            if edition is not None
            else None
        )
        if session is None or B2BSession.objects.filter(session=session).exists():
            return None
        tz = zoneinfo.ZoneInfo(edition.time_zone)

        def at(hour: int, minute: int = 0) -> dt.datetime:
            return dt.datetime.combine(session.day, dt.time(hour, minute), tzinfo=tz)

        b2b = configure_b2b_session(
            session,
            windows=[(at(14), at(17, 30))],
            breaks=[(at(15, 40), at(16))],
            slot_minutes=20,
            table_count=TABLES,
            time_limit=5,
            is_sample=True,
            actor=self.actor,
        )
        self.ledger.note("B2B sessions")
        SampleRequests(self.ledger, edition, b2b, actor=self.actor).generate()
        self._availability(b2b)
        self.ledger.note("B2B attendees", b2b.attendees.count())
        self.ledger.note("B2B meetings", b2b.meetings.count())
        return b2b

    def _availability(self, b2b: B2BSession) -> None:
        """Some attendees miss a slot or two, never so many that their meetings cannot fit."""
        slots = list(b2b.slots.order_by("starts_at"))
        for attendee in b2b.attendees.order_by("pk"):
            if self.rng.random() >= PART_TIME:
                continue
            meetings = attendee.parties.count()
            free = len(slots) * attendee.capacity - meetings
            gone = min(self.rng.randint(1, 2), (free - 1) // attendee.capacity)
            if gone < 1:
                continue
            update_attendee(
                attendee,
                capacity=attendee.capacity,
                max_meetings=attendee.max_meetings,
                unavailable_slots=self.rng.sample(slots, gone),
                actor=self.actor,
            )
