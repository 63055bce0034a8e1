"""Fast paths of the read and structure stages give exactly what the plain code gave.

Each fast path (issue 16) skips work when a cheap check proves the work cannot change
anything, or finds with one scan what a loop over every word or line found. The plain
versions are kept here as the reference, and both are run over invented texts (including
texts where the fast path must not be taken) and over the corpus.
"""

from __future__ import annotations

import re

import pytest

from mandates.extraction import cleaning, structure
from mandates.extraction.readers import decode_text
from tests.shared_data import shared_path

# ------------------------------------------------------------------- reference versions


def reference_residue_candidates(text: str) -> set[str]:
    """cleaning._residue_candidates before issue 16: every word of the text looked at."""
    found = set()
    for word in text.split():
        if 9 <= len(word) <= 80:
            word = word.strip(cleaning._WORD_EDGE)
            position = word.find(word[:2], 6)
            while position > 0:
                old = word[:position].replace("-", "").lower()
                new = word[position:].replace("-", "").lower()
                glued = word[position - 1] != "-"
                if glued and (old.startswith(new[: len(old)]) or old[:8] == new[:8]):
                    if cleaning._RESIDUE_TOKEN.fullmatch(word):
                        found.add(word)
                    break
                position = word.find(word[:2], position + 1)
    return found


def reference_fix_residue(text: str, warnings: list[str]) -> str:
    """cleaning._fix_residue before issue 16: one pass over every run of letters."""
    candidates = reference_residue_candidates(text)
    if not candidates:
        return text
    lengths = sorted({len(token) for token in candidates})
    found: list[tuple[int, int, str]] = []
    for word in cleaning._LETTER_RUN.finditer(text):
        run = word.group()
        start = word.start()
        for length in lengths:
            if length > len(run):
                break
            token = run[:length]
            if token in candidates:
                hit = cleaning._residue_at(text, start, token)
                if hit:
                    found.append((start, hit[0], hit[1]))
    if not found:
        return text
    out: list[str] = []
    last = 0
    for start, end, new_text in sorted(found):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(new_text)
        warnings.append(f"tracked-change residue {text[start:end]!r} read as {new_text!r}")
        last = end
    out.append(text[last:])
    return "".join(out)


_MD_SIGNS = re.compile(r"^ {0,3}-{3,}[ \t]*$|^\*[A-Z][a-z]+", re.MULTILINE)


def reference_looks_like_markdown(text: str) -> bool:
    """cleaning.looks_like_markdown before issue 16: one search over the whole text."""
    if "[^" in text or "<sup>" in text or "**" in text or "\n#" in text or text[:1] == "#":
        return True
    return _MD_SIGNS.search(text) is not None


def reference_hyphen_space(text: str) -> str:
    """The two hyphen-before-space repairs of cleaning.finish, always run."""
    text = cleaning._HYPHEN_SPACE.sub("-", text)
    return cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)


# ------------------------------------------------------------------------- inputs

RESIDUE_TEXTS = [
    "",
    "no long words here at all",
    "universality, nonselectivitynon-selectivity and the SubcommissionSub commission",
    "nonselectivitynon-selectivity opens the text",  # a candidate at offset 0
    "“capacitybuildingcapacity building” and (nonselectivitynon-selectivity).",
    "the thirtieth, thirty-fifth and thirty-sixth sessions; estimates; strongest template",
    "peer-to-peer case-by-case South-South intergovernmental entertainment Mississippi",
    "x" * 75 + " nonselectivitynon-selectivity " + "y" * 90,
    "a/nonselectivitynon-selectivity 1nonselectivitynon-selectivity _thirtieth",
    "word" * 30 + "nonselectivitynon-selectivity",  # inside a word longer than 80
    "abcdefgab abcdefab abcdefgabc Abcdefgab ABcdefgAB ab-cdefgab abcdef-ab",  # edges
    "éthirtieth ßthirtieth -thirtieth thirtieth- thirtieth-- --thirtieth",
    "tab\tthirtieth\nnewline\u00a0thirtieth\u2003thirtieth\x1cthirtieth",
    "thirtiethth thirtiethirtieth thirtieth.thirtieth thirtieth,thirtieth",
]


