from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "smeforum.portal"
    verbose_name = _("Self-service for participants and delegation leads")
