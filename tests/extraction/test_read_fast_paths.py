"""The read stage's fast paths (issue 16) give exactly what the plain passes gave.

Each fast path reads a text block by block, looks at bytes instead of characters, or
jumps to the few places a pattern can match; the plain versions are kept here as the
reference. Both run over invented texts, texts generated from the characters and lines
the checks look at (hypothesis), and the corpus texts as they are, hard-wrapped with words
hyphenated across lines and page furniture, with CRLF line ends and read as Markdown.
"""

from __future__ import annotations

import codecs
import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.extraction import cleaning, readers
from mandates.extraction.cleaning import Notes
from tests.extraction.test_fast_paths import (
    reference_fix_residue,
    reference_hyphen_space,
    reference_residue_candidates,
)
from tests.shared_data import shared_path

# ------------------------------------------------------------------- reference versions

_PLAIN_GLUED = re.compile(
    r"(?:[1-9](?<=[a-z,;:.”’\"][1-9])|[1-9]\d(?<=[a-z,;:.”’\"][1-9]\d))"
    r"(?=[\s,;:)\ue000]|\.(?:\s|$)|$)"
)


def reference_normalise(text: str) -> str:
    """cleaning.normalise_chars before issue 16's read work: one substitution."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return cleaning._NORMALISE.sub(lambda match: cleaning._CHAR_MAP.get(match.group()) or "", text)


def reference_glued(text: str, notes: Notes) -> str:
    """cleaning._mark_glued_numbers before: a substitution over the whole text."""

    def replace(match: re.Match[str]) -> str:
        if cleaning._is_glued_mark(text, match.start()):
            return notes.mark(match.group())
        return match.group()

    return _PLAIN_GLUED.sub(replace, text)


def reference_residue_starts(text: str) -> list[int]:
    """The starts cleaning._residue_candidates looked at: the hint searched in the text."""
    starts = [hint.start() + 1 for hint in cleaning._RESIDUE_HINT.finditer(text)]
    if cleaning._RESIDUE_HINT_AT_START.match(text):
        starts.insert(0, 0)
    return starts


_PLAIN_RESIDUE_HINT_BYTES = re.compile(rb" ([A-Za-z][a-z])[A-Za-z-]{4}[A-Za-z-]*?\1")


def reference_residue_starts_bytes(text: str) -> list[int]:
    """cleaning._residue_starts with the plain form of its byte-level hint."""
    encoded = cleaning._encoded(text)
    runs_bytes = b" " + encoded.translate(cleaning._RUN_BYTES)
    starts = [
        hint.start()  # the space before the run: the run's own byte in ``encoded``
        for hint in _PLAIN_RESIDUE_HINT_BYTES.finditer(runs_bytes)
        if cleaning._RESIDUE_SHAPE_BYTES.match(runs_bytes, hint.start())
    ]
    return [len(encoded[:start].decode("utf-8", "surrogatepass")) for start in starts]


_PLAIN_FURNITURE_HINT = re.compile(
    r"\n[^\S\n]*(?:GE\.|\d\d-|\*\d|please recycle|_{5}"
    r"|(?:\d{1,3}|[IVX]{1,5})\.[^\S\n]*(?:\n|\Z)|\((?:[a-z]{1,2}|[ivx]{1,5})\)[^\S\n]*(?:\n|\Z))",
    re.IGNORECASE,
)


def reference_finish(paragraphs: list[str], notes: Notes) -> tuple:
    """cleaning.finish before: every paragraph squashed, every pass run."""
    cleaned: list[str] = []
    for para in paragraphs:
        para = cleaning._squash(para)
        if cleaning._OPEN not in para or cleaning._MARK.sub("", para).strip():
            cleaned.append(para)
        elif para and cleaned:
            cleaned[-1] += para.replace(" ", "")
    text = "\n\n".join(cleaned)
    text = reference_fix_residue(text, notes.warnings)
    text = reference_hyphen_space(text)
    text = reference_glued(text, notes)
    return reference_resolve_marks(text, notes)


def reference_clean_text(text: str, *, markdown: bool | None = None) -> tuple:
    """cleaning.clean_text with the plain passes: lines assembled one by one."""
    notes = Notes()
    text = reference_normalise(text)
    text = cleaning._unquoted(text)  # (the real pass tries it only where ">" is printed)
    if markdown is None:
        markdown = cleaning.looks_like_markdown(text) or text.lstrip().startswith("---\n")
    if "[footnoteRef:" in text:
        text = cleaning._footnote_refs(text, notes)
    if markdown:
        text = cleaning._markdown_inline(text, notes)
    elif "<sup>" in text:
        text = cleaning._SUP_REF.sub(lambda m: notes.mark(m.group(1)), text)
    title_match = cleaning._TITLE_LINE.search(text)
    title = cleaning._squash(title_match.group(1)) if title_match else None
    raw = text.split("\n")
    lines = cleaning._without_pdf_furniture(raw, notes)
    paragraphs = cleaning._assemble(lines, markdown, notes, title, copied_pdf=lines is not raw)
    return reference_finish(cleaning._split_header_lines(paragraphs), notes)


def reference_resolve_marks(text: str, notes: Notes) -> tuple:
    """cleaning._resolve_marks before: the text always rebuilt from its pieces."""
    pieces: list[str] = []
    size = 0
    last = 0
    anchors: list[tuple[int, int]] = []  # (key, anchor)
    out_last = ""  # the last character written so far
    for match in cleaning._MARK.finditer(text):
        chunk = text[last : match.start()]
        if chunk:
            pieces.append(chunk)
            size += len(chunk)
            out_last = chunk[-1]
        after = text[match.end() : match.end() + 1]
        last = match.end()
        if out_last == " " and after in (" ", "\n", ""):
            # A mark between two spaces, or before a paragraph end, leaves no extra space.
            pieces[-1] = pieces[-1][:-1]
            size -= 1
            out_last = pieces[-1][-1:] or "x"
            for index in range(len(anchors) - 1, -1, -1):  # marks just before the space
                if anchors[index][1] <= size:
                    break
                anchors[index] = (anchors[index][0], size)
        elif out_last in ("", "\n") and after == " ":
            last += 1  # a mark opening a paragraph takes its following space along
        anchors.append((int(match.group(1)), size))
    pieces.append(text[last:])
    clean = "".join(pieces)

    footnotes: list = []
    waiting: dict[str, list] = {}
    for key, anchor in anchors:
        mark, own = notes.marks[key]
        footnote = cleaning.Footnote(mark=mark, text=own or "", anchor=anchor)
        footnotes.append(footnote)
        if own is None:
            waiting.setdefault(mark, []).append(footnote)
    for mark, note_text in notes.texts:
        queue = waiting.get(mark)
        if queue:
            queue.pop(0).text = note_text
        else:
            footnotes.append(cleaning.Footnote(mark=mark, text=note_text, anchor=None))
    loose = sum(1 for f in footnotes if f.anchor is None and f.mark.isdigit())
    if 0 < loose <= 200:
        clean = cleaning._anchor_loose_marks(clean, footnotes)
    marks_seen: dict[str, int] = {}
    for footnote in footnotes:
        if footnote.text:
            marks_seen[footnote.mark] = marks_seen.get(footnote.mark, 0) + 1
    for mark, count in marks_seen.items():
        if count > 1:
            notes.warnings.append(f"footnote mark {mark} is used for {count} different footnotes")
    return clean, footnotes, notes.warnings


_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def reference_control_check(text: str) -> bool:
    """Whether decode_text refused the text before (the search over the text itself)."""
    bad = len(_BAD_CONTROLS.findall(text[:20000]))
    return bool(bad and bad > len(text[:20000]) / 200)


# ------------------------------------------------------------------------- inputs


def damaged(text: str) -> str:
    """A careless PDF copy (as bench/extract_identity.py makes it): lines of 60
    characters, long words hyphenated across lines, page furniture every 40 lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) <= 60:
            lines.append(paragraph)
            continue
        lines.extend(textwrap.wrap(paragraph, 60, break_on_hyphens=False))
        for index in range(len(lines) - 1):
            head, _, tail = lines[index].rpartition(" ")
            if len(tail) >= 10 and tail.isalpha() and index % 3 == 0:
                cut = len(tail) // 2
                lines[index] = f"{head} {tail[:cut]}-".lstrip()
                lines[index + 1] = tail[cut:] + " " + lines[index + 1]
    pages: list[str] = []
    for number, start in enumerate(range(0, len(lines), 40), start=1):
        pages.append("\n".join(lines[start : start + 40]))
        pages.append(f"\f\nGE.25-{10000 + number}(E)\nA/RES/80/1\n{number}/99\n")
    return "\n".join(pages)


