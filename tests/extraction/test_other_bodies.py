"""Resolutions and decisions of organs other than the Assembly and the three Councils.

A functional or regional commission, a conference of States parties: each adopts its own
resolutions and decisions, whose symbols carry a RES or DEC component after the body's
(E/CN.6/RES/71/2, E/ESCAP/RES/97/4, CRPD/CSP/2041/DEC/3). They are resolutions, not reports,
and their header prints the symbol and the adoption line ("Resolution adopted by the <body>
on <date>"). The body keeps a code only where the project has one (a functional commission);
another body's is None, never the "Economic and Social Council" of the masthead. All texts
here are invented.
"""

from __future__ import annotations

import html
from datetime import date

import pytest

from mandates.extraction import extract_text
from mandates.extraction.api import extract_bytes
from mandates.extraction.doctype import refuse_non_resolution
from mandates.extraction.errors import NotAResolutionError
from mandates.extraction.header import find_other_opener, parse_header

#: A resolution of the Commission on the Status of Women in the UN layout: its symbol
#: beside "United Nations", the Council's masthead, the Commission's session.
CSW = """United Nations E/CN.6/RES/71/2

Economic and Social Council Distr.: General
30 March 2041

Commission on the Status of Women
Seventy-first session
10-21 March 2041
Agenda item 3

Resolution adopted by the Commission on the Status of Women on 21 March 2041

71/2. Women and girls in rural water management

The Commission on the Status of Women,

Recalling its resolution 69/4 of 14 March 2039,

1. Requests the Secretary-General to submit a report to the General Assembly at its
ninety-sixth session on the implementation of the present resolution;

2. Decides to continue its consideration of the question at its seventy-third session.
"""

#: A resolution of a regional commission, whose name is no body of the project.
ESCAP = """United Nations E/ESCAP/RES/97/4

Economic and Social Council Distr.: General
20 May 2041

Economic and Social Commission for Asia and the Pacific
Ninety-seventh session
Bangkok, 14-18 May 2041
Agenda item 4

Resolution adopted by the Economic and Social Commission for Asia and the Pacific
on 18 May 2041

97/4. Regional cooperation on coastal data

The Economic and Social Commission for Asia and the Pacific,

Recalling its resolution 95/2,

1. Requests the Executive Secretary to report to the Commission at its ninety-ninth
session on the implementation of the present resolution.
"""

#: A report of the Commission's session: its own symbol has no RES component.
REPORT = """United Nations E/CN.6/2041/3

Economic and Social Council Distr.: General
10 December 2040

Commission on the Status of Women
Seventy-first session

Women and girls in rural water management

1. Some findings on the question.
"""


def _header(result) -> tuple:
    return (result.symbol, result.body, result.session, result.number, result.adopted_on)


# ----------------------------------------------------------------- not refused as reports


@pytest.mark.parametrize(
    "symbol",
    [
        "E/CN.6/RES/71/2",
        "E/CN.15/RES/33/3",
        "E/ESCAP/RES/97/4",
        "E/ECE/RES/2041/1",
        "E/CN.4/RES/2005/79",
        "E/CN.6/DEC/71/101",
        "A/HRC/RES/59/3",
        "E/DEC/2041/201",
        "A/C.3/80/L.8",
    ],
)
def test_a_resolution_or_decision_symbol_of_any_organ_passes(symbol):
    """A text led by its own symbol passes when the symbol has a RES or DEC component."""
    refuse_non_resolution(f"United Nations {symbol}\n\nSome body\n\n1. Words.\n", "x.txt")


@pytest.mark.parametrize("symbol", ["E/CN.6/2041/3", "E/ESCAP/97/12", "E/2041/27", "A/HRC/62/40"])
def test_a_report_symbol_is_still_refused(symbol):
    with pytest.raises(NotAResolutionError, match=f"report or another document \\({symbol}\\)"):
        refuse_non_resolution(f"United Nations {symbol}\n\nSome body\n\n1. Words.\n", "x.txt")


def test_a_commission_resolution_is_read_not_refused():
    """E/CN.6/RES/71/2 was refused as "a report or another document"; now its header reads
    the symbol and the date printed."""
    result = extract_text(CSW, source_name="csw.txt")
    assert _header(result) == ("E/CN.6/RES/71/2", "CSW", 71, "2", date(2041, 3, 21))
    assert result.title == "Women and girls in rural water management"
    assert result.warnings == []
    assert [(d.paragraph, d.due.body, d.due.session) for d in result.deliverables] == [
        ("1", "GA", 96)
    ]


