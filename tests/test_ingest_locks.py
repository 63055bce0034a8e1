"""A person's decision made while a new version of the text is being stored is never lost.

Real PostgreSQL and real connections: ingest runs in one thread, the person in another, and
a third holds a table lock so that ingest stops half-way, after it read what it stores.
"""

import hashlib
import threading

import pytest
from django.db import connection, transaction

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Deliverable, Resolution
from mandates.services import deliverables as deliverable_services
from mandates.services.ingest import (
    NEW_VERSION_MEANWHILE,
    resolution_ingest,
    resolutions_read_again,
)
from tests.real_services import (
    in_thread,
    lock_waiters,
    require_postgresql,
    wait_for,
    waiting_for_a_lock,
)
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NAME = "A_HRC_RES_58_97.txt"
REPORT = (
    "Requests the High Commissioner to prepare a report on access to water and to present it "
    "to the Human Rights Council at its sixty-fourth session;"
)
SEMINAR = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to organize "
    "an expert seminar on water services before the sixty-third session of the Human Rights "
    "Council;"
)


def test_a_confirmation_made_while_a_new_version_is_stored_is_not_lost(settings, tmp_path):
    """The new version drops the seminar nobody had touched. A person confirms it while
    ingest is storing that version: either ingest sees the confirmation and keeps the seminar
    (flagged), or the confirmation waits for ingest and finds the seminar gone (it confirms
    nothing). Ingest used to read the seminar as untouched, let the person confirm it, and
    delete it with the person's decision."""
    require_postgresql()
    settings.MEDIA_ROOT = tmp_path / "media"
    first = resolution_ingest(data=hrc_resolution(operative=[REPORT, SEMINAR]).encode(), name=NAME)
    assert first.status == "new", first.reason
    seminar = Deliverable.objects.get(kind="seminar")

    hold, results = threading.Event(), {}

    def hold_a_table_ingest_reads_later() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE mandates_proposedchange IN ACCESS EXCLUSIVE MODE")
            results["locked"] = True
            hold.wait(timeout=60)

    holder = in_thread(hold_a_table_ingest_reads_later, results, "holder")
    wait_for(lambda: results.get("locked"), timeout=10, what="the table lock")
    trimmed = hrc_resolution(operative=[REPORT]).encode()
    ingest = in_thread(lambda: resolution_ingest(data=trimmed, name=NAME), results, "ingest")
    wait_for(waiting_for_a_lock, timeout=20, what="ingest to wait half-way")

    queryset = Deliverable.objects.filter(pk=seminar.pk)
    person = in_thread(
        lambda: deliverable_services.deliverable_confirm(deliverables=queryset),
        results,
        "confirmed",
    )
    person.join(timeout=2)  # it waits for ingest's locks, or (before the fix) it is done
    hold.set()
    for thread in (holder, ingest, person):
        thread.join(timeout=60)
        assert not thread.is_alive()
    assert results["ingest"].status == "updated", results["ingest"].reason
    confirmed = results["confirmed"]
    assert not isinstance(confirmed, Exception), confirmed
    still_there = Deliverable.objects.filter(pk=seminar.pk).first()
    if confirmed:
        assert still_there is not None, "ingest removed a deliverable a person had confirmed"
        assert still_there.review_status == "confirmed" and still_there.no_longer_in_text
    else:
        assert still_there is None


def test_a_new_version_stored_while_the_original_is_read_again_is_kept(settings, tmp_path):
    """A person uploads a new version while "Read again" reads the old original: the
    upload holds the resolution's row (stopped half-way by a table lock) when read-again,
    done extracting the old text, comes to store it and waits for the row. Once the new
    version commits, read-again finds the row naming another file and stores nothing: it
    used to store the old text, checksum and deliverables over the new version."""
    require_postgresql()
    settings.MEDIA_ROOT = tmp_path / "media"
    first = resolution_ingest(data=hrc_resolution(operative=[REPORT, SEMINAR]).encode(), name=NAME)
    assert first.status == "new", first.reason
    Resolution.objects.update(extractor_version="0.2.9")

    hold, results = threading.Event(), {}

    def hold_a_table_ingest_reads_later() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE mandates_proposedchange IN ACCESS EXCLUSIVE MODE")
            results["locked"] = True
            hold.wait(timeout=60)

    holder = in_thread(hold_a_table_ingest_reads_later, results, "holder")
    wait_for(lambda: results.get("locked"), timeout=10, what="the table lock")
    new = hrc_resolution(operative=[REPORT]).encode()
    upload = in_thread(
        lambda: resolution_ingest(data=new, name="A_HRC_RES_58_97_v2.txt"), results, "upload"
    )
    wait_for(waiting_for_a_lock, timeout=20, what="the upload to wait half-way")
    again = in_thread(resolutions_read_again, results, "again")
    wait_for(lambda: lock_waiters() == 2, timeout=30, what="read-again to wait for the row")
    hold.set()
    for thread in (holder, upload, again):
        thread.join(timeout=60)
        assert not thread.is_alive()

    assert results["upload"].status == "updated", results["upload"].reason
    [outcome] = results["again"]
    assert (outcome.status, outcome.reason) == ("unchanged", NEW_VERSION_MEANWHILE)
    resolution = Resolution.objects.get()
    assert resolution.source_name == "A_HRC_RES_58_97_v2.txt"
    assert resolution.checksum == hashlib.sha256(new).hexdigest()
    with resolution.source_file.open("rb") as stored:
        assert stored.read() == new
    assert resolution.extractor_version == EXTRACTOR_VERSION
    assert list(Deliverable.objects.values_list("kind", flat=True)) == ["report"]
