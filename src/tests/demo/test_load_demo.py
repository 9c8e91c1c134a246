"""``load_demo`` on the test database: the sourced Cangzhou history, the labelled samples,
the staff login, and a second run that changes nothing."""

import datetime as dt
import io
import json
import re
import stat
import time
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from smeforum.accounts.models import (
    ORGANISER_PERMISSIONS,
    DelegationLead,
    OrganiserRole,
    PersonAccount,
)
from smeforum.audit.models import AuditEntry
from smeforum.demo.sourced import read_data
from smeforum.forums.models import Edition, EditionCountry, ForumSeries, ReportedFigure, Session
from smeforum.orgs.models import Organisation, Person
from smeforum.participants.models import Delegation, Registration

pytestmark = pytest.mark.integration

LOGIN = re.compile(r"^  (?P<role>[a-z ]+): (?P<email>\S+) / (?P<password>\S+)$", re.M)
TOTP_LINE = re.compile(r"^Two-factor \(TOTP\) secret of (?P<email>\S+): (?P<secret>[A-Z2-7]{32}) ")
LOGIN_ROLES = [
    ("organiser", "organiser@demo.smeforum.org"),
    ("delegation lead", "lead-serbia@demo.smeforum.org"),
    ("delegation lead", "lead-hungary@demo.smeforum.org"),
    ("participant", "participant@demo.smeforum.org"),
]
FOUNDING_MEMBERS = [
    "AL", "BA", "BG", "CZ", "EE", "HR", "HU", "LT", "LV", "ME", "MK", "PL", "RO", "RS", "SI", "SK",
]  # fmt: skip
MEMBERS_2019_11_09 = sorted([*FOUNDING_MEMBERS, "GR"])
MEMBERS_2021_09_01 = sorted(set(MEMBERS_2019_11_09) - {"LT"})
MEMBERS_2023_11_13 = sorted(set(MEMBERS_2021_09_01) - {"EE", "LV"})

# What the first run creates, per label, as the command reports it.
FIRST_RUN_LINES = [
    "Demo data loaded: 1414 records created.",
    "  B2B attendees: 66",
    "  B2B meetings: 159",
    "  B2B sessions: 1",
    "  cities: 23",
    "  cooperation mechanisms: 1",
    "  country roles: 98",
    "  delegation leads: 2",
    "  delegations: 6",
    "  demo logins: 4",
    "  demo two-factor secrets: 1",
    "  editions: 6",
    "  figure links: 11",
    "  forum series: 1",
    "  matchmaking profiles: 66",
    "  meeting ratings: 25",
    "  meeting request rules: 1",
    "  meeting requests: 204",
    "  membership exits: 3",
    "  memberships: 17",
    "  opportunities: 91",
    "  organisations: 82",
    "  organiser roles: 1",
    "  organisers: 14",
    "  people: 144",
    "  person accounts: 1",
    "  profiles confirmed for editions: 66",
    "  registrations: 210",
    "  reported figures: 31",
    "  sample outcomes: 33",
    "  sessions: 14",
    "  sister-city links: 5",
    "  sources: 12",
    "  speakers and moderators: 3",
    "  themes: 4",
    "  topics: 8",
]


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def model_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def roles(edition: Edition, role: str) -> list[str]:
    return sorted(edition.countries.filter(role=role).values_list("country", flat=True))


def test_load_demo_reports_what_it_created(db, data_dir):
    output = load()

    lines = output.splitlines()
    assert lines[:-6] == FIRST_RUN_LINES
    assert lines[-6] == "Logins:"
    logins = [LOGIN.match(line) for line in lines[-5:-1]]
    assert [(m.group("role"), m.group("email")) for m in logins] == LOGIN_ROLES
    assert TOTP_LINE.match(lines[-1]).group("email") == "organiser@demo.smeforum.org"


def test_load_demo_loads_one_series_with_six_editions(db, data_dir):
    load()

    series = ForumSeries.objects.get()
    assert series.slug == "china-ceec-cangzhou"
    assert series.name_zh == "中国—中东欧国家（沧州）中小企业合作论坛"
    editions = list(series.editions.order_by("number"))
    assert [(e.number, e.start_date, e.is_published) for e in editions] == [
        (1, dt.date(2018, 1, 1), True),
        (2, dt.date(2019, 11, 9), True),
        (3, dt.date(2021, 9, 1), True),
        (4, dt.date(2022, 12, 15), True),
        (5, dt.date(2023, 11, 13), True),
        (6, dt.date(2024, 11, 7), True),
    ]
    assert editions[0].date_precision == "year"