def test_a_regional_commission_resolution_is_read_not_refused():
    """E/ESCAP/RES/97/4: its opening formula and adoption line name a body with no code, so
    the body is None (not the masthead's Council) and the formula is no preambular
    paragraph."""
    result = extract_text(ESCAP, source_name="escap.txt")
    assert _header(result) == ("E/ESCAP/RES/97/4", None, 97, "4", date(2041, 5, 18))
    assert result.title == "Regional cooperation on coastal data"
    assert [p.verb for p in result.preamble] == ["Recalling"]
    assert [op.number for op in result.operative] == ["1"]
    assert not [w for w in result.warnings if w.startswith("header")]


def test_a_commission_report_is_still_refused():
    with pytest.raises(NotAResolutionError, match=r"\(E/CN\.6/2041/3\)"):
        extract_text(REPORT, source_name="report.txt")


# ------------------------------------------------------------------- the header's fields


@pytest.mark.parametrize(
    ("line", "adopted_on"),
    [
        ("Resolution adopted by the Commission on the Status of Women on 21 March 2041", 21),
        ("Decision adopted by the Conference of States Parties on 12 June 2041", 12),
        (
            "Resolution adopted by the Commission on Narcotic Drugs at its 12th meeting, on 14 March 2041",
            14,
        ),
        (
            "Resolution adopted by the Economic and Social Commission for Asia\nand the Pacific on 18 May 2041",
            18,
        ),
    ],
)
def test_adoption_line_of_any_body(line, adopted_on):
    header = f"United Nations\n\n{line}\n\n34/3. A title\n\n"
    assert parse_header(header, opener_body=None).adopted_on.day == adopted_on


@pytest.mark.parametrize(
    ("masthead", "symbol"),
    [
        ("United Nations E/CN.6/RES/71/2", "E/CN.6/RES/71/2"),
        ("United Nations CRPD/CSP/2041/DEC/3", "CRPD/CSP/2041/DEC/3"),
        ("United Nations E/CN.4/Sub.2/RES/2005/3", "E/CN.4/Sub.2/RES/2005/3"),
        ("United Nations UNEP/EA.6/Res.3", "UNEP/EA.6/Res.3"),
        ("(E/ESCAP/RES/97/4)", "E/ESCAP/RES/97/4"),
        ("United Nations ICCD/COP(16)/23/Add.1", None),
        ("United Nations E/CN.6/2041/3", None),
    ],
)
def test_printed_symbol_of_another_body(masthead, symbol):
    """Any resolution or decision symbol is the symbol of another body's text (a report's or
    an addendum's is not)."""
    header = (
        f"{masthead}\n\nDecision adopted by the Conference of States Parties on 12 June 2041\n\n"
        "34/3. A title\n\n"
    )
    result = parse_header(header, opener_body=None)
    assert (result.symbol, result.body, result.number) == (symbol, None, "3")


def test_a_symbol_of_another_body_is_no_assembly_symbol():
    """In a General Assembly header the printed symbol of another organ's resolution is not
    read (the Assembly's own symbol comes from its number)."""
    header = (
        "United Nations E/CN.6/RES/71/2\n\nResolution adopted by the General Assembly on "
        "9 December 2041\n\n96/12. A title\n\n"
    )
    result = parse_header(header, opener_body="General Assembly")
    assert (result.symbol, result.body, result.warnings) == ("A/RES/96/12", "GA", [])


@pytest.mark.parametrize(
    ("adoption", "opener", "body"),
    [
        ("Commission on Population and Development", None, "CPD"),
        ("Commission", "Commission on Population and Development", "CPD"),
        ("Commission on Human Rights", None, None),
    ],
)
def test_a_year_number_of_another_body_is_no_council_resolution(adoption, opener, body):
    """ "2041/1." of a commission numbering its resolutions by year is not E/RES/2041/1
    (the Economic and Social Council's): its symbol is printed, its session in words."""
    header = (
        f"United Nations E/CN.9/RES/2041/1\n\nSeventy-fourth session\n\n"
        f"Resolution adopted by the {adoption} on 12 April 2041\n\n2041/1. A title\n\n"
    )
    result = parse_header(header, opener_body=opener)
    assert (result.symbol, result.body, result.session, result.number, result.warnings) == (
        "E/CN.9/RES/2041/1",
        body,
        74,
        "1",
        [],
    )


def test_the_council_s_year_numbers_are_kept():
    header = (
        "Resolution adopted by the Economic and Social Council on 2 July 2041\n\n2041/5. A title\n"
    )
    result = parse_header(header, opener_body=None)
    assert (result.symbol, result.body, result.session) == ("E/RES/2041/5", "ECOSOC", 2041)


# ----------------------------------------------------------------- the opening formula


def test_opening_formula_of_another_body():
    text = (
        "Decision adopted by the Conference of States Parties on 12 June 2041\n\n"
        "34/3. A title\n\n"
        "The Conference of States Parties to the Convention on the Rights of Persons\n"
        "with Disabilities,\n\n1. Requests the Secretary-General to report.\n"
    )
    opener = find_other_opener(text)
    assert opener is not None
    assert " ".join(opener.group(1).split()) == (
        "Conference of States Parties to the Convention on the Rights of Persons with Disabilities"
    )


