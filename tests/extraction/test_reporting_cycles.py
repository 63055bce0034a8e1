"""Reporting cycles: reports sent through another body, recurring reports from a first
session, an oral update followed by a report, guidelines presented to a body (own
sentences, never resolution text)."""

from __future__ import annotations

from tests.extraction.test_requests import due, run


def dues(r):
    return sorted((d.paragraph, d.actor, d.kind, due(d)) for d in r.deliverables)


# --- 1. "to the General Assembly, through the Economic and Social Council, at its ..."


def test_sessions_after_a_channel_are_the_recipients():
    """The body after "through" carries the report; the sessions are the Assembly's."""
    r = run(
        "1. Requests the Secretary-General to submit a report on desert locust control to the "
        "General Assembly, through the Economic and Social Council, at its ninety-first and "
        "ninety-third sessions;",
        body="GA",
        session=90,
    )
    assert dues(r) == [
        ("1", "Secretary-General", "report", ("GA", 91, "at")),
        ("1", "Secretary-General", "report", ("GA", 93, "at")),
    ]


def test_channel_without_commas_and_a_commission_channel():
    """Without commas, and through a functional commission, the recipient keeps the session."""
    plain = run(
        "1. Requests the Secretary-General to report to the General Assembly through the "
        "Economic and Social Council at its ninety-second session on coastal fisheries;",
        body="GA",
        session=90,
    )
    commission = run(
        "1. Requests the Secretary-General to submit a report on rural women to the General "
        "Assembly, through the Commission on the Status of Women, at its ninety-second session;",
        body="GA",
        session=90,
    )
    assert dues(plain) == [("1", "Secretary-General", "report", ("GA", 92, "at"))]
    assert dues(commission) == [("1", "Secretary-General", "report", ("GA", 92, "at"))]


def test_year_session_through_a_commission_is_the_councils():
    """ "to the Economic and Social Council, through the Commission ..., at its 2037 session"
    is the Council's session of that year (a commission's sessions have no year)."""
    r = run(
        "1. Requests the Secretary-General to submit to the Economic and Social Council, through "
        "the Commission for Social Development, at its 2037 session, a report on ageing;",
        body="GA",
        session=90,
    )
    assert dues(r) == [("1", "Secretary-General", "report", ("ECOSOC", 2037, "at"))]


def test_channel_with_its_own_session_keeps_it():
    """ "to the Assembly at its Nth session, through the Council at its 2036 session": the
    Council's own session stays the Council's; a channel with no recipient keeps its session."""
    both = run(
        "1. Requests the Secretary-General to report to the General Assembly at its ninety-first "
        "session, through the Economic and Social Council at its 2036 session, on fisheries;",
        body="GA",
        session=90,
    )
    alone = run(
        "1. Requests the Secretary-General to submit a report through the Economic and Social "
        "Council at its 2037 session;",
        body="GA",
        session=90,
    )
    assert dues(both) == [
        ("1", "Secretary-General", "report", ("ECOSOC", 2036, "at")),
        ("1", "Secretary-General", "report", ("GA", 91, "at")),
    ]
    assert dues(alone) == [("1", "Secretary-General", "report", ("ECOSOC", 2037, "at"))]


def test_report_to_the_council_at_its_session_stays_the_councils():
    """No channel: "to the Economic and Social Council at its 2036 session" is the Council's."""
    r = run(
        "1. Requests the Secretary-General to submit a report to the Economic and Social Council "
        "at its 2036 session;",
        body="GA",
        session=90,
    )
    assert dues(r) == [("1", "Secretary-General", "report", ("ECOSOC", 2036, "at"))]


# --- 2. "to the General Assembly in alternate years, beginning at its Nth session"


def cycles(r):
    return sorted((d.kind, due(d), d.recurring) for d in r.deliverables)


def test_series_beginning_after_a_recurrence_is_the_named_bodys():
    """How often, between the body and "beginning at": the first session is the Assembly's
    (in a Council text of 2045, whose own 102nd session is long past)."""
    for wording, recurring in (
        ("annually, beginning at", "annual"),
        ("biennially, starting at", "biennial"),
        ("every two years as from", "biennial"),
        ("in alternate years, commencing at", "biennial"),
        ("annually from", "annual"),
    ):
        r = run(
            f"1. Requests the Special Rapporteur on dry lands to report to the General Assembly "
            f"{wording} its one hundred and second session;",
            session=120,
        )
        assert cycles(r) == [("report", ("GA", 102, "at"), recurring)], wording


