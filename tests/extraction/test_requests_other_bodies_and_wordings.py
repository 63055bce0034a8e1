"""Requests: products of bodies other than the Secretariat and tasks worded otherwise, in
invented General Assembly style sentences (never resolution text)."""

from __future__ import annotations

from datetime import date

import pytest

from mandates.extraction import extract_text
from tests.extraction.test_requests import due, run


def ga(text: str):
    return run(text, body="GA", session=80)


def rows(result):
    return sorted((d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables)


# --- products of bodies other than the Secretariat


def test_body_created_with_and_in_its_name_reports():
    """A body named with "and" inside ("on Transparency and Accountability") is one actor."""
    r = ga(
        "1. Decides to establish an Ad Hoc Committee on Canals and Locks in Inland Shipping, "
        "open to all Member States;\n\n"
        "2. Requests the Ad Hoc Committee on Canals and Locks in Inland Shipping to submit a "
        "draft text to the General Assembly at its eighty-second session;"
    )
    assert rows(r) == [
        ("2", "Ad Hoc Committee on Canals and Locks in Inland Shipping", "other", ("GA", 82, "at"))
    ]
    assert r.deliverables[0].needs_review  # not in the alias table


def test_created_body_with_a_relative_clause_duty():
    """ "to establish a group of experts on X and Y, which will submit a report" is its report."""
    r = ga(
        "1. Decides to establish a group of governmental experts on canals and locks, which "
        "will submit a report to the General Assembly at its eighty-third session;"
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("GA", 83, "at"))]
    assert r.deliverables[0].actor.lower().startswith("group of governmental experts on canals")


def test_it_refers_to_the_body_just_created():
    """ "to establish a working group ..., and to request it to submit" is the group's report."""
    for verb in ("and to request it", "and requests it"):
        r = ga(
            "1. Decides to establish an open-ended working group on canals, "
            f"{verb} to submit a report to the General Assembly at its eighty-second session;"
        )
        assert rows(r) == [
            ("1", "Open-ended working group on canals", "report", ("GA", 82, "at"))
        ], verb


def test_main_committees_in_a_joint_meeting():
    """The Second and Third Committees holding a joint meeting: their meeting, one actor."""
    for text in (
        "1. Decides that the Second and Third Committees shall hold a joint meeting on canals "
        "during the eighty-second session of the General Assembly;",
        "1. Requests the Second Committee and the Third Committee to convene a joint meeting on "
        "canals at the eighty-second session;",
    ):
        assert rows(ga(text)) == [
            ("1", "Second and Third Committees", "meeting", ("GA", 82, "at"))
        ], text


def test_chair_of_an_intersessional_meeting_presents_a_summary():
    r = ga(
        "1. Invites the Chairs of the intersessional meetings to present a summary report of "
        "the meetings to the Assembly at its eighty-second session;"
    )
    assert rows(r) == [("1", "Chairs of the intersessional meetings", "report", ("GA", 82, "at"))]


# --- requests worded otherwise


def test_body_entrusted_with_the_preparation_of_a_product():
    """ "Entrusts the Bureau with the preparation of a summary, to be presented at ..." """
    r = ga(
        "1. Entrusts the Bureau of the Conference with the preparation of a summary of the "
        "discussions, to be presented to the General Assembly at its eighty-second session;"
    )
    assert rows(r) == [("1", "Bureau of the Conference", "report", ("GA", 82, "at"))]


def test_responsible_for_preparing_and_presenting():
    r = ga(
        "1. Requests the co-facilitators, with the support of the Secretariat, to be "
        "responsible for the preparation of a draft outcome document, to be submitted to the "
        "General Assembly before its eighty-second session;"
    )
    assert rows(r) == [("1", "Co-facilitators", "other", ("GA", 82, "before"))]


def test_decided_that_an_office_will_make_available_summaries():
    """ "Decides that X shall make available summaries ... before the Nth session"."""
    r = ga(
        "1. Decides that the President of the General Assembly shall make available summaries "
        "of the high-level meetings to Member States before the eighty-second session;"
    )
    assert rows(r) == [("1", "President of the General Assembly", "report", ("GA", 82, "before"))]


def test_keep_the_assembly_informed_at_a_session_is_a_report():
    """With a session it is a report due there; without one it is an ongoing duty."""
    r = ga(
        "1. Requests the Secretary-General to keep the General Assembly informed, at its "
        "eighty-second session, of the progress made;"
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("GA", 82, "at"))]
    r = ga("1. Requests the Secretary-General to keep the General Assembly informed of progress;")
    assert r.deliverables == []
    assert [m.actor for m in r.mandates] == ["Secretary-General"]


def test_results_of_its_work_after_and_to():
    """ "to continue its work and to submit the results thereof to the Assembly at ..." """
    r = ga(
        "1. Requests the Scientific Committee to continue its work and to submit the results "
        "thereof to the General Assembly at its eighty-second session;"
    )
    assert rows(r) == [("1", "Scientific Committee", "report", ("GA", 82, "at"))]


# --- deadlines given elsewhere


def test_provisional_agenda_dates_the_report_of_the_paragraph_before():
    r = ga(
        "1. Requests the Secretary-General to submit a report on the implementation of the "
        "present resolution;\n\n"
        "2. Decides to include in the provisional agenda of its eighty-second session the item "
        'entitled "Canals and locks".'
    )
    [d] = r.deliverables
    assert (d.paragraph, d.kind, due(d)) == ("1", "report", ("GA", 82, "at"))
    assert d.needs_review
    assert any("provisional agenda" in reason for reason in d.review_reasons)


def test_provisional_agenda_leaves_dated_and_recurring_products_alone():
    """A paragraph that dates its own product, or an annual report, keeps its reading."""
    r = ga(
        "1. Requests the Secretary-General to compile a report on canals and to report to the "
        "General Assembly at its eighty-first session;\n\n"
        "2. Requests the Commission to report annually to the General Assembly;\n\n"
        "3. Decides to include in the provisional agenda of its eighty-second session the item "
        '"Canals".'
    )
    assert all(d.due is None or d.due.session != 82 for d in r.deliverables)


