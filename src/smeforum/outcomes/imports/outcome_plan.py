"""One outcome as an import file gives it, and how stored parties read in the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from smeforum.orgs.models import Organisation
from smeforum.outcomes.domain.sister_cities import SISTER_CITY_KIND
from smeforum.outcomes.imports.refs import CityRef, EditionRef, SeriesRef
from smeforum.outcomes.models import Outcome, OutcomeParty, SisterCityLink
from smeforum.reference.models import CooperationField, OutcomeKind

OUTCOME_COLUMNS = (
    "external_id",
    "series",
    "edition",
    "kind",
    "title",
    "signed_on",
    "amount",
    "currency",
    "amount_kind",
    "fields",
    "parties",
    "chinese_city",
    "foreign_city",
    "foreign_country",
    "stage",
)
AMOUNT_COLUMNS = ("amount", "currency", "amount_kind")
SISTER_CITY_COLUMNS = ("chinese_city", "foreign_city", "foreign_country", "stage")


@dataclass(frozen=True)
class PartySpec:
    label: str  # the organisation's name, or the free-text name
    country: str
    role: str
    organisation: Organisation | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.label, self.country, self.role)


def party_key(party: OutcomeParty) -> tuple[str, str, str]:
    """A stored party as the file names it: (name, country, role)."""
    if party.organisation_id:
        label = party.organisation.name
    elif party.city_id:
        label = party.city.name
    else:
        label = party.name
    return (label, party.country, party.role)


def listed_parties(outcome: Outcome) -> list[OutcomeParty]:
    """The parties the ``parties`` column lists: all but a sister-city link's own two cities."""
    parties = outcome.parties.select_related("organisation", "city").order_by("pk")
    return without_link_cities(
        list(parties), SisterCityLink.objects.filter(outcome=outcome).first()
    )


def without_link_cities(
    parties: list[OutcomeParty], link: SisterCityLink | None
) -> list[OutcomeParty]:
    """``parties`` less the two city parties that :func:`record_sister_city_link` adds."""
    if link is None:
        return parties
    own = {
        (link.chinese_city_id, OutcomeParty.Role.CHINESE_PARTY),
        (link.foreign_city_id, OutcomeParty.Role.FOREIGN_PARTY),
    }
    return [p for p in parties if (p.city_id, p.role) not in own]


def format_party(party: OutcomeParty) -> str:
    label, country, role = party_key(party)
    suffix = "" if role == OutcomeParty.Role.PARTY else f", {role}"
    return f"{label} ({country}{suffix})"


@dataclass
class OutcomePlan:
    """One outcome as the file gives it (from one or more rows), and what to do with it."""

    lines: list[int]
    series: SeriesRef
    external_id: str
    edition: EditionRef | None
    kind: OutcomeKind
    title: str
    signed_on: dt.date | None
    fields: list[CooperationField]
    parties: list[PartySpec]
    amounts: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    chinese_city: CityRef | None = None
    foreign_city: CityRef | None = None
    stage: str = ""
    existing: Outcome | None = None
    changes: set[str] = field(default_factory=set)

    @property
    def is_sister_city(self) -> bool:
        return self.kind.slug == SISTER_CITY_KIND
