"""Requests: sessions named before an object, inserted phrases and verb chains
(own sentences, never resolution text)."""

from __future__ import annotations

import pytest

from mandates.extraction import extract_text
from tests.extraction.test_requests import due, run


def kinds(r):
    return sorted((d.paragraph, d.actor, d.kind, due(d)) for d in r.deliverables)


# --- 1. bodies and sessions listed between a new verb and its object


def test_sessions_listed_before_object_go_to_that_object():
    """Two body-session pairs between "to submit" and "a final report" date the final report."""
    r = run(
        "1. Requests the Independent Expert to present to the Human Rights Council, at its "
        "sixty-first session, an oral update on the work, and also to submit to the Council, "
        "at its sixty-second session, and to the General Assembly, at its eighty-third "
        "session, a final report;"
    )
    assert kinds(r) == [
        ("1", "Independent Expert", "oral update", ("HRC", 61, "at")),
        ("1", "Independent Expert", "report", ("GA", 83, "at")),
        ("1", "Independent Expert", "report", ("HRC", 62, "at")),
    ]


def test_second_session_after_product_still_goes_to_it():
    """A report named first keeps both the Council and the Assembly sessions that follow it."""
    r = run(
        "1. Requests the Independent Expert to submit a report to the Human Rights Council at "
        "its sixty-second session and to the General Assembly at its eighty-third session;"
    )
    assert [d.kind for d in r.deliverables] == ["report", "report"]
    assert sorted(due(d) for d in r.deliverables) == [("GA", 83, "at"), ("HRC", 62, "at")]


# --- 2. a manner phrase between the verb and its object


def test_manner_phrase_between_verb_and_next_report():
    """ "to submit, in a timely manner, his next annual report" is a report (no session)."""
    r = run(
        "1. Requests the Secretary-General to submit, in a timely manner, his next annual "
        "report on coordination activities, addressing both dimensions of the question;",
        body="GA",
        session=78,
    )
    assert kinds(r) == [("1", "Secretary-General", "report", None)]


def test_session_aside_before_definite_report_is_not_a_manner_phrase():
    """A definite "the report" after "to consider, at its next session," stays unrequested."""
    r = run(
        "1. Decides to consider, at its eighty-first session, the report of the Committee on "
        "the question;",
        body="GA",
        session=80,
    )
    assert r.deliverables == []


# --- 3. a capitalized "to Review" inside a name is not the infinitive of the request


def test_title_verb_in_a_name_is_not_the_infinitive():
    """A verb chain ending in "and report to the General Assembly" gives a report to GA."""
    r = run(
        "1. Requests the secretariat of the United Nations Conference on Trade and Development "
        "to gather information on experiences, review that information and report to the "
        "General Assembly on this subject at the time of the Ninth Conference to Review All "
        "Aspects of the Agreed Principles;",
        body="GA",
        session=80,
    )
    assert kinds(r) == [("1", "UNCTAD secretariat", "report", ("GA", None, None))]


def test_secretariat_of_an_unknown_entity_is_unchanged():
    """ "the secretariat of the Convention" is still not the United Nations Secretariat."""
    r = run(
        "1. Requests the secretariat of the Convention to prepare a report to the General "
        "Assembly at its eighty-second session;",
        body="GA",
        session=80,
    )
    assert [d.actor for d in r.deliverables] != ["Secretariat"]


# --- 4. a product named in the purpose of a meeting is not requested


def test_product_in_purpose_of_meeting_is_not_a_deliverable():
    """ "to convene a meeting, on a date, to mark the Day to help develop strategies" is one meeting."""
    r = run(
        "1. Requests the President of the General Assembly to convene a high-level meeting, "
        "on 3 March 2031, to mark the first International Day of Example to contribute to "
        "building support to develop strategies to counter the problem;",
        body="GA",
        session=85,
    )
    assert [d.kind for d in r.deliverables] == ["meeting"]