def test_annexed_declaration_requests_are_kept_and_flagged():
    """ "We request the Secretary-General ... at its Nth session" in an adopted annex."""
    text = (
        "General Assembly\n\nEighty-first session\n\nAgenda item 12\n\n"
        "Resolution adopted by the General Assembly on 1 December 2026\n\n"
        "81/500.\tAn invented declaration\n\nThe General Assembly,\n\n"
        "Recalling its earlier work,\n\n"
        "1. Adopts the Invented Declaration on Canals, annexed to the present resolution;\n\n"
        "2. Decides to remain seized of the matter.\n\n"
        "60th plenary meeting\n1 December 2026\n\n"
        "Annex\n\nInvented Declaration on Canals\n\n"
        "1. We, the Heads of State, are committed to canals.\n\n"
        "2. We request the Secretary-General to submit a report on canals to the General "
        "Assembly at its eighty-third session.\n\n"
        "3. We also decide to hold a high-level meeting on canals during the eighty-fourth "
        "session of the General Assembly.\n"
    )
    result = extract_text(text, source_name="A_RES_81_500.txt")
    found = sorted((d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables)
    assert found == [
        ("annex.2", "Secretary-General", "report", ("GA", 83, "at")),
        ("annex.3", "General Assembly", "meeting", ("GA", 84, "at")),
    ]
    for deliverable in result.deliverables:
        assert deliverable.needs_review
        assert any("annex" in reason for reason in deliverable.review_reasons)
        assert deliverable.quote.startswith(("We request", "We also decide"))
        assert result.text[deliverable.span[0] : deliverable.span[1]] == deliverable.quote


def _declaration(adopting: str, *paragraphs: str, annexed: bool = True) -> str:
    """An invented resolution adopting a declaration printed in its annex, or (``annexed``
    False) right after the adopting words, the meeting's line closing the text."""
    meeting = "60th plenary meeting\n1 December 2026\n\n"
    numbered = "".join(f"{n}. {p}\n\n" for n, p in enumerate(paragraphs, start=1))
    return (
        "General Assembly\n\nEighty-first session\n\nAgenda item 12\n\n"
        "Resolution adopted by the General Assembly on 1 December 2026\n\n"
        "81/502.\tAn invented political declaration\n\nThe General Assembly\n\n"
        f"{adopting}\n\n{meeting + 'Annex' if annexed else ''}\n\n"
        "Invented political declaration on canals\n\n"
        "We, Heads of State and Government, assembled on 1 December 2026 to review progress "
        "on canals, and in this regard we:\n\n" + numbered + ("" if annexed else meeting)
    )


def test_declaration_in_bare_first_person_verbs():
    """A political declaration whose paragraphs open with the verb alone ("in this regard
    we: ... 2. Request the Secretary-General"), adopted as "the following political
    declaration": each verb is read as the resolution's third person, a verb joined to it
    (", and decide") opens its own clause, and the session of a decision still to be taken
    ("the modalities of which shall be decided no later than") dates nothing."""
    paragraphs = (
        "Recognize that canals are important;",
        "Request the Secretary-General, in consultation with Member States, to submit a "
        "progress report on canals during the eighty-third session of the General Assembly;",
        "Further request the Office of the United Nations High Commissioner for Human Rights "
        "to prepare a study on canals before the eighty-second session of the General Assembly;",
        "Decide to convene a high-level meeting on canals in 2031, and decide to reach an "
        "agreement on its date no later than at the eighty-second session of the General "
        "Assembly;",
        "Call upon the Secretary-General to organize a panel discussion on canals in 2030, "
        "the modalities of which shall be decided no later than the eighty-fourth session of "
        "the General Assembly.",
    )
    expected = [
        ("annex.2", "Secretary-General", "report", ("GA", 83, "at")),
        ("annex.3", "OHCHR", "study", ("GA", 82, "before")),
        ("annex.4", "General Assembly", "meeting", None),
        ("annex.5", "Secretary-General", "panel", None),
    ]
    for adopting, annexed in (
        ("Adopts the following political declaration:", False),
        ("Adopts the following political declaration, as the outcome of the meeting.", True),
        ("Adopts the political declaration annexed to the present resolution.", True),
    ):
        text = _declaration(adopting, *paragraphs, annexed=annexed)
        result = extract_text(text, source_name="A_RES_81_502.txt")
        assert rows(result) == expected, adopting
        for deliverable in result.deliverables:
            assert deliverable.needs_review
            assert any("annex" in reason for reason in deliverable.review_reasons)
            assert result.text[deliverable.span[0] : deliverable.span[1]] == deliverable.quote
        quotes = [d.quote for d in result.deliverables]
        assert quotes[0].startswith("Request the Secretary-General, in consultation")
        assert quotes[1].startswith("Further request the Office of the United Nations")
        assert quotes[2].startswith("Decide to convene a high-level meeting on canals in 2031")
        assert "decide to reach" not in quotes[2]


def test_bare_verbs_outside_an_adopted_declaration_ask_nothing():
    """The same paragraphs in an annex the resolution only transmits give nothing."""
    text = _declaration(
        "Decides to transmit the text annexed to the present resolution to States.",
        "Request the Secretary-General to submit a report on canals to the General Assembly "
        "at its eighty-third session;",
    )
    assert extract_text(text, source_name="A_RES_81_503.txt").deliverables == []


def test_annex_not_adopted_gives_nothing():
    """A draft submitted to another body in the annex is not the resolution's request."""
    text = (
        "General Assembly\n\nEighty-first session\n\n"
        "Resolution adopted by the General Assembly on 1 December 2026\n\n"
        "81/501.\tAn invented draft\n\nThe General Assembly,\n\n"
        "Recalling its earlier work,\n\n"
        "1. Decides to transmit the draft text annexed to the present resolution to States;\n\n"
        "60th plenary meeting\n1 December 2026\n\n"
        "Annex\n\nInvented draft\n\n"
        "1. We request the Secretary-General to submit a report on canals to the General "
        "Assembly at its eighty-third session.\n"
    )
    assert extract_text(text, source_name="A_RES_81_501.txt").deliverables == []


# --- the consideration and counting


def test_decides_to_examine_or_consider_the_question_at_a_session():
    for text in (
        "1. Decides to examine the question at its eighty-second session;",
        '1. Decides to consider the question at its eighty-second session under the item "Canals";',
        "1. Decides to consider at its eighty-second and eighty-third sessions the reports of "
        "the Secretary-General;",
    ):
        r = ga(text)
        assert (r.consideration.body, r.consideration.session) == ("GA", 82), text
        assert r.deliverables == []


def test_one_event_organized_and_presented_is_counted_once():
    r = ga(
        "1. Requests the Secretary-General to organize a high-level panel on canals at the "
        "eighty-second session and to present it to the General Assembly at that session;"
    )
    assert rows(r) == [("1", "Secretary-General", "panel", ("GA", 82, "at"))]


def test_head_of_a_known_organization_is_named_by_its_canonical_owner():
    """ "the Executive Director of the United Nations Office on Drugs and Crime" (with "and"
    inside the organization's name) reports to a functional commission."""
    r = ga(
        "1. Requests the Executive Director of the United Nations Office on Drugs and Crime to "
        "report to the Commission on Crime Prevention and Criminal Justice at its thirty-fifth "
        "session on canals;"
    )
    assert rows(r) == [("1", "Executive Director of UNODC", "report", ("CCPCJ", 35, "at"))]


def test_decided_duty_of_a_body_after_another_verb():
    """ "Decides that the committee shall commence its work ... and submit the text of the
    convention to the Assembly at its Nth session"."""
    r = ga(
        "1. Decides that the intergovernmental negotiating committee shall commence its work in "
        "2027 and submit the text of the convention to the General Assembly at its "
        "eighty-second session;"
    )
    assert rows(r) == [("1", "Intergovernmental negotiating committee", "other", ("GA", 82, "at"))]


def test_decided_product_prepared_by_an_office_in_the_passive():
    """ "Decides that the summary report ... will be prepared by the Office and submitted to
    the Council at its Nth session": the Office's report."""
    r = run(
        "1. Decides that the summary report of the panel discussion on canals will be prepared "
        "by the Office of the High Commissioner and submitted to the Council at its "
        "sixty-second session;",
        body="HRC",
        session=60,
    )
    assert rows(r) == [("1", "OHCHR", "report", ("HRC", 62, "at"))]


def test_decides_to_review_or_discuss_at_a_session_is_the_consideration():
    for text in (
        "1. Decides to review, at its eighty-second session, the implementation of the present "
        "resolution;",
        "1. Decides to discuss, at its eighty-second session, how best to present the data;",
    ):
        r = ga(text)
        assert (r.consideration.body, r.consideration.session) == ("GA", 82), text


def test_first_person_outcome_document_with_a_coordinated_verb():
    """ "We note X, and invite the Secretary-General to submit a proposal ... during its Nth
    session" in an outcome document adopted as the resolution's text."""
    r = ga(
        "1. We note the work of the Forum on canals, and invite the Secretary-General to "
        "submit a proposal to the General Assembly during its eighty-second session."
    )
    assert rows(r) == [("1", "Secretary-General", "other", ("GA", 82, "at"))]


def test_session_set_off_between_actor_and_infinitive():
    r = ga(
        "1. Invites the President of the General Assembly, at its eighty-first session, to "
        "conduct open-ended consultations with Member States on the modalities of the "
        "conference;"
    )
    assert rows(r) == [("1", "President of the General Assembly", "consultation", ("GA", 81, "at"))]


def test_two_chairs_invited_to_address_the_assembly_each_speak():
    """Two chairs addressing the Assembly at two sessions: four oral updates; a joint report
    of two actors stays one report."""
    r = ga(
        "1. Invites the Chair of the Committee on Canals and the Chair of the Working Group on "
        "Locks to address and engage in an interactive dialogue with the General Assembly at "
        "its eighty-first and eighty-second sessions;"
    )
    assert rows(r) == [
        ("1", "Chair of the Committee on Canals", "oral update", ("GA", 81, "at")),
        ("1", "Chair of the Committee on Canals", "oral update", ("GA", 82, "at")),
        ("1", "Chair of the Working Group on Locks", "oral update", ("GA", 81, "at")),
        ("1", "Chair of the Working Group on Locks", "oral update", ("GA", 82, "at")),
    ]
    r = run(
        "1. Requests the Special Rapporteur on canals and the Working Group on locks to prepare "
        "a joint report and to present it to the Human Rights Council at its sixty-second "
        "session;",
        body="HRC",
        session=60,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("HRC", 62, "at"))]