def test_recurrence_of_one_body_stays_with_its_reports():
    """Council sessions named one by one are no series; the Assembly's reports are biennial."""
    r = run(
        "1. Requests the Special Rapporteur on dry lands to report to the Council at its one "
        "hundred and twenty-second and one hundred and twenty-fifth sessions and to the General "
        "Assembly in alternate years, beginning at its one hundred and second session;",
        session=120,
    )
    assert cycles(r) == [
        ("report", ("GA", 102, "at"), "biennial"),
        ("report", ("HRC", 122, "at"), None),
        ("report", ("HRC", 125, "at"), None),
    ]


def test_two_bodies_before_a_series_keep_both_reports():
    """ "annually to the Council and to the Assembly in alternate years, beginning at ...":
    the Council's annual report (undated) stays beside the Assembly's series."""
    r = run(
        "1. Requests the Special Rapporteur on dry lands to report annually to the Council and "
        "to the General Assembly in alternate years, beginning at its one hundred and second "
        "session;",
        session=120,
    )
    assert cycles(r) == [
        ("report", ("GA", 102, "at"), "biennial"),
        ("report", ("HRC", None, None), "annual"),
    ]


def test_series_until_a_session_keeps_its_recurrence():
    """ "annually, starting from its Nth session, until its Mth session": both annual."""
    r = run(
        "1. Requests the Special Rapporteur on dry lands to submit a report to the Council "
        "annually, starting from its one hundred and twenty-second session, until its one "
        "hundred and twenty-eighth session;",
        session=120,
    )
    assert cycles(r) == [
        ("report", ("HRC", 122, "at"), "annual"),
        ("report", ("HRC", 128, "by"), "annual"),
    ]


def test_alternate_years_and_every_second_year_are_biennial():
    """ "in alternate years" and "every second year" recur every two years, as "every other
    year" does (the planner reads the same words)."""
    r = run(
        "1. Requests the Secretary-General to submit to the General Assembly a report on dry "
        "lands every second year, starting at its ninety-second session;",
        body="GA",
        session=90,
    )
    assert cycles(r) == [("report", ("GA", 92, "at"), "biennial")]


# --- 3. "an oral update at its Nth session, followed by a comprehensive report at its Mth"


def test_report_that_follows_an_oral_update_is_a_report():
    """The product after "followed by" is the next of the series, with its own kind; the
    interactive dialogue that follows it is how it is presented, no product of its own."""
    r = run(
        "1. Requests the High Commissioner to give an oral update to the Council at its one "
        "hundred and twenty-first session, followed by a written report at its one hundred and "
        "twenty-third session, to be followed by an interactive dialogue, on drought;",
        session=120,
    )
    assert dues(r) == [
        ("1", "High Commissioner", "oral update", ("HRC", 121, "at")),
        ("1", "High Commissioner", "report", ("HRC", 123, "at")),
    ]


def test_report_following_a_workshop_is_listed_with_its_session():
    """ "a workshop before the Nth session, followed by a summary report at the Mth": two."""
    r = run(
        "1. Requests the Office to organize a workshop on drought before the one hundred and "
        "twenty-second session, followed by a summary report to the Council at its one hundred "
        "and twenty-third session;",
        session=120,
    )
    assert dues(r) == [
        ("1", "OHCHR", "report", ("HRC", 123, "at")),
        ("1", "OHCHR", "seminar", ("HRC", 122, "before")),
    ]


# --- 4. guidelines developed after a list of partners, presented at a session


def test_guidelines_after_a_list_of_partners_are_presented_at_the_session():
    """An aside that lists partners with commas ("in consultation with A, B, the C and
    other partners,") still leaves the guidelines the object (kind "other")."""
    r = run(
        "1. Requests the Office to develop, in consultation with States, indigenous peoples, the "
        "World Meteorological Organization and other relevant partners, practical guidelines on "
        "drought preparedness, and to present them to the Council at its one hundred and "
        "twenty-third session;",
        session=120,
    )
    assert dues(r) == [("1", "OHCHR", "other", ("HRC", 123, "at"))]


def test_object_with_an_article_after_a_list_ends_the_aside():
    """ "..., a compilation of laws, policies and practices": the compilation is the
    product; "policies" inside its title is none."""
    r = run(
        "1. Requests the Office to prepare, in consultation with States, cities and other "
        "stakeholders, and taking into account the work of the Special Rapporteur, a compilation "
        "of laws, policies and practices on drought, and to make it available before the one "
        "hundred and twenty-third session of the Council;",
        session=120,
    )
    assert dues(r) == [("1", "OHCHR", "compilation", ("HRC", 123, "before"))]


def test_guidelines_taken_note_of_are_no_deliverable():
    """Guidelines the Council takes note of were presented already: nothing asked."""
    r = run(
        "1. Takes note of the practical guidelines on drought preparedness presented to the "
        "Council at its one hundred and nineteenth session;",
        session=120,
    )
    assert r.deliverables == []
