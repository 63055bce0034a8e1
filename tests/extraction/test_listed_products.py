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
def test_the_deadline_after_a_list_of_products_dates_each(layout):
    """10(a) the two workshops (a seminar, count 2) and 10(b) the consultation are the High
    Commissioner's, both due before HRC 124, flagged as a deadline from the lead; the
    roman items under (b) are no products."""
    result = _read(LAYOUTS[layout](LISTED), SECOND)
    assert _rows(result) == [
        ("1(a)", "High Commissioner", "seminar", 2, ("HRC", 124, "before")),
        ("1(b)", "High Commissioner", "consultation", 1, ("HRC", 124, "before")),
        ("2", "Advisory Committee", "study", 1, None),
    ]
    listed = [d for d in result.deliverables if d.paragraph.startswith("1(")]
    assert all(d.review_reasons == ["deadline from the paragraph's lead"] for d in listed)


def test_a_whole_text_with_one_line_a_paragraph_reads_the_same():
    """No blank line anywhere (the text read line by line): the same two deliverables."""
    text = _one_line_a_paragraph(hrc_resolution(operative=[LISTED, SECOND]))
    result = extract_text(text, source_name="A_HRC_RES_61_97.txt")
    assert _rows(result)[:2] == [
        ("1(a)", "High Commissioner", "seminar", 2, ("HRC", 124, "before")),
        ("1(b)", "High Commissioner", "consultation", 1, ("HRC", 124, "before")),
    ]


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


def test_the_deadline_in_the_lead_dates_each_listed_product():
    """ "to organize, before its Nth session, the following:": each item takes it."""
    result = _read(
        "Requests the High Commissioner to organize, before its sixty-fourth session, the "
        "following:\n\n(a) Two regional expert workshops on automated eligibility systems;\n\n"
        "(b) An online consultation open to all stakeholders;"
    )
    assert _rows(result) == [
        ("1(a)", "High Commissioner", "seminar", 2, ("HRC", 64, "before")),
        ("1(b)", "High Commissioner", "consultation", 1, ("HRC", 64, "before")),
    ]


AVAILABLE = "and to make the compilation available before the sixty-fifth session of the Council;"


@pytest.mark.parametrize("after", ["", f"\n\n{AVAILABLE}"])
def test_each_listed_product_keeps_its_own_deadline_or_none(after):
    """ "to prepare: (a) A report on X, to be presented to the Council at its Nth session;
    (b) A compilation of Y": the report is due at N, the compilation stays undated (not
    given its neighbour's session); a closing line's session dates only the undated one."""
    result = _read(
        "Requests the High Commissioner to prepare:\n\n(a) A report on automated eligibility "
        "systems, to be presented to the Council at its sixty-fourth session;\n\n(b) A "
        "compilation of good practices in the design of such systems;" + after
    )
    compilation = ("HRC", 65, "before") if after else None
    assert _rows(result) == [
        ("1(a)", "High Commissioner", "report", 1, ("HRC", 64, "at")),
        ("1(b)", "High Commissioner", "compilation", 1, compilation),
    ]
    assert not result.deliverables[0].needs_review


def test_a_product_of_the_closing_line_is_the_leads_own():
    """ "...; and to submit a report thereon to the Council at its Nth session": the report
    (paragraph 1) is due at N; the listed workshops and consultation stay undated."""
    result = _read(
        "Requests the High Commissioner to organize:\n\n(a) Two regional expert workshops on "
        "automated eligibility systems;\n\n(b) An online consultation open to all "
        "stakeholders;\n\nand to submit a report thereon to the Council at its sixty-fifth "
        "session;"
    )
    assert _rows(result) == [
        ("1", "High Commissioner", "report", 1, ("HRC", 65, "at")),
        ("1(a)", "High Commissioner", "seminar", 2, None),
        ("1(b)", "High Commissioner", "consultation", 1, None),
    ]


@pytest.mark.parametrize(
    ("items", "after", "expected"),
    [
        ("(a) Women;\n\n(b) Children;", "", []),
        (
            "(a) Women;\n\n(b) Children;",
            "\n\nand to complete this work before its sixty-fourth session;",
            [],
        ),
        ("(a) A gender perspective;\n\n(b) A child rights approach;", "", []),
        (
            "(a) A gender perspective;\n\n(b) A child rights approach;",
            "\n\nand to complete this work before its sixty-fourth session;",
            [],
        ),
        (
            "(a) Women;\n\n(b) Children;",
            "\n\nand to report thereon to the Council at its sixty-fourth session;",
            [("1", "High Commissioner", "report", 1, ("HRC", 64, "at"))],
        ),
    ],
)
def test_a_list_of_what_to_heed_gives_nothing_new(items, after, expected):
    """ "to pay particular attention to: (a) women; (b) children": no item is a product,
    with or without words of the lead after the list (a report asked there is the lead's)."""
    result = _read(
        "Requests the High Commissioner to pay particular attention to:\n\n" + items + after
    )
    assert _rows(result) == expected


def test_a_lead_that_names_its_product_lists_its_topics():
    """ "to prepare a report covering: (a) An analysis of X; (b) A review of Y; and to
    submit it ...": the items open like products but are the report's topics."""
    result = _read(
        "Requests the High Commissioner to prepare a report on canals, covering:\n\n(a) An "
        "analysis of the locks;\n\n(b) A study of the boat crews;\n\nand to submit it to the "
        "Human Rights Council at its sixty-sixth session;"
    )
    assert _rows(result) == [("1", "High Commissioner", "report", 1, ("HRC", 66, "at"))]


def test_a_closing_line_that_names_one_listed_product_dates_that_one():
    """ "(a) A report on X; (b) A compilation of Y; and to make the compilation available
    before the Nth session": the compilation is due then, the report stays undated; "and
    to present them ..." dates both."""
    items = (
        "Requests the High Commissioner to prepare:\n\n(a) A report on automated eligibility "
        "systems;\n\n(b) A compilation of good practices in the design of such systems;\n\n"
    )
    assert _rows(_read(items + AVAILABLE)) == [
        ("1(a)", "High Commissioner", "report", 1, None),
        ("1(b)", "High Commissioner", "compilation", 1, ("HRC", 65, "before")),
    ]
    both = items + "and to present them to the Council at its sixty-fifth session;"
    assert _rows(_read(both)) == [
        ("1(a)", "High Commissioner", "report", 1, ("HRC", 65, "at")),
        ("1(b)", "High Commissioner", "compilation", 1, ("HRC", 65, "at")),
    ]


def test_closing_words_run_on_after_the_last_product():
    """A layout that lost the line break ("(b) An online consultation ...; and to complete
    the workshops and the consultation before ..."): read as on a line of their own, and
    "the workshops" there is the listed seminar, not another one of 1(b)."""
    result = _read(
        "Requests the High Commissioner to organize:\n\n(a) Two regional expert workshops on "
        "automated eligibility systems;\n\n(b) An online consultation open to all "
        "stakeholders; " + TAIL
    )
    assert _rows(result) == [
        ("1(a)", "High Commissioner", "seminar", 2, ("HRC", 124, "before")),
        ("1(b)", "High Commissioner", "consultation", 1, ("HRC", 124, "before")),
    ]