def test_a_decided_briefing_is_a_meeting_of_the_assembly():
    r = ga(
        "1. Takes note of the briefings by the Secretariat, and decides to organize another "
        "briefing at the eighty-second session with a view to furthering discussion;"
    )
    assert rows(r) == [("1", "General Assembly", "meeting", ("GA", 82, "at"))]


def test_report_on_the_work_of_a_body_is_a_report():
    """ "to report on the work of the Commission to the Assembly at its Nth session"."""
    r = ga(
        "1. Requests the Chair of the Disarmament Commission to report on the work of the "
        "Commission to the General Assembly at its eighty-second session;"
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [("report", ("GA", 82, "at"))]


def test_co_chairs_of_a_long_named_working_group():
    r = ga(
        "1. Invites the Co-Chairs of the Ad Hoc Working Group on the Revitalization of the Work "
        "of the General Assembly to submit its report to the Assembly before the end of the "
        "eighty-first session;"
    )
    [d] = r.deliverables
    assert d.actor.startswith("Co-Chairs of the Ad Hoc Working Group on the Revitalization")
    assert (d.kind, due(d)) == ("report", ("GA", 81, "by"))


def test_a_qualifying_participle_is_not_part_of_the_actor_name():
    r = ga(
        "1. Requests the Group of Governmental Experts established pursuant to paragraph 3 "
        "above to submit a report on the outcome of its work to the General Assembly at its "
        "eighty-second session;"
    )
    assert rows(r) == [("1", "Group of Governmental Experts", "report", ("GA", 82, "at"))]


def test_actor_with_a_space_before_its_hyphen_as_pdfs_leave_it():
    """ "the Secretary -General" (a PDF layout) is the Secretary-General; the quote keeps the
    printed text."""
    r = ga(
        "1. Requests the Secretary -General to submit a report on canals to the General "
        "Assembly at its eighty-second session;"
    )
    [d] = r.deliverables
    assert (d.actor, d.actor_text, d.needs_review) == (
        "Secretary-General",
        "the Secretary -General",
        False,
    )


def test_a_functional_commission_from_the_lexicon_dates_a_report():
    """The Commission on Science and Technology for Development is one lexicon entry."""
    r = ga(
        "1. Requests the Secretary-General to submit a report on canals to the Commission on "
        "Science and Technology for Development at its thirtieth session;"
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("CSTD", 30, "at"))]


def test_its_chair_is_the_chair_of_the_body_just_named():
    r = ga(
        "1. Decides that the Preparatory Committee shall hold an organizational session in 2027, "
        "and requests its Chair to present a progress report to the General Assembly at its "
        "eighty-second session;"
    )
    assert rows(r) == [("1", "Chair of the Preparatory Committee", "report", ("GA", 82, "at"))]


def test_the_president_alone_is_the_president_of_the_adopting_body():
    r = run(
        "1. Decides that the intersessional meeting shall be chaired by the President of the "
        "Council, and requests the President to present a summary of the meeting to the Council "
        "at its sixty-second session;",
        body="HRC",
        session=60,
    )
    assert rows(r) == [("1", "President of the Human Rights Council", "report", ("HRC", 62, "at"))]
    assert not r.deliverables[0].needs_review


def test_an_event_decided_and_organized_by_another_is_counted_once():
    """The Council's panel at its Nth session, organized by the Office: one dated event."""
    for text in (
        "1. Decides to convene, at its sixty-second session, a panel discussion on canals;\n\n"
        "2. Requests the Office of the High Commissioner to organize the panel discussion at the "
        "sixty-second session of the Council;",
        "1. Decides to convene, at its sixty-second session, a panel discussion on canals, and "
        "requests the Office of the High Commissioner to organize the panel discussion at that "
        "session;",
    ):
        r = run(text, body="HRC", session=60)
        dated = [(d.actor, d.kind, due(d)) for d in r.deliverables if d.due is not None]
        assert dated == [("Human Rights Council", "panel", ("HRC", 62, "at"))], text
        [organized] = [d for d in r.deliverables if d.actor == "OHCHR"]
        assert organized.needs_review and organized.kind == "panel"


# --- adjectives separated by a comma (held-out set 5, first score)


def test_adjectives_separated_by_a_comma_keep_the_product():
    """ "a concise, action-oriented report", "a comprehensive, analytical and thematic
    report": the comma between two adjectives does not end the noun phrase."""
    for product in (
        "a comprehensive, analytical and thematic report",
        "a concise, action-oriented report",
        "a short, focused report",
    ):
        r = ga(
            f"1. Requests the Secretary-General to provide {product} to the General Assembly "
            "at its eighty-first session on canals and locks;"
        )
        assert rows(r) == [("1", "Secretary-General", "report", ("GA", 81, "at"))], product
        assert product[2:] in r.deliverables[0].quote


def test_a_comma_before_and_or_after_a_date_still_ends_the_noun_phrase():
    """ ", and periodic updates" is another item, "by 1 October 2027, updates" a date and
    then a product: neither comma joins what comes before it to the next noun."""
    r = ga(
        "1. Requests the Secretary-General to submit a report by 1 October 2027, and periodic "
        "updates in between;"
    )
    assert sorted(d.kind for d in r.deliverables) == ["oral update", "report"]
    r = ga(
        "1. Requests the Secretary-General to provide, by 1 October 2027, regular updates on "
        "canals;"
    )
    [update] = r.deliverables
    assert update.kind == "oral update" and "2027" not in update.title


# --- held-out set 6 (real GA drafts), first score


def test_reports_after_the_body_they_go_to():
    """ "to submit to the General Assembly annual reports at its eighty-first and
    eighty-second sessions": the body between the verb and a bare plural product."""
    r = ga(
        "1. Requests the Secretary-General to submit to the General Assembly annual reports at "
        "its eighty-first and eighty-second sessions on canals;"
    )
    assert rows(r) == [
        ("1", "Secretary-General", "report", ("GA", 81, "at")),
        ("1", "Secretary-General", "report", ("GA", 82, "at")),
    ]
    # without a session after it, the product is found from its verb
    r = ga(
        "1. Requests the Secretary-General to present to the General Assembly oral updates, to "
        "be followed by an interactive dialogue, before the end of 2027;"
    )
    assert [(d.kind, d.title) for d in r.deliverables] == [
        ("oral update", "Oral updates of the Secretary-General")
    ]


