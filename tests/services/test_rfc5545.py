"""RFC 5545 text by hand: TEXT escaping and line folding (mandates/services/rfc5545.py)."""

from __future__ import annotations

from hypothesis import example, given
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


def reference_fold(line: str) -> str:
    """Folding as it was written before the one-scan fast path (kept to compare with): cut
    every FOLD_OCTETS octets, stepping back before a UTF-8 continuation octet."""
    data = line.encode()
    parts = []
    start = 0
    while len(data) - start > rfc5545.FOLD_OCTETS:
        end = start + rfc5545.FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    parts.append(data[start:].decode())
    return "\r\n ".join(parts) + "\r\n"


# Lines whose octets reach the fold boundaries with characters of every width: 1 to 4
# octets, a character of each width ending or straddling octet 74, 148, ...; with the
# lowest and highest continuation octets (0x80 in "π", 0xBF in "¿" and "\ufffd").
TRICKY_LINES = [
    "",
    "X" * 73,
    "X" * 74,
    "X" * 75,
    "X" * 148,
    "X" * 149,
    "X" * 73 + "é",
    "X" * 72 + "é" + "Y",
    "X" * 73 + "五" + "Y" * 80,
    "X" * 72 + "五" + "Y" * 80,
    "X" * 71 + "😀" + "Y" * 80,
    "X" * 70 + "😀" + "😀" * 30,
    "X" * 73 + "¿" + "Y",
    "X" * 73 + "π" + "Y",
    "X" * 72 + "\ufffd" + "Y" * 80,
    "X" * 73 + "\ufffd" + "Y" * 80,
    "é" * 37 + "x",
    "é" * 200,
    "👩‍💻" * 40,
    "DESCRIPTION:a\\nb\\,c\\;d\\\\e “quoted” " * 6,
    "line\r\nwith\rraw\nbreaks" * 8,  # fold does not escape: breaks are only octets to it
]
ANY_LINE = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)
WIDTHS = st.text(alphabet="aé¿π五\ufffd😀\r\n\\;,", max_size=400)


@given(st.one_of(ANY_LINE, WIDTHS, st.sampled_from(TRICKY_LINES)))
@example("X" * 73 + "😀" + "end")
def test_fold_fast_paths_equal_the_octet_loop(line):
    """The regex folding (ASCII by characters, else by octets) cuts exactly where the
    octet-by-octet loop did, on lines of every width and length."""
    assert rfc5545.fold(line) == reference_fold(line)


def test_fold_fast_paths_on_the_tricky_lines():
    """Each hand-picked boundary case folds as the octet loop folds it."""
    for line in TRICKY_LINES:
        assert rfc5545.fold(line) == reference_fold(line), line


@given(AWKWARD_TEXT, AWKWARD_TEXT)
@example("paragraph 7\r", "Session: HRC 65")
@example("a\r\r", "\nb")
@example("bell\x07", "x, y")
@example("", "\r\n")
def test_text_escapes_the_same_piece_by_piece_after_a_line_break(first, rest):
    """A text cut right after a line break escapes to the same as the whole (the feeds
    escape a description's lines apart), a CR before the cut included."""
    whole = rfc5545.text(f"{first}\n{rest}")
    assert rfc5545.text(f"{first}\n") + rfc5545.text(rest) == whole
