"""A paragraph number with no gap before its text: the label in an HTML element of its own
("<span class="num">1.</span>Notes"), or a plain text that lost the space ("2.Urges").

Every paragraph keeps the number it prints; none is numbered by its place when its
printed number could not be read.
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_bytes, extract_text
from mandates.extraction.readers import read_bytes
from mandates.extraction.structure import parse_structure

_PAGE = """<!DOCTYPE html><html><head><title>A/HRC/RES/61/4</title>
<style>.num{{display:inline-block;width:2.5em}}</style></head><body>
<p>Human Rights Council</p><p>Sixty-first session</p>
<p><b>61/4. Safe drinking water in Lowland</b></p>
<p><i>The Human Rights Council,</i></p>
<p><i>Recalling</i> its resolution 58/9,</p>
{ops}
</body></html>"""
_OPS = (
    ("Firmly", "deplores the shortage of safe drinking water in Lowland;"),
    ("Calls upon", "the Government to restore the water supply;"),
    (
        "Requests",
        "the High Commissioner to present a report on the situation to the Council at its"
        " sixty-third session;",
    ),
)


def _page(number_element: str) -> bytes:
    """The page, each paragraph's number set in ``number_element`` ("{n}" for the number)."""
    ops = "\n".join(
        f'<p class="op">{number_element.format(n=index)}<i>{verb}</i> {rest}</p>'
        for index, (verb, rest) in enumerate(_OPS, 1)
    )
    return _PAGE.format(ops=ops).encode()


@pytest.mark.parametrize(
    "number_element",
    [
        '<span class="num">{n}.</span>',  # a styled inline-block span
        "<b>{n}.</b>",
        "<span>{n}.<span style='mso-tab-count:1'></span></span>",  # Word's tab, empty
    ],
)
def test_a_number_in_an_element_of_its_own_is_not_glued_to_the_text(number_element):
    """The page shows a gap after the label: the reader writes one."""
    text = read_bytes(_page(number_element), "61_4.html").text
    assert "1. Firmly deplores" in text
    assert "2. Calls upon" in text
    assert "3. Requests the High Commissioner" in text


def test_a_number_element_keeps_every_paragraph_number_as_printed():
    """Paragraph 1 is found and the report is paragraph 3's, not 2's."""
    result = extract_bytes(_page('<span class="num">{n}.</span>'), "61_4.html")
    assert [(p.number, p.verb) for p in result.operative] == [
        ("1", "Firmly deplores"),
        ("2", "Calls upon"),
        ("3", "Requests"),
    ]
    assert [
        (d.paragraph, d.kind, d.due.session if d.due else None) for d in result.deliverables
    ] == [("3", "report", 63)]


def test_a_gap_already_on_the_page_is_not_doubled():
    """A label that ends in a space inside its element, or a space after it, stays as is."""
    inside = _page('<span class="num">{n}.&emsp;</span>')
    after = _PAGE.format(ops='<p><span class="num">1.</span> <i>Firmly</i> deplores it;</p>')
    assert "1.\u2003Firmly deplores" in read_bytes(inside, "a.html").text
    assert "1. Firmly deplores it;" in read_bytes(after.encode(), "b.html").text


def test_a_number_in_running_text_is_left_alone():
    """Only a label alone at the start of a block is set apart."""
    page = _PAGE.format(ops="<p>1. Notes that <b>2.</b>5 million people lack water;</p>")
    assert "1. Notes that 2.5 million people" in read_bytes(page.encode(), "c.html").text


_GLUED = (
    "Human Rights Council\n\nSixty-first session\n\n61/4. Safe drinking water in Lowland\n\n"
    "The Human Rights Council,\n\nRecalling its resolution 58/9,\n\n"
    "{first}"
    "2.Calls upon the Government to restore the water supply;\n\n"
    "3.Requests the High Commissioner to present a report on the situation to the Council"
    " at its sixty-third session;\n"
)


def test_plain_text_numbers_glued_to_their_verbs_are_read_as_printed():
    """ "1.Firmly deplores ..." opens the operative part; each paragraph keeps its number."""
    text = _GLUED.format(first="1.Firmly deplores the shortage of safe drinking water;\n\n")
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["1", "2", "3"]
    assert not [w for w in structure.warnings if w.startswith("operative")]
    assert [d.paragraph for d in extract_text(text).deliverables] == ["3"]


def test_a_glued_number_is_never_replaced_by_one_counted_from_its_place():
    """Paragraph 1 missing: "2.Deeply regrets" (no verb the reader knows ahead of it) keeps
    its printed 2, flagged as out of order, rather than becoming paragraph 1."""
    text = _GLUED.format(first="").replace("2.Calls upon", "2.Deeply regrets")
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["2", "3"]
    assert "operative numbering: paragraph 2 follows the preamble (expected 1)" in (
        structure.warnings
    )
    assert [d.paragraph for d in extract_text(text).deliverables] == ["3"]


def test_a_preambular_paragraph_is_not_read_as_a_glued_number():
    """A preamble piece ending in a comma keeps its place even if it opens "4.Xxx"."""
    text = (
        "The Human Rights Council,\n\nRecalling its resolution 58/9,\n\n"
        "4.Noting the report,\n\n1. Requests the Secretary-General to report;\n"
    )
    structure = parse_structure(text)
    assert [p.number for p in structure.operative] == ["1"]
