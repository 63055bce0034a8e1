"""Operative paragraphs become mandates and deliverables (own sample sentences)."""

from __future__ import annotations

import re
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction.actors import ActorTable
from mandates.extraction.building import title_head, title_renamed
from mandates.extraction.requests import extract_requests
from mandates.extraction.result import Footnote, OperativeParagraph, SubParagraph

_PARA = re.compile(r"^(\d+)\.\s+(.*)$", re.M)
_SUB = re.compile(r"^\(([a-z]+)\)\s+.*$", re.M)


def paragraphs(text: str) -> list[OperativeParagraph]:
    """Numbered lines are paragraphs; "(a) ..." lines below them are sub-paragraphs."""
    result: list[OperativeParagraph] = []
    for found in _PARA.finditer(text):
        start = found.start(2)
        following = _PARA.search(text, found.end())
        end = following.start() - 1 if following else len(text)
        subs = [
            SubParagraph(s.group(1), s.group(0), (s.start(), s.end()))
            for s in _SUB.finditer(text, found.end(), end)
        ]
        verb = found.group(2).split(" ")[0]
        result.append(OperativeParagraph(found.group(1), verb, text[start:end], (start, end), subs))
    return result


def run(text, body="HRC", session=59, footnotes=(), actors=None):
    return extract_requests(
        paragraphs(text),
        text=text,
        body=body,
        session=session,
        footnotes=list(footnotes),
        actors=actors,
    )


def due(d):
    return (d.due.body, d.due.session, d.due.relation) if d.due else None


# --- single deliverables and relations -------------------------------------------------


def test_report_at_session():
    """A report "to the Council at its sixty-fifth session" is due at HRC 65."""
    r = run(
        "1. Requests the High Commissioner to prepare a report on the topic and to present it "
        "to the Human Rights Council at its sixty-fifth session;"
    )
    [d] = r.deliverables
    assert (d.actor, d.kind, d.count, due(d)) == (
        "High Commissioner",
        "report",
        1,
        ("HRC", 65, "at"),
    )
    assert d.verb == "Requests"


def test_quote_is_exact_span():
    """Every quote equals the text at its span, for mandates and deliverables."""
    text = "1. Also requests the Office to submit a study to the Council at its sixtieth session;"
    r = run(text)
    for item in [*r.deliverables, *r.mandates]:
        assert text[item.span[0] : item.span[1]] == item.quote
    assert r.deliverables[0].quote.startswith("Also requests the Office")
    assert r.deliverables[0].mandate == 0


def test_session_without_hyphen():
    """ "sixty fifth" without a hyphen reads as 65."""
    r = run("1. Requests the Secretary-General to submit a report at its sixty fifth session;")
    assert due(r.deliverables[0]) == ("HRC", 65, "at")


def test_before_relation():
    """ "before the sixty-fifth session of the Council" gives relation before."""
    r = run(
        "1. Requests the High Commissioner to organize two workshops before the sixty-fifth "
        "session of the Council;"
    )
    [d] = r.deliverables
    assert (d.kind, d.count, due(d)) == ("seminar", 2, ("HRC", 65, "before"))


def test_in_advance_of_and_no_later_than():
    """ "in advance of" is before; "no later than" with a session is by."""
    r = run(
        "1. Requests the Office to hold consultations in advance of its sixty-first session;\n"
        "2. Requests the Office to submit a compilation no later than its sixty-second session;"
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 61, "before"), ("HRC", 62, "by")]
    assert [d.kind for d in r.deliverables] == ["consultation", "compilation"]


def test_calendar_date():
    """ "no later than 1 July 2026" gives a due date with relation by."""
    r = run("1. Requests the Secretary-General to submit a note no later than 1 July 2026;")
    [d] = r.deliverables
    assert d.due.date == date(2026, 7, 1) and d.due.relation == "by"


def test_other_body_named():
    """ "to the General Assembly at its eighty-first session" is GA 81 in an HRC text."""
    r = run(
        "1. Requests the Special Rapporteur on the right to food to submit a report to the "
        "General Assembly at its eighty-first session;"
    )
    [d] = r.deliverables
    assert d.actor == "Special Rapporteur on the right to food"
    assert due(d) == ("GA", 81, "at")


def test_its_means_adopting_body():
    """In a GA text "at its eighty-first session" is GA 81."""
    r = run(
        "1. Requests the Secretary-General to report thereon at its eighty-first session;",
        body="GA",
        session=80,
    )
    assert due(r.deliverables[0]) == ("GA", 81, "at")


def test_past_session_is_not_a_deadline():
    """A session of the adopting body already held is a reference, not a deadline."""
    r = run(
        "1. Requests the Office to follow up on the report presented at its fiftieth session "
        "and to present an oral update at its sixtieth session;"
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 60, "at")]
    assert r.deliverables[0].kind == "oral update"


def test_next_session_is_implied():
    """ "at its next session" is session + 1 and flagged for review."""
    r = run("1. Requests the High Commissioner to present an oral update at its next session;")
    [d] = r.deliverables
    assert due(d) == ("HRC", 60, "at") and d.needs_review
    assert any("implied" in reason for reason in d.review_reasons)


# --- several deliverables per paragraph -----------------------------------------------


def test_oral_update_and_report_different_sessions():
    """An oral update at one session and a report at another are two deliverables."""
    r = run(
        "1. Requests the High Commissioner to present an oral update at its fifty-ninth "
        "session and a comprehensive report at its sixtieth session;"
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("HRC", 59, "at")),
        ("report", ("HRC", 60, "at")),
    ]


def test_sessions_before_products():
    """ "to present, at its Nth session, an oral update ..., and at its Mth session, a report"."""
    r = run(
        "1. Requests the Office to present to the Council, at its sixtieth session, an oral "
        "update on the situation, and at its sixty-first session, a written report;"
    )
    assert [(d.kind, d.due.session) for d in r.deliverables] == [
        ("oral update", 60),
        ("report", 61),
    ]


