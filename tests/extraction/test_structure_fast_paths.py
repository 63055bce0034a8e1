"""The structure stage after its second speed-up (issue 16) gives exactly what it gave.

`reference_structure.py` is structure.py as it was before; both read the same texts and
must return the same Structure: the corpus as read, damaged copies of it (hard-wrapped
lines with page furniture, CRLF, read as Markdown), invented texts that take every branch
(numbered and unnumbered operative paragraphs, lettered and roman sub-paragraphs, inline
sub-paragraphs, annexes, embedded drafts, footnotes, headings, GA, HRC, SC and ECOSOC
headers, merged paragraphs) and texts generated from the pieces the walker looks at. The
changed helpers of references.py and header.py are checked against their plain versions
the same way.
"""

from __future__ import annotations

import dataclasses
import functools
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.extraction import header, references, structure
from mandates.extraction.errors import NotAResolutionError
from mandates.extraction.readers import read_bytes
from mandates.extraction.result import Footnote
from tests.extraction import reference_header, reference_references, reference_structure
from tests.shared_data import shared_path

# ------------------------------------------------------------------- reference versions


def reference_words(text: str, limit: int = 12) -> list[str]:
    return structure._WORD.findall(text[:160])[:limit]


def reference_looks_operative(piece: str, last: str) -> bool:
    """structure._looks_operative before: the first four words always read."""
    if last not in (".", ";", ":"):
        return False
    words = reference_words(piece.lstrip(" \t*_#"), 4)
    while words and (words[0].lower() in structure._ADVERBS or words[0].lower().endswith("ly")):
        words = words[1:]
    if not words:
        return False
    return words[0] in structure._OPERATIVE_VERBS


# ------------------------------------------------------------------------- helpers


def _outcome(module, text: str, footnotes=()) -> object:
    """The Structure as plain data, or the refusal."""
    try:
        found = module.parse_structure(text, source_name="t", footnotes=footnotes)
    except NotAResolutionError as error:
        return ("refused", error.reason)
    return dataclasses.asdict(found)


def assert_same_structure(text: str, footnotes=()) -> None:
    assert _outcome(structure, text, footnotes) == _outcome(reference_structure, text, footnotes)


def assert_same_header(text: str) -> None:
    """parse_header on the header and tail of a text, with and without an opener."""
    opener = header.find_opener(text)
    head = text[: opener.start()] if opener else text[:3000]
    tail = text[-400:]
    for body, top in ((opener.group(1) if opener else None, ""), (None, text[:4000])):
        for module in (header, reference_header):
            found = module.parse_header(head, opener_body=body, tail=tail, top=top)
            if module is header:
                fast = dataclasses.asdict(found)
            else:
                assert fast == dataclasses.asdict(found)


def _damaged(text: str) -> str:
    """A careless PDF copy: lines of 60 characters and page furniture every 40 lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, 60) if len(paragraph) > 60 else [paragraph])
    pages = []
    for number, start in enumerate(range(0, len(lines), 40), start=1):
        pages.append("\n".join(lines[start : start + 40]))
        pages.append(f"\f\nGE.25-{10000 + number}(E)\nA/HRC/RES/59/3\n{number}/99\n")
    return "\n".join(pages)


@functools.cache
def _corpus_documents() -> list[tuple[str, list[Footnote]]]:
    """Every corpus text as the readers give it, and its damaged copies read again."""
    found = []
    for path in sorted(shared_path("corpus").glob("*/*.txt")):
        data = path.read_bytes()
        raw = data.decode("utf-8")
        for variant, name in (
            (data, path.name),
            (_damaged(raw).encode(), path.name),
            (raw.replace("\n", "\r\n").encode(), path.name),
            (data, path.stem + ".md"),
        ):
            document = read_bytes(variant, name)
            found.append((document.text, list(document.footnotes)))
    return found


HRC = """Human Rights Council
Fifty-ninth session
16 June–9 July 2025
Agenda item 3

Resolution adopted by the Human Rights Council on 7 July 2025

59/3.\tThe right to development

The Human Rights Council,

Recalling its resolution 54/18 of 12 October 2023 and General Assembly resolutions 78/160
and 79/180,

Recalling also the Declaration on the Right to Development,

Deeply concerned at the slow progress,

Taking note of the report of the Secretary-General (A/HRC/57/30),

1. Requests the Secretary-General to submit a report to the Council at its sixty-second
session;

2. Also requests the High Commissioner to organize:

(a) A panel discussion;

(b) An intersessional seminar, with:

(i) Experts;

(ii) States;

(c) Consultations;

3. Calls upon States to cooperate;2

4. Takes note with appreciation of the report;

Decides to remain seized of the matter.

45th meeting
7 July 2025

[Adopted by a recorded vote of 30 to 3, with 14 abstentions. The voting was as follows:

In favour: Algeria, Brazil and Chile

Against: Albania

Abstaining: Bulgaria]
"""

GA = """United Nations A/RES/80/204

General Assembly Distr.: General
19 December 2025