CLEAN = (
    "Human Rights Council\n\nFiftieth session\n\n13 June–8 July 2022\n\nAgenda item 2\n\n"
    "Annual report of the United Nations High Commissioner\nfor Human Rights and reports of"
    " the Office of the \nHigh Commissioner and the Secretary-General\n\n"
    "Resolution adopted by the Human Rights Council \non 7 July 2022\n\n"
    "50/1.\tReporting on the situation in the Sudan\n\nThe Human Rights Council,\n\n"
    "Guided by the purposes and principles of the Charter of the United Nations,\n\n"
    "Reaffirming its resolution S-32/1 of 5 November 2021,1 and the mandates given therein,\n\n"
    "1. Requests the High Commissioner to present an oral update at its fifty-second session;"
    "\n\n(a) A seminar on the thirtieth, thirty-fifth sessions;\n\n"
    "2. Decides to remain seized of the matter.\n\n43rd meeting\n7 July 2022\n\n"
    "[Adopted without a vote.]\n"
)
INVENTED = [
    CLEAN,
    damaged(CLEAN),
    CLEAN.replace("\n", "\r\n"),
    CLEAN.replace("\n\n", "\n\n\n"),
    # A block after a paragraph that stops mid-sentence: lower case joins it.
    "Recalling the report of the\n\nSecretary-General, and noting the\n\nwork done so far,\n",
    "Noting the work of the\n\nwork of the Council\n\nEnd.",
    # A running title between the halves of a sentence.
    "70/1. Transforming our world\n\nThe General Assembly,\n\nNoting the threat or\n\n"
    "Transforming our world\n\nuse of force,\n",
    # Footnote lines, page breaks and a note after a blank line.
    "Recalling its resolution,\n\n1 See A/HRC/50/2.\n\nnoting also\n\n[2:  A/HRC/58/78. ]\n\n"
    "2. Requests\f\n\nlater text\n\n\f\n\n(b) item\n\n\t1 See also\n",
    # Spaces and tabs to squeeze, blocks of spaces only, lines starting with spaces.
    "Title  with   spaces\n\n  indented line\n\n \n\nTab\there\n\n\t\n\nEnd.  \n",
    # Labels, quotes, lower case and non-ASCII starts after open and closed ends.
    "Recalling\n\n(a) label\n\n“quoted start\n\névaluation continues\n\n(i) item;\n\nthe end",
    # Front matter merged and split again, opening formula and votes.
    "General Assembly Distr.: General 4 January 2024\n\nThe General Assembly,\n\n"
    "recalling\n\nIn favour: Algeria, Brazil\n\nadopted by the Assembly\n",
    # Hyphenated line ends, joined with the document's words.
    "Recalling the devel-\nopment of the\n\nill-\ntreatment and development\n\nItems -\n\nNext\n",
    # Glued footnote numbers and tracked-change residue.
    "Questions,2 and Action3 in CO2 and “Treaty”12 x’5. Rev.1 and Programme.3\n\n"
    "universality, nonselectivitynon-selectivity and the SubcommissionSub commission\n",
    # Markdown.
    "# Title\n\n**Recalling** its resolution[^1] and <sup>2</sup>\n\n---\n\n[^1]: A/RES/1.\n",
    "",
    "\n\n\n",
    "one line",
    "Ünïcödé\u00a0spaces\u2009and\u00adsoft\u200bhyphens\ufb01\x0cpage\x0b\u2028\u2029\ue000\x07",
]

