"""Printouts of a B2B session for the organisers: every attendee's agenda and the table plan,
as PDF (``scheduling.printouts`` sets them), in the active language.

Who may print: see ``access``.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

from smeforum.backoffice.schedule.access import b2b_or_404
from smeforum.scheduling.models import B2BSession
from smeforum.scheduling.printouts import agendas_pdf, table_plan_pdf


def _pdf(data: bytes, b2b: B2BSession, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="b2b-{b2b.pk}-{name}.pdf"'
    return response


def agendas(request, b2b_id: int) -> HttpResponse:
    b2b = b2b_or_404(request, b2b_id)
    return _pdf(agendas_pdf(b2b), b2b, "agendas")


def table_plan(request, b2b_id: int) -> HttpResponse:
    b2b = b2b_or_404(request, b2b_id)
    return _pdf(table_plan_pdf(b2b), b2b, "table-plan")


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "<int:b2b_id>/agendas.pdf",
            wrap(agendas),
            name="scheduling_b2bsession_agendas_pdf",
        ),
        path(
            "<int:b2b_id>/table-plan.pdf",
            wrap(table_plan),
            name="scheduling_b2bsession_table_plan_pdf",
        ),
    ]
