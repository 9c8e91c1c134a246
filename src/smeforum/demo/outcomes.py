"""Demo outcomes: the sourced sister-city links, and clearly labelled sample outcomes signed at
editions 5 and 6 so the registry, dashboard and reports have records to count."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from smeforum.demo.ledger import Ledger
from smeforum.demo.requests import SampleRatings
from smeforum.forums.models import ForumSeries
from smeforum.orgs.models import Organisation
from smeforum.outcomes.domain.outcomes import (
    add_amount,
    add_link,
    add_party,
    change_outcome_status,
    record_outcome,
    save_outcome,
    set_outcome_fields,
    set_outcome_meetings,
)
from smeforum.outcomes.domain.sister_cities import record_sister_city_link
from smeforum.outcomes.models import Outcome, OutcomeParty
from smeforum.reference.domain.cities import add_city, import_city_by_name
from smeforum.reference.models import City, CooperationField, OutcomeKind, Source
from smeforum.scheduling.models import Meeting

SEED = 2023
#: The sample outcome that came from a B2B meeting both sides rated "cooperation possible".
TRACED_ID = "sample-e6-b2b"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class SourcedSisterCities:
    """Sister-city links from cited sources (between editions: not signed at a forum)."""

    def __init__(self, ledger: Ledger, series: ForumSeries, data: dict, *, actor=None) -> None:
        self.ledger = ledger
        self.series = series
        self.data = data
        self.actor = actor

    def load(self) -> None:
        for spec in self.data.get("sister_cities", []):
            if Outcome.objects.filter(series=self.series, external_id=spec["external_id"]).exists():
                continue
            chinese = self._city(spec["chinese_city"])
            foreign = self._city(spec["foreign_city"])
            link = record_sister_city_link(
                self.series,
                chinese_city=chinese,
                foreign_city=foreign,
                stage=spec["stage"],
                level=spec["level"],
                on=_date(spec["on"]),
                external_id=spec["external_id"],
                actor=self.actor,
            )
            outcome = link.outcome
            if spec.get("note"):
                outcome.note = spec["note"]
                save_outcome(outcome, actor=self.actor)
            source = Source.objects.get(key=spec["source"])
            if source.url:
                add_link(outcome, url=source.url, label=str(source), actor=self.actor)
            self.ledger.note("sister-city links")

    def _city(self, spec: dict) -> City:
        existing = City.objects.filter(name=spec["name"], country=spec["country"]).first()
        if existing is not None:
            return existing
        self.ledger.note("cities")
        if "add" in spec:
            extra = dict(spec["add"])
            for key in ("latitude", "longitude"):
                if key in extra:
                    extra[key] = Decimal(extra[key])
            return add_city(name=spec["name"], country=spec["country"], actor=self.actor, **extra)
        return import_city_by_name(spec["name"], country=spec["country"], actor=self.actor)


# (kind slug, English title, fields, currency, amount range in millions or None)
SAMPLE_DEALS = [
    (
        "cooperation_project",
        "Joint venture for {product}",
        ["high_end_manufacturing"],
        "CNY",
        (50, 900),
    ),
    (
        "cooperation_project",
        "Plant investment: {product}",
        ["equipment_manufacturing"],
        "EUR",
        (5, 80),
    ),
    (
        "cooperation_project",
        "Distribution of {product} in Central Europe",
        ["foreign_trade"],
        "USD",
        (2, 40),
    ),
    ("memorandum", "Memorandum on {product} cooperation", ["medical_devices"], None, None),
    ("cooperation_agreement", "Cooperation agreement on {product}", ["new_materials"], None, None),
    (
        "technology_transfer",
        "Technology licence: {product}",
        ["intelligent_equipment"],
        "EUR",
        (1, 6),
    ),
    ("trade", "Purchase intention: {product}", ["foreign_trade"], "USD", (1, 25)),
    (
        "cooperative_education",
        "Joint programme in {product} engineering",
        ["education"],
        None,
        None,
    ),
]


class SampleOutcomes:
    """Deterministic sample outcomes (``is_sample``), signed between sample organisations."""

    def __init__(self, ledger: Ledger, series: ForumSeries, *, actor=None) -> None:
        self.ledger = ledger
        self.series = series
        self.actor = actor
        self.rng = random.Random(SEED)

    def generate(self) -> None:
        chinese = list(Organisation.objects.filter(is_sample=True, country="CN", kind="enterprise"))
        foreign = list(
            Organisation.objects.filter(is_sample=True, kind="enterprise").exclude(country="CN")
        )
        if not chinese or not foreign:
            return
        kinds = {k.slug: k for k in OutcomeKind.objects.all()}
        fields = {f.slug: f for f in CooperationField.objects.all()}
        for number, count in ((5, 14), (6, 18)):
            edition = self.series.editions.get(number=number)
            session = edition.sessions.filter(kind="matchmaking").order_by("id").first()
            for index in range(count):
                spec = SAMPLE_DEALS[index % len(SAMPLE_DEALS)]
                cn = chinese[self.rng.randrange(len(chinese))]
                other = foreign[self.rng.randrange(len(foreign))]
                millions = self.rng.randint(*spec[4]) if spec[4] else None
                external_id = f"sample-e{number}-{index:02d}"
                if Outcome.objects.filter(series=self.series, external_id=external_id).exists():
                    continue
                self._outcome(
                    edition, session, spec, cn, other, millions, external_id, kinds, fields
                )

    def _outcome(self, edition, session, spec, cn, other, millions, external_id, kinds, fields):
        kind_slug, title, field_slugs, currency, _range = spec
        product = (cn.description or "industrial products").removeprefix("Sample enterprise: ")
        title_en = title.format(product=product.rstrip("."))
        outcome = record_outcome(
            self.series,
            kind=kinds[kind_slug],
            title=f"{title_en} (sample)",
            title_en=f"{title_en} (sample)",
            edition=edition,
            session=session,
            signed_on=edition.start_date,
            external_id=external_id,
            is_sample=True,
            actor=self.actor,
        )
        self._add_parties(outcome, cn, other)
        if millions is not None:
            add_amount(
                outcome, amount=Decimal(millions) * 1_000_000, currency=currency, actor=self.actor
            )
        set_outcome_fields(outcome, fields=[fields[s] for s in field_slugs], actor=self.actor)
        if edition.number == 5 and self.rng.random() < 0.4:
            change_outcome_status(
                outcome,
                status=Outcome.Status.UNDER_WAY,
                on=edition.start_date + dt.timedelta(days=120),
                actor=self.actor,
            )
        self.ledger.note("sample outcomes")

    def _add_parties(self, outcome: Outcome, cn: Organisation, other: Organisation) -> None:
        """The Chinese party and the foreign party of a sample outcome."""
        for organisation, role in (
            (cn, OutcomeParty.Role.CHINESE_PARTY),
            (other, OutcomeParty.Role.FOREIGN_PARTY),
        ):
            add_party(
                outcome,
                organisation=organisation,
                country=organisation.country,
                role=role,
                actor=self.actor,
            )

    def trace_rated_meeting(self) -> Outcome | None:
        """Rate a few meetings of the 6th edition's B2B session (demo.requests) and record the
        memorandum that came from the one both sides rated "cooperation possible", linked to
        that meeting. Runs after the B2B session's meetings exist."""
        edition = self.series.editions.filter(number=6).first()
        if (
            edition is None
            or Outcome.objects.filter(series=self.series, external_id=TRACED_ID).exists()
        ):
            return None
        meeting = SampleRatings(self.ledger, edition, actor=self.actor).generate()
        if meeting is None:
            return None
        return self._traced(edition, meeting)

    def _traced(self, edition, meeting: Meeting) -> Outcome:
        request = meeting.request
        organisations = [request.sender.profile.organisation, request.receiver.profile.organisation]
        cn = next(o for o in organisations if o.country == "CN")
        other = next(o for o in organisations if o.country != "CN")
        session = meeting.b2b.session
        outcome = record_outcome(
            self.series,
            kind=OutcomeKind.objects.get(slug="memorandum"),
            title=f"Memorandum of cooperation: {cn.display_name} and {other.display_name} (sample)",
            title_en=f"Memorandum of cooperation: {cn.name_en} and {other.name_en} (sample)",
            edition=edition,
            session=session,
            signed_on=session.day,
            external_id=TRACED_ID,
            note="Sample outcome: it came from a B2B meeting both sides rated "
            '"cooperation possible".',
            is_sample=True,
            actor=self.actor,
        )
        self._add_parties(outcome, cn, other)
        set_outcome_meetings(outcome, meetings=[meeting], actor=self.actor)
        self.ledger.note("sample outcomes")
        return outcome