def test_coordinated_product_after_meeting_is_kept():
    """ "to convene a meeting and to develop a strategy" still gives both products."""
    r = run(
        "1. Requests the Secretary-General to convene an expert meeting, and to develop a "
        "strategy on the question for consideration by the General Assembly;",
        body="GA",
        session=85,
    )
    assert sorted(d.kind for d in r.deliverables) == ["meeting", "other"]


def test_meeting_with_a_view_to_recommendations_keeps_them():
    """A meeting "with a view to providing recommendations ... before" keeps that dated product."""
    r = run(
        "1. Requests the Secretary-General to convene the third meeting of the Working Group "
        "from 3 to 5 May 2031, with a view to providing recommendations to the General "
        "Assembly before the end of its eighty-fifth session;",
        body="GA",
        session=85,
    )
    assert sorted(d.kind for d in r.deliverables) == ["meeting", "other"]


# --- 5. consulting as a working method is not a consultation product


def test_consult_in_the_implementation_is_a_working_method():
    """ "to consult States ... in the implementation of the resolution, and to report" is a report."""
    r = run(
        "1. Requests the Working Group to consult States and other relevant actors in the "
        "implementation of the present resolution, and to report its findings to the Human "
        "Rights Council at its sixty-third session;"
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("HRC", 63, "at"))]


def test_consult_while_preparing_is_a_working_method():
    """ "in preparing the report, to consult with States" gives no consultation."""
    r = run(
        "1. Also requests the Office, in preparing the above-mentioned report, to consult with "
        "States and other relevant stakeholders;"
    )
    assert [d.kind for d in r.deliverables] == []


def test_consult_states_on_a_topic_is_still_a_consultation():
    """ "to consult States on ways to protect X" remains a consultation."""
    r = run(
        "1. Requests the Secretary-General to consult States and relevant organizations on "
        "ways to protect the rights concerned, and to report thereon to the General Assembly;",
        body="GA",
        session=80,
    )
    assert sorted(d.kind for d in r.deliverables) == ["consultation", "report"]


# --- 3. a session counted from the one named before it


def test_following_session_counts_from_the_session_named_before_it():
    """ "at its fifty-ninth session and a report at the following session" in a text of
    session 58 is session 60 (flagged as implied), not the session after adoption."""
    r = run(
        "1. Requests the Office of the High Commissioner to present an oral update to the "
        "Council at its fifty-ninth session and a comprehensive report at the following "
        "session;",
        body="HRC",
        session=58,
    )
    assert kinds(r) == [
        ("1", "OHCHR", "oral update", ("HRC", 59, "at")),
        ("1", "OHCHR", "report", ("HRC", 60, "at")),
    ]
    report = next(d for d in r.deliverables if d.kind == "report")
    assert report.needs_review
    assert "following session after session 59" in " ".join(report.review_reasons)


def test_following_session_alone_is_still_the_session_after_adoption():
    """With no session named before it, "the following session" is the adopting one + 1."""
    r = run(
        "1. Requests the Secretary-General to submit a report at the following session;",
        body="GA",
        session=80,
    )
    assert kinds(r) == [("1", "Secretary-General", "report", ("GA", 81, "at"))]


def test_day_after_the_opening_of_the_general_debate_dates_the_meeting():
    """A meeting "on the day immediately following the opening of the general debate of the
    eighty-second session" is held at that session; "the day before the opening" is before."""
    r = run(
        "1. Decides to convene a high-level plenary meeting on the midterm review in 2027, on "
        "the day immediately following the opening of the general debate of the eighty-second "
        "session;\n\n"
        "2. Decides also to hold an informal interactive hearing with civil society on the day "
        "before the opening of its eighty-third session;",
        body="GA",
        session=80,
    )
    assert kinds(r) == [
        ("1", "General Assembly", "meeting", ("GA", 82, "at")),
        ("2", "General Assembly", "meeting", ("GA", 83, "before")),
    ]