def test_report_to_council_and_assembly():
    """One report to the Council and to the Assembly gives two deliverables."""
    r = run(
        "1. Requests the Special Rapporteur on the right to food to submit a report to the "
        "Council at its sixty-first session and to the General Assembly at its eighty-first "
        "session;"
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 61, "at"), ("GA", 81, "at")]


def test_two_sessions_in_one_phrase():
    """ "at its sixty-first and sixty-fourth sessions" gives two deliverables."""
    r = run(
        "1. Requests the Office to present oral updates at its sixty-first and sixty-fourth "
        "sessions;"
    )
    assert [d.due.session for d in r.deliverables] == [61, 64]


def test_seminars_and_summary_report():
    """Five seminars and a summary report are two products; the report takes the session."""
    r = run(
        "1. Requests the High Commissioner to organize five regional seminars and to prepare a "
        "summary report thereon, to be presented to the Council at its sixty-third session;"
    )
    kinds = [(d.kind, d.count, d.due.session if d.due else None) for d in r.deliverables]
    assert kinds == [("seminar", 5, None), ("report", 1, 63)]


def test_count_from_one_per_region():
    """ "a series of seminars, one for each of the five geographical regions" counts 5."""
    r = run(
        "1. Requests the Office to organize a series of seminars, one for each of the five "
        "geographical regions, before its sixty-fifth session;"
    )
    assert r.deliverables[0].count == 5


def test_count_disagreeing_with_list_is_flagged():
    """Three seminars "one for each of the five regions" is flagged for review."""
    r = run("1. Requests the Office to organize three seminars, one for each of the five regions;")
    [d] = r.deliverables
    assert d.count == 3 and d.needs_review


def test_verb_inside_paragraph():
    """A request after "and requests" in a paragraph is its own clause with its own verb."""
    r = run(
        "1. Requests the Secretary-General to provide all the resources necessary, and "
        "requests the High Commissioner to present a report at its sixty-fifth session;"
    )
    assert [(m.actor, m.verb) for m in r.mandates] == [
        ("Secretary-General", "Requests"),
        ("High Commissioner", "requests"),
    ]
    [d] = r.deliverables
    assert d.verb == "requests" and d.mandate == 1


def test_reiterates_its_request():
    """ "reiterates its request to the High Commissioner" is a request with that verb."""
    r = run(
        "1. Recalls the mandate, and reiterates its request to the High Commissioner to "
        "convene a meeting before the sixtieth session of the Council;"
    )
    [d] = r.deliverables
    assert (d.verb, d.kind, due(d)) == ("reiterates its request", "meeting", ("HRC", 60, "before"))


# --- recurrence -----------------------------------------------------------------------


def test_annual_report_to_two_bodies():
    """ "to report annually to the Council and to the General Assembly" = two annual reports."""
    r = run(
        "1. Decides to extend the mandate of the Special Rapporteur on the right to food for "
        "three years, and requests the Special Rapporteur to report annually to the Human "
        "Rights Council and to the General Assembly;"
    )
    assert [(d.recurring, d.due.body) for d in r.deliverables] == [
        ("annual", "HRC"),
        ("annual", "GA"),
    ]
    assert {d.actor for d in r.deliverables} == {"Special Rapporteur on the right to food"}


def test_recurring_starting_session():
    """ "annually, starting at its sixty-first session" is due at the first occurrence."""
    r = run(
        "1. Requests the Office to present an oral update annually, starting at its sixty-first "
        "session;"
    )
    [d] = r.deliverables
    assert (d.recurring, d.due.session) == ("annual", 61)


def test_biennial():
    """ "every two years" is biennial."""
    r = run("1. Decides to convene a panel discussion every two years at its sixtieth session;")
    [d] = r.deliverables
    assert (d.recurring, d.kind, d.actor) == ("biennial", "panel", "Human Rights Council")


def test_programme_of_work_is_implied():
    """A report without a session but "in accordance with its programme of work" is flagged."""
    r = run(
        "1. Requests the Office to submit an annual report to the Council in accordance with "
        "its annual programme of work;"
    )
    [d] = r.deliverables
    assert d.due.session is None and d.needs_review


# --- residue of tracked changes -------------------------------------------------------


def test_residue_after_session():
    """ "at its sixty-second session; sixty fifth" gives 65 with alternative 62, for review."""
    r = run(
        "1. Requests the High Commissioner to submit the report to the Council at its "
        "sixty-second session; sixty fifth"
    )
    [d] = r.deliverables
    assert (d.due.session, [a.session for a in d.alternatives], d.needs_review) == (65, [62], True)


def test_residue_inside_ordinal():
    """ "at its sixty-second fifth session" gives 65 with alternative 62."""
    r = run("1. Requests the Office to present a report at its sixty-second fifth session;")
    [d] = r.deliverables
    assert (d.due.session, [a.session for a in d.alternatives]) == (65, [62])


# --- actors ---------------------------------------------------------------------------


def test_partners_kept_apart():
    """ "in collaboration with the High Commissioner" is a partner, not the actor."""
    r = run(
        "1. Requests the Secretary-General, in collaboration with the United Nations High "
        "Commissioner for Human Rights, to consult States on the matter;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.actor, d.partners, d.kind) == (
        "Secretary-General",
        ["High Commissioner"],
        "consultation",
    )


def test_support_of_office_is_partner():
    """ "with the support of the Office" puts OHCHR among the partners."""
    r = run(
        "1. Requests the Advisory Committee to prepare a study, with the support of the Office, "
        "at its sixtieth session;"
    )
    [d] = r.deliverables
    assert d.actor == "Advisory Committee" and "OHCHR" in d.partners


