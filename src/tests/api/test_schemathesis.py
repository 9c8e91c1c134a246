"""schemathesis against the OpenAPI schema, in-process: no 5xx, no response that violates it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from smeforum.wsgi import application

pytestmark = pytest.mark.integration

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_operation_conforms_to_its_schema(case, db):
    case.call_and_validate()
