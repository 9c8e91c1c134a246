"""The demo's meeting requests at the 6th edition's B2B session, and what the parties thought of
some meetings afterwards.

The sample organisations confirmed for the edition ask the partners the recommendation engine
suggests them (and now and then someone else); most requests are accepted (some both ways:
mutual), some stay open, some are declined with a reason, a few withdrawn. The accepted ones are
the B2B session's meetings, for the organiser to schedule. Everything goes through the
matchmaking domain, under the edition's request rules, and is labelled ``is_sample``; sample
requests email nobody. Seeded: every load makes the same records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from django.core.exceptions import ValidationError

from smeforum.demo.ledger import Ledger
from smeforum.forums.models import Edition
from smeforum.matchmaking import recommend as engine
from smeforum.matchmaking.domain import (
    accept_request,
    decline_request,
    rate_meeting,
    send_request,
    set_request_policy,
    withdraw_request,
)
from smeforum.matchmaking.models import (
    MeetingRating,
    MeetingRequest,
    ProfileEdition,
    RequestPolicy,
)
from smeforum.matchmaking.recommendations import edition_profiles
from smeforum.participants.models import Registration
from smeforum.scheduling.models import B2BSession, Meeting

SEED = 20241109
MAX_MEETINGS = 8
MAX_OPEN_REQUESTS = 15
#: Requests each organisation sends (at least, at most), and how likely one goes to a partner
#: the engine recommended rather than to anyone confirmed.
ASKS = (2, 5)
RECOMMENDED = 0.85
#: How the requests still open after everyone has asked are answered.
ANSWERS = {"accept": 0.78, "open": 0.08, "decline": 0.1, "withdraw": 0.04}
PRIORITIES = {
    MeetingRequest.Priority.LOW: 2,
    MeetingRequest.Priority.NORMAL: 6,
    MeetingRequest.Priority.HIGH: 2,
}
MESSAGES = [
    "Sample request: we would like to present our products and hear about your needs.",
    "Sample request: your opportunity matches what we are looking for; can we meet?",
    "Sample request: we look for a partner in your country and would be glad to talk.",
    "",
]
DECLINE_REASONS = [
    "Sample reason: this is not our field at the moment.",
    "Sample reason: we already work with a partner in this market.",
    "Sample reason: our delegation has no one free for this topic.",
]
FULL_REASON = "Sample reason: our agenda is full."
RATINGS = 16
RATING_VALUES = {
    MeetingRating.Value.COOPERATION: 3,
    MeetingRating.Value.INFORMATIVE: 4,
    MeetingRating.Value.INSUFFICIENT: 2,
    MeetingRating.Value.NOT_HELD: 1,
}
RATING_COMMENTS = {
    MeetingRating.Value.COOPERATION: "Sample comment: we agreed on next steps.",
    MeetingRating.Value.INFORMATIVE: "Sample comment: useful to know the market.",
    MeetingRating.Value.INSUFFICIENT: "Sample comment: our products do not fit.",
    MeetingRating.Value.NOT_HELD: "Sample comment: the other side did not come.",
}


def featured_confirmation(edition: Edition) -> ProfileEdition | None:
    """The demo participant's organisation (demo.accounts links its login to the edition's first
    sample registration outside a delegation): it gets an agenda and requests to show."""
    registration = (
        edition.registrations.filter(is_sample=True, delegation__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person")
        .order_by("id")
        .first()
    )
    if registration is None or registration.person.organisation_id is None:
        return None
    return ProfileEdition.objects.filter(
        edition=edition, profile__organisation_id=registration.person.organisation_id
    ).first()


def recommended_profiles(edition: Edition) -> dict[int, list[int]]:
    """Profile id -> the ids of the 10 profiles the engine recommends it at ``edition``, best
    first (``recommend_all`` with spreading), as when requests open: no meeting agreed yet."""
    data = edition_profiles(edition, count_agreed=False)
    # The engine breaks ties by id: number the profiles in their order (not by primary key,
    # which differs between databases and runs) so every load asks the same.
    ids = {p.id: f"{n:04d}" for n, p in enumerate(data.profiles)}
    profiles = [dataclasses.replace(p, id=ids[p.id]) for p in data.profiles]
    pks = {ids[pid]: record.pk for pid, record in data.records.items()}
    lists = engine.recommend_all(engine.build_index(profiles), top=10, spread=True)
    return {pks[i]: [pks[r.profile_id] for r in lists.get(i, [])] for i in pks}


class SampleRequests:
    def __init__(self, ledger: Ledger, edition: Edition, b2b: B2BSession, *, actor=None) -> None:
        self.ledger = ledger
        self.edition = edition
        self.b2b = b2b
        self.actor = actor
        self.rng = random.Random(SEED)  # noqa: S311 -- sample data, not secrets

    def generate(self) -> None:
        if MeetingRequest.objects.filter(edition=self.edition, is_sample=True).exists():
            return
        confirmations = list(
            ProfileEdition.objects.filter(edition=self.edition, profile__is_sample=True)
            .select_related("profile__organisation")
            .order_by("pk")
        )
        if len(confirmations) < 2:
            return
        # Limits apply while the sample is made; the deadlines (past) are set afterwards.
        policy = RequestPolicy.objects.filter(edition=self.edition).first() or RequestPolicy(
            edition=self.edition
        )
        policy.b2b = self.b2b
        policy.max_meetings = MAX_MEETINGS
        policy.max_open_requests = MAX_OPEN_REQUESTS
        set_request_policy(policy, actor=self.actor)
        self.ledger.note("meeting request rules")
        featured = featured_confirmation(self.edition)
        self._send(self._wishes(confirmations, featured))
        self._ask_once_more(featured, confirmations)
        self._answer(featured)
        self._close(policy)

    def _wishes(self, confirmations, featured) -> list[tuple[ProfileEdition, ProfileEdition]]:
        """Who asks whom: mostly the engine's recommendations, in a shuffled order."""
        recommended = recommended_profiles(self.edition)
        by_profile = {c.profile_id: c for c in confirmations}
        wishes = []
        for sender in confirmations:
            suggested = [
                by_profile[pk] for pk in recommended.get(sender.profile_id, []) if pk in by_profile
            ]
            count = ASKS[1] if sender == featured else self.rng.randint(*ASKS)
            chosen: list[ProfileEdition] = []
            for _attempt in range(10 * count):
                if len(chosen) == count:
                    break
                if suggested and self.rng.random() < RECOMMENDED:
                    pick = self.rng.choice(suggested[:8])
                else:
                    pick = self.rng.choice(confirmations)
                if pick != sender and pick not in chosen:
                    chosen.append(pick)
            if featured is not None and sender != featured and featured in suggested[:3]:
                chosen.append(featured)  # the demo participant is asked a little more
            wishes.extend((sender, receiver) for receiver in dict.fromkeys(chosen))
        self.rng.shuffle(wishes)
        return wishes

    def _send(self, wishes) -> None:
        for sender, receiver in wishes:
            priority = self.rng.choices(list(PRIORITIES), weights=list(PRIORITIES.values()))[0]
            try:
                send_request(
                    sender,
                    receiver=receiver,
                    message=self.rng.choice(MESSAGES),
                    priority=priority,
                    is_sample=True,
                    actor=self.actor,
                )
            except ValidationError:  # asked twice, or a limit of the edition's rules
                continue

    def _ask_once_more(self, featured, confirmations) -> None:
        """The demo participant's organisation has a request of its own waiting for an answer
        (its requests may all have met a request the other way and become mutual)."""
        if featured is None or featured.requests_sent.filter(status="open").exists():
            return
        asked = set(featured.requests_sent.values_list("receiver_id", flat=True)) | set(
            featured.requests_received.values_list("sender_id", flat=True)
        )
        for other in confirmations:
            if other != featured and other.pk not in asked:
                self._send([(featured, other)])
                return

    def _answer(self, featured) -> None:
        pending = list(
            MeetingRequest.objects.filter(
                edition=self.edition, status=MeetingRequest.Status.OPEN, is_sample=True
            )
            .select_related("sender", "receiver")
            .order_by("pk")
        )
        self.rng.shuffle(pending)
        kept: set[str] = set()  # the featured organisation keeps one request each way open
        for request in pending:
            answer = self.rng.choices(list(ANSWERS), weights=list(ANSWERS.values()))[0]
            if featured is not None and featured.pk in (request.sender_id, request.receiver_id):
                side = "sent" if request.sender_id == featured.pk else "received"
                answer = "open" if side not in kept else "accept"
                kept.add(side)
            if answer == "accept":
                try:
                    accept_request(request, actor=self.actor)
                except ValidationError:  # an agenda is full: the receiver says so
                    decline_request(request, reason=FULL_REASON, actor=self.actor)
            elif answer == "decline":
                reason = self.rng.choice(DECLINE_REASONS)
                decline_request(request, reason=reason, actor=self.actor)
            elif answer == "withdraw":
                withdraw_request(request, actor=self.actor)
        counted = MeetingRequest.objects.filter(edition=self.edition, is_sample=True)
        self.ledger.note("meeting requests", counted.count())

    def _close(self, policy: RequestPolicy) -> None:
        """The edition's deadlines, before its B2B session (past by now)."""
        session = self.b2b.session
        evening = dt.time(18, 0)
        tz = self.edition.tz
        policy.requests_close_at = dt.datetime.combine(
            session.day - dt.timedelta(days=5), evening, tzinfo=tz
        )
        policy.answers_close_at = dt.datetime.combine(
            session.day - dt.timedelta(days=2), evening, tzinfo=tz
        )
        set_request_policy(policy, actor=self.actor)


