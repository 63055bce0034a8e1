"""Passes of the read stage that look only where a hint stands give the plain results.

Each function here replaces a pattern tried over the whole text (or every line) with a
look at the few places a cheap scan finds; the plain form is run beside it on invented
texts, generated ones and the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import cleaning
from tests.extraction.test_fast_paths import reference_split_header_lines
from tests.shared_data import shared_path


def _corpus_texts() -> list[str]:
    root = shared_path("corpus")
    return [path.read_text(encoding="utf-8") for path in sorted(root.glob("*/*.txt"))]


# ------------------------------------------------------------- hyphen before a title word

TITLE_HYPHEN_TEXTS = [
    "",
    "the Comprehensive Nuclear- Test-Ban Treaty",
    "Nuclear- Test and nuclear- Test, Al- Qaida, Secretary- General",
    "A- Bc, AB- Cd, aNuclear- Test, _Nuclear- Test, éNuclear- Test, 1Nuclear- Test",
    "Nuclear- Test- Ban- Treaty- Organization",
    "- Ab at the start, Ab- Cd- Ef, Ab-- Cd, Ab- CD, Ab- C",
    "Secretary- General",
    "(Secretary- General) “Secretary- General”",
]


@pytest.mark.parametrize("text", TITLE_HYPHEN_TEXTS)
def test_title_hyphens_equal_the_substitution(text):
    assert cleaning._join_title_hyphens(text) == cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Ab", "Nuclear", "a", "B", "-", " ", "- ", "é", "_", "1", "x"])))
def test_generated_title_hyphens_equal_the_substitution(pieces):
    text = "".join(pieces)
    assert cleaning._join_title_hyphens(text) == cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)


def test_title_hyphens_on_the_corpus():
    for text in _corpus_texts():
        text = text.replace("-", "- ")  # every hyphen of the corpus a candidate
        expected = cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)
        assert cleaning._join_title_hyphens(text) == expected


# ------------------------------------------------------------------ merged header lines


HEADER_PARAGRAPHS = [
    "General Assembly Distr.: General 3 January 2024",
    "Human Rights Council Distr.: General",
    "Fifty-ninth session Agenda item 3 Promotion and protection",
    "Fifty-ninth session Agenda items 3 and 4",
    "Seventy-eighth special session Agenda item 12",
    "Agenda item 3",
    "Agenda item 3 Promotion and protection of all human rights",
    "Agenda items 19 (b), 20 and 21(a) “Globalization”",
    "Agenda item 19 (b)",
    "12 December 2023 [Adopted without a vote]",
    "12 December 2023 [Adopted by a recorded vote]\nsecond line",
    "78th plenary meeting 12 December 2023",
    "78th plenary meeting 12 December 2023 [Adopted without a vote]",
    "3rd meeting 1 May 2020",
    "3rd meeting",
    "1. Decides to remain seized of the matter;",
    "The General Assembly,",
    "Recalling its resolution 70/1,",
    "",
    "78th plenary meeting 12 December 2023 " + "x" * 400,
    "٣rd meeting 1 May 2020",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEADER_PARAGRAPHS), max_size=30))
def test_split_header_lines_equals_looking_at_every_paragraph(paragraphs):
    expected = reference_split_header_lines(paragraphs)
    assert cleaning._split_header_lines(paragraphs) == expected


def test_split_header_lines_on_the_corpus():
    for text in _corpus_texts():
        paragraphs = cleaning._assemble(text.split("\n"), False, cleaning.Notes(), None, text=text)
        expected = reference_split_header_lines(paragraphs)
        assert cleaning._split_header_lines(paragraphs) == expected
        # The same paragraphs moved past the first twelve.
        moved = [*paragraphs[:12], *paragraphs]
        assert cleaning._split_header_lines(moved) == reference_split_header_lines(moved)


# ------------------------------------------------------- vocabulary for hyphenated lines

HYPHEN_LINE_LISTS = [
    ["Recalling the devel-", "opment of the develop-", "", "- a dash line -"],
    ["Recalling the devel- ", "opment of the text"],  # "-" before a space: no vocabulary
    ["No hyphen at a line end", "at all", "", "x"],
    ["ends with a hyphen-"],
    ["", "-", ""],
    [],
]


@pytest.mark.parametrize("lines", HYPHEN_LINE_LISTS)
def test_vocabulary_is_decided_as_before(lines):
    """The vocabulary is the words of the lines exactly when a line ends with "-", from
    the lines or from their joined text alike (the decision _assemble made at once)."""
    text = "\n".join(lines)
    hyphenated = any(line.endswith("-") for line in lines)
    for gate in (
        cleaning._VocabularyIfHyphenated(lines, None),
        cleaning._VocabularyIfHyphenated(lines, text),
    ):
        vocabulary = gate.get()
        assert (vocabulary is not None) == hyphenated
        if vocabulary is not None:
            assert dict(vocabulary) == dict(cleaning.vocabulary_of(text))
        assert gate.get() is vocabulary


@pytest.mark.parametrize("lines", HYPHEN_LINE_LISTS)
def test_assemble_joins_hyphenated_lines_as_before(lines):
    text = "\n".join(lines)
    hyphenated = any(line.endswith("-") for line in lines)
    # The old decision, made before reading: the words when a line ends with "-".
    eager = cleaning._LinesVocabulary(lines) if hyphenated else None
    for joined in (text, None):
        paragraphs = cleaning._assemble(lines, False, cleaning.Notes(), None, text=joined)
        if eager is not None:
            expected = cleaning._assemble(
                lines, False, cleaning.Notes(), None, vocabulary=eager, text=joined
            )
            assert paragraphs == expected
    if lines and lines[0] == "Recalling the devel- ":
        # No line ends with "-", so the suffix rule decides: "opment" is a word's tail.
        assert paragraphs == ["Recalling the development of the text"]