# Pieces the checks look at, for generated texts.
PIECES = [
    "\n",
    "\n\n",
    "\n\n\n",
    " ",
    "  ",
    "\t",
    "\f",
    "\r\n",
    "\u00a0",
    "\u00ad",
    "\u2003",
    "Recalling",
    "recalling",
    "the",
    "of the",
    ",",
    ";",
    ".",
    "-",
    "1. Requests",
    "12",
    "1 See A/1",
    "[2: note]",
    "[Adopted without a vote.]",
    "(a)",
    "(a) label",
    "“",
    "”2",
    "The General Assembly,",
    "In favour: Brazil",
    "43rd meeting",
    "7 July 2022",
    "Agenda item 4",
    "General Assembly Distr.: General",
    "devel-",
    "opment",
    "thirtieth",
    "nonselectivitynon-selectivity",
    "Action3",
    "é",
    "II",
    "GE.25-10001(E)",
    "[^1]",
    "[^1]: note",
    "<sup>2</sup> note",
    "# Heading",
    "- bullet",
    "> quote",
    "    indented",
    "**",
    "---",
    "line  ",
]


def _corpus_texts() -> list[str]:
    root = shared_path("corpus")
    return [path.read_text(encoding="utf-8") for path in sorted(root.glob("*/*.txt"))]


