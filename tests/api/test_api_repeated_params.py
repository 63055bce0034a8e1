"""A filter given twice kept its last value, unsaid (QA: `?body=HRC&body=GA` listed GA's
only, `?body=XYZ&body=HRC` answered 200 with HRC's). Now `body`, `kind` and a resolution's
`status` take each value, any of them matching (as `progress` and `review` always did);
every other parameter given twice answers 400 naming it; in the API and /export.csv."""

import csv
import io

import pytest
from rest_framework.authtoken.models import Token

from mandates.models import Deliverable, Resolution, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests.samples import GA_EXAMPLE, HRC_EXAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_path(path=HRC_EXAMPLE)
    resolution_ingest_path(path=GA_EXAMPLE)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)  # as staff would
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


def _uids(api, query) -> set[str]:
    response = api.get("/api/deliverables/", query)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["next"] is None  # one page: the sets are whole
    return {row["uid"] for row in data["results"]}


def test_body_given_twice_lists_both_bodies(api):
    hrc, ga = _uids(api, {"body": "HRC"}), _uids(api, {"body": "GA"})
    assert hrc and ga and not hrc & ga
    assert _uids(api, {"body": ["HRC", "GA"]}) == hrc | ga
    assert _uids(api, {"body": ["GA", "HRC"]}) == hrc | ga
    assert _uids(api, {"body": ["HRC", "", "HRC"]}) == hrc  # empty and repeated values


def test_kind_given_twice_lists_both_kinds(api):
    kinds = sorted(set(Deliverable.objects.values_list("kind", flat=True)))
    assert len(kinds) >= 2
    first, second = (_uids(api, {"kind": kind}) for kind in kinds[:2])
    assert _uids(api, {"kind": kinds[:2]}) == first | second


@pytest.mark.parametrize(
    ("name", "values"),
    [("body", ["XYZ", "HRC"]), ("body", ["HRC", "XYZ"]), ("kind", ["bogus", "report"])],
)
def test_a_bad_value_anywhere_in_a_repeated_filter_answers_400(api, name, values):
    """`?body=XYZ&body=HRC` answered HRC's list: the bad value is named wherever it is."""
    refused = api.get("/api/deliverables/", {name: values})
    assert refused.status_code == 400
    (message,) = refused.json()[name]
    assert ("XYZ" if name == "body" else "bogus") in message


@pytest.mark.parametrize(
    ("address", "name", "values"),
    [
        ("/api/deliverables/", "session", ["HRC-64", "GA-82"]),
        ("/api/deliverables/", "q", ["report", "seminar"]),
        ("/api/deliverables/", "due_after", ["2026-01-01", "2027-01-01"]),
        ("/api/deliverables/", "needs_review", ["true", "false"]),
        ("/api/deliverables/", "page", ["1", "2"]),
        ("/api/deliverables/", "format", ["json", "api"]),
        ("/api/resolutions/", "symbol", ["A/HRC/RES/61/99", "A/RES/81/999"]),
        ("/api/sessions/", "number", ["64", "65"]),
        ("/api/sessions/HRC-64/plan/", "page", ["1", "1"]),
    ],
)
def test_a_one_value_parameter_given_twice_answers_400_naming_it(api, address, name, values):
    """The last value was kept and the first dropped, unsaid."""
    refused = api.get(address, {name: values})
    assert refused.status_code == 400, address
    assert refused["Content-Type"] == "application/json"
    assert list(refused.json()) == [name]
    (message,) = refused.json()[name]
    assert message.startswith(f"give {name} once: it takes one value")
    assert all(value in message for value in values)


def test_an_empty_repeat_of_a_one_value_filter_drops_nothing(api):
    """`?session=HRC-64&session=` read the last value, empty: no filter at all."""
    hrc64 = _uids(api, {"session": "HRC-64"})
    assert hrc64 and len(hrc64) < Deliverable.objects.count()
    assert _uids(api, {"session": ["HRC-64", ""]}) == hrc64
    assert _uids(api, {"session": ["", "HRC-64"]}) == hrc64


def test_resolutions_take_two_statuses_and_two_bodies(api):
    Resolution.objects.filter(symbol="A/RES/81/999").update(status=Resolution.Status.DRAFT)
    symbols = [
        {item["symbol"] for item in api.get("/api/resolutions/", query).json()["results"]}
        for query in (
            {"status": "adopted"},
            {"status": ["adopted", "draft"]},
            {"body": ["GA", "HRC"]},
            {"body": "HRC"},
        )
    ]
    assert symbols[0] == {"A/HRC/RES/61/99"}
    assert symbols[1] == symbols[2] == {"A/HRC/RES/61/99", "A/RES/81/999"}
    assert symbols[3] == {"A/HRC/RES/61/99"}
    refused = api.get("/api/resolutions/", {"status": ["adopted", "bogus"]})
    assert refused.status_code == 400 and list(refused.json()) == ["status"]


def test_the_schema_says_which_filters_repeat(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path, repeatable in [
        ("/api/deliverables/", {"body", "kind", "progress", "review", "status"}),
        ("/api/resolutions/", {"body", "status"}),
        ("/api/sessions/", {"body"}),
    ]:
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        arrays = {name for name, p in parameters.items() if p["schema"].get("type") == "array"}
        assert repeatable <= arrays, path
        assert "session" not in arrays and "q" not in arrays


def _export(client, query) -> tuple[int, list[dict] | str]:
    response = client.get("/export.csv", query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    if response.status_code != 200:
        return response.status_code, text
    return 200, list(csv.DictReader(io.StringIO(text)))


def test_the_export_takes_two_bodies_and_refuses_a_session_twice(api, client):
    """/export.csv?body=SC&body=HRC gave HRC's rows, ?body=HRC&body=SC SC's (its own
    parameters given twice: tests/pages/test_export_params_and_token.py)."""
    client.defaults.pop("HTTP_AUTHORIZATION")
    rows = {
        key: {row["UID"] for row in _export(client, query)[1]}
        for key, query in {
            "hrc": {"body": "HRC"},
            "ga": {"body": "GA"},
            "both": {"body": ["GA", "HRC"]},
        }.items()
    }
    assert rows["hrc"] and rows["ga"]
    assert rows["both"] == rows["hrc"] | rows["ga"]
    status, message = _export(client, {"session": ["HRC-64", "GA-82"]})
    assert status == 400
    assert "session: give session once: it takes one value (given HRC-64, GA-82)" in message
