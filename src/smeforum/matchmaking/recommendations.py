"""Partner recommendations from the database: the engine (``matchmaking.recommend``) fed with
one edition's confirmed profiles, its reasons worded with gettext. Read-only.

Capacity: an organisation can take ``MEETINGS_PER_PERSON`` meetings per person it sends
(the registrations on its confirmation for the edition, at least 1).

Partners it already asked or was asked by (a request open or accepted), and those a request
between the two was declined with, at that edition, are left out.

The engine's index of an edition is kept in the Django cache under a key made of the edition
and a fingerprint of the engine's input (every profile and opportunity as the engine sees
them): any change to what the engine reads gives a new key, so a stale index is never used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from smeforum.matchmaking import recommend as engine
from smeforum.matchmaking.embeddings import local_encoder
from smeforum.matchmaking.models import (
    MeetingRequest,
    Opportunity,
    Profile,
    ProfileEdition,
    RequestPolicy,
)
from smeforum.matchmaking.recommend.nace import path as nace_path
from smeforum.orgs.models import Organisation
from smeforum.reference.countries import country_name
from smeforum.reference.models import Sector

#: Meetings one attending person can take in a B2B session (used for the engine's capacity).
MEETINGS_PER_PERSON = 8

#: How long an edition's engine index stays in the cache (seconds); a changed input makes a new
#: key anyway, so this only bounds the memory held by old ones.
INDEX_CACHE_SECONDS = 6 * 60 * 60

#: Request statuses that take a partner out of the recommendations.
_NOT_AGAIN = (
    MeetingRequest.Status.OPEN,
    MeetingRequest.Status.ACCEPTED,
    MeetingRequest.Status.DECLINED,
)

PARTNERSHIP_LABELS = {
    "distribution": gettext_lazy("distribution"),
    "commercial_agency": gettext_lazy("commercial agency"),
    "manufacturing": gettext_lazy("manufacturing"),
    "joint_venture": gettext_lazy("joint venture"),
    "licensing": gettext_lazy("licensing"),
    "technical_cooperation": gettext_lazy("technical cooperation"),
    "research_cooperation": gettext_lazy("research cooperation"),
    "investment": gettext_lazy("investment"),
}
LEVEL_LABELS = {
    "section": gettext_lazy("same section"),
    "division": gettext_lazy("same division"),
    "group": gettext_lazy("same group"),
    "class": gettext_lazy("same class"),
}


class NotConfirmedError(LookupError):
    """The organisation has no profile confirmed for the edition."""


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    country: str  # ISO 3166-1 alpha-2
    score: float  # 0..1
    reasons: list[str]
    confirmation_id: int | None = None  # the organisation's ProfileEdition at the edition


@dataclass
class EditionProfiles:
    """An edition's profiles for the engine, and the records to word the reasons with."""

    profiles: list[engine.Profile]
    records: dict[str, Profile]  # engine id -> profile (organisation joined, ``confirmation_id``)
    opportunities: dict[str, Opportunity]  # engine id -> opportunity
    sectors: dict[str, Sector]  # NACE code ("C", "27") -> sector


def _profile_id(profile: Profile) -> str:
    return f"p{profile.pk}"


def _keywords(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,;\n]", text) if k.strip())


def _codes(sectors) -> tuple[str, ...]:
    return tuple(sorted(s.code for s in sectors))


def _meetings_agreed(edition) -> dict[int, int]:
    """Confirmation id -> the accepted requests it takes part in at ``edition`` (one query)."""
    booked: dict[int, int] = {}
    rows = MeetingRequest.objects.filter(
        edition=edition, status=MeetingRequest.Status.ACCEPTED
    ).values_list("sender_id", "receiver_id")
    for pair in rows:
        for confirmation_id in pair:
            booked[confirmation_id] = booked.get(confirmation_id, 0) + 1
    return booked


def _room(row, booked: dict[int, int], most: int | None) -> int:
    """The meetings an organisation can still take: what its people can hold (and the edition's
    ``max_meetings``), less the meetings it has agreed. A full agenda gets 0: the engine then
    recommends it to nobody, as the scheduler could not place another meeting of it."""
    room = max(1, row.attending) * MEETINGS_PER_PERSON
    if most is not None:
        room = min(room, most)
    return max(0, room - booked.get(row.confirmation_id, 0))