def test_load_demo_fifth_edition_has_two_themes_from_two_sources(db, data_dir):
    load()

    fifth = Edition.objects.get(number=5)
    themes = list(
        fifth.themes.order_by("-is_primary").values_list("text_en", "source__key", "is_primary")
    )
    assert themes == [
        ("Expanding Openness and Cooperation for Mutual Development", "prn-2023-12-22", True),
        ("Expanding openness and cooperation for win-win development", "prn-2023-11-17", False),
    ]


def test_load_demo_country_roles_follow_membership_on_each_date(db, data_dir):
    load()

    second, third, fifth = (Edition.objects.get(number=n) for n in (2, 3, 5))
    assert roles(fifth, "host") == ["CN"]
    assert roles(fifth, "member") == MEMBERS_2023_11_13
    assert len(roles(fifth, "member")) == 14
    assert roles(fifth, "observer") == ["GE"]
    assert EditionCountry.objects.get(edition=fifth, country="GE").source.key == "prn-2023-12-22"
    assert roles(second, "member") == MEMBERS_2019_11_09
    assert len(roles(second, "member")) == 17
    assert "GR" in roles(second, "member")
    assert roles(third, "member") == MEMBERS_2021_09_01
    assert len(roles(third, "member")) == 16
    assert "LT" not in roles(third, "member")


def test_load_demo_records_figures_as_reported_with_sources(db, data_dir):
    load()

    first, fourth = (Edition.objects.get(number=n) for n in (1, 4))
    fourth_investment = ReportedFigure.objects.get(
        first_edition=fourth, last_edition=fourth, metric="amount", currency="CNY", session=None
    )
    assert fourth_investment.value == Decimal("136769000000")
    in_range = ReportedFigure.objects.filter(
        first_edition=first, last_edition=fourth, metric="amount"
    )
    assert sorted((f.value, f.currency, f.converted_from) for f in in_range) == [
        (Decimal("235940000000"), "USD", "CNY"),
        (Decimal("1684580000000"), "CNY", ""),
    ]
    assert {f.source.key for f in in_range} == {"prn-2023-12-22"}
    assert all("prnasia.com" in f.source.url for f in in_range)
    assert ReportedFigure.objects.count() == 31
    assert ReportedFigure.objects.filter(source__isnull=True).count() == 0
    assert ReportedFigure.objects.filter(source__publisher="").count() == 0


def test_load_demo_keeps_sourced_and_sample_records_apart(db, data_dir):
    load()

    data = read_data()
    sourced_orgs = {row["name"] for row in data["organisations"]}
    sourced_people = {row["name"] for row in data["people"]}
    assert Person.objects.filter(is_sample=False, email__icontains="example.org").count() == 0
    assert (
        Organisation.objects.filter(is_sample=False, website__icontains="example.org").count() == 0
    )
    assert (
        set(Organisation.objects.filter(is_sample=False).values_list("name", flat=True))
        == sourced_orgs
    )
    assert (
        set(Person.objects.filter(is_sample=False).values_list("name", flat=True)) == sourced_people
    )
    assert Organisation.objects.exclude(name__in=sourced_orgs).filter(is_sample=False).count() == 0
    assert Person.objects.exclude(name__in=sourced_people).filter(is_sample=False).count() == 0
    assert Registration.objects.filter(is_sample=False).count() == 0
    assert Delegation.objects.filter(is_sample=False).count() == 0
    counts = {
        "sample organisations": Organisation.objects.filter(is_sample=True).count(),
        "sample people": Person.objects.filter(is_sample=True).count(),
        "sample registrations": Registration.objects.filter(is_sample=True).count(),
        "sample delegations": Delegation.objects.filter(is_sample=True).count(),
        "sample sessions": Session.objects.filter(is_sample=True).count(),
        "sourced sessions": Session.objects.filter(is_sample=False).count(),
    }
    assert counts == {
        "sample organisations": 71,
        "sample people": 142,
        "sample registrations": 210,
        "sample delegations": 6,
        "sample sessions": 1,
        "sourced sessions": 13,
    }
    by_edition = {
        number: (
            Registration.objects.filter(edition__number=number).count(),
            Registration.objects.filter(edition__number=number, status="cancelled").count(),
        )
        for number in range(1, 7)
    }
    assert by_edition == {1: (0, 0), 2: (0, 0), 3: (0, 0), 4: (0, 0), 5: (90, 6), 6: (120, 8)}


