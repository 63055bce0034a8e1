"""'Decides to continue its consideration of the question at its Nth session' is stored and
shown: resolution page, session page, admin; flagged like a deadline when ambiguous."""

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Consideration, ReviewStatus
from mandates.services.ingest import resolution_ingest, resolution_ingest_path
from tests.samples import hrc_resolution
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seeds():
    """The two seed resolutions from ../shared, ingested."""
    for name in ("A_HRC_RES_59_3.txt", "A_RES_80_204.txt"):
        outcome = resolution_ingest_path(path=shared_path("seeds", name))
        assert outcome.status == "new", outcome.reason


def _staff(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_seed_considerations_are_stored_and_flagged(seeds):
    """HRC 59/3 para 39 ("sixty-second fifth session") is flagged with 62 and 65; GA 80/204
    para 17 is at GA 81, not flagged."""
    hrc = Consideration.objects.get(resolution__symbol="A/HRC/RES/59/3")
    assert (hrc.paragraph_label, hrc.body.code) == ("39", "HRC")
    assert {hrc.session.number, *hrc.alternatives} == {62, 65}
    assert hrc.needs_review
    assert any("HRC 62" in r and "HRC 65" in r for r in hrc.review_reasons)
    assert "consideration" in hrc.quote
    ga = Consideration.objects.get(resolution__symbol="A/RES/80/204")
    assert (ga.paragraph_label, str(ga.session), ga.alternatives) == ("17", "GA 81", [])
    assert not ga.needs_review


def test_seed_considerations_on_the_pages(seeds, admin_user):
    """Staff see both on the resolution pages and on the session pages (HRC 62 as the other
    reading); visitors see them once staff confirmed them."""
    staff = _staff(admin_user)
    page = staff.get(reverse("mandates:resolution", args=["A/HRC/RES/59/3"])).content.decode()
    assert "Consideration of the question" in page
    assert "HRC 65" in page and "HRC 62" in page and "flagged for review" in page
    page = staff.get(reverse("mandates:resolution", args=["A/RES/80/204"])).content.decode()
    assert "Taken up again at" in page and "GA 81" in page
    hrc65 = staff.get(reverse("mandates:session", args=["HRC", 65])).content.decode()
    assert "A/HRC/RES/59/3" in hrc65
    hrc62 = staff.get(reverse("mandates:session", args=["HRC", 62])).content.decode()
    assert "A/HRC/RES/59/3" in hrc62 and "another reading of the text" in hrc62
    ga81 = staff.get(reverse("mandates:session", args=["GA", 81])).content.decode()
    assert "A/RES/80/204" in ga81

    visitor = Client()
    url = reverse("mandates:resolution", args=["A/RES/80/204"])
    assert "Taken up again at" not in visitor.get(url).content.decode()
    Consideration.objects.filter(resolution__symbol="A/RES/80/204").update(
        review_status=ReviewStatus.CONFIRMED
    )
    assert "Taken up again at" in visitor.get(url).content.decode()


def test_seed_considerations_in_the_admin(seeds, admin_user):
    """The admin lists considerations, and shows them inline on the resolution."""
    staff = _staff(admin_user)
    page = staff.get(reverse("admin:mandates_consideration_changelist")).content.decode()
    assert "A/HRC/RES/59/3" in page and "A/RES/80/204" in page
    hrc = Consideration.objects.get(resolution__symbol="A/HRC/RES/59/3")
    resolution = staff.get(
        reverse("admin:mandates_resolution_change", args=[hrc.resolution_id])
    ).content.decode()
    assert reverse("admin:mandates_consideration_change", args=[hrc.pk]) in resolution
    staff.post(
        reverse("admin:mandates_consideration_changelist"),
        {"action": "confirm", "_selected_action": [hrc.pk]},
    )
    hrc.refresh_from_db()
    assert hrc.review_status == ReviewStatus.CONFIRMED and not hrc.needs_review
    assert hrc.history.first().history_user == admin_user


def _consider_at(words: str, name: str = "A_HRC_RES_58_97.txt"):
    text = hrc_resolution(
        operative=[
            "Calls upon States to ensure access to safe drinking water for all;",
            f"Decides to continue its consideration of this question at its {words} session.",
        ]
    )
    outcome = resolution_ingest(data=text.encode(), name=name)
    assert outcome.status != "failed", outcome.reason


def test_a_new_version_never_overwrites_a_confirmed_consideration():
    """Proposed: follows the text. Confirmed by a person: kept, and a different reading in a
    new version flags it for review instead."""
    _consider_at("sixty-fourth")
    item = Consideration.objects.get()
    assert (str(item.session), item.needs_review) == ("HRC 64", False)
    _consider_at("sixty-fifth")
    item.refresh_from_db()
    assert str(item.session) == "HRC 65"  # only proposed: follows the text
    item.review_status = ReviewStatus.CONFIRMED
    item.save()
    _consider_at("sixty-sixth")
    item.refresh_from_db()
    assert str(item.session) == "HRC 65" and item.review_status == ReviewStatus.CONFIRMED
    assert item.needs_review
    assert any("HRC 66" in reason for reason in item.review_reasons)
    assert Consideration.objects.count() == 1


def test_a_consideration_leaving_the_text():
    """Proposed: it goes with its paragraph. Confirmed: kept and flagged for review."""
    without = hrc_resolution(
        operative=["Calls upon States to ensure access to safe drinking water for all;"]
    )
    _consider_at("sixty-fourth")
    resolution_ingest(data=without.encode(), name="A_HRC_RES_58_97.txt")
    assert not Consideration.objects.exists()
    _consider_at("sixty-fourth")
    Consideration.objects.update(review_status=ReviewStatus.CONFIRMED)
    resolution_ingest(data=without.encode(), name="A_HRC_RES_58_97.txt")
    item = Consideration.objects.get()
    assert str(item.session) == "HRC 64" and item.needs_review
    assert any("no longer in the text" in reason for reason in item.review_reasons)