def test_back_reference_resolved():
    """ "the Special Rapporteur" resolves to the mandate extended earlier in the text."""
    r = run(
        "1. Decides to extend the mandate of the Special Rapporteur on the situation of human "
        "rights in Belarus for one year;\n2. Requests the Special Rapporteur to submit a report "
        "at its sixty-second session;"
    )
    assert (
        r.deliverables[0].actor == "Special Rapporteur on the situation of human rights in Belarus"
    )


def test_mandate_holder_back_reference():
    """ "the mandate holder" resolves to the special procedure named in the text."""
    r = run(
        "1. Decides to renew the mandate of the Independent Expert on human rights and "
        "international solidarity;\n2. Requests the mandate holder to present a report at its "
        "sixty-first session;"
    )
    assert (
        r.deliverables[0].actor == "Independent Expert on human rights and international solidarity"
    )


def test_unknown_mandate_is_flagged():
    """A named mandate missing from the alias table keeps its printed name and is flagged."""
    r = run(
        "1. Requests the Special Rapporteur on lunar affairs to submit a report at its "
        "sixty-first session;"
    )
    [d] = r.deliverables
    assert d.actor == "Special Rapporteur on lunar affairs"
    assert "actor not in the alias table" in d.review_reasons


def test_custom_table():
    """A table passed by the caller is used instead of the default one."""
    table = ActorTable.from_entries([("Desk", ["the Desk"])])
    r = run("1. Requests the Desk to submit a report at its sixty-first session;", actors=table)
    assert r.deliverables[0].actor == "Desk"


# --- what is not a deliverable --------------------------------------------------------


def test_encourages_is_not_a_deliverable():
    """ "Encourages the Office to prepare a study" gives nothing."""
    r = run("1. Encourages the Office to prepare a study at its sixtieth session;")
    assert r.deliverables == [] and r.mandates == []


def test_states_are_not_tracked():
    """Requests to States give nothing unless they carry a calendar date."""
    r = run(
        "1. Requests States to submit reports at its sixtieth session;\n"
        "2. Invites States to submit their views to the Office by 30 April 2026;"
    )
    assert [(d.paragraph, d.actor, d.due.date) for d in r.deliverables] == [
        ("2", "Member States", date(2026, 4, 30))
    ]


def test_resources_and_transmission_are_mandates_only():
    """Support and transmission requests are mandates without deliverables."""
    r = run(
        "1. Requests the Secretary-General to provide all the resources necessary;\n"
        "2. Requests the Secretary-General to transmit the report to all States;\n"
        "3. Requests the Secretary-General to bring the present resolution to the attention "
        "of all Member States;"
    )
    assert r.deliverables == []
    assert [m.paragraph for m in r.mandates] == ["1", "2", "3"]


def test_followed_by_interactive_dialogue_is_not_separate():
    """An interactive dialogue that follows a report is not a separate deliverable."""
    r = run(
        "1. Requests the Office to present a report at its sixtieth session, to be followed by "
        "an interactive dialogue;"
    )
    assert [d.kind for d in r.deliverables] == ["report"]


def test_decided_panel():
    """ "Decides to convene, at its sixtieth session, a panel discussion" is a panel of the HRC."""
    r = run(
        "1. Decides to convene, at its sixtieth session, a high-level panel discussion on the "
        "topic, and requests the Office to prepare a summary report on the panel discussion;"
    )
    assert [(d.actor, d.kind, due(d)) for d in r.deliverables] == [
        ("Human Rights Council", "panel", ("HRC", 60, "at")),
        ("OHCHR", "report", None),
    ]


def test_invitation_to_a_mandate_holder():
    """An invitation to a mandate holder to present something counts; one without product not."""
    r = run(
        "1. Invites the Special Rapporteur on the right to food to present an oral update at "
        "its sixtieth session;\n2. Invites the Special Rapporteur on the right to food to pay "
        "attention to the matter;"
    )
    assert [d.paragraph for d in r.deliverables] == ["1"]
    assert [m.paragraph for m in r.mandates] == ["1"]


# --- sub-paragraphs -------------------------------------------------------------------


def test_subparagraph_inherits_the_request():
    """Sub-paragraphs "(a) To present ..." inherit the actor of the chapeau; label "1(b)"."""
    text = (
        "1. Requests the High Commissioner:\n(a) To monitor the situation;\n"
        "(b) To present an oral update at its sixty-first session;"
    )
    r = run(text)
    [d] = r.deliverables
    assert (d.paragraph, d.actor, d.due.session) == ("1(b)", "High Commissioner", 61)


def test_subparagraph_with_own_request():
    """ "Decides: (a) To request the Secretary-General to submit ..." is a request."""
    text = (
        "1. Decides:\n(a) To request the Secretary-General to submit a report at its "
        "eighty-first session;\n(b) To continue its consideration of the question at its "
        "eighty-second session;"
    )
    r = run(text, body="GA", session=80)
    [d] = r.deliverables
    assert (d.paragraph, d.actor, due(d)) == ("1(a)", "Secretary-General", ("GA", 81, "at"))
    assert (r.consideration.body, r.consideration.session) == ("GA", 82)


# --- consideration and taken notes ----------------------------------------------------


def test_continue_consideration():
    """ "Decides to continue its consideration ... at its Nth session" is the consideration."""
    r = run("1. Decides to continue its consideration of the matter at its sixty-second session.")
    c = r.consideration
    assert (c.body, c.session, c.paragraph, c.needs_review) == ("HRC", 62, "1", False)


def test_consideration_with_residue():
    """Residue in the consideration session gives alternatives and review."""
    r = run(
        "1. Decides to continue its consideration of the matter at its sixty-second fifth session."
    )
    c = r.consideration
    assert (c.session, c.alternatives, c.needs_review) == (65, [62], True)


def test_remain_seized():
    """ "Decides to remain seized of the matter" has no session."""
    r = run("1. Decides to remain seized of the matter.")
    assert r.consideration.session is None and r.consideration.body == "HRC"


