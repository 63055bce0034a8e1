"""A NUL character in a URL is a bad request (400), never a server error."""

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/sessions/HR%00C-65/",
    "/resolutions/A/HRC%00/RES/1/",
    "/feeds/body/H%00RC.ics",
    "/feeds/session/HR%00C-65.ics",
    "/feeds/private/ab%00c.ics",
    "/?q=water%00",
    "/export.csv?actor=%00",
]
ADMIN = [
    "/admin/mandates/session/?dates_status__exact=%00",
    "/admin/mandates/deliverable/?due_session=%00",
    "/api/resolutions/A%00B/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_nul_in_public_urls_is_a_bad_request(client, url):
    """PostgreSQL refuses NUL in text: such a URL gets 400 before any query runs."""
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("url", ADMIN)
def test_nul_in_admin_filters_and_api_is_a_bad_request(staff_client, url):
    """The admin's list filters and the API answer 400 too."""
    assert staff_client.get(url).status_code == 400
