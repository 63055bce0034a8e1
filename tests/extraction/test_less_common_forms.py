"""Less common wordings of requests and deadlines (invented sentences, never resolution
text): reports presented orally, sessions a product was once scheduled for, side events,
findings presented to a body, and products re-dated by a later decision."""

from __future__ import annotations

import pytest

from tests.extraction.test_requests import due, run


def rows(result):
    return sorted((d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables)


@pytest.mark.parametrize(
    "words",
    [
        "to present orally reports on the work of their committees",
        "to present orally her report on the work of her mandate",
        "to present her report orally on the work of her mandate",
    ],
)
def test_a_report_presented_orally_is_an_oral_update(words):
    """A report given orally is an oral report (an oral update), as "to report orally" is."""
    r = run(f"1. Requests the High Commissioner {words} to the Council at its sixty-third session;")
    assert rows(r) == [("1", "High Commissioner", "oral update", ("HRC", 63, "at"))]


def test_a_report_presented_is_still_a_report():
    r = run(
        "1. Requests the High Commissioner to present her report on the work of her mandate "
        "to the Council at its sixty-third session, orally updating it at its sixty-fifth;"
    )
    assert [d.kind for d in r.deliverables] == ["report"]


@pytest.mark.parametrize(
    "clause",
    [
        "which was scheduled for the sixtieth session",
        "which had been planned for its sixtieth session",
        "originally scheduled for the sixtieth session",
    ],
)
def test_the_session_a_product_was_once_scheduled_for_is_not_its_deadline(clause):
    """ "its report, which was scheduled for the Nth session, to the Council at its (N+1)th":
    the old date of a product moved to a later session."""
    r = run(
        "1. Requests the Special Rapporteur on the right to food to present her annual report, "
        f"{clause}, to the Council at its sixty-first session;",
        session=60,
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 61, "at")]


def test_a_session_a_product_is_scheduled_for_stays_its_deadline():
    r = run(
        "1. Requests the High Commissioner to present the study, which is scheduled for the "
        "sixty-first session, in accessible formats;",
        session=60,
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 61, "at")]


def test_a_side_event_during_a_session_is_a_meeting():
    """ "to organize, during the Nth session of the General Assembly, a high-level side event"."""
    r = run(
        "1. Requests the United Nations Office on Drugs and Crime to organize, during the "
        "eighty-second session of the General Assembly, a high-level side event on X;",
        body="ECOSOC",
        session=2027,
    )
    assert rows(r) == [("1", "UNODC", "meeting", ("GA", 82, "at"))]


def test_findings_presented_to_a_body_are_a_report():
    """ "to present her findings on X to the Human Rights Council at its Nth session"."""
    r = run(
        "1. Invites the Special Rapporteur on the right to food to present her findings on "
        "food systems to the Human Rights Council at its sixty-first session;",
        body="GA",
        session=80,
    )
    assert rows(r) == [
        ("1", "Special Rapporteur on the right to food", "report", ("HRC", 61, "at"))
    ]


def test_findings_presented_in_a_report_are_that_report():
    r = run(
        "1. Requests the group of independent experts to present its findings, in a report to "
        "be submitted to the Council before its sixty-third session;"
    )
    [d] = r.deliverables
    assert (d.kind, due(d), d.title.split()[0]) == ("report", ("HRC", 63, "before"), "Report")


def test_a_later_paragraph_dates_a_product_asked_for_earlier():
    """ "Decides that the report requested in paragraph 7 (a) above shall be presented to the
    Council at its Nth session": the product of 7 (a) is due there (flagged); a product that
    names its own session keeps it."""
    r = run(
        "7. Requests the High Commissioner:\n\n(a) To prepare a report on X, to be presented in "
        "accordance with paragraph 10 below;\n\n(b) To convene, before the sixty-second session "
        "of the Council, a workshop on X;\n\n8. Requests the Secretary-General to prepare a study "
        "on Y;\n\n9. Requests the Secretary-General to present a report on Z to the Council at "
        "its sixty-first session;\n\n10. Decides that the report requested in paragraph 7 (a) "
        "above shall be presented to the Council at its sixty-third session;\n\n11. Decides also "
        "that the study requested in paragraph 8 above shall be submitted to the Council before "
        "its sixty-second session, and that the report requested in paragraph 9 above shall be "
        "presented at its sixty-fourth session;",
        session=60,
    )
    assert rows(r) == [
        ("7(a)", "High Commissioner", "report", ("HRC", 63, "at")),
        ("7(b)", "High Commissioner", "seminar", ("HRC", 62, "before")),
        ("8", "Secretary-General", "study", ("HRC", 62, "before")),
        ("9", "Secretary-General", "report", ("HRC", 61, "at")),
    ]
    dated = {d.paragraph: d.review_reasons for d in r.deliverables}
    assert "deadline set in paragraph 10" in dated["7(a)"]
    assert "deadline set in paragraph 11" in dated["8"]
