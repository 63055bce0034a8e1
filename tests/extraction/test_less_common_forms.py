"""Less common wordings of requests and deadlines (invented sentences, never resolution
text): reports presented orally, sessions a product was once scheduled for, side events,
findings presented to a body, and products re-dated by a later decision."""

from __future__ import annotations

import html

import pytest

from mandates.extraction.api import extract_bytes, extract_text
from tests import drafts_samples
from tests.extraction.samples import HRC
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


# --- marks and characters a copy or a save left in the text


_HRC_PARAGRAPH_1 = (
    "1. Requests the High Commissioner to present a report to the Council at its sixty-fifth "
    "session;"
)


_NO_MARK = dict.fromkeys(map(ord, "\u00b9\u00b2\u00b3\u2070\u2074"))


def _hrc_with(paragraph: str) -> str:
    assert _HRC_PARAGRAPH_1 in HRC
    return HRC.replace(_HRC_PARAGRAPH_1, paragraph)


@pytest.mark.parametrize(
    ("printed", "mark"),
    [
        ("a report\u00b2 to the Council", "2"),
        ("a report\u00b9\u2070 to the Council", "10"),
        ("a report,\u00b3 to the Council", "3"),
        ("a report (A/HRC/65/1)\u2074 to the Council", "4"),
    ],
)
def test_a_superscript_footnote_mark_is_a_footnote_not_part_of_the_word(printed, mark):
    """Text copied from a web page or a Markdown export sets footnote marks as superscript
    digits ("report²"): the word is "report" for every reader, the mark a footnote anchored
    where it stood, and the quote the words without the mark (as for other marks)."""
    text = _hrc_with(
        f"1. Requests the High Commissioner to present {printed} at its sixty-fifth session;"
    )
    r = extract_text(text)
    [d] = [d for d in r.deliverables if d.paragraph == "1"]
    assert (d.kind, due(d)) == ("report", ("HRC", 65, "at"))
    assert not any(c in d.quote for c in "\u00b9\u00b2\u00b3\u2070\u2074")
    assert d.quote == r.text[d.span[0] : d.span[1]]
    [note] = r.footnotes
    assert note.mark == mark
    assert r.text[: note.anchor].endswith(printed.split(" to the")[0].translate(_NO_MARK))


def test_a_superscript_mark_after_a_resolution_number_and_its_note_line():
    """ "resolution 53/11²" marks a footnote whose text is the line opening with "²"."""
    text = HRC.replace(
        "resolution 53/11 of 12 July 2023,", "resolution 53/11\u00b2 of 12 July 2023,"
    )
    text = text.replace("Fiji]\n", "Fiji]\n\n\u00b2 See A/HRC/53/2, chap. I.\n")
    r = extract_text(text)
    [note] = r.footnotes
    assert (note.mark, note.text) == ("2", "See A/HRC/53/2, chap. I.")
    assert r.text[: note.anchor].endswith("resolution 53/11")
    assert "\u00b2" not in r.text
    assert [o.number for o in r.operative] == ["1", "2", "3", "4"]


def test_superscript_marks_in_a_web_page_are_footnotes_too():
    """An HTML page (the readers' lines, not plain text) with "report²" and its note."""
    paragraphs = _hrc_with(_HRC_PARAGRAPH_1.replace("a report", "a report\u00b2")).split("\n\n")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = f"<html><body>{body}<p>\u00b2 To be issued as A/HRC/65/20.</p></body></html>"
    r = extract_bytes(page.encode(), "A_HRC_RES_61_7.html")
    assert [due(d) for d in r.deliverables if d.paragraph == "1"] == [("HRC", 65, "at")]
    [note] = r.footnotes
    assert (note.mark, note.text) == ("2", "To be issued as A/HRC/65/20.")
    assert r.text[: note.anchor].endswith("present a report")