def _variants(text: str) -> list[tuple[str, bool | None]]:
    """(text, markdown) pairs: as it is, damaged, with CRLF line ends, read as Markdown."""
    return [(text, None), (damaged(text), None), (text.replace("\n", "\r\n"), None), (text, True)]


def _assemble_both(text: str, markdown: bool = False) -> tuple:
    """_assemble block by block and line by line: paragraphs and notes of each."""
    lines = text.split("\n")
    fast_notes, slow_notes = Notes(), Notes()
    fast = cleaning._assemble(lines, markdown, fast_notes, "Title", text=text)
    slow = cleaning._assemble(lines, markdown, slow_notes, "Title")
    return (fast, fast_notes.texts), (slow, slow_notes.texts)


# -------------------------------------------------------------------------- tests


@pytest.mark.parametrize("text", INVENTED)
def test_clean_text_equals_the_plain_passes(text):
    for markdown in (None, True, False):
        assert cleaning.clean_text(text, markdown=markdown) == reference_clean_text(
            text, markdown=markdown
        )


@pytest.mark.parametrize("text", INVENTED)
@pytest.mark.parametrize("markdown", [False, True])
def test_blocks_equal_lines_one_by_one(text, markdown):
    text = cleaning.normalise_chars(text)
    fast, slow = _assemble_both(text, markdown)
    assert fast == slow


def test_blocks_take_the_short_way_for_plain_blocks():
    """The fast path is taken: plain one-line blocks stay strings; a lower-case start
    goes the long way, which makes the paragraph before it a _Para to look at."""
    assembler = cleaning._Assembler(False, Notes(), None, False, 1e9, None, False)
    assembler.blocks("Title\n\nFirst paragraph,\n\nSecond one;\n\nthird\n\nTwo\nlines")
    assert [type(p).__name__ for p in assembler.paras] == ["_Para", "str", "_Para", "_Para"]
    assert assembler.paras[0].text == "Title"
    assert assembler.paras[3].text == "third"
    assert assembler.current is not None and assembler.current.text == "Two lines"


