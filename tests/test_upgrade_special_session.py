"""Upgrading across 0029 gives the special-session resolutions already stored their special
session, from the reading kept on the row (`Resolution.extraction`), with no re-read.

The test takes the database back to 0028 (before `Resolution.special_session`) with
Django's migration executor, stores there what ingest stored then, and runs `migrate` as
an operator does.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0029 = [("mandates", "0028_contact_updated_at")]


@pytest.fixture
def old_apps():
    """The models as they stood at 0028, on a database migrated back to it."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0029)
    yield executor.loader.project_state(BEFORE_0029).apps
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def test_stored_special_sessions_are_filled_from_the_stored_reading(old_apps):
    """Filled: a reading that says "S-41" (or emergency special "ES-11"); an older
    extractor's reading without the key, or no stored extraction, from the special session
    the symbol names (a draft's too: its adopted text, read now, finds it). Left blank: a
    regular session's reading (null), and a value the column does not take (the reading
    says what it read)."""
    from mandates.models import Resolution

    OldResolution = old_apps.get_model("mandates", "Resolution")
    Body = old_apps.get_model("mandates", "Body")
    hrc, ga = Body.objects.get(code="HRC"), Body.objects.get(code="GA")
    stored = {
        "A/HRC/RES/S-41/1": (hrc, {"session": None, "special_session": "S-41"}),
        "A/RES/ES-11/3": (ga, {"session": None, "special_session": "ES-11"}),
        "A/HRC/RES/58/97": (hrc, {"session": 58, "special_session": None}),
        "A/HRC/RES/S-40/1": (hrc, {"session": None}),  # read before 0.3.28
        "A/HRC/RES/S-39/1": (hrc, {}),
        "A/HRC/S-37/L.1": (hrc, {"session": 37}),  # a draft read as regular session 37
        "A/ES-10/L.9": (ga, {"session": 10}),
        "A/HRC/58/L.1": (hrc, {"session": 58}),
        "A/HRC/RES/S-38/1": (hrc, {"session": None, "special_session": "S-38 bis"}),
    }
    for symbol, (body, extraction) in stored.items():
        OldResolution.objects.create(symbol=symbol, body=body, extraction=extraction)

    call_command("migrate", verbosity=0)

    found = dict(Resolution.objects.values_list("symbol", "special_session"))
    assert found == {
        "A/HRC/RES/S-41/1": "S-41",
        "A/RES/ES-11/3": "ES-11",
        "A/HRC/RES/58/97": "",
        "A/HRC/RES/S-40/1": "S-40",
        "A/HRC/RES/S-39/1": "S-39",
        "A/HRC/S-37/L.1": "S-37",
        "A/ES-10/L.9": "ES-10",
        "A/HRC/58/L.1": "",
        "A/HRC/RES/S-38/1": "",
    }
