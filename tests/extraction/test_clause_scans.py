"""The request stage's cheaper scans (issue 16) give what the scans they stand for give:
scans that try a pattern only where one of its first words begins, the masked copy in
three steps, the first-person test without lower-casing the document, shortcuts in the
loop over clauses. Each is compared with the plain way on inputs made to reach
every branch and on the whole corpus."""

from __future__ import annotations

import importlib
import random
import re

import pytest

from mandates.extraction import clauses, requests
from mandates.extraction.actors import ActorTable
from mandates.extraction.api import extract_document
from mandates.extraction.clauses import (
    _FOOTNOTE_REF_RE,
    _KEYWORD_RE,
    _KEYWORD_WORDS,
    _MARKUP_RE,
    _REPLACEMENTS,
    _TAG_RE,
    Clause,
    _mechanism_index,
    mask,
)
from mandates.extraction.guards import (
    _FOLDS,
    finditer_at_words,
    leading_words,
    plain_case,
)
from mandates.extraction.readers import read_path
from mandates.extraction.requests import (
    _AND_VERB_RE,
    _WE_RE,
    _WE_VERB_RE,
    _consideration,
    _edited,
    _first_person_to_third,
    _third_person,
    _units,
)
from mandates.extraction.result import OperativeParagraph
from tests.extraction.contexts import extract_paths, reading_context
from tests.shared_data import shared_path

EVERYTHING = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def _corpus_texts() -> list[str]:
    return [read_path(path).text for path in sorted(shared_path("corpus").glob("*/*.txt"))]


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return _corpus_texts()


# --- what the word tests rest on ------------------------------------------------------


def test_only_the_folded_characters_lower_case_to_ascii_from_beyond_it():
    """``plain_case`` leaves out the characters a case-insensitive ASCII letter matches
    beyond A-Z; of all the others, only ASCII characters lower-case to ASCII (so a word is
    in a slice lower-cased exactly where a case-insensitive pattern finds its letters)."""
    beyond = {c for c in EVERYTHING if not c.isascii() and any(x.isascii() for x in c.lower())}
    folded = {char for chars in _FOLDS.values() for char in chars}
    assert beyond <= folded
    for char in "abcdefghijklmnopqrstuvwxyz-'":
        lowers_to = {c for c in EVERYTHING if c.lower() == char} - folded
        assert lowers_to == {char, char.upper()}
    assert not plain_case("the Special Rapporteur on \u0130zmir")
    assert not plain_case("Reque\u017fts")
    assert plain_case("Requests the Office \u2014 and the \u00e9quipe")


def test_the_first_person_test_is_the_lower_cased_one():
    """ "we " in the lower-cased text: only W, w, E, e and the space lower-case to "w", "e"
    and " ", so testing the four spellings finds the same documents."""
    assert {c for c in EVERYTHING if c.lower() in ("w", "e", " ")} == set("wWeE ")
    assert not any(len(c.lower()) > 1 and set(c.lower()) & set("we ") for c in EVERYTHING)
    for text in ("We request", "WE DECIDE", "wE ", "powe r", "we\nrequest", "Awe all", "none"):
        fast = any(spelling in text for spelling in ("we ", "We ", "WE ", "wE "))
        assert fast == ("we " in text.lower()), text


# --- leading words taken from patterns -----------------------------------


def test_leading_words_are_the_runs_every_match_begins_with():
    assert leading_words(r"\b(?=[sw])(?:Special\s+Rapporteur|Working\s+Group)\b", re.I) == {
        "special",
        "working",
    }
    assert leading_words(r"(?:Ad\s+Hoc|Advisory)") == {"ad"}  # "advisory" begins with "ad"
    assert leading_words(r"(?:foo|\w+)") is None
    assert leading_words(r"[ab]c") is None
    assert leading_words(r"x?y") is None


def test_every_keyword_match_begins_with_a_leading_word(corpus):
    seen = 0
    for text in corpus:
        for found in _KEYWORD_RE.finditer(text):
            assert found.group(0).lower().startswith(tuple(_KEYWORD_WORDS)), found.group(0)
            seen += 1
    assert seen > 1000


# --- finditer only where a leading word begins ------------------------------------------


KEYWORD_TEXTS = [
    "the Special Rapporteur on X, the special  rapporteur, SPECIAL\nREPRESENTATIVE, "
    "an ad hoc committee, the Ad Hoc Committee, made, advisory, International "
    "independent expert mechanism, the Working Group of Experts, team of experts",
    "Special Rapporteurship; Group ofGroup of; fact-finding mission, Open-ended "
    "Intergovernmental Working Group, Forum, forums, Commission of Inquiry",
    "the \u0130ndependent Expert and the \u212aommittee, Special Rapporteur",  # not plain
]


@pytest.mark.parametrize("text", KEYWORD_TEXTS)
def test_keyword_scan_at_words_finds_what_finditer_finds(text):
    low = text.lower() if plain_case(text) else None
    slow = [found.span() for found in _KEYWORD_RE.finditer(text)]
    fast = [found.span() for found in finditer_at_words(_KEYWORD_RE, _KEYWORD_WORDS, text, low)]
    assert fast == slow and slow