def test_note_lines_alone_are_not_plain_blocks():
    """A "1 See ..." line is a note, not a paragraph: the only block starting with a digit
    that is not plain (a note line in the text leaves numbered paragraphs plain)."""
    text = "1 See A/1.\n\n1. Requests\n\n12 See also\n\n2 Decides\n\nRecalling\n\n3 See A/3"
    assert cleaning._split_blocks(text)[1] == [False, True, False, True, True, False]
    fast, slow = _assemble_both(text)
    assert fast == slow and fast[1] == [("1", "See A/1."), ("12", "See also"), ("3", "See A/3")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Recalling", "1 See A/1", "1. Requests", "[2: x]", "\f", ""])))
def test_runs_of_plain_blocks_equal_lines_one_by_one(blocks):
    """Runs of plain blocks after a note, a page break or at the start, taken at once."""
    text = "\n\n".join(blocks)
    for markdown in (False, True):
        fast, slow = _assemble_both(text, markdown)
        assert fast == slow


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_generated_texts_give_the_plain_results(pieces):
    text = "".join(pieces)
    assert cleaning.clean_text(text) == reference_clean_text(text)
    assert cleaning.clean_text(text, markdown=True) == reference_clean_text(text, markdown=True)
    normal = cleaning.normalise_chars(text)
    for markdown in (False, True):
        fast, slow = _assemble_both(normal, markdown)
        assert fast == slow


def _block_mode_by_lines(text: str) -> bool:
    """What _assemble decided from every line before: block mode (not Markdown)."""
    content, blank_runs = cleaning._line_counts(text.split("\n"))
    return not (content >= 8 and blank_runs * 3 < content)


# Blocks for texts near the line between block mode and line mode: plain ones, ones of
# several lines, blank ones and ones with spaces or a page break.
BLOCKS = st.one_of(
    st.sampled_from(["Recalling", "1. Requests", "", " ", "\f", "(a) label", " Indented"]),
    st.integers(min_value=2, max_value=6).map(lambda count: "\n".join(["line"] * count)),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(BLOCKS, max_size=30))
def test_surely_block_mode_is_block_mode(blocks):
    """The bound never claims block mode for a text that the line counts read in line mode."""
    text = "\n\n".join(blocks)
    if cleaning._surely_block_mode(*cleaning._split_blocks(text)):
        assert _block_mode_by_lines(text)


def test_surely_block_mode_on_the_corpus():
    """Most corpus texts are seen to be in block mode from their blocks alone; a
    hard-wrapped copy of them never is (it is read in line mode)."""
    texts = _corpus_texts()
    sure = [cleaning._surely_block_mode(*cleaning._split_blocks(text)) for text in texts]
    assert sum(sure) > 0.9 * len(texts)
    for text, surely in zip(texts, sure, strict=True):
        assert not surely or _block_mode_by_lines(text)
        wrapped = damaged(text)
        assert not cleaning._surely_block_mode(*cleaning._split_blocks(wrapped))


@pytest.mark.parametrize("text", INVENTED)
def test_assemble_without_lines_equals_it_with_them(text):
    text = cleaning.normalise_chars(text)
    lines = text.split("\n")
    for markdown in (False, True):
        with_lines, without = Notes(), Notes()
        expected = cleaning._assemble(lines, markdown, with_lines, "Title", text=text)
        assert cleaning._assemble(None, markdown, without, "Title", text=text) == expected
        assert without.texts == with_lines.texts


def test_corpus_texts_give_the_plain_results():
    for raw in _corpus_texts():
        for text, markdown in _variants(raw):
            assert cleaning.clean_text(text, markdown=markdown) == reference_clean_text(
                text, markdown=markdown
            )


CHARACTERS = st.text(
    alphabet=st.sampled_from(
        [
            *cleaning._CHAR_MAP,
            *("\ue000", "\uf8ff", "\x00", "\x1f", "\x7f", "\r", "\n", "a", "é"),
            *("“", "\ud800", "\U0001f600", "\x85", "\t", " "),
        ]
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(CHARACTERS)
def test_normalise_equals_one_substitution(text):
    assert cleaning.normalise_chars(text) == reference_normalise(text)


def _plain_rest(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass").translate(None, cleaning.PLAIN_BYTES)


@settings(max_examples=400, deadline=None)
@given(CHARACTERS)
def test_normalise_with_the_readers_rest_equals_it_without(text):
    assert cleaning.normalise_chars(text, _plain_rest(text)) == cleaning.normalise_chars(text)


@settings(max_examples=300, deadline=None)
@given(CHARACTERS, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_decode_gives_the_rest_of_the_utf8_form(text, encoding):
    """The rest _decode hands to normalise_chars is the one it would work out itself."""
    try:
        data = text.encode(encoding)
        decoded, used, rest = readers._decode(data, "x.txt")
    except (UnicodeEncodeError, readers.ReadError):
        return
    if used in ("utf-8", "utf-8-sig"):
        assert rest == _plain_rest(decoded)
    else:
        assert rest is None


def test_read_bytes_equals_reading_the_decoded_text():
    for path in sorted(shared_path("corpus").glob("*/*.txt"))[::7]:
        data = path.read_bytes()
        for variant in (data, codecs.BOM_UTF8 + data, data.replace(b"\n", b"\r\n")):
            document = readers.read_bytes(variant, path.name)
            text = readers.decode_text(variant, path.name)
            expected = cleaning.clean_text(text, markdown=document.format == "md")
            assert (document.text, document.footnotes, document.warnings) == expected


# Line starts for the furniture hint: its branches, in other cases, with the characters
# that a case-blind match pairs with ASCII letters ("ı", "ſ", the Kelvin sign), and others.
FURNITURE_PIECES = [
    *("\n", " ", "\t", "\u3000", "GE.", "ge.", "Ge", "12-", "1", "*3", "_____", "__"),
    *("please recycle", "PLEASE RECYCLE", "pleaſe recycle", "IV.", "iv.", "ı.", "x.", "X"),
    *("(a)", "(B)", "(ii)", "(ı)", ".", ")", "(", "The ", "K", "\u212a", "İ", "é"),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FURNITURE_PIECES), max_size=30))
def test_furniture_hint_equals_its_plain_form(pieces):
    text = "\n" + "".join(pieces)
    fast, slow = cleaning._FURNITURE_HINT.search(text), _PLAIN_FURNITURE_HINT.search(text)
    assert (fast and fast.span()) == (slow and slow.span())


def test_furniture_hint_equals_its_plain_form_on_every_character():
    for code in range(0x3000):
        for text in (f"\n{chr(code)}.", f"\n{chr(code)}e.", f"\n({chr(code)})", f"\n{chr(code)}"):
            fast, slow = cleaning._FURNITURE_HINT.search(text), _PLAIN_FURNITURE_HINT.search(text)
            assert (fast and fast.span()) == (slow and slow.span()), text


def test_normalise_returns_plain_text_itself():
    text = "Plain text “with quotes”\nand lines"
    assert cleaning.normalise_chars(text) is text


GLUED_TEXTS = [
    "Questions,2 and Action3 in CO2 and “Treaty”12 x’5.",
    "é Questions,2 ‘a’13; item 4 and word12.\ue000",
    "abc1",
    "a12345 b1\ue000 c12) d1.\n e1.x",
    "Rev.1 Add.2 Programme.3 \n",
    "\U0001f600 word1 “quoted”2 ١٢",
    "",
]
GLUED_ALPHABET = st.sampled_from(["a", "word", ",", ".", "”", "’", '"', "1", "2", "0", " "])


@pytest.mark.parametrize("text", GLUED_TEXTS)
def test_glued_numbers_equal_the_substitution(text):
    fast_notes, slow_notes = Notes(), Notes()
    assert cleaning._mark_glued_numbers(text, fast_notes) == reference_glued(text, slow_notes)
    assert fast_notes.marks == slow_notes.marks


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(GLUED_ALPHABET, st.sampled_from(["é", "\n", ")", "\U0001f600"]))))
def test_generated_glued_numbers_equal_the_substitution(pieces):
    text = "".join(pieces)
    fast_notes, slow_notes = Notes(), Notes()
    assert cleaning._mark_glued_numbers(text, fast_notes) == reference_glued(text, slow_notes)
    assert fast_notes.marks == slow_notes.marks


def test_glued_pattern_equals_the_plain_one():
    for text in [*GLUED_TEXTS, *INVENTED]:
        assert [m.span() for m in cleaning._GLUED.finditer(text)] == [
            m.span() for m in _PLAIN_GLUED.finditer(text)
        ]


RESIDUE_TEXTS = [
    "nonselectivitynon-selectivity opens the text",
    "“capacitybuildingcapacity building” and é thirtieth—thirtieth",
    "\U0001f600 thirtieth ß thirtieth\ud800thirtieth",
    "abcdefgab abcdefab ab-cdefgab abcdef-ab Abcdefgab",
    # The shape: third letters agreeing in another case, after hyphens, or not at all.
    "abcdefabC abcdefaBc abcdefab-c abcdefab-x abcdefabx ab-cdefab-c ab-cdefabc abcdef-abc",
    "abcdefab-- Abcdefab Abcdefabcd abcdefgabcdefg abcdefgaxabc",
    "",
    "x",
]
# Pieces for generated texts: letters that make the first two come back, with the third
# letter agreeing or not (in either case), hyphens, edges and non-ASCII characters.
RESIDUE_PIECES = ["th", "irtie", "ab", "cdef", "c", "C", "x", "-", " ", ".", "é", "“", "\U0001f600"]


def test_residue_shape_keeps_few_of_the_hints():
    text = "the thirtieth session, interpreting and reconsidered estimates"
    assert len(reference_residue_starts(text)) > len(cleaning._residue_starts(text)) > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RESIDUE_PIECES)))
