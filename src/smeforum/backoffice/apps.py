from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "smeforum.backoffice"
    verbose_name = _("Back office")


class BackofficeAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the back office's site as the default ``admin.site``."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "smeforum.backoffice.site.BackofficeSite"
