"""Sister-city (friendship-city) relationships."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from smeforum.audit.domain import save_record
from smeforum.forums.models import Edition, ForumSeries
from smeforum.outcomes.domain.outcomes import add_party, record_outcome
from smeforum.outcomes.models import OutcomeParty, SisterCityLink
from smeforum.reference.models import City, OutcomeKind

SISTER_CITY_KIND = "sister_city"


def record_sister_city_link(
    series: ForumSeries,
    *,
    chinese_city: City,
    foreign_city: City,
    stage: str,
    level: str = SisterCityLink.Level.CITY,
    on: dt.date | None = None,
    edition: Edition | None = None,
    external_id: str = "",
    title: str = "",
    is_sample: bool = False,
    actor=None,
) -> SisterCityLink:
    """Record a sister-city relationship as an outcome of kind ``sister_city`` with both cities
    as parties. Refuses two cities in the same country, or a "Chinese" city outside China.

    Side effects: the Outcome, its status history, two parties, the link; audit entries; one
    transaction.
    """
    with transaction.atomic():
        link = SisterCityLink(
            chinese_city=chinese_city, foreign_city=foreign_city, level=level, stage=stage, on=on
        )
        link.clean()  # refuse bad cities before anything is written
        outcome = record_outcome(
            series,
            kind=OutcomeKind.objects.get(slug=SISTER_CITY_KIND),
            title=title or f"{chinese_city.name_zh or chinese_city.name} – {foreign_city.name}",
            title_en=f"{chinese_city.name} – {foreign_city.name}",
            edition=edition,
            signed_on=on,
            external_id=external_id,
            is_sample=is_sample,
            actor=actor,
        )
        add_party(
            outcome,
            city=chinese_city,
            country=chinese_city.country,
            role=OutcomeParty.Role.CHINESE_PARTY,
            actor=actor,
        )
        add_party(
            outcome,
            city=foreign_city,
            country=foreign_city.country,
            role=OutcomeParty.Role.FOREIGN_PARTY,
            actor=actor,
        )
        link.outcome = outcome
        return save_record(link, actor=actor)


def advance_sister_city_link(
    link: SisterCityLink, *, stage: str, on: dt.date | None = None, actor=None
) -> SisterCityLink:
    """Move a relationship to a later stage (e.g. letter of intent → agreement signed)."""
    link.stage = stage
    link.on = on or link.on
    return save_record(link, actor=actor, action="outcomes.sistercitylink.stage_changed")
