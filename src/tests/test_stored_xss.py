"""Stored XSS: every text a user can enter, seeded with a script payload, renders escaped on
every page that shows it (public pages, dashboards, fact sheets, the back office)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import appoint_delegation_lead, link_person_account
from smeforum.accounts.domain.tokens import create_api_token
from smeforum.forums.models import ReportedFigure, SessionRole, SessionTopic
from smeforum.outcomes.models import OutcomeParty
from smeforum.participants.domain.registrations import add_delegation_member
from smeforum.scheduling.domain.meetings import add_attendee, place_meeting, request_meeting
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    ReportedFigureFactory,
    SeriesFactory,
    SessionFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
    make_b2b,
)
from tests.reporting.factories import AmountFactory, OutcomeFactory, SisterCityLinkFactory

pytestmark = pytest.mark.integration

PAYLOAD = '<script>alert("xss")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


@pytest.fixture
def seeded(db):
    city = CityFactory(
        name=f"Cangzhou{PAYLOAD}",
        name_zh=f"沧州{PAYLOAD}",
        latitude=Decimal("38.3"),
        longitude=Decimal("116.8"),
    )
    series = SeriesFactory(
        slug="xss",
        name_en=f"Forum {PAYLOAD}",
        name_zh=f"论坛{PAYLOAD}",
        host_city=city,
        description_en=PAYLOAD,
    )
    edition = EditionFactory(series=series, number=1, venue=PAYLOAD, dates_note=PAYLOAD)
    ThemeFactory(edition=edition, text_en=f"Theme {PAYLOAD}", text_zh=PAYLOAD)
    source = SourceFactory(publisher=f"Publisher {PAYLOAD}", title=PAYLOAD)
    organisation = OrganisationFactory(
        name=f"Org {PAYLOAD}", name_en=f"Org {PAYLOAD}", country="PL"
    )
    person = PersonFactory(
        name=f"Person {PAYLOAD}",
        name_latin=f"Person {PAYLOAD}",
        position=PAYLOAD,
        organisation=organisation,
    )
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    session = SessionFactory(
        edition=edition,
        title_en=f"Session {PAYLOAD}",
        description_en=PAYLOAD,
        room=PAYLOAD,
        starts_at=dt.datetime(2024, 11, 7, 9, tzinfo=tz),
        ends_at=dt.datetime(2024, 11, 7, 10, tzinfo=tz),
    )
    SessionTopic.objects.create(session=session, title_en=f"Topic {PAYLOAD}")
    SessionRole.objects.create(session=session, person=person, talk_title_en=f"Talk {PAYLOAD}")
    RegistrationFactory(edition=edition, person=person)
    ReportedFigureFactory(
        series=series,
        first_edition=edition,
        last_edition=edition,
        source=source,
        note_en=PAYLOAD,
        part_en=PAYLOAD,
        metric=ReportedFigure.Metric.PARTICIPANTS,
    )
    outcome = OutcomeFactory(
        series=series,
        edition=edition,
        title=f"Deal {PAYLOAD}",
        title_en=f"Deal {PAYLOAD}",
        signed_on=dt.date(2024, 11, 7),
    )
    AmountFactory(outcome=outcome, amount=Decimal("1000000.00"), currency="CNY")
    OutcomeParty.objects.create(outcome=outcome, name=f"Party {PAYLOAD}", country="PL")
    link = SisterCityLinkFactory(
        chinese_city=city,
        foreign_city=CityFactory(
            name=f"Warsaw{PAYLOAD}",
            country="PL",
            latitude=Decimal("52.2"),
            longitude=Decimal("21.0"),
        ),
        outcome__series=series,
        outcome__edition=edition,
    )
    return {
        "series": series,
        "edition": edition,
        "session": session,
        "outcome": outcome,
        "link": link,
        "organisation": organisation,
    }


def _public_urls(seeded) -> list[str]:
    base = "/forums/xss/"
    urls = [
        "/",
        base,
        f"{base}1/",
        f"{base}1/sessions/{seeded['session'].pk}/",
        "/countries/",
        "/countries/PL/",
        f"{base}results/",
        f"{base}1/results/",
        f"{base}factsheet/",
        f"{base}1/factsheet/",
    ]
    return urls + [f"/zh-hans{url}" for url in urls]


def _admin_urls(seeded) -> list[str]:
    return [
        reverse("admin:forums_forumseries_changelist"),
        reverse("admin:forums_edition_change", args=[seeded["edition"].pk]),
        reverse("admin:forums_session_changelist"),
        reverse("admin:orgs_organisation_changelist"),
        reverse("admin:orgs_person_changelist"),
        reverse("admin:participants_registration_changelist"),
        reverse("admin:outcomes_outcome_changelist"),
        reverse("admin:outcomes_outcome_change", args=[seeded["outcome"].pk]),
        reverse("admin:forums_reportedfigure_changelist"),
        reverse("admin:audit_auditentry_changelist"),
    ]


def test_public_pages_escape_stored_payloads(client, seeded):
    urls = _public_urls(seeded)
    without_user_text = [u for u in urls if u.endswith("/countries/")]
    shown_escaped = []
    for url in urls:
        content = client.get(url).content.decode()
        assert PAYLOAD not in content, url
        if ESCAPED in content:
            shown_escaped.append(url)
    assert shown_escaped == [u for u in urls if u not in without_user_text]


def test_back_office_escapes_stored_payloads(admin_client, seeded):
    for url in _admin_urls(seeded):
        response = admin_client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert PAYLOAD not in content, url


def test_self_service_pages_escape_stored_payloads(client, seeded):
    """The participant's, lead's and token pages of ``smeforum.portal``."""
    user = UserFactory(username="xss-lead")
    registration = seeded["edition"].registrations.get()
    delegation = DelegationFactory(edition=seeded["edition"], name_en=f"Delegation {PAYLOAD}")
    add_delegation_member(delegation, registration=registration)
    link_person_account(registration.person, user=user)
    appoint_delegation_lead(delegation, user=user)
    create_api_token(user, scope="read", name=f"Token {PAYLOAD}")
    b2b, (other,) = make_b2b(edition=seeded["edition"], attendees=1)
    own = add_attendee(b2b, registration=registration)
    meeting = request_meeting(b2b, attendees=[other, own])
    place_meeting(meeting, slot=b2b.slots.first(), table=b2b.tables.first())
    client.force_login(user)
    urls = [
        reverse("portal:dashboard"),
        reverse("portal:profile"),
        reverse("portal:delegation", args=[delegation.pk]),
        reverse("portal:tokens"),
        reverse("portal:agenda"),
        reverse("portal:recommendations"),
    ]
    for url in urls:
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200, url
        assert PAYLOAD not in content, url
        assert ESCAPED in content, url