@pytest.mark.parametrize("words", ["100 m\u00b2 of land", "10 km\u00b2", "10\u00b3 cubic metres"])
def test_a_superscript_that_is_no_footnote_mark_stays(words):
    """A unit ("m²") or a power ("10³") is no footnote mark: the text keeps it."""
    text = _hrc_with(
        f"1. Requests the High Commissioner to present a report on {words} to the Council at its "
        "sixty-fifth session;"
    )
    r = extract_text(text)
    assert words in r.text
    assert r.footnotes == []
    assert [due(d) for d in r.deliverables if d.paragraph == "1"] == [("HRC", 65, "at")]


_HRC_PARAGRAPH_3 = (
    "3. Takes note with appreciation of the report of the Special Rapporteur (A/HRC/61/22);"
)


@pytest.mark.parametrize("lost", ["?", "? ", "??", "\u200f"])
@pytest.mark.parametrize("line_mode", [False, True])
def test_a_direction_mark_lost_after_a_paragraph_number_still_opens_the_paragraph(lost, line_mode):
    """A text saved as Windows-1252 turns the direction mark after "3." into "?"
    ("3.?Requests ..."): the paragraph is still paragraph 3, not part of paragraph 2."""
    assert _HRC_PARAGRAPH_3 in HRC
    text = HRC.replace(
        _HRC_PARAGRAPH_3,
        f"3.{lost}Requests the Secretary-General to present a report to the Council at its "
        "sixty-sixth session;",
    )
    if line_mode:
        text = text.replace("\n\n", "\n")
    r = extract_text(text)
    assert [o.number for o in r.operative] == ["1", "2", "3", "4"]
    assert r.operative[2].text.startswith("Requests the Secretary-General")
    assert ("3", "Secretary-General", "report", ("HRC", 66, "at")) in rows(r)


def test_a_question_mark_after_a_number_before_other_words_opens_nothing():
    """Only an operative verb after "N.?" makes it a paragraph number."""
    text = _hrc_with(_HRC_PARAGRAPH_1[:-1] + ", in annex 2.?the report;")
    r = extract_text(text)
    assert [o.number for o in r.operative] == ["1", "2", "3", "4"]


# --- 0.3.30: a product presented to the Council from a session on, pressed work, special
# session drafts' number placeholder and a commission's adoption note


@pytest.mark.parametrize(
    ("handed_on", "recurring", "flagged"),
    [
        ("to have these reports presented to the Human Rights Council at its relevant "
         "sessions, starting from its sixty-fourth session", None, True),
        ("to make them available to the Human Rights Council at its corresponding sessions "
         "beginning at its sixty-fourth session", None, True),
        ("to transmit them annually to the Human Rights Council at its relevant sessions, "
         "starting from its sixty-fourth session", "annual", False),
    ],
)  # fmt: skip
def test_reports_presented_to_the_council_from_a_session_on_are_a_council_product(
    handed_on, recurring, flagged
):
    """An Assembly text asking for reports to the Assembly "and to have these reports
    presented to the Human Rights Council at its relevant sessions, starting from its Nth
    session" asks for a Council product as well (gold README: a report to the Council and
    another to the Assembly give two): due at HRC N, flagged when no recurrence is printed
    (which later Council sessions is not said)."""
    r = run(
        "1. Requests the Secretary-General to submit reports to the General Assembly at its "
        "eighty-second and eighty-third sessions on the rights of invented lighthouse keepers, "
        f"and {handed_on};",
        body="GA",
        session=81,
    )
    assert rows(r) == [
        ("1", "Secretary-General", "report", ("GA", 82, "at")),
        ("1", "Secretary-General", "report", ("GA", 83, "at")),
        ("1", "Secretary-General", "report", ("HRC", 64, "at")),
    ]
    [council] = [d for d in r.deliverables if d.due.body == "HRC"]
    assert council.recurring == recurring
    assert council.needs_review is flagged
    assert council.quote.endswith("its sixty-fourth session")


def test_a_report_presented_at_a_past_session_is_still_no_deadline():
    """The causative "to have ... presented" is to come; "the report presented to the
    Council at its Nth session" stays a past event."""
    r = run(
        "1. Takes note of the report presented to the Human Rights Council at its sixtieth "
        "session, and requests the Secretary-General to submit a report to the General "
        "Assembly at its eighty-second session;",
        body="GA",
        session=81,
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("GA", 82, "at"))]


