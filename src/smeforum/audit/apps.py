from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "smeforum.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # The platform's own system checks, registered once at start-up.
        from smeforum import checks  # noqa: F401, PLC0415 -- registers on import
