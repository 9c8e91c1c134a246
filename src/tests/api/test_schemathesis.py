"""schemathesis against the OpenAPI schema, in-process: no 5xx, no response that violates it."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from smeforum.accounts.domain.tokens import create_api_token
from smeforum.scheduling.domain.meetings import request_meeting
from smeforum.wsgi import application
from tests.api.public_world import build_public_world
from tests.factories import UserFactory, make_b2b

pytestmark = pytest.mark.integration

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose handler closes a
    connection inside the test's transaction (PostgreSQL). Django's test client disconnects it
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_operation_conforms_to_its_schema(case, db):
    case.call_and_validate()


CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def signed_in(db):
    """A small world and a platform admin's write token: the operations then run their
    writes, and their path values point at existing rows."""
    world = build_public_world()
    b2b, attendees = make_b2b(edition=world.edition, attendees=2)
    request_meeting(b2b, attendees=attendees)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    raw = create_api_token(admin, scope="write")[1]
    paths = {
        "series": world.series.slug,
        "slug": world.series.slug,
        "number": world.edition.number,
        "session_id": world.session.pk,
        "outcome_id": world.outcome.pk,
        "figure_id": world.figure.pk,
        "city_id": world.warsaw.pk,
        "organisation_id": world.alpha.pk,
        "code": "PL",
        "b2b_id": b2b.pk,
    }
    return {"Authorization": f"Bearer {raw}"}, paths


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_operation_conforms_with_a_write_token(case, signed_in):
    """Signed in, the writes run: no 5xx and every answer as documented. (A body the schema
    allows may still be refused by the domain with 422, e.g. a session outside the edition's
    dates, so schemathesis' checks of which data must be accepted do not apply.)"""
    headers, paths = signed_in
    for name in case.path_parameters or {}:
        if name in paths:
            case.path_parameters[name] = paths[name]
    case.call_and_validate(headers=headers, checks=CONFORMANCE)
