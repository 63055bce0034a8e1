"""/export.csv refuses a parameter it does not read, as the API does, and takes the API's
token (QA: `?stauts=open` gave every row, and a staff token was ignored: a nightly job got
the public export without the "Assigned to" columns, and nothing said so)."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

EXPORT = reverse("mandates:export_csv")


@pytest.fixture
def rows():
    public = factories.DeliverableFactory(
        title="Public report", is_public=True, review_status=ReviewStatus.CONFIRMED
    )
    proposed = factories.DeliverableFactory(
        title="Proposed report", review_status=ReviewStatus.PROPOSED
    )
    return public, proposed


def _token(django_user_model, name: str, **flags) -> str:
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", **flags)
    return Token.objects.create(user=user).key


def _read(response) -> tuple[list[str], set[str]]:
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    return table[0], {row[0] for row in table[1:]}


def test_an_unknown_parameter_is_refused_not_dropped(client, rows):
    response = client.get(EXPORT, {"stauts": "open", "body": "HRC"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Invalid parameters:\nstauts is not a parameter of /export.csv")
    assert "body" not in text.split("\n")[1].split(":")[0]  # only the unknown one is named
    for known in ("status", "progress", "scope", "historic", "months", "q"):
        assert known in text
    assert client.get(EXPORT, {"status": "planned", "scope": "all"}).status_code == 200


def test_scope_given_twice_is_refused(client, rows):
    """The export's own parameters as its filters: the last value was kept, unsaid."""
    response = client.get(EXPORT, {"scope": ["all", "upcoming"]})
    assert response.status_code == 400
    assert "give scope once: it takes one value (given all, upcoming)" in response.content.decode()


def test_a_staff_token_gets_the_staff_export(client, django_user_model, rows):
    public, proposed = rows
    anonymous_header, anonymous = _read(client.get(EXPORT))
    assert anonymous == {str(public.uid)} and "Assigned to" not in anonymous_header
    key = _token(django_user_model, "nightly", is_staff=True)
    response = client.get(EXPORT, HTTP_AUTHORIZATION=f"Token {key}")
    header, staff = _read(response)
    assert staff == {str(public.uid), str(proposed.uid)}
    assert "Assigned to" in header and "Assigned to (names)" in header
    assert "Authorization" in response["Vary"]


def test_a_non_staff_token_gets_what_that_person_sees(client, django_user_model, rows):
    public, _proposed = rows
    key = _token(django_user_model, "reader")
    _header, seen = _read(client.get(EXPORT, HTTP_AUTHORIZATION=f"Token {key}"))
    assert seen == {str(public.uid)}
    # and `mine`, refused to anonymous visitors, is theirs
    assert (
        client.get(EXPORT, {"mine": "true"}, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    )
    assert client.get(EXPORT, {"mine": "true"}).status_code == 400


@pytest.mark.parametrize(
    "header",
    ["Token not-a-token", "Token ", "Token a b", "Bearer abc", "inactive"],
)
def test_a_bad_token_is_a_401_not_the_public_export(client, django_user_model, rows, header):
    if header == "inactive":
        header = f"Token {_token(django_user_model, 'gone', is_staff=True, is_active=False)}"
    response = client.get(EXPORT, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content


def test_another_scheme_is_left_to_the_session(client, staff_client, rows):
    """A proxy's Basic credentials are not the export's business: the session decides."""
    public, proposed = rows
    _header, seen = _read(staff_client.get(EXPORT, HTTP_AUTHORIZATION="Basic dXNlcjpwdw=="))
    assert seen == {str(public.uid), str(proposed.uid)}


def test_the_pages_export_links_carry_only_what_the_export_reads(client, rows):
    """A list page lets any parameter through (a campaign's ?utm_source=): its export
    link must not carry it into a 400."""
    html = client.get(reverse("mandates:upcoming"), {"utm_source": "mail", "kind": "report"})
    link = html.content.decode().split('href="/export.csv?')[1].split('"')[0]
    assert "utm_source" not in link and "kind=report" in link
    assert client.get(f"{EXPORT}?{link.replace('&amp;', '&')}").status_code == 200
