"""System checks of the platform's own settings (``smeforum manage check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from smeforum.config import DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    if not settings.DEBUG and settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "SMEFORUM_SECRET_KEY is not set: production must not use the development key.",
                hint="Set SMEFORUM_SECRET_KEY to a long random value.",
                id="smeforum.E001",
            )
        ]
    return []