def edition_profiles(edition, *, count_agreed: bool = True) -> EditionProfiles:
    """The profiles confirmed for ``edition`` with their published, unexpired opportunities of
    the edition and their evergreen ones (six queries, whatever the number of profiles). Each
    profile record carries ``confirmation_id``, its ``ProfileEdition`` at the edition; each
    engine profile's capacity is the meetings it can still take (see ``_room``);
    ``count_agreed=False``: as if no meeting were agreed yet (the lists as requests opened)."""
    today = timezone.localdate()
    opportunities = (
        Opportunity.objects.filter(status=Opportunity.Status.PUBLISHED)
        .filter(Q(edition=edition) | Q(edition__isnull=True))
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .prefetch_related("sectors")
        .order_by("pk")
    )
    confirmation = ProfileEdition.objects.filter(profile=OuterRef("pk"), edition=edition)
    rows = (
        Profile.objects.filter(editions__edition=edition)
        .select_related("organisation")
        .prefetch_related("sectors", Prefetch("opportunities", queryset=opportunities))
        .annotate(
            attending=Count("editions__attendees", distinct=True),
            confirmation_id=Subquery(confirmation.values("pk")[:1]),
        )
        .order_by("pk")
    )
    result = EditionProfiles([], {}, {}, {s.code: s for s in Sector.objects.all()})
    booked = _meetings_agreed(edition) if count_agreed else {}
    limit = RequestPolicy.objects.filter(edition=edition).values_list("max_meetings", flat=True)
    most = limit.first()
    for row in rows:
        pid = _profile_id(row)
        opps = []
        for opp in row.opportunities.all():
            oid = f"o{opp.pk}"
            result.opportunities[oid] = opp
            opps.append(
                engine.Opportunity(
                    id=oid,
                    kind=opp.kind,
                    title=opp.title,
                    summary=opp.summary,
                    sectors=_codes(opp.sectors.all()),
                    keywords=_keywords(opp.keywords),
                    partnerships=tuple(opp.partnerships),
                    target_countries=tuple(opp.target_countries),
                )
            )
        texts = [row.description_original, row.description_en]
        result.profiles.append(
            engine.Profile(
                id=pid,
                country=str(row.organisation.country),
                sectors=_codes(row.sectors.all()),
                languages=tuple(row.languages),
                text="\n".join(t for t in texts if t),
                countries_of_interest=tuple(row.countries_of_interest),
                capacity=_room(row, booked, most),
                opportunities=tuple(opps),
            )
        )
        result.records[pid] = row
    return result


def _sector_words(label: str, sectors: dict[str, Sector]) -> str:
    """ "C27 Manufacture of electrical equipment": the NACE code and the name of its deepest
    level in the reference (sections and divisions)."""
    parts = nace_path(label) or ()
    for code in reversed(parts):
        if code in sectors:
            return f"{label} {sectors[code].name}"
    return label


def _countries(codes) -> str:
    return ", ".join(country_name(c) for c in codes)


