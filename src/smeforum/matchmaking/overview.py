"""The organisers' overview of an edition's meeting requests, per organisation confirmed for
it: how many requests it sent and received, how it answered, and how full its agenda is.
Read-only (a queries-level module: models only), shared by the back office and the API."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from smeforum.matchmaking.models import MeetingRequest, ProfileEdition, RequestPolicy

Status = MeetingRequest.Status
_RATE_PLACES = Decimal("0.01")


def acceptance_rate(accepted: int, declined: int) -> Decimal | None:
    """The share of answered requests that were accepted (0.00..1.00, two places);
    ``None`` when none was answered."""
    answered = accepted + declined
    if not answered:
        return None
    return (Decimal(accepted) / Decimal(answered)).quantize(_RATE_PLACES, ROUND_HALF_UP)


def request_overview(edition) -> list[dict]:
    """One row per organisation confirmed for ``edition``, by name (one query, and one for
    the edition's rules):

    - ``sent``, ``received``: the requests it sent and received, whatever became of them;
    - ``accepted``, ``declined``, ``open``: of the requests it received, those it accepted
      (mutual ones included), declined, and has not answered yet;
    - ``acceptance_rate``: ``accepted`` / (``accepted`` + ``declined``), a ``Decimal`` with
      two places, ``None`` before any answer;
    - ``meetings``: the accepted requests it takes part in, sent or received (what the
      edition's ``max_meetings`` counts); ``max_meetings`` (``None``: no limit) and
      ``agenda_full`` (it reached the limit).

    Keys: organisation_id, organisation, country, sent, received, accepted, declined, open,
    acceptance_rate, meetings, max_meetings, agenda_full.
    """
    max_meetings = (
        RequestPolicy.objects.filter(edition=edition).values_list("max_meetings", flat=True).first()
    )

    def received(status: str | None = None) -> Count:
        condition = Q() if status is None else Q(requests_received__status=status)
        return Count("requests_received", filter=condition, distinct=True)

    rows = (
        ProfileEdition.objects.filter(edition=edition)
        .select_related("profile__organisation")
        .annotate(
            n_sent=Count("requests_sent", distinct=True),
            n_sent_accepted=Count(
                "requests_sent", filter=Q(requests_sent__status=Status.ACCEPTED), distinct=True
            ),
            n_received=received(),
            n_accepted=received(Status.ACCEPTED),
            n_declined=received(Status.DECLINED),
            n_open=received(Status.OPEN),
        )
    )
    overview = []
    for row in rows:
        organisation = row.profile.organisation
        meetings = row.n_sent_accepted + row.n_accepted
        overview.append(
            {
                "organisation_id": organisation.pk,
                "organisation": organisation.display_name,
                "country": str(organisation.country),
                "sent": row.n_sent,
                "received": row.n_received,
                "accepted": row.n_accepted,
                "declined": row.n_declined,
                "open": row.n_open,
                "acceptance_rate": acceptance_rate(row.n_accepted, row.n_declined),
                "meetings": meetings,
                "max_meetings": max_meetings,
                "agenda_full": max_meetings is not None and meetings >= max_meetings,
            }
        )
    return sorted(overview, key=lambda r: (r["organisation"].casefold(), r["organisation_id"]))