def test_provisional_agenda():
    """ "Decides to include in the provisional agenda of its eighty-first session" is GA 81."""
    r = run(
        "1. Decides to include in the provisional agenda of its eighty-first session the item "
        "entitled \u201cHuman rights\u201d.",
        body="GA",
        session=80,
    )
    assert (r.consideration.body, r.consideration.session) == ("GA", 81)


def test_takes_note_symbol_in_text():
    """A symbol printed in a "Takes note of the report" paragraph is taken note of."""
    r = run("1. Takes note of the report of the High Commissioner (A/HRC/59/36);")
    assert [(n.paragraph, n.document) for n in r.takes_note_of] == [("1", "A/HRC/59/36")]


def test_takes_note_symbol_in_footnote():
    """A symbol in a footnote anchored inside the paragraph is taken note of."""
    text = "1. Welcomes the report of the Office;1"
    note = Footnote(mark="1", text="A/HRC/58/78.", anchor=len(text) - 1)
    r = run(text, footnotes=[note])
    assert [n.document for n in r.takes_note_of] == ["A/HRC/58/78"]


def test_resolutions_are_not_taken_note_of():
    """Resolution symbols are not reports taken note of."""
    r = run("1. Welcomes resolution A/RES/79/1;")
    assert r.takes_note_of == []


# --- robustness -----------------------------------------------------------------------


def test_markdown_emphasis():
    """Markdown emphasis around the verb does not hide the request."""
    r = run(
        "1. *Requests* the Secretary-General to submit a report at its eighty-first session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert d.verb == "Requests" and d.due.session == 81


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_never_crashes(noise):
    """Random text in a paragraph never raises and spans stay inside the text."""
    text = "1. Requests the Office " + noise
    r = run(text)
    for item in [*r.deliverables, *r.mandates]:
        assert text[item.span[0] : item.span[1]] == item.quote


def test_fast_on_long_paragraphs():
    """A long, repetitive paragraph is read in well under a second (no backtracking)."""
    text = (
        "1. Requests the Office to " + "present a report, and " * 400 + "at its sixtieth session;"
    )
    started = time.perf_counter()
    run(text)
    assert time.perf_counter() - started < 1.0


# --- references, respectively, odd actors ----------------------------------------------


def test_session_dating_a_reference_is_ignored():
    """ "taking into account the panel discussion to be convened at its Nth session" is not
    the report's deadline."""
    r = run(
        "1. Requests the Office to prepare a report, taking into account the outcome of the panel "
        "discussion to be convened at its sixtieth session, and to present it to the Council at "
        "its sixty-second session;"
    )
    assert [d.due.session for d in r.deliverables] == [62]


def test_event_held_at_session_is_not_a_deadline():
    """A session after "held at" dates an event, not a product."""
    r = run(
        "1. Requests the Office to submit a summary report on the panel discussion held at the "
        "sixtieth session to the Human Rights Council at its sixty-first session;"
    )
    assert [d.due.session for d in r.deliverables] == [61]


def test_present_it_with_an_oral_update():
    """ "to present it with an oral update at its Nth session" is an oral update."""
    r = run(
        "1. Requests the Office to submit its final report to the Council at its sixty-second "
        "session, and to present it with an oral update at its sixtieth session;"
    )
    assert [(d.kind, d.due.session) for d in r.deliverables] == [
        ("report", 62),
        ("oral update", 60),
    ]


def test_session_right_before_product_goes_forward():
    """ "to present to the Council at its Nth session a summary report" dates the report."""
    r = run(
        "1. Requests the Office to organize a seminar in Geneva, and to present to the Council at "
        "its sixty-first session a summary report on the seminar;"
    )
    assert [(d.kind, d.due.session if d.due else None) for d in r.deliverables] == [
        ("seminar", None),
        ("report", 61),
    ]


def test_respectively():
    """ "to the Assembly and the Council at their Nth and Mth sessions, respectively"."""
    r = run(
        "1. Requests the Secretary-General to submit to the General Assembly and the Human Rights "
        "Council at their eighty-first and sixty-second sessions, respectively, a report;",
        body="GA",
        session=80,
    )
    assert [due(d) for d in r.deliverables] == [("GA", 81, "at"), ("HRC", 62, "at")]


def test_two_products_at_two_sessions_respectively_take_one_each():
    """ "an oral update and a report ... at its Nth and Mth sessions, respectively": the
    update at the first session and the report at the second, not each at both."""
    r = run(
        "1. Requests the High Commissioner to present an oral update and a comprehensive report "
        "to the Human Rights Council at its seventy-first and seventy-third sessions, "
        "respectively;",
        session=70,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("HRC", 71, "at")),
        ("report", ("HRC", 73, "at")),
    ]


def test_two_products_to_two_bodies_respectively_take_one_each():
    """ "an oral update and a report to the Council and to the Assembly at their ...
    sessions, respectively": each product goes to its own body and session."""
    r = run(
        "1. Requests the Special Rapporteur to submit an oral update and a report to the Human "
        "Rights Council and to the General Assembly at their seventy-second and eighty-fifth "
        "sessions, respectively;",
        session=70,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("HRC", 72, "at")),
        ("report", ("GA", 85, "at")),
    ]


def test_products_each_to_its_body_at_their_sessions_respectively():
    """ "an oral update to the Council and a report to the Assembly at their Nth and Mth
    sessions, respectively": the update at the Council's, the report at the Assembly's."""
    r = run(
        "1. Requests the High Commissioner to present an oral update to the Human Rights "
        "Council and a report to the General Assembly at their seventy-second and "
        "eighty-fifth sessions, respectively;",
        session=70,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("HRC", 72, "at")),
        ("report", ("GA", 85, "at")),
    ]


