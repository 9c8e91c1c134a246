"""The demo's matchmaking profiles and opportunities: every sample organisation registered for
the 6th edition gets a profile (described in its own language and in English), confirmed for
that edition with its registered people, and one or two cooperation opportunities. Chinese
and CEE organisations post complementary offers and requests; most are published, a couple
wait for moderation and one is rejected. Seeded: every load makes the same records."""

from __future__ import annotations

import random

from smeforum.demo.ledger import Ledger
from smeforum.demo.matchmaking_texts import FIELDS, INVESTMENT
from smeforum.forums.models import Edition, ForumSeries
from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    save_profile,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity, Profile, ProfileEdition
from smeforum.orgs.models import Organisation
from smeforum.participants.models import Registration
from smeforum.reference.models import Sector

SEED = 20241108
EDITION = 6
CEE = ["PL", "HU", "RS", "CZ", "SK", "HR", "GR", "BG"]
#: Languages spoken, by country (ISO 639-1); texts are written in zh, pl, hu, or else en.
LANGUAGES = {
    "CN": ["zh", "en"],
    "PL": ["pl", "en"],
    "HU": ["hu", "en", "de"],
    "RS": ["sr", "en"],
    "CZ": ["cs", "en", "de"],
    "SK": ["sk", "en"],
    "HR": ["hr", "en"],
    "GR": ["el", "en"],
    "BG": ["bg", "en"],
    "GE": ["ka", "en", "ru"],
}
TEXT_LANGUAGE = {"CN": "zh", "PL": "pl", "HU": "hu"}
SIZE_BY_KIND = {
    Organisation.Kind.BUSINESS_ASSOCIATION: Profile.SizeClass.SMALL,
    Organisation.Kind.UNIVERSITY: Profile.SizeClass.LARGE,
}
#: The organisation's own NACE division -> the forum field its profile belongs to.
FIELD_BY_DIVISION = {
    "32": "medical",
    "30": "aviation",
    "27": "equipment",
    "35": "equipment",
    "29": "equipment",
    "28": "equipment",
    "25": "pipes",
    "20": "pipes",
    "62": "logistics",
    "10": "agriculture",
}
FIELD_BY_KIND = {
    Organisation.Kind.BUSINESS_ASSOCIATION: "logistics",
    Organisation.Kind.UNIVERSITY: "research",
}
REJECTION_NOTE = (
    "Sample moderation note: the summary is too general. Please say what exactly you offer "
    "or need, with standards or certificates, then submit it again."
)


