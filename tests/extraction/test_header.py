"""Header fields: symbol, body, session, number, title, date, agenda item, report."""

from datetime import date

import pytest

from mandates.extraction import extract_text
from mandates.extraction.header import parse_header
from tests.extraction import samples


@pytest.mark.parametrize(
    ("text", "symbol", "body", "session", "number"),
    [
        (samples.HRC, "A/HRC/RES/61/7", "HRC", 61, "7"),
        (samples.GA, "A/RES/81/150", "GA", 81, "150"),
        (samples.SC, "S/RES/2999 (2026)", "SC", 2026, "2999"),
        (samples.ECOSOC, "E/RES/2025/9", "ECOSOC", 2025, "9"),
    ],
)
def test_symbol_of_each_body(text, symbol, body, session, number):
    """Each body's resolution gets its symbol, body code, session and number."""
    result = extract_text(text)
    assert (result.symbol, result.body, result.session, result.number) == (
        symbol,
        body,
        session,
        number,
    )


def test_symbol_inferred_from_number_and_opener():
    """With only "59/3." and the opening formula, the symbol is inferred."""
    header = parse_header("59/3.\tSome title\n", opener_body="Human Rights Council")
    assert header.symbol == "A/HRC/RES/59/3"
    assert header.session == 59
    assert header.title == "Some title"


def test_printed_symbol_is_used():
    """A symbol printed in the header is read when no number line is there."""
    header = parse_header("Distr.: General\nA/HRC/RES/58/2\n", opener_body="Human Rights Council")
    assert header.symbol == "A/HRC/RES/58/2"


def test_number_without_dot():
    """ "51/36<TAB>Title" (the dot lost) still gives the number and the title."""
    header = parse_header("51/36\tTechnical assistance\n", opener_body="Human Rights Council")
    assert (header.symbol, header.title) == ("A/HRC/RES/51/36", "Technical assistance")


@pytest.mark.parametrize(
    ("words", "session"),
    [
        ("Fifty-ninth session", 59),
        ("Eightieth session", 80),
        ("sixty fifth session", 65),
        ("Seventy-ninth session", 79),
        ("Hundredth session", 100),
    ],
)
def test_session_from_ordinal_words(words, session):
    """The session comes from the ordinal words when the number line is missing."""
    header = parse_header(f"General Assembly\n\n{words}\n", opener_body="General Assembly")
    assert header.session == session


def test_session_words_disagreeing_with_number_warn():
    """A printed session that contradicts the number gives a warning."""
    header = parse_header(
        "Fifty-fourth session\n\n53/2.\tTitle\n", opener_body="Human Rights Council"
    )
    assert header.session == 53
    assert any("differs" in warning for warning in header.warnings)


def test_adoption_date_split_over_two_lines():
    """ "Resolution adopted by the Human Rights Council\\non 4 July 2025" gives the date."""
    header = parse_header(
        "Resolution adopted by the Human Rights Council\non 4 July 2025\n\n59/3.\tT\n",
        opener_body="Human Rights Council",
    )
    assert header.adopted_on == date(2025, 7, 4)


def test_security_council_adoption_line():
    """The Security Council adoption line gives the date of the meeting."""
    assert extract_text(samples.SC).adopted_on == date(2026, 1, 3)


def test_date_from_closing_lines_when_header_has_none():
    """Without a date in the header, the closing "meeting / date" lines give it."""
    header = parse_header(
        "2012/11.\tTitle\n",
        opener_body="Economic and Social Council",
        tail="46th meeting\n26 July 2012",
    )
    assert header.adopted_on == date(2012, 7, 26)


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("Agenda item 71 (b)", "71 (b)"),
        ("Agenda item 3", "3"),
        ("Agenda items 12 and 14", "12 and 14"),
        ("Agenda items 20 (a) and (b)", "20 (a) and (b)"),
    ],
)
def test_agenda_item(line, item):
    """The agenda item is read as printed."""
    header = parse_header(f"{line}\n\n80/1.\tT\n", opener_body="General Assembly")
    assert header.agenda_item == item