def _many_candidates() -> str:
    # More candidates than are looked for one by one: the pass over every word is taken.
    words = [f"{a}{b}tempor{a}{b}" for a in "bcdfghklmnprstvw" for b in "aeiou"]
    return " ".join(words) + " and nonselectivitynon-selectivity"


def _corpus_texts() -> list[str]:
    root = shared_path("corpus")
    return [decode_text(path.read_bytes(), path.name) for path in sorted(root.glob("*/*.txt"))]


# -------------------------------------------------------------------------- tests


@pytest.mark.parametrize("text", [*RESIDUE_TEXTS, _many_candidates()])
def test_residue_candidates_equal_the_word_by_word_check(text):
    assert cleaning._residue_candidates(text) == reference_residue_candidates(text)


@pytest.mark.parametrize("text", [*RESIDUE_TEXTS, _many_candidates()])
def test_residue_repair_equals_the_pass_over_every_word(text):
    fast_warnings: list[str] = []
    slow_warnings: list[str] = []
    assert cleaning._fix_residue(text, fast_warnings) == reference_fix_residue(text, slow_warnings)
    assert fast_warnings == slow_warnings


def test_many_candidates_take_the_pass_over_every_word():
    """Beyond the limit, candidates are not looked for one by one (quadratic)."""
    text = _many_candidates()
    assert len(cleaning._residue_candidates(text)) > cleaning._FIND_EACH_CANDIDATE
    warnings: list[str] = []
    assert "non-selectivity" in cleaning._fix_residue(text, warnings)
    assert warnings


MARKDOWN_TEXTS = [
    "",
    "plain text\nwith lines",
    "*Recalling* its resolution",  # emphasis at the very start
    "title\n*Recalling* its resolution",
    "title\n**Recalling** its resolution",
    "title\n*recalling* (lower case: no sign)",
    "a rule\n---\nbelow",
    "a rule\n   ---   \nbelow",
    "not a rule\n    ---\n(four spaces)",
    "dashes inside -- a line --- here\nand ---- there",
    "---",
    "----\n#",
    "text ---\n*Noting the report",
    "# heading",
    "text\n# heading",
    "a [^1] note",
    "a <sup>1</sup> note",
    "\n*\n*\n---x\n",
    "text\n**",
    "***",
    "*Recalling\n---",
    "text\n\n*Deeply concerned",
    "- - -\n--\n-",
]


@pytest.mark.parametrize("text", MARKDOWN_TEXTS)
def test_markdown_detection_equals_the_search_over_the_whole_text(text):
    assert cleaning.looks_like_markdown(text) == reference_looks_like_markdown(text)


HYPHEN_TEXTS = [
    "no hyphen at all",
    "an action- oriented plan for small- and medium-sized firms",
    "the Comprehensive Nuclear- Test-Ban Treaty",
    "Nuclear- test and nuclear- Test",
    "A- Bc and 1- Ab",
]


@pytest.mark.parametrize("text", HYPHEN_TEXTS)
def test_hyphen_repairs_equal_the_unconditional_passes(text):
    assert cleaning.finish([text])[0] == reference_hyphen_space(text)


def reference_last_char(text: str) -> str:
    """cleaning._last_char before issue 16: the trailing-note substitution always run."""
    text = cleaning._TRAILING_NOTE.sub("", text[-16:].rstrip()).rstrip(cleaning._CLOSERS + " ")
    return text[-1:] if text else ""


def reference_ends_open(text: str) -> bool:
    last = reference_last_char(cleaning._MARK.sub("", text))
    return bool(last) and last not in cleaning._TERMINAL and last != ","


def reference_starts_paragraph(line: str) -> bool:
    return bool(cleaning._NUMBERED.match(line) or cleaning._LABEL.match(line))


def reference_split_header_lines(paragraphs: list[str]) -> list[str]:
    """cleaning._split_header_lines before issue 16: every paragraph matched."""
    out: list[str] = []
    for index, para in enumerate(paragraphs):
        patterns = cleaning._SPLIT_HEADER if index < 12 else cleaning._SPLIT_HEADER[-2:]
        pending = [para]
        while pending:
            piece = pending.pop(0)
            match = None
            if len(piece) < 400:
                match = next((m for m in (p.match(piece) for p in patterns) if m), None)
            if match:
                pending[:0] = [match.group(1), match.group(2)]
            else:
                out.append(piece)
    return out


