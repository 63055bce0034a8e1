"""Products a request lists in sub-paragraphs, with the deadline after the list or in the
lead (invented texts, never resolution text): "Requests the High Commissioner to organize:
(a) Two regional workshops ...; (b) An online consultation ...; and to complete the
workshops and the consultation before the Nth session"."""

from __future__ import annotations

import pytest

from mandates.extraction import extract_text
from mandates.extraction.cleaning import clean_text
from tests.samples import hrc_resolution

#: The example of the brief, its layout as printed: one line a paragraph or item, the
#: lead's closing words on a line of their own after a roman list.
LISTED = (
    "Requests the High Commissioner, in consultation with States, United Nations agencies "
    "and other relevant stakeholders, to organize:\n"
    "(a) Two regional expert workshops, one in Africa and one in Latin America and the "
    "Caribbean, on the human rights safeguards applicable to automated eligibility systems;\n"
    "(b) An online consultation open to all stakeholders, with particular attention to the "
    "participation of:\n"
    "(i) National human rights institutions;\n"
    "(ii) Organizations of persons directly affected by automated decisions;\n"
    "and to complete the workshops and the consultation before the one hundred and "
    "twenty-fourth session of the Council;"
)
TAIL = (
    "and to complete the workshops and the consultation before the one hundred and "
    "twenty-fourth session of the Council;"
)
SECOND = "Requests the Advisory Committee to prepare a study on the matter;"


def _read(*operative: str):
    text = hrc_resolution(operative=list(operative))
    return extract_text(text, source_name="A_HRC_RES_61_97.txt")


def _rows(result) -> list[tuple]:
    return sorted(
        (
            d.paragraph,
            d.actor,
            d.kind,
            d.count,
            (d.due.body, d.due.session, d.due.relation) if d.due else None,
        )
        for d in result.deliverables
    )


def _one_line_a_paragraph(text: str) -> str:
    """The whole resolution with one line a paragraph and no blank line (as pasted)."""
    return "\n".join(line for line in text.split("\n") if line.strip())


LAYOUTS = {
    "blank lines": lambda text: text.replace("\n", "\n\n"),
    "one line an item": lambda text: text,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_closing_line_after_a_roman_list_stays_the_paragraphs(layout):
    """The structure keeps "and to complete ..." in paragraph 1 (its text and span) and
    out of the last item, 1(b)(ii); every span indexes its text."""
    result = _read(LAYOUTS[layout](LISTED), SECOND)
    paragraph = result.operative[0]
    assert paragraph.text.endswith(TAIL)
    assert [sub.label for sub in paragraph.subparagraphs] == ["a", "b", "b(i)", "b(ii)"]
    last = paragraph.subparagraphs[-1]
    assert last.text == "Organizations of persons directly affected by automated decisions;"
    for part in [paragraph, *paragraph.subparagraphs]:
        assert result.text[part.span[0] : part.span[1]] == part.text
    assert result.operative[1].text == SECOND


def test_a_lower_case_line_after_an_item_is_a_paragraph_of_its_own():
    """Cleaning: after an item on a line of its own that ends with ";", a line opening in
    lower case is the lead going on, not more of the item; other lines join as before."""
    source = "(ii) Organizations of persons;\nand to complete the workshops;"
    assert clean_text(source)[0].split("\n\n") == [
        "(ii) Organizations of persons;",
        "and to complete the workshops;",
    ]
    joined = "Requests the Office to organize workshops;\nand to complete them;"
    assert clean_text(joined)[0] == joined.replace("\n", " ")
    wrapped = "(a) To prepare a report on X, covering\nthe situation of Y;"
    assert clean_text(wrapped)[0] == wrapped.replace("\n", " ")