def test_the_examination_continued_to_this_end_dates_what_follows():
    """ "Decides to continue its examination of X at its Nth session, and to this end
    requests ... a report": the report is for that session, flagged as implied; what the
    paragraph asks before those words, or without them, keeps no session."""
    r = ga(
        "1. Decides to continue its examination of the situation of canals at its eighty-first "
        "session, and to this end requests the Secretary-General to submit a comprehensive "
        "report on the situation;"
    )
    [report] = r.deliverables
    assert (report.kind, due(report), report.needs_review) == ("report", ("GA", 81, "at"), True)
    assert any("implied deadline" in reason for reason in report.review_reasons)
    for text in (
        "1. Decides to continue its consideration of canals at its eighty-first session, and "
        "requests the Secretary-General to submit a report on canals;",
        "1. Requests the Secretary-General to submit a report on canals, and decides to continue "
        "its consideration of canals at its eighty-first session, and to that end requests him "
        "to keep it informed;",
        "1. Decides to continue its consideration of canals at its seventy-ninth session, and "
        "to this end requests the Secretary-General to submit a report on canals;",  # past
    ):
        [report] = ga(text).deliverables
        assert report.due is None or report.due.session is None, text


def test_the_office_of_a_text_on_another_office():
    """A text that names another office in full and never OHCHR's: its "the Office" and
    "the High Commissioner" are that office's (flagged for review); where OHCHR is named in
    full they stay OHCHR's."""
    r = ga(
        "1. Commends the work of the United Nations Office on Drugs and Crime;\n\n"
        "2. Requests the Office to submit a report to the General Assembly at its eighty-first "
        "session;"
    )
    [report] = r.deliverables
    assert (report.actor, report.needs_review) == ("UNODC", True)
    assert "'the Office' read as UNODC" in report.review_reasons[0]
    r = ga(
        "1. Commends the work of the Office of the United Nations High Commissioner for "
        "Refugees;\n\n"
        "2. Requests the High Commissioner to report on the activities of the Office of the "
        "High Commissioner to the General Assembly at its eighty-first session;"
    )
    assert [(d.actor, due(d)) for d in r.deliverables] == [("UNHCR", ("GA", 81, "at"))]
    r = ga(
        "1. Commends the work of the United Nations Office on Drugs and Crime and of the Office "
        "of the United Nations High Commissioner for Human Rights;\n\n"
        "2. Requests the Office to submit a report to the General Assembly at its eighty-first "
        "session;"
    )
    [report] = r.deliverables
    assert (report.actor, report.needs_review) == ("OHCHR", False)
    # the Council's High Commissioner is its own, whatever other office its text names
    r = run(
        "1. Commends the work of the Office of the United Nations High Commissioner for "
        "Refugees;\n\n"
        "2. Requests the High Commissioner to present a report to the Human Rights Council at "
        "its sixty-second session;"
    )
    assert [(d.actor, d.needs_review) for d in r.deliverables] == [("High Commissioner", False)]


def test_deadlines_by_a_month_or_the_end_of_a_year():
    """ "by the end of 2027", "by September 2027": a deadline without a day, flagged with
    the day it suggests and left to a person (a due date is only a full calendar date); a
    deadline joined to the one before ("before the end of 2027 and before the end of 2028")
    is the same product's, not the next one's; a meeting's session and month are one
    due."""
    r = run(
        "1. Requests the High Commissioner to present to the Human Rights Council oral "
        "updates before the end of 2027 and before the end of 2028, and to submit a "
        "comprehensive report on canals to the Council at its sixty-second session;"
    )
    assert sorted((d.kind, due(d), d.due.date, d.review_reasons) for d in r.deliverables) == [
        (
            "oral update",
            (None, None, "by"),
            None,
            ["deadline without a day: before the end of 2027 (by 31 December 2027?)"],
        ),
        (
            "oral update",
            (None, None, "by"),
            None,
            ["deadline without a day: before the end of 2028 (by 31 December 2028?)"],
        ),
        ("report", ("HRC", 62, "at"), None, []),
    ]
    r = ga(
        "1. Requests the Secretary-General to report to the General Assembly, by September "
        "2027, on canals;\n\n"
        "2. Invites the President of the General Assembly to convene a high-level meeting on "
        "canals at the beginning of the main part of its eighty-first session, and no later "
        "than December 2026;"
    )
    assert [(d.kind, due(d), d.needs_review, d.review_reasons) for d in r.deliverables] == [
        (
            "report",
            (None, None, "by"),
            True,
            ["deadline without a day: by September 2027 (by 30 September 2027?)"],
        ),
        (
            "meeting",
            ("GA", 81, "at"),
            True,
            ["deadline without a day: no later than December 2026 (by 31 December 2026?)"],
        ),
    ]


def test_the_commission_alone_is_the_one_functional_commission_the_text_names():
    """ "to the Commission at its Nth session" is due to the one functional commission the
    text names (its own resolutions, "Commission resolution 20/3", name it too); with two
    commissions, or another one "the Commission" could mean, it names no body."""
    opening = (
        "1. Takes note of the report of the Commission on Narcotic Drugs on its work and of "
        "Commission resolution 61/2;\n\n"
    )
    ask = (
        "2. Requests the Secretary-General to submit to the Commission at its seventieth "
        "session a report on the implementation of the present resolution;"
    )
    r = run(opening + ask, body="ECOSOC", session=2026)
    assert rows(r) == [("2", "Secretary-General", "report", ("CND", 70, "at"))]

    later = (
        "3. Requests the Secretary-General to prepare, in advance of the seventy-first session "
        "of the Commission, a compilation of good practices, and notes the agreed conclusions "
        "of the Commission on the canal economy;"
    )
    r = run(opening + ask + "\n\n" + later, body="ECOSOC", session=2026)
    assert rows(r) == [
        ("2", "Secretary-General", "report", ("CND", 70, "at")),
        ("3", "Secretary-General", "compilation", ("CND", 71, "before")),
    ]

    both = opening.replace(
        "Narcotic Drugs", "Narcotic Drugs and the Commission for Social Development"
    )
    other = opening.replace("Commission resolution 61/2", "the International Law Commission")
    for text in (both + ask, other + ask, ask):
        r = run(text, body="ECOSOC", session=2026)
        assert rows(r) == [("2", "Secretary-General", "report", None)], text


def test_the_economic_and_social_councils_own_council_and_sessions():
    """In a resolution of the Economic and Social Council (or the Security Council), "the
    Council" and "the President of the Council" are its own; ECOSOC's sessions are named by
    year."""
    r = run(
        "1. Requests the Secretary-General to report to the Council at its 2027 session on "
        "canals;\n\n"
        "2. Requests the President of the Council to report thereon to the Council;",
        body="ECOSOC",
        session=2026,
    )
    assert rows(r) == [
        ("1", "Secretary-General", "report", ("ECOSOC", 2027, "at")),
        ("2", "President of the Economic and Social Council", "report", ("ECOSOC", None, None)),
    ]
    r = run(
        "1. Requests the President of the Council to report to the Council at its 2027 session;"
    )
    assert rows(r) == [("1", "President of the Human Rights Council", "report", None)]
    r = run(
        "1. Requests the Secretary-General to submit a report to the Council on canals;\n\n"
        "2. Requests the President of the Council to convene a meeting on canals;",
        body="SC",
        session=2026,
    )
    assert rows(r) == [
        ("1", "Secretary-General", "report", ("SC", None, None)),
        ("2", "President of the Security Council", "meeting", None),
    ]