def test_before_the_end_of_the_present_session_after_a_participle_is_a_time_limit():
    """ "on progress made before the end of its eighty-first session" in a text of session 81
    is a briefing due by the end of that session; "the report submitted at its eighty-first
    session" is still a past event (the update is due at no session)."""
    r = run(
        "1. Requests the Secretary-General to brief the General Assembly orally on progress "
        "made before the end of its eighty-first session;\n\n"
        "2. Requests the Secretary-General to update the report submitted at its eighty-first "
        "session;",
        body="GA",
        session=81,
    )
    assert kinds(r) == [
        ("1", "Secretary-General", "oral update", ("GA", 81, "by")),
        ("2", "Secretary-General", "report", None),
    ]


def test_no_later_than_the_end_of_a_session_is_by_that_session():
    """ "with a view to concluding them no later than the end of its eighty-third session"
    dates the consultations "by" GA 83, as "by the end of" does."""
    r = run(
        "1. Requests the President of the General Assembly to conduct open-ended informal "
        "consultations with Member States on the review, with a view to concluding them no "
        "later than the end of its eighty-third session;",
        body="GA",
        session=82,
    )
    assert kinds(r) == [
        ("1", "President of the General Assembly", "consultation", ("GA", 83, "by"))
    ]


def test_modifiers_between_a_session_and_its_bare_product():
    """ "to organize, in advance of the sixty-seventh session of the Council, open-ended
    consultations with States": the adjectives do not hide the product from its session."""
    r = run(
        "1. Requests the Office to organize, in advance of the sixty-seventh session of the "
        "Council, open-ended consultations with States;",
        body="HRC",
        session=65,
    )
    assert kinds(r) == [("1", "OHCHR", "consultation", ("HRC", 67, "before"))]


def test_to_compile_is_a_compilation_and_the_compilation_its_deadline():
    """ "to compile good practices ..., and to make the compilation available to the Council
    prior to its sixty-seventh session" is one compilation due before HRC 67; "to compile a
    report" is the report only."""
    r = run(
        "1. Requests the Office to compile good practices in the design of identity systems, "
        "and to make the compilation available to the Council prior to its sixty-seventh "
        "session as a conference room paper;\n\n"
        "2. Requests the Secretary-General to compile a report on measures taken and to "
        "submit it to the Council at its sixty-seventh session;",
        body="HRC",
        session=65,
    )
    assert kinds(r) == [
        ("1", "OHCHR", "compilation", ("HRC", 67, "before")),
        ("2", "Secretary-General", "report", ("HRC", 67, "at")),
    ]


def test_an_organizers_new_event_is_not_the_event_the_body_decided():
    """The Assembly decides a high-level meeting at GA 83 (paragraph 1); "requests the
    President to organize, in the course of its eighty-third session, an informal hearing"
    is another event with its own deadline, while "to organize the meeting" is the same."""
    r = run(
        "1. Decides to convene, during its eighty-third session, a one-day high-level plenary "
        "meeting on older persons;\n\n"
        "2. Requests the President of the General Assembly to organize, in the course of its "
        "eighty-third session and prior to the high-level meeting, an informal interactive "
        "multi-stakeholder hearing with civil society;\n\n"
        "3. Requests the Secretary-General to organize the meeting during its eighty-third "
        "session;",
        body="GA",
        session=82,
    )
    by_paragraph = {d.paragraph: d for d in r.deliverables}
    assert due(by_paragraph["2"]) == ("GA", 83, "at")
    assert not by_paragraph["2"].needs_review
    assert due(by_paragraph["3"]) is None
    assert by_paragraph["3"].review_reasons == ["the meeting the body decided in paragraph 1"]


def test_a_report_on_the_panel_at_the_following_session_follows_the_panel():
    """Paragraph 1 holds a panel at HRC 66; "a summary report on the panel discussion ... at
    the following session" (paragraph 2) is due at HRC 67, flagged with the reason."""
    r = run(
        "1. Decides to convene, at its sixty-sixth session, a panel discussion on water;\n\n"
        "2. Requests the Office to prepare a summary report on the panel discussion and to "
        "submit it to the Council at the following session;",
        body="HRC",
        session=64,
    )
    assert kinds(r) == [
        ("1", "Human Rights Council", "panel", ("HRC", 66, "at")),
        ("2", "OHCHR", "report", ("HRC", 67, "at")),
    ]
    report = r.deliverables[1]
    assert report.review_reasons == [
        "implied deadline: following session after the panel of paragraph 1 (session 66)"
    ]