LINE_ENDS = [
    "",
    "the report of the Secretary-General",
    "the report of the Secretary-General,",
    "the report of the Secretary-General,2",
    "the report of the Secretary-General.12",
    "the report (A/78/123)",
    "the report,\ue0003\ue001",
    "the report\ue0003\ue001",
    "in 2015",
    "Questions,2 ”",
    "sessions;١",
    "1. Requests",
    "IV. Budget",
    "(a) A seminar",
    "12 (b). Decides",
    "Lighthouses",
    "٣. Requests",
]


@pytest.mark.parametrize("text", LINE_ENDS)
def test_line_checks_equal_the_plain_matches(text):
    assert cleaning._last_char(text) == reference_last_char(text)
    assert cleaning._ends_open(text) == reference_ends_open(text)
    assert cleaning._starts_paragraph(text) == reference_starts_paragraph(text)


HEADER_PARAGRAPHS = [
    "General Assembly Distr.: General 4 January 2024",
    "Seventy-eighth session Agenda item 15 Culture of peace",
    *[f"{n}. Requests a report;" for n in range(1, 14)],
    "30th plenary meeting 4 April 2024",
    "4 April 2024 [Adopted without a vote]",
    "General Assembly Distr.: General 4 January 2024",  # after the first 12: not split
]


def test_header_line_split_equals_matching_every_paragraph():
    assert cleaning._split_header_lines(HEADER_PARAGRAPHS) == (
        reference_split_header_lines(HEADER_PARAGRAPHS)
    )
    assert cleaning._split_header_lines(HEADER_PARAGRAPHS[:2]) == [
        "General Assembly",
        "Distr.: General 4 January 2024",
        "Seventy-eighth session",
        "Agenda item 15",
        "Culture of peace",
    ]


def test_corpus_texts_give_the_reference_results():
    """Over every corpus text (as read, so before and after cleaning)."""
    for raw in _corpus_texts():
        clean = cleaning.clean_text(raw)[0]
        assert cleaning.looks_like_markdown(raw) == reference_looks_like_markdown(raw)
        for text in (raw, clean):
            assert cleaning._residue_candidates(text) == reference_residue_candidates(text)
            assert cleaning._fix_residue(text, []) == reference_fix_residue(text, [])
        paragraphs = clean.split("\n\n")
        assert cleaning._split_header_lines(paragraphs) == reference_split_header_lines(paragraphs)
        for line in raw.split("\n"):
            assert cleaning._ends_open(line) == reference_ends_open(line)
            assert cleaning._starts_paragraph(line) == reference_starts_paragraph(line)
        for paragraph in paragraphs:
            assert structure.operative_verb(paragraph) == reference_lead(paragraph)
            assert structure._without_end_mark(paragraph) == (
                structure._FOOTNOTE_MARK_END.sub("", paragraph)
            )
            for number in (1, 2, 3, 10):
                assert structure._number_split(paragraph, 0, len(paragraph), number) == (
                    reference_number_split(paragraph, 0, len(paragraph), number)
                )


# ------------------------------------------------------------------------ structure

END_MARK_TEXTS = [
    "",
    "Recalling its resolution 53/11,",
    "Recalling its resolution 53/11,2",
    "Recalling its resolution 53/11,12\n",
    "Recalling its resolution 53/11;[^3]",
    "Recalling its resolution 53/11.<sup>4</sup>",
    "Recalling its resolution 53/11.**2",
    "Recalling its resolution 53/11 2",  # no punctuation before the number
    "Recalling its resolution 53/11,2\n\n",
    "in 2015",
    "1",
    "\n",
    "session,١٢",  # Arabic-Indic digits are digits to \\d
]


@pytest.mark.parametrize("text", END_MARK_TEXTS)
def test_end_mark_removal_equals_the_substitution(text):
    assert structure._without_end_mark(text) == structure._FOOTNOTE_MARK_END.sub("", text)