class SampleRatings:
    """A few meetings of the past B2B session rated by one or both sides; returns the meeting
    both sides rated "cooperation possible", for an outcome to be traced to it."""

    def __init__(self, ledger: Ledger, edition: Edition, *, actor=None) -> None:
        self.ledger = ledger
        self.edition = edition
        self.actor = actor
        self.rng = random.Random(SEED + 1)  # noqa: S311 -- sample data, not secrets

    def generate(self) -> Meeting | None:
        if MeetingRating.objects.filter(rater__edition=self.edition, is_sample=True).exists():
            return None
        met = list(
            MeetingRequest.objects.filter(
                edition=self.edition,
                is_sample=True,
                status=MeetingRequest.Status.ACCEPTED,
                meeting__isnull=False,
            )
            .select_related(
                "meeting", "sender__profile__organisation", "receiver__profile__organisation"
            )
            .order_by("pk")
        )
        if not met:
            return None
        chosen = self.rng.sample(met, min(RATINGS, len(met)))
        traced = next((r for r in chosen if self._cross_border(r)), None)
        values, weights = list(RATING_VALUES), list(RATING_VALUES.values())
        count = 0
        for request in chosen:
            raters = [request.sender, request.receiver]
            if request is not traced and self.rng.random() < 0.4:
                raters = [self.rng.choice(raters)]
            for rater in raters:
                if request is traced:
                    value = MeetingRating.Value.COOPERATION
                elif request is chosen[-1]:  # one meeting did not take place
                    value = MeetingRating.Value.NOT_HELD
                else:
                    value = self.rng.choices(values, weights=weights)[0]
                comment = RATING_COMMENTS[value] if self.rng.random() < 0.5 else ""
                rate_meeting(
                    request.meeting,
                    rater=rater,
                    value=value,
                    comment=comment,
                    is_sample=True,
                    actor=self.actor,
                )
                count += 1
        self.ledger.note("meeting ratings", count)
        return traced.meeting if traced is not None else None

    @staticmethod
    def _cross_border(request: MeetingRequest) -> bool:
        countries = {
            request.sender.profile.organisation.country,
            request.receiver.profile.organisation.country,
        }
        return "CN" in countries and len(countries) == 2
