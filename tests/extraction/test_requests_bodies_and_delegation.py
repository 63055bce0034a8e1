"""Requests: the bodies a product goes to, delegated requests and what is not a product
(own sentences, never resolution text)."""

from __future__ import annotations

from tests.extraction.test_requests import due, run


def kinds(r):
    return sorted((d.paragraph, d.actor, d.kind, due(d)) for d in r.deliverables)


# --- 1. the body of a report named with "for consideration by" / "present to ... a report"


def test_report_for_consideration_by_body():
    r = run(
        "1. Requests the Secretary-General to continue to report, pursuant to earlier "
        "decisions, on measures against fraud, including on progress made in implementing a "
        "uniform vetting policy across the Secretariat, for consideration by the General Assembly;",
        body="GA",
        session=75,
    )
    [d] = r.deliverables
    assert (d.kind, d.due.body, d.due.session) == ("report", "GA", None)


def test_report_to_body_for_its_consideration():
    r = run(
        "1. Invites the Working Group to moderate the annual forum and to submit a report on "
        "the proceedings of the forum to the Human Rights Council for its consideration;"
    )
    [d] = r.deliverables
    assert (d.kind, d.due.body, d.due.session) == ("report", "HRC", None)


def test_body_after_verb_goes_to_the_product_that_follows():
    r = run(
        "1. Urges the Special Rapporteur to continue his consultations with relevant agencies "
        "so that he may present to the Human Rights Council, in accordance with its programme "
        "of work, an annual report on the implementation of its resolutions;"
    )
    report = [d for d in r.deliverables if d.kind == "report"]
    assert [(d.due.body, d.recurring) for d in report] == [("HRC", "annual")]
    others = [d for d in r.deliverables if d.kind != "report"]
    assert all(d.due is None or d.due.body != "HRC" for d in others)


def test_report_for_consideration_by_body_at_session_unchanged():
    r = run(
        "1. Requests the Secretary-General to submit a report on the question for "
        "consideration by the General Assembly at its eighty-second session;",
        body="GA",
        session=80,
    )
    assert [due(d) for d in r.deliverables] == [("GA", 82, "at")]


# --- 2. implementing or encouraging is not producing


def test_implementing_recommendations_is_not_a_deliverable():
    r = run(
        "1. Urges the Secretary-General to implement all twelve recommendations contained in "
        "the report of the Board in all offices in a timely manner;",
        body="GA",
        session=75,
    )
    assert r.deliverables == []


def test_encouraging_states_to_convene_is_not_a_deliverable():
    r = run(
        "1. Requests the Secretary-General to strengthen his efforts, and also to continue to "
        "encourage Member States to consider the convening of an international summit, as "
        "proposed earlier, to identify ways of reducing risks, and to report thereon to the "
        "General Assembly at its eighty-third session;",
        body="GA",
        session=81,
    )
    assert kinds(r) == [("1", "Secretary-General", "report", ("GA", 83, "at"))]


def test_urging_states_first_gives_the_actor_nothing_of_theirs():
    r = run(
        "1. Requests the Secretary-General to urge Member States to hold national "
        "consultations, and to report thereon to the General Assembly at its eighty-second "
        "session;",
        body="GA",
        session=80,
    )
    assert kinds(r) == [("1", "Secretary-General", "report", ("GA", 82, "at"))]


# --- 3. "to invite X to report": the report is X's


def test_invited_body_reports():
    r = run(
        "1. Requests the Secretary-General to invite the Internal Justice Council to monitor "
        "and report on the timely issuance of decisions, in line with its terms of reference;",
        body="GA",
        session=75,
    )
    [d] = r.deliverables
    assert d.kind == "report"
    assert d.actor != "Secretary-General"
    assert "Internal Justice Council" in d.actor


def test_invited_states_give_nothing_but_own_report_stays():
    r = run(
        "1. Requests the Secretary-General to invite Member States to submit their views on "
        "the matter, and to submit a report to the General Assembly at its eighty-second "
        "session;",
        body="GA",
        session=80,
    )
    assert kinds(r) == [("1", "Secretary-General", "report", ("GA", 82, "at"))]


# --- 4. "in the context of his next report"


def test_information_in_the_context_of_next_report():
    r = run(
        "1. Requests the Secretary-General to provide this information and, where needed, "
        "further proposals in the context of his next report;",
        body="GA",
        session=75,
    )
    [d] = r.deliverables
    assert (d.actor, d.kind, d.due) == ("Secretary-General", "report", None)


def test_next_report_named_after_a_report_is_the_same_report():
    r = run(
        "1. Requests the Secretary-General to submit a report on the topic to the General "
        "Assembly at its eighty-second session, and to provide figures on staffing in his "
        "next report;",
        body="GA",
        session=80,
    )
    assert [due(d) for d in r.deliverables] == [("GA", 82, "at")]


# --- 5. "apprise/inform the Assembly ... at its Nth session": a report due there


def test_apprise_the_assembly_at_session_is_a_report():
    r = run(
        "1. Requests the Secretary-General to apprise the General Assembly of the replies "
        "received at its eighty-second session;",
        body="GA",
        session=80,
    )
    [d] = r.deliverables
    assert (d.kind, due(d)) == ("report", ("GA", 82, "at"))


# --- 6. products the kinds table must know


def test_recommendation_draft_resolution_and_compiling_document():
    r = run(
        "1. Requests the Commission to submit to the General Assembly at its eighty-first "
        "session a recommendation on the allowance;\n"
        "2. Requests the Committee to submit a draft resolution on the outcome for the "
        "consideration of the General Assembly, in plenary meeting, at its eighty-second "
        "session;\n"
        "3. Requests the Secretary-General to submit to the General Assembly at its "
        "eighty-third session a document compiling the replies received;",
        body="GA",
        session=80,
    )
    assert [(d.paragraph, d.kind, due(d)) for d in r.deliverables] == [
        ("1", "other", ("GA", 81, "at")),
        ("2", "other", ("GA", 82, "at")),
        ("3", "compilation", ("GA", 83, "at")),
    ]


# --- 7. deadlines at another body: one deliverable per session


def test_oral_reports_to_another_commission_each_session():
    r = run(
        "1. Also requests the Secretary-General to present an oral report to the Commission "
        "on the Status of Women at its seventieth and seventy-first sessions;",
        body="GA",
        session=80,
    )
    assert [(d.kind, due(d)) for d in r.deliverables] == [
        ("oral update", ("CSW", 70, "at")),
        ("oral update", ("CSW", 71, "at")),
    ]


# --- the infinitive is the verb right after the actor, even when the verb list lacks it


def test_unlisted_infinitive_right_after_actor():
    r = run(
        "1. Invites the High Commissioner to accompany the implementation of the "
        "recommendations, and include, in the report to be presented to the Human Rights "
        "Council at its sixty-first session, follow-up to those recommendations;"
    )
    assert [(d.actor, d.kind, due(d)) for d in r.deliverables] == [
        ("High Commissioner", "report", ("HRC", 61, "at"))
    ]


def test_noun_inside_a_hyphenated_modifier_is_not_a_product():
    r = run(
        "1. Requests the Secretary-General to strengthen the Office through additional "
        "regular budget-funded posts to enhance its work in the field;",
        body="GA",
        session=80,
    )
    assert r.deliverables == []
