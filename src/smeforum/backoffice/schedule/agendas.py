"""The B2B board's buttons for meeting requests and agendas, each a POST under the B2B session's
admin URLs, back to the board with what happened in a message:

* take in accepted requests (``…_take_requests``): ``matchmaking.domain.meet_accepted_requests``
  for the session's edition, saying how many meetings were created and how many requests still
  wait (no B2B session for them, or nobody of one side attends);
* publish the agendas (``…_publish_agendas``) and send the reminder (``…_remind_agendas``):
  ``scheduling.domain.publication``, which emails each participant in their language.

Who may press them: organisers who may change the B2B session (see ``access``). The board
shows the section with :func:`board_context`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from smeforum.backoffice.schedule.access import b2b_or_404
from smeforum.matchmaking.domain import meet_accepted_requests
from smeforum.matchmaking.models import MeetingRequest
from smeforum.scheduling.domain.publication import publish_agendas, send_agenda_reminders
from smeforum.scheduling.models import B2BSession

#: This module's pages, by URL name suffix (after ``scheduling_b2bsession_``).
SUFFIXES = ("take_requests", "publish_agendas", "remind_agendas")


def board_context(b2b: B2BSession) -> dict:
    """What the board shows of requests and agendas: the edition's accepted requests without a
    meeting yet, and the link to the edition's overview of requests."""
    edition_id = b2b.session.edition_id
    return {
        "requests_waiting": MeetingRequest.objects.filter(
            edition_id=edition_id,
            status=MeetingRequest.Status.ACCEPTED,
            meeting__isnull=True,
        ).count(),
        "requests_overview_url": reverse(
            "admin:matchmaking_requestpolicy_overview", args=[edition_id]
        ),
    }


def _act(request, b2b_id: int, act) -> HttpResponseRedirect | HttpResponseNotAllowed:
    """``act(b2b, actor)`` (POST) returns the message of success; a refusal is the error."""
    b2b = b2b_or_404(request, b2b_id, write=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        done = act(b2b, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(reverse("admin:scheduling_b2bsession_board", args=[b2b.pk]))


def take_requests(request, b2b_id: int):
    def act(b2b, actor):
        counts = meet_accepted_requests(b2b.session.edition, actor=actor)
        return (
            _(
                "Accepted requests taken in: new meetings: %(created)s; still waiting (no B2B "
                "session for them, or nobody of one side attends): %(waiting)s."
            )
            % counts
        )

    return _act(request, b2b_id, act)


def publish(request, b2b_id: int):
    def act(b2b, actor):
        people = publish_agendas(b2b, actor=actor)
        return ngettext(
            "Agendas published: %(n)s participant gets theirs by email.",
            "Agendas published: %(n)s participants get theirs by email.",
            people,
        ) % {"n": people}

    return _act(request, b2b_id, act)


def remind(request, b2b_id: int):
    def act(b2b, actor):
        people = send_agenda_reminders(b2b, actor=actor)
        return ngettext(
            "Reminder sent to %(n)s participant.",
            "Reminder sent to %(n)s participants.",
            people,
        ) % {"n": people}

    return _act(request, b2b_id, act)


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<int:b2b_id>/take-requests/",
            wrap(take_requests),
            name="scheduling_b2bsession_take_requests",
        ),
        path(
            "<int:b2b_id>/publish-agendas/",
            wrap(publish),
            name="scheduling_b2bsession_publish_agendas",
        ),
        path(
            "<int:b2b_id>/remind-agendas/",
            wrap(remind),
            name="scheduling_b2bsession_remind_agendas",
        ),
    ]
