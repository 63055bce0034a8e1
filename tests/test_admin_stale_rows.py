"""Pages of rows without a version of their own, refused when opened before a change: a
consideration (its page and the resolution's inline) and an actor's aliases. A save from a
page opened earlier silently put back what it was opened with."""

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Consideration, ReviewStatus
from mandates.services.ingest import resolution_ingest
from tests import factories
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

STALE = "This was changed after you opened it"
NAME = "A_HRC_RES_58_97.txt"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editors(editor, django_user_model) -> tuple[Client, Client]:
    """Two staff editors, each with a browser of their own."""
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("other", "other@example.org", "pw", is_staff=True)
    other.groups.add(Group.objects.get(name="editors"))
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    return first, second


def _consider_at(words: str) -> Consideration:
    """A text that takes the question up again at the ``words`` session, ingested."""
    text = hrc_resolution(
        operative=[
            "Calls upon States to ensure access to safe drinking water for all;",
            f"Decides to continue its consideration of this question at its {words} session.",
        ]
    )
    outcome = resolution_ingest(data=text.encode(), name=NAME)
    assert outcome.status != "failed", outcome.reason
    return Consideration.objects.get()


def _consideration_url(item: Consideration) -> str:
    return reverse("admin:mandates_consideration_change", args=[item.pk])


def test_two_editors_of_one_consideration(editors):
    """The first corrects the session; the second, page opened before, confirms it and
    saves. The second save is refused, as on the deliverable page: it had put the session
    the first editor corrected back."""
    first, second = editors
    item = _consider_at("sixty-fourth")
    corrected = factories.SessionFactory(body=item.body, number=65)
    url = _consideration_url(item)
    one, other = change_form_data(first.get(url)), change_form_data(second.get(url))

    one["session"] = str(corrected.pk)
    response = first.post(url, one)
    assert response.status_code == 302, response.context["adminform"].form.errors
    other["review_status"] = ReviewStatus.CONFIRMED
    response = second.post(url, other)

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "by editor" in page
    item.refresh_from_db()
    assert (item.session, item.review_status) == (corrected, ReviewStatus.PROPOSED)

    fresh = change_form_data(second.get(url))
    fresh["review_status"] = ReviewStatus.CONFIRMED
    assert second.post(url, fresh).status_code == 302
    item.refresh_from_db()
    assert (item.session, item.review_status) == (corrected, ReviewStatus.CONFIRMED)


def test_a_consideration_page_opened_before_a_new_version_flagged_it(editors):
    """A person confirmed the consideration; a new version reads another session and flags
    it (the person's session kept). A page opened before that lowers no flag: refused."""
    first, _ = editors
    item = _consider_at("sixty-fourth")
    Consideration.objects.filter(pk=item.pk).update(review_status=ReviewStatus.CONFIRMED)
    url = _consideration_url(item)
    opened = change_form_data(first.get(url))

    _consider_at("sixty-sixth")
    item.refresh_from_db()
    assert item.needs_review and str(item.session) == "HRC 64"
    opened["is_public"] = ""
    response = first.post(url, opened)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert "by an import of the text" in response.content.decode()
    item.refresh_from_db()
    assert item.needs_review and item.is_public
    assert any("HRC 66" in reason for reason in item.review_reasons)


def test_the_resolution_page_opened_before_a_consideration_changed(editors):
    """The consideration is also edited in the resolution's page (inline): a resolution
    page opened before the consideration's own page was saved is refused too."""
    first, second = editors
    item = _consider_at("sixty-fourth")
    corrected = factories.SessionFactory(body=item.body, number=65)
    resolution_url = reverse("admin:mandates_resolution_change", args=[item.resolution_id])
    opened = change_form_data(second.get(resolution_url))
    prefix = next(key for key in opened if key.endswith("-review_status")).rsplit("-", 1)[0]

    url = _consideration_url(item)
    one = change_form_data(first.get(url))
    one["session"] = str(corrected.pk)
    assert first.post(url, one).status_code == 302
    opened[f"{prefix}-review_status"] = ReviewStatus.CONFIRMED
    response = second.post(resolution_url, opened)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    item.refresh_from_db()
    assert (item.session, item.review_status) == (corrected, ReviewStatus.PROPOSED)


def _actor_with_alias():
    actor = factories.ActorFactory(name="Invented Rapporteur")
    alias = actor.aliases.create(alias="the Invented Rapporteur on tides")
    return actor, alias, reverse("admin:mandates_actor_change", args=[actor.pk])


def _alias_key(data: dict, alias) -> str:
    """The inline's field name of ``alias`` on the actor page ("aliases-0-alias")."""
    row = next(key for key, value in data.items() if key.endswith("-id") and value == alias.pk)
    return row.removesuffix("-id") + "-alias"


def test_two_editors_of_one_actors_aliases(editors):
    """Both on the actor's page: the first corrects an alias, the second (page opened
    before) adds another. The second save is refused: it put the first's alias back."""
    first, second = editors
    actor, alias, url = _actor_with_alias()
    one, other = change_form_data(first.get(url)), change_form_data(second.get(url))

    one[_alias_key(one, alias)] = "Invented Rapporteur on tides"
    assert first.post(url, one).status_code == 302
    other["aliases-TOTAL_FORMS"] = str(int(other["aliases-TOTAL_FORMS"]) + 1)
    other[f"aliases-{int(other['aliases-TOTAL_FORMS']) - 1}-alias"] = "Tides Rapporteur"
    response = second.post(url, other)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert sorted(actor.aliases.values_list("alias", flat=True)) == ["Invented Rapporteur on tides"]


def test_an_actor_page_opened_before_an_alias_changed_on_its_own_page(editors):
    """The first corrects the alias on the alias's own page; the second, actor page opened
    before, sets the actor's kind. Refused: the alias row it was opened with went back."""
    first, second = editors
    actor, alias, url = _actor_with_alias()
    opened = change_form_data(second.get(url))

    alias_url = reverse("admin:mandates_actoralias_change", args=[alias.pk])
    data = change_form_data(first.get(alias_url))
    data["alias"] = "Invented Rapporteur on tides"
    assert first.post(alias_url, data).status_code == 302
    opened["kind"] = "mechanism"
    response = second.post(url, opened)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    actor.refresh_from_db()
    assert actor.kind != "mechanism"
    assert list(actor.aliases.values_list("alias", flat=True)) == ["Invented Rapporteur on tides"]


def test_an_alias_page_opened_before_the_actor_page_changed_it(editors):
    """The other way round: the alias's own page, opened before the first editor corrected
    the alias on the actor's page, is refused, as the actor's page would be."""
    first, second = editors
    actor, alias, url = _actor_with_alias()
    alias_url = reverse("admin:mandates_actoralias_change", args=[alias.pk])
    opened = change_form_data(second.get(alias_url))

    data = change_form_data(first.get(url))
    data[_alias_key(data, alias)] = "Invented Rapporteur on tides"
    assert first.post(url, data).status_code == 302
    opened["alias"] = "the Invented Rapporteur on the tides"
    response = second.post(alias_url, opened)

    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and "by editor" in page
    assert list(actor.aliases.values_list("alias", flat=True)) == ["Invented Rapporteur on tides"]

    fresh = change_form_data(second.get(alias_url))
    fresh["alias"] = "the Invented Rapporteur on the tides"
    assert second.post(alias_url, fresh).status_code == 302
    alias.refresh_from_db()
    assert alias.alias == "the Invented Rapporteur on the tides"