def test_an_interactive_dialogue_the_actor_is_asked_to_join():
    """An envoy, rapporteur or chair asked to engage or take part in an interactive dialogue
    presents there: an oral update, due at that session ("in the Nth session of the General
    Assembly" dates it as "at" would). When the paragraph names a report, a study or an
    update, the dialogue is how that is presented and not a product of its own."""
    r = ga(
        "1. Requests that the Special Envoy on Canals participate by way of an interactive "
        "dialogue in the eighty-first session of the General Assembly;\n\n"
        "2. Invites the Special Rapporteur on Canals to engage in an interactive dialogue with "
        "the General Assembly at its eighty-second session;\n\n"
        "3. Invites the Chair of the Committee on Locks to take part in an interactive "
        "dialogue with the Third Committee at the eighty-second session of the Assembly;"
    )
    assert [(d.paragraph, d.kind, due(d)) for d in r.deliverables] == [
        ("1", "oral update", ("GA", 81, "at")),
        ("2", "oral update", ("GA", 82, "at")),
        ("3", "oral update", ("GA", 82, "at")),
    ]
    assert r.deliverables[0].actor.startswith("Special Envoy")
    assert r.deliverables[2].actor == "Chair of the Committee on Locks"
    r = ga(
        "1. Requests the Special Rapporteur on Canals to submit a report to the General "
        "Assembly at its eighty-second session, and invites the Special Rapporteur to engage "
        "in an interactive dialogue with the Assembly at that session;\n\n"
        "2. Decides that the Group of Experts on Canals will report annually to the Council, "
        "and in this regard requests the Chair of the Group to engage in an interactive "
        "dialogue with the Assembly at its eighty-second session;\n\n"
        "3. Invites the Independent Expert on Locks to address and engage in an interactive "
        "dialogue with the General Assembly at its eighty-second session;\n\n"
        "4. Invites Member States to participate actively in the interactive dialogue with the "
        "Special Rapporteur;\n\n"
        "5. Decides to hold an interactive dialogue with the Special Rapporteur at its "
        "eighty-second session;"
    )
    assert [(d.paragraph, d.kind, due(d)) for d in r.deliverables] == [
        ("1", "report", ("GA", 82, "at")),
        ("3", "oral update", ("GA", 82, "at")),
        ("5", "meeting", ("GA", 82, "at")),
    ]


def test_in_the_nth_session_needs_the_body_named():
    """ "in the eighty-second session of the General Assembly" is a deadline; "in the
    eighty-second session" of no named body is not read as one, and a past one is an event."""
    r = ga(
        "1. Requests the Secretary-General to submit a report on canals in the eighty-second "
        "session of the General Assembly;\n\n"
        "2. Requests the Secretary-General to submit a report on canals in the eighty-second "
        "session;\n\n"
        "3. Requests the Secretary-General to submit a report on the progress made in the "
        "seventy-ninth session of the General Assembly on canals;"
    )
    assert [(d.paragraph, due(d)) for d in r.deliverables] == [
        ("1", ("GA", 82, "at")),
        ("2", None),
        ("3", None),
    ]


def test_recommendations_made_in_its_report_to_a_session():
    """ "to make recommendations in its report to the Assembly at its Nth session": that
    report, due at that session; a report named otherwise ("on the basis of its report to
    the Assembly at its Nth session") is not asked for."""
    r = ga(
        "1. Requests the Committee on Locks to continue its work and, in this framework, to "
        "make recommendations in its report to the Assembly at its eighty-first session;\n\n"
        "2. Requests the Secretary-General to submit a report to the General Assembly at its "
        "eighty-second session and to make proposals in that report on canals;\n\n"
        "3. Requests the Committee on Locks to continue its work on the basis of its report to "
        "the Assembly at its eighty-second session;"
    )
    assert [(d.paragraph, d.kind, due(d)) for d in r.deliverables] == [
        ("1", "report", ("GA", 81, "at")),
        ("2", "report", ("GA", 82, "at")),
    ]


def test_a_mechanism_named_before_to_and_an_adverb():
    """ "to enable the Special Envoy on Canals to promptly discharge her mandate", "the
    Special Envoy on Canals and submit": the name ends before "to promptly" and "and
    submit", so a later "the Special Envoy" is the Special Envoy on Canals."""
    r = ga(
        "1. Requests the Secretary-General to provide all assistance necessary to enable the "
        "Special Envoy on Canals to promptly and effectively discharge her mandate;\n\n"
        "2. Requests that the Special Envoy participate by way of an interactive dialogue in "
        "the eighty-first session of the General Assembly;"
    )
    assert [(d.paragraph, d.actor) for d in r.deliverables] == [("2", "Special Envoy on Canals")]
    r = ga(
        "1. Requests the Secretary-General to extend the appointment of the Special Envoy on "
        "Canals and submit the report of the Special Envoy to the General Assembly;\n\n"
        "2. Requests that the Special Envoy participate by way of an interactive dialogue in "
        "the eighty-first session of the General Assembly;"
    )
    assert [(d.paragraph, d.actor) for d in r.deliverables][-1] == ("2", "Special Envoy on Canals")


def test_the_committee_and_its_chair_are_the_committee_the_text_names():
    """ "the Committee", "the Chair of the Committee" and "the Chair of the Working Group"
    stand for the committee or working group the text names (by a capital: "the Committee
    on further steps" names none); a committee the alias table does not know ("the
    Committee on Canals") is an actor too, flagged for review."""
    r = ga(
        "1. Welcomes the work of the Committee on Enforced Disappearances and of the Working "
        "Group on Enforced or Involuntary Disappearances;\n\n"
        "2. Invites the Chair of the Committee and the Chair of the Working Group to address "
        "the General Assembly at its eighty-first session;"
    )
    assert [(d.actor, d.kind, due(d)) for d in r.deliverables] == [
        ("Chair of the Committee on Enforced Disappearances", "oral update", ("GA", 81, "at")),
        (
            "Chair of the Working Group on Enforced or Involuntary Disappearances",
            "oral update",
            ("GA", 81, "at"),
        ),
    ]
    r = ga(
        "1. Takes note of the report of the Committee on Relations with the Host Country;\n\n"
        "2. Requests the Committee to submit a report to the Assembly at its eighty-first "
        "session;\n\n"
        "3. Requests the Committee on Canals to submit a report to the Assembly at its "
        "eighty-first session;"
    )
    assert [(d.paragraph, d.actor, d.needs_review) for d in r.deliverables] == [
        ("2", "Committee on Relations with the Host Country", False),
        ("3", "Committee on Canals", True),
    ]
    r = ga(
        "1. Takes note of the report of the Committee on Canals on its first session, and "
        "invites States to inform the Committee on further steps taken;\n\n"
        "2. Requests the Committee to submit a report to the Assembly at its eighty-first "
        "session;"
    )
    assert [(d.actor, d.needs_review) for d in r.deliverables] == [("Committee on Canals", True)]


def test_a_date_is_due_to_the_one_body_the_product_goes_to():
    """A report "to the General Assembly by 31 May 2037" is due to the Assembly on that day;
    "to the Council" in a Security Council text is due to the Council. With two bodies, or
    a date without a day (which reads like "at its next session" once a body is added), the
    body stays unsaid."""
    result = ga(
        "1. Requests the Secretary-General to submit a report on water to the General Assembly "
        "by 31 May 2037;\n\n"
        "2. Requests the Secretary-General to provide to the Human Rights Council, no later than "
        "15 September 2037, an assessment of water services;\n\n"
        "3. Requests the Secretary-General to submit a report on water to the Human Rights "
        "Council and to the General Assembly by 30 June 2037;\n\n"
        "4. Requests the Secretary-General to submit a final report on water to the General "
        "Assembly by the end of 2038;\n\n"
        "5. Requests the Secretary-General to convene a meeting on water on 3 March 2037;"
    )
    dues = {d.paragraph: (d.due.body, d.due.relation, d.due.date) for d in result.deliverables}
    assert dues == {
        "1": ("GA", "by", date(2037, 5, 31)),
        "2": ("HRC", "by", date(2037, 9, 15)),
        "3": (None, "by", date(2037, 6, 30)),
        "4": (None, "by", None),
        "5": (None, "at", date(2037, 3, 3)),
    }
    council = run(
        "1. Requests the Secretary-General to provide to the Council, no later than 15 September "
        "2037, an assessment of water services;",
        body="SC",
        session=None,
    )
    assert [(d.due.body, d.due.date) for d in council.deliverables] == [("SC", date(2037, 9, 15))]