@pytest.mark.parametrize(
    "clause",
    [
        "Urges United Nations agencies, funds and programmes to continue developing policies "
        "on the rights of invented lighthouse keepers",
        "Strongly urges United Nations agencies, funds and programmes to increase their "
        "cooperation by, inter alia, developing strategies on invented lighthouse keepers",
        "Urges the Secretary-General to continue to provide information on invented "
        "lighthouse keepers to interested Member States",
    ],
)
def test_work_an_entity_is_urged_to_do_is_no_deliverable(clause):
    """What "Urges" presses for without a product (policies, strategies, information: kind
    "other", no deadline) is a way of working, as what "Encourages" asks is (gold README: not
    listed): the request stays a mandate and gives no deliverable."""
    r = run(f"1. {clause};", body="GA", session=81)
    assert [m.paragraph for m in r.mandates] == ["1"]
    assert r.deliverables == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Urges the Secretary-General to develop a strategy on invented lighthouse keepers "
            "and to submit it to the General Assembly at its eighty-second session",
            ("1", "Secretary-General", "other", ("GA", 82, "at")),
        ),
        (
            "Urges the High Commissioner to submit a report on invented lighthouse keepers to "
            "the Human Rights Council",
            ("1", "High Commissioner", "report", ("HRC", None, None)),
        ),
        (
            "Urges the Secretary-General to prepare guidelines on invented lighthouse keepers",
            ("1", "Secretary-General", "other", None),
        ),
        (
            "Requests the Secretary-General to develop policies on invented lighthouse keepers",
            ("1", "Secretary-General", "other", None),
        ),
        (
            "Urges the Secretary-General to submit recommendations to the General Assembly on "
            "invented lighthouse keepers",
            ("1", "Secretary-General", "other", ("GA", None, None)),
        ),
    ],
)
def test_products_an_entity_is_urged_to_deliver_stay_deliverables(clause, expected):
    """A dated product, a report, guidelines (which the README lists) under "Urges",
    recommendations to a body (something handed to it), and policies requested, stay
    deliverables."""
    r = run(f"1. {clause};", body="GA", session=81)
    assert rows(r) == [expected]


_SPECIAL_DRAFT = """United Nations\tA/HRC/S-31/L.1

General Assembly\tDistr.: Limited
14 May 2027
Original: English

Human Rights Council
Thirty-first special session
13 and 14 May 2027
Agenda item 1
The human rights situation in the invented Republic of Sylvania

Freedonia*: draft resolution

S-31/...\tThe human rights situation in the invented Republic of Sylvania

The Human Rights Council,

Guided by the Charter of the United Nations,

1. Requests the High Commissioner to present an oral update to the Human Rights Council at
its sixty-sixth session;
"""


@pytest.mark.parametrize(
    ("text", "symbol", "special"),
    [
        (_SPECIAL_DRAFT, "A/HRC/S-31/L.1", "S-31"),
        (_SPECIAL_DRAFT.replace("S-31/...", "S-31/\u2026"), "A/HRC/S-31/L.1", "S-31"),
        (
            _SPECIAL_DRAFT.replace("A/HRC/S-31/L.1", "A/ES-11/L.9")
            .replace("Human Rights Council\nThirty-first special", "General Assembly\nEleventh "
                     "emergency special")
            .replace("S-31/...", "ES-11/...")
            .replace("The Human Rights Council,", "The General Assembly,"),
            "A/ES-11/L.9",
            "ES-11",
        ),
    ],
)  # fmt: skip
def test_a_special_session_draft_title_loses_its_number_placeholder(text, symbol, special):
    """ "S-31/...<TAB>Title" (and "ES-11/...") is a special session draft's number to come
    before its title, as "62/..." is a regular session's."""
    r = extract_text(text)
    assert (r.symbol, r.special_session, r.session, r.status) == (symbol, special, None, "draft")
    assert r.title == "The human rights situation in the invented Republic of Sylvania"