@pytest.mark.parametrize(
    "text",
    [
        # no adoption line naming it
        "34/3. A title\n\nThe Conference of States Parties,\n\n1. Requests it.\n",
        # a formula naming another body than the adoption line
        "Resolution adopted by the Commission on Human Rights on 1 April 2005\n\n"
        "The Conference of States Parties,\n\n1. Requests it.\n",
        # a paragraph after a formula without its comma
        "Resolution adopted by the Conference of States Parties on 12 June 2041\n\n"
        "The Conference of States Parties\nRecalling its decision 33/1,\n\n1. Requests it.\n",
        # the four bodies and the commissions have finders of their own
        "Resolution adopted by the General Assembly on 1 April 2041\n\nThe General Assembly,\n",
    ],
)
def test_no_opening_formula_of_another_body(text):
    assert find_other_opener(text) is None


# --------------------------------------------------------------------- other formats


def test_a_commission_resolution_as_markdown():
    text = (
        "# Economic and Social Council\n\nE/CN.15/RES/33/3  \nDistr.: General  \n30 May 2041\n\n"
        "---\n\n## **Commission on Crime Prevention and Criminal Justice**\n\n"
        "Thirty-third session  \nVienna, 20-24 May 2041\n\n"
        "**Resolution adopted by the Commission on Crime Prevention and Criminal Justice on "
        "24 May 2041**\n\n**33/3. Safer harbours for small fishing communities**\n\n"
        "*The Commission on Crime Prevention and Criminal Justice,*\n\n"
        "*Recalling* its resolution 31/2,\n\n"
        "1. *Requests* the Secretariat to report to the Commission at its thirty-fifth session.\n"
    )
    result = extract_bytes(text.encode(), "E_CN.15_RES_33_3.md")
    assert _header(result) == ("E/CN.15/RES/33/3", "CCPCJ", 33, "3", date(2041, 5, 24))
    assert result.warnings == []


def test_a_commission_resolution_as_a_web_page():
    page = (
        "<html><body><p>United Nations <b>E/CN.6/RES/73/2</b></p>"
        "<p>Economic and Social Council</p><p>Distr.: General<br>2 April 2043</p>"
        "<p>Commission on the Status of Women<br>Seventy-third session</p>"
        "<p>Resolution adopted by the Commission on the Status of Women<br>on 20 March 2043</p>"
        f"<p>73/2.&nbsp;{html.escape('Women in coastal fisheries')}</p>"
        "<p><i>The Commission on the Status of Women,</i></p>"
        "<p><i>Recalling</i> its resolution 71/2,</p><p>1. <i>Requests</i> the "
        "Secretary-General to submit a report to the General Assembly at its ninety-eighth "
        "session.</p></body></html>"
    )
    result = extract_bytes(page.encode(), "E_CN.6_RES_73_2.html")
    assert _header(result) == ("E/CN.6/RES/73/2", "CSW", 73, "2", date(2043, 3, 20))
    assert result.warnings == []


def test_a_decision_of_a_conference_of_states_parties_as_a_pdf():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0) -> None:
        pdf.set_font("Times", size=size)
        pdf.text(x, y, words)

    text(120, 60, "United Nations", 14)
    text(420, 60, "CRPD/CSP/2041/DEC/3", 14)
    text(120, 88, "Conference of States Parties to the", 12)
    text(120, 102, "Convention on the Rights of Persons", 12)
    text(120, 116, "with Disabilities", 12)
    text(420, 88, "Distr.: General", 10)
    text(420, 100, "20 June 2041", 10)
    text(60, 200, "Thirty-fourth session", 10)
    text(60, 212, "New York, 10-12 June 2041", 10)
    text(120, 240, "Decision adopted by the Conference of States Parties on 12 June 2041", 12)
    text(84, 270, "34/3. Accessible venues for the Conference", 12)
    text(
        144, 300, "The Conference of States Parties to the Convention on the Rights of Persons", 10
    )
    text(120, 312, "with Disabilities,", 10)
    text(
        144,
        330,
        "1. Requests the Secretary-General to submit a report to the Conference at its",
        10,
    )
    text(120, 342, "thirty-fifth session.", 10)
    result = extract_bytes(bytes(pdf.output()), "CRPD_CSP_2041_DEC_3.pdf")
    assert _header(result) == ("CRPD/CSP/2041/DEC/3", None, 34, "3", date(2041, 6, 12))
    assert result.title == "Accessible venues for the Conference"
    assert result.preamble == []
    assert not [w for w in result.warnings if w.startswith("header")]
