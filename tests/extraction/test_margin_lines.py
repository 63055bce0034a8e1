"""Drafts printed with line numbers in the margin, words hyphenated at line ends and
sessions past the ninety-ninth: what the readers and the header make of them (0.3.31).

Every text here is invented; the layouts are those of UN drafts (L documents) printed
with line numbering, and of texts set with automatic hyphenation.
"""

from __future__ import annotations

from mandates.extraction import extract_text


def _dated(result) -> list[tuple[str, str, str, int | None, str | None]]:
    return [
        (d.paragraph, d.kind, d.due.body, d.due.session, d.due.relation)
        for d in result.deliverables
        if d.due is not None
    ]


# ------------------------------------------------------------------------- headers


def test_draft_of_a_session_past_the_ninety_ninth_has_that_session():
    """ "One hundred and fifteenth session" in a draft's masthead is session 115, not 15
    (the last two words, "and fifteenth", had been read), whatever its L symbol says."""
    source = (
        "United Nations\n\nA/HRC/115/L.12\n\nGeneral Assembly\n\nDistr.: Limited\n\n"
        "Human Rights Council\nOne hundred and fifteenth session\nAgenda item 3\n\n"
        "Ruritania: draft resolution\n\n115/... Lamps\n\nThe Human Rights Council,\n\n"
        "1. Requests the High Commissioner to present an oral update to the Council at its"
        " next session;\n"
    )
    result = extract_text(source, source_name="draft.txt")
    assert (result.symbol, result.session, result.status) == ("A/HRC/115/L.12", 115, "draft")
    assert _dated(result) == [("1", "oral update", "HRC", 116, "at")]


def test_adopted_resolution_of_a_three_digit_session_gives_no_false_warning():
    """An adopted text of session 104 printed "One hundred and fourth session" agrees with
    its number "104/7": no warning that the printed session differs."""
    source = (
        "Human Rights Council\nOne hundred and fourth session\n\n"
        "Resolution adopted by the Human Rights Council on 3 April 2047\n\n"
        "104/7. Lamps\n\nThe Human Rights Council,\n\n"
        "1. Requests the Secretary-General to report to it at its one hundred and sixth"
        " session;\n"
    )
    result = extract_text(source, source_name="res.txt")
    assert (result.symbol, result.session) == ("A/HRC/RES/104/7", 104)
    assert not [w for w in result.warnings if w.startswith("header:")]


def test_council_decision_with_a_narrative_chapeau_has_its_header():
    """A Council decision that opens "At its 42nd meeting, on 8 July 2044, the Human Rights
    Council, ..., adopted the following decision:" has no opening formula: its masthead
    (the symbol alone on its line, "Decision adopted by ...", "116/102. Title") is its
    header: symbol, body, session, number and adoption date."""
    source = (
        "United Nations\n\nA/HRC/DEC/126/102\n\nGeneral Assembly\n\nDistr.: General\n"
        "13 July 2047\n\nHuman Rights Council\nOne hundred and twenty-sixth session\n"
        "Agenda item 8\n\n"
        "Decision adopted by the Human Rights Council on 8 July 2047\n\n"
        "126/102. Intersessional meetings on lighthouses\n\n"
        "At its 42nd meeting, on 8 July 2047, the Human Rights Council, recalling its"
        " resolution 118/15, adopted without a vote the following decision:\n\n"
        "1. Decides to convene two intersessional meetings on lighthouses before its one"
        " hundred and twenty-eighth session;\n\n"
        "2. Requests the President of the Human Rights Council to present an oral report on"
        " the meetings to the Council at its one hundred and twenty-eighth session.\n"
    )
    result = extract_text(source, source_name="decision.txt")
    assert (result.symbol, result.body, result.session, result.number) == (
        "A/HRC/DEC/126/102",
        "HRC",
        126,
        "102",
    )
    assert str(result.adopted_on) == "2047-07-08"
    assert result.title == "Intersessional meetings on lighthouses"
    assert ("1", "meeting", "HRC", 128, "before") in _dated(result)