_COMMISSION_DRAFT = """United Nations
E/CN.6/2031/L.4
Economic and Social Council
Distr.: Limited
19 March 2031
Original: English

Commission on the Status of Women
Seventy-fifth session
10-21 March 2031
Agenda item 3 (a)

Draft resolution submitted by the Chair of the Commission on the basis of informal consultations

Invented lighthouse keepers and their families

{note}

The Commission on the Status of Women,

Recalling its earlier work on invented lighthouses,

1. Requests the Secretary-General to report to the Commission at its seventy-sixth session on
the implementation of the present resolution;
"""


@pytest.mark.parametrize(
    ("note", "adopted_on"),
    [
        ("[Adopted by the Commission without a vote at its 12th meeting, on 21 March 2031, "
         "as resolution 75/1.]", "2031-03-21"),
        ("[Adopted by the Commission on the Status of Women at its 12th meeting, on 21 March "
         "2031, by a recorded vote.]", "2031-03-21"),
        ("", None),
        # another note is no adoption
        ("[Approved by the Bureau of the Commission on 21 March 2031.]", None),
    ],
)  # fmt: skip
def test_a_commission_draft_with_its_adoption_note_has_its_adoption_date(note, adopted_on):
    """A functional commission adopts its own drafts: the note "[Adopted by the Commission
    ..., on <date>, as resolution N/M.]" gives the adoption date; the text stays a draft
    with its L symbol (so ingest pairs it as any draft)."""
    r = extract_text(_COMMISSION_DRAFT.format(note=note))
    assert (r.symbol, r.body, r.session, r.status, r.number) == (
        "E/CN.6/2031/L.4",
        "CSW",
        75,
        "draft",
        None,
    )
    assert r.title == "Invented lighthouse keepers and their families"
    assert (r.adopted_on.isoformat() if r.adopted_on else None) == adopted_on
    assert [due(d) for d in r.deliverables] == [("CSW", 76, "at")]


def test_a_main_committee_draft_keeps_no_adoption_date():
    """ "[Adopted by the Third Committee ...]" is no adoption of the resolution: the
    Assembly adopts it later, in plenary."""
    text = drafts_samples.c3_draft(
        operative=["Requests the Secretary-General to submit a report to the General Assembly "
                   "at its eighty-second session;"]
    ).replace(
        "commissions\n\n",
        "commissions\n\n[Adopted by the Third Committee without a vote at its 50th meeting, "
        "on 18 November 2026.]\n\n",
        1,
    )  # fmt: skip
    assert "[Adopted by the Third Committee" in text
    r = extract_text(text)
    assert (r.symbol, r.status, r.adopted_on) == ("A/C.3/81/L.19", "draft", None)
    assert r.title == "Access to archives of invented commissions"


# --- 0.3.37-0.3.40: a session before the verb, joint actors, a treaty body's own session,
# conditional requests (held-out set 26)

_FOOD = "the Special Rapporteur on the right to food"
_EDUCATION = "the Special Rapporteur on the right to education"


@pytest.mark.parametrize("lead", ["Decides that", "Decides also that", "Further decides that"])
def test_a_session_set_off_before_the_council_holding_a_panel_dates_it(lead):
    """ "Decides that, at its Nth session, the Council shall hold a panel discussion": the
    Council's panel at session N, as "Decides to hold a panel at its Nth session" is."""
    r = run(
        f"1. {lead}, at its sixty-second session, the Council shall hold a half-day panel "
        "discussion on imaginary lighthouses, and requests the Office of the High Commissioner "
        "to submit a summary report thereon to the Council at its sixty-fourth session;"
    )
    assert rows(r) == [
        ("1", "Human Rights Council", "panel", ("HRC", 62, "at")),
        ("1", "OHCHR", "report", ("HRC", 64, "at")),
    ]


