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