Eightieth session
Agenda item 69 (b)

Resolution adopted by the General Assembly on 15 December 2025

[on the report of the Third Committee (A/80/545, para. 12)]

80/204. Human rights and extreme poverty

The General Assembly,

Reaffirming the Universal Declaration of Human Rights,1

Noting with concern, Recognizing that poverty persists,

1. Requests the Secretary-General to report to the General Assembly at its eighty-second
session, as follows: (a) on progress; (b) on obstacles; and (c) on good practice; 2. Invites
States to act;

3. Decides to include in the provisional agenda of its eighty-second session the item.
Recommends to the General Assembly the adoption of the following draft resolution:

The General Assembly,

1. Adopts the declaration;

65th plenary meeting
15 December 2025

Annex

Declaration on extreme poverty

1. Everyone has the right to an adequate standard of living.

Annex II

Further text
"""

SC = """Resolution 2334 (2016)

Adopted by the Security Council at its 7853rd meeting, on 23 December 2016

The Security Council,

Reaffirming its relevant resolutions, including resolutions 242 (1967), 338 (1973),

Guided by the purposes and principles of the Charter of the United Nations,

1. Reaffirms that the establishment of settlements has no legal validity;

2. Decides to remain seized of the matter.
"""

ECOSOC = """Economic and Social Council

2012/11

Resolution adopted by the Economic and Social Council on 26 July 2012

2012/11. Support to Non-Self-Governing Territories

The Economic and Social Council,

Having examined the report of the Secretary-General,

1. Takes note of the report of the President;

2. Requests the Secretary-General to report at its substantive session of 2013;
"""

BUDGET = """73/279. Special subjects relating to the programme budget

The General Assembly,

I

Cost estimates

Having considered the report,

1. Approves the estimates;

2. Decides to keep the matter under review;

II

Revised estimates

Recalling section II of its resolution 72/262,

1. Takes note of the report;

2. Requests the Secretary-General to report;

27 Affirms its support;
"""

MERGED = (
    "59/4. A title The Human Rights Council, Recalling its resolutions, Noting the report of"
    " the Secretary-General, 1. Requests the Secretary-General to report;2 2. Calls upon"
    " States to act; 3. Decides to remain seized of the matter. 45th meeting 7 July 2025"
)

MARKDOWN = """# Resolution 59/5

**59/5. A title**

*The Human Rights Council*,

*Recalling also* its resolution 53/11,

_Noting_ with concern the report,

**1.** *Requests* the Secretary-General to report;

**2.** _Also requests_ the Office to assist;

   (a) lettered;

   (b) another;

***

Annex