def test_keyword_scan_at_words_on_shuffled_words():
    rng = random.Random(16)
    words = " ".join(KEYWORD_TEXTS[:2]).replace(",", " ,").split()
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        slow = [found.span() for found in _KEYWORD_RE.finditer(text)]
        fast = finditer_at_words(_KEYWORD_RE, _KEYWORD_WORDS, text, text.lower())
        assert [found.span() for found in fast] == slow, text


def test_keyword_scan_and_mechanism_index_on_the_corpus(corpus, monkeypatch):
    table = ActorTable.default()
    for text in corpus:
        masked = mask(text)
        low = masked.lower() if plain_case(masked) else None
        slow = [found.span() for found in _KEYWORD_RE.finditer(masked)]
        fast = finditer_at_words(_KEYWORD_RE, _KEYWORD_WORDS, masked, low)
        assert [found.span() for found in fast] == slow
    # the index itself, built the plain way (no leading words) and the fast way
    texts = corpus[::7]
    fast_index = [_mechanism_index(mask(text), table) for text in texts]
    monkeypatch.setattr(clauses, "_KEYWORD_WORDS", None)
    assert [_mechanism_index(mask(text), table) for text in texts] == fast_index
    assert any(fast_index)


# --- the masked copy ---------------------------------------------------------------------


def _one_regex_mask(text: str) -> str:
    """``mask`` as it was: one regex for all markup, then the replacements."""
    masked = _MARKUP_RE.sub(lambda m: " " * len(m.group(0)), text)
    for old, new in _REPLACEMENTS:
        masked = masked.replace(old, new)
    return masked


MARKUP_TEXTS = [
    "Requests[footnoteRef:3] the *Office*_ to <sup>[^3]</sup> report<em>now</em>\u00a0x",
    "<sup>a*b_c\u00a0d</sup> <sup>thirteen chars</sup> [^12] [^x] [footnoteRef:] <i>",
    "<<sup>1</sup> [[^2]] <strong></strong></b><b/> \u2018quoted\u2019 \u201cx\u201d \t\u00ad",
    "no markup at all",
    "",
]


@pytest.mark.parametrize("text", MARKUP_TEXTS)
def test_mask_in_steps_is_the_one_regex_mask(text):
    assert mask(text) == _one_regex_mask(text)
    assert len(mask(text)) == len(text)