def test_a_renewed_mandates_name_ends_before_its_period():
    """ "extends the mandate of the Special Rapporteur on X for a further period of one year":
    the period is not part of the name of the mandate the next request goes to."""
    for period in ("for a further period of one year", "for a period of three years"):
        result = ga(
            "1. Decides to extend the mandate of the Independent Expert on water in informal "
            f"settlements {period}, and requests the Independent Expert to submit a report to "
            "the General Assembly at its eighty-first session;"
        )
        assert rows(result) == [
            (
                "1",
                "Independent Expert on water in informal settlements",
                "report",
                ("GA", 81, "at"),
            )
        ], period


def test_a_meeting_on_a_day_of_a_session():
    """ "on the first day of the general debate of its eighty-first session" dates the
    meeting at that session, as "during the general debate of" does."""
    for when in ("on the first day of the general debate of", "on the opening day of"):
        result = ga(
            f"1. Decides to hold a high-level plenary meeting on water {when} its eighty-first "
            "session;"
        )
        assert rows(result) == [("1", "General Assembly", "meeting", ("GA", 81, "at"))], when


def test_reporting_orally_is_an_oral_update():
    """ "to report orally on their outcome to the Council at its Nth session" asks for an oral
    update, not a written report."""
    for wording in ("to report orally on their outcome", "to report, orally, on their outcome"):
        result = run(
            f"1. Requests the Chair of the working group {wording} to the Human Rights Council "
            "at its sixty-second session;"
        )
        assert [(d.kind, due(d)) for d in result.deliverables] == [
            ("oral update", ("HRC", 62, "at"))
        ], wording


def test_a_meeting_on_a_date_during_a_week_or_part_of_a_session():
    """ "on 22 September 2027, during the high-level week of its eighty-second session": one
    meeting, on that day, at that session; "the third part of" a session is read too."""
    result = ga(
        "1. Decides to convene a one-day high-level meeting on water on 22 September 2027, "
        "during the high-level week of its eighty-second session;\n\n"
        "2. Decides to hold a commemorative meeting on water at the third part of its "
        "eighty-first session;"
    )
    assert [(d.paragraph, d.kind, due(d), d.due.date) for d in result.deliverables] == [
        ("1", "meeting", ("GA", 82, "at"), date(2027, 9, 22)),
        ("2", "meeting", ("GA", 81, "at"), None),
    ]


def test_an_interactive_multi_stakeholder_hearing_is_a_meeting():
    """The hearing the President is asked to organize before a high-level meeting is a
    meeting; a "fair hearing" States are asked to ensure is no product."""
    result = ga(
        "1. Requests the President of the General Assembly to organize, no later than 31 May "
        "2027, an interactive multi-stakeholder hearing with the participation of civil "
        "society;\n\n"
        "2. Calls upon States to ensure a fair hearing for everyone charged;"
    )
    assert [(d.paragraph, d.actor, d.kind, d.due.date) for d in result.deliverables] == [
        ("1", "President of the General Assembly", "meeting", date(2027, 5, 31))
    ]


def test_set_9_wordings_of_sessions_and_dates():
    """ "in the course of its Nth session"; "at the latest at its Nth session" (by); a day
    with its weekday; a meeting "to be held on" a date (one to come, where "held on" is one
    past); "continue its examination ... at its Nth session" (the consideration)."""
    result = ga(
        "1. Decides to convene, in the course of its eighty-second session, a one-day "
        "high-level meeting on water, to be held on Thursday, 3 December 2027;\n\n"
        "2. Requests the Secretary-General to submit a report on water to the General "
        "Assembly at the latest at its eighty-third session;\n\n"
        "3. Requests the Secretary-General to convene a meeting on sanitation, recalling the "
        "meeting held on 5 May 2024;\n\n"
        "4. Decides to continue its examination of the question at its eighty-second session;"
    )
    assert [
        (d.paragraph, d.kind, due(d), d.due.date if d.due else None) for d in result.deliverables
    ] == [
        ("1", "meeting", ("GA", 82, "at"), date(2027, 12, 3)),
        ("2", "report", ("GA", 83, "by"), None),
        ("3", "meeting", None, None),
    ]
    considered = extract_text(
        "United Nations A/RES/81/77\nGeneral Assembly\n\nResolution adopted by the General "
        "Assembly on 1 December 2026\n\n81/77. Water\n\nThe General Assembly,\n\nRecalling its "
        "resolution 79/1,\n\n1. Decides to continue its examination of the question at its "
        "eighty-second session;\n"
    ).consideration
    assert (considered.body, considered.session) == ("GA", 82)


def test_the_committee_after_the_advisory_committee_is_the_advisory_committee():
    """ "the Human Rights Council Advisory Committee ..., and also requests the Committee to
    submit a progress report": the Committee is the Advisory Committee."""
    result = run(
        "1. Requests the Human Rights Council Advisory Committee to prepare a study on water "
        "and to present it to the Council at its sixty-sixth session, and also requests the "
        "Committee to submit a progress report to the Council at its sixty-fourth session;"
    )
    assert rows(result) == [
        ("1", "Advisory Committee", "report", ("HRC", 64, "at")),
        ("1", "Advisory Committee", "study", ("HRC", 66, "at")),
    ]


def test_its_session_is_the_addressed_councils_when_the_assemblys_is_past():
    """An Assembly text asking the Human Rights Council to convene a panel "at its
    sixty-fifth session": the Council's session (the Assembly's sixty-fifth is long past, and
    the panel had been dropped as a reference to it). The Assembly's own past session stays
    a reference."""
    r = ga(
        "1. Requests the Human Rights Council to convene a half-day panel discussion on canals "
        "at its sixty-fifth session;\n\n"
        "2. Requests the Secretary-General to submit a report on canals at its sixty-fifth "
        "session;"
    )
    assert rows(r) == [
        ("1", "Human Rights Council", "panel", ("HRC", 65, "at")),
        ("2", "Secretary-General", "report", None),
    ]


def test_a_special_sessions_next_regular_session_is_not_its_number_plus_one():
    """A special session (S-39) is numbered apart from the regular sessions: "at its next
    regular session" is the one after the last regular session opened by the adoption date
    (HRC 64 for 18 January 2027; it had read HRC 40, a session of 2019, so the update would
    have been overdue on arrival), still flagged; printed regular sessions are read as
    printed, and without an adoption date "next" stays unnumbered."""
    from mandates.extraction import extract_text

    text = (
        "Human Rights Council\n\nThirty-ninth special session\n\n"
        "Resolution adopted by the Human Rights Council on 18 January 2027\n\n"
        "S-39/1.\tThe situation of human rights in Canalia (example)\n\n"
        "The Human Rights Council,\n\nRecalling its earlier resolutions,\n\n"
        "1. Requests the High Commissioner to present an urgent oral update on the situation "
        "to the Human Rights Council at its next regular session;\n\n"
        "2. Also requests the High Commissioner to present a comprehensive report to the "
        "Human Rights Council at its sixty-sixth session;\n\n"
        "2nd meeting\n18 January 2027\n\n[Adopted without a vote.]\n"
    )
    result = extract_text(text, source_name="A_HRC_RES_S-39_1.txt")
    assert result.symbol == "A/HRC/RES/S-39/1"
    assert [(d.paragraph, d.kind, due(d)) for d in result.deliverables] == [
        ("1", "oral update", ("HRC", 64, "at")),
        ("2", "report", ("HRC", 66, "at")),
    ]
    assert "implied deadline: next session" in result.deliverables[0].review_reasons

    undated = extract_text(
        text.replace(
            "Resolution adopted by the Human Rights Council on 18 January 2027", ""
        ).replace("18 January 2027", ""),
        source_name="A_HRC_RES_S-39_1.txt",
    )
    assert undated.adopted_on is None
    assert due(undated.deliverables[0]) == ("HRC", None, "at")


