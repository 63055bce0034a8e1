"""Session mentions, dates, recurrence and bodies in operative text."""

from datetime import date

import pytest

from mandates.extraction.deadlines import RECUR_RE, body_code, find_dates, find_sessions, recurrence


def sessions(text, body="HRC", session=59):
    found = find_sessions(text, 0, len(text), body=body, session=session)
    return [(m.body, m.sessions, m.relation, m.alternatives) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at its sixty-fifth session", [("HRC", [65], "at", [])]),
        ("before the sixty-fifth session of the Council", [("HRC", [65], "before", [])]),
        ("in advance of its sixtieth session", [("HRC", [60], "before", [])]),
        ("prior to its sixtieth session", [("HRC", [60], "before", [])]),
        ("in time for its sixtieth session", [("HRC", [60], "before", [])]),
        ("to the Assembly, in time for its ninety-third session", [("GA", [93], "before", [])]),
        ("no later than its sixtieth session", [("HRC", [60], "by", [])]),
        ("no later than at its sixtieth session", [("HRC", [60], "by", [])]),
        ("by the end of its sixtieth session", [("HRC", [60], "by", [])]),
        ("for consideration at its sixtieth session", [("HRC", [60], "at", [])]),
        ("to the General Assembly at its eighty-first session", [("GA", [81], "at", [])]),
        ("at the eighty-first session of the General Assembly", [("GA", [81], "at", [])]),
        ("at the main part of its eighty-first session", [("HRC", [81], "at", [])]),
        ("at its sixty-first and sixty-fourth sessions", [("HRC", [61, 64], "at", [])]),
        (
            "at its sixty-first, sixty-second and sixty-third sessions",
            [("HRC", [61, 62, 63], "at", [])],
        ),
        ("at its sixty-first to sixty-third sessions", [("HRC", [61, 62, 63], "at", [])]),
        ("at its 65th session", [("HRC", [65], "at", [])]),
        ("at its sixty-second fifth session", [("HRC", [65], "at", [62])]),
        ("at its sixty-second session; sixty fifth", [("HRC", [65], "at", [62])]),
        ("at the Council's sixty-first session", [("HRC", [61], "at", [])]),
        ("starting at its sixtieth session", [("HRC", [60], "at", [])]),
    ],
)
def test_session_phrases(text, expected):
    """Each way of naming a session gives its body, numbers, relation and residue."""
    assert sessions(text) == expected


def test_past_sessions_are_references():
    """Sessions of the adopting body before the present one are not deadlines."""
    assert sessions("at its fiftieth session") == []
    assert sessions("the panel discussion held at its sixtieth session") == []


def test_present_and_next_session():
    """ "present session" is the adopting session; "next session" is one more, implied."""
    found = find_sessions("at its next session", 0, 19, body="HRC", session=59)
    assert (found[0].sessions, found[0].implied) == ([60], "next session")
    assert sessions("at its present session") == [("HRC", [59], "at", [])]


def test_their_sessions_respectively():
    """ "to the Assembly and the Council at their ... sessions, respectively" maps in order."""
    text = (
        "to the General Assembly and the Human Rights Council at their eighty-first and "
        "sixty-second sessions, respectively"
    )
    [found] = find_sessions(text, 0, len(text), body="GA", session=80)
    assert (found.bodies, found.sessions) == (["GA", "HRC"], [81, 62])


def test_sessions_numbered_by_year_are_the_economic_and_social_councils():
    """ "the Economic and Social Council at its 2026 session" (or "the Council" in its own
    resolutions) is ECOSOC's session 2026; a year is no session of another body."""
    text = "to the Economic and Social Council at its 2026 session"
    assert sessions(text, body="GA", session=80) == [("ECOSOC", [2026], "at", [])]
    [found] = find_sessions(
        "to the Council at its 2027 session",
        0,
        34,
        body="ECOSOC",
        session=2025,
        default_council="ECOSOC",
    )
    assert (found.body, found.sessions) == ("ECOSOC", [2027])
    assert sessions("to the General Assembly at its 2026 session", body="GA", session=80) == []
    assert sessions("to the Council at its 2026 session") == []  # the Human Rights Council's
    past = "to the Council at its 2024 session"
    assert (
        find_sessions(past, 0, len(past), body="ECOSOC", session=2025, default_council="ECOSOC")
        == []
    )


