from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoneyConfig(AppConfig):
    name = "smeforum.money"
    verbose_name = _("Money and exchange rates")
