"""Every API address refuses a query parameter it does not read (400, naming it and the
ones to use), where a misspelt filter was dropped and the whole list came back."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from mandates.api_params import QueryParamsChecked
from mandates.models import Deliverable, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_path(path=HRC_EXAMPLE)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)  # as staff would
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


def test_a_misspelt_filter_is_refused_not_dropped(api):
    """?stauts=open listed every deliverable, which a script takes for the open ones: it
    answers 400, keyed by the parameter as a bad filter's error is, with the names to use."""
    everything = api.get("/api/deliverables/").json()["count"]
    assert api.get("/api/deliverables/", {"status": "submitted"}).json()["count"] < everything
    refused = api.get("/api/deliverables/", {"stauts": "submitted", "body": "HRC"})
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/json"
    (message,) = refused.json()["stauts"]
    assert message.startswith("stauts is not a parameter of /api/deliverables/: use one of ")
    accepted = message.split("use one of ")[1].split(", ")
    assert {"status", "progress", "review", "body", "session", "q", "page", "format"} <= set(
        accepted
    )
    assert list(refused.json()) == ["stauts"]  # only the unknown one


def _api_views(patterns, prefix: str = "") -> list[tuple[str, type]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _api_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "cls", None) or pattern.callback
            found.append((prefix + str(pattern.pattern), view))
    return found


def test_every_api_view_checks_its_parameters():
    """One place refuses unknown parameters: every view under /api/ takes it, the
    router's root, the schema and a view added later included."""
    views = [(path, view) for path, view in _api_views(get_resolver().url_patterns)]
    under_api = [(path, view) for path, view in views if path.startswith("api/")]
    assert len(under_api) >= 9
    unchecked = [path for path, view in under_api if not issubclass(view, QueryParamsChecked)]
    assert unchecked == []


ADDRESSES = [
    "/api/",
    "/api/schema/",
    "/api/deliverables/",
    "/api/deliverables.json",
    "/api/deliverables/{uid}/",
    "/api/resolutions/",
    "/api/resolutions/A/HRC/RES/61/99/",
    "/api/sessions/",
    "/api/sessions/HRC-64/",
    "/api/sessions/plan/",
    "/api/sessions/HRC-64/plan/",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_api_address_refuses_an_unknown_parameter(api, address):
    """Each address answers as before without it, and 400 naming it with it."""
    if "{uid}" in address:
        address = address.format(uid=Deliverable.objects.first().uid)
    # the schema's errors come in its own media type, JSON when asked for
    json = {"HTTP_ACCEPT": "application/vnd.oai.openapi+json"} if "schema" in address else {}
    assert api.get(address, **json).status_code == 200
    refused = api.get(address, {"stauts": "open"}, **json)
    assert refused.status_code == 400, address
    assert list(refused.json()) == ["stauts"]


@pytest.mark.parametrize(
    ("address", "query"),
    [
        ("/api/", {"format": "json"}),
        ("/api/schema/", {"format": "json", "lang": "en"}),
        ("/api/deliverables/", {"page": "1", "format": "json", "progress": "planned"}),
        ("/api/deliverables/", {"needs_review": "false", "resolution": "A/HRC/RES/61/99"}),
        ("/api/deliverables/", {"format": "api"}),
        ("/api/resolutions/", {"page": "1", "body": "HRC", "symbol": "A/HRC/RES/61/99"}),
        ("/api/resolutions/A/HRC/RES/61/99/", {"format": "json"}),
        ("/api/sessions/", {"page": "1", "body__code": "HRC", "number": "64"}),
        ("/api/sessions/", {"body": "HRC", "dates_status": "estimated"}),
        ("/api/sessions/HRC-64/", {"format": "json", "body": "HRC"}),
        ("/api/sessions/HRC-64/plan/", {"page": "1", "format": "json"}),
    ],
)
def test_the_parameters_clients_use_are_still_accepted(api, address, query):
    """Filters, the page, `format` (and the schema's `lang`) answer as before."""
    assert api.get(address, query).status_code == 200, (address, query)


def test_a_sessions_filters_hold_on_its_own_address_too(api):
    """As on a deliverable's or a resolution's address (DRF filters the detail too), a
    session's filters are read there, not dropped: HRC-64 is no GA session."""
    assert api.get("/api/sessions/HRC-64/", {"body": "HRC"}).status_code == 200
    assert api.get("/api/sessions/HRC-64/", {"body": "GA"}).status_code == 404