@pytest.mark.parametrize(
    "words",
    [
        ", jointly, to present an oral briefing",
        " to jointly present an oral briefing",
        " to present jointly an oral briefing",
    ],
)
def test_a_joint_oral_briefing_is_one_deliverable_of_both(words):
    """Two mandate holders asked to brief "jointly": one briefing, the first named its actor
    and the other its partner (not one briefing each, as two invited speakers give)."""
    r = run(
        f"1. Requests {_FOOD} and {_EDUCATION}{words} to the Council at its sixty-first session;"
    )
    assert [(d.actor, d.partners, d.kind, due(d)) for d in r.deliverables] == [
        (
            "Special Rapporteur on the right to food",
            ["Special Rapporteur on the right to education"],
            "oral update",
            ("HRC", 61, "at"),
        )
    ]


def test_a_joint_chapeau_gives_its_sub_paragraphs_both_actors():
    """ "Requests A and B, jointly: (a) To present an oral update ...; (b) ... their
    respective reports": the joint briefing is one; the respective reports stay one each."""
    text = (
        f"1. Requests {_FOOD} and {_EDUCATION}, jointly:\n\n"
        "(a) To present an oral update to the Council at its sixty-first session;\n\n"
        "(b) To include information on school meals in their respective reports to the "
        "General Assembly at its eighty-fifth session;"
    )
    assert rows(run(text)) == [
        ("1(a)", "Special Rapporteur on the right to food", "oral update", ("HRC", 61, "at")),
        ("1(b)", "Special Rapporteur on the right to education", "report", ("GA", 85, "at")),
        ("1(b)", "Special Rapporteur on the right to food", "report", ("GA", 85, "at")),
    ]
    [joint] = [d for d in run(text).deliverables if d.paragraph == "1(a)"]
    assert joint.partners == ["Special Rapporteur on the right to education"]


def test_two_invited_speakers_still_brief_one_each():
    r = run(
        f"1. Invites {_FOOD} and {_EDUCATION} to present oral updates to the Council at its "
        "sixty-first session;"
    )
    assert [(d.actor, d.partners) for d in r.deliverables] == [
        ("Special Rapporteur on the right to food", []),
        ("Special Rapporteur on the right to education", []),
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "the Committee on the Rights of the Child to consider devoting a day of general "
        "discussion to children and imaginary rivers at its ninety-fifth session",
        "the Committee on Economic, Social and Cultural Rights to hold a day of general "
        "discussion on imaginary rivers at its eightieth session",
    ],
)
def test_a_treaty_bodys_own_session_is_no_council_deadline(clause):
    """ "Invites the Committee on X to ... at its Nth session": the Committee's session, not
    the Council's (no deadline here; the day of discussion is listed undated)."""
    r = run(f"1. Invites {clause};", session=70)
    assert [(d.kind, due(d)) for d in r.deliverables] == [("meeting", None)]


def test_a_treaty_body_asked_to_report_to_the_council_keeps_the_councils_session():
    r = run(
        "1. Invites the Committee on the Rights of the Child to present an oral update to the "
        "Council at its seventy-second session;",
        session=70,
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 72, "at")]


@pytest.mark.parametrize(
    ("asked", "session"),
    [
        (
            "the Advisory Committee, if the Council so decides at its seventy-first session, "
            "to prepare a study on imaginary courts and to present it to the Council at its "
            "seventy-third session",
            73,
        ),
        (
            "the Secretary-General to prepare a report on imaginary courts, should the Council "
            "so decide, and to present it to the Council at its seventy-fourth session",
            74,
        ),
        (
            "the Advisory Committee, if the Human Rights Council so\ndecides at its "
            "seventy-first session, to present a study to the Council at its seventy-third "
            "session",  # a line break inside "so decides"
            73,
        ),
    ],
)
def test_a_conditional_request_is_listed_and_flagged(asked, session):
    """A request made on a condition is still listed (nothing due may be missed), flagged."""
    r = run(f"1. Requests {asked};", session=70)
    [d] = r.deliverables
    assert due(d) == ("HRC", session, "at")
    assert d.needs_review
    assert "conditional request: only if the body so decides" in d.review_reasons


def test_a_request_on_no_condition_is_not_flagged_conditional():
    r = run(
        "1. Requests the Secretary-General to present a report to the Council at its "
        "seventy-second session, so that the Council may decide on its follow-up;",
        session=70,
    )
    [d] = r.deliverables
    assert not d.needs_review
