"""Fast paths of the read and structure stages give exactly what the plain code gave.

Each fast path (issue 16) skips work when a cheap check proves the work cannot change
anything, or finds with one scan what a loop over every word or line found. The plain
versions are kept here as the reference, and both are run over invented texts (including
texts where the fast path must not be taken) and over the corpus.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.extraction import cleaning, header, structure
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
    "x --- **bold** on the last line",
    "x --- y ---\n--- z [^1]",
    "x --- y\n  ----  ",
]


@pytest.mark.parametrize("text", MARKDOWN_TEXTS)
def test_markdown_detection_equals_the_search_over_the_whole_text(text):
    assert cleaning.looks_like_markdown(text) == reference_looks_like_markdown(text)


# The emphasis patterns as they were, with their lookbehinds first.
PLAIN_STARS = re.compile(r"(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])")
PLAIN_UNDERSCORES = re.compile(r"(?<![\w_])_{1,2}(?=[^\s_])|(?<=[^\s_])_{1,2}(?![\w_])")
EMPHASIS_TEXTS = [
    "",
    "*",
    "**",
    "*a",
    "a*",
    "**Recalling** its *resolution* and ***all*** of ****this**** * alone *",
    "x**y** 2*3 *(a)* “*quoted*” *\n*next line*\n",
    "_",
    "__Recalling__ its _resolution_ and ___three___ snake_case_name _ alone _",
    "x__y__ 2_3 _(a)_ “_quoted_” _\n_next line_\n",
    "é*é* ١*١*",
]


@pytest.mark.parametrize("text", EMPHASIS_TEXTS)
def test_emphasis_patterns_find_what_the_plain_ones_found(text):
    for fast, plain in (
        (cleaning._MD_STARS, PLAIN_STARS),
        (cleaning._MD_UNDERSCORES, PLAIN_UNDERSCORES),
    ):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


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
    "A long paragraph. " * 30 + "\ue0001\ue001 \ue0002\ue001,",
    "ends with a comma,\nand goes on",
    "stops.\n\ue0003\ue001",
    "quoted “end.”",
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
    if text:
        paragraph = _paragraph_of(text)
        assert paragraph.ends_open() == reference_paragraph_ends_open(paragraph)


def reference_paragraph_ends_open(paragraph: cleaning._Para) -> bool:
    """cleaning._Para.ends_open before issue 16: always from the paragraph's tail."""
    end = paragraph.tail()
    if len(end) < paragraph.length and len(cleaning._MARK.sub("", end).rstrip()) < 40:
        end = paragraph.text
    return reference_ends_open(end)


def _paragraph_of(text: str) -> cleaning._Para:
    """A paragraph assembled from the lines of ``text`` (as _assemble joins them)."""
    lines = text.split("\n")
    paragraph = cleaning._Para(lines[0])
    for line in lines[1:]:
        paragraph.append(line)
    return paragraph
    assert cleaning._starts_paragraph(text) == reference_starts_paragraph(text)


