"""Importing a B2B session's meetings from a CSV or XLSX file (the format: docs/scheduling.md,
"Importing meetings"), all or nothing, and the CSV template to fill in.

Who: ``scheduling.change_b2bsession`` on the B2B session (the ``matchmaking`` permission).
Without it anywhere: 403; a B2B session outside the editions where the user holds it: 404.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smeforum.backoffice.schedule.access import b2b_or_404
from smeforum.scheduling.domain.imports import TEMPLATE_COLUMNS, import_meetings

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy("One row per meeting; at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


def import_page(request, model_admin, b2b_id: int):
    b2b = b2b_or_404(request, b2b_id, write=True)
    result = None
    problems: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_meetings(
                    b2b, data=upload.read(), filename=upload.name, actor=request.user
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                form = ImportForm()
    else:
        form = ImportForm()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Import meetings"),
        "subtitle": str(b2b),
        "b2b": b2b,
        "form": form,
        "result": result,
        "problems": problems,
        "columns": TEMPLATE_COLUMNS,
        "change_url": reverse("admin:scheduling_b2bsession_change", args=[b2b.pk]),
        "template_url": reverse("admin:scheduling_b2bsession_import_template", args=[b2b.pk]),
        "time_zone": b2b.session.edition.time_zone,
    }
    return TemplateResponse(request, "backoffice/schedule/import.html", context)


def import_template(request, model_admin, b2b_id: int):
    """A CSV file with the header of the import, to fill in."""
    b2b = b2b_or_404(request, b2b_id, write=True)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(TEMPLATE_COLUMNS)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-b2b-{b2b.pk}.csv"'
    return response


def urls(model_admin) -> list:
    """The URL patterns of this module's pages, wrapped by ``model_admin``'s admin site."""
    wrap = model_admin.admin_site.admin_view

    def page(view):
        return wrap(lambda request, b2b_id: view(request, model_admin, b2b_id))

    return [
        path("<int:b2b_id>/import/", page(import_page), name="scheduling_b2bsession_import"),
        path(
            "<int:b2b_id>/import/template.csv",
            page(import_template),
            name="scheduling_b2bsession_import_template",
        ),
    ]