def test_residue_starts_are_hints_and_find_every_candidate(pieces):
    text = "".join(pieces)
    starts = cleaning._residue_starts(text)
    assert set(starts) <= set(reference_residue_starts(text))
    assert cleaning._residue_candidates(text) == reference_residue_candidates(text)


@pytest.mark.parametrize("text", RESIDUE_TEXTS)
def test_residue_starts_on_invented_texts(text):
    assert set(cleaning._residue_starts(text)) <= set(reference_residue_starts(text))
    assert cleaning._residue_starts(text) == reference_residue_starts_bytes(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*RESIDUE_PIECES, "abcdefab", "Ab", "-ab", "abcdefgh"])))
def test_residue_hint_equals_its_plain_form(pieces):
    text = "".join(pieces)
    assert cleaning._residue_starts(text) == reference_residue_starts_bytes(text)


# Runs the byte-level hint lets through and the plain one does not: a hyphen first, a
# capital or a hyphen second. The shape drops them, so the starts stay the same.
HINT_EXTRA_TEXTS = [
    "-abcdef-abc",
    "ABcdefAB and ABCDEFAB",
    "a-cdefa-b",
    "--------",
    "x -thirtieth -ababababab Abcdefab aBcdefaB",
    "“-nonselectivitynon-selectivity” NONSELECTIVITYNON-SELECTIVITY",
]