def reference_number_split(text: str, start: int, end: int, number: int):
    """structure._number_split before issue 16: every candidate number looked at."""
    wanted = str(number)
    for candidate in structure._NUMBER_CANDIDATE.finditer(text, start, end):
        if candidate.group(1) != wanted:
            continue
        cut = candidate.start()
        after = candidate.end()
        if structure._BEFORE_NUMBER.search(
            text, max(start, cut - 12), cut
        ) or structure._VERB_AHEAD_RE.match(text, after):
            return cut, candidate.start(1)
    return None


def reference_lead(text: str) -> str:
    """structure._lead before issue 16: every leading phrase read from its word list."""
    plain = text.lstrip(" \t*_#")
    italic = structure._ITALIC_LEAD.match(plain)
    if italic and len(italic.group(1).split()) <= 6 and plain[: italic.end()].count("*") <= 2:
        return italic.group(1).strip()
    words = structure._words(plain)
    if not words:
        return ""
    index = 0
    while index < len(words) - 1 and index < 3:
        lower = words[index].lower()
        if lower in structure._LEADING or (lower.endswith("ly") and len(lower) > 3):
            index += 1
        else:
            break
    out = words[: index + 1]
    verb = words[index].lower()
    index += 1
    phrases = structure._PARTICLES.get(verb, ())
    closed = False
    while index < len(words) and not closed:
        word = words[index].lower()
        phrase = next(
            (p for p in phrases if [w.lower() for w in words[index : index + len(p)]] == list(p)),
            None,
        )
        if phrase:
            out.extend(words[index : index + len(phrase)])
            index += len(phrase)
            phrases = ()
            closed = verb not in structure._NOTE_VERBS
            continue
        if word in structure._ADVERBS and word != "once":
            out.append(words[index])
        elif (
            word == "with"
            and index + 1 < len(words)
            and words[index + 1].lower() in structure._WITH_WORDS
        ):
            out.append(words[index])
            index += 1
            while index < len(words) and words[index].lower() in structure._WITH_WORDS:
                out.append(words[index])
                index += 1
            continue
        else:
            break
        index += 1
    if verb in ("takes", "take") and len(out) > 1 and index < len(words) and words[index] == "of":
        out.append("of")
    return " ".join(out)


LEADS = [
    "",
    "   ",
    "12, 13",
    "Requests the Secretary-General to report;",
    "Requests",
    "Requests once again",
    "Requests also the Secretary-General",
    "Requests further",
    "Recalling its resolution 53/11,",
    "Recalling also its resolution",
    "Also requests",
    "Once again urges",
    "Deeply concerned about",
    "Deeply",
    "Only the Council",  # "only" ends in "ly" but is short
    "While noting",
    "Calls upon States",
    "Calls for an end",
    "Takes note with appreciation of the report",
    "Takes note of the report",
    "Taking into account",
    "Bearing in mind",
    "Expresses its deep concern",
    "Expresses with deep concern",
    "Notes with grave concern",
    "Notes with the report",
    "*Recalling* its resolution",
    "_Noting_ with concern",
    "**Requests** the Secretary-General",
    "*Recalling also*, further",
    "Noting_the report",
    "Requests the Secretary-General " + "*" * 100,
    "A" + "b" * 200 + " with",
    "## Requests the Secretary-General",
    "1. Requests",
]


@pytest.mark.parametrize("text", LEADS)
def test_lead_equals_reading_the_word_list(text):
    assert structure.preamble_verb(text) == reference_lead(text)
    assert structure.operative_verb(text) == reference_lead(text)


NUMBER_SPLIT_TEXTS = [
    "Recalling its resolution 53/11, 1. Requests the Secretary-General to report;",
    "1. Requests a report; 2. Decides to remain seized of the matter.",
    "1. Requests a report;2 2. Calls upon States",
    "1. Requests a report in 2. Years",
    "1. Requests a report 12. Decides",
    "no number at all in this piece",
    "Recalling 1.5 million persons, 1.",
]


@pytest.mark.parametrize("text", NUMBER_SPLIT_TEXTS)
@pytest.mark.parametrize("number", [1, 2, 12])
def test_number_split_equals_the_look_at_every_candidate(text, number):
    for start in range(0, min(len(text), 12)):
        assert structure._number_split(text, start, len(text), number) == (
            reference_number_split(text, start, len(text), number)
        )