def _language(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def word_reason(reason: engine.Reason, data: EditionProfiles, other: Profile) -> str:
    """One reason in the active language; ``other`` is the recommended profile."""
    p = reason.params
    if reason.code == "complement":
        details = []
        if p.get("partnership"):
            details.append(str(PARTNERSHIP_LABELS[p["partnership"]]))
        if p.get("sector"):
            details.append(_sector_words(p["sector"], data.sectors))
        if p.get("countries"):
            details.append(_("for %(countries)s") % {"countries": _countries(p["countries"])})
        theirs = data.opportunities[p["their_opportunity"]]
        yours = data.opportunities[p["your_opportunity"]]
        return _(
            "%(organisation)s’s %(theirs)s “%(their_title)s”%(details)s matches your "
            "%(yours)s “%(your_title)s”"
        ) % {
            "organisation": other.organisation.display_name,
            "theirs": theirs.get_kind_display(),
            "their_title": theirs.title,
            "details": f" ({'; '.join(details)})" if details else "",
            "yours": yours.get_kind_display(),
            "your_title": yours.title,
        }
    if reason.code == "sector" and p["yours"] == p["theirs"]:
        return _("you work in the same sector (%(sector)s)") % {
            "sector": _sector_words(p["yours"], data.sectors)
        }
    if reason.code == "sector":
        return _("you work in close sectors (%(level)s: %(yours)s and %(theirs)s)") % {
            "level": LEVEL_LABELS[p["level"]],
            "yours": _sector_words(p["yours"], data.sectors),
            "theirs": _sector_words(p["theirs"], data.sectors),
        }
    if reason.code == "text":
        similarity = round(p["similarity"] * 100)
        if p.get("terms"):
            return _("your descriptions are alike (%(similarity)s%%; shared: %(terms)s)") % {
                "similarity": similarity,
                "terms": ", ".join(p["terms"]),
            }
        return _("your descriptions are alike (%(similarity)s%%)") % {"similarity": similarity}
    if reason.code == "cross_border":
        return _("a China–CEE partnership (%(yours)s and %(theirs)s)") % {
            "yours": country_name(p["yours"]),
            "theirs": country_name(p["theirs"]),
        }
    if reason.code == "their_country_wanted":
        return _("%(country)s is a country you look for") % {"country": country_name(p["country"])}
    if reason.code == "wants_your_country":
        return _("%(organisation)s looks for partners in %(country)s") % {
            "organisation": other.organisation.display_name,
            "country": country_name(p["country"]),
        }
    if reason.code == "language":
        return _("you share a language (%(languages)s)") % {
            "languages": ", ".join(_language(code) for code in p["languages"])
        }
    return engine.describe(reason.code, p)


def hash_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def fingerprint(profiles: list[engine.Profile]) -> str:
    """A digest of the engine's input: it changes whenever a profile or an opportunity the
    engine reads changes (the engine's records are frozen dataclasses of plain values)."""
    return hashlib.sha256(repr(profiles).encode()).hexdigest()[:32]


def index_key(edition, data: EditionProfiles) -> str:
    """The cache key of ``edition``'s index: its input and the embedding model in use."""
    model = hash_of(settings.SMEFORUM_EMBEDDING_MODEL)
    return f"matchmaking:recommend-index:{edition.pk}:{fingerprint(data.profiles)}:{model}"


def edition_index(edition, data: EditionProfiles) -> engine.Index:
    """The engine's index of ``edition``'s profiles, from the cache when its input is
    unchanged."""
    key = index_key(edition, data)
    index = cache.get(key)
    if index is None:
        encoder = local_encoder(settings.SMEFORUM_EMBEDDING_MODEL)
        index = engine.build_index(data.profiles, encoder=encoder)
        cache.set(key, index, INDEX_CACHE_SECONDS)
    return index


def excluded_pairs(edition, organisation, data: EditionProfiles) -> list[tuple[str, str]]:
    """Engine id pairs of ``organisation`` and the partners it must not be recommended at
    ``edition``: a request open, accepted or declined between them, either way round."""
    rows = (
        MeetingRequest.objects.filter(edition=edition, status__in=_NOT_AGAIN)
        .filter(
            Q(sender__profile__organisation=organisation)
            | Q(receiver__profile__organisation=organisation)
        )
        .values_list("sender__profile_id", "receiver__profile_id")
    )
    pairs = [(f"p{a}", f"p{b}") for a, b in rows]
    return [pair for pair in pairs if all(pid in data.records for pid in pair)]


def recommend_for(edition, organisation, *, top: int = 10) -> list[Suggestion]:
    """The organisations ``organisation`` should meet at ``edition``, best first, with their
    score and worded reasons; never one it has a request open, accepted or declined with
    there. Raises :class:`NotConfirmedError` when the organisation has no profile confirmed
    for the edition."""
    data = edition_profiles(edition)
    me = next(
        (pid for pid, p in data.records.items() if p.organisation_id == organisation.pk), None
    )
    if me is None:
        raise NotConfirmedError(
            _("%(organisation)s has no matchmaking profile confirmed for %(edition)s.")
            % {"organisation": organisation.display_name, "edition": edition}
        )
    index = edition_index(edition, data)
    exclude = excluded_pairs(edition, organisation, data)
    suggestions = []
    for rec in engine.recommend(index, me, top=top, exclude=exclude):
        other = data.records[rec.profile_id]
        suggestions.append(
            Suggestion(
                organisation=other.organisation,
                country=str(other.organisation.country),
                score=rec.score,
                reasons=[word_reason(r, data, other) for r in rec.reasons],
                confirmation_id=other.confirmation_id,
            )
        )
    return suggestions
