"""Properties over arbitrary text: only ExtractionError escapes, and output is deterministic."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.extraction import ExtractionError, extract_text
from tests.extraction import samples

_FRAGMENTS = [
    "The Human Rights Council,",
    "The General Assembly,",
    "Resolution 2334 (2016)",
    "Adopted by the Security Council at its 9000th meeting, on 22 December 2023",
    "Resolution adopted by the Human Rights Council on 4 July 2025",
    "59/3.\tA title",
    "Fifty-ninth session",
    "Agenda item 71 (b)",
    "[on the report of the Third Committee (A/80/545, para. 5)]",
    "Recalling its resolution 53/11 of 12 July 2023,",
    "1. Requests the Secretary-General to report;",
    "2. Also decides as follows: (a) one; (b) two;",
    "(a) A seminar;",
    "(i) A panel;",
    "III",
    "Annex",
    "30th meeting",
    "4 July 2025",
    "[Adopted without a vote.]",
    "[Adopted by a recorded vote of 3 to 2, with 1 abstention. In favour: A, B Against: C]",
    "In favour:",
    "*Requests*",
    "",
]

_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=25).map("\n\n".join),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40)), max_size=20).map(
        lambda parts: "\n".join(parts)
    ),
    st.tuples(st.sampled_from([samples.HRC, samples.GA, samples.SC]), st.integers(0, 3000)).map(
        lambda pair: pair[0][: pair[1]]
    ),
)


def _extract(text):
    try:
        return extract_text(text).to_dict(include_text=True)
    except ExtractionError as exc:
        return ("error", type(exc).__name__, str(exc))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_result_or_extraction_error(text):
    """Any text gives a result or an ExtractionError, never another exception."""
    _extract(text)


@settings(max_examples=150, deadline=None)
@given(_texts)
def test_deterministic(text):
    """The same input always gives the same output."""
    assert _extract(text) == _extract(text)


@settings(max_examples=150, deadline=None)
@given(_texts)
def test_spans_always_hold(text):
    """Whatever the input, every span indexes the result's text exactly."""
    try:
        result = extract_text(text)
    except ExtractionError:
        return
    for paragraph in [*result.preamble, *result.operative, *result.annexes]:
        assert result.text[paragraph.span[0] : paragraph.span[1]] == paragraph.text
        for sub in getattr(paragraph, "subparagraphs", ()):
            assert result.text[sub.span[0] : sub.span[1]] == sub.text