def test_that_session_of_another_entity_dates_nothing():
    """ "prior to the seventeenth working session of the Working Group, ... for presentation
    to the Working Group at that session" is the Working Group's session, not the Assembly
    session named before it; "the provisional agenda of its seventy-seventh session ...
    (the twenty-fourth special session of the General Assembly) ... at that session" is 77."""
    r = run(
        "1. Decides to include in the provisional agenda of its eighty-second session the "
        "item entitled \u201cOlder persons\u201d;\n\n"
        "2. Requests the Office to organize, prior to the seventeenth working session of the "
        "Working Group, a two-day expert consultation with States, and to prepare a summary of "
        "the consultation for presentation to the Working Group at that session;\n\n"
        "3. Decides to include in the provisional agenda of its eighty-third session the "
        "sub-item entitled \u201cOutcome of the twenty-fourth special session of the General "
        "Assembly\u201d, and requests the Secretary-General to submit a report on the question "
        "to the Assembly at that session;",
        body="GA",
        session=81,
    )
    dated = {(d.paragraph, d.kind): due(d) for d in r.deliverables}
    assert dated[("2", "report")] is None
    assert dated[("3", "report")] == ("GA", 83, "at")


def test_set_14_wordings():
    """A summary report "on each panel discussion ... at its following session" follows the
    quadrennial panel starting at HRC 70; "a conference room paper" is a report, not a
    conference; "the report to be presented to the Council at its sixty-seventh session" is
    the Special Rapporteur's report there (the consultation keeps its own deadline); "a
    progress report at its sixty-seventh session and the final study no later than at its
    sixty-ninth session" dates the study."""
    r = run(
        "1. Decides to convene a quadrennial high-level panel discussion on statelessness, "
        "starting at its seventieth session, and requests the Office to prepare a summary "
        "report on each panel discussion for submission to the Council at its following "
        "session;\n\n"
        "2. Further requests the commission of inquiry to prepare, for presentation to the "
        "Human Rights Council at its sixty-seventh session, a conference room paper on "
        "detention;\n\n"
        "3. Requests the Special Rapporteur to convene, before the sixty-sixth session of the "
        "Human Rights Council, an expert consultation on evictions, and to reflect the outcome "
        "of the consultation in the report to be presented to the Council at its sixty-seventh "
        "session;\n\n"
        "4. Requests the Advisory Committee to prepare a study on algorithmic management, and "
        "to submit a progress report to the Council at its sixty-seventh session and the final "
        "study no later than at its sixty-ninth session;",
        body="HRC",
        session=64,
    )
    assert sorted((d.paragraph, d.kind, due(d)) for d in r.deliverables) == [
        ("1", "panel", ("HRC", 70, "at")),
        ("1", "report", ("HRC", 71, "at")),
        ("2", "report", ("HRC", 67, "at")),
        ("3", "consultation", ("HRC", 66, "before")),
        ("3", "report", ("HRC", 67, "at")),
        ("4", "report", ("HRC", 67, "at")),
        ("4", "study", ("HRC", 69, "by")),
    ]


def test_its_session_of_the_assembly_long_past_is_the_councils():
    """In a Council text of session 68 (2028), "to the Human Rights Council and to the General
    Assembly at its seventieth session": the Assembly's seventieth was in 2015, so "its" is
    the Council's, flagged; "to the General Assembly at its seventieth session" alone is no
    deadline (no body can hold it)."""
    r = run(
        "1. Also requests the High Commissioner to present a comprehensive report to the Human "
        "Rights Council and to the General Assembly at its seventieth session;\n\n"
        "2. Requests the High Commissioner to present a report to the General Assembly at its "
        "seventieth session;",
        body="HRC",
        session=68,
    )
    assert kinds(r) == [
        ("1", "High Commissioner", "report", ("HRC", 70, "at")),
        ("2", "High Commissioner", "report", None),
    ]
    assert r.deliverables[0].review_reasons == [
        "implied deadline: its session: GA's is past, read as HRC's"
    ]