def test_load_demo_second_run_changes_nothing(db, data_dir):
    first_output = load()
    counts = model_counts()
    audit_entries = AuditEntry.objects.count()

    second_output = load()

    assert second_output.splitlines()[0] == "Demo data already loaded: nothing changed."
    assert second_output.splitlines()[1:] == first_output.splitlines()[-6:]
    assert model_counts() == counts
    assert AuditEntry.objects.count() == audit_entries
    assert audit_entries > 0
    first_logins = [m.groups() for m in LOGIN.finditer(first_output)]
    assert [m.groups() for m in LOGIN.finditer(second_output)] == first_logins
    assert [(role, email) for role, email, _ in first_logins] == LOGIN_ROLES


def test_load_demo_staff_login_authenticates_and_is_stored_privately(db, data_dir):
    login = LOGIN.search(load())
    email, password = login.group("email"), login.group("password")

    user = authenticate(RequestFactory().post("/admin/login/"), username=email, password=password)

    assert user is not None
    assert (user.username, user.email, user.is_staff, user.is_superuser) == (
        email,
        email,
        True,
        True,
    )
    store = data_dir / "demo-credentials.json"
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    stored = json.loads(store.read_text())
    assert sorted(stored["passwords"]) == sorted(email for _, email in LOGIN_ROLES)
    assert stored["passwords"][email] == password
    assert list(stored["totp_secrets"]) == [email]


def test_load_demo_gives_each_login_its_role(db, data_dir):
    logins = {m.group("email"): m.group("password") for m in LOGIN.finditer(load())}

    users = {
        email: authenticate(RequestFactory().post("/admin/login/"), username=email, password=pw)
        for email, pw in logins.items()
    }

    assert all(user is not None for user in users.values())
    organiser_role = OrganiserRole.objects.get(user=users["organiser@demo.smeforum.org"])
    assert (organiser_role.series.slug, organiser_role.edition, organiser_role.permissions) == (
        "china-ceec-cangzhou",
        None,
        list(ORGANISER_PERMISSIONS),
    )
    leads = DelegationLead.objects.filter(user__username__startswith="lead-")
    assert sorted(
        (lead.user.username, lead.delegation.name_en, lead.delegation.edition.number)
        for lead in leads
    ) == [
        ("lead-hungary@demo.smeforum.org", "Delegation of Hungary (sample)", 6),
        ("lead-serbia@demo.smeforum.org", "Delegation of Serbia (sample)", 6),
    ]
    account = PersonAccount.objects.get(user=users["participant@demo.smeforum.org"])
    assert account.person.registrations.filter(edition__number=6).count() == 1
    assert (
        users["participant@demo.smeforum.org"].is_staff,
        users["lead-serbia@demo.smeforum.org"].is_staff,
    ) == (False, False)


def test_load_demo_without_samples_loads_no_sample_records(db, data_dir):
    output = load("--no-samples")

    assert output.startswith("Demo data loaded: ")
    for model in (Organisation, Person, Registration, Delegation, Session):
        assert model.objects.filter(is_sample=True).count() == 0, model.__name__
    assert Registration.objects.count() == 0
    assert Delegation.objects.count() == 0
    assert Organisation.objects.count() == 11
    assert Person.objects.count() == 2
    assert Session.objects.count() == 13
    assert Edition.objects.count() == 6
    assert ReportedFigure.objects.count() == 31


def test_the_demo_organiser_signs_in_with_the_printed_password_and_code(db, data_dir, settings):
    settings.SMEFORUM_REQUIRE_STAFF_TOTP = True
    output = load()
    login = LOGIN.search(output)
    secret = TOTP_LINE.search(output.splitlines()[-1]).group("secret")
    client = Client()

    client.post(
        reverse("account_login"),
        {"login": login.group("email"), "password": login.group("password")},
    )
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(reverse("mfa_authenticate"), {"code": code})

    assert client.get(reverse("admin:index")).status_code == 200
