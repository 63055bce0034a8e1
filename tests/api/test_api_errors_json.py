"""Every error under /api/ is JSON and the schema declares it (QA: an unknown address gave
an HTML 404, `?format=xml` a 404, the schema's errors came as YAML, a bad `page` a 404
"Invalid page." where every other bad parameter is a 400, and the schema listed only the
200 answers, with no type for `alternatives` and `review_reasons`)."""

import pytest
from rest_framework.authtoken.models import Token

from mandates.models import Deliverable, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests.samples import GA_EXAMPLE, HRC_EXAMPLE

pytestmark = pytest.mark.django_db

OPENAPI_JSON = {"HTTP_ACCEPT": "application/vnd.oai.openapi+json"}


@pytest.fixture
def api(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_path(path=HRC_EXAMPLE)
    resolution_ingest_path(path=GA_EXAMPLE)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)  # as staff would
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


@pytest.mark.parametrize("address", ["/api/nope/", "/api/deliverables/a/b/c/", "/api/x/y/"])
def test_an_unknown_api_address_is_a_json_404(api, client, address):
    for headers in ({}, {"HTTP_AUTHORIZATION": ""}):  # signed in or not
        response = client.get(address, **headers)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "detail": f"No API address {address}: /api/ lists the collections"
        }


def test_an_address_without_its_slash_is_still_sent_to_it(api):
    """The catch-all answers only addresses ending in "/": Django still adds the slash."""
    response = api.get("/api/deliverables")
    assert response.status_code == 301 and response["Location"] == "/api/deliverables/"
    assert api.get("/api/nope").status_code == 301
    assert api.get("/api/nope", follow=True).status_code == 404


@pytest.mark.parametrize(
    "address",
    ["/api/deliverables/", "/api/resolutions/A/HRC/RES/61/99/", "/api/sessions/HRC-64/plan/"],
)
def test_a_format_the_api_does_not_give_is_a_400_naming_the_formats(api, address):
    response = api.get(address, {"format": "xml"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "format": [f"xml is not a format of {address}: use one of json, api"]
    }
    assert api.get(address, {"format": "json"}).status_code == 200


def test_a_format_suffix_the_api_does_not_give_is_a_400_too(api):
    response = api.get("/api/deliverables.xml")
    assert response.status_code == 400
    assert list(response.json()) == ["format"]
    assert api.get("/api/deliverables.json").status_code == 200


def test_an_accept_header_the_api_cannot_meet_is_a_json_406(api):
    response = api.get("/api/deliverables/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response.json() == {"detail": "Could not satisfy the request Accept header."}


@pytest.mark.parametrize(
    ("query", "method", "status"),
    [({"bogus": "1"}, "get", 400), ({"format": "xml"}, "get", 400), ({}, "post", 405)],
)
def test_the_schemas_errors_are_json_not_yaml(api, query, method, status):
    response = getattr(api, method)("/api/schema/", query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()
    # the schema itself still comes as YAML by default
    assert api.get("/api/schema/")["Content-Type"].startswith("application/vnd.oai.openapi")


def test_a_page_that_is_no_number_is_a_400_and_one_past_the_end_says_how_many(api):
    count = api.get("/api/deliverables/").json()["count"]
    assert count <= 50  # one page
    for page in ("abc", "0", "-3", "2.0", "١"):  # "١" is a digit to str.isdigit()
        refused = api.get("/api/deliverables/", {"page": page})
        assert refused.status_code == 400, page
        assert refused.json() == {
            "page": [f"{page} is not a page number: write a whole number from 1, or last"]
        }
    for page in ("2", "99999999999999999999999"):
        past = api.get("/api/deliverables/", {"page": page})
        assert past.status_code == 404
        assert past.json()["detail"].startswith(f"No page {page}: the list has 1 page")
    assert (
        api.get("/api/resolutions/", {"page": "2"})
        .json()["detail"]
        .startswith("No page 2: the list has 1 page")
    )
    first = api.get("/api/deliverables/").json()
    assert api.get("/api/deliverables/", {"page": "last"}).json() == first
    assert api.get("/api/deliverables/", {"page": ""}).json() == first
    assert api.get("/api/deliverables/", {"page": "01"}).json() == first


def test_the_schema_declares_the_error_answers_on_every_operation(api):
    schema = api.get("/api/schema/", **OPENAPI_JSON).json()
    components = schema["components"]["schemas"]
    assert components["ErrorDetail"]["properties"] == {"detail": {"type": "string"}}
    assert components["ParameterErrors"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) >= 9
    for operation in operations:
        responses = operation["responses"]
        assert {"200", "400", "401", "404", "406", "429"} <= set(responses), operation
        for status, component in [("400", "ParameterErrors"), ("404", "ErrorDetail")]:
            body = responses[status]["content"]["application/json"]["schema"]
            assert body == {"$ref": f"#/components/schemas/{component}"}
        formats = [p for p in operation["parameters"] if p["name"] == "format"]
        assert len(formats) == 1, operation["operationId"]
    listing = schema["paths"]["/api/deliverables/"]["get"]
    (format_,) = [p for p in listing["parameters"] if p["name"] == "format"]
    assert format_["schema"]["enum"] == ["json", "api"]
    (page,) = [p for p in listing["parameters"] if p["name"] == "page"]
    assert page["schema"]["oneOf"][1] == {"type": "string", "enum": ["last"]}


def test_the_schema_types_alternatives_reasons_and_resolution_status(api):
    components = api.get("/api/schema/", **OPENAPI_JSON).json()["components"]["schemas"]
    deliverable = components["Deliverable"]["properties"]
    assert deliverable["alternatives"]["type"] == "array"
    reading = deliverable["alternatives"]["items"]["$ref"].rsplit("/", 1)[1]
    assert set(components[reading]["properties"]) == {"body", "session", "relation", "date"}
    assert deliverable["review_reasons"] == {
        "type": "array",
        "items": {"type": "string"},
        "readOnly": True,
    }
    assert deliverable["resolution_status"] == {"$ref": "#/components/schemas/ResolutionStatusEnum"}
    consideration = components["Consideration"]["properties"]
    assert consideration["alternatives"]["items"] == {"type": "integer"}


def test_the_typed_fields_write_what_was_stored(api):
    """The declared types change nothing of what a deliverable's fields hold."""
    item = Deliverable.objects.first()
    Deliverable.objects.filter(pk=item.pk).update(
        alternatives=[{"body": "HRC", "session": 62, "relation": "at", "date": None}],
        review_reasons=["two sessions named"],
    )
    row = api.get(f"/api/deliverables/{item.uid}/").json()
    assert row["alternatives"] == [{"body": "HRC", "session": 62, "relation": "at", "date": None}]
    assert row["review_reasons"] == ["two sessions named"]
