"""Drafts printed with line numbers in the margin, words hyphenated at line ends and
sessions past the ninety-ninth: what the readers and the header make of them (0.3.31).

Every text here is invented; the layouts are those of UN drafts (L documents) printed
with line numbering, and of texts set with automatic hyphenation.
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_bytes, extract_text
from mandates.extraction.cleaning import clean_text, join_hyphenated
from mandates.extraction.ordinals import ordinal_to_int
from mandates.extraction.readers import read_bytes

# ------------------------------------------------------------------ the words of a draft

_MASTHEAD = [
    "United Nations",
    "A/HRC/131/L.4",
    "General Assembly",
    "Distr.: Limited",
    "2 April 2049",
    "Original: English",
    "Human Rights Council",
    "One hundred and thirty-first session",
    "Agenda item 3",
    "Ruritania, Freedonia: draft resolution",
    "131/... Care of imaginary lighthouses",
]
# The body as printed: one list a printed line, "" between paragraphs.
_BODY = [
    "The Human Rights Council,",
    "",
    "Recalling its resolutions on the keepers of imaginary lighthouses and on",
    "the lamps that guide ships along the coast,",
    "",
    "1. Welcomes the work of the keepers of imaginary lighthouses;",
    "",
    "2. Requests the Office of the High Commissioner to organize, before the",
    "one hundred and thirty-third session of the Council, an expert seminar on",
    "the lamps, and to submit a report thereon to the Council at its one hun-",
    "dred and thirty-fourth session;",
    "",
    "3. Decides to remain seized of the matter.",
]


def _numbered(lines: list[str], first: int = 1, glue: str = " ") -> list[str]:
    """The lines with their line numbers before them; blank lines are not counted."""
    out = []
    number = first
    for line in lines:
        if line:
            out.append(f"{number}{glue}{line}")
            number += 1
        else:
            out.append("")
    return out


def _dated(result) -> list[tuple[str, str, str, int | None, str | None]]:
    return [
        (d.paragraph, d.kind, d.due.body, d.due.session, d.due.relation)
        for d in result.deliverables
        if d.due is not None
    ]


_EXPECTED = [
    ("2", "seminar", "HRC", 133, "before"),
    ("2", "report", "HRC", 134, "at"),
]


def test_line_numbers_of_a_draft_copied_as_text_are_not_read_as_words():
    """A draft copied out of a line-numbered PDF ("9 one hundred and thirty-third session")
    reads as the draft without its numbers: the header, the paragraphs and both dated
    deliverables (a number between "one hundred and" and "thirty-third" had hidden the
    session)."""
    source = "\n\n".join(_MASTHEAD) + "\n\n" + "\n".join(_numbered(_BODY))
    result = extract_text(source, source_name="A_HRC_131_L.4.txt")
    assert (result.symbol, result.session, result.status) == ("A/HRC/131/L.4", 131, "draft")
    assert [p.text for p in result.operative][1].startswith(
        "Requests the Office of the High Commissioner to organize, before the one hundred"
        " and thirty-third session"
    )
    assert _dated(result) == _EXPECTED
    assert "4 the lamps" not in result.text and "hun-dred" not in result.text


def test_line_numbers_glued_to_the_text_in_a_web_page_are_taken_off():
    """A web page that sets each printed line in a block with its number glued on
    ("9one hundred", "3the lamps") and indents first lines: the numbers go, the lines of a
    paragraph are joined again, the paragraphs stay apart."""
    lines = []
    number = 1
    for line in _BODY:
        if not line:
            continue
        opens = line[:1].isupper() or line[:1].isdigit()
        lines.append(
            f'<div class="l"><span class="ln">{number}</span>{"    " if opens else ""}{line}</div>'
        )
        number += 1
    page = "<html><body><p>" + "<br>".join(_MASTHEAD) + "</p>" + "".join(lines) + "</body></html>"
    result = extract_bytes(page.encode(), "A_HRC_131_L.4.html")
    assert (result.symbol, result.session) == ("A/HRC/131/L.4", 131)
    assert [p.number for p in result.operative] == ["1", "2", "3"]
    assert result.preamble[0].text == (
        "Recalling its resolutions on the keepers of imaginary lighthouses and on the lamps"
        " that guide ships along the coast,"
    )
    assert _dated(result) == _EXPECTED


def test_numbers_that_restart_on_each_page_are_line_numbers_too():
    """Line numbering restarted on every page (1, 2, ... again after the page break)."""
    first = [line for item in _MASTHEAD for line in (item, "")] + _BODY[:6]
    source = "\n".join([*_numbered(first), "\f", *_numbered(_BODY[6:])])
    result = extract_text(source, source_name="restarts.txt")
    assert _dated(result) == _EXPECTED


def test_paragraph_numbers_without_their_dot_are_no_line_numbers():
    """Operative paragraphs whose dots were lost ("1 Requests ...", "2 Decides ...") go up by
    one from line to line too, but each opens a sentence: they stay paragraph numbers."""
    source = (
        "The General Assembly,\n\n"
        "1 Welcomes the work of the keepers;\n"
        "2 Requests the Secretary-General to report to it at its ninety-first session;\n"
        "3 Invites States to light their lamps;\n"
        "4 Encourages the keepers to share their logs;\n"
        "5 Calls upon ships to heed the lamps;\n"
        "6 Decides to remain seized of the matter.\n"
    )
    text, _, _ = clean_text(source)
    assert "1 Welcomes the work" in text and "6 Decides to remain" in text


def test_numbers_that_belong_to_the_text_stay():
    """Lines opening with figures of the text (dates, counts, a table's rows numbered "7.")
    keep them: they do not count the lines."""
    source = (
        "Recalling its resolutions\n"
        "12 August 1949 and 8 June 1977,\n"
        "2 new lamps were lit in 2030,\n"
        "3. Requests the keepers;\n"
        "4. Invites the ships;\n"
        "5. Decides to remain seized;\n"
        "6. Notes the logs;\n"
        "7. Welcomes the lamps.\n"
    )
    text, _, _ = clean_text(source)
    assert "12 August 1949" in text and "2 new lamps" in text
    for number in range(3, 8):
        assert f"{number}. " in text


# ------------------------------------------------------------------- PDF: the margin

fpdf = pytest.importorskip("fpdf")


def _pdf(number_x: float | None, restart: bool = False) -> bytes:
    """The draft on two letter pages, body in 10 pt at x=120, line numbers in 7 pt at
    ``number_x`` (none when None); 12 pt between lines, 18 between paragraphs."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0) -> None:
        pdf.set_font("Times", size=size)
        pdf.text(x, y, words)

    text(120, 60, "United Nations", 14)
    text(460, 60, "A/HRC/131/L.4", 14)
    text(120, 88, "General Assembly", 20)
    text(400, 88, "Distr.: Limited", 10)
    y = 200.0
    number = 1
    lines = [*_MASTHEAD[6:], "", *_BODY]
    for index, line in enumerate(lines):
        if index == 12:  # the page break cuts paragraph 2 after "before the"
            text(60, 740, "49-01234 (E) 020449")
            pdf.add_page()
            text(120, 59, "A/HRC/131/L.4", 8.5)
            y = 88.0
            if restart:
                number = 1
        if not line:
            y += 6
            continue
        indent = 24 if line[:1].isupper() or line[:1].isdigit() else 0
        text(120 + indent, y, line)
        if number_x is not None:
            text(number_x, y, str(number), 7)
        number += 1
        y += 12
    return bytes(pdf.output())


@pytest.mark.parametrize("restart", [False, True])
def test_pdf_line_numbers_in_the_margin_are_dropped(restart):
    """Numbers in a column left of the text, counting its lines (on from page to page, or
    from 1 on each page), are no part of the text: the draft reads as the same draft
    printed without them."""
    plain = read_bytes(_pdf(None), "plain.pdf").text
    numbered = read_bytes(_pdf(40, restart), "numbered.pdf").text
    assert numbered == plain
    result = extract_bytes(_pdf(40, restart), "A_HRC_131_L.4.pdf")
    assert (result.symbol, result.session, result.status) == ("A/HRC/131/L.4", 131, "draft")
    assert _dated(result) == _EXPECTED


def test_pdf_line_numbers_close_to_the_text_are_dropped_too():
    """Numbers set 1.2 em left of the text (PDFium runs them on into the line) go too."""
    assert read_bytes(_pdf(104), "near.pdf").text == read_bytes(_pdf(None), "plain.pdf").text


# ------------------------------------------------------------------ hyphenated words


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("at its one hun-", "dredth session", "at its one hundredth session"),
        ("one hundred and seven-", "teenth session", "one hundred and seventeenth session"),
        ("at its ninety-ninth ses-", "sion;", "at its ninety-ninth session;"),
        ("to hold con-", "sultations with", "to hold consultations with"),
        ("to present a re-", "port to", "to present a report to"),
        # real compounds keep their hyphen
        ("at its sixty-", "fifth session", "at its sixty-fifth session"),
        ("the follow-", "up to", "the follow-up to"),
        ("a High-", "level meeting", "a High-level meeting"),
        ("a one-", "day seminar", "a one-day seminar"),
    ],
)
def test_words_broken_at_a_line_end_that_the_extractor_reads_are_joined(left, right, joined):
    """A word the extractor reads (an ordinal, "session", a product noun) broken by a
    hyphen at a line end is that word even when the document never prints it whole
    elsewhere and one half is a word ("seven" in "seven-|teenth"); compounds stay."""
    # a document that uses the halves as words of their own
    vocabulary = {word: 2 for word in ("seven", "day", "one", "level", "fifth", "up", "port")}
    assert join_hyphenated(left, right, vocabulary) == joined
    assert join_hyphenated(left, right) == joined