@pytest.mark.parametrize("text", HINT_EXTRA_TEXTS)
def test_residue_hint_extras_are_dropped_by_the_shape(text):
    runs_bytes = b" " + cleaning._encoded(text).translate(cleaning._RUN_BYTES)
    hints = [hint.start() for hint in cleaning._RESIDUE_HINT_BYTES.finditer(runs_bytes)]
    plain = [hint.start() for hint in _PLAIN_RESIDUE_HINT_BYTES.finditer(runs_bytes)]
    assert set(plain) < set(hints)  # the text has runs only the byte-level hint finds
    assert cleaning._residue_starts(text) == reference_residue_starts_bytes(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["-", "ab", "AB", "aB", "a-", "cdef", "CDEF", " ", "x", "“"])))
def test_generated_residue_hint_extras_give_the_plain_starts(pieces):
    text = "".join(pieces)
    assert cleaning._residue_starts(text) == reference_residue_starts_bytes(text)


def test_residue_hint_equals_its_plain_form_on_the_corpus():
    for text in _corpus_texts():
        assert cleaning._residue_starts(text) == reference_residue_starts_bytes(text)


@pytest.mark.parametrize(
    "text",
    [
        "1/2. Title of the resolution",
        "Heading\n\n12/7. Title of the resolution\n\n13/8. Another title here",
        "S-2/1. A special-session title\nx\n1/2.\n\nTitle on the next lines",
        "intro 1/2. Not at a line start\n1/2. short\n\n3/4. Long enough title",
        "\n\n1/2.   \n  ",
        "",
    ],
)
def test_first_title_line_equals_the_multiline_search(text):
    fast, slow = cleaning._first_title_line(text), cleaning._TITLE_LINE.search(text)
    assert (fast and (fast.group(1), fast.end())) == (slow and (slow.group(1), slow.end()))
    assert cleaning._residue_candidates(text) == reference_residue_candidates(text)


def _notes_with_marks() -> Notes:
    notes = Notes()
    for mark in ("1", "2"):
        notes.mark(mark)
    return notes


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["a", "b", " ", "\t", "\n", "\f", "\ue0001\ue001", "2"]), max_size=8
        ).map("".join)
    )
)
def test_finish_equals_squashing_every_paragraph(paragraphs):
    assert cleaning.finish(list(paragraphs), _notes_with_marks()) == reference_finish(
        paragraphs, _notes_with_marks()
    )


# ------------------------------------------------------------------------ readers

