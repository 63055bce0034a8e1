"""Preamble, operative paragraphs, sub-paragraphs, annexes, references and numbering."""

import time
from datetime import date

import pytest

from mandates.extraction import Footnote, NotAResolutionError, extract_text
from mandates.extraction.structure import operative_verb, parse_structure, preamble_verb
from tests.extraction import samples


def _spans_hold(result):
    text = result.text
    for paragraph in [*result.preamble, *result.operative, *result.annexes]:
        assert text[paragraph.span[0] : paragraph.span[1]] == paragraph.text
    for paragraph in result.operative:
        for sub in paragraph.subparagraphs:
            assert text[sub.span[0] : sub.span[1]] == sub.text


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Reaffirming its commitment,", "Reaffirming"),
        ("Recalling also its resolution 1/1,", "Recalling also"),
        ("Deeply concerned about the situation,", "Deeply concerned"),
        ("Noting with appreciation the work,", "Noting with appreciation"),
        ("Noting with deep concern the reports,", "Noting with deep concern"),
        ("Bearing in mind the Charter,", "Bearing in mind"),
        ("Taking note of the report,", "Taking note"),
        ("*Recalling further* its resolution,", "Recalling further"),
    ],
)
def test_preamble_verb(text, verb):
    """The verb opening a preambular paragraph is read with its modifiers."""
    assert preamble_verb(text) == verb


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Requests the Secretary-General to report;", "Requests"),
        ("Also requests the High Commissioner;", "Also requests"),
        ("Further decides to continue;", "Further decides"),
        ("Takes note with appreciation of the report;", "Takes note with appreciation of"),
        ("Takes note of the report;", "Takes note of"),
        ("Calls upon States to act;", "Calls upon"),
        ("Once again urges States;", "Once again urges"),
        ("Strongly condemns the attacks;", "Strongly condemns"),
        ("*Encourages* States to act;", "Encourages"),
    ],
)
def test_operative_verb(text, verb):
    """The verb opening an operative paragraph is read with adverbs and particles."""
    assert operative_verb(text) == verb


def test_paragraphs_of_a_sample():
    """The sample gives its preambular verbs and operative numbers and verbs."""
    result = extract_text(samples.HRC)
    assert [p.verb for p in result.preamble] == [
        "Reaffirming",
        "Recalling also",
        "Deeply concerned",
        "Noting with appreciation",
    ]
    assert [(p.number, p.verb) for p in result.operative] == [
        ("1", "Requests"),
        ("2", "Also requests"),
        ("3", "Takes note with appreciation of"),
        ("4", "Decides"),
    ]
    _spans_hold(result)


def test_subparagraph_labels_nested():
    """Sub-paragraph blocks get labels "a", "b", "b(i)" and belong to their paragraph."""
    paragraph = extract_text(samples.HRC).operative[1]
    assert [sub.label for sub in paragraph.subparagraphs] == ["a", "b", "b(i)", "b(ii)", "c"]
    assert paragraph.subparagraphs[0].text == "A seminar in each region;"
    assert paragraph.text.startswith("Also requests") and paragraph.text.endswith("views;")


def test_inline_subparagraphs():
    """Sub-paragraphs printed inside one block after a colon are found."""
    text = (
        "The Human Rights Council,\n\n1. Decides as follows: (a) to hold a panel; "
        "(b) to hold a seminar; and (c) to report.\n"
    )
    structure = parse_structure(text)
    subs = structure.operative[0].subparagraphs
    assert [(sub.label, sub.text) for sub in subs] == [
        ("a", "to hold a panel;"),
        ("b", "to hold a seminar; and"),
        ("c", "to report."),
    ]


def test_letter_i_after_h_is_a_letter():
    """ "(i)" after "(h)" continues the letters rather than opening a roman list."""
    items = "\n\n".join(f"({letter}) Item;" for letter in "abcdefghij")
    structure = parse_structure(f"The General Assembly,\n\n1. Decides:\n\n{items}\n")
    assert [sub.label for sub in structure.operative[0].subparagraphs] == list("abcdefghij")


def test_section_headings_are_not_paragraphs():
    """Roman-numeral headings between operative paragraphs are skipped."""
    text = (
        "The General Assembly,\n\nRecalling its work,\n\nI\n\nGeneral\n\n1. Decides one;\n\n"
        "II. Follow-up\n\n2. Decides two.\n"
    )
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["1", "2"]
    assert structure.warnings == [
        "header: no resolution symbol found",
        "header: no adoption date found",
    ]


def test_sections_restarting_numbering_are_prefixed():
    """Sections that restart at 1 get numbers "I.1", "II.1" and no numbering warning."""
    text = (
        "The General Assembly,\n\nI\n\nFirst matter\n\nHaving considered the report,\n\n"
        "1. Takes note of the report;\n\n2. Approves it;\n\nII\n\nSecond matter\n\n"
        "Having considered the note,\n\n1. Takes note of the note;\n"
    )
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["I.1", "I.2", "II.1"]
    assert not [w for w in structure.warnings if "numbering" in w]
    assert len(structure.preamble) == 2