def test_agenda_item_in_merged_header_line():
    """A header line merged by the PDF export still yields the agenda item alone."""
    header = parse_header(
        "Eightieth session Agenda item 7 Organization of work\n\n80/1. T\n",
        opener_body="General Assembly",
    )
    assert (header.agenda_item, header.session) == ("7", 80)


def test_committee_report():
    """ "[on the report of the Third Committee (A/80/545, para. 5)]" gives A/80/545."""
    assert extract_text(samples.GA).committee_report == "A/81/600"


def test_no_committee_report_without_reference():
    """ "[without reference to a Main Committee (A/80/L.2)]" is not a committee report."""
    header = parse_header(
        "[without reference to a Main Committee (A/80/L.2)]\n\n80/1.\tT\n",
        opener_body="General Assembly",
    )
    assert header.committee_report is None


def test_markdown_header():
    """Markdown emphasis and headings around header lines do not hide the fields."""
    header = parse_header(
        "# General Assembly\n\n## **Eightieth session**\n\n"
        "## **Resolution adopted by the General Assembly on 18 December 2025**\n\n"
        "### **80/204. Enhancement of cooperation**\n",
        opener_body="General Assembly",
    )
    assert (header.symbol, header.adopted_on, header.title) == (
        "A/RES/80/204",
        date(2025, 12, 18),
        "Enhancement of cooperation",
    )


def test_session_in_title_is_ignored():
    """A session named in the title ("its fifty-fourth session") is not the header session."""
    header = parse_header(
        "76/229.\tReport of the Commission on the work of its fifty-fourth session\n",
        opener_body="General Assembly",
    )
    assert header.session == 76
    assert header.warnings == []


@pytest.mark.parametrize(
    ("line", "opener", "symbol", "special"),
    [
        ("S-32/1.\tThe situation", "Human Rights Council", "A/HRC/RES/S-32/1", "S-32"),
        ("ES-10/21.\tProtection of civilians", "General Assembly", "A/RES/ES-10/21", "ES-10"),
    ],
)
def test_special_session_symbols(line, opener, symbol, special):
    """Special and emergency special session numbers give their symbols, and the special
    session is not the regular session of the same number (HRC 32 met years earlier)."""
    header = parse_header(f"{line}\n", opener_body=opener)
    assert (header.symbol, header.special_session, header.session) == (symbol, special, None)


@pytest.mark.parametrize(
    ("masthead", "number_line", "symbol", "special"),
    [
        (
            "Human Rights Council\nThirty-third special session\n12 March 2031\n\n"
            "Resolution adopted by the Human Rights Council on 12 March 2031",
            "S-33/1. The human rights situation in Valdoria",
            "A/HRC/RES/S-33/1",
            "S-33",
        ),
        (
            "General Assembly\nTwelfth emergency special session\nAgenda item 5\n\n"
            "Resolution adopted by the General Assembly on 3 April 2031",
            "ES-12/4. Protection of civilians in Valdoria",
            "A/RES/ES-12/4",
            "ES-12",
        ),
        (
            "General Assembly\nTwelfth emergency special session\nAgenda item 5\n\n"
            "Resolution adopted by the General Assembly on 3 April 2031",
            "",
            None,
            "ES-12",
        ),
    ],
)
def test_special_session_masthead_gives_no_regular_session(masthead, number_line, symbol, special):
    """ "Thirty-third special session" printed in the masthead: the special session, and no
    regular session (ingest would otherwise file the text under regular session 33)."""
    text = f"United Nations\n{masthead}\n\n{number_line}\n\nThe {'Human Rights Council' if 'Human' in masthead else 'General Assembly'},\n\n1. Requests the Secretary-General to submit a report.\n"
    result = extract_text(text)
    assert (result.symbol, result.special_session, result.session) == (symbol, special, None)
    assert not [w for w in result.warnings if "differs" in w]


