"""The header of a resolution: symbol, body, session, number, title, date, agenda item.

The header is everything before the opening formula ("The Human Rights Council,"). It is
read as one string with markup and line breaks flattened, so it works the same on plain
text, Markdown and text whose lines were merged by the reader.

Sessions: the Human Rights Council and the General Assembly number their sessions; a
special or emergency special session ("S-41/1", "Forty-first special session", "ES-11/3")
is numbered apart from the regular ones, so it is ``special_session`` ("S-41"), never
``session`` (regular session 41 met years earlier); the Security Council has none, so its session is the year of adoption ("2334 (2016)" -> 2016);
the Economic and Social Council names its sessions by year and numbers its resolutions
"2012/11", so its session is that year.

Other organs (a functional or regional commission, a conference of States parties) print
their own symbol (E/CN.6/RES/71/2, CRPD/CSP/2041/DEC/3) and adoption line; the body is a
functional commission's code, else None (the project has no code for the others).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from mandates.extraction.cleaning import without_bidi_controls
from mandates.extraction.lexicon import lexicon
from mandates.extraction.ordinals import ordinal_to_int
from mandates.extraction.regex_cache import compiled

__all__ = [
    "BODIES",
    "RESOLUTION_SEGMENT",
    "Header",
    "l_symbol",
    "parse_date",
    "parse_header",
    "title_key",
]

#: Body code by the name printed in the text.
BODIES: dict[str, str] = {
    "Human Rights Council": "HRC",
    "General Assembly": "GA",
    "Security Council": "SC",
    "Economic and Social Council": "ECOSOC",
}
_BODY_NAMES = "|".join(re.escape(name) for name in BODIES)
#: Code by name of the functional commissions of the Economic and Social Council, whose
#: drafts open "The Commission on the Status of Women," (data/lexicon.json, "bodies").
COMMISSIONS: dict[str, str] = {body.name: body.code for body in lexicon().bodies if body.commission}
_COMMISSION_CODES = frozenset(COMMISSIONS.values())

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
_DATE = compiled(DATE_PATTERN)

_MARKUP = compiled(r"[*#_]+|<[^>]{1,20}>")
_SPACE = compiled(r"\s+")

#: The opening formula that ends the header: "The Human Rights Council,".
OPENER = compiled(
    r"(?m)^[ \t*_#]*The[ \t]+(" + _BODY_NAMES + r")[ \t*_]*,?[ \t*_]*$"
    r"|(?<![\w/])The\s+(" + _BODY_NAMES + r")\s*[*_]*,[*_]*(?=\s)"
)

_PRINTED_SYMBOL = compiled(
    r"\b(A/HRC/(?:RES|DEC)/(?:S-)?\d{1,3}/\d{1,4}|A/(?:RES|DEC)/(?:ES-|S-)?\d{1,3}/\d{1,4}"
    r"|S/RES/\d{1,5}\s*\(\d{4}\)|E/RES/\d{4}/\d{1,4})"
)
#: A resolution or decision of any United Nations organ: a symbol with a RES or DEC
#: component (E/CN.6/RES/71/2, E/ESCAP/RES/97/4, CRPD/CSP/2041/DEC/3), or ending in the
#: Res./Dec. component of the assemblies of UNEP and UN-Habitat (UNEP/EA.6/Res.3,
#: HSP/HA.2/Dec.1). A report's symbol (E/CN.6/2041/3, ICCD/COP(16)/23/Add.1) has none.
RESOLUTION_SEGMENT = r"/(?:RES|DEC)/"
_ANY_RESOLUTION_SYMBOL = compiled(
    r"(?<![\w/.-])([A-Z][A-Za-z0-9.()-]*(?:/[A-Za-z0-9.()-]+)*?"
    r"(?:" + RESOLUTION_SEGMENT + r"[A-Za-z0-9.()-]*[A-Za-z0-9)](?:/[A-Za-z0-9.()-]*[A-Za-z0-9)])*"
    r"|/(?:Res|Dec)\.\d{1,4}\b))"
)
_NUMBER_TITLE = compiled(r"(?<![\w/.])((?:ES-|S-)?\d{1,4})/(\d{1,4})\.(?:\s+(.*))?$")
_NUMBER_NO_DOT = compiled(r"[ \t*#_]*((?:ES-|S-)?\d{1,4})/(\d{1,4})\.?[ \t]+(\S.*)", re.DOTALL)
_SC_NUMBER = compiled(r"\bResolution\s+(\d{1,5})\s*\((\d{4})\)")
_ADOPTED_BY = compiled(
    r"\b(?:Resolution\s+)?[Aa]dopted\s+by\s+the\s+(" + _BODY_NAMES + r")"
    r"(?:\s+at\s+its\s+[\w,]+\s+(?:plenary\s+)?meeting,?)?(?:\s+on\s+" + DATE_PATTERN + r")?"
)
#: "Resolution adopted by the Economic and Social Commission for Asia and the Pacific on 18
#: May 2041", "Decision adopted by the Conference of States Parties on 12 June 2041": the
#: adoption line of any body (its name up to the date), read where no line of BODIES is.
_ANY_ADOPTED_BY = compiled(
    r"\b(?:Resolution|Decision)\s+adopted\s+by\s+the\s+"
    r"(?P<name>[A-Z][\w'\u2019().-]*(?:\s+[\w'\u2019().-]+?){0,14}?)"
    r"(?:,?\s+at\s+its\s+[\w,]+\s+(?:plenary\s+)?meeting,?)?\s+on\s+" + DATE_PATTERN
)
# "Fifty-ninth session", "Tenth emergency special session", and past the ninety-ninth
# "One hundred and fifteenth session", "One hundredth session" (the words before the
# ordinal of the tens and units: "One hundred and ", "A hundred ", "Hundred and ").
_SESSION = compiled(
    r"\b((?:(?:[Oo]ne|[Aa])[\s-]+[Hh]undred[\s-]+(?:and[\s-]+)?|[Hh]undred[\s-]+and[\s-]+)?"
    r"(?:[A-Z][a-z]+|[a-z]+)(?:[\s-][a-z]+)?)\s+(special\s+|emergency\s+special\s+)?session\b"
)
_AGENDA = compiled(
    r"\bAgenda\s+items?\s+(\d+(?:\s?\([a-z]\))?"
    r"(?:(?:,\s*|\s+and\s+)(?:\d+(?:\s?\([a-z]\))?|\([a-z]\)))*)"
)
_COMMITTEE = compiled(r"\[\s*on\s+the\s+(?:report|recommendation)s?\s+of\s+[^\[\]]*?\(([^()\]]*)")
_DOC_SYMBOL = compiled(r"\b[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+")
# Patterns used once per header, compiled here rather than looked up by re.* each time.
_BODY_NAME = compiled(_BODY_NAMES)
_DIGIT_PAREN = compiled(r"(\d)\(")
_MEETING_DATE = compiled(r"meeting\W+" + DATE_PATTERN)
_BLANK_LINE = compiled(r"\n[ \t]*\n")
_NUMBER_DOT = compiled(r"(?<![\w/.])(?:ES-|S-)?\d{1,4}/\d{1,4}\.")
_DIGITS = compiled(r"\d+")
_SPECIAL_IN_SYMBOL = compiled(r"/((?:ES|S)-\d{1,3})/")


@dataclass
class Header:
    symbol: str | None = None
    body: str | None = None
    session: int | None = None  # a regular session
    # "S-41" (special session), "ES-11" (emergency special session): no regular session
    special_session: str | None = None
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
    """Drop Markdown/HTML markup and collapse whitespace (for matching only).

    ``str.split`` cuts where ``_SPACE`` matches (both ask ``Py_UNICODE_ISSPACE``): the
    words joined by single spaces are what ``_SPACE.sub(" ", text).strip()`` gave, several
    times faster than one substitution per space.
    """
    if "*" in text or "#" in text or "_" in text or "<" in text:  # what markup starts with
        text = _MARKUP.sub(" ", text)
    return " ".join(text.split())


def parse_date(day: str, month: str, year: str) -> date | None:
    """A ``date`` from printed parts, or None when the day does not exist."""
    try:
        return date(int(year), MONTHS[month], int(day))
    except (KeyError, ValueError):
        return None


def _ordinal(words: str) -> int | None:
    return ordinal_to_int(words.strip().lower())


def find_opener(text: str, limit: int = 20000) -> re.Match[str] | None:
    """The opening formula ("The General Assembly,") near the start of the text.

    ``OPENER.search(text, 0, end)``, tried only where a match can start instead of at every
    character: a match begins with "The", or with markup ([ \t*_#]) from a line start up to
    "The". So for each "The" in text order the places are the start of the markup run
    before it (when that is a line start) and the "The" itself; every such place lies
    after the previous "The", so the first match found is the leftmost.
    """
    end = min(len(text), limit)
    at = text.find("The", 0, end)
    while at != -1:
        run = at
        while run > 0 and text[run - 1] in " \t*_#":
            run -= 1
        if run < at and (run == 0 or text[run - 1] == "\n"):
            found = OPENER.match(text, run, end)
            if found:
                return found
        found = OPENER.match(text, at, end)
        if found:
            return found
        at = text.find("The", at + 1, end)
    return None


#: A commission's opening formula, alone on its line; tried only where no council's or
#: assembly's is found, so their texts (which name commissions) read as before.
_COMMISSION_OPENER = compiled(
    r"(?m)^[ \t*_#]*The[ \t]+(" + "|".join(re.escape(name) for name in COMMISSIONS) + r")"
    r"[ \t*_]*,[ \t*_]*$"
)


def find_commission_opener(text: str, limit: int = 20000) -> re.Match[str] | None:
    """ "The Commission on the Status of Women," alone on its line near the start."""
    if "The Commission" not in text[:limit]:
        return None
    return _COMMISSION_OPENER.search(text, 0, min(len(text), limit))


#: An opening formula alone on its line, over at most two lines ("The Conference of States
#: Parties to the Convention on the Rights of Persons\nwith Disabilities,"); a second line
#: opening with a number or an -ing word is a paragraph of the text, not the formula's end.
_ANY_OPENER = compiled(
    r"(?m)^[ \t*_#]*The[ \t]+([A-Z][^,\n]{0,200}?"
    r"(?:\n(?![ \t*_#]*(?:\d|[A-Z][a-z]+ing\b))[^,\n]{1,120}?)?)[ \t*_]*,[ \t*_]*$"
)


def find_other_opener(text: str, limit: int = 20000) -> re.Match[str] | None:
    """The opening formula of a body outside BODIES and COMMISSIONS, after the line of its
    adoption and naming the body that line names ("Resolution adopted by the Economic and
    Social Commission for Asia and the Pacific on ..." ... "The Economic and Social
    Commission for Asia and the Pacific,"); tried only where neither finder found one."""
    if "adopted by the" not in text[:limit]:
        return None
    adopted = _ANY_ADOPTED_BY.search(text, 0, min(len(text), limit))
    if adopted is None:
        return None
    name = flatten(adopted.group("name"))
    if name in BODIES or name in COMMISSIONS:  # their openers have finders of their own
        return None
    for opener in _ANY_OPENER.finditer(text, adopted.end(), min(len(text), limit)):
        if (flatten(opener.group(1)) + " ").startswith(name + " "):
            return opener
    return None


def _from_first(pattern: re.Pattern[str], flat: str, word: str) -> re.Match[str] | None:
    """pattern.search(flat) for a pattern whose matches start with ``word``: searched from
    the first place ``word`` stands (none there: no match), not tried at every character."""
    at = flat.find(word)
    return None if at == -1 else pattern.search(flat, at)


def _adopted_by(flat: str) -> re.Match[str] | None:
    """_ADOPTED_BY.search(flat) on flattened text (one space between words): a match starts
    at its "[Aa]dopted" or at the "Resolution " before it, so no match starts more than 12
    characters before the first "dopted" (the pattern's ``\b`` still sees what precedes)."""
    at = flat.find("dopted")
    return None if at == -1 else _ADOPTED_BY.search(flat, max(0, at - 12))


def _any_adopted_by(flat: str) -> re.Match[str] | None:
    """The adoption line of any body ("Decision adopted by the Conference of States Parties
    on 12 June 2041"), looked for only in a header that prints "adopted by the"."""
    return _ANY_ADOPTED_BY.search(flat) if "adopted by the" in flat else None


def _body_code(name: str | None) -> str | None:
    """The code of a council, the Assembly or a functional commission by its printed name."""
    return (BODIES.get(name) or COMMISSIONS.get(name)) if name else None


def _sc_number(flat: str) -> re.Match[str] | None:
    """_SC_NUMBER.search(flat), tried only where "Resolution" stands (where every match
    starts), not at every character: GA and HRC headers print "Resolution adopted by"."""
    at = flat.find("Resolution")
    while at != -1:
        found = _SC_NUMBER.match(flat, at)
        if found:
            return found
        at = flat.find("Resolution", at + 1)
    return None


def _sessions(flat: str) -> Iterator[re.Match[str]]:
    """_SESSION.finditer(flat), begun seven words before the first "session": before its
    "session" (which follows white space) a match holds at most seven runs without white
    space ("One hundred and", two words, "emergency", "special"), so none starts earlier.
    The first "session" may stand inside a word: its start counts as one of the seven."""
    at = flat.find("session")
    if at == -1:
        return iter(())
    words = flat[:at].rsplit(None, 7)
    start = len(words[0]) if len(words) == 8 else 0  # ``words[0]`` ends where the run does
    return _SESSION.finditer(flat, start)


def parse_header(header: str, *, opener_body: str | None, tail: str = "", top: str = "") -> Header:
    """Read the header fields from the text before the opening formula.

    ``opener_body`` is the body named in the opening formula, ``tail`` the text after the
    operative part (closing lines), used for the date when the header does not print it.
    ``top`` is the start of a text that has no opening formula (an amendment to a draft).
    """
    result = Header()
    flat = flatten(header)

    adopted = _adopted_by(flat)
    # Another body's adoption line: its name is the body's (none when the project has no
    # code for it: the masthead's "Economic and Social Council" is not the adopting body).
    other = None if adopted else _any_adopted_by(flat)
    body_name = adopted.group(1) if adopted else opener_body
    if other and (_body_code(other.group("name")) or not _body_code(opener_body)):
        body_name = other.group("name")
    if body_name is None:
        body_name = _masthead_body(flat)
    result.body = _body_code(body_name)
    other_body = other is not None and result.body is None

    if adopted and adopted.group(2):
        result.adopted_on = parse_date(adopted.group(2), adopted.group(3), adopted.group(4))
    elif other:
        result.adopted_on = parse_date(*other.group(2, 3, 4))

    sc = _sc_number(flat)
    if sc and (result.body in (None, "SC")):
        result.body = "SC"
        result.number = sc.group(1)
        result.session = int(sc.group(2))
        result.symbol = f"S/RES/{sc.group(1)} ({sc.group(2)})"
    else:
        _number_and_title(header, result, other_body=other_body)

    if (
        result.symbol
        and result.body in ("HRC", "GA")
        and adopted
        and flat[max(0, adopted.start() - 9) : adopted.start()].lower() == "decision "
    ):
        # "Decision adopted by the Human Rights Council": A/HRC/DEC/65/115, not RES
        result.symbol = result.symbol.replace("/RES/", "/DEC/", 1)
    # The title may name another session ("... on the work of its fifty-fourth session").
    _session_from_words(flat.replace(result.title, " ") if result.title else flat, result)
    _printed_symbol(flat, result)

    agenda = _from_first(_AGENDA, flat, "Agenda")
    if agenda:
        result.agenda_item = _DIGIT_PAREN.sub(r"\1 (", agenda.group(1))
    committee = _COMMITTEE.search(flat)
    if committee:
        symbol = _DOC_SYMBOL.search(committee.group(1))
        if symbol:
            result.committee_report = symbol.group(0).rstrip(".,;")

    if result.adopted_on is None and tail:
        closing = _MEETING_DATE.search(flatten(tail))
        if closing:
            result.adopted_on = parse_date(*closing.groups())
    _draft_status(header, flat, result, top=top)
    if result.title:  # shown in e-mails and pages: nothing that turns its direction
        result.title = without_bidi_controls(result.title) or None
    return result


#: The body whose symbol is printed: "A/HRC/DEC/65/115" under the masthead "General Assembly".
_SYMBOL_BODIES = (
    ("A/HRC/", "Human Rights Council"),
    ("A/", "General Assembly"),
    ("S/", "Security Council"),
    ("E/", "Economic and Social Council"),
)


def _masthead_body(flat: str) -> str | None:
    """The body of a header with neither an adoption line nor an opening formula: the one
    its printed symbol names, else the first printed. A Council document's masthead prints
    "General Assembly" (its parent) above "Human Rights Council"."""
    printed = _PRINTED_SYMBOL.search(flat) if "/RES/" in flat or "/DEC/" in flat else None
    if printed:
        symbol = printed.group(1)
        named = (name for prefix, name in _SYMBOL_BODIES if symbol.startswith(prefix))
        if (body := next(named, None)) is not None:
            return body
    first = _BODY_NAME.search(flat)
    return first.group(0) if first else None


def _number_and_title(header: str, result: Header, *, other_body: bool = False) -> None:
    """Find "59/3.<TAB>Title" (the title may run over several lines of one block).
    ``other_body``: the adoption line names a body without a code (see _symbol_from_number)."""
    blocks = _BLANK_LINE.split(header)
    for index, block in enumerate(blocks):
        if "/" not in block:
            continue  # both patterns need the slash, and flattening adds none
        flat = flatten(block)
        # The number may follow other header words when the reader merged lines.
        for match in _NUMBER_DOT.finditer(flat):
            found = _NUMBER_TITLE.match(flat, match.start())
            if found:
                break
        else:
            found = _NUMBER_NO_DOT.match(block)
            if not found:
                continue
        prefix, serial, title = found.group(1), found.group(2), found.group(3)
        title = flatten(title) if title else None
        if not (title and title.strip()):
            title = _title_after_number(blocks[index + 1 :])
        result.title = title.strip() or None if title else None
        result.number = serial
        _symbol_from_number(prefix, serial, result, other_body=other_body)
        return


#: The longest title a block after a lone number may be (the longest in the corpus is some
#: 250 characters): a longer block is text, not a title.
_TITLE_MAX_CHARS = 400


#: A title opens with a word (or a quoted one), never with a bracket or a comma; the word
#: may be the article "A" ("A world fit for children").
_TITLE_START = compiled(r"[\"'\u201c\u2018]?(?:[^\W\d_]{2}|A\s+[^\W\d_])")


def _title_after_number(rest: list[str]) -> str | None:
    """The title that a PDF-to-text copy prints after a blank line ("80/67.", "", "Title"):
    the header's last block, when the number's block held nothing else."""
    blocks = [block for block in rest if block.strip()]
    if len(blocks) != 1 or len(blocks[0]) > _TITLE_MAX_CHARS:
        return None
    title = flatten(blocks[0]).strip()
    return title if _TITLE_START.match(title) else None


def _symbol_from_number(
    prefix: str, serial: str, result: Header, *, other_body: bool = False
) -> None:
    """The symbol and session a number gives. "2012/11": the Economic and Social Council
    numbers its resolutions by year; a commission or another body numbering its own by year
    ("2041/1.", the Commission on Population and Development) prints its session in words
    and its symbol in the masthead, so the number gives neither."""
    digits = prefix.split("-")[-1]
    if len(digits) == 4 and (other_body or result.body in _COMMISSION_CODES):
        return
    if len(digits) == 4:
        if result.body in (None, "ECOSOC"):
            result.body = "ECOSOC"
        result.session = int(digits)
        result.symbol = f"E/RES/{prefix}/{serial}"
        return
    if prefix[:1] in ("S", "E"):  # "S-41/1", "ES-11/3": a special session, not regular 41
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
    """Check or supply the session from "Fifty-ninth session" (a commission's from its
    masthead: "Commission on the Status of Women / Eighty-fourth session")."""
    if result.body not in (None, "HRC", "GA") and result.body not in _COMMISSION_CODES:
        return
    for match in _sessions(flat):
        words, kind = match.group(1), match.group(2)
        if kind and words.endswith(" emergency"):  # "Tenth emergency" + "special "
            words, kind = words[: -len(" emergency")], "emergency " + kind
        number = _ordinal(words)
        if number is None:
            last = words.split()[-1]
            number = _ordinal(last)
        if number is None:
            continue
        if kind:  # "Forty-first special session", "Tenth emergency special session"
            special = ("ES-" if "emergency" in kind else "S-") + str(number)
            if result.session is None and result.special_session is None:
                result.special_session = special
            elif result.special_session is not None and result.special_session != special:
                result.warnings.append(
                    f"header: the printed session ({words} {kind.strip()}) "
                    f"differs from the resolution number ({result.number}, session "
                    f"{result.special_session})"
                )
            return
        if result.special_session is not None:
            return  # "S-41/1." printed: a regular session named later is another one
        if result.session is None:
            result.session = number
        elif result.session != number:
            result.warnings.append(
                f"header: the printed session ({match.group(1)}, {number}) differs from the "
                f"resolution number ({result.number}, session {result.session})"
            )
        return


def _any_resolution_symbol(flat: str) -> str | None:
    """The first resolution or decision symbol of any organ in the header, without the
    bracket it may stand in ("(E/ESCAP/RES/97/4)")."""
    found = _ANY_RESOLUTION_SYMBOL.search(flat) if "/" in flat else None
    if found is None:
        return None
    symbol = found.group(1)
    if symbol.endswith(")") and symbol.count(")") > symbol.count("("):
        symbol = symbol[:-1]
    return symbol


#: The codes of the bodies whose symbols _PRINTED_SYMBOL knows.
_COUNCIL_CODES = frozenset(BODIES.values())


def _printed_symbol(flat: str, result: Header) -> None:
    """The symbol printed in the header: a council's or the Assembly's, else (for any other
    body) any resolution or decision symbol (E/CN.6/RES/71/2, CRPD/CSP/2041/DEC/3)."""
    printed = _PRINTED_SYMBOL.search(flat) if "/RES/" in flat or "/DEC/" in flat else None
    symbol: str | None = None
    if printed:
        symbol = _DIGIT_PAREN.sub(r"\1 (", _SPACE.sub(" ", printed.group(1)))
    elif result.body not in _COUNCIL_CODES:
        symbol = _any_resolution_symbol(flat)
    if symbol is None:
        return
    if result.symbol is None:
        result.symbol = symbol
        special = _SPECIAL_IN_SYMBOL.search(symbol)
        if special and result.special_session is None:
            result.special_session, result.session = special.group(1), None
        if symbol.startswith("A/HRC/"):
            result.body = result.body or "HRC"
        elif symbol.startswith(("A/RES/", "A/DEC/")):
            result.body = result.body or "GA"
        parts = _DIGITS.findall(symbol)
        if parts and result.number is None:
            result.number = parts[-1] if not symbol.startswith("S/") else parts[0]
    elif result.symbol.replace("/RES/", "/DEC/", 1) == symbol:
        result.symbol = symbol  # the number of a decision whose adoption line is missing
    elif result.symbol != symbol:
        result.warnings.append(
            f"header: printed symbol {symbol} differs from the number ({result.symbol})"
        )


# ------------------------------------------------------------------- draft resolutions
# An L document ("A/C.3/80/L.8", "A/80/L.6/Rev.1", "A/HRC/59/L.12") is a draft: it has a
# symbol, a body and a session but no number and no adoption date (a commission's draft may
# carry the note of its adoption, read as its date, `_COMMISSION_ADOPTED`); its title follows the
# "<sponsors>: draft resolution" line ("59/... Title" in Council drafts, "S-31/... Title" in a
# special session's).

_L_SYMBOL = compiled(
    r"(?<![\w/])(?:A/(?:(?:C\.\d|HRC)/)?(?P<special>ES-|S-)?(?P<session>\d{1,3})"
    # a commission's draft: "E/CN.6/2040/L.4" (its year, not its session)
    r"|E/CN\.\d{1,2}/(?:19|20)\d\d)/L\.(\d{1,4})"
    r"((?:/(?:Rev|Add|Corr)\.\d{1,2})*)"
)
_SLASH_SPACES = compiled(r"\s*/\s*")
_DRAFT_MARK = compiled(r"\b(?:revised\s+)?draft\s+r\s?esolution\b", re.IGNORECASE)
_AMENDMENT = compiled(
    r"\bamendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+resolution\s+(A\s*/[\w.\s/-]+?L\s*\.\s*\d+"
    r"(?:\s*/\s*(?:Rev|Add)\.\s*\d+)*)",
    re.IGNORECASE,
)
# "submitted by the Vice-Chair ..., on the basis of informal consultations [on draft
# resolution A/C.3/80/L.5]", else "submitted by the President of the General Assembly".
_SUBMITTED_BY = (
    compiled(
        r"^\s*submitted\s+by\s+.*?on\s+the\s+basis\s+of\s+informal\s+consultations"
        r"(?:\s+(?:held\s+)?on\s+(?:the\s+)?draft\s+resolution\s+\S+)?",
        re.IGNORECASE,
    ),
    compiled(
        r"^\s*submitted\s+by\s+.*?(?:Assembly|Council|Committee)\b(?!\s+(?:on|for|of)\b)",
        re.IGNORECASE,
    ),
)
#: The placeholder of the resolution's number before a draft's title: "62/...", and a
#: special or emergency special session's "S-31/...", "ES-11/..." (or with "\u2026").
#: "[Adopted by the Commission without a vote at its 16th meeting, on 20 March 2042, as
#: resolution 86/2.]": a functional commission adopts its own drafts, and the L document
#: may be reissued with this note. The date is the adoption's; the text stays a draft (its L
#: symbol, paired with an adopted text as any draft is). A Main Committee's note is not
#: read: the Assembly adopts later, in plenary.
_COMMISSION_ADOPTED = compiled(
    r"\[\s*Adopted\s+by\s+the\s+Commission\b[^\[\]]{0,200}?\bon\s+" + DATE_PATTERN
)
_DRAFT_NUMBER = compiled(r"^\s*(?:E?S-)?\d{1,3}\s*/\s*(?:(?:\.\s*){2,3}|\u2026)\s*")


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
        result.adopted_on is not None or result.number is not None or _adopted_by(flat) is not None
    )
    if adopted:
        if result.symbol:  # "[without reference to a Main Committee (A/80/L.7)]"
            result.draft_symbol = l_symbol(flat)
        return
    own = _L_SYMBOL.match(_SLASH_SPACES.sub("/", flat.removeprefix("United Nations").strip()))
    if own is None and (top or not _DRAFT_MARK.search(flat)):
        return
    amendment = _AMENDMENT.search(flat)
    symbol = own.group(0) if own else l_symbol(flat)
    result.status = "amendment" if amendment else "draft"
    if amendment:
        result.draft_symbol = _SPACE.sub("", _SLASH_SPACES.sub("/", amendment.group(1)))
    if symbol and result.symbol is None:
        result.symbol = symbol
        numbered = _L_SYMBOL.match(symbol)
        if numbered and numbered.group("special"):  # "A/HRC/S-41/L.1": special session 41
            result.special_session = numbered.group("special") + numbered.group("session")
            result.session = None
        elif numbered and numbered.group("session"):
            result.session = result.session or int(numbered.group("session"))
            result.special_session = None  # a special session named in an agenda item
        if result.body is None and symbol.startswith("A/"):
            result.body = "HRC" if symbol.startswith("A/HRC/") else "GA"
    if result.title is None:
        result.title = _draft_title(header, amendment is not None)
    if not amendment and result.body in _COMMISSION_CODES and "Adopted by" in flat:
        note = _COMMISSION_ADOPTED.search(flat)
        if note:
            result.adopted_on = parse_date(*note.groups())


def _draft_title(header: str, amendment: bool) -> str | None:
    """The block after "<sponsors>: draft resolution" (or the amendment line)."""
    blocks = [flatten(block) for block in _BLANK_LINE.split(header)]
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
