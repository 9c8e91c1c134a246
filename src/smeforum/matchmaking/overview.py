"""How meeting requests stand at an edition, per organisation: the organisers' overview.

Per organisation confirmed for the edition:

- ``sent``, ``received``: the requests it sent and received, withdrawn ones left out (taken
  back before an answer, they asked nothing of anyone);
- ``accepted``, ``declined``, ``open``: its answers to the requests it received, and those
  still waiting for its answer; ``acceptance_rate`` is ``accepted / (accepted + declined)``,
  a ``Decimal`` with two places (``None`` before its first answer);
- ``meetings``: its accepted requests, sent or received — what ``max_meetings`` limits, the
  edition's rule repeated on each row (``None``: no limit); ``agenda_full`` when it is reached.

Read-only (a queries-level module: models only), shared by the back office and the API.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Q, Subquery

from smeforum.matchmaking.models import MeetingRating, MeetingRequest, ProfileEdition, RequestPolicy

_STATUS = MeetingRequest.Status
_RATE_PLACES = Decimal("0.01")


def acceptance_rate(accepted: int, declined: int) -> Decimal | None:
    """The share of answered requests that were accepted (0.00..1.00, two places);
    ``None`` when none was answered."""
    answered = accepted + declined
    if not answered:
        return None
    return (Decimal(accepted) / Decimal(answered)).quantize(_RATE_PLACES, ROUND_HALF_UP)


def _count(side: str, *statuses: str) -> Count:
    """Requests on ``side`` (``requests_sent`` or ``requests_received``) with ``statuses``;
    distinct, as the two sides are joined at once."""
    if statuses:
        condition = Q(**{f"{side}__status__in": statuses})
    else:
        condition = Q(**{f"{side}__isnull": False}) & ~Q(**{f"{side}__status": _STATUS.WITHDRAWN})
    return Count(side, filter=condition, distinct=True)


def request_overview(edition) -> list[dict]:
    """One row per organisation confirmed for ``edition``, by name; one query."""
    limit = RequestPolicy.objects.filter(edition=OuterRef("edition")).values("max_meetings")[:1]
    rows = (
        ProfileEdition.objects.filter(edition=edition)
        .select_related("profile__organisation")
        .annotate(
            sent=_count("requests_sent"),
            received=_count("requests_received"),
            accepted=_count("requests_received", _STATUS.ACCEPTED),
            declined=_count("requests_received", _STATUS.DECLINED),
            open=_count("requests_received", _STATUS.OPEN),
            meetings_sent=_count("requests_sent", _STATUS.ACCEPTED),
            max_meetings=Subquery(limit),
        )
    )
    result = []
    for row in rows:
        organisation = row.profile.organisation
        meetings = row.accepted + row.meetings_sent
        result.append(
            {
                "organisation_id": organisation.pk,
                "organisation": organisation.display_name,
                "country": str(organisation.country or ""),
                "sent": row.sent,
                "received": row.received,
                "accepted": row.accepted,
                "declined": row.declined,
                "open": row.open,
                "acceptance_rate": acceptance_rate(row.accepted, row.declined),
                "meetings": meetings,
                "max_meetings": row.max_meetings,
                "agenda_full": row.max_meetings is not None and meetings >= row.max_meetings,
            }
        )
    return sorted(result, key=lambda r: (r["organisation"].casefold(), r["organisation_id"]))


def rating_counts(edition) -> dict[str, int]:
    """How many ratings of the edition's meetings gave each value (every value, 0 included);
    ratings of meetings called off afterwards are left out, as in the report."""
    counts = dict(
        MeetingRating.objects.filter(rater__edition=edition)
        .exclude(meeting__status="cancelled")
        .order_by()
        .values_list("value")
        .annotate(n=Count("pk"))
    )
    return {value: counts.get(value, 0) for value in MeetingRating.Value.values}
