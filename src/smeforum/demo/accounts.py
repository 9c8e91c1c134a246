"""The demo's staff login: created once, its password kept in the data folder."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from smeforum.demo.ledger import Ledger

ORGANISER_EMAIL = "organiser@demo.smeforum.org"


@dataclass(frozen=True)
class Login:
    email: str
    password: str


def ensure_demo_staff(ledger: Ledger, *, data_dir: Path) -> Login:
    """Create the demo organiser (staff, superuser) once. The password is random, written to
    ``<data dir>/demo-credentials.json`` (mode 600) and read back on later runs."""
    store = data_dir / "demo-credentials.json"
    user_model = get_user_model()
    user = user_model.objects.filter(username=ORGANISER_EMAIL).first()
    saved = json.loads(store.read_text()) if store.exists() else {}
    if user is not None and saved.get(ORGANISER_EMAIL):
        return Login(ORGANISER_EMAIL, saved[ORGANISER_EMAIL])
    password = secrets.token_urlsafe(12)
    if user is None:
        user_model.objects.create_superuser(
            username=ORGANISER_EMAIL, email=ORGANISER_EMAIL, password=password
        )
        ledger.note("demo logins")
    else:
        user.set_password(password)
        user.save(update_fields=["password"])
        ledger.note("demo passwords reset")
    data_dir.mkdir(parents=True, exist_ok=True)
    store.write_text(json.dumps({ORGANISER_EMAIL: password}))
    store.chmod(0o600)
    return Login(ORGANISER_EMAIL, password)
