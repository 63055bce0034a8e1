"""Work an earlier resolution asked for, moved to another session (0.3.53): "Decides to
postpone the panel discussion requested in resolution N to its Mth session", "Decides that
the report ... shall be presented to the Council at its Nth session instead of at its Mth
session". Invented decisions and resolutions of 2028-2029 (never a real text)."""

from __future__ import annotations

from mandates.extraction.api import extract_text
from tests.extraction.test_requests import due, run

#: The reason every moved deliverable carries, with the earlier resolution (or none named).
MOVED = "moved from an earlier resolution ({}): check the earlier deliverable"

_HRC_DECISION = """Human Rights Council

One hundred and forty-fourth session

Agenda item 1

Decision adopted by the Human Rights Council on 8 October 2028

144/115. Rescheduling of imaginary activities

The Human Rights Council,

Recalling its resolutions 141/3, 141/9, 142/9 and 143/8,

1. Decides to postpone the panel discussion requested in resolution 141/3 to its one hundred
and forty-sixth session;

2. Decides to postpone to its one hundred and forty-seventh session the high-level panel
discussion on imaginary lighthouses requested in paragraph 11 of its resolution 141/9, and
requests the Office of the High Commissioner to submit the summary report on the panel
discussion, as requested in paragraph 12 of that resolution, to the Council at its one
hundred and forty-ninth session;

3. Decides that the report of the Secretary-General requested in resolution 142/9 shall be
presented to the Council at its one hundred and forty-fifth session instead of at its one
hundred and forty-fourth session;

4. Decides that the Advisory Committee shall present the study requested in paragraph 5 of
resolution 143/8 to the Council at its one hundred and fiftieth session instead of its one
hundred and forty-seventh session;

5. Requests the Secretary-General to submit a report on imaginary harbours to the Council at
its one hundred and forty-sixth session.

41st meeting
8 October 2028
"""

_GA_RESOLUTION = """General Assembly

One hundred and ninth session

Agenda item 70

Resolution adopted by the General Assembly on 15 December 2028

[on the report of the Third Committee (A/109/500)]

109/201. Imaginary reviews

The General Assembly,

Recalling its resolutions 106/221 and 107/150,

1. Decides to postpone the midterm review conference of the Decade requested in paragraph 15
of resolution 106/221 to its one hundred and eleventh session;

2. Requests the Secretary-General to submit the report as requested in paragraph 14 of its
resolution 107/150 to the General Assembly at its one hundred and eleventh session, instead
of at its one hundred and tenth session;

3. Decides to postpone the high-level meeting on imaginary lighthouses, requested in its
resolution 107/12, until its one hundred and twelfth session.

60th plenary meeting
15 December 2028
"""

_LETTERED_DECISION = """Human Rights Council

One hundred and forty-fourth session

Agenda item 1

Decision adopted by the Human Rights Council on 8 October 2028

144/116. Rescheduling of imaginary reports

The Human Rights Council, at its 41st meeting, on 8 October 2028, decided, without a vote:

(a) To recall its resolution 141/5, in which it requested the Special Rapporteur on the right
to food to submit a report to the Council at its one hundred and forty-fourth session;

(b) To defer the presentation of the report of the Special Rapporteur on the right to food
referred to in paragraph (a) above to its one hundred and forty-fifth session;

(c) To postpone the panel discussion requested in resolution 141/9 to its one hundred and
forty-sixth session;

(d) That the study of the Advisory Committee requested in resolution 142/2 shall be presented
to the Council at its one hundred and forty-seventh session instead of its one hundred and
forty-fifth session;

(e) To defer to its one hundred and forty-fifth session the consideration of the report of
the Independent Expert on human rights and international solidarity.

41st meeting
8 October 2028
"""


