"""The trace from B2B meetings to outcomes: per edition, each outcome that names the meetings it
came from, with each meeting's parties, time, table and the parties' ratings.

Organisers with ``outcomes`` (``outcomes.view_outcome``) and platform admins; the editions are
those where the user holds ``outcomes`` and that have a B2B session. Without the permission:
403; another edition: 404, as the admin answers for another edition's row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from smeforum.accounts.queries import editions_with_permission
from smeforum.forums.models import Edition
from smeforum.outcomes.queries import meeting_time, party_names, traced_outcomes


def urls(model_admin) -> list:
    """The trace page's URL pattern (``admin:outcomes_outcome_trace``)."""
    info = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"

    def bound(request):
        return trace_view(model_admin, request)

    return [path("trace/", model_admin.admin_site.admin_view(bound), name=f"{info}_trace")]


def trace_url() -> str:
    return reverse("admin:outcomes_outcome_trace")


def _editions(user):
    return (
        editions_with_permission(user, "outcomes")
        .filter(sessions__b2b__isnull=False)
        .distinct()
        .select_related("series")
        .order_by("series__name_en", "-number")
    )


def _edition(request, editions) -> Edition | None:
    """The edition asked for (``?edition=<id>``), else the first listed; 404 outside them."""
    wanted = request.GET.get("edition")
    if not wanted:
        return editions[0] if editions else None
    if not wanted.isdigit():
        raise Http404(_("No such record in the editions you organise."))
    for edition in editions:
        if edition.pk == int(wanted):
            return edition
    raise Http404(_("No such record in the editions you organise."))


def _meeting_row(meeting, *, matchmaking: bool) -> dict:
    """``matchmaking``: the user looks after the edition's matchmaking, so sees the ratings
    (organisers with ``matchmaking`` only) and the link to the board."""
    if not matchmaking:
        return {
            "meeting": meeting,
            "parties": " – ".join(party_names(meeting)),
            "time": meeting_time(meeting),
            "table": str(meeting.table) if meeting.table_id else "",
        }
    return {
        "meeting": meeting,
        "parties": " – ".join(party_names(meeting)),
        "time": meeting_time(meeting),
        "table": str(meeting.table) if meeting.table_id else "",
        "ratings": [
            {
                "organisation": rating.rater.profile.organisation.display_name,
                "value": rating.get_value_display(),
                "code": rating.value,
            }
            for rating in meeting.ratings.all()
        ],
        "board": reverse("admin:scheduling_b2bsession_meeting", args=[meeting.b2b_id, meeting.pk]),
    }


def trace_view(model_admin, request):
    if not request.user.has_perm("outcomes.view_outcome"):
        raise PermissionDenied
    editions = list(_editions(request.user))
    edition = _edition(request, editions)
    rows = []
    matchmaking = edition is not None and (
        request.user.is_superuser
        or editions_with_permission(request.user, "matchmaking").filter(pk=edition.pk).exists()
    )
    if edition is not None:
        for outcome in traced_outcomes(edition):
            amounts = ", ".join(
                f"{amount.amount:,.2f} {amount.currency}" for amount in outcome.amounts.all()
            )
            rows.append(
                {
                    "outcome": outcome,
                    "change": reverse("admin:outcomes_outcome_change", args=[outcome.pk]),
                    "amounts": amounts,
                    "meetings": [
                        _meeting_row(meeting, matchmaking=matchmaking)
                        for meeting in outcome.meetings.all()
                    ],
                }
            )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Outcomes traced to B2B meetings"),
        "editions": [
            {"edition": e, "url": f"{trace_url()}?edition={e.pk}", "current": e == edition}
            for e in editions
        ],
        "edition": edition,
        "matchmaking": matchmaking,
        "rows": rows,
    }
    return TemplateResponse(request, "backoffice/outcome_trace.html", context)
