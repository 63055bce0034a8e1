"""RFC 5545 text by hand: TEXT escaping and line folding (mandates/services/rfc5545.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mandates.services import rfc5545

AWKWARD = st.sampled_from(
    [
        ",",
        ";",
        "\\",
        "\n",
        "\r\n",
        "\t",
        ":",
        '"',
        "\\n",
        "\\N",
        "\\;",
        " ",
        "😀",
        "👩‍💻",
        "五",
        "é",
    ]
)
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc"))
AWKWARD_TEXT = st.lists(
    st.one_of(AWKWARD, st.text(alphabet=PRINTABLE, max_size=12)), max_size=10
).map("".join)
# Long enough to fold several times, with characters of 2, 3 and 4 octets at every offset.
LONG_NON_ASCII = st.text(alphabet="aé—五😀“”,;\\", min_size=70, max_size=240)


def physical_lines(folded: str) -> list[bytes]:
    assert folded.endswith("\r\n")
    return folded.encode().split(b"\r\n")[:-1]


@given(st.one_of(AWKWARD_TEXT, LONG_NON_ASCII), st.sampled_from(["SUMMARY", "DESCRIPTION"]))
def test_folding_keeps_75_octets_whole_characters_and_the_text(value, name):
    """Each physical line is at most 75 octets and valid UTF-8 on its own; unfolding gives
    the content line back."""
    line = f"{name}:{rfc5545.text(value)}"
    lines = physical_lines(rfc5545.fold(line))
    for number, physical in enumerate(lines):
        assert len(physical) <= 75
        assert physical.decode("utf-8")  # no character cut in two
        assert number == 0 or physical.startswith(b" ")
    assert b"".join([lines[0], *(physical[1:] for physical in lines[1:])]).decode() == line


def test_fold_cuts_before_a_character_that_would_cross_the_limit():
    """73 ASCII octets then a 4-octet emoji: the emoji starts the next line."""
    folded = rfc5545.fold("X" * 73 + "😀" + "end")
    assert folded == "X" * 73 + "\r\n 😀end\r\n"
    assert rfc5545.fold("X" * 74) == "X" * 74 + "\r\n"
    assert rfc5545.fold("X" * 75) == "X" * 74 + "\r\n X\r\n"


def test_text_escapes_backslash_semicolon_comma_and_line_breaks():
    assert rfc5545.text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert rfc5545.text("tab\tstays, bell\x07 goes") == "tab\tstays\\, bell goes"
    assert rfc5545.text_list(["High, Commissioner", "HRC"]) == "High\\, Commissioner,HRC"
