"""Every back-office list, add and change page renders; the big lists cost a fixed number of
queries however many rows they show."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from smeforum.accounts.domain.invitations import invite_delegation_lead
from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.domain.tokens import create_api_token
from smeforum.accounts.models import (
    ApiToken,
    DelegationLead,
    Invitation,
    OrganiserRole,
    PersonAccount,
)
from smeforum.audit.domain import log_action
from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure, Session
from smeforum.matchmaking.domain import (
    accept_request,
    rate_meeting,
    send_request,
    set_request_policy,
)
from smeforum.matchmaking.models import (
    MeetingRating,
    MeetingRequest,
    Opportunity,
    Profile,
    RequestPolicy,
)
from smeforum.money.domain.rates import record_manual_rate
from smeforum.money.models import ManualRate
from smeforum.orgs.models import Organisation, Person
from smeforum.outcomes.domain.outcomes import record_outcome
from smeforum.outcomes.models import Outcome
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.models import (
    City,
    CooperationField,
    Mechanism,
    OutcomeKind,
    Sector,
    Source,
)
from smeforum.scheduling.domain.meetings import request_meeting
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, ScheduleRun
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EditionFactory,
    MechanismFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    ReportedFigureFactory,
    SeriesFactory,
    SessionFactory,
    SourceFactory,
    UserFactory,
    make_b2b,
)
from tests.matchmaking.factories import make_confirmed, make_opportunity, make_profile

pytestmark = pytest.mark.integration


def _audit_entry(user):
    return log_action(
        SourceFactory(publisher="Xinhua"), action="reference.source.created", actor=user
    )


def _outcome(user):
    return record_outcome(
        SeriesFactory(),
        kind=OutcomeKind.objects.get(slug="cooperation_project"),
        title="Cangzhou–Kraków pipe fittings plant",
        actor=user,
    )


def _manual_rate(user):
    return record_manual_rate(
        "RSD",
        on=dt.date(2024, 11, 6),
        units_per_eur=Decimal("117.1"),
        source=SourceFactory(publisher="National Bank of Serbia"),
        actor=user,
    )


def _meeting(user):
    b2b, attendees = make_b2b(attendees=2)
    return request_meeting(b2b, attendees=attendees, actor=user)


def _request(user, *, accepted: bool = False):
    edition = EditionFactory()
    make_b2b(edition=edition, attendees=0)
    valves = make_confirmed(edition, name="Cangzhou Valves")
    request = send_request(valves, receiver=make_confirmed(edition, name="Gdansk Pumps"))
    return accept_request(request) if accepted else request


def _rating(user):
    request = _request(user, accepted=True)
    return rate_meeting(request.meeting, rater=request.sender, value="cooperation")


#: model -> (builder(user) returning an object, the text its list row shows)
BUILDERS = {
    Source: (lambda user: SourceFactory(publisher="Xinhua"), lambda s: s.publisher),
    City: (lambda user: CityFactory(), lambda c: c.name),
    Sector: (lambda user: Sector.objects.get(code="A"), lambda s: s.name_en),
    Mechanism: (lambda user: MechanismFactory(), lambda m: m.name_en),
    Organisation: (lambda user: OrganisationFactory(name="Hebei Steel Co"), lambda o: o.name),
    Person: (lambda user: PersonFactory(name="Jan Kowalski"), lambda p: p.name),
    ForumSeries: (lambda user: SeriesFactory(), lambda s: s.name_en),
    Edition: (lambda user: EditionFactory(), str),
    Session: (lambda user: SessionFactory(), lambda s: s.title_en),
    ReportedFigure: (lambda user: ReportedFigureFactory(), str),
    Registration: (lambda user: RegistrationFactory(), lambda r: str(r.person)),
    Delegation: (lambda user: DelegationFactory(), lambda d: d.name_en),
    AuditEntry: (_audit_entry, lambda e: e.object_repr),
    Outcome: (_outcome, lambda o: o.title),
    ManualRate: (_manual_rate, lambda r: r.source.publisher),
    OutcomeKind: (lambda user: OutcomeKind.objects.get(slug="sister_city"), lambda k: k.name_en),
    CooperationField: (
        lambda user: CooperationField.objects.get(slug="general_aviation"),
        lambda f: f.name_en,
    ),
    OrganiserRole: (
        lambda user: grant_organiser_role(
            SeriesFactory(), user=UserFactory(username="role-holder"), permissions=["publish"]
        ),
        lambda r: r.user.username,
    ),
    DelegationLead: (
        lambda user: appoint_delegation_lead(
            DelegationFactory(), user=UserFactory(username="delegation-lead")
        ),
        lambda d: d.user.username,
    ),
    PersonAccount: (
        lambda user: link_person_account(
            PersonFactory(name="Ana Horvat"), user=UserFactory(username="ana")
        ),
        lambda a: a.user.username,
    ),
    ApiToken: (lambda user: create_api_token(user, scope="read", name="ci")[0], lambda t: t.prefix),
    B2BSession: (lambda user: make_b2b()[0], str),
    Attendee: (lambda user: make_b2b(attendees=1)[1][0], str),
    Meeting: (_meeting, lambda m: str(m.parties.first().attendee)),
    ScheduleRun: (lambda user: ScheduleRun.objects.create(b2b=make_b2b()[0]), lambda r: str(r.b2b)),
    Profile: (lambda user: make_profile(OrganisationFactory(name="Tisza Tech")), str),
    Opportunity: (lambda user: make_opportunity(title="Valve distributors wanted"), str),
    RequestPolicy: (lambda user: set_request_policy(RequestPolicy(edition=EditionFactory())), str),
    MeetingRequest: (_request, lambda r: str(r.receiver.profile.organisation)),
    MeetingRating: (_rating, lambda r: r.get_value_display()),
    Invitation: (
        lambda user: invite_delegation_lead(
            DelegationFactory(), email="invited-lead@example.org", actor=user
        ),
        lambda i: i.email,
    ),
}


def _build(model, user):
    builder, text = BUILDERS[model]
    obj = builder(user)
    return obj, text(obj)


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_registered_project_models_are_the_ones_covered_here():
    # Arrange
    registered = {m for m in admin.site._registry if m.__module__.startswith("smeforum.")}

    # Assert
    assert registered == set(BUILDERS)


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda m: m.__name__)
def test_changelist_shows_the_object(client, staff_user, model):
    # Arrange
    client.force_login(staff_user)
    _, text = _build(model, staff_user)

    # Act
    response = client.get(_admin_url(model, "changelist"))

    # Assert
    assert response.status_code == 200
    assert escape(text) in response.content.decode()


@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda m: m.__name__)
def test_change_page_renders(client, staff_user, model):
    # Arrange
    client.force_login(staff_user)
    obj, text = _build(model, staff_user)

    # Act
    response = client.get(_admin_url(model, "change", obj.pk))

    # Assert
    assert response.status_code == 200
    assert escape(text) in response.content.decode()


@pytest.mark.parametrize(
    "model",
    # Attendees are added on the B2B session's attendees page; meetings and runs on its board;
    # requests and ratings on the portal.
    [
        m
        for m in BUILDERS
        if m
        not in {
            Sector,
            AuditEntry,
            ApiToken,
            Attendee,
            Meeting,
            ScheduleRun,
            MeetingRequest,
            MeetingRating,
        }
    ],
    ids=lambda m: m.__name__,
)
def test_add_page_renders(client, staff_user, model):
    # Arrange
    client.force_login(staff_user)

    # Act
    response = client.get(_admin_url(model, "add"))

    # Assert
    assert response.status_code == 200


def _edition_row(user):
    edition = EditionFactory()
    SessionFactory(edition=edition)
    RegistrationFactory(edition=edition)


def _registration_row(user):
    registration = RegistrationFactory()
    registration.delegation = DelegationFactory(edition=registration.edition)
    registration.save()


def _organisation_row(user):
    OrganisationFactory(country="CN", city=CityFactory())


def _delegation_row(user):
    registration = RegistrationFactory()
    DelegationFactory(edition=registration.edition, head=registration.person)


def _audit_row(user):
    log_action(SourceFactory(), action="reference.source.created", actor=user)


ROWS = {
    Edition: _edition_row,
    Registration: _registration_row,
    Organisation: _organisation_row,
    Session: lambda user: SessionFactory(),
    Delegation: _delegation_row,
    AuditEntry: _audit_row,
    Attendee: lambda user: make_b2b(attendees=1),
    Meeting: _meeting,
}


def _changelist_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", list(ROWS), ids=lambda m: m.__name__)
def test_changelist_query_count_does_not_grow_with_rows(client, staff_user, model):
    # Arrange
    client.force_login(staff_user)
    url = _admin_url(model, "changelist")
    client.get(url)  # warm the caches (content types, session)
    counts = {}
    created = 0

    # Act
    for item_count in (1, 3):
        while created < item_count:
            ROWS[model](staff_user)
            created += 1
        counts[item_count] = _changelist_queries(client, url)

    # Assert
    assert model._default_manager.count() == 3
    assert counts[1] == counts[3]
