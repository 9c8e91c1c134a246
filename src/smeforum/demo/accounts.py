"""The demo's logins, one per role: created once, their passwords kept in the data folder."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.models import (
    ORGANISER_PERMISSIONS,
    DelegationLead,
    OrganiserRole,
    PersonAccount,
)
from smeforum.demo.ledger import Ledger
from smeforum.forums.models import ForumSeries
from smeforum.participants.models import Registration

ORGANISER_EMAIL = "organiser@demo.smeforum.org"
LEAD_SERBIA_EMAIL = "lead-serbia@demo.smeforum.org"
LEAD_HUNGARY_EMAIL = "lead-hungary@demo.smeforum.org"
PARTICIPANT_EMAIL = "participant@demo.smeforum.org"
#: The edition whose sample delegations and registrations the demo roles are attached to.
DEMO_EDITION = 6
LED_DELEGATIONS = {
    LEAD_SERBIA_EMAIL: "Delegation of Serbia (sample)",
    LEAD_HUNGARY_EMAIL: "Delegation of Hungary (sample)",
}


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str
    #: The TOTP secret of a staff login (two-factor is required for organiser staff).
    totp_secret: str = ""


class _Logins:
    """Users with random passwords, stored in ``<data dir>/demo-credentials.json`` (mode 600)
    and read back on later runs."""

    def __init__(self, ledger: Ledger, data_dir: Path) -> None:
        self.ledger = ledger
        self.data_dir = data_dir
        self.store = data_dir / "demo-credentials.json"
        saved = json.loads(self.store.read_text()) if self.store.exists() else {}
        self.saved: dict[str, str] = saved.get("passwords", {})
        self.totp: dict[str, str] = saved.get("totp_secrets", {})
        self.logins: list[Login] = []

    def ensure(self, role: str, email: str, *, superuser: bool = False):
        user_model = get_user_model()
        user = user_model.objects.filter(username=email).first()
        password = self.saved.get(email)
        if user is None or not password:
            password = secrets.token_urlsafe(12)
            if user is None:
                create = (
                    user_model.objects.create_superuser
                    if superuser
                    else (user_model.objects.create_user)
                )
                user = create(username=email, email=email, password=password)
                self.ledger.note("demo logins")
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.ledger.note("demo passwords reset")
            self.saved[email] = password
        if not EmailAddress.objects.filter(user=user, email=email, verified=True).exists():
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        secret = self._totp(user) if superuser else ""
        self.logins.append(Login(role, email, password, secret))
        return user

    def _totp(self, user) -> str:
        """Two-factor is required for organiser staff: the demo turns it on with a secret kept
        beside the password, so the organiser can add it to an authenticator app."""
        secret = self.totp.get(user.email)
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if secret and has_totp:
            return secret
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        self.ledger.note("demo two-factor secrets")
        self.totp[user.email] = secret
        return secret

    def write(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        stored = {
            "passwords": {login.email: login.password for login in self.logins},
            "totp_secrets": {x.email: x.totp_secret for x in self.logins if x.totp_secret},
        }
        self.store.write_text(json.dumps(stored))
        self.store.chmod(0o600)


def ensure_demo_logins(
    ledger: Ledger, *, data_dir: Path, series: ForumSeries | None = None
) -> list[Login]:
    """The organiser (staff, superuser, every organiser permission on ``series``), and, where
    the sample records exist, the leads of the Serbian and Hungarian delegations of edition 6
    and a participant registered to it. Idempotent: a second run creates nothing."""
    logins = _Logins(ledger, data_dir)
    organiser = logins.ensure("organiser", ORGANISER_EMAIL, superuser=True)
    edition = series.editions.filter(number=DEMO_EDITION).first() if series else None
    if (
        series is not None
        and not OrganiserRole.objects.filter(user=organiser, series=series, edition=None).exists()
    ):
        grant_organiser_role(series, user=organiser, permissions=ORGANISER_PERMISSIONS)
        ledger.note("organiser roles")
    if edition is not None:
        for email, name in LED_DELEGATIONS.items():
            delegation = edition.delegations.filter(name_en=name).first()
            if delegation is None:
                continue
            lead = logins.ensure("delegation lead", email)
            if not DelegationLead.objects.filter(user=lead, delegation=delegation).exists():
                appoint_delegation_lead(delegation, user=lead)
                ledger.note("delegation leads")
        _ensure_participant(ledger, logins, edition)
    logins.write()
    return logins.logins


def _ensure_participant(ledger: Ledger, logins: _Logins, edition) -> None:
    registration = (
        edition.registrations.filter(is_sample=True, delegation__isnull=True)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("id")
        .select_related("person")
        .first()
    )
    existing = PersonAccount.objects.filter(user__username=PARTICIPANT_EMAIL).first()
    if registration is None and existing is None:
        return
    participant = logins.ensure("participant", PARTICIPANT_EMAIL)
    if existing is None and not PersonAccount.objects.filter(person=registration.person).exists():
        link_person_account(registration.person, user=participant)
        ledger.note("person accounts")