MARKDOWN_SAMPLES = [
    "plain text\n",
    "# Heading\n",
    "*Emphasis at the start\n",
    "*not markdown\n",
    "text with [^1] note\n",
    "a <sup>1</sup> mark\n",
    "**bold**\n",
    "line\n# heading\n",
    "line\r\n# heading\r\n",
    "rule\n---\n",
    "dash --- inside\n",
    "line\n*Emphasis\n",
    "line\n* bullet\n",
    "“quoted” text é\n",
]


@pytest.mark.parametrize("text", MARKDOWN_SAMPLES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_markdown_from_bytes_equals_the_text_check(text, encoding):
    data = text.encode(encoding)
    decoded, used, _rest = readers._decode(data, "x.txt")
    assert decoded == text
    assert readers._looks_like_markdown(decoded, data, used) == cleaning.looks_like_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "plain text é",
        "a\x07 few controls\x00 in a long text " + "x" * 2000,
        "\x00\x01\x02\x03 mostly controls",
        "\x1b escape is allowed, \x0c too",
        "x" * 25000 + "\x00" * 200,  # past the 20,000 characters looked at
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_control_check_equals_the_search_in_the_text(text, encoding):
    data = text.encode(encoding)
    if reference_control_check(text):
        with pytest.raises(readers.ReadError):
            readers.decode_text(data, "x.txt")
    else:
        assert readers.decode_text(data, "x.txt") == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\ue0000\ue001", "\ue0001\ue001", "b.", "3"])))
def test_marks_resolve_as_before(pieces):
    text = "".join(pieces)
    assert cleaning._resolve_marks(text, _notes_with_marks()) == reference_resolve_marks(
        text, _notes_with_marks()
    )


# ------------------------------------------- one encoding for both byte scans (issue 16)

REPAIRED_THEN_GLUED = [
    ["Ensures nonselectivitynon-selectivity of review,2 and action- oriented goals,3"],
    ["The Nuclear- Test-Ban Treaty,4 and its “Questions”,5 of é- oriented text."],
    ["Its nonselectivitynon-selectivity“ reading,1", "then glued words,2 and é”,3"],
    ["No repair here,2 and “quoted”,3 marks.", "action- oriented only"],
    ["\U0001f600 action- oriented,2 é", "Nuclear- Test-Ban,3"],
]


@pytest.mark.parametrize("paragraphs", REPAIRED_THEN_GLUED)
def test_finish_after_repairs_equals_the_plain_passes(paragraphs):
    """When a repair changes the text, the glued numbers are looked for in the new text."""
    assert cleaning.finish(list(paragraphs), _notes_with_marks()) == reference_finish(
        paragraphs, _notes_with_marks()
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    *("action- ", "oriented", "Nuclear- ", "Test", ",2", "é", "“", " ", "-", "a"),
                    *("nonselectivitynon-selectivity", "Questions", "\U0001f600", "\ue0001\ue001"),
                ]
            ),
            max_size=10,
        ).map("".join),
        max_size=6,
    )
)
def test_generated_repairs_then_glued_numbers_equal_the_plain_passes(paragraphs):
    """Generated paragraphs with residue, spaced hyphens and glued numbers: the same result."""
    assert cleaning.finish(list(paragraphs), _notes_with_marks()) == reference_finish(
        paragraphs, _notes_with_marks()
    )


# ------------------------------------ marks looked for only when notes wrote some (issue 16)

_MARKED_PIECES = st.lists(
    st.sampled_from(
        [
            *("Recalling its resolution", " ", "\n", "\n\n", "[^1]", "\n[^1]: A/80/1.\n", "é"),
            *("<sup>2</sup>", "\n<sup>2</sup> See A/1.\n", "Questions,2", " action,3", "\f"),
            *("\ue000", "\ue0001\ue001", "\uf8ff", "[footnoteRef:3]", "[3: A/2.]", "\\*"),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKED_PIECES)
def test_marked_texts_give_the_plain_results(text):
    """Footnote marks of every kind, and private-use characters in the input: the same."""
    for markdown in (None, True, False):
        assert cleaning.clean_text(text, markdown=markdown) == reference_clean_text(
            text, markdown=markdown
        )
