"""The permission matrix: every route of the project × every kind of caller → the HTTP status.

The table below is the specification. Two meta-tests keep it complete: a route (or API
operation) found by walking the URL resolver / the OpenAPI schema without a row fails the suite
naming it, and a row for a route that no longer exists fails too. Each (route, caller) cell is
one test id. Pages are opened with the session (``force_login``), the API with a bearer token.

The admin's routes are reduced to its index and, per registered model, the changelist, the add
view and one change view (of the model's first object); its other routes (login, logout,
password change, history, delete, autocomplete, ...) follow the same ``admin_view`` guard.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLResolver, get_resolver, reverse

from smeforum.api.urls import api
from tests.matrix_world import B_NAMES, CALLERS, build_matrix_world

pytestmark = pytest.mark.integration

# Callers, in this order, in every row:
#   anonymous, participant, lead of delegation A, lead of delegation B,
#   organiser without the permission (role with every flag off), organiser with it (every flag
#   on; neither organiser is staff), platform admin (superuser, staff).
ALL_200 = (200,) * 7
ALL_404 = (404,) * 7
ADMIN_ONLY = (302, 302, 302, 302, 302, 302, 200)  # everyone else is sent to the admin login
ADMIN_READ_ONLY = (302, 302, 302, 302, 302, 302, 403)  # no "add" even for the platform admin
PERSONAL = (401, 200, 200, 200, 200, 200, 200)  # any signed-in caller, scoped to what they see
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)  # pages: anonymous callers go to the login page
DELEGATION_A = (302, 404, 200, 404, 404, 200, 200)
DELEGATION_A_WRITE = (302, 404, 405, 404, 404, 405, 405)

# --- Django routes (outside the admin), by "namespace:name" -----------------------------------
PAGES: dict[str, tuple[int, ...]] = {
    "set_language": (302,) * 7,  # a GET just redirects back
    "api-v1:openapi-json": ALL_200,
    "api-v1:openapi-view": ALL_200,
    "api-v1:api-root": ALL_404,  # ninja's root route: nothing is served at /api/v1/
    "public:home": ALL_200,
    "public:countries": ALL_200,
    "public:country": ALL_200,
    "public:series": ALL_200,
    "public:edition": ALL_200,
    "public:session": ALL_200,
    "public:series_results": ALL_200,
    "public:edition_results": ALL_200,
    "public:series_factsheet": ALL_200,
    "public:edition_factsheet": ALL_200,
    "public:series_factsheet_pdf": ALL_200,
    "public:edition_factsheet_pdf": ALL_200,
    # The series has an unpublished edition: its outcomes are downloadable per edition only.
    "public:series_outcomes_download": ALL_404,
    "public:edition_outcomes_download": ALL_200,
    "admin:index": ADMIN_ONLY,
    # The self-service pages (smeforum.portal): anonymous callers are sent to the login page.
    "portal:dashboard": SIGNED_IN,
    "portal:tokens": SIGNED_IN,
    # Only a caller linked to a person has a profile and personal data.
    "portal:profile": (302, 200, 404, 404, 404, 404, 404),
    "portal:personal_data": (302, 200, 404, 404, 404, 404, 404),
    # Delegation A's page: its lead and organisers with the permission; never revealed to others.
    "portal:delegation": DELEGATION_A,
    # POST-only writes opened with GET: 405 where the caller may write, else 404.
    "portal:delegation_head": DELEGATION_A_WRITE,
    "portal:member_status": DELEGATION_A_WRITE,
    # Lead A's token: only lead A may revoke it.
    "portal:token_revoke": (302, 404, 405, 404, 404, 404, 404),
}

# --- The admin: per registered model, (changelist, add, change) ----------------------------------
_STANDARD = (ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY)
_READ_ONLY = (ADMIN_ONLY, ADMIN_READ_ONLY, ADMIN_ONLY)
ADMIN_MODELS: dict[str, tuple[tuple[int, ...], ...]] = {
    "auth.group": _STANDARD,
    "auth.user": _STANDARD,
    "axes.accessattempt": _READ_ONLY,
    "axes.accesslog": _READ_ONLY,
    "axes.accessfailurelog": _READ_ONLY,
    "django_tasks_database.dbtaskresult": _READ_ONLY,
    "accounts.organiserrole": _STANDARD,
    "accounts.delegationlead": _STANDARD,
    "accounts.personaccount": _STANDARD,
    "accounts.apitoken": _READ_ONLY,
    "audit.auditentry": _READ_ONLY,
    "forums.forumseries": _STANDARD,
    "forums.edition": _STANDARD,
    "forums.session": _STANDARD,
    "forums.reportedfigure": _STANDARD,
    "money.manualrate": _STANDARD,
    "orgs.organisation": _STANDARD,
    "orgs.person": _STANDARD,
    "outcomes.outcome": _STANDARD,
    "participants.registration": _STANDARD,
    "participants.delegation": _STANDARD,
    "reference.source": _STANDARD,
    "reference.city": _STANDARD,
    "reference.sector": _READ_ONLY,
    "reference.mechanism": _STANDARD,
    "reference.outcomekind": _STANDARD,
    "reference.cooperationfield": _STANDARD,
}
ADMIN_VIEWS = ("changelist", "add", "change")

# --- The ninja API, by "METHOD path template" ----------------------------------------------------
API: dict[str, tuple[int, ...]] = {
    "GET /api/v1/series": ALL_200,
    "GET /api/v1/series/{slug}/editions": ALL_200,
    "GET /api/v1/me": PERSONAL,
    # Only a caller linked to a person has personal data; the others get 404.
    "GET /api/v1/me/data": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/editions/{series}/{number}/registrations": PERSONAL,
    "GET /api/v1/editions/{series}/{number}/delegations": PERSONAL,
    "GET /api/v1/countries": ALL_200,
    "GET /api/v1/countries/{code}": ALL_200,
    "GET /api/v1/cities": ALL_200,
    "GET /api/v1/cities/{city_id}": ALL_200,
    "GET /api/v1/organisations": ALL_200,
    "GET /api/v1/organisations/{organisation_id}": ALL_200,
    "GET /api/v1/editions/{series}/{number}/sessions": ALL_200,
    "GET /api/v1/sessions/{session_id}": ALL_200,
    "GET /api/v1/series/{slug}/figures": ALL_200,
    "GET /api/v1/series/{slug}/outcomes": ALL_200,
    "GET /api/v1/outcomes/{outcome_id}": ALL_200,
    "GET /api/v1/people": PERSONAL,
}

# Cells known to be wrong today: (route key, caller) -> reason. Each becomes a strict xfail.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _admin_key(label: str, view: str) -> str:
    return f"admin:{label.replace('.', '_')}_{view}"


def matrix() -> dict[str, tuple[int, ...]]:
    rows = dict(PAGES)
    for label, statuses in ADMIN_MODELS.items():
        for view, expected in zip(ADMIN_VIEWS, statuses, strict=True):
            rows[_admin_key(label, view)] = expected
    rows.update(API)
    return rows


# --- discovery -------------------------------------------------------------------------------


def _api_templates() -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    }


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern.name


def discovered_routes() -> set[str]:
    """Every route key the project serves: Django routes as "namespace:name" (the admin reduced
    as described above), API operations as "METHOD path template"."""
    api_paths = {template.split(" ", 1)[1] for template in _api_templates()}
    found: set[str] = set()
    for route, namespace, name in _walk(get_resolver().url_patterns):
        if namespace == "admin":
            continue  # derived from the admin's registry below
        as_template = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        if namespace == "api-v1" and as_template in api_paths:
            continue  # an API operation, listed from the OpenAPI schema
        found.add(f"{namespace}:{name or route}" if namespace else name or route)
    found.add("admin:index")
    for model in admin.site._registry:
        found.update(_admin_key(model._meta.label_lower, view) for view in ADMIN_VIEWS)
    return found | _api_templates()


def test_every_route_has_a_matrix_row():
    missing = sorted(discovered_routes() - matrix().keys())

    assert not missing, f"Routes without a permission-matrix row: {missing}"


def test_the_matrix_has_no_rows_for_routes_that_are_gone():
    stale = sorted(matrix().keys() - discovered_routes())

    assert not stale, f"Permission-matrix rows for routes that no longer exist: {stale}"


def test_every_row_names_every_caller():
    assert all(len(row) == len(CALLERS) for row in matrix().values())


# --- the world -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module, rolled back at its end; each test's own transaction
    (the ``db`` fixture) nests inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_world()
        transaction.set_rollback(True)


def _url(world, key: str) -> str:
    public = world.public
    values = {
        "series": public.series.slug,
        "slug": public.series.slug,
        "number": public.edition.number,
        "pk": public.session.pk,
        "code": "PL",
        "fmt": "csv",
        "city_id": public.warsaw.pk,
        "organisation_id": public.alpha.pk,
        "session_id": public.session.pk,
        "outcome_id": public.outcome.pk,
        "delegation_id": world.delegation_a.pk,
        "registration_id": world.registrations["a1"].pk,
        "token_id": world.users["lead_a"].api_tokens.get().pk,
    }
    if key.startswith("GET "):
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), key.split(" ", 1)[1])
    if key.endswith("_change") and key.startswith("admin:"):
        model = next(
            m for m in admin.site._registry if _admin_key(m._meta.label_lower, "change") == key
        )
        first = model._default_manager.order_by("pk").first()
        assert first is not None, f"the matrix world has no {model._meta.label} to open"
        return reverse(key, args=[first.pk])
    route = next(
        route
        for route, namespace, name in _walk(get_resolver().url_patterns)
        if (f"{namespace}:{name}" if namespace else name) == key
    )
    kwargs = {name: values[name] for name in re.findall(r"<(?:\w+:)?(\w+)>", route)}
    return reverse(key, kwargs=kwargs)


def _cells():
    for key, row in matrix().items():
        for caller, expected in zip(CALLERS, row, strict=True):
            reason = KNOWN_BUGS.get((key, caller))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(key, caller, expected, marks=marks, id=f"{key}|{caller}")


def _get(client, world, caller: str, url: str, *, api_call: bool):
    headers = {}
    if caller != "anonymous":
        if api_call:
            headers["Authorization"] = f"Bearer {world.tokens[caller]}"
        else:
            client.force_login(world.users[caller])
    return client.get(url, headers=headers)


@pytest.mark.parametrize(("key", "caller", "expected"), list(_cells()))
def test_cell(client, db, world, key, caller, expected):
    url = _url(world, key)

    response = _get(client, world, caller, url, api_call=key.startswith("GET "))

    assert response.status_code == expected, f"{caller} GET {url}"
    if response.status_code == 302 and key.startswith("admin:"):
        assert response["Location"].startswith(reverse("admin:login"))
    if response.status_code == 302 and key.startswith("portal:"):
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# --- no peeking at the other delegation ---------------------------------------------------------

SCOPED = (
    "GET /api/v1/editions/{series}/{number}/registrations",
    "GET /api/v1/editions/{series}/{number}/delegations",
    "GET /api/v1/people",
    "GET /api/v1/me",
)


@pytest.mark.parametrize("key", SCOPED)
def test_lead_of_a_sees_nothing_of_b(client, db, world, key):
    response = _get(client, world, "lead_a", _url(world, key), api_call=True)

    assert response.status_code == 200
    body = response.content.decode()
    for name in B_NAMES:
        assert name not in body
    if key.endswith("/registrations"):
        ids = [row["id"] for row in response.json()]
        expected = sorted(world.registrations[r].id for r in ("a1", "a2"))
        assert ids == expected
    if key.endswith("/delegations"):
        assert [row["id"] for row in response.json()] == [world.delegation_a.id]
    if key.endswith("/people"):
        assert [row["name"] for row in response.json()["items"]] == []


@pytest.mark.parametrize("key", SCOPED[:2])
def test_lead_of_b_sees_nothing_of_a(client, db, world, key):
    response = _get(client, world, "lead_b", _url(world, key), api_call=True)

    body = response.content.decode()
    assert response.status_code == 200
    for name in ("Ana Alpha", "Adam Alpha", "Delegation Alpha", "Petra Participant"):
        assert name not in body