HEADER_PARAGRAPHS = [
    "General Assembly Distr.: General 4 January 2024",
    "Seventy-eighth session Agenda item 15 Culture of peace",
    "“General Assembly Distr.: General”",
    "general Assembly Distr.: General",
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


FURNITURE_LINES = [
    "24-24143 (E) 261223",
    "GE.24-12345(E)",
    "*2424143*",
    "  Please recycle  ",
    "PLEASE RECYCLE",
    "__________",
    "4.",
    "  IV.  ",
    "(a)",
    "(iii)",
]
PLAIN_LINES = [
    "1. Requests the Secretary-General",
    "(a) A seminar",
    "General Assembly",
    "Agenda item 4.",
    "- 4 -",
    "____",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_furniture_lines_are_never_skipped(line, where):
    lines = {"first": [line, "text"], "middle": ["text", line, "more"], "last": ["text", line]}
    text = "\n".join(lines[where])
    assert cleaning._may_hold_furniture(text)


def test_text_without_furniture_skips_the_pass():
    text = "\n".join(PLAIN_LINES)
    assert not cleaning._may_hold_furniture(text)
    raw = text.split("\n")
    assert cleaning._without_pdf_furniture(raw, cleaning.Notes()) is raw


def _note_line_skipped_wrongly(line: str) -> bool:
    """A footnote line that the first-character check would not match."""
    matched = (
        cleaning._TAB_NOTE_LINE.match(line)
        or cleaning._SEE_NOTE_LINE.match(line)
        or cleaning._WORD_NOTE_LINE.match(line)
    )
    return bool(matched) and line.lstrip(" \t")[:1] not in cleaning._NOTE_LINE_FIRST


NOTE_LINES = [
    "\t1 See FCCC/CP/2015/10/Add.1",
    "  \t 12 Official Records",
    "3 See A/HRC/59/36.",
    "[2:  A/HRC/58/78. ]",
    " \t[12: text]",
    "1. Requests",
    "Recalling",
]


@pytest.mark.parametrize("line", NOTE_LINES)
def test_footnote_lines_start_as_the_check_expects(line):
    assert not _note_line_skipped_wrongly(line)


HEADER_TEXTS = [
    "",
    "Security Council Resolution 2334 (2016) Adopted by the Security Council",
    "Distr.: General A/HRC/RES/50/11 13 July 2022",
    "United Nations A /C.3/80/L.14 draft resolution",
    "A/80/L.6/Rev.1 *Noting* the <sup>2</sup> report # heading __x__",
    "L. A/80/L .6",
    "A / 80 / L.6 and A/C.3/80/L. 5",
    "General  Assembly\n\tSeventy-eighth\u2003session",
]


@pytest.mark.parametrize("text", HEADER_TEXTS)
def test_header_checks_equal_the_plain_searches(text):
    plain_flat = header._SPACE.sub(" ", header._MARKUP.sub(" ", text)).strip()
    assert header.flatten(text) == plain_flat
    plain_l = header._L_SYMBOL.search(header._SLASH_SPACES.sub("/", text))
    assert header.l_symbol(text) == (plain_l.group(0) if plain_l else None)
    # A symbol or a council resolution number is only looked for where its words stand.
    assert header._SC_NUMBER.search(text) is None or "Resolution" in text
    assert header._PRINTED_SYMBOL.search(text) is None or "/RES/" in text


def reference_line_counts(lines: list[str]) -> tuple[int, int]:
    content = sum(1 for line in lines if line.strip() and line != "\f")
    blank_runs = sum(1 for a, b in itertools.pairwise(lines) if a.strip() and not b.strip())
    return content, blank_runs


LINE_LISTS = [
    [],
    [""],
    ["\f"],
    ["a", "", "b", "  ", "\f", "c"],
    ["a", "b", "c", "\t", "", "d\u2003", "\u2003"],
]


@pytest.mark.parametrize("lines", LINE_LISTS)
def test_line_counts_equal_counting_line_by_line(lines):
    assert cleaning._line_counts(lines) == reference_line_counts(lines)


def test_vocabulary_is_counted_only_when_a_hyphenated_line_is_joined():
    lines = ["Recalling the devel-", "opment of the develop-", "", "- a dash line -"]
    vocabulary = cleaning._LinesVocabulary(lines)
    expected = cleaning.vocabulary_of("\n".join(lines))
    assert dict(vocabulary) == dict(expected)
    for word in ("development", "devel", "absent"):  # looked up as _seen does
        assert cleaning._seen(vocabulary, word) == cleaning._seen(expected, word)
    assert len(vocabulary) == len(expected)
    # A dash at a line end with nothing joined to it: the words are never counted.
    unjoined = cleaning._LinesVocabulary(["Items -", "", "1. Requests"])
    paragraphs = cleaning._assemble(
        ["Items -", "", "1. Requests"], False, cleaning.Notes(), None, vocabulary=unjoined
    )
    assert paragraphs == ["Items -", "1. Requests"]
    assert unjoined._counts is None
    joined = cleaning._assemble(lines, False, cleaning.Notes(), None)
    assert joined[0] == "Recalling the development of the develop-"


def test_corpus_texts_give_the_reference_results():
    """Over every corpus text (as read, so before and after cleaning)."""
    for raw in _corpus_texts():
        clean = cleaning.clean_text(raw)[0]
        assert cleaning.looks_like_markdown(raw) == reference_looks_like_markdown(raw)
        for fast, plain in (
            (cleaning._MD_STARS, PLAIN_STARS),
            (cleaning._MD_UNDERSCORES, PLAIN_UNDERSCORES),
        ):
            assert [m.span() for m in fast.finditer(raw)] == [m.span() for m in plain.finditer(raw)]
        for text in (raw, clean):
            assert cleaning._residue_candidates(text) == reference_residue_candidates(text)
            assert cleaning._fix_residue(text, []) == reference_fix_residue(text, [])
        lines = cleaning.normalise_chars(raw).split("\n")
        assert cleaning._line_counts(lines) == reference_line_counts(lines)
        if not cleaning._may_hold_furniture("\n".join(lines)):
            assert cleaning._without_pdf_furniture(lines, cleaning.Notes()) is lines
        paragraphs = clean.split("\n\n")
        for text in (raw, clean):
            pieces = structure._pieces(text, 0, len(text))
            assert pieces == reference_pieces(text, 0, len(text))
            assert all(_first_character_guards_hold(text[s:e]) for s, e in pieces)
        top = clean[:3000]
        assert header.flatten(top) == header._SPACE.sub(" ", header._MARKUP.sub(" ", top)).strip()
        assert cleaning._split_header_lines(paragraphs) == reference_split_header_lines(paragraphs)
        for line in raw.split("\n"):
            assert not _note_line_skipped_wrongly(line)
            assert cleaning._ends_open(line) == reference_ends_open(line)
            assert cleaning._starts_paragraph(line) == reference_starts_paragraph(line)
        for paragraph in paragraphs:
            assert structure.operative_verb(paragraph) == reference_lead(paragraph)
            for search, fast in (
                (structure._PRE_SPLIT.search, structure._pre_split),
                (structure._CLOSING_SPLIT.search, structure._closing_split),
            ):
                expected = search(paragraph, 0, len(paragraph))
                found = fast(paragraph, 0, len(paragraph))
                assert (found and found.span()) == (expected and expected.span())
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


SPLIT_TEXTS = [
    "Recalling its resolution 53/11, Noting the report of the Secretary-General,",
    "Recalling its resolution 53/11, noting the report,",
    "Recalling its resolution 53/11,\n*Noting* the report,",
    "Recalling its resolution 53/11, Beijing Declaration,",
    "Recalling its resolution 53/11, United Nations,",
    "Decides to remain seized of the matter. 30th plenary meeting 2 April 2026",
    "Decides to remain seized of the matter; [Adopted without a vote]",
    "Decides to remain seized of the matter. A meeting [of experts]",
    "Decides to hold a meeting",
    "",
]


def test_preamble_words_start_with_a_capital():
    """What the preambular split's check relies on."""
    assert all(re.match(r"[A-Z]", word) for word in structure._PRE_WORDS.split("|"))


@pytest.mark.parametrize("text", SPLIT_TEXTS)
def test_splits_equal_the_plain_searches(text):
    for start in range(0, min(len(text), 6)):
        for search, fast in (
            (structure._PRE_SPLIT.search, structure._pre_split),
            (structure._CLOSING_SPLIT.search, structure._closing_split),
        ):
            expected = search(text, start, len(text))
            found = fast(text, start, len(text))
            assert (found and found.span()) == (expected and expected.span())


def reference_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """structure._pieces before issue 16: every block searched for line starts."""
    out: list[tuple[int, int]] = []
    for block in structure._BLOCK.finditer(text, start, end):
        cut = block.start()
        for line_start in structure._LINE_SPLIT.finditer(text, block.start(), block.end()):
            position = line_start.start()
            previous = text[cut:position]
            following = text[position + 1 : position + 40]
            strong = structure._MEETING.match(following) or structure._ADOPTED.match(following)
            strong = (
                strong or structure._ANNEX.match(following) or structure._VOTE_LIST.match(following)
            )
            if strong or structure._AFTER_PUNCT.search(previous):
                out.append(structure._trim(text, cut, position))
                cut = position + 1
        out.append(structure._trim(text, cut, block.end()))
    return [piece for piece in out if piece[0] < piece[1]]


PIECE_TEXTS = [
    "",
    "one line",
    "one line\n",
    "Recalling its resolution,\n\n1. Requests a report;\n2. Decides\n(a) A seminar;\n",
    "Decides to remain seized.\n30th plenary meeting\n2 April 2026",
    "Decides:\n[Adopted without a vote]\nIn favour: Algeria\nAnnex\nAnnex I",
    "  \n\t\n  text after blank lines  \n   \nlast",
    "1. Requests\n   \n2. Decides",
]


@pytest.mark.parametrize("text", PIECE_TEXTS)
def test_pieces_equal_searching_every_block(text):
    for start in range(0, min(len(text), 4)):
        assert structure._pieces(text, start, len(text)) == reference_pieces(text, start, len(text))


def _first_character_guards_hold(piece: str) -> bool:
    """The walker's first-character checks never hide a match of the pattern they guard."""
    first = piece.lstrip(" \t*_#")[:1]
    digit = first.isdigit()
    return all(
        (
            not structure._MEETING.match(piece) or digit,
            not structure._DATE_ONLY.match(piece) or digit,
            not structure._NUM.match(piece) or digit,
            not structure._NUM_NO_DOT.match(piece) or digit,
            not structure._ANNEX.match(piece) or first == "A",
            not structure._ADOPTED.match(piece) or first in structure._ADOPTED_FIRST,
        )
    )


GUARDED_PIECES = [
    "30th plenary meeting",
    "** 30th plenary meeting",
    "2 April 2026",
    "_2 April 2026_",
    "12. Requests",
    "## 12. Requests",
    "27 Affirms",
    "Annex",
    "**Annex I**",
    "[Adopted without a vote]",
    "*[Adopted by a recorded vote]*",
    "Adopted without a vote",
    "# Adopted by a vote",
    "١٢. Requests",
    "Recalling",
    "",
]


@pytest.mark.parametrize("piece", GUARDED_PIECES)
def test_walker_first_character_checks(piece):
    assert _first_character_guards_hold(piece)


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


# ------------------------------------------------------------ generated texts

# Texts made of the characters the fast paths look at, so that edge cases come up often.
_pieces_of_text = st.lists(
    st.sampled_from(
        [
            *(" ", "\n", "\t", "*", "_", "-", ",", ".", ";", "2", "12", "(", ")", "[", "]"),
            *("“", "é", "ab", "th", "thirtieth", "non", "nonselectivitynon-selectivity"),
            *("Re", "Recalling", "1.", "GE.", "24-24143", "---", "<sup>", "[^", "Annex"),
            *("(a) ", "(b) ", "(i) ", ": ", "; "),
            *("meeting", "L.", "General Assembly", " Distr.: ", "Agenda item 4 ", "30th "),
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pieces_of_text)
def test_generated_texts_give_the_reference_results(text):
    assert cleaning._residue_candidates(text) == reference_residue_candidates(text)
    assert cleaning._fix_residue(text, []) == reference_fix_residue(text, [])
    assert cleaning.looks_like_markdown(text) == reference_looks_like_markdown(text)
    assert cleaning._last_char(text) == reference_last_char(text)
    assert cleaning._starts_paragraph(text) == reference_starts_paragraph(text)
    if text.strip():
        paragraph = _paragraph_of(text)
        assert paragraph.ends_open() == reference_paragraph_ends_open(paragraph)
    lines = text.split("\n")
    assert cleaning._line_counts(lines) == reference_line_counts(lines)
    assert cleaning._split_header_lines(lines) == reference_split_header_lines(lines)
    assert structure._without_end_mark(text) == structure._FOOTNOTE_MARK_END.sub("", text)
    assert structure.operative_verb(text) == reference_lead(text)
    assert structure._pieces(text, 0, len(text)) == reference_pieces(text, 0, len(text))
    if structure._INLINE_FIRST.search(text):
        assert ":" in text  # what _inline_subparagraphs checks first
    assert header.flatten(text) == header._SPACE.sub(" ", header._MARKUP.sub(" ", text)).strip()
    for fast, plain in (
        (cleaning._MD_STARS, PLAIN_STARS),
        (cleaning._MD_UNDERSCORES, PLAIN_UNDERSCORES),
    ):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    if not cleaning._may_hold_furniture(text):
        lines = text.split("\n")
        assert cleaning._without_pdf_furniture(lines, cleaning.Notes()) is lines
    for number in (1, 2, 12):
        assert structure._number_split(text, 0, len(text), number) == (
            reference_number_split(text, 0, len(text), number)
        )


def test_markdown_detection_matches_each_line_once(monkeypatch):
    """A line full of "---" is matched for a rule once, not once per "---" (quadratic)."""
    calls: list[int] = []

    class Counting:
        def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
            calls.append(pos)
            return _MD_SIGNS.match(text, pos)

    monkeypatch.setattr(cleaning, "_MD_SIGNS", Counting())
    text = "\n".join(["x" + "---" * 1000, "y --- z", "plain"])
    assert not cleaning.looks_like_markdown(text)
    assert calls == [0, 3002]