def test_annex_paragraphs_are_not_operative():
    """Numbered paragraphs of an annex stay in the annex."""
    result = extract_text(samples.WITH_ANNEX)
    assert [p.number for p in result.operative] == ["1", "2"]
    assert len(result.annexes) == 1
    annex = result.annexes[0]
    assert annex.title == "Invented guidelines"
    assert "States should avoid bad things." in annex.text
    _spans_hold(result)


def test_closing_lines_are_not_part_of_last_paragraph():
    """The meeting, date and vote lines do not end up in the last paragraph."""
    result = extract_text(samples.HRC)
    assert result.operative[-1].text == (
        "Decides to continue its consideration of the matter at its sixty-fifth session."
    )


def test_merged_lines_are_split():
    """Paragraphs merged onto one line by a reader are split again."""
    text = (
        "Human Rights Council Fifty-ninth session Resolution adopted by the Human Rights "
        "Council on 4 July 2025 59/3. A title The Human Rights Council, Recalling its work, "
        "Noting the report, 1. Requests the High Commissioner to report; 2. Decides to "
        "continue. 30th meeting 4 July 2025 [Adopted without a vote.]"
    )
    structure = parse_structure(text)
    assert structure.header.symbol == "A/HRC/RES/59/3"
    assert structure.header.title == "A title"
    assert [p.verb for p in structure.preamble] == ["Recalling", "Noting"]
    assert [p.text for p in structure.operative] == [
        "Requests the High Commissioner to report;",
        "Decides to continue.",
    ]


def test_references_with_paragraphs_and_dates():
    """References give kind, symbol, date and the operative paragraph (None in the preamble)."""
    refs = extract_text(samples.HRC).references
    found = [(r.kind, r.symbol, r.paragraph, r.date) for r in refs]
    assert ("resolution", "53/11", None, date(2023, 7, 12)) in found
    assert ("resolution", "70/1", None, date(2015, 9, 25)) in found
    assert ("resolution", "46/14", None, None) in found
    assert ("resolution", "49/25", None, None) in found
    assert ("document", "A/HRC/59/36", None, None) in found
    assert ("document", "A/HRC/61/22", "3", None) in found


@pytest.mark.parametrize(
    "symbol",
    ["A/HRC/59/36", "A/80/545", "E/CN.4/2001/2", "A/CONF.157/24 (Part I)", "S/2023/123"],
)
def test_document_symbols(symbol):
    """Document symbols of every shape are recognised whole."""
    text = f"The General Assembly,\n\n1. Takes note of document {symbol}, with thanks.\n"
    refs = parse_structure(text).references
    assert [(r.kind, r.symbol, r.paragraph) for r in refs] == [("document", symbol, "1")]


def test_security_council_resolution_references():
    """ "resolutions 2334 (2016) and 2719 (2023)" gives two resolution references."""
    refs = extract_text(samples.SC).references
    assert [r.symbol for r in refs if r.kind == "resolution"] == ["2334 (2016)", "2719 (2023)"]


def test_numbering_gap_warns():
    """A gap in operative numbering gives a warning saying where."""
    text = "The General Assembly,\n\n1. Decides one;\n\n2. Decides two;\n\n4. Decides four.\n"
    warnings = parse_structure(text).warnings
    assert "operative numbering: paragraph 4 follows 2 (expected 3)" in warnings


def test_missing_number_warns():
    """An operative paragraph printed without its number is numbered and flagged."""
    text = (
        "The General Assembly,\n\nRecalling its work,\n\nUrges States to act;\n\n2. Decides two.\n"
    )
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["1", "2"]
    assert any("no printed number" in warning for warning in structure.warnings)


def test_single_unnumbered_paragraph():
    """A resolution whose only operative paragraph is unnumbered has paragraph "1"."""
    text = (
        "The General Assembly\n\nAdopts the Programme of Action annexed to the present "
        "resolution.\n\n55th plenary meeting\n24 December 2024\n\nAnnex\n\nProgramme\n\n"
        "1. We commit.\n"
    )
    structure = parse_structure(text)
    assert [(p.number, p.verb) for p in structure.operative] == [("1", "Adopts")]
    assert [a.title for a in structure.annexes] == ["Programme"]


def test_not_a_resolution():
    """A text without operative part or resolution header raises NotAResolutionError."""
    with pytest.raises(NotAResolutionError, match="no operative paragraphs"):
        extract_text("Minutes of a lunch.\n\nWe ate soup.", source_name="lunch.txt")


def test_header_without_operative_part_warns():
    """A recognisable header without operative paragraphs gives a result with a warning."""
    result = extract_text("Human Rights Council\n\n59/3.\tA title\n\nThe Human Rights Council,\n")
    assert result.symbol == "A/HRC/RES/59/3"
    assert "structure: no operative paragraphs found" in result.warnings


