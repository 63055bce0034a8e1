"""Refuse documents that are not resolutions: reports, notes, letters, budget documents.

Staff upload what they have at hand, and a report "submitted pursuant to resolution 59/98"
would otherwise pass for resolution 59/98. A resolution (adopted, or a draft) opens its
body with a formula alone on its line ("The General Assembly,"); a report names itself
("Report of the Secretary-General", "The present report ..."), and its own symbol, printed
first, is a document symbol (A/HRC/62/40, A/C.5/81/12, E/CN.6/2041/3), not a resolution's
or a decision's (A/RES/80/1, A/HRC/RES/59/3, S/RES/2719 (2023), E/RES/2024/5, and of any
other organ: E/CN.6/RES/71/2, E/ESCAP/RES/97/4, A/HRC/DEC/65/115) or a draft's (A/C.3/80/L.8).
"""

from __future__ import annotations

import re

from mandates.extraction.errors import NotAResolutionError
from mandates.extraction.header import BODIES, RESOLUTION_SEGMENT
from mandates.extraction.regex_cache import compiled

__all__ = ["refuse_bundle", "refuse_non_resolution"]

TOP_CHARS = 4000

_BODY_NAMES = "|".join(re.escape(name) for name in BODIES)
# The opening formula alone on its line (not "The Council, in its resolution 53/11, ...").
_OPENER_LINE = compiled(r"(?m)^[ \t*_#]*The[ \t]+(?:" + _BODY_NAMES + r")[ \t*_]*,?[ \t*_]*$")
# The document's own symbol printed first: "United Nations  A/HRC/62/40".
_OWN_SYMBOL = compiled(
    r"\s*(?:United\s+Nations\s+)?((?:A|S|E)(?:\s?/\s?[A-Z0-9][\w.()-]*)+)(?=\s|$)"
)
# "Resolution adopted by the General Assembly", "Adopted by the Security Council at ...",
# not "resolutions adopted by the Council" in a budget document's title.
_ADOPTED = compiled(r"\b(?:Resolution\s+adopted|Adopted)\s+by\s+the\s+(?:" + _BODY_NAMES + ")")
# A resolution or decision of any organ has a RES or DEC component (A/RES/80/1, S/RES/2719,
# E/CN.6/RES/71/2, E/ESCAP/RES/97/4); a draft is an L document.
_RESOLUTION_SYMBOL = compiled(RESOLUTION_SEGMENT + r"|/L\.\d", re.IGNORECASE)
_SELF_NAMING = compiled(
    r"(?m)^[ \t*_#]*(?:(?:Annual|Interim|Final|Progress|Summary|Draft)\s+)?"
    r"(?:Report\s+of\s+the\s+(?:Secretary-General|United\s+Nations\s+High\s+Commissioner"
    r"|High\s+Commissioner|Office|Special\s+Rapporteur|Independent\s+Expert|Working\s+Group"
    r"|Advisory\s+Committee|Committee|Commission|Board|Expert\s+Mechanism|Fifth\s+Committee)"
    r"|Note\s+by\s+the\s+(?:Secretary-General|Secretariat|President)"
    r"|Letter\s+dated\s+\d|Revised\s+estimates\b|Proposed\s+programme\s+budget\b"
    r"|Programme\s+budget\s+implications\b|Summary\s+record\b|Provisional\s+agenda\b)"
)
_PRESENT_DOCUMENT = compiled(
    r"\bThe\s+present\s+(report|note|document|letter|statement|addendum)\b", re.IGNORECASE
)


#: A recommendation of the Human Rights Council Advisory Committee (A/HRC/AC/REC/63/2):
#: its own opening formula, adoption line or symbol.
_ADVISORY_COMMITTEE = compiled(
    r"(?m)^[ \t*_#]*The[ \t]+Human[ \t]+Rights[ \t]+Council[ \t]+Advisory[ \t]+Committee[ \t*_]*,"
    r"|\bRecommendation\s+adopted\s+by\s+the\s+(?:Human\s+Rights\s+Council\s+)?Advisory\s+"
    r"Committee\b|\bA\s?/\s?HRC\s?/\s?AC\s?/\s?REC\s?/"
)


def refuse_non_resolution(text: str, source_name: str) -> None:
    """Raise NotAResolutionError, saying what the document seems to be, when the text is
    not a resolution or a draft. Only a text with no opening formula and no adoption line
    can be refused: unsure cases pass to the structure reader.

    A recommendation of the Council's Advisory Committee is refused as such: the Committee
    adopts no resolutions or decisions (Council resolution 5/1); it asks its own members
    for studies and recommends what the Council may request, and what the Council then
    asks of the Office is in the Council's resolution, the text to upload."""
    top = text[:TOP_CHARS]
    if _OPENER_LINE.search(top) or _ADOPTED.search(top):
        return
    if "Advisory" in top or "/AC/" in top:
        advisory = _ADVISORY_COMMITTEE.search(top)
        if advisory:
            own = _OWN_SYMBOL.match(top)
            symbol = re.sub(r"\s", "", own.group(1)).rstrip(".,;") if own else ""
            raise NotAResolutionError(
                source_name,
                "this is a recommendation of the Human Rights Council Advisory Committee"
                f"{f' ({symbol})' if symbol else ''}, not a resolution or decision: the"
                " Committee asks its own members and recommends to the Council; upload the"
                " Council resolution that makes the request",
            )
    own = _OWN_SYMBOL.match(top)
    own_symbol = re.sub(r"\s", "", own.group(1)).rstrip(".,;") if own else None
    if own_symbol and _RESOLUTION_SYMBOL.search(own_symbol):
        return
    naming = _SELF_NAMING.search(top) or _PRESENT_DOCUMENT.search(top)
    if not (naming or own_symbol):
        return
    what = " ".join(naming.group(0).split()) if naming else ""
    parts = [p for p in (own_symbol, f"\u201c{what}\u201d" if what else "") if p]
    raise NotAResolutionError(
        source_name,
        f"this is not a resolution but a report or another document ({': '.join(parts)}); "
        "upload the resolution itself (the adopted text or its draft)",
    )


# The adoption line of a resolution and, within a few lines, its numbered title
# ("Resolution adopted by the General Assembly on 17 December 2024" ... "79/139. Title").
_ADOPTION_WITH_NUMBER = compiled(
    r"(?m)^[ \t*_#]*Resolution[ \t]+adopted[ \t]+by[ \t]+the[ \t]+(" + _BODY_NAMES + r")"
    r"[ \t]+on[ \t]+\d[^\n]*\n(?:[^\n]*\n){0,12}?[ \t*_#]*((?:S-|ES-)?\d{1,3}/\d{1,4})\.[ \t]"
)


def refuse_bundle(text: str, source_name: str) -> None:
    """Raise NotAResolutionError when the file holds several resolutions of one body (a PDF
    of a session's resolutions bound together): read as one, the first would be replaced by
    the whole bundle and the others lost. A resolution of another body in an annex is no
    bundle."""
    if text.count("adopted by the") < 2:  # the common case, without a scan
        return
    numbers: dict[str, list[str]] = {}
    for found in _ADOPTION_WITH_NUMBER.finditer(text):
        listed = numbers.setdefault(found.group(1), [])
        if found.group(2) not in listed:
            listed.append(found.group(2))
    several = max(numbers.values(), key=len, default=[])
    if len(several) < 2:
        return
    shown = ", ".join(several[:6]) + (f" and {len(several) - 6} more" if len(several) > 6 else "")
    raise NotAResolutionError(
        source_name,
        f"this file holds {len(several)} resolutions ({shown}); upload each resolution as a"
        " file of its own",
    )
