from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "smeforum.scheduling"
    verbose_name = _("B2B meeting scheduling")