def rows(result):
    return [(d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables]


def reasons(result):
    return [(d.paragraph, d.review_reasons) for d in result.deliverables]


def test_a_postponed_panel_is_the_councils_at_the_new_session():
    r = extract_text(_HRC_DECISION, source_name="A_HRC_DEC_144_115.txt")
    assert rows(r) == [
        ("1", "Human Rights Council", "panel", ("HRC", 146, "at")),
        ("2", "Human Rights Council", "panel", ("HRC", 147, "at")),
        ("2", "OHCHR", "report", ("HRC", 149, "at")),
        ("3", "Secretary-General", "report", ("HRC", 145, "at")),
        ("4", "Advisory Committee", "study", ("HRC", 150, "at")),
        ("5", "Secretary-General", "report", ("HRC", 146, "at")),
    ]


def test_moved_deliverables_are_flagged_with_the_earlier_resolution():
    """ "that resolution" is the one named before it in the paragraph; a new request in a
    paragraph that moves nothing is not flagged."""
    r = extract_text(_HRC_DECISION, source_name="A_HRC_DEC_144_115.txt")
    assert reasons(r) == [
        ("1", [MOVED.format("resolution 141/3")]),
        ("2", [MOVED.format("resolution 141/9")]),
        ("2", [MOVED.format("resolution 141/9")]),
        ("3", [MOVED.format("resolution 142/9")]),
        ("4", [MOVED.format("resolution 143/8")]),
        ("5", []),
    ]
    assert all(d.needs_review for d in r.deliverables[:5])


def test_titles_stop_before_the_reference_to_the_earlier_request():
    r = extract_text(_HRC_DECISION, source_name="A_HRC_DEC_144_115.txt")
    assert [d.title for d in r.deliverables[:4]] == [
        "Panel discussion",
        "High-level panel discussion on imaginary lighthouses",
        "Summary report on the panel discussion",
        "Report of the Secretary-General",
    ]


def test_the_assemblys_postponed_conference_and_the_old_session_never_due():
    """The session after "instead of (at)" is the old deadline; "until its Nth session"
    is when the meeting is now held."""
    r = extract_text(_GA_RESOLUTION, source_name="A_RES_109_201.txt")
    assert rows(r) == [
        ("1", "General Assembly", "meeting", ("GA", 111, "at")),
        ("2", "Secretary-General", "report", ("GA", 111, "at")),
        ("3", "General Assembly", "meeting", ("GA", 112, "at")),
    ]
    assert reasons(r) == [
        ("1", [MOVED.format("resolution 106/221")]),
        ("2", [MOVED.format("resolution 107/150")]),
        ("3", [MOVED.format("resolution 107/12")]),
    ]
    assert r.deliverables[0].title == "Midterm review conference of the Decade"


def test_a_decision_in_lettered_items():
    """ "(b) To defer the presentation of the report of X ...": X's report; the earlier
    resolution is in item (a), so none is named in (b). The consideration deferred in (e)
    is no deliverable."""
    r = extract_text(_LETTERED_DECISION, source_name="A_HRC_DEC_144_116.txt")
    assert rows(r) == [
        ("(b)", "Special Rapporteur on the right to food", "report", ("HRC", 145, "at")),
        ("(c)", "Human Rights Council", "panel", ("HRC", 146, "at")),
        ("(d)", "Advisory Committee", "study", ("HRC", 147, "at")),
    ]
    assert reasons(r) == [
        ("(b)", [MOVED.format("not named")]),
        ("(c)", [MOVED.format("resolution 141/9")]),
        ("(d)", [MOVED.format("resolution 142/2")]),
    ]


def test_instead_of_a_session_is_never_a_due():
    r = run(
        "1. Requests the High Commissioner to present the report on canals to the Council at "
        "its sixty-second session instead of at its sixty-first session;\n\n"
        "2. Requests the Secretary-General to submit the study on locks to the General "
        "Assembly at its eighty-second session, rather than at its eighty-first session;",
        session=60,
    )
    assert [(d.paragraph, due(d)) for d in r.deliverables] == [
        ("1", ("HRC", 62, "at")),
        ("2", ("GA", 82, "at")),
    ]
    assert reasons(r) == [("1", [MOVED.format("not named")]), ("2", [MOVED.format("not named")])]


def test_more_ways_of_moving_work():
    """Passive postponements, "to before its Nth session", "until before", and a request to
    postpone one's own report."""
    r = run(
        "1. Decides that the panel discussion requested in resolution 58/3 shall be postponed "
        "to its sixty-second session;\n\n"
        "2. Decides that the presentation of the report of the Secretary-General requested in "
        "resolution 58/9 shall be deferred to its sixty-first session;\n\n"
        "3. Decides to reschedule the intersessional seminar on canals referred to in "
        "resolution 58/4 to before its sixty-second session;\n\n"
        "4. Requests the Special Rapporteur on the right to food to defer the presentation of "
        "her report to its sixty-second session;\n\n"
        "5. Requests the Office of the High Commissioner to postpone the expert workshop on "
        "locks until before the sixty-third session of the Council;",
        session=60,
    )
    assert rows(r) == [
        ("1", "Human Rights Council", "panel", ("HRC", 62, "at")),
        ("2", "Secretary-General", "report", ("HRC", 61, "at")),
        ("3", "Human Rights Council", "seminar", ("HRC", 62, "before")),
        ("4", "Special Rapporteur on the right to food", "report", ("HRC", 62, "at")),
        ("5", "OHCHR", "seminar", ("HRC", 63, "before")),
    ]
    assert reasons(r) == [
        ("1", [MOVED.format("resolution 58/3")]),
        ("2", [MOVED.format("resolution 58/9")]),
        ("3", [MOVED.format("resolution 58/4")]),
        ("4", [MOVED.format("not named")]),
        ("5", [MOVED.format("not named")]),
    ]
    assert r.deliverables[4].title == "Expert workshop on locks"


def test_only_the_sub_paragraph_that_moves_work_is_flagged():
    r = run(
        "1. Decides:\n"
        "(a) To postpone the panel discussion requested in resolution 58/3 to its sixty-second "
        "session;\n"
        "(b) To hold an expert workshop on canals before its sixty-first session;",
        session=60,
    )
    assert rows(r) == [
        ("1(a)", "Human Rights Council", "panel", ("HRC", 62, "at")),
        ("1(b)", "Human Rights Council", "seminar", ("HRC", 61, "before")),
    ]
    assert reasons(r) == [("1(a)", [MOVED.format("resolution 58/3")]), ("1(b)", [])]


def test_a_postponement_that_names_no_session_or_work_gives_nothing_of_its_own():
    """Postponing with no new session gives no deliverable (the request that follows gives
    the new date, flagged as moved); postponing what is no work ("the downsizing of the
    team"), or the consideration of a report, moves nothing."""
    r = run(
        "1. Decides to postpone the intersessional seminar referred to in resolution 58/4, and "
        "requests the Office of the High Commissioner to convene the seminar before the "
        "sixty-second session of the Council;\n\n"
        "2. Requests the Secretary-General to postpone the downsizing of the team until 31 "
        "December 2029, and to submit a report on canals to the Council at its sixty-first "
        "session;\n\n"
        "3. Decides to defer to its sixty-first session the consideration of the report of the "
        "Special Rapporteur on the right to food;",
        session=60,
    )
    assert rows(r) == [
        ("1", "OHCHR", "seminar", ("HRC", 62, "before")),
        ("2", "Secretary-General", "report", ("HRC", 61, "at")),
    ]
    assert reasons(r) == [("1", [MOVED.format("resolution 58/4")]), ("2", [])]


def test_a_deadline_for_a_report_asked_for_nowhere_earlier_is_read_as_before():
    """No earlier resolution named and nothing moved: the report of paragraph 1 is dated by
    paragraph 2 (``_deadlines_set_later``), not listed twice; "shall continue to be presented
    to the Assembly" names no session and gives nothing."""
    r = run(
        "1. Requests the Secretary-General to prepare a report on canals;\n\n"
        "2. Decides that the report of the Secretary-General requested in paragraph 1 above "
        "shall be presented to the Council at its sixty-first session;\n\n"
        "3. Decides that the report of the Secretary-General requested in resolution 58/9 shall "
        "continue to be presented to the General Assembly;",
        session=60,
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("HRC", 61, "at"))]
    assert reasons(r) == [("1", ["deadline set in paragraph 2"])]
