"""The world of the permission matrix (tests/test_permission_matrix.py): the public dataset,
two delegations of its published edition with a lead each, a participant, two organisers (all
permission flags off / on, neither staff), a platform admin, and one object of every model the
admin registers, so each change view has something to open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils import timezone

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.domain.tokens import create_api_token
from smeforum.accounts.models import ORGANISER_PERMISSIONS, OrganiserRole
from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    save_opportunity,
    save_profile,
    send_request,
    set_request_policy,
    submit_opportunity,
)
from smeforum.matchmaking.models import MeetingRating, Opportunity, Profile, RequestPolicy
from smeforum.scheduling.domain.meetings import add_attendee, place_meeting, request_meeting
from smeforum.scheduling.models import ScheduleRun
from tests.api.public_world import PublicWorld, build_public_world
from tests.factories import (
    DelegationFactory,
    MechanismFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    make_b2b,
)

#: The callers, in the order of every row of the matrix.
CALLERS = (
    "anonymous",
    "participant",
    "lead_a",
    "lead_b",
    "organiser_without",
    "organiser_with",
    "platform_admin",
)

#: Names that only members of delegation B (and the participant) carry: a lead of A must never
#: see them.
B_NAMES = ("Boris Beta", "Bianca Beta", "Delegation Beta")


@dataclass
class MatrixWorld:
    public: PublicWorld
    delegation_a: object
    delegation_b: object
    users: dict
    tokens: dict = field(default_factory=dict)
    registrations: dict = field(default_factory=dict)
    #: Write-scoped tokens, used for the write operations of the matrix.
    write_tokens: dict = field(default_factory=dict)
    #: The ids of the read tokens above, by caller.
    token_ids: dict = field(default_factory=dict)
    #: The B2B session of the published edition; the participant has a meeting placed in it.
    b2b: object = None
    #: A meeting request sent to the participant's organisation, open.
    request_id: int | None = None


def _admin_objects(public):
    """One row of each admin-registered model that the public world does not create; returns
    the B2B session."""
    now = timezone.now()
    source = public.figure.source
    Group.objects.get_or_create(name="Editors")
    MechanismFactory()
    extra = {
        "axes.accessattempt": {
            "username": "mallory",
            "ip_address": "192.0.2.1",
            "attempt_time": now,
            "failures_since_start": 1,
        },
        "axes.accesslog": {"username": "mallory", "ip_address": "192.0.2.1", "attempt_time": now},
        "axes.accessfailurelog": {
            "username": "mallory",
            "ip_address": "192.0.2.1",
            "attempt_time": now,
        },
        "django_tasks_database.dbtaskresult": {
            "args_kwargs": {"args": [], "kwargs": {}},
            "task_path": "smeforum.tasks.example",
            "backend_name": "default",
            "run_after": now,
        },
        "accounts.invitation": {
            "email": "invited@example.org",
            "role": "organiser",
            "series": public.series,
            "nonce": "0" * 32,
            "expires_at": now + dt.timedelta(days=14),
        },
        "money.manualrate": {
            "currency": "USD",
            "on": dt.date(2024, 11, 7),
            "units_per_eur": Decimal("1.08"),
            "source": source,
        },
    }
    b2b, attendees = make_b2b(edition=public.edition, attendees=2)
    request_meeting(b2b, attendees=attendees)
    ScheduleRun.objects.create(b2b=b2b)  # a run as start_schedule_run records it, never solved
    holder = UserFactory(username="mfa-holder@example.org")
    EmailAddress.objects.get_or_create(
        user=holder, email=holder.email, defaults={"verified": True, "primary": True}
    )
    TOTP.activate(holder, generate_totp_secret())
    for model in admin.site._registry:
        values = extra.get(model._meta.label_lower)
        if values is not None and not model._default_manager.exists():
            model._default_manager.create(**values)
    return b2b


def _matchmaking_objects(edition, registration) -> int:
    """The participant's organisation's profile, confirmed for the edition, and one of its
    opportunities, published (the public marketplace shows it); another organisation's
    profile, confirmed too, and its open request to meet the participant's organisation,
    whose id is returned; the edition's request rules and the participant's organisation's
    rating of its meeting."""
    profile = save_profile(Profile(organisation=registration.person.organisation), sectors=[])
    own = confirm_profile_for_edition(profile, edition=edition, attendees=[registration])
    partner = save_profile(
        Profile(organisation=OrganisationFactory(name="Matrix Partner Ltd", country="CN")),
        sectors=[],
    )
    theirs = confirm_profile_for_edition(partner, edition=edition, attendees=[])
    opportunity = save_opportunity(
        Opportunity(
            profile=profile,
            series=edition.series,
            edition=edition,
            kind=Opportunity.Kind.BUSINESS_OFFER,
            title="Distributors wanted",
            language="en",
        )
    )
    publish_opportunity(submit_opportunity(opportunity))
    set_request_policy(RequestPolicy(edition=edition))
    meeting = registration.b2b_attendances.get().parties.get().meeting
    MeetingRating.objects.create(meeting=meeting, rater=own, value="informative")
    return send_request(theirs, receiver=own).pk


def _participant_meeting(b2b, registration) -> None:
    """The participant attends the B2B session and has one placed meeting there."""
    own = add_attendee(b2b, registration=registration)
    other = b2b.attendees.exclude(pk=own.pk).order_by("pk").first()
    meeting = request_meeting(b2b, attendees=[own, other])
    place_meeting(meeting, slot=b2b.slots.order_by("starts_at").first(), table=b2b.tables.first())


def build_matrix_world() -> MatrixWorld:
    public = build_public_world()
    edition = public.edition
    delegation_a = DelegationFactory(edition=edition, name_en="Delegation Alpha", country="RS")
    delegation_b = DelegationFactory(edition=edition, name_en="Delegation Beta", country="HU")

    def registration(name: str, delegation=None):
        person = PersonFactory(name=name, phone="+381 11 000 0000")
        return RegistrationFactory(edition=edition, person=person, delegation=delegation)

    registrations = {
        "a1": registration("Ana Alpha", delegation_a),
        "a2": registration("Adam Alpha", delegation_a),
        "b1": registration("Boris Beta", delegation_b),
        "b2": registration("Bianca Beta", delegation_b),
        "own": registration("Petra Participant"),
    }
    users = {
        "participant": UserFactory(username="participant"),
        "lead_a": UserFactory(username="lead-a"),
        "lead_b": UserFactory(username="lead-b"),
        "organiser_without": UserFactory(username="organiser-without"),
        "organiser_with": UserFactory(username="organiser-with"),
        "platform_admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }
    link_person_account(registrations["own"].person, user=users["participant"])
    appoint_delegation_lead(delegation_a, user=users["lead_a"])
    appoint_delegation_lead(delegation_b, user=users["lead_b"])
    grant_organiser_role(public.series, user=users["organiser_without"], permissions=[])
    grant_organiser_role(
        public.series, user=users["organiser_with"], permissions=list(ORGANISER_PERMISSIONS)
    )
    assert not OrganiserRole.objects.get(user=users["organiser_without"]).permissions
    created = {name: create_api_token(user, scope="read") for name, user in users.items()}
    tokens = {name: raw for name, (_, raw) in created.items()}
    token_ids = {name: token.pk for name, (token, _) in created.items()}
    write_tokens = {
        name: create_api_token(user, scope="write", name="write")[1] for name, user in users.items()
    }
    b2b = _admin_objects(public)
    _participant_meeting(b2b, registrations["own"])
    request_id = _matchmaking_objects(edition, registrations["own"])
    return MatrixWorld(
        public,
        delegation_a,
        delegation_b,
        users,
        tokens,
        registrations,
        write_tokens=write_tokens,
        token_ids=token_ids,
        b2b=b2b,
        request_id=request_id,
    )
