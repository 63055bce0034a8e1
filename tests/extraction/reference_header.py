"""header.py as it was before the second round of issue 16 (main at 61a7e96).

The reference for tests/extraction/test_structure_fast_paths.py (see reference_structure.py).
Not used by the application.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from mandates.extraction.cleaning import without_bidi_controls
from mandates.extraction.ordinals import ordinal_to_int

__all__ = ["BODIES", "Header", "l_symbol", "parse_date", "parse_header", "title_key"]

#: Body code by the name printed in the text.
BODIES: dict[str, str] = {
    "Human Rights Council": "HRC",
    "General Assembly": "GA",
    "Security Council": "SC",
    "Economic and Social Council": "ECOSOC",
}
_BODY_NAMES = "|".join(re.escape(name) for name in BODIES)

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}
DATE_PATTERN = r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"
_DATE = re.compile(DATE_PATTERN)

_MARKUP = re.compile(r"[*#_]+|<[^>]{1,20}>")
_SPACE = re.compile(r"\s+")

#: The opening formula that ends the header: "The Human Rights Council,".
OPENER = re.compile(
    r"(?m)^[ \t*_#]*The[ \t]+(" + _BODY_NAMES + r")[ \t*_]*,?[ \t*_]*$"
    r"|(?<![\w/])The\s+(" + _BODY_NAMES + r")\s*[*_]*,[*_]*(?=\s)"
)

_PRINTED_SYMBOL = re.compile(
    r"\b(A/HRC/RES/(?:S-)?\d{1,3}/\d{1,4}|A/RES/(?:ES-|S-)?\d{1,3}/\d{1,4}"
    r"|S/RES/\d{1,5}\s*\(\d{4}\)|E/RES/\d{4}/\d{1,4})"
)
_NUMBER_TITLE = re.compile(r"(?<![\w/.])((?:ES-|S-)?\d{1,4})/(\d{1,4})\.(?:\s+(.*))?$")
_NUMBER_NO_DOT = re.compile(r"[ \t*#_]*((?:ES-|S-)?\d{1,4})/(\d{1,4})\.?[ \t]+(\S.*)", re.DOTALL)
_SC_NUMBER = re.compile(r"\bResolution\s+(\d{1,5})\s*\((\d{4})\)")
_ADOPTED_BY = re.compile(
    r"\b(?:Resolution\s+)?[Aa]dopted\s+by\s+the\s+(" + _BODY_NAMES + r")"
    r"(?:\s+at\s+its\s+[\w,]+\s+(?:plenary\s+)?meeting,?)?(?:\s+on\s+" + DATE_PATTERN + r")?"
)
_SESSION = re.compile(
    r"\b((?:[A-Z][a-z]+|[a-z]+)(?:[\s-][a-z]+)?)\s+(special\s+|emergency\s+special\s+)?session\b"
)
_AGENDA = re.compile(
    r"\bAgenda\s+items?\s+(\d+(?:\s?\([a-z]\))?"
    r"(?:(?:,\s*|\s+and\s+)(?:\d+(?:\s?\([a-z]\))?|\([a-z]\)))*)"
)
_COMMITTEE = re.compile(r"\[\s*on\s+the\s+(?:report|recommendation)s?\s+of\s+[^\[\]]*?\(([^()\]]*)")
_DOC_SYMBOL = re.compile(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+")


@dataclass
class Header:
    symbol: str | None = None
    body: str | None = None
    session: int | None = None
    special_session: str | None = None  # "S-41", "ES-11"
    number: str | None = None
    title: str | None = None
    adopted_on: date | None = None
    agenda_item: str | None = None
    committee_report: str | None = None
    # "adopted", "draft" (an L document) or "amendment" (an amendment to a draft).
    status: str = "adopted"
    # Adopted: the draft it was adopted from, when printed ("[... (A/80/L.2/Rev.1)]");
    # amendment: the draft it amends.
    draft_symbol: str | None = None
    warnings: list[str] = field(default_factory=list)


def flatten(text: str) -> str:
    """Drop Markdown/HTML markup and collapse whitespace (for matching only)."""
    if "*" in text or "#" in text or "_" in text or "<" in text:  # what markup starts with
        text = _MARKUP.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def parse_date(day: str, month: str, year: str) -> date | None:
    """A ``date`` from printed parts, or None when the day does not exist."""
    try:
        return date(int(year), MONTHS[month], int(day))
    except (KeyError, ValueError):
        return None


def _ordinal(words: str) -> int | None:
    return ordinal_to_int(words.strip().lower())


def find_opener(text: str, limit: int = 20000) -> re.Match[str] | None:
    """The opening formula ("The General Assembly,") near the start of the text."""
    return OPENER.search(text, 0, min(len(text), limit))


def parse_header(header: str, *, opener_body: str | None, tail: str = "", top: str = "") -> Header:
    """Read the header fields from the text before the opening formula.

    ``opener_body`` is the body named in the opening formula, ``tail`` the text after the
    operative part (closing lines), used for the date when the header does not print it.
    ``top`` is the start of a text that has no opening formula (an amendment to a draft).
    """
    result = Header()
    flat = flatten(header)

    adopted = _ADOPTED_BY.search(flat)
    body_name = adopted.group(1) if adopted else opener_body
    if body_name is None:
        # the body the printed symbol names, else the first printed (0.3.51)
        printed = _PRINTED_SYMBOL.search(flat)
        first = re.search(_BODY_NAMES, flat)
        if printed:
            symbol = printed.group(1)
            body_name = (
                "Human Rights Council"
                if symbol.startswith("A/HRC/")
                else "General Assembly"
                if symbol.startswith("A/")
                else "Security Council"
                if symbol.startswith("S/")
                else "Economic and Social Council"
            )
        else:
            body_name = first.group(0) if first else None
    result.body = BODIES.get(body_name) if body_name else None

    if adopted and adopted.group(2):
        result.adopted_on = parse_date(adopted.group(2), adopted.group(3), adopted.group(4))

    sc = _SC_NUMBER.search(flat) if "Resolution" in flat else None
    if sc and (result.body in (None, "SC")):
        result.body = "SC"
        result.number = sc.group(1)
        result.session = int(sc.group(2))
        result.symbol = f"S/RES/{sc.group(1)} ({sc.group(2)})"
    else:
        _number_and_title(header, result)

    # The title may name another session ("... on the work of its fifty-fourth session").
    _session_from_words(flat.replace(result.title, " ") if result.title else flat, result)
    _printed_symbol(flat, result)

    agenda = _AGENDA.search(flat)
    if agenda:
        result.agenda_item = re.sub(r"(\d)\(", r"\1 (", agenda.group(1))
    committee = _COMMITTEE.search(flat)
    if committee:
        symbol = _DOC_SYMBOL.search(committee.group(1))
        if symbol:
            result.committee_report = symbol.group(0).rstrip(".,;")

    if result.adopted_on is None and tail:
        closing = re.search(r"meeting\W+" + DATE_PATTERN, flatten(tail))
        if closing:
            result.adopted_on = parse_date(*closing.groups())
    _draft_status(header, flat, result, top=top)
    if result.title:  # the titles read without bidirectional controls (as the fast stage)
        result.title = without_bidi_controls(result.title) or None
    return result


def _number_and_title(header: str, result: Header) -> None:
    """Find "59/3.<TAB>Title" (the title may run over several lines of one block)."""
    blocks = re.split(r"\n[ \t]*\n", header)
    for index, block in enumerate(blocks):
        flat = flatten(block)
        # The number may follow other header words when the reader merged lines.
        for match in re.finditer(r"(?<![\w/.])(?:ES-|S-)?\d{1,4}/\d{1,4}\.", flat):
            found = _NUMBER_TITLE.match(flat, match.start())
            if found:
                break
        else:
            found = _NUMBER_NO_DOT.match(block)
            if not found:
                continue
        prefix, serial, title = found.group(1), found.group(2), found.group(3)
        title = flatten(title) if title else None
        if not (title and title.strip()):  # extractor 0.3.35: a title after a lone number
            rest = [later for later in blocks[index + 1 :] if later.strip()]
            if len(rest) == 1 and len(rest[0]) <= 400:
                after = flatten(rest[0]).strip()
                title = (
                    after
                    if re.match(r"[\"'\u201c\u2018]?(?:[^\W\d_]{2}|A\s+[^\W\d_])", after)
                    else None
                )
        result.title = title.strip() or None if title else None
        result.number = serial
        _symbol_from_number(prefix, serial, result)
        return


def _symbol_from_number(prefix: str, serial: str, result: Header) -> None:
    digits = prefix.split("-")[-1]
    if len(digits) == 4:  # "2012/11": ECOSOC numbers resolutions by year
        if result.body in (None, "ECOSOC"):
            result.body = "ECOSOC"
        result.session = int(digits)
        result.symbol = f"E/RES/{prefix}/{serial}"
        return
    if prefix[:1] in ("S", "E"):  # a special session, not the regular one of that number
        result.special_session = prefix
    else:
        result.session = int(digits)
    if result.body == "HRC":
        result.symbol = f"A/HRC/RES/{prefix}/{serial}"
    elif result.body == "GA":
        result.symbol = f"A/RES/{prefix}/{serial}"
    elif result.body == "ECOSOC":
        result.symbol = f"E/RES/{prefix}/{serial}"


def _session_from_words(flat: str, result: Header) -> None:
    """Check or supply the session from "Fifty-ninth session"."""
    if result.body not in (None, "HRC", "GA"):
        return
    for match in _SESSION.finditer(flat):
        number = _ordinal(match.group(1))
        if number is None:
            last = match.group(1).split()[-1]
            number = _ordinal(last)
        if number is None:
            continue
        if result.session is None:
            result.session = number
        elif result.session != number and not match.group(2):
            result.warnings.append(
                f"header: the printed session ({match.group(1)}, {number}) differs from the "
                f"resolution number ({result.number}, session {result.session})"
            )
        return


def _printed_symbol(flat: str, result: Header) -> None:
    printed = _PRINTED_SYMBOL.search(flat) if "/RES/" in flat else None
    if not printed:
        return
    symbol = _SPACE.sub(" ", printed.group(1))
    symbol = re.sub(r"(\d)\(", r"\1 (", symbol)
    if result.symbol is None:
        result.symbol = symbol
        if symbol.startswith("A/HRC/"):
            result.body = result.body or "HRC"
        elif symbol.startswith("A/RES/"):
            result.body = result.body or "GA"
        parts = re.findall(r"\d+", symbol)
        if parts and result.number is None:
            result.number = parts[-1] if not symbol.startswith("S/") else parts[0]
    elif result.symbol != symbol:
        result.warnings.append(
            f"header: printed symbol {symbol} differs from the number ({result.symbol})"
        )


# ------------------------------------------------------------------- draft resolutions
# An L document ("A/C.3/80/L.8", "A/80/L.6/Rev.1", "A/HRC/59/L.12") is a draft: it has a
# symbol, a body and a session but no number and no adoption date; its title follows the
# "<sponsors>: draft resolution" line ("59/... Title" in Council drafts).

_L_SYMBOL = re.compile(
    r"(?<![\w/])A/(?:(?:C\.\d|HRC)/)?(?:ES-|S-)?(\d{1,3})/L\.(\d{1,4})"
    r"((?:/(?:Rev|Add|Corr)\.\d{1,2})*)"
)
_SLASH_SPACES = re.compile(r"\s*/\s*")
_DRAFT_MARK = re.compile(r"\b(?:revised\s+)?draft\s+r\s?esolution\b", re.IGNORECASE)
_AMENDMENT = re.compile(
    r"\bamendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+resolution\s+(A\s*/[\w.\s/-]+?L\s*\.\s*\d+"
    r"(?:\s*/\s*(?:Rev|Add)\.\s*\d+)*)",
    re.IGNORECASE,
)
# "submitted by the Vice-Chair ..., on the basis of informal consultations [on draft
# resolution A/C.3/80/L.5]", else "submitted by the President of the General Assembly".
_SUBMITTED_BY = (
    re.compile(
        r"^\s*submitted\s+by\s+.*?on\s+the\s+basis\s+of\s+informal\s+consultations"
        r"(?:\s+(?:held\s+)?on\s+(?:the\s+)?draft\s+resolution\s+\S+)?",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\s*submitted\s+by\s+.*?(?:Assembly|Council|Committee)\b(?!\s+(?:on|for|of)\b)",
        re.IGNORECASE,
    ),
)
_DRAFT_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*/\s*(?:\.\s*){2,3}|\d{1,3}\s*/\s*\u2026)\s*")


def title_key(title: str | None) -> str:
    """A title reduced to what survives any reader: letters and digits, case-folded,
    accents, quotes, dashes, spaces and footnote stars dropped ("self -determination",
    "Self-determination*" and "self‑determination" give the same key)."""
    if not title:
        return ""
    decomposed = unicodedata.normalize("NFKD", title)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def l_symbol(text: str) -> str | None:
    """The first L-document symbol in ``text`` ("A /C.3/80/L.14" -> "A/C.3/80/L.14")."""
    if "L." not in text:  # the slash-space repair neither makes nor parts "L."
        return None
    found = _L_SYMBOL.search(_SLASH_SPACES.sub("/", text))
    return found.group(0) if found else None


def _draft_status(header: str, flat: str, result: Header, *, top: str = "") -> None:
    """Tell a draft (or an amendment to one) from an adopted resolution.

    Without an opening formula only a text that starts with its L symbol is a draft; the
    start of the text (``top``) then stands for the header.
    """
    if top:
        header, flat = top, flatten(top)
    adopted = (
        result.adopted_on is not None
        or result.number is not None
        or _ADOPTED_BY.search(flat) is not None
    )
    own = _L_SYMBOL.match(_SLASH_SPACES.sub("/", flat.removeprefix("United Nations").strip()))
    amendment = _AMENDMENT.search(flat)
    if adopted or (own is None and (top or not _DRAFT_MARK.search(flat))):
        if adopted and result.symbol:  # "[without reference to a Main Committee (A/80/L.7)]"
            result.draft_symbol = l_symbol(flat)
        return
    symbol = own.group(0) if own else l_symbol(flat)
    result.status = "amendment" if amendment else "draft"
    if amendment:
        result.draft_symbol = _SPACE.sub("", _SLASH_SPACES.sub("/", amendment.group(1)))
    if symbol and result.symbol is None:
        result.symbol = symbol
        numbered = _L_SYMBOL.match(symbol)
        if numbered:
            result.session = result.session or int(numbered.group(1))
        if result.body is None:
            result.body = "HRC" if symbol.startswith("A/HRC/") else "GA"
    if result.title is None:
        result.title = _draft_title(header, amendment is not None)


def _draft_title(header: str, amendment: bool) -> str | None:
    """The block after "<sponsors>: draft resolution" (or the amendment line)."""
    blocks = [flatten(block) for block in re.split(r"\n[ \t]*\n", header)]
    mark = _AMENDMENT if amendment else _DRAFT_MARK
    for index, block in enumerate(blocks):
        marks = list(mark.finditer(block))
        if not marks:
            continue
        found = marks[-1]
        rest = block[found.end() :].lstrip(" *:.")
        for candidate in [rest, *blocks[index + 1 :]]:
            candidate = _DRAFT_NUMBER.sub("", _without_submitter(candidate)).strip(" *.")
            if candidate:
                return candidate
        return None
    return None


def _without_submitter(text: str) -> str:
    for pattern in _SUBMITTED_BY:
        found = pattern.match(text)
        if found:
            return text[found.end() :].lstrip(" ,.;:")
    return text