@pytest.mark.parametrize(
    ("body", "day", "opened"),
    [
        ("HRC", date(2027, 1, 18), 63),  # between the September and February sessions
        ("HRC", date(2027, 2, 22), 64),  # the earliest February opening on record
        ("HRC", date(2026, 5, 20), 61),  # a special session in May
        ("HRC", date(2026, 6, 13), 62),  # the earliest June opening
        ("HRC", date(2025, 11, 14), 60),
        ("GA", date(2025, 3, 4), 79),  # an emergency special session in March
        ("GA", date(2025, 9, 9), 80),
        ("HRC", date(2006, 12, 1), None),  # before the three-session year
        ("HRC", None, None),
    ],
)
def test_regular_session_opened_by(body, day, opened):
    """The last regular session opened by a day, as sessions.csv dates them."""
    from mandates.extraction.deadlines import regular_session_opened_by

    assert regular_session_opened_by(body, day) == opened


def test_a_decisions_sub_paragraph_with_its_own_subject_gives_that_body_a_duty():
    """Under "Also decides on the following arrangements:", "(b) The President of the
    General Assembly shall organize ... a hearing, and is requested to prepare a summary" and
    "(c) The Secretary-General is requested to prepare a report" are their requests; a
    sub-paragraph that describes ("(a) The meeting shall consist of ...") asks for nothing."""
    r = ga(
        "2. Also decides on the following organizational arrangements for the meeting:\n\n"
        "(a) The high-level meeting shall consist of an opening segment and two panels;\n\n"
        "(b) The President of the General Assembly shall organize, before the meeting, an "
        "interactive multi-stakeholder hearing, and is requested to prepare a summary of the "
        "hearing;\n\n"
        "(c) The Secretary-General is requested to prepare a report with recommendations, to "
        "be considered at the eighty-first session;"
    )
    assert sorted((d.paragraph, d.actor, d.kind, due(d)) for d in r.deliverables) == [
        ("2(b)", "President of the General Assembly", "meeting", None),
        ("2(b)", "President of the General Assembly", "report", None),
        ("2(c)", "Secretary-General", "report", ("GA", 81, "at")),
    ]


def test_a_sub_paragraph_sentence_under_a_request_is_not_read_as_a_decision():
    """The rule is a decision's: a States' sub-paragraph under "Requests" stays as it was."""
    r = ga(
        "2. Requests the Secretary-General:\n\n"
        "(a) The Member States shall submit their views before the eighty-first session;"
    )
    assert r.deliverables == []


def test_a_meeting_that_shall_be_held_at_a_session_is_the_assemblys():
    """ "Decides that the high-level meeting on X shall be held on the day immediately
    following the opening of the general debate of the eighty-second session" is a meeting
    at GA 82, as "to be held" is."""
    r = ga(
        "1. Decides that the high-level meeting on the protection of displaced persons shall "
        "be held on the day immediately following the opening of the general debate of the "
        "eighty-second session of the General Assembly, in New York;"
    )
    assert [(d.actor, d.kind, due(d)) for d in r.deliverables] == [
        ("General Assembly", "meeting", ("GA", 82, "at"))
    ]


def test_a_high_level_midterm_review_the_assembly_convenes_is_a_meeting():
    """ "Decides to convene a comprehensive high-level midterm review of X at its
    eighty-sixth session" is the Assembly's meeting at GA 86."""
    r = ga(
        "1. Decides to convene a comprehensive high-level midterm review of the implementation "
        "of the Programme of Action at its eighty-sixth session;"
    )
    assert [(d.actor, d.kind, due(d)) for d in r.deliverables] == [
        ("General Assembly", "meeting", ("GA", 86, "at"))
    ]


def test_sub_paragraphs_that_name_the_products_of_the_leads_request():
    """ "Requests the Secretary-General to prepare the following: (a) A study ..., to be
    presented to the Council at its sixty-ninth session; (b) A compilation ..." are his
    products with their own deadlines; one without takes the lead's single session,
    flagged; a lead that names its product ("a report ..., including: (a) A review of X")
    lists contents, not products."""
    r = ga(
        "1. Requests the Secretary-General to submit to the General Assembly at its "
        "eighty-second session:\n\n"
        "(a) A report on the implementation of the present resolution;\n\n"
        "(b) A compilation of national practices;\n\n"
        "2. Requests the Secretary-General to prepare the following:\n\n"
        "(a) A study on the impact of the measures, to be presented to the Human Rights "
        "Council at its sixty-ninth session;\n\n"
        "(b) A compilation of legal frameworks, to be made available before the eighty-third "
        "session of the General Assembly;\n\n"
        "3. Requests the Secretary-General to submit a report to the General Assembly at its "
        "eighty-first session, including the following elements:\n\n"
        "(a) A comprehensive review of all funding models;\n\n"
        "(b) A detailed accountability model;"
    )
    assert sorted((d.paragraph, d.kind, due(d)) for d in r.deliverables) == [
        ("1(a)", "report", ("GA", 82, "at")),
        ("1(b)", "compilation", ("GA", 82, "at")),
        ("2(a)", "study", ("HRC", 69, "at")),
        ("2(b)", "compilation", ("GA", 83, "before")),
        ("3", "report", ("GA", 81, "at")),
    ]
    lead_dated = [d for d in r.deliverables if d.paragraph.startswith("1(")]
    assert all(d.review_reasons == ["deadline from the paragraph's lead"] for d in lead_dated)
    assert not any(d.needs_review for d in r.deliverables if d.paragraph.startswith("2("))


def test_an_annexed_programme_restating_an_operative_request_adds_no_row():
    """The operative part asks for an annual report from GA 82 and the adopted programme
    in the annex says "We invite the Secretary-General to report annually ..., starting at
    its eighty-second session": one report. An annex request of its own stays, flagged."""
    text = (
        "General Assembly\n\nEighty-first session\n\n"
        "Resolution adopted by the General Assembly on 1 June 2027\n\n"
        "81/279. Programme of Action for coastal States (example)\n\n"
        "The General Assembly,\n\nRecalling its resolution 80/1,\n\n"
        "1. Adopts the Programme of Action for Coastal States, annexed to the present "
        "resolution;\n\n"
        "2. Requests the Secretary-General to submit to the General Assembly, starting at its "
        "eighty-second session, an annual report on progress in the implementation of the "
        "Programme of Action;\n\n"
        "90th plenary meeting\n1 June 2027\n\n"
        "Annex\n\nProgramme of Action for Coastal States\n\n"
        "1. We invite the Secretary-General to report annually to the General Assembly, "
        "starting at its eighty-second session, on the implementation of this Programme;\n\n"
        "2. We request the Secretary-General to convene an expert group meeting before the "
        "eighty-third session of the General Assembly;\n"
    )
    result = extract_text(text, source_name="A_RES_81_279.txt")
    assert sorted((d.paragraph, d.kind, due(d)) for d in result.deliverables) == [
        ("2", "report", ("GA", 82, "at")),
        ("annex.2", "meeting", ("GA", 83, "before")),
    ]
    assert result.deliverables[-1].needs_review


# --- held-out set 22 (who delivers what), first score