def test_embedded_draft_resolution_is_not_operative():
    """A draft resolution recommended for adoption keeps its own numbers out of the operative."""
    text = (
        "The Economic and Social Council,\n\nRecalling its work,\n\n"
        "Recommends to the General Assembly the adoption of the following draft resolution:\n\n"
        "The General Assembly,\n\nRecalling its work,\n\n1. Welcomes the outcome;\n\n"
        "2. Requests a report.\n\n40th plenary meeting\n24 July 2025\n"
    )
    structure = parse_structure(text)
    assert [(p.number, p.verb) for p in structure.operative] == [("1", "Recommends")]
    assert [annex.title for annex in structure.annexes] == ["Draft resolution"]
    assert "2. Requests a report." in structure.annexes[0].text
    assert structure.header.adopted_on == date(2025, 7, 24)


def test_preamble_broken_by_a_page_break_is_joined():
    """A preambular paragraph cut by a page break continues in the next block."""
    text = (
        "The General Assembly,\n\nRecalling the meetings held in Vienna on\n\n"
        "8 and 9 December 2014,\n\nNoting the report,\n\n1. Decides to act.\n"
    )
    structure = parse_structure(text)
    assert [p.text for p in structure.preamble] == [
        "Recalling the meetings held in Vienna on\n\n8 and 9 December 2014,",
        "Noting the report,",
    ]


def test_footnote_references_belong_to_their_paragraph():
    """A symbol in a footnote is a reference of the paragraph where the mark stood."""
    text = "The Human Rights Council,\n\n1. Takes note of the report;\n\n2. Decides to act.\n"
    anchor = text.index(";") + 1
    notes = [Footnote("1", "A/HRC/58/78.", anchor), Footnote("2", "See resolution 53/11.", None)]
    refs = parse_structure(text, footnotes=notes).references
    assert [(r.kind, r.symbol, r.paragraph) for r in refs] == [
        ("document", "A/HRC/58/78", "1"),
        ("resolution", "53/11", None),
    ]


@pytest.mark.parametrize(
    ("annex", "title"),
    [
        ("Annex A\n\nItems subject to approval\n\n1. Missiles;", "Items subject to approval"),
        ("Annex I\n\nIn accordance with paragraph 4, the Team shall act.", "Annex I"),
        ("Annex III\n\n1. A listed name", "Annex III"),
    ],
)
def test_annex_titles(annex, title):
    """An annex is titled by the line after its heading, or by the heading itself."""
    text = (
        f"The Security Council,\n\n1. Decides to act;\n\n2. Decides to remain seized.\n\n{annex}\n"
    )
    structure = parse_structure(text)
    assert [a.title for a in structure.annexes] == [title]
    assert [p.number for p in structure.operative] == ["1", "2"]


def test_roman_list_directly_under_a_paragraph():
    """Labels (i), (ii), (iii) with no letters before them stay top-level."""
    items = "\n\n".join(f"({label}) Item;" for label in ("i", "ii", "iii"))
    structure = parse_structure(f"The Security Council,\n\n1. Decides:\n\n{items}\n")
    assert [sub.label for sub in structure.operative[0].subparagraphs] == ["i", "ii", "iii"]


def test_long_merged_text_is_read_in_linear_time():
    """A long text with every paragraph on one line is split without quadratic rescans."""
    preamble = " ".join(f"Recalling its resolution {i}/1 of 1 January 2020," for i in range(900))
    operative = " ".join(f"{i}. Requests a report on item {i};" for i in range(1, 901))
    text = f"59/3. Title The Human Rights Council, {preamble} {operative}"
    started = time.process_time()
    structure = parse_structure(text)
    assert (len(structure.preamble), len(structure.operative)) == (900, 900)
    assert time.process_time() - started < 2.0


def test_numbered_list_without_header_is_not_a_resolution():
    """A numbered agenda with no resolution header and no operative verbs is rejected."""
    with pytest.raises(NotAResolutionError):
        extract_text("1. Opening of the session.\n\n2. Adoption of the agenda.\n")


def test_operative_paragraphs_without_header_are_read_with_warnings():
    """Operative paragraphs without any header still give a result, with warnings."""
    result = extract_text("1. Requests the Secretary-General to report.\n")
    assert [p.verb for p in result.operative] == ["Requests"]
    assert "header: no resolution symbol found" in result.warnings


def test_inline_roman_subparagraphs():
    """Roman labels printed inline after a colon are sub-paragraphs too."""
    text = "The General Assembly,\n\n1. Decides: (i) to meet; (ii) to report; and (iii) to end.\n"
    subs = parse_structure(text).operative[0].subparagraphs
    assert [(sub.label, sub.text) for sub in subs] == [
        ("i", "to meet;"),
        ("ii", "to report; and"),
        ("iii", "to end."),
    ]