def test_mask_in_steps_on_the_corpus_and_shuffled_markup(corpus):
    for text in corpus:
        assert mask(text) == _one_regex_mask(text)
    rng = random.Random(16)
    pieces = ["<sup>", "</sup>", "[^", "]", "[footnoteRef:", "1", "<em>", "*", "_", "\u00a0", "a"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert mask(text) == _one_regex_mask(text), text
    assert _FOOTNOTE_REF_RE.pattern.startswith("\\[") and _TAG_RE.pattern.startswith("<")


# --- the whole stage: the same result with the fast paths off ---------------------------


def test_extraction_is_the_same_with_the_keyword_scan_at_every_position(monkeypatch):
    paths = sorted(shared_path("corpus").glob("*/*.txt"))[::4]

    fast = extract_paths(paths)
    monkeypatch.setattr(clauses, "_KEYWORD_WORDS", None)
    assert extract_paths(paths) == fast
    assert sum(len(result.deliverables) for result in fast if not isinstance(result, str)) > 100


# --- small shortcuts in the loop over clauses ---------------------------------------------


@pytest.mark.parametrize(
    "verb",
    [
        "Decides",
        "Also  decides",
        "Further\n decides ",
        "decides\u00a0",
        "\u0130decides",
        "Resolves",
        "agrees",
        "Requests",
        "Decidesx",
        "undecides",
        "de cides",
        "",
    ],
)
def test_the_consideration_verb_test_is_the_joined_one(verb):
    """``_verb_reading`` tells whether a verb may give the consideration from its words
    joined by single spaces; the loop over clauses tested the end of the verb as printed
    (stripped): the same last word, so the same answer. A verb that may is then read."""
    masked = verb + " to continue its consideration of the question at its sixtieth session"
    printed = masked[: len(verb)].rstrip().lower()
    assert requests._verb_reading(verb)[2] == printed.endswith(("decides", "resolves", "agrees"))
    clause = Clause(0, len(verb), len(masked), verb)
    assert _consideration(clause, "1", reading_context(masked)) is not None


@pytest.mark.parametrize(
    "verb",
    ["Requests", "Also requests", "Invites", "Decides to invite", "Encourages", "Takes note",
     "Further\n decides", "notes", "Recalls", "Invitation", "  requests ", ""],
)  # fmt: skip
def test_the_verb_reading_is_the_role_tests_in_order(verb):
    """``_verb_reading`` gives the role the four tests gave, first that fits, in that order,
    and the invite test ``_clause`` made on the joined words."""
    words = " ".join(verb.split())
    tests = [
        ("encourage", requests._ENCOURAGE_RE),
        ("request", requests._REQUEST_RE),
        ("decide", requests._DECIDE_RE),
        ("note", requests._NOTE_RE),
    ]
    role = next((name for name, pattern in tests if pattern.match(words)), "")
    invite = bool(requests._INVITE_RE.search(words))
    assert requests._verb_reading(verb)[:2] == (words, role)
    assert requests._verb_reading(verb)[3] == invite


def test_units_of_a_paragraph_without_sub_paragraphs():
    paragraph = OperativeParagraph("3", "", "Requests the Office to report", (10, 39))
    assert _units(paragraph) == [("3", 10, 39, False)]


# --- first person to third: edits spliced in, "we" found by a word scan ---------------------


def _first_person_in_a_list(masked: str) -> str:
    """``_first_person_to_third`` as it was: every "we" by the regex, edits written into a
    list of the characters."""
    chars = list(masked)
    done = -1
    for we in _WE_RE.finditer(masked):
        if we.start() < done:
            continue
        start = masked.rfind("\n\n", 0, we.start()) + 1
        end = masked.find("\n\n", we.end())
        end = len(masked) if end < 0 else end
        done = end
        for found in _WE_VERB_RE.finditer(masked, start, end):
            chars[found.start() : found.end()] = _third_person(found)
        for other in _AND_VERB_RE.finditer(masked, start, end):
            words = ",and " + (other.group("adverb") or "")
            head, space, rest = other.group("verb").partition(" ")
            words += head + "s" + space + rest
            chars[other.start() : other.end()] = words + " " * (len(other.group(0)) - len(words))
    return "".join(chars)


FIRST_PERSON_TEXTS = [
    "1. We request the Secretary-General to report.\n\n2. We note the report, and invite "
    "the Office to act, and also request the Forum to meet.\n\nWe\n\nwe also decide",
    "We further call upon States; we take note of it,  and  further urge all; We, the "
    "Heads of State, welcome; WE REQUEST; between; were; Awe request",
    "\u0130 we request the Office \u212a",  # not plain: "we" found by the regex
    "no first person here",
    # the verb scan tries the pattern only where "we" begins: at a paragraph's first
    # character, glued to a word or digit, twice in a row, before a line break, at the end
    "We decide\n\nwe also request; 5we request, awe note, we_request, we\nwelcome, and we "
    "we invite; We  therefore   call  upon, we\ttake note\n\nWe further commit, we",
    "\n\nWe note\n\n\nwe urge the Office, and encourage States; We agreed; we agree",
]


@pytest.mark.parametrize("text", FIRST_PERSON_TEXTS)
def test_first_person_to_third_is_what_it_was(text):
    masked = mask(text)
    assert _first_person_to_third(masked) == _first_person_in_a_list(masked)
    assert len(_first_person_to_third(masked)) == len(masked)


def test_first_person_to_third_on_the_corpus(corpus):
    changed = 0
    for text in corpus:
        masked = mask(text)
        if "we " not in masked.lower():
            continue
        fast = _first_person_to_third(masked)
        assert fast == _first_person_in_a_list(masked)
        changed += fast != masked
    assert changed > 5


def test_edits_that_meet_or_change_the_length_are_written_one_by_one():
    assert _edited("abcdef", []) == "abcdef"
    assert _edited("abcdef", [(4, 5, "X"), (0, 2, "YZ")]) == "YZcdXf"  # spliced
    assert _edited("abcdef", [(0, 3, "XYZ"), (2, 4, "12")]) == "XY12ef"  # they meet
    assert _edited("abcdef", [(0, 1, "XY"), (3, 4, "Q")]) == "XYbQdef"  # longer: shifts


# --- taken notes: symbols only where a "/" is printed -------------------------------------


def test_every_symbol_match_holds_the_mark():
    """``_symbols`` skips text without ``_SYMBOL_MARK``: the mark is a character of the
    symbol pattern's top-level sequence, outside any optional or repeated part."""
    parsed = importlib.import_module("re._parser").parse(
        requests._SYMBOL_RE.pattern, requests._SYMBOL_RE.flags
    )
    literal = importlib.import_module("re._constants").LITERAL
    assert (literal, ord(requests._SYMBOL_MARK)) in list(parsed.data)
    assert requests._symbols("see A/HRC/59/36.", 0, 16) == ["A/HRC/59/36"]
    assert requests._symbols("see A HRC 59 36", 0, 15) == []


def test_the_symbols_without_the_mark_are_none_on_the_corpus(corpus):
    for text in corpus:
        assert requests._SYMBOL_RE.search(text.replace(requests._SYMBOL_MARK, " ")) is None


def test_taken_notes_are_the_same_with_every_clause_scanned(monkeypatch):
    """The mark test off (an empty mark is in every text): the same results."""
    paths = sorted(shared_path("corpus").glob("*/*.txt"))

    def run():
        return [extract_document(read_path(path)) for path in paths]

    fast = run()
    monkeypatch.setattr(requests, "_SYMBOL_MARK", "")
    assert extract_paths(paths) == fast
    assert sum(len(result.takes_note_of) for result in fast) >= 10
