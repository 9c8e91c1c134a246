"""Printouts of a B2B session for the organisers: every attendee's agenda and the table plan,
as PDF (``scheduling.printouts`` sets them), in the active language.

Who may print: platform admins and organisers with ``matchmaking`` on the session's edition
(``scheduling.view_b2bsession``). A B2B session outside the editions where the user holds
``matchmaking`` is answered 404, as the admin answers for another edition's row; an organiser
without ``matchmaking`` anywhere gets 403, as on the admin's own pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _

from smeforum.accounts.queries import editions_with_permission
from smeforum.scheduling.models import B2BSession
from smeforum.scheduling.printouts import agendas_pdf, table_plan_pdf

PERMISSION = "scheduling.view_b2bsession"


def b2b_for(request, object_id: str) -> B2BSession:
    """The B2B session ``object_id`` if the user may print it; else 403 or 404 (see above)."""
    user = request.user
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    sessions = B2BSession.objects.select_related("session__edition__series")
    if not user.is_superuser:
        sessions = sessions.filter(
            session__edition__in=editions_with_permission(user, "matchmaking")
        )
    b2b = sessions.filter(pk=object_id).first() if object_id.isdigit() else None
    if b2b is None:
        raise Http404(_("No such record in the editions you organise."))
    if not user.has_perm(PERMISSION, b2b):
        raise PermissionDenied
    return b2b


def _pdf(data: bytes, b2b: B2BSession, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="b2b-{b2b.pk}-{name}.pdf"'
    return response


def agendas(request, object_id: str) -> HttpResponse:
    b2b = b2b_for(request, object_id)
    return _pdf(agendas_pdf(b2b), b2b, "agendas")


def table_plan(request, object_id: str) -> HttpResponse:
    b2b = b2b_for(request, object_id)
    return _pdf(table_plan_pdf(b2b), b2b, "table-plan")


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<path:object_id>/agendas.pdf",
            wrap(agendas),
            name="scheduling_b2bsession_agendas_pdf",
        ),
        path(
            "<path:object_id>/table-plan.pdf",
            wrap(table_plan),
            name="scheduling_b2bsession_table_plan_pdf",
        ),
    ]