@pytest.mark.parametrize(
    ("symbol", "special", "session"),
    [("A/HRC/S-33/L.1", "S-33", None), ("A/ES-12/L.3", "ES-12", None), ("A/HRC/70/L.4", None, 70)],
)
def test_special_session_draft_symbols(symbol, special, session):
    """A draft of a special session ("A/HRC/S-33/L.1") is not a draft of regular session 33."""
    body = "Human Rights Council" if "HRC" in symbol else "General Assembly"
    text = (
        f"United Nations {symbol}\n\n{body}\n\nValdoria: draft resolution\n\n"
        f"The situation in Valdoria\n\nThe {body},\n\n1. Requests the Secretary-General to act.\n"
    )
    result = extract_text(text)
    assert (result.status, result.symbol, result.special_session, result.session) == (
        "draft",
        symbol,
        special,
        session,
    )


def test_hrc_text_under_a_general_assembly_masthead():
    """An HRC resolution printed under the "General Assembly" masthead is still HRC."""
    text = (
        "United Nations A/HRC/RES/59/3\n\nGeneral Assembly Distr.: General 10 July 2025\n\n"
        "Human Rights Council\n\nFifty-ninth session\n\n"
        "Resolution adopted by the Human Rights Council on 4 July 2025\n\n"
        "59/3. Enhancement of cooperation\n\nThe Human Rights Council,\n\n1. Decides to act.\n"
    )
    result = extract_text(text)
    assert (result.symbol, result.body, result.adopted_on) == (
        "A/HRC/RES/59/3",
        "HRC",
        date(2025, 7, 4),
    )
    assert result.warnings == []


@pytest.mark.parametrize(
    ("body_name", "number", "symbol"),
    [
        ("Human Rights Council", "65/115", "A/HRC/DEC/65/115"),
        ("General Assembly", "82/548", "A/DEC/82/548"),
    ],
)
def test_a_decision_has_a_decision_symbol(body_name, number, symbol):
    """ "Decision adopted by the Human Rights Council" is A/HRC/DEC/..., not RES; a printed
    A/HRC/DEC symbol is read as such."""
    text = (
        f"{body_name}\n\nDecision adopted by the {body_name} on 6 July 2027\n\n"
        f"{number}. Intersessional seminar (example)\n\nThe {body_name},\n\n"
        "1. Requests the Office of the High Commissioner to organize a seminar;\n"
    )
    result = extract_text(text, source_name="decision.txt")
    assert (result.symbol, result.adopted_on) == (symbol, date(2027, 7, 6))
    printed = extract_text(f"{symbol}\n\n{text}", source_name="decision.txt")
    assert printed.symbol == symbol
    assert not printed.warnings


#: A header as a PDF-to-text copy prints it: the number alone, a blank line, then the title
#: running straight into the opening formula (own words, not a resolution's).
_NUMBER_ALONE = """A/RES/93/41

General Assembly

Distr.: General
9 December 2038

Ninety-third session
Agenda item 71

Resolution adopted by the General Assembly
on 7 December 2038
[on the report of the Third Committee (A/93/480, para. 12)]

93/41.

Access to clean water in informal
settlements
The General Assembly,

Recalling its resolution 91/12,

1. Requests the Secretary-General to submit a report to the General Assembly at its
ninety-fifth session;
"""


def test_title_printed_after_a_lone_number():
    """The title after a blank line is still the title, over its two lines."""
    result = extract_text(_NUMBER_ALONE)
    assert (result.symbol, result.title) == (
        "A/RES/93/41",
        "Access to clean water in informal settlements",
    )


def test_no_title_from_a_long_block_after_a_lone_number():
    """A long block after the number is text, not a title."""
    header = "93/41.\n\n" + "Words of a long paragraph " * 20 + "\n"
    assert parse_header(header, opener_body="GA").title is None
