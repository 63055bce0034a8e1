"""Identifiers in any case, days in ISO only, and session misses that say why (QA:
`/api/resolutions/a/hrc/res/61/99/` 404 while `?resolution=` matched it, `?body=hrc` a 400
while `/feeds/body/hrc.ics` served, `due_after=14/12/2026` read by the locale's formats,
"HRC-999" told to name a session by its body and number, which it did)."""

import pytest
from rest_framework.authtoken.models import Token

from mandates.models import Deliverable, ReviewStatus
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


def test_a_resolution_is_found_by_its_symbol_in_any_case(api):
    upper = api.get("/api/resolutions/A/HRC/RES/61/99/").json()
    assert api.get("/api/resolutions/a/hrc/res/61/99/").json() == upper
    missing = api.get("/api/resolutions/a/hrc/res/1/1/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No resolution a/hrc/res/1/1"}
    listed = api.get("/api/resolutions/", {"symbol": "a/hrc/res/61/99"}).json()["results"]
    assert [item["symbol"] for item in listed] == ["A/HRC/RES/61/99"]


def test_a_body_code_is_read_in_any_case_as_the_feeds_read_it(api):
    for address in ("/api/deliverables/", "/api/resolutions/", "/api/sessions/"):
        upper = api.get(address, {"body": "HRC"}).json()
        assert upper["count"] > 0
        assert api.get(address, {"body": "hrc"}).json() == upper, address
        assert api.get(address, {"body": "Hrc"}).json() == upper, address


@pytest.mark.parametrize("day", ["14/12/2026", "12/10/26", "2026-1-5", "20261214", "2026-W50-1"])
def test_due_dates_take_iso_days_only(api, day):
    for name in ("due_after", "due_before"):
        refused = api.get("/api/deliverables/", {name: day})
        assert refused.status_code == 400
        assert refused.json() == {
            name: [f"{day} is not a date: write it as YYYY-MM-DD (2026-12-14)"]
        }


def test_both_due_bounds_include_their_day(api):
    day = (
        Deliverable.objects.filter(due_date__isnull=False).values_list("due_date", flat=True)
    ).first()
    due = Deliverable.objects.filter(due_date=day).count()
    on_the_day = api.get(
        "/api/deliverables/", {"due_after": day.isoformat(), "due_before": day.isoformat()}
    ).json()
    assert on_the_day["count"] == due > 0
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = schema["paths"]["/api/deliverables/"]["get"]["parameters"]
    for parameter in parameters:
        if parameter["name"] in ("due_after", "due_before"):
            assert "the day itself included" in parameter["description"]


def test_a_well_formed_session_that_is_not_in_the_calendar_is_not_blamed_on_its_address(api):
    for address in ("/api/sessions/HRC-999/", "/api/sessions/HRC-999/plan/"):
        refused = api.get(address)
        assert refused.status_code == 404
        assert refused.json() == {"detail": "No session HRC 999 in the calendar"}, address
    unknown_body = api.get("/api/sessions/XYZ-3/").json()["detail"]
    assert unknown_body.startswith("No body XYZ: a session is named by one of ")
    assert api.get("/api/sessions/XYZ-3/plan/").json()["detail"] == unknown_body
    filtered = api.get("/api/sessions/HRC-64/", {"body": "GA"})
    assert filtered.status_code == 404
    assert filtered.json() == {"detail": "Session HRC 64 is not one the filters given select"}
    malformed = api.get("/api/sessions/garbage/").json()["detail"]
    assert '"HRC-65"' in malformed and "never its number" in malformed
