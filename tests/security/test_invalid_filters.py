"""An invalid filter is refused with its reason; it never silently lists everything."""

import pytest
from django.urls import reverse

from mandates.models import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliverable():
    return factories.DeliverableFactory(
        title="Report on water", is_public=True, review_status=ReviewStatus.CONFIRMED
    )


@pytest.mark.parametrize("query", [{"actor": "typo"}, {"due_after": "2027-02-30"}])
def test_pages_answer_400_with_the_reason(client, deliverable, query):
    """The list pages show why the filter is wrong (even one the form does not show, such
    as a date) and list nothing."""
    for url in (reverse("mandates:upcoming"), reverse("mandates:timeline")):
        response = client.get(url, query)
        assert response.status_code == 400, url
        assert response.context["deliverables"] == []
        page = response.content.decode()
        assert 'class="errorlist"' in page
        assert "Report on water" not in page


@pytest.mark.parametrize("query", [{"actor": "typo"}, {"due_after": "2027-02-30"}])
def test_api_answers_400_naming_the_field(staff_client, deliverable, query):
    """The API names the field it could not use."""
    response = staff_client.get("/api/deliverables/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)