def test_dates():
    """Full dates with a relation are read; periods and past events are not deadlines."""
    text = (
        "no later than 1 July 2026, by 30 April annually, for the period from 1 July 2026 to "
        "30 June 2027, adopted on 2 May 2020"
    )
    found = find_dates(text, 0, len(text))
    assert [(d.relation, d.date, d.annual) for d in found] == [
        ("by", date(2026, 7, 1), False),
        ("by", None, True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by the end of 2026", [("by", date(2026, 12, 31))]),
        ("no later than the end of February 2028", [("by", date(2028, 2, 29))]),
        (
            "before the end of 2023 and 2024",
            [("by", date(2023, 12, 31)), ("by", date(2024, 12, 31))],
        ),
        ("by September 2025", [("by", date(2025, 9, 30))]),
        ("no later than December 2018", [("by", date(2018, 12, 31))]),
        ("before March 2027", [("before", date(2027, 3, 1))]),
        ("prior to June 2027", [("before", date(2027, 6, 1))]),
        # a target year, a period's bounds, a year range: no deadline
        ("to halve pollution by 2030", []),
        ("from January 2025 to December 2026", []),
        ("until December 2026", []),
        ("on June 2026", []),
        ("by the end of 2025-2026", []),
        ("by the end of 20256", []),
    ],
)
def test_months_and_years_without_a_day(text, expected):
    """A month or the end of a year is a deadline ending on the period's last day
    ("before" a month: its first), left to a person (no ``date``: only a full calendar date
    is a due date); a bare year is a target."""
    found = find_dates(text, 0, len(text))
    assert [(d.relation, d.period_end) for d in found] == expected
    assert all(d.date is None for d in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("annually", "annual"),
        ("on an annual basis", "annual"),
        ("each year", "annual"),
        ("biennially", "biennial"),
        ("every two years", "biennial"),
        ("every four years", "every 4 years"),
        ("every three sessions", "every 3 sessions"),
    ],
)
def test_recurrence(text, expected):
    """Recurrence words map to annual, biennial or every N."""
    assert recurrence(RECUR_RE.search(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "semi-annually",
        "a semi-annual report",
        "half-yearly updates",
        "every six months",
        "twice a year",
    ],
)
def test_twice_a_year_is_no_annual_recurrence(text):
    """ "semi-annually" is twice a year, not "annual" (the word after the hyphen): a
    recurrence of its own, which no whole number of sessions counts."""
    assert recurrence(RECUR_RE.search(text)) == "twice a year"


def test_bi_annual_is_left_unread():
    """ "bi-annual" means twice a year or every two years: neither is read."""
    assert RECUR_RE.search("bi-annual meetings") is None


def test_body_codes():
    """Printed body names map to codes; "the Council" is the Human Rights Council by default."""
    assert body_code("the Human Rights Council") == "HRC"
    assert body_code("the Assembly") == "GA"
    assert body_code("the Third Committee") == "GA"
    assert body_code("the Economic and Social Council") == "ECOSOC"
    assert body_code("the Council") == "HRC"
    assert body_code("the Commission on the Status of Women") == "CSW"


@pytest.mark.parametrize(
    "text",
    [
        "at its sixty-secondfifth session",
        "at its sixty-secondsixty-fifth session",
        "at its sixty-second sixty-fifth session",
    ],
)
def test_glued_residue(text):
    """Ordinals glued or doubled by tracked changes give the new reading and the old one."""
    [(_body, numbers, _relation, alternatives)] = sessions(text)
    assert (numbers, alternatives) == ([65], [62])


def test_session_of_another_entity_is_not_a_council_deadline():
    """ "to the Working Group at its next session" is the Working Group's session."""
    assert sessions("to present to the Working Group at its next session a document") == []
    assert sessions("to brief the Working Group during the sixtieth session") != []


def test_to_the_nth_session_of_the_assembly():
    """ "and to the eighty-first session of the General Assembly" is GA 81."""
    assert sessions("and to the eighty-first session of the General Assembly") == [
        ("GA", [81], "at", [])
    ]


@pytest.mark.parametrize(
    ("words", "relation"),
    [
        ("no later than the opening of the main part of the eighty-second session", "by"),
        ("by the opening of the main part of its eighty-second session", "by"),
        ("before the opening of the main part of the eighty-second session", "before"),
        ("at the opening of the main part of the eighty-second session", "at"),
        ("by the opening of its eighty-second session", "by"),
        ("by the beginning of its eighty-second session", "by"),
    ],
)
def test_the_opening_of_a_sessions_main_part_and_by_the_opening(words, relation):
    """A moment of a part of the session ("the opening of the main part of") is the
    session's, and "by the opening of" is a "by" deadline, as "no later than" is."""
    text = f"to submit, {words} of the General Assembly, a compilation"
    [found] = find_sessions(text, 0, len(text), body="GA", session=80)
    assert (found.sessions, found.relation) == ([82], relation)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("between the sixty-second and sixty-third sessions of the Council", [("HRC", [63])]),
        ("between its sixty-fourth and sixty-fifth sessions", [("HRC", [65])]),
        ("between the 62nd and 63rd sessions of the General Assembly", [("GA", [63])]),
        # no pair of numbered sessions in order: no deadline read from "between"
        ("between its present session and the next", []),
        ("between the sixty-third and sixty-second sessions of the Council", []),
        ("between its sixty-first, sixty-second and sixty-third sessions", []),
    ],
)
def test_between_two_sessions_is_before_the_later_one(text, expected):
    """An intersessional event, "between the Nth and Mth sessions", is due before session M."""
    assert sessions(text) == [(body, numbers, "before", []) for body, numbers in expected]