1. Not a paragraph of the resolution.
"""

INVENTED = [
    HRC,
    GA,
    SC,
    ECOSOC,
    BUDGET,
    MERGED,
    MARKDOWN,
    HRC.replace("\n\n", "\n"),
    GA.replace("\n\n", "\n"),
    HRC.replace("1. Requests", "Requests"),
    HRC.replace("2. Also requests", "2 Also requests"),
    "1. Opening of the session.\n\n2. Adoption of the agenda.\n",
    "Some text without a header\n\nRequests nothing;\n",
    "",
    "The General Assembly,\n\nRecalling\n\nits resolution,\n\n1. Decides;\n",
    "A/HRC/59/L.12\n\nThe Human Rights Council,\n\n1. Requests a report;\n",
    # a text adopted in parts (0.3.52): "A" before the first opening formula
    "104/180. Title\n\nA\n\nFirst part\n\nThe General Assembly,\n\nRecalling its work,\n\n"
    "1. Decides;\n\n2. Requests a report;\n\nB\n\nSecond part\n\nThe General Assembly,\n\n"
    "1. Invites States;\n",
    # paragraphs a draft inserts (0.3.52)
    "The Human Rights Council,\n\n1. Decides;\n\n1 bis. Requests a report:\n\n(a) On X;\n\n"
    "1ter. Invites States;\n\n3 quater. Notes;\n\n2. Decides.\n",
]


# ------------------------------------------------------------------------- tests


@pytest.mark.parametrize("text", INVENTED)
def test_invented_texts_give_the_reference_structure(text):
    assert_same_structure(text)


def test_invented_texts_with_footnotes_give_the_reference_structure():
    notes = [
        Footnote(
            "1",
            "See resolution 53/11 of 12 July 2023 and A/HRC/57/30.",
            HRC.index(",\n\nRecalling also"),
        ),
        Footnote("2", "A/80/545.", None),
        Footnote("3", "Resolutions 2334 (2016) and 242 (1967).", len(HRC) - 5),
    ]
    assert_same_structure(HRC, notes)
    assert_same_structure(GA, notes)


def test_corpus_and_damaged_copies_give_the_reference_structure():
    documents = _corpus_documents()
    assert len(documents) >= 4 * 400
    for text, footnotes in documents:
        assert_same_structure(text, footnotes)


def test_corpus_references_and_headers_give_the_reference_results():
    for text, _ in _corpus_documents()[::4]:
        assert list(references.resolutions(text)) == list(reference_references.resolutions(text))
        assert list(references.resolutions(text, 500, 9000)) == list(
            reference_references.resolutions(text, 500, 9000)
        )
        assert_same_header(text)


REFERENCE_TEXTS = [
    "Recalling its resolutions 53/11 of 12 July 2023, 54/2 and 55/3 as well as resolution 2334 (2016),",
    "resolution 53/11",
    "Resolution 53/11",
    "irresolutions 53/11",
    "esolution 53/11",
    "resolutions  53/11\nand\t54/2 of 31 February 2020",
    "resolution S-32/1 of 5 November 2021 or ES-10/2",
    "resolution resolution 1/2",
]


@pytest.mark.parametrize("text", REFERENCE_TEXTS)
def test_resolution_references_equal_the_pattern_scan(text):
    for start in range(0, len(text) + 1, 3):
        for end in (len(text), len(text) - 4):
            assert list(references.resolutions(text, start, end)) == list(
                reference_references.resolutions(text, start, end)
            )


LEADS = [
    "Recalling also its resolution",
    "Reaffirming further that",
    "Calls upon States",
    "Also calls upon all States",
    "Once again urges",
    "Takes note with appreciation of the report",
    "Taking note also of",
    "Bearing in mind",
    "Deeply concerned",
    "Expresses its deep concern",
    "Notes with grave and serious concern",
    "With concern",
    "Requests",
    "Requests.",
    "12 34 --",
    "",
    "a b c d e f g h i j k l m n o p",
    "Takes note of",
    "Takes " + "note " * 20,
    "Strongly condemns, also",
    "Recalling " + "x" * 170 + " also",
    "Welcoming with appreciation with satisfaction also",
]


@pytest.mark.parametrize("text", LEADS)
def test_leads_equal_the_reference(text):
    for variant in (text, "  " + text, "## " + text, text + ";"):
        assert structure.operative_verb(variant) == reference_structure.operative_verb(variant)
        assert structure.preamble_verb(variant) == reference_structure.preamble_verb(variant)
        assert structure._words(variant) == reference_words(variant)
        assert structure._words(variant, 4) == reference_words(variant, 4)
        for last in (".", ";", ":", ","):
            assert structure._looks_operative(variant, last) == reference_looks_operative(
                variant, last
            )


HEADINGS = [
    "IV.",
    "A",
    "B. Title",
    "II Revised estimates",
    "Recalling its resolution,",
    "Noting the report;",
    "A heading:",
    "---",
    "12,",
    "**I**",
    "Requests the Secretary-General;",
    "Title of a section",
    "Title,2",
    "x" * 130 + ",",
]


@pytest.mark.parametrize("text", HEADINGS)
def test_headings_equal_the_reference(text):
    assert structure._is_heading(text) == reference_structure._is_heading(text)


# Pieces of text the walker and the header look at, glued at random.
_fragments = st.lists(
    st.sampled_from(
        [
            *("\n", "\n\n", " ", "\t", "*", "_", "#", ",", ".", ";", ":", "[", "]", "\r", "\u00a0"),
            *("1. ", "2. ", "3. ", "12. ", "2 ", "(a) ", "(b) ", "(i) ", "(ii) ", "(c) ", "IV. "),
            *("The Human Rights Council,", "The General Assembly,", "59/3. Title", "Annex"),
            *("Annex II", "Recalling", "Recalling also", "Noting with concern", "Requests"),
            *("Also requests", "Calls upon", "Takes note of", "Decides", "its report", "the"),
            *("45th meeting", "65th plenary meeting", "7 July 2025", "[Adopted without a vote]"),
            *("In favour:", "Resolution 2334 (2016)", "resolution 53/11 of 12 July 2023"),
            *("A/HRC/57/30", "as follows:", "the following draft resolution:", "Beijing"),
            *("Deeply", "Strongly", "2012/11. ", "Adopted by the General Assembly", "x" * 70),
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_fragments)
def test_generated_texts_give_the_reference_structure(text):
    assert_same_structure(text)
    assert list(references.resolutions(text)) == list(reference_references.resolutions(text))
    assert_same_header(text)
    assert structure.operative_verb(text) == reference_structure.operative_verb(text)
    assert structure._words(text) == reference_words(text)
    if text:
        assert structure._is_heading(text) == reference_structure._is_heading(text)
    for last in (".", ","):
        assert structure._looks_operative(text, last) == reference_looks_operative(text, last)
    assert structure._pieces(text, 0, len(text)) == reference_structure._pieces(text, 0, len(text))


def test_a_title_with_direction_controls_gives_the_reference_header():
    """The header stage reads titles without bidirectional controls, as its reference."""
    text = HRC.replace("The right to development", "The right \u202eto\u202c development\u200e")
    assert_same_header(text)
    opener = header.find_opener(text)
    found = header.parse_header(text[: opener.start()], opener_body=opener.group(1))
    assert found.title == "The right to development"