class SampleMatchmaking:
    def __init__(self, ledger: Ledger, series: ForumSeries, *, actor=None) -> None:
        self.ledger = ledger
        self.series = series
        self.actor = actor
        self.rng = random.Random(SEED)  # noqa: S311 -- sample data, not secrets
        self.sectors = {s.code: s for s in Sector.objects.filter(level=Sector.Level.DIVISION)}

    def generate(self) -> None:
        edition = self.series.editions.filter(number=EDITION).first()
        if edition is None:
            return
        plans = []
        for organisation, registrations in self._organisations(edition):
            profile = self._profile(organisation)
            self.ledger.ensure(
                ProfileEdition,
                {"profile": profile, "edition": edition},
                lambda p=profile, r=registrations: confirm_profile_for_edition(
                    p, edition=edition, attendees=r, actor=self.actor
                ),
            )
            plans.extend(self._plans(profile, edition))
        # A couple left for moderation, one rejected; the rest published.
        picked = self.rng.sample(range(len(plans)), 3) if len(plans) >= 3 else []
        outcome = dict.fromkeys(picked[:2], "submitted")
        outcome.update(dict.fromkeys(picked[2:], "rejected"))
        for index, plan in enumerate(plans):
            self._opportunity(plan, outcome.get(index, "published"))

    def _organisations(self, edition: Edition):
        registrations = (
            Registration.objects.filter(edition=edition, is_sample=True)
            .exclude(status=Registration.Status.CANCELLED)
            .select_related("person__organisation")
            .order_by("id")
        )
        by_org: dict[int, tuple[Organisation, list[Registration]]] = {}
        for registration in registrations:
            org = registration.person.organisation
            if org is None or not org.is_sample:
                continue
            by_org.setdefault(org.pk, (org, []))[1].append(registration)
        return sorted(by_org.values(), key=lambda item: item[0].pk)

    def _field(self, organisation: Organisation) -> str:
        if organisation.kind in FIELD_BY_KIND:
            return FIELD_BY_KIND[organisation.kind]
        own = sorted(organisation.sectors.values_list("code", flat=True))
        return next((FIELD_BY_DIVISION[c] for c in own if c in FIELD_BY_DIVISION), "equipment")

    def _profile(self, organisation: Organisation) -> Profile:
        field = self._field(organisation)
        spec = FIELDS[field]
        language = TEXT_LANGUAGE.get(organisation.country, "en")
        own = list(organisation.sectors.values_list("code", flat=True))
        codes = sorted(set(spec["sectors"]) | {c for c in own if c in FIELD_BY_DIVISION})
        if organisation.country == "CN":
            interest = sorted(self.rng.sample(CEE, 3))
        else:
            interest = ["CN", *sorted(self.rng.sample(["DE", "AT", "IT"], 1))]
        size = organisation.size_class or SIZE_BY_KIND.get(organisation.kind, "small")

        def create() -> Profile:
            return save_profile(
                Profile(
                    organisation=organisation,
                    description_original=spec["description"][language],
                    description_language=language,
                    description_en=spec["description"]["en"],
                    size_class=size,
                    countries_of_interest=interest,
                    languages=LANGUAGES.get(organisation.country, ["en"]),
                    is_sample=True,
                ),
                sectors=[self.sectors[c] for c in codes],
                actor=self.actor,
            )

        return self.ledger.ensure(Profile, {"organisation": organisation}, create)

    def _plans(self, profile: Profile, edition: Edition) -> list[dict]:
        organisation = profile.organisation
        field = self._field(organisation)
        spec = FIELDS[field]
        chinese = organisation.country == "CN"
        side = "offer" if (spec["offers"] == "CN") == chinese else "request"
        templates = [spec[side]]
        if field == "research":  # universities both offer their labs and seek R&D partners
            templates = [spec["offer"], spec["request"]]
        elif organisation.kind == Organisation.Kind.ENTERPRISE and self.rng.random() < 0.4:
            templates.append(INVESTMENT["offer" if chinese else "request"])
        language = TEXT_LANGUAGE.get(organisation.country, "en")
        targets = sorted(self.rng.sample(CEE, 2)) if chinese else ["CN"]
        plans = []
        for template in templates:
            title, summary = template[language]
            plans.append(
                {
                    "profile": profile,
                    "edition": None if self.rng.random() < 0.2 else edition,
                    "template": template,
                    "title": title,
                    "summary": summary,
                    "language": language,
                    "targets": targets,
                    "sectors": [self.sectors[c] for c in spec["sectors"]],
                }
            )
        return plans

    def _opportunity(self, plan: dict, outcome: str) -> Opportunity:
        template = plan["template"]

        def create() -> Opportunity:
            opportunity = save_opportunity(
                Opportunity(
                    profile=plan["profile"],
                    series=self.series,
                    edition=plan["edition"],
                    kind=template["kind"],
                    title=plan["title"],
                    summary=plan["summary"],
                    language=plan["language"],
                    keywords=template["keywords"],
                    partnerships=template["partnerships"],
                    target_countries=plan["targets"],
                    technology_readiness=template.get("readiness"),
                    is_sample=True,
                ),
                sectors=plan["sectors"],
                actor=self.actor,
            )
            submit_opportunity(opportunity, actor=self.actor)
            if outcome == "published":
                publish_opportunity(opportunity, actor=self.actor)
            elif outcome == "rejected":
                reject_opportunity(opportunity, note=REJECTION_NOTE, actor=self.actor)
            return opportunity

        return self.ledger.ensure(
            Opportunity, {"profile": plan["profile"], "title": plan["title"]}, create
        )
