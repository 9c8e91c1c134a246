"""The audit log: read-only, written only by domain functions."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from smeforum.audit.models import AuditEntry
from smeforum.backoffice.admin.mixins import ReadOnlyAdmin
from smeforum.backoffice.admin.permissions import PlatformAdminOnlyMixin


def _pretty(value) -> str:
    if value is None:
        return "-"
    return format_html(
        "<pre>{}</pre>", json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
    )


def _cell(data: dict | None, key: str) -> str:
    if data is None or key not in data:
        return "-"
    return json.dumps(data[key], ensure_ascii=False)


@admin.register(AuditEntry)
class AuditEntryAdmin(PlatformAdminOnlyMixin, ReadOnlyAdmin):
    list_display = ("created_at", "actor_label", "action", "object_repr")
    list_filter = ("action", ("content_type", admin.RelatedOnlyFieldListFilter))
    search_fields = ("actor_label", "action", "object_repr", "object_id")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    fields = (
        "created_at",
        "actor_label",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "changes",
        "before_pretty",
        "after_pretty",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "content_type")

    @admin.display(description=_("changed fields"))
    def changes(self, obj: AuditEntry) -> str:
        fields = obj.changed_fields()
        if not fields:
            return "-"
        rows = format_html_join(
            "",
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            ((f, _cell(obj.before, f), _cell(obj.after, f)) for f in fields),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("field"),
            _("before"),
            _("after"),
            rows,
        )

    @admin.display(description=_("before"))
    def before_pretty(self, obj: AuditEntry) -> str:
        return _pretty(obj.before)

    @admin.display(description=_("after"))
    def after_pretty(self, obj: AuditEntry) -> str:
        return _pretty(obj.after)