# --- sessions counted from the adoption, and a resumed session without its number


@pytest.mark.parametrize(
    "words",
    [
        "at the session following the adoption of the present resolution",
        "at its session following the adoption of the present resolution",
        "at its first session following the adoption of this resolution",
        "at the session immediately after the adoption of the present resolution",
    ],
)
def test_the_session_following_the_adoption_is_the_next_one(words):
    """ "at the session following the adoption of the present resolution" is counted from
    the adopting session, as "at its next session" is, and flagged the same way."""
    r = run(f"1. Requests the High Commissioner to present an oral update to the Council {words};")
    [d] = r.deliverables
    assert (d.kind, due(d), d.needs_review) == ("oral update", ("HRC", 60, "at"), True)
    assert d.review_reasons == ["implied deadline: session following the adoption"]
    assert d.quote.endswith(words.removeprefix("at "))


def test_the_session_following_the_adoption_without_a_known_session_is_flagged():
    """With no adopting session known (or another body's session), the deliverable keeps
    the body, no number, and the flag: never dropped."""
    for r in (
        run(
            "1. Requests the High Commissioner to present a report to the Council at the "
            "session following the adoption of the present resolution;",
            session=None,
        ),
        run(
            "1. Requests the High Commissioner to present a report to the General Assembly at "
            "its session following the adoption of the present resolution;"
        ),
    ):
        [d] = r.deliverables
        assert d.due is not None and d.due.session is None and d.needs_review
        assert d.review_reasons == ["implied deadline: session following the adoption"]


def test_a_resumed_session_without_its_number_is_the_adopting_one_flagged():
    """ "to the General Assembly at its resumed session" in an Assembly text: the resumed
    part of the adopting session, flagged because the text does not print its number."""
    r = run(
        "1. Requests the Secretary-General to present an oral update on the fund to the "
        "General Assembly at its resumed session;",
        body="GA",
        session=81,
    )
    [d] = r.deliverables
    assert (d.kind, due(d), d.needs_review) == ("oral update", ("GA", 81, "at"), True)
    assert d.review_reasons == ["implied deadline: resumed session, its number not printed"]
    assert d.quote.endswith("at its resumed session")


def test_another_bodys_resumed_session_without_its_number_is_flagged_unnumbered():
    r = run(
        "1. Requests the High Commissioner to present a report to the General Assembly at its "
        "resumed session;"
    )
    [d] = r.deliverables
    assert (due(d), d.needs_review) == (("GA", None, "at"), True)
    assert d.review_reasons == ["implied deadline: resumed session, its number not printed"]


@pytest.mark.parametrize(
    "words",
    [
        "at the session following the adoption of the convention on the right to water",
        "at its first session following the adoption by the General Assembly of the declaration",
        "at its session following the adoption of a declaration on the matter",
    ],
)
def test_the_session_following_another_texts_adoption_is_not_numbered(words):
    """The adoption of another text (a convention, a declaration by the Assembly) is not the
    present resolution's: when it comes is not known, so the session has no number; the
    deliverable is kept with its body and flagged."""
    r = run(f"1. Requests the High Commissioner to present a report to the Council {words};")
    [d] = r.deliverables
    assert (d.kind, due(d), d.needs_review) == ("report", ("HRC", None, "at"), True)
    assert d.review_reasons == ["implied deadline: session following the adoption of another text"]


def test_the_adoption_of_the_present_resolution_by_a_body_is_still_the_present_one():
    r = run(
        "1. Requests the High Commissioner to present a report to the Council at the session "
        "following the adoption of the present resolution by the General Assembly;"
    )
    [d] = r.deliverables
    assert (due(d), d.review_reasons) == (
        ("HRC", 60, "at"),
        ["implied deadline: session following the adoption"],
    )