def test_a_word_the_document_prints_hyphenated_keeps_its_hyphen():
    """The document's own spelling wins: "mid-|term" stays when it prints "mid-term"."""
    assert join_hyphenated("a mid-", "term review", {"mid-term": 1}) == "a mid-term review"
    assert join_hyphenated("a mid-", "term review", {"mid": 1, "term": 1}) == "a midterm review"


@pytest.mark.parametrize(
    ("words", "number"),
    [("one hundredth", 100), ("one hundred and seventeenth", 117), ("One hundred and first", 101)],
)
def test_ordinals_past_one_hundred_are_read(words, number):
    """The ordinal reader reads the words of sessions past the ninety-ninth."""
    assert ordinal_to_int(words) == number


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


def test_commission_draft_with_line_numbers_is_the_commission_s_draft():
    """A Commission on the Status of Women draft whose lines are numbered reads its opening
    formula ("1 The Commission on the Status of Women,") once the number is off: symbol,
    body CSW, session and draft status, not an ECOSOC text without a symbol."""
    body = [
        "The Commission on the Status of Women,",
        "",
        "Recalling its resolution 86/2 and the agreed conclusions adopted at its",
        "eighty-seventh session,",
        "",
        "1. Requests the Secretary-General to submit a report on progress made to",
        "the Commission at its ninetieth session and to convene an expert group",
        "meeting before the one hundredth session of the General Assembly.",
    ]
    source = (
        "United Nations Economic and Social Council\n\nE/CN.6/2049/L.5\n\n"
        "Distr.: Limited\n\nCommission on the Status of Women\nNinety-third session\n\n"
        "Draft resolution submitted by the Vice-Chair of the Commission, on the basis of"
        " informal consultations\n\nCare of lighthouse keepers\n\n" + "\n".join(_numbered(body))
    )
    result = extract_text(source, source_name="E_CN.6_2049_L.5.txt")
    assert (result.symbol, result.body, result.session, result.status) == (
        "E/CN.6/2049/L.5",
        "CSW",
        93,
        "draft",
    )
    assert ("1", "meeting", "GA", 100, "before") in _dated(result)


