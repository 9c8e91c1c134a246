"""The demo's B2B matchmaking: the sourced 6th edition's "SMEs' Cross-border Collaboration and
Matchmaking Meeting" gets a sample set-up (slots, tables), its sample participants as
attendees and sample accepted meetings, left unscheduled so an organiser can solve them from
the back office. Seeded: every load makes the same meetings."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from smeforum.demo.ledger import Ledger
from smeforum.forums.models import ForumSeries, Session
from smeforum.participants.models import Registration
from smeforum.scheduling.domain.meetings import add_attendee, request_meeting
from smeforum.scheduling.domain.setup import configure_b2b_session, update_attendee
from smeforum.scheduling.models import B2BSession

SEED = 20241107
EDITION = 6
TABLES = 24
MEETINGS = 210


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
        attendees = self._attendees(b2b, edition)
        self._meetings(b2b, attendees)
        return b2b

    def _attendees(self, b2b: B2BSession, edition):
        registrations = (
            edition.registrations.filter(is_sample=True)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("person")
            .order_by("id")
        )
        slots = list(b2b.slots.order_by("starts_at"))
        attendees = []
        for registration in registrations:
            attendee = add_attendee(b2b, registration=registration, actor=self.actor)
            roll = self.rng.random()
            if roll < 0.1:  # an organisation sending two representatives
                update_attendee(attendee, capacity=2, max_meetings=None, unavailable_slots=[])
            elif roll < 0.4:  # arrives late or leaves early
                gone = self.rng.sample(slots, self.rng.randint(1, 3))
                update_attendee(attendee, capacity=1, max_meetings=None, unavailable_slots=gone)
            attendees.append(attendee)
        self.ledger.note("B2B attendees", len(attendees))
        return attendees

    def _meetings(self, b2b: B2BSession, attendees) -> None:
        if len(attendees) < 2:
            return
        # A heavy tail: a few attendees are asked for by many (weights fall as 1/rank).
        popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(attendees))]
        ranked = attendees[:]
        self.rng.shuffle(ranked)
        # The demo participant's login (demo.accounts) is the first sample without a delegation:
        # they are in demand, so their agenda shows something once the schedule is solved.
        featured = next((a for a in attendees if a.registration.delegation_id is None), None)
        if featured is not None:
            ranked.remove(featured)
            ranked.insert(2, featured)
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < MEETINGS:
            a = self.rng.choices(ranked, weights=popularity)[0]
            b = self.rng.choice(attendees)
            key = tuple(sorted((a.pk, b.pk)))
            if a.pk == b.pk or key in pairs:
                continue
            pairs.add(key)
            weight = self.rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
            request_meeting(b2b, attendees=[a, b], weight=weight, actor=self.actor)
        self.ledger.note("B2B meetings", len(pairs))
