"""B2B sessions: their set-up and schedule pages (``backoffice/schedule/``), attendees,
meetings and solver runs."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smeforum.backoffice.admin.mixins import DomainWriteAdmin
from smeforum.backoffice.admin.permissions import RulesPermissionsMixin
from smeforum.backoffice.schedule import board, imports, printouts
from smeforum.scheduling.models import B2BSession


@admin.register(B2BSession)
class B2BSessionAdmin(RulesPermissionsMixin, DomainWriteAdmin):
    view_flags = ("matchmaking",)
    write_flag = "matchmaking"
    edition_lookup = "session__edition"

    list_display = ("session", "edition_column", "slot_minutes", "time_limit")
    list_select_related = ("session__edition__series",)
    fields = ("session", "slot_minutes", "time_limit")

    @admin.display(description=_("edition"), ordering="session__edition")
    def edition_column(self, obj: B2BSession):
        return obj.session.edition

    def get_urls(self):
        return board.urls(self) + imports.urls(self) + printouts.urls(self) + super().get_urls()