def test_a_page_of_footnotes_numbered_down_its_foot_keeps_them():
    """Six footnotes at the foot of a page, their small raised numbers (1 to 6) left of
    their text, count down the page like line numbers: they stay the notes' numbers."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0) -> None:
        pdf.set_font("Times", size=size)
        pdf.text(x, y, words)

    text(120, 60, "United Nations", 14)
    text(460, 60, "A/RES/90/7", 14)
    text(120, 200, "90/7. Care of imaginary lighthouses", 12)
    text(144, 230, "The General Assembly,")
    words = "Recalling its resolutions on lighthouses 1 and lamps 2 and keepers 3 and logs"
    text(144, 248, words)
    text(120, 260, "4 and ships 5 and coasts 6,")
    text(144, 278, "1. Requests the Secretary-General to report at its ninety-first session.")
    text(120, 600, "__________", 8)
    for number in range(1, 7):
        y = 614 + 11 * (number - 1)
        text(84, y - 3, str(number), 5.5)
        text(120, y, f"Resolution 8{number}/{number}.", 8)
    result = extract_bytes(bytes(pdf.output()), "A_RES_90_7.pdf")
    assert [(note.mark, note.text) for note in result.footnotes] == [
        (str(number), f"Resolution 8{number}/{number}.") for number in range(1, 7)
    ]
