"""Test settings: the real settings, with a fast password hasher and no HTTPS redirect."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SMEFORUM_DEBUG", "1")

from smeforum.settings import *  # noqa: F403

# WhiteNoise warns (an error here) when STATIC_ROOT does not exist, as before collectstatic.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="smeforum-static-"))

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SMEFORUM_REQUIRE_STAFF_TOTP = False  # tests/accounts/test_two_factor.py switches it on