def test_another_entitys_resumed_session_gives_the_council_no_session():
    """ "at the resumed session of the Committee": that committee's session, not the
    adopting body's resumed part (as before 0.3.29, no session is read)."""
    r = run(
        "1. Requests the High Commissioner to transmit a report to the Committee on "
        "Non-Governmental Organizations at the resumed session of the Committee;"
    )
    assert all(d.due is None or d.due.session is None for d in r.deliverables)
    assert not any(d.due and d.due.body == "HRC" and d.due.session for d in r.deliverables)


def test_to_have_regard_to_a_past_report_gives_no_deadline():
    """The causative "to have these reports presented to the Council at ..." (0.3.30) is
    not any "to have": "to have regard to the report submitted to the General Assembly at
    its seventy-eighth session" names a past report."""
    r = run(
        "1. Requests the Special Rapporteur to have regard to the report submitted to the "
        "General Assembly at its seventy-eighth session, and to report to the Council at its "
        "sixty-first session;",
        session=59,
    )
    assert [due(d) for d in r.deliverables] == [("HRC", 61, "at")]


@pytest.mark.parametrize(
    ("product", "expected"),
    [
        ("reports", [("GA", 82, "at")]),
        ("annual reports", [("GA", 82, "at")]),
        ("two reports", [("GA", 82, "at")]),
    ],
)
def test_a_product_without_article_after_the_session_is_read(product, expected):
    """ "to submit to the General Assembly at its eighty-second session reports on ...":
    the session stands between the body and an unarticled product. "its ... session" was
    read as the product's determiner ("its eighty-second session reports"), and nothing
    was found."""
    r = run(
        "1. Requests the Secretary-General to submit to the General Assembly at its "
        f"eighty-second session {product} on the implementation of the present resolution;",
        body="GA",
        session=81,
    )
    assert [due(d) for d in r.deliverables] == expected
    assert r.deliverables[0].kind == "report"


def test_reports_after_two_sessions_are_one_for_each():
    r = run(
        "1. Requests the Secretary-General to submit to the General Assembly at its "
        "eighty-second and eighty-third sessions reports on the implementation of the "
        "present resolution;",
        body="GA",
        session=81,
    )
    assert [due(d) for d in r.deliverables] == [("GA", 82, "at"), ("GA", 83, "at")]


@pytest.mark.parametrize("inner", ["and requests", "and to request", "and invites"])
def test_a_sub_paragraphs_own_request_names_its_own_actor(inner):
    """A sub-paragraph that goes on with its chapeau's infinitive ("(b) To consider X") and
    then asks someone else ("and requests the Secretary-General to submit a report"): the
    report is the Secretary-General's, not the chapeau's body's."""
    r = run(
        "3. Requests the Special Committee on Peaceful Settlement, at its session in 2031:\n\n"
        "(a) To continue its consideration of all proposals before it;\n\n"
        "(b) To consider the question of assistance to third States affected by sanctions, "
        f"{inner} the Secretary-General to submit a report on this question to the General "
        "Assembly at its ninety-third session;\n\n"
        "(c) To keep its working methods under review;"
    )
    assert kinds(r) == [("3(b)", "Secretary-General", "report", ("GA", 93, "at"))]


def test_an_intersessional_seminar_is_due_before_the_later_session():
    """ "to convene a seminar ... between the Nth and Mth sessions of the Council": the
    seminar is due before session M (it had no session)."""
    text = (
        "Human Rights Council\n\nSixty-first session\n\n61/8. Older persons in rural areas\n\n"
        "The Human Rights Council,\n\nRecalling its resolution 58/9,\n\n"
        "1. Requests the Office of the United Nations High Commissioner for Human Rights to"
        " convene a two-day intersessional seminar on the rights of older persons in rural"
        " areas between the sixty-second and sixty-third sessions of the Council;\n"
    )
    (seminar,) = extract_text(text).deliverables
    assert (seminar.kind, seminar.actor) == ("seminar", "OHCHR")
    assert seminar.due is not None
    assert (seminar.due.body, seminar.due.session, seminar.due.relation) == ("HRC", 63, "before")
