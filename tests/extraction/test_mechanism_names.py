"""Mechanisms named by their kind and a subject keep the name the text first printed, and
the short references to them ("the mission", "the Working Group") are that name (invented
sentences of the genre, never resolution text)."""

from __future__ import annotations

import pytest

from tests.extraction.test_requests import due, run


def actors(result) -> list[tuple[str, str, tuple | None]]:
    return [(d.paragraph, d.actor, due(d)) for d in result.deliverables]


def test_a_mission_named_with_its_subject_keeps_it():
    """ "the fact-finding mission on X", then "the fact-finding mission" and "the mission":
    one actor, the name as printed first (it was cut to "Fact-finding mission")."""
    name = "Fact-finding mission on the Republic of Meravia"
    r = run(
        "1. Decides to dispatch urgently a fact-finding mission on the Republic of Meravia, to "
        "be appointed by the President of the Human Rights Council;\n\n"
        "2. Requests the fact-finding mission on the Republic of Meravia to present an oral "
        "update to the Council at its sixtieth session;\n\n"
        "3. Also requests the fact-finding mission to present a comprehensive report on its "
        "findings to the Council at its sixty-first session;\n\n"
        "4. Requests the mission to present an oral update to the Council at its sixty-second "
        "session;"
    )
    assert actors(r) == [
        ("2", name, ("HRC", 60, "at")),
        ("3", name, ("HRC", 61, "at")),
        ("4", name, ("HRC", 62, "at")),
    ]
    assert all("actor not in the alias table" in d.review_reasons for d in r.deliverables)


def test_a_shorter_name_is_the_mechanism_the_text_established():
    """ "the commission of inquiry on X" after "an independent international commission of
    inquiry on X" is that commission, not a second actor."""
    name = "Independent international commission of inquiry on the Republic of Kelvara"
    r = run(
        "1. Decides to establish an independent international commission of inquiry on the "
        "Republic of Kelvara, to be appointed by the President of the Human Rights Council;\n\n"
        "2. Requests the commission of inquiry on the Republic of Kelvara to present an oral "
        "update to the Council at its sixtieth session, and requests the commission to present "
        "a report to the Council at its sixty-first session;"
    )
    assert actors(r) == [("2", name, ("HRC", 60, "at")), ("2", name, ("HRC", 61, "at"))]


def test_an_ad_hoc_working_group_keeps_ad_hoc():
    """ "the Working Group" and "the Ad Hoc Working Group" of a text that established an "Ad
    Hoc Working Group on X" are that group (they were "Working Group on X", "Ad Hoc Working
    Group")."""
    name = "Ad Hoc Working Group on the International Decade of Tidal Communities"
    r = run(
        "1. Decides to establish an Ad Hoc Working Group on the International Decade of Tidal "
        "Communities, open to all Member States;\n\n"
        "2. Requests the Working Group to present an oral update to the General Assembly at its "
        "eighty-first session;\n\n"
        "3. Also requests the Ad Hoc Working Group to submit a report to the General Assembly at "
        "its eighty-second session;",
        body="GA",
        session=80,
    )
    assert actors(r) == [("2", name, ("GA", 81, "at")), ("3", name, ("GA", 82, "at"))]


def test_a_body_established_in_lower_case_is_the_name_printed_first():
    """An "ad hoc working group on x" the Assembly establishes, named in capitals before
    ("the report of the Ad Hoc Working Group on X during its Nth session"), is the name in
    capitals, which ends before "during"."""
    name = "Ad Hoc Working Group on the Renewal of the Work of the General Assembly"
    r = run(
        "Taking note of the report of the Ad Hoc Working Group on the Renewal of the Work of the "
        "General Assembly during its seventy-ninth session,\n\n"
        "1. Decides to establish, at its eighty-first session, an ad hoc working group on the "
        "renewal of the work of the General Assembly, open to all Member States:\n"
        "(a) To submit a report thereon to the Assembly at its eighty-first session;\n\n"
        "2. Decides that the Ad Hoc Working Group shall present an oral update to the General "
        "Assembly at its eighty-second session;",
        body="GA",
        session=80,
    )
    assert actors(r) == [("1(a)", name, ("GA", 81, "at")), ("2", name, ("GA", 82, "at"))]


def test_a_title_with_and_other_is_read_whole():
    """A mandate whose title goes on with "and other <words>" (printed as the title line and
    again) keeps it: the working group the Council establishes in lower case is the title."""
    name = "Working Group on the rights of fishers and other people working at sea"
    r = run(
        "Working Group on the rights of fishers and other people working at sea\n\n"
        "1. Decides to establish, for a period of three years, a working group on the rights of "
        "fishers and other people working at sea, with the following mandate:\n"
        "(a) To present an annual report to the Council, the first at its sixty-first session;"
        "\n\n"
        "2. Calls upon States to cooperate with the Working Group on the rights of fishers and "
        "other people working at sea;"
    )
    assert [(d.paragraph, d.actor) for d in r.deliverables] == [("1(a)", name)]


