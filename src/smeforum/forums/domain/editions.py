"""Series and editions: creation, changes, themes, organisers and country roles."""

from __future__ import annotations

from django.db import transaction

from smeforum.audit.domain import save_record
from smeforum.forums.models import (
    Edition,
    EditionCountry,
    EditionOrganiser,
    EditionTheme,
    ForumSeries,
)
from smeforum.orgs.models import Organisation
from smeforum.reference.models import Source
from smeforum.reference.queries import members_on


def save_series(series: ForumSeries, *, actor=None) -> ForumSeries:
    """Validate and save a series. Side effects: the row and its audit entry."""
    return save_record(series, actor=actor)


def save_edition(edition: Edition, *, actor=None) -> Edition:
    """Validate (dates, unique number in the series, time zone) and save an edition.
    Side effects: the row and its audit entry."""
    return save_record(edition, actor=actor)


def add_theme(
    edition: Edition,
    *,
    text_en: str,
    text_zh: str = "",
    source: Source | None = None,
    is_primary: bool = False,
    actor=None,
) -> EditionTheme:
    """Record a theme as ``source`` gives it; several sources may give different themes."""
    theme = EditionTheme(
        edition=edition, text_en=text_en, text_zh=text_zh, source=source, is_primary=is_primary
    )
    return save_record(theme, actor=actor)


def add_organiser(
    edition: Edition,
    *,
    organisation: Organisation,
    role: str,
    source: Source | None = None,
    actor=None,
) -> EditionOrganiser:
    """Give an organisation a role (host, co-host, supporter, co-organiser) in an edition."""
    organiser = EditionOrganiser(
        edition=edition, organisation=organisation, role=role, source=source
    )
    return save_record(organiser, actor=actor)


def set_country_role(
    edition: Edition,
    *,
    country: str,
    role: str,
    source: Source | None = None,
    note: str = "",
    actor=None,
) -> EditionCountry:
    """Set ``country``'s role in ``edition``, replacing any earlier role.

    Refuses a role that contradicts the host city or the mechanism's membership on the
    edition's date. Side effects: one EditionCountry row written, its audit entry.
    """
    with transaction.atomic():
        existing = EditionCountry.objects.filter(edition=edition, country=country).first()
        entry = existing or EditionCountry(edition=edition, country=country)
        entry.role = role
        entry.source = source if source is not None else entry.source
        entry.note = note or entry.note
        return save_record(entry, actor=actor)


def apply_default_country_roles(edition: Edition, *, actor=None) -> list[EditionCountry]:
    """Give the host country the role "host" and every member of the series' mechanism on the
    edition's start date the role "member", leaving countries that already have a role alone.

    Returns the rows created. Side effects: those rows and one audit entry each.
    """
    created = []
    with transaction.atomic():
        taken = set(edition.countries.values_list("country", flat=True))
        host = edition.host_city.country
        wanted = [(host, EditionCountry.Role.HOST)]
        mechanism = edition.series.mechanism
        if mechanism is not None:
            wanted += [
                (code, EditionCountry.Role.MEMBER)
                for code in members_on(mechanism, edition.start_date)
                if code != host
            ]
        for country, role in wanted:
            if country in taken:
                continue
            entry = EditionCountry(edition=edition, country=country, role=role)
            created.append(
                save_record(entry, actor=actor, action="forums.editioncountry.defaulted")
            )
    return created