def test_sessions_named_first_respectively_go_to_the_products_in_order():
    """ "to present, at the Nth session of the Council and at the Mth session of the
    Assembly, respectively, an oral update to the Council and a report to the Assembly"."""
    r = run(
        "1. Requests the Secretary-General to present, at the sixty-eighth session of the Human "
        "Rights Council and at the eighty-third session of the General Assembly, respectively, "
        "an oral update to the Council and a report to the Assembly;",
        body="GA",
        session=82,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("HRC", 68, "at")),
        ("report", ("GA", 83, "at")),
    ]


def test_respectively_does_not_pair_the_products_of_two_verbs():
    """ "to hold a consultation and to present a report ... at its Nth and Mth sessions,
    respectively": the sessions are the report's, the consultation is not one of them."""
    r = run(
        "1. Requests the High Commissioner to hold a consultation and to present a report to "
        "the Human Rights Council at its seventy-second and seventy-fifth sessions, "
        "respectively;",
        session=70,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("consultation", None),
        ("report", ("HRC", 72, "at")),
        ("report", ("HRC", 75, "at")),
    ]


def test_a_report_every_six_months_is_flagged_for_its_later_occurrences():
    """ "to report every six months": recurring twice a year, which no whole number of
    sessions counts, so the planner forecasts nothing: flagged for a person to add them."""
    r = run(
        "1. Requests the High Commissioner to present a report semi-annually to the Human "
        "Rights Council, starting at its seventy-second session, and the Special Envoy to "
        "report to Member States every six months;",
        session=70,
    )
    report = r.deliverables[0]
    assert (report.kind, report.recurring, due(report)) == (
        "report",
        "twice a year",
        ("HRC", 72, "at"),
    )
    assert report.needs_review
    assert any("recurs twice a year" in reason for reason in report.review_reasons)


def test_respectively_with_counts_that_disagree_keeps_every_session():
    """Three sessions for two products cannot be paired one each: nothing is dropped."""
    r = run(
        "1. Requests the High Commissioner to present an oral update and a report to the "
        "Council at its seventy-first, seventy-second and seventy-third sessions, respectively;",
        session=70,
    )
    assert sorted((d.kind, d.due.session) for d in r.deliverables) == [
        ("oral update", 71),
        ("oral update", 72),
        ("oral update", 73),
        ("report", 71),
        ("report", 72),
        ("report", 73),
    ]


def test_named_body_before_its():
    """ "invites the General Assembly to consider holding a meeting during its Nth session"."""
    r = run(
        "1. Requests the Secretary-General to report to the General Assembly on the matter at its "
        "eighty-first session;"
    )
    assert due(r.deliverables[0]) == ("GA", 81, "at")


def test_period_is_not_a_deadline():
    """ "for the period from 1 July 2026 to 30 June 2027" is not a due date."""
    r = run(
        "1. Requests the Secretary-General to report thereon in his budget for the period from "
        "1 July 2026 to 30 June 2027;",
        body="GA",
        session=80,
    )
    assert all(d.due is None or d.due.date is None for d in r.deliverables)