@pytest.mark.parametrize(
    ("named", "short", "name"),
    [
        (
            "the Special Rapporteur on the situation of human rights in Kelvara",
            "the Special Rapporteur",
            "Special Rapporteur on the situation of human rights in Kelvara",
        ),
        (
            "the Independent Expert on coastal livelihoods",
            "the Independent Expert",
            "Independent Expert on coastal livelihoods",
        ),
        (
            "the Group of Eminent Experts on Kelvara",
            "the Group of Eminent Experts",
            "Group of Eminent Experts on Kelvara",
        ),
        (
            "the international independent investigative mechanism for Kelvara",
            "the Mechanism",
            "International independent investigative mechanism for Kelvara",
        ),
        (
            "the Team of Experts on the Rule of Law in Kelvara",
            "the Team of Experts",
            "Team of Experts on the Rule of Law in Kelvara",
        ),
    ],
)
def test_other_mechanisms_keep_their_subject(named, short, name):
    """Each mechanism keeps its subject, and its short name refers back to it ("the
    Mechanism" and "the Group of Eminent Experts" were left unresolved)."""
    r = run(
        f"1. Requests {named} to present a report to the Council at its sixtieth session;\n\n"
        f"2. Also requests {short} to present an oral update to the Council at its sixty-first "
        "session;"
    )
    assert actors(r) == [("1", name, ("HRC", 60, "at")), ("2", name, ("HRC", 61, "at"))]


def test_the_alias_tables_names_stay():
    """A mechanism the alias table knows is its canonical name, however short the text's
    first mention; the Office and the High Commissioner stay as the table has them."""
    name = "Independent International Fact-Finding Mission on Myanmar"
    r = run(
        "Recalling the work of the fact-finding mission on Myanmar,\n\n"
        "1. Welcomes the reports of the independent international fact-finding mission on "
        "Myanmar;\n\n"
        "2. Requests the fact-finding mission on Myanmar to present an oral update to the "
        "Council at its sixtieth session, and requests the mission to present a report to the "
        "Council at its sixty-first session;\n\n"
        "3. Requests the Office of the High Commissioner to present an oral update to the "
        "Council at its sixtieth session, and requests the High Commissioner to present a "
        "report to the Council at its sixty-first session;"
    )
    assert actors(r) == [
        ("2", name, ("HRC", 60, "at")),
        ("2", name, ("HRC", 61, "at")),
        ("3", "OHCHR", ("HRC", 60, "at")),
        ("3", "High Commissioner", ("HRC", 61, "at")),
    ]
    assert not any(d.review_reasons for d in r.deliverables)


def test_a_body_of_another_body_is_not_its_owner():
    """ "a working group of the Commission on X" does not make "the Commission on X" that
    working group: only qualifiers ("independent", "ad hoc") may stand before a short name."""
    r = run(
        "Noting the establishment of a working group of the Commission on Canals and Locks,\n\n"
        "1. Requests the Commission on Canals and Locks to submit a report to the General "
        "Assembly at its eighty-first session;",
        body="GA",
        session=80,
    )
    assert actors(r) == [("1", "Commission on Canals and Locks", ("GA", 81, "at"))]


def test_an_ad_hoc_committee_named_no_further_stays_as_printed():
    """ "a final decision by the Ad Hoc Committee on participation" names no committee "on
    participation"; "the Ad Hoc Committee" of such a text stays "Ad Hoc Committee"."""
    r = run(
        "1. Decides that the Ad Hoc Committee shall submit a draft text to the General Assembly "
        "at its eighty-first session;\n\n"
        "2. Requests the Secretariat to bring the list to the attention of the Ad Hoc Committee "
        "for a final decision by the Ad Hoc Committee on participation;",
        body="GA",
        session=80,
    )
    [mandate] = [m for m in r.mandates if m.paragraph == "1"]
    assert (mandate.actor, mandate.review_reasons) == (
        "Ad Hoc Committee",
        ["actor not in the alias table"],
    )


def test_the_chair_of_a_committee_whose_name_holds_a_comma():
    """ "the Chair of the Committee on Economic, Social and Cultural Rights": the table
    knows the committee's whole name, so the chair's name does not stop at its comma (it
    was "Chair of the Committee on Economic")."""
    r = run(
        "1. Requests the Chair of the Committee on Economic, Social and Cultural Rights to "
        "present an oral report to the Council at its sixtieth session;"
    )
    assert actors(r) == [
        (
            "1",
            "Chair of the Committee on Economic, Social and Cultural Rights",
            ("HRC", 60, "at"),
        )
    ]
