"""WSGI entry point: ``gunicorn smeforum.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

from smeforum.config import Config

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smeforum.settings")
Config.from_env().check_can_serve()
application = get_wsgi_application()