def test_secretariat_of_a_convention_is_not_the_secretariat():
    """ "the secretariat of the Convention" is not the UN Secretariat; it is flagged."""
    r = run(
        "1. Invites the secretariat of the Convention on Wetlands to report to the General "
        "Assembly at its eighty-first session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert d.actor != "Secretariat" and d.needs_review


def test_generic_mechanism_actor():
    """An unnamed group ("the team of experts") keeps its printed name and is flagged."""
    r = run(
        "1. Requests the board of eminent jurists to submit a report at its sixty-first session;"
    )
    [d] = r.deliverables
    assert d.actor == "Board of eminent jurists"
    assert "actor not in the alias table" in d.review_reasons


def test_a_mandate_on_the_right_to_do_something_keeps_its_whole_name():
    """ "the Special Rapporteur on the right to participate in public affairs to submit": the
    right's "to participate" is part of the name, which ends before "to submit" (it had
    been cut to "Special Rapporteur on the right")."""
    r = run(
        "1. Requests the Special Rapporteur on the right to participate in public affairs to "
        "submit an interim report to the General Assembly at its eighty-seventh session;",
        body="GA",
        session=86,
    )
    [d] = r.deliverables
    assert d.actor == "Special Rapporteur on the right to participate in public affairs"
    assert due(d) == ("GA", 87, "at")


def test_consideration_without_session_is_flagged():
    """ "continue its consideration ... in accordance with its programme of work" is implied."""
    r = run("1. Decides to continue its consideration of this matter under the same agenda item.")
    c = r.consideration
    assert (c.session, c.needs_review) == (None, True)


def test_pronoun_actor():
    """ "Takes note of the report of the Secretary-General, and requests him to ..." is the SG."""
    r = run(
        "1. Takes note of the report of the Secretary-General, and requests him to submit to the "
        "General Assembly at its eighty-first session a report on the matter;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.actor, due(d)) == ("Secretary-General", ("GA", 81, "at"))


def test_no_later_than_at_session_and_proposals():
    """ "to present, no later than at its Nth session, proposals" is due by that session."""
    r = run(
        "1. Requests the Secretary-General to present to the General Assembly, no later than at "
        "its eighty-second session, proposals for a review;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.kind, due(d)) == ("other", ("GA", 82, "by"))


def test_functional_commission_body():
    """A report to the Commission on the Status of Women is due at that body's session."""
    r = run(
        "1. Requests the Secretary-General to present an oral report to the Commission on the "
        "Status of Women at its seventieth session;",
        body="GA",
        session=80,
    )
    assert due(r.deliverables[0]) == ("CSW", 70, "at")


def test_include_in_next_report():
    """ "to include in his next report, to be submitted at its Nth session, ..." is a report."""
    r = run(
        "1. Requests the Secretary-General to include in his next overview report, to be submitted "
        "to the General Assembly at its eighty-first session, a strategy;",
        body="GA",
        session=80,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("GA", 81, "at"))]


def test_decided_products_after_extending_a_mandate():
    """ "Decides to extend the mandate of X ..., and to present a report at ..." is X's report."""
    r = run(
        "1. Decides to extend the mandate of the Special Rapporteur on the situation of human "
        "rights in Belarus for one year, and to present a report at its sixty-second session;"
    )
    [d] = r.deliverables
    assert d.actor == "Special Rapporteur on the situation of human rights in Belarus"
    assert d.due.session == 62


def test_establishing_with_mandate_subparagraphs():
    """Sub-paragraphs of "Decides to establish a mission ... with the following mandate:"."""
    text = (
        "1. Decides to establish an independent international fact-finding mission for the Sudan, "
        "with the following mandate:\n(a) To investigate the facts;\n(b) To present an oral update "
        "to the Council at its sixty-first session;"
    )
    r = run(text)
    [d] = r.deliverables
    assert (d.paragraph, d.actor, d.kind) == (
        "1(b)",
        "Independent International Fact-Finding Mission for the Sudan",
        "oral update",
    )


def test_past_date_is_not_a_deadline():
    """ "which took effect on 1 January 2010" is not a due date."""
    r = run(
        "1. Invites States to implement the code, which took effect on 1 January 2010, and to "
        "submit reports to the organization;"
    )
    assert all(d.due is None or d.due.date is None for d in r.deliverables)


def test_meeting_on_a_date():
    """A meeting convened "on 18 June 2026" is due at that date."""
    r = run(
        "1. Requests the President of the General Assembly to convene a high-level meeting on "
        "18 June 2026;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.kind, d.due.date, d.due.relation) == ("meeting", date(2026, 6, 18), "at")


def test_coordinated_products_share_the_session():
    """ "a report and a road map ... at its Nth session" are two products due then."""
    r = run(
        "1. Requests the Working Group on the right to development to submit a report and a road "
        "map to the Human Rights Council at its sixty-first session;"
    )
    assert [(d.kind, d.due.session) for d in r.deliverables] == [("report", 61), ("other", 61)]


def test_warnings_for_residue_and_unknown_actors():
    """Residue and unknown actors are reported in the warnings too."""
    r = run(
        "1. Requests the Special Rapporteur on lunar affairs to submit a report at its "
        "sixty-second fifth session;"
    )
    assert any("two readings" in w for w in r.warnings)
    assert any("alias table" in w for w in r.warnings)


def test_title_is_short_and_human():
    """The title names the product and its subject."""
    r = run(
        "1. Requests the Office to prepare a report on the situation of human rights in Xanadu, "
        "and to present it at its sixty-first session;"
    )
    assert r.deliverables[0].title == "Report on the situation of human rights in Xanadu"


def test_a_title_named_after_its_actor_is_told_from_a_printed_topic():
    """Without a topic the title names the actor; `title_head` finds that title (under the
    name the actor had), `title_renamed` gives it under a new name as `_title` would, and a
    topic the text prints that ends with the actor's name is neither."""
    r = run(
        "1. Requests the High Commissioner to present a report to the Human Rights Council at "
        "its sixty-first session;\n"
        "2. Requests the High Commissioner to present a report on the work of the High "
        "Commissioner to the Human Rights Council at its sixty-first session;"
    )
    named, printed = (d.title for d in r.deliverables)
    assert named == "Report of the High Commissioner"
    assert title_head(named, "High Commissioner") == "Report"
    assert title_head(printed, "High Commissioner") is None
    assert title_head(named, "Commissioner") is None  # another actor's name
    assert title_renamed(named, "High Commissioner", "UN High Commissioner") == (
        "Report of the UN High Commissioner"
    )
    # Made so before names starting with "UN" took "the": still found, and renamed back.
    assert title_head("Report of UN High Commissioner", "UN High Commissioner") == "Report"
    assert title_renamed("Report of UN High Commissioner", "UN High Commissioner", "OHCHR") == (
        "Report of OHCHR"
    )
    assert title_renamed(named, "High Commissioner", "UN-Women") == "Report of UN-Women"
    assert title_renamed("Study of OHCHR", "OHCHR", "Office") == "Study of the Office"
    assert title_renamed(named, "High Commissioner", "Human Rights Council") == "Report"
    assert title_head("Report", "Human Rights Council") is None


def test_date_and_session_of_one_meeting_make_one_due():
    """A meeting "on 25 September 2026, during its eighty-first session" has one due."""
    r = run(
        "1. Decides to convene a high-level meeting on 25 September 2026, during its eighty-first "
        "session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.due.body, d.due.session, d.due.date) == ("GA", 81, date(2026, 9, 25))


def test_scheduled_panel_of_the_council():
    """ "Decides that the theme of the annual panel discussion, to be held during the Nth session,
    will be ..." is a panel of the Council due at that session."""
    r = run(
        "1. Decides that the theme of the annual half-day panel discussion on the topic, to be "
        "held during the sixty-first session of the Human Rights Council, will be education;"
    )
    [d] = r.deliverables
    assert (d.actor, d.kind, d.recurring, due(d)) == (
        "Human Rights Council",
        "panel",
        "annual",
        ("HRC", 61, "at"),
    )


def test_date_of_something_else_is_not_the_report_deadline():
    """A date for an act that is not a product does not become the later report's date."""
    r = run(
        "1. Requests the Secretary-General to issue an instruction no later than 31 December 2026, "
        "and to report thereon to the General Assembly at its eighty-second session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.due.session, d.due.date) == (82, None)


def test_update_of_a_document_is_not_an_oral_update():
    """ "an update to the technical guidance" is an updated document, not an oral update."""
    r = run(
        "1. Requests the Office to prepare an update to the technical guidance on the topic, and "
        "to submit it to the Council at its sixtieth session;"
    )
    [d] = r.deliverables
    assert (d.kind, d.due.session) == ("other", 60)


def test_requests_that_subjunctive():
    """ "Requests that the Secretary-General submit a report ..." is a request."""
    r = run(
        "1. Requests that the Secretary-General submit a report to the General Assembly at its "
        "eighty-first session, to be considered under the item;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.actor, d.kind, due(d)) == ("Secretary-General", "report", ("GA", 81, "at"))


def test_in_the_form_of_a_report():
    """ "to present to the Council at its Nth session the findings in the form of a report"."""
    r = run(
        "1. Requests the High Commissioner to present to the Council at its sixtieth session the "
        "findings in the form of a written report;"
    )
    [d] = r.deliverables
    assert (d.kind, d.due.session) == ("report", 60)


def test_recurring_without_session_is_implied():
    """An annual report with no session printed is flagged for review as implied."""
    r = run("1. Requests the Office to report annually to the Human Rights Council on the matter;")
    [d] = r.deliverables
    assert d.recurring == "annual" and d.due.session is None and d.needs_review


def test_government_with_a_date_keeps_its_name():
    """A request to a named Government with a calendar date names that Government."""
    r = run("1. Requests the Government of Utopia to submit its views to the Office by 1 May 2026;")
    [d] = r.deliverables
    assert (d.actor, d.due.date) == ("Government of Utopia", date(2026, 5, 1))


def test_established_body_reports():
    """ "Decides to establish, at its Nth session, an ad hoc working group ...: (b) To submit a
    report ..." is a report of that new body, flagged as not in the table."""
    text = (
        "1. Decides to establish, at its eighty-first session, an ad hoc working group on the "
        "revitalization of its work, open to all Member States:\n(a) To identify ways forward;\n"
        "(b) To submit a report thereon to the Assembly at its eighty-first session;"
    )
    r = run(text, body="GA", session=80)
    [d] = r.deliverables
    assert d.paragraph == "1(b)" and d.actor.startswith(
        "Ad hoc working group on the revitalization"
    )
    assert d.due.session == 81 and "actor not in the alias table" in d.review_reasons


def test_deadline_without_a_named_product_takes_the_mentioned_one():
    """ "to support ... through in-country workshops, by the Nth session" dates the workshops."""
    r = run(
        "1. Requests the Office to support application of the toolkit through technical "
        "cooperation in-country workshops in each region, by the sixty-fifth session;"
    )
    [d] = r.deliverables
    assert (d.kind, d.due.session, d.due.relation) == ("seminar", 65, "by")


def test_at_that_session():
    """ "include in the provisional agenda of its Nth session ..., and requests a report to the
    Assembly at that session" is due at that Nth session."""
    r = run(
        "1. Decides to include in the provisional agenda of its eighty-second session the "
        "sub-item entitled \u201cX\u201d, and requests the Secretary-General to submit a report on "
        "the question to the Assembly at that session.",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert due(d) == ("GA", 82, "at")
    assert (r.consideration.body, r.consideration.session) == ("GA", 82)


def test_submit_to_council_at_session_then_product():
    """ "to organize a seminar and to submit to the Council at its Nth session, under item 3,
    a report" dates the report, not the seminar."""
    r = run(
        "1. Requests the Office to organize a seminar and to submit to the Council at its "
        "sixtieth session, under agenda item 3, a report on the seminar;"
    )
    assert [(d.kind, d.due.session if d.due else None) for d in r.deliverables] == [
        ("seminar", None),
        ("report", 60),
    ]


def test_starting_sessions_respectively():
    """ "to the Council and to the Assembly, starting at its Nth and Mth sessions,
    respectively" gives one annual report to each body from its own session."""
    r = run(
        "1. Requests the Special Rapporteur on the right to food to submit annual reports to the "
        "Human Rights Council and to the General Assembly, starting at its sixty-first and "
        "eighty-first sessions, respectively;"
    )
    assert [(d.recurring, due(d)) for d in r.deliverables] == [
        ("annual", ("HRC", 61, "at")),
        ("annual", ("GA", 81, "at")),
    ]


def test_consideration_at_that_session():
    """ "..., and decides to continue its consideration of the question at that session"."""
    r = run(
        "1. Requests the Secretary-General to report to the General Assembly at its eighty-first "
        "session, and decides to continue its consideration of the question at that session.",
        body="GA",
        session=80,
    )
    assert (r.consideration.session, r.consideration.needs_review) == (81, False)


def test_coordinated_adjectives_and_budgets():
    """ "a refined comprehensive and detailed report" and "a revised budget" are products."""
    r = run(
        "1. Requests the Secretary-General to submit a refined comprehensive and detailed report "
        "to the General Assembly at its eighty-first session;\n"
        "2. Requests the Secretary-General to present a revised budget at the first part of the "
        "resumed eightieth session;",
        body="GA",
        session=80,
    )
    assert [(d.paragraph, d.kind, due(d)) for d in r.deliverables] == [
        ("1", "report", ("GA", 81, "at")),
        ("2", "other", ("GA", 80, "at")),
    ]


def test_phrase_adverbs_open_a_clause_but_not_the_verb():
    """ ", and to that end requests the Secretary-General to ..." is a request with verb
    "requests"."""
    r = run(
        "1. Reaffirms its decision, and to that end requests the Secretary-General to prepare a "
        "report, with a view to taking a decision at its eighty-first session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.verb, due(d)) == ("requests", ("GA", 81, "at"))


def test_nested_subparagraph_labels():
    """Sub-paragraph labels read "7(h)"; nested ones "7(a)(i)"."""
    from mandates.extraction.requests import _sub_label

    assert (_sub_label("7", "h"), _sub_label("7", "a(i)"), _sub_label("7", "(b)")) == (
        "7(h)",
        "7(a)(i)",
        "7(b)",
    )


def test_include_in_the_report_already_requested():
    """ "to submit a report at its Nth session and to include in the report ..." is one report."""
    r = run(
        "1. Requests the Secretary-General to submit a report to the General Assembly at its "
        "eighty-first session, and to include in the report an analysis of the trends;",
        body="GA",
        session=80,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("GA", 81, "at"))]


def test_support_for_a_meeting_is_not_a_new_meeting():
    """ "to provide the above-mentioned meeting with all services" is support, not a product."""
    r = run(
        "1. Requests the High Commissioner to provide the above-mentioned intersessional meeting "
        "with all necessary services and facilities;"
    )
    assert r.deliverables == [] and len(r.mandates) == 1


def test_address_the_assembly():
    """ "Invites the Independent Expert to address the General Assembly at its Nth session" is
    an oral presentation."""
    r = run(
        "1. Invites the Independent Expert on the enjoyment of all human rights by older persons "
        "to address and engage in an interactive dialogue with the General Assembly at its "
        "eighty-first session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.kind, due(d)) == ("oral update", ("GA", 81, "at"))


def test_include_long_content_in_her_report():
    """ "to include information ..., in her report to the Assembly at its Nth and Mth sessions"."""
    r = run(
        "1. Invites the Special Representative of the Secretary-General on Violence against "
        "Children to include information on the progress achieved in the protection of children, "
        "including online, in her report to the General Assembly at its eighty-first and "
        "eighty-second sessions;",
        body="GA",
        session=80,
    )
    assert [due(d) for d in r.deliverables] == [("GA", 81, "at"), ("GA", 82, "at")]


def test_decides_that_a_body_shall_provide():
    """ "Decides that the Ad Hoc Committee shall ... provide a draft convention to the Assembly
    at its Nth session" is that committee's product."""
    r = run(
        "1. Decides that the Ad Hoc Committee shall convene six sessions and conclude its work in "
        "order to provide a draft convention to the General Assembly at its eighty-second session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.actor, d.kind, due(d)) == ("Ad Hoc Committee", "other", ("GA", 82, "at"))


def test_two_objects_of_one_verb_share_the_session():
    """ "to submit to the Council, at its Nth session, a report on X, prepared with Y, and a
    report on Z" gives both reports that session."""
    r = run(
        "1. Requests the Secretary-General to submit to the Human Rights Council, at its "
        "sixty-first session, a report on the implementation of the present resolution, prepared "
        "in consultation with States, and a report on the activities of the alliance;"
    )
    assert [(d.kind, d.due.session) for d in r.deliverables] == [("report", 61), ("report", 61)]


def test_passive_request_continues_the_clause():
    """ "..., and further to request that the study be made available prior to the Nth
    session" dates the study of the same request."""
    r = run(
        "1. Decides:\n(a) Also to request the High Commissioner to prepare a thematic study on "
        "care, and further to request that the study be made available on the website prior to "
        "the sixty-first session of the Human Rights Council;"
    )
    [d] = r.deliverables
    assert (d.paragraph, d.kind, due(d)) == ("1(a)", "study", ("HRC", 61, "before"))


def test_a_deadline_after_the_lists_of_topics_is_the_leads():
    """ "to prepare a report covering: (a) ...; (b) ...; and to submit it to the Council at
    its Nth session": the deadline after the sub-paragraphs is the lead's, and a topic ("An
    analysis of ...") is no product of its own. Sub-paragraphs that ask for something keep
    their labels."""
    from mandates.extraction import extract_text
    from tests.samples import hrc_resolution

    def read(paragraph: str) -> list[tuple]:
        text = hrc_resolution(operative=[paragraph])
        result = extract_text(text, source_name="A_HRC_RES_58_97.txt")
        return sorted((d.paragraph, d.kind, due(d)) for d in result.deliverables)

    assert read(
        "Requests the High Commissioner to prepare a report on canals, covering:\n\n"
        "(a) An analysis of the locks;\n\n(b) The situation of boat crews;\n\n"
        "and to submit it to the Human Rights Council at its sixty-sixth session and to the "
        "General Assembly at its eighty-second session;"
    ) == [("1", "report", ("GA", 82, "at")), ("1", "report", ("HRC", 66, "at"))]
    assert read(
        "Requests the High Commissioner:\n\n(a) To prepare a study on canals;\n\n"
        "(b) To present a report to the Human Rights Council at its sixty-sixth session;"
    ) == [("1(a)", "study", None), ("1(b)", "report", ("HRC", 66, "at"))]


def test_a_deadline_run_on_after_the_last_topic_is_the_leads():
    """A layout that lost the line break after the last topic ("(c) Good practices in the
    ports; and to present the study to the Council at its Nth session", as a PDF with the
    closing part flush left prints it): the deadline is the lead's study's, and neither
    topic (c) nor its nested items get a deliverable; a closing part that names another
    product than the lead's is left to (c)."""
    from mandates.extraction import extract_text
    from tests.samples import hrc_resolution

    def read(paragraph: str) -> list[tuple]:
        text = hrc_resolution(operative=[paragraph])
        result = extract_text(text, source_name="A_HRC_RES_58_98.txt")
        return sorted((d.paragraph, d.kind, due(d)) for d in result.deliverables)

    lead = (
        "Requests the Special Rapporteur on canals to prepare a thematic study on the funding "
        "of canals, paying particular attention to:\n\n(a) The access to funds, including:"
        "\n\n(i) The eligibility of boat crews;\n\n(ii) The conditions of loans;\n\n"
        "(b) The role of banks;\n\n(c) Good practices in the ports; "
    )
    assert read(lead + "and to present the study to the Council at its sixty-sixth session;") == [
        ("1", "study", ("HRC", 66, "at"))
    ]
    assert read(lead + "and to present it to the Council at its sixty-sixth session;") == [
        ("1", "study", ("HRC", 66, "at"))
    ]
    assert ("1", "study", ("HRC", 66, "at")) not in read(
        lead + "and to present the guidelines to the Council at its sixty-sixth session;"
    )
