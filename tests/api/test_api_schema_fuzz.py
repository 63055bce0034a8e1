"""Schemathesis drives the API from its own OpenAPI schema: no request gives a 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
)

from mandates.services.ingest import resolution_ingest_many
from tests.samples import EXAMPLES
from tracker.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: a finished request must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(django_user_model, settings, tmp_path):
    """A reader with a token, and the example resolutions to read."""
    from rest_framework.authtoken.models import Token

    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_many(paths=[EXAMPLES])
    user = django_user_model.objects.create_user("fuzzer")
    return Token.objects.create(user=user).key


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_500(case, token):
    """Any request the schema allows gets a non-500 answer whose body matches the schema."""
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