def test_an_object_after_an_aside_set_off_by_commas():
    """A production verb, an aside between commas ("through ...", "in consultation with ...",
    "during ..."), then an object without an article: the object is the product. An aside
    that names a report is where the rest goes: that report stays the product."""
    cases = {
        "1. Requests the Secretary-General to submit, through the Committee on Canal Budgets, "
        "revised estimates for consideration by the General Assembly at the main part of its "
        "eighty-second session;": [("1", "Secretary-General", "report", ("GA", 82, "at"))],
        "1. Requests the Office to develop, in consultation with the lock keepers, practical "
        "guidelines on canal safety;": [("1", "OHCHR", "other", None)],
        "1. Requests the Secretary-General to present, as part of his annual report on canals, "
        "recommendations on lock safety;": [("1", "Secretary-General", "report", None)],
    }
    for text, expected in cases.items():
        assert rows(ga(text)) == expected, text
    r = ga(
        "1. Requests the President of the General Assembly to organize, during the "
        "eighty-first session, three informal interactive hearings on canals;"
    )
    assert [(d.kind, d.count, due(d)) for d in r.deliverables] == [("meeting", 3, ("GA", 81, "at"))]


def test_the_session_where_other_texts_are_to_be_adopted_dates_nothing():
    """ "revised estimates in respect of resolutions to be adopted by the Council at its Nth
    session": the Council's session is what the estimates are about, the Assembly's the
    deadline. A draft resolution to be adopted at a session is a product dated there."""
    r = ga(
        "1. Requests the Secretary-General to submit revised estimates in respect of "
        "resolutions and decisions to be adopted by the Human Rights Council at its sixtieth "
        "and sixty-first sessions, for consideration by the General Assembly at its "
        "eighty-first session;"
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("GA", 81, "at"))]
    r = ga(
        "1. Requests the Secretary-General to prepare a draft resolution on canals to be "
        "adopted by the General Assembly at its eighty-first session;"
    )
    assert rows(r) == [("1", "Secretary-General", "other", ("GA", 81, "at"))]


def test_findings_presented_at_a_briefing_before_a_session():
    """ "to present its main findings to Member States at an informal briefing before the Nth
    session": the presenter's oral update, due before that session."""
    r = ga(
        "1. Requests the Office to prepare a study on canal tolls, and:\n\n"
        "(a) To present its main findings to Member States at an informal briefing in Geneva "
        "before the eighty-second session of the General Assembly;\n\n"
        "(b) To submit the full study to the Human Rights Council at its sixty-fourth session;"
    )
    assert rows(r) == [
        ("1", "OHCHR", "study", None),
        ("1(a)", "OHCHR", "oral update", ("GA", 82, "before")),
        ("1(b)", "OHCHR", "study", ("HRC", 64, "at")),
    ]


def test_to_compile_with_an_aside_and_make_the_compilation_available():
    """ "to compile, in consultation with States, X, and to make the compilation available no
    later than the Nth session": the compilation, due by that session (an aside after
    "compile" had hidden it)."""
    r = run(
        "1. Requests the Office to compile, in consultation with States and lock keepers, "
        "existing rules on canal safety, and to make the compilation available on its website "
        "no later than the sixty-first session of the Council;"
    )
    assert rows(r) == [("1", "OHCHR", "compilation", ("HRC", 61, "by"))]


def test_an_office_of_the_secretariat_named_with_its_owner():
    """ "the Department of Economic and Social Affairs of the Secretariat, in cooperation with
    the Office ..., to prepare a joint study": the department's study (the name had been
    taken for another's, as "the secretariat of the Convention" is, and the request lost)."""
    r = ga(
        "1. Requests the Department of Economic and Social Affairs of the Secretariat, in "
        "cooperation with the Office of the United Nations High Commissioner for Human Rights, "
        "to prepare a joint study on canal workers, and to make it available to the Human "
        "Rights Council at its sixty-fourth session;"
    )
    assert rows(r) == [
        ("1", "Department of Economic and Social Affairs", "study", ("HRC", 64, "at"))
    ]
    assert r.deliverables[0].partners == ["OHCHR"]
    assert not r.deliverables[0].needs_review


def test_two_mandate_holders_report_on_their_respective_mandates():
    """ "Requests the X and the Y to submit reports ... on their respective mandates": one
    report each (as two chairs asked to address the Assembly speak each); a joint report of
    the two stays one, flagged with both."""
    r = ga(
        "1. Requests the Special Rapporteur on canals and the Independent Expert on locks to "
        "submit reports to the General Assembly at its eighty-first session on the activities "
        "undertaken in fulfilment of their respective mandates;"
    )
    assert rows(r) == [
        ("1", "Independent Expert on locks", "report", ("GA", 81, "at")),
        ("1", "Special Rapporteur on canals", "report", ("GA", 81, "at")),
    ]
    assert [m.actor for m in r.mandates] == [
        "Special Rapporteur on canals",
        "Independent Expert on locks",
    ]
    r = ga(
        "1. Requests the Special Rapporteur on canals and the Independent Expert on locks, "
        "within their respective mandates, to submit a joint report to the General Assembly "
        "at its eighty-first session;"
    )
    assert rows(r) == [("1", "Special Rapporteur on canals", "report", ("GA", 81, "at"))]
    assert "several actors" in " ".join(r.deliverables[0].review_reasons)


_LOCKS = (
    "Special Rapporteur on the protection of canal workers in the context of automation and "
    "the electrification of locks"
)


def test_a_mandates_title_that_goes_on_after_and_the():
    """A mandate titled "... in the context of automation and the electrification of locks",
    printed whole in the title line and where the mandate is extended, keeps its whole
    title, named in full or referred back to; "and the treaty bodies" is another actor."""
    r = run(
        f"{_LOCKS}\n\n"
        f"1. Decides to extend the mandate of the {_LOCKS} for a period of three years;\n\n"
        "2. Requests the Special Rapporteur to submit a report to the Human Rights Council at "
        "its sixty-first session;\n\n"
        f"3. Also requests the {_LOCKS} to present an oral update to the Council at its "
        "sixtieth session;"
    )
    assert rows(r) == [
        ("2", _LOCKS, "report", ("HRC", 61, "at")),
        ("3", _LOCKS, "oral update", ("HRC", 60, "at")),
    ]
    r = run(
        "1. Requests the Special Rapporteur on canal workers and the treaty bodies to submit "
        "a report to the Council at its sixty-first session;\n\n"
        "2. Invites the Special Rapporteur on canal workers and the treaty bodies to consider "
        "the matter;"
    )
    assert [d.actor for d in r.deliverables] == ["Special Rapporteur on canal workers"]


def test_a_report_as_the_subject_of_a_decision_is_no_actor():
    """ "Decides that the biennial report of the Secretary-General on X, which the Assembly
    requested in its resolution N, shall continue to be presented to the Assembly" asks
    nothing new: no mandate with the report as its actor (0.3.48). A body as the subject of
    the same sentence still has its duty."""
    r = run(
        "1. Decides that the biennial report of the Secretary-General on inland canals, which "
        "the General Assembly requested in its resolution 79/161, shall continue to be "
        "presented to the Assembly and not to the Council;\n\n"
        "2. Decides that the annual study of the Advisory Committee on locks shall continue to "
        "be presented to the Council;\n\n"
        "3. Decides that the Expert Mechanism on Canals shall continue to present an annual "
        "report to the Council at its sixty-first session;",
        session=59,
    )
    assert [(m.paragraph, m.actor) for m in r.mandates] == [("3", "Expert Mechanism on Canals")]
    assert not any("report of" in w.lower() or "study of" in w.lower() for w in r.warnings)
    assert rows(r) == [("3", "Expert Mechanism on Canals", "report", ("HRC", 61, "at"))]
