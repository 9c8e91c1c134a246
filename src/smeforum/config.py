"""Typed runtime configuration read from environment variables.

Every setting the platform reads from its environment is declared here, with its type and
default, so ``settings.py`` never touches ``os.environ`` directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

#: Key used when none is configured. Only accepted with ``SMEFORUM_DEBUG`` on.
DEVELOPMENT_SECRET_KEY = "smeforum-development-key-not-for-production"  # noqa: S105

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    msg = f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off."
    raise ImproperlyConfigured(msg)


def _int(environ: Mapping[str, str], name: str, *, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        msg = f"{name}={raw!r} is not a whole number."
        raise ImproperlyConfigured(msg) from None


def _list(environ: Mapping[str, str], name: str, *, default: list[str]) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class Config:
    """The platform's configuration, as read from the environment."""

    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    data_dir: Path
    database_url: str
    redis_url: str
    secure_ssl_redirect: bool
    hsts_seconds: int
    email_url: str
    default_from_email: str = "smeforum <noreply@localhost>"
    email_host: str = "localhost"
    email_port: int = 25
    email_host_user: str = ""
    email_host_password: str = ""
    email_use_tls: bool = False
    open_signup: bool = True
    site_url: str = "http://127.0.0.1:8000"
    embedding_model: str = ""  # a local sentence-transformers model directory; empty: none

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        debug = _bool(env, "SMEFORUM_DEBUG", default=False)
        data_dir = Path(env.get("SMEFORUM_DATA_DIR", "var")).expanduser().resolve()
        return cls(
            debug=debug,
            secret_key=env.get("SMEFORUM_SECRET_KEY", DEVELOPMENT_SECRET_KEY),
            allowed_hosts=_list(
                env,
                "SMEFORUM_ALLOWED_HOSTS",
                default=["127.0.0.1", "localhost", "[::1]"] if debug else [],
            ),
            data_dir=data_dir,
            database_url=env.get("DATABASE_URL", f"sqlite:///{data_dir / 'smeforum.sqlite3'}"),
            redis_url=env.get("SMEFORUM_REDIS_URL", ""),
            secure_ssl_redirect=_bool(env, "SMEFORUM_SECURE_SSL_REDIRECT", default=not debug),
            hsts_seconds=_int(env, "SMEFORUM_HSTS_SECONDS", default=0 if debug else 31_536_000),
            email_url=env.get("SMEFORUM_EMAIL_BACKEND", ""),
            default_from_email=env.get("SMEFORUM_FROM_EMAIL", "smeforum <noreply@localhost>"),
            email_host=env.get("SMEFORUM_EMAIL_HOST", "localhost"),
            email_port=_int(env, "SMEFORUM_EMAIL_PORT", default=25),
            email_host_user=env.get("SMEFORUM_EMAIL_USER", ""),
            email_host_password=env.get("SMEFORUM_EMAIL_PASSWORD", ""),
            email_use_tls=_bool(env, "SMEFORUM_EMAIL_USE_TLS", default=False),
            open_signup=_bool(env, "SMEFORUM_OPEN_SIGNUP", default=True),
            site_url=env.get("SMEFORUM_SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
            embedding_model=env.get("SMEFORUM_EMBEDDING_MODEL", ""),
        )

    def check_can_serve(self) -> None:
        """Refuse to serve the web with settings that must never run in production.

        Called by the WSGI entry point (``smeforum serve``); command-line work on a local data
        folder (``smeforum report``, imports) does not need a secret key.
        """
        if not self.debug and self.secret_key == DEVELOPMENT_SECRET_KEY:
            msg = (
                "SMEFORUM_SECRET_KEY is not set: production (SMEFORUM_DEBUG off) refuses to start "
                "with the development secret key. Set SMEFORUM_SECRET_KEY to a long random value."
            )
            raise ImproperlyConfigured(msg)
        if not self.debug and len(self.secret_key) < 50:
            msg = "SMEFORUM_SECRET_KEY must be at least 50 characters long in production."
            raise ImproperlyConfigured(msg)
