"""Requests listed in a table of the annex: a deliverable for each row.

Resolutions that ask for several reports and events sometimes list them in a table in
the annex ("Report / event", "Mandated by (paragraph)", "Responsible", "Due at
(session)"), and an operative paragraph sends the reader there: "Requests the
Secretary-General ... to submit the reports and organize the events listed in the annex
to the present resolution, at the sessions indicated therein".

The readers give each table's rows (``result.Table``, the words of its cells); the text
prints every cell as a paragraph of its own, row after row. Here the cells are found
again in the text, as consecutive paragraphs of an annex, and each column is given a role
by its heading (or, without headings, by what its cells hold). A row that names a
session of the Council or the Assembly is a deliverable:

- of the paragraph its "mandated by" column names, else of the paragraph that refers to
  the annex (or that the annex's title names: "pursuant to paragraph 5");
- actor: the row's responsible column (partners after "in cooperation with"), else the
  actor the paragraph asks;
- kind and count: the row's product words ("Oral update on ...", "Two regional
  seminars"; "other" when no product noun is printed);
- due: body, session and relation from the row's words ("General Assembly, at its
  ninety-ninth session", "Prior to the one hundredth session of the General Assembly"),
  or from columns apart ("Body", "Session", "Timing"), the column's heading giving the
  relation when the row gives none ("Due before");
- quote: the row's words, from its first cell to its last; flagged for review, since
  a table's columns are read by their position.

A deliverable the paragraph already asks for without a session (same kind and actor) is
dated by the row rather than asked for twice; one the text already dates at that session
is left as it is. A referring paragraph whose annex names sessions but whose table could
not be read (a PDF whose columns ran together, a table whose cells the text does not
print as the reader found them, a row without a product or an actor) is flagged instead:
"the annex lists deliverables that could not be read".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .building import Builder
from .clauses import ActorMention, ReadingContext, _parse_actors, _strip_span
from .deadlines import (
    _RELATION_WORDS,
    BODY_PATTERN,
    RECUR_RE,
    SessionMention,
    _read_ordinals,
    body_code,
    find_sessions,
    recurrence,
)
from .kinds import _KIND_OF_GROUP, noun_words
from .ordinals import cardinal_to_int
from .regex_cache import compiled
from .result import Annex, Deliverable, Due, Mandate, OperativeParagraph, Relation, Table

__all__ = ["UNREAD_TABLE", "annex_table_requests"]

#: The bodies whose sessions a row may date (the deliverables the tracker follows).
_BODIES = ("HRC", "GA")

#: The review reason of a referring paragraph whose annex table could not be read.
UNREAD_TABLE = "the annex lists deliverables that could not be read: check the table in the annex"

#: An operative paragraph that sends the reader to the present resolution's annex for
#: what it asks or when ("listed in the annex to the present resolution, at the sessions
#: indicated therein", "set out in annex II", "annexed hereto"), not to another text's
#: ("the annex to the Part XI Agreement", "annex II to the Convention").
_ANNEX_WORD_RE = compiled(
    r"\b(?:in|to)\s+(?:the\s+)?annex(?:\s+(?P<label>[IVX]{1,5}|\d{1,2}))?\b"
    r"(?!\s+(?:to|of)\s+(?!the\s+present\b|this\b))|\bannexed\s+(?:hereto|to\s+the\s+present\b)",
    re.IGNORECASE,
)
_SCHEDULE_RE = compiled(
    r"\b(?:sessions?|time[\s-]*frames?|timelines?|timing|schedule|deadlines?)\b", re.IGNORECASE
)
#: What the paragraph must do for the annex to list what it asks: ask or decide.
_ASKS_RE = compiled(r"\b(?:requests?|decides?|invites?|calls\s+upon|entrusts?)\b", re.IGNORECASE)
#: The paragraphs a referring paragraph names: "requested in paragraphs 5 to 10 above".
_PARAGRAPHS_NAMED_RE = compiled(
    r"\bparagraphs?\s+(?P<first>\d{1,3})(?:\s*(?:to|-|\u2013|and)\s*(?P<last>\d{1,3}))?\b",
    re.IGNORECASE,
)
#: A paragraph an annex's title or a row's "mandated by" cell names: "Paragraph 5", "para.
#: 7 (a)", "OP 5", or the number alone.
_PARAGRAPH_CELL_RE = compiled(
    r"(?:\b(?:paragraphs?|paras?\.?|op)\s*|^\s*)(?P<number>\d{1,3})(?:\s*\((?P<sub>[a-z]{1,4})\))?",
    re.IGNORECASE,
)
#: "Annex II" opening an annex's text.
_ANNEX_LABEL_RE = compiled(r"\s*annex\s+(?P<label>[IVX]{1,5}|\d{1,2})\b", re.IGNORECASE)
#: A row's label before its product: "(a) ", "a. ", "1. ".
_ROW_LABEL_RE = compiled(r"\s*(?:\((?P<paren>[a-z]{1,4}|\d{1,2})\)|(?P<dot>[a-z]|\d{1,2})\.)\s+")
#: A body that opens a cell ("General Assembly", "the Human Rights Council, ninety-first
#: session", "HRC"): not a longer name ("Council of Europe").
_BODY_CELL_RE = compiled(
    rf"\s*(?:the\s+)?(?P<body>{BODY_PATTERN}|HRC|GA)(?=\s*(?:[,;:(\u2013-]|$))", re.IGNORECASE
)
_SESSION_NUMBER_RE = compiled(r"\b(?P<number>\d{1,3})(?:st|nd|rd|th)?\b(?!\s*(?:/|\.\d))")

#: A column's role by its heading, the first that fits in this order.
_ROLE_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mandated", compiled(r"\bmandat|\bparagraphs?\b|\bpursuant\b|\brequested\s+in\b", re.I)),
    (
        "actor",
        compiled(
            r"\bresponsib|\b(?:prepared|submitted|organi[sz]ed|presented|convened|held)\s+by\b|"
            r"\bby\s+whom\b|\blead\b|\bentit(?:y|ies)\b|\bactors?\b|\bimplement",
            re.I,
        ),
    ),
    (
        "due",
        compiled(
            r"\bdue\b|\btiming\b|\btime[\s-]*frame|\bdeadline|\bdates?\b|\bwhen\b|\bschedul", re.I
        ),
    ),
    ("body", compiled(r"\bbody\b|\borgan\b|\bforum\b|\b(?:submitted|addressed)\s+to\b", re.I)),
    ("session", compiled(r"\bsessions?\b", re.I)),
    (
        "product",
        compiled(
            r"\boutputs?\b|\breports?\b|\bproducts?\b|\bactivit|\bevents?\b|\bdeliverables?\b|"
            r"\bdocuments?\b|\btitle\b|\bitems?\b|\bdescription\b|\bsubject\b|\bmeetings?\b",
            re.I,
        ),
    ),
)
#: Where a table's rows tell when: these roles' cells are read for the due.
_WHEN = ("due", "body", "session")


@dataclass
class _Cell:
    words: str
    start: int
    end: int


#: A located table's rows: a cell's words and where the text prints them, None when empty.
_Rows = list[list[_Cell | None]]


@dataclass
class _Referral:
    """An operative paragraph that sends the reader to the annex."""

    paragraph: OperativeParagraph
    label: str | None  # the annex it names ("II"), None for "the annex"
    named: list[str]  # the paragraphs it names ("requested in paragraphs 5 to 10")


def annex_table_requests(
    operative: list[OperativeParagraph],
    annexes: list[Annex],
    tables: list[Table],
    builder: Builder,
    ctx: ReadingContext,
    adopts: re.Pattern[str],
) -> None:
    """Date or add the deliverables the annex's tables list (see the module's docstring);
    ``adopts`` matches a paragraph that adopts the annexed text (not a schedule)."""
    referrals = _referrals(operative, ctx, adopts)
    if not referrals or not annexes:
        return
    numbers = {paragraph.number for paragraph in operative}
    subs = {
        f"{paragraph.number}({sub.label})"
        for paragraph in operative
        for sub in paragraph.subparagraphs
    }
    located = _located(ctx.text, tables, annexes[0].span[0])
    for referral in referrals:
        read = unread = 0
        standing = _standing_for_rows(referral, builder, ctx)
        for annex in _annexes_meant(annexes, referral.label, ctx.text):
            for rows in located:
                first = next(cell for row in rows for cell in row if cell is not None)
                if not annex.span[0] <= first.start < annex.span[1]:
                    continue
                done, missed = _table_deliverables(
                    rows, annex, referral, numbers | subs, builder, ctx
                )
                read += done
                unread += missed
            if read == 0 and unread == 0 and _names_sessions(annex, ctx):
                unread += 1  # its table was not found, or is no table the readers saw
        if read:
            _drop(builder, standing)
        if unread:
            _flag_unread(referral, builder, ctx)


#: Where the referring words follow a product: "the reports ... listed in the annex",
#: "the events listed therein", "the outputs set out in the annex".
_IN_THE_ANNEX_RE = compiled(r"\b(?:annex(?:ed)?|therein)\b", re.IGNORECASE)


def _standing_for_rows(referral: _Referral, builder: Builder, ctx: ReadingContext) -> list[int]:
    """The undated deliverables of the referring paragraph that stand for the annex's
    rows ("to submit the reports ... listed in the annex"): the annex or "therein" follows
    them in their clause. Read before the rows date or add any."""
    start, end = referral.paragraph.span
    found = []
    for index, deliverable in enumerate(builder.deliverables):
        if deliverable.paragraph.split("(")[0] != referral.paragraph.number or _dated(deliverable):
            continue
        stop = ctx.masked.find(";", deliverable.span[1], end)
        stop = end if stop < 0 else stop
        if start <= deliverable.span[0] and _IN_THE_ANNEX_RE.search(
            ctx.masked, deliverable.span[0], stop
        ):
            found.append(index)
    return found


def _drop(builder: Builder, indexes: list[int]) -> None:
    """Drop those of ``indexes`` still undated: the rows are what they stood for."""
    gone = {index for index in indexes if not _dated(builder.deliverables[index])}
    builder.deliverables[:] = [d for i, d in enumerate(builder.deliverables) if i not in gone]


def _referrals(
    operative: list[OperativeParagraph], ctx: ReadingContext, adopts: re.Pattern[str]
) -> list[_Referral]:
    found = []
    for paragraph in operative:
        start, end = paragraph.span
        annex = _ANNEX_WORD_RE.search(ctx.masked, start, end)
        if (
            annex is None
            or not _SCHEDULE_RE.search(ctx.masked, start, end)
            or not _ASKS_RE.search(ctx.masked, start, end)
        ):
            continue
        if adopts.search(ctx.masked, start, end):
            continue  # "Adopts the Programme of Action contained in the annex": no schedule
        named: list[str] = []
        for mention in _PARAGRAPHS_NAMED_RE.finditer(ctx.masked, start, end):
            first = int(mention.group("first"))
            last = int(mention.group("last") or first)
            if first <= last <= first + 30:
                named.extend(str(number) for number in range(first, last + 1))
        found.append(_Referral(paragraph, annex.group("label"), named))
    return found


def _annexes_meant(annexes: list[Annex], label: str | None, text: str) -> list[Annex]:
    """The annex a paragraph names ("annex II"), or all of them for "the annex"."""
    if label is None:
        return annexes
    meant = []
    for annex in annexes:
        found = _ANNEX_LABEL_RE.match(text, annex.span[0], annex.span[1])
        if found and found.group("label").upper() == label.upper():
            meant.append(annex)
    return meant or annexes


#: The Council or the Assembly, and a session, named somewhere in an annex whose words
#: may have run together ("General Assembly, at its | lighthouses | ninety-first session").
_BODY_NAMED_RE = compiled(r"\b(?:General\s+Assembly|Human\s+Rights\s+Council)\b")
_SESSION_NAMED_RE = compiled(r"\bsessions?\b", re.IGNORECASE)


def _names_sessions(annex: Annex, ctx: ReadingContext) -> bool:
    """Whether the annex names a session of the Council or the Assembly to come (or
    names them and a session, where its columns ran together)."""
    start, end = annex.span
    if _BODY_NAMED_RE.search(ctx.masked, start, end) and _SESSION_NAMED_RE.search(
        ctx.masked, start, end
    ):
        return True
    mentions = find_sessions(
        ctx.masked,
        annex.span[0],
        annex.span[1],
        body=ctx.body,
        session=ctx.session,
        default_council=ctx.default_council,
        default_commission=ctx.default_commission,
    )
    return any(mention.body in _BODIES and mention.sessions for mention in mentions)


# ------------------------------------------------------------------------- the tables found


def _located(text: str, tables: list[Table], start: int) -> list[_Rows]:
    """The tables whose cells the text prints, in order, after ``start``: each table's
    non-empty cells as consecutive paragraphs (only spaces and line breaks between)."""
    out: list[_Rows] = []
    pos = start
    for table in tables:
        cells = [
            (r, c, words.split()) for r, row in enumerate(table.rows) for c, words in enumerate(row)
        ]
        cells = [cell for cell in cells if cell[2]]
        if not cells:
            continue
        first = cells[0][2][0]
        at = text.find(first, pos)
        while at >= 0:
            spans = _run_at(text, at, cells)
            if spans is not None:
                rows: _Rows = [[None] * len(row) for row in table.rows]
                for (r, c, words), (s, e) in zip(cells, spans, strict=True):
                    rows[r][c] = _Cell(" ".join(words), s, e)
                out.append(rows)
                pos = spans[-1][1]
                break
            at = text.find(first, at + 1)
    return out


def _run_at(
    text: str, at: int, cells: list[tuple[int, int, list[str]]]
) -> list[tuple[int, int]] | None:
    """Where each cell's words stand, one after the other from ``at``; None if they do not."""
    spans = []
    pos = at
    for index, (_, _, words) in enumerate(cells):
        if index:
            gap = pos
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == gap:
                return None
        end = _words_at(text, pos, words)
        if end is None:
            return None
        spans.append((pos, end))
        pos = end
    return spans


def _words_at(text: str, pos: int, words: list[str]) -> int | None:
    """The end of ``words`` printed from ``pos`` (any spaces between them), or None. A word
    that a cell's line broke after its hyphen ("orga-", "nized") may stand joined, with
    its hyphen or without ("orga-nized", "organized"), as the cleaning joined it."""
    index = 0
    while index < len(words):
        word = words[index]
        if index:
            gap = pos
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == gap:
                return None
        if word.endswith("-") and index + 1 < len(words):
            following = words[index + 1]
            joined = next(
                (
                    whole
                    for whole in (word + following, word[:-1] + following)
                    if text.startswith(whole, pos)
                ),
                None,
            )
            if joined is not None:
                pos += len(joined)
                index += 2
                continue
        if not text.startswith(word, pos):
            return None
        pos += len(word)
        index += 1
    return pos


# ------------------------------------------------------------------------------ the rows


def _roles(header: list[_Cell | None]) -> list[str | None] | None:
    """Each column's role by the words of the heading row; None when it is no heading
    (no product or due column named, or a cell that names a session)."""
    roles: list[str | None] = []
    for cell in header:
        role = None
        if cell is not None:
            role = next(
                (name for name, pattern in _ROLE_HEADINGS if pattern.search(cell.words)), None
            )
        roles.append(role)
    if not ({"product", "due", "session"} & set(roles)) or len(set(roles) - {None}) < 2:
        return None
    return roles


def _content_roles(row: list[_Cell | None], ctx: ReadingContext) -> list[str | None]:
    """Without headings: the cell naming a session is the due, one naming a paragraph
    alone the mandating one, the first other cell the product and the next the actor."""
    roles: list[str | None] = [None] * len(row)
    for index, cell in enumerate(row):
        if cell is None:
            continue
        if _cell_sessions(cell, ctx):
            roles[index] = "due"
        elif len(cell.words) <= 24 and _PARAGRAPH_CELL_RE.search(cell.words):
            roles[index] = "mandated"
    rest = [i for i, cell in enumerate(row) if cell is not None and roles[i] is None]
    for index, role in zip(rest, ("product", "actor"), strict=False):
        roles[index] = role
    return roles


def _cell_sessions(cell: _Cell, ctx: ReadingContext) -> list[SessionMention]:
    return find_sessions(
        ctx.masked,
        cell.start,
        cell.end,
        body=ctx.body,
        session=ctx.session,
        default_council=ctx.default_council,
        default_commission=ctx.default_commission,
    )


def _relation_in(words: str) -> Relation | None:
    """The relation the words print first ("Prior to ...": before; "No later than": by)."""
    low = " " + " ".join(words.lower().split()) + " "
    best: tuple[int, int, Relation] | None = None
    for phrase, relation in _RELATION_WORDS.items():
        at = low.find(f" {phrase} ")
        if at >= 0 and (best is None or (at, -len(phrase)) < best[:2]):
            best = (at, -len(phrase), relation)
    return best[2] if best else None


def _composed_dues(
    cells: list[tuple[_Cell, str]], heading: Relation | None, ctx: ReadingContext
) -> list[Due]:
    """A due from cells that name its parts apart: "Human Rights Council" | "One hundred
    and nineteenth" | "Before the opening of the session"."""
    body = None
    numbers: list[int] = []
    relation: Relation | None = None
    for cell, role in cells:
        named = _BODY_CELL_RE.match(cell.words)
        if body is None and named and (role == "body" or len(cells) == 1):
            code = named.group("body").upper()
            body = code if code in _BODIES else body_code(named.group("body"), ctx.default_council)
        if not numbers:
            numbers, _ = _read_ordinals(cell.words)
            if not numbers and role == "session":
                digits = _SESSION_NUMBER_RE.search(cell.words)
                numbers = [int(digits.group("number"))] if digits else []
        relation = relation or _relation_in(cell.words)
    if body not in _BODIES or len(numbers) != 1:
        return []
    if body == ctx.body and ctx.session is not None and numbers[0] < ctx.session:
        return []
    return [Due(body, numbers[0], relation or heading or "at")]


@dataclass
class _Reading:
    """What one row asks: its product, actor, paragraph and dues."""

    name: str  # how the reason names the row: its label ("(c)"), else its place ("3")
    kind: str
    count: int
    title: str
    actors: list[ActorMention]
    partners: list[str]
    actor_text: str
    paragraph: str | None
    dues: list[Due]
    recurring: str | None
    span: tuple[int, int]


def _read_row(
    number: int,
    row: list[_Cell | None],
    roles: list[str | None],
    headings: list[_Cell | None],
    paragraphs: set[str],
    ctx: ReadingContext,
) -> _Reading | None:
    """The row's request, or None when it names no session of the Council or the Assembly."""
    by_role: dict[str, list[tuple[int, _Cell]]] = {}
    for index, (cell, role) in enumerate(zip(row, roles, strict=False)):
        if cell is not None and role is not None:
            by_role.setdefault(role, []).append((index, cell))
    when = [(cell, roles[index] or "") for role in _WHEN for index, cell in by_role.get(role, [])]
    when.sort(key=lambda item: item[0].start)
    heading: Relation | None = None
    for index, _ in by_role.get("due", []):
        heading_cell = headings[index] if index < len(headings) else None
        if heading_cell is not None and heading is None:
            heading = _relation_in(heading_cell.words)
    dues: list[Due] = []
    for cell, _ in when:
        for mention in _cell_sessions(cell, ctx):
            for session in mention.sessions[:1]:
                if mention.body in _BODIES:
                    dues.append(Due(mention.body, session, mention.relation))
    if not dues and when:
        dues = _composed_dues(when, heading, ctx)
    if not dues:
        return None
    cells = [cell for cell in row if cell is not None]
    start, end = _strip_span(ctx.masked, cells[0].start, cells[-1].end)
    while end > start and ctx.masked[end - 1] in ",;:.":
        end -= 1
    product = by_role.get("product", [(0, cells[0])])[0][1]
    kind, count, title = _product(product, ctx)
    actors: list[ActorMention] = []
    partners: list[str] = []
    actor_text = ""
    for _, cell in by_role.get("actor", [])[:1]:
        actors, partners = _parse_actors(cell.start, cell.end, ctx)
        actors = [actor for actor in actors if not actor.state]
        if actors:
            actor_text = actors[0].printed
    paragraph = None
    for _, cell in by_role.get("mandated", [])[:1]:
        named = _PARAGRAPH_CELL_RE.search(cell.words)
        if named:
            label = named.group("number")
            sub = named.group("sub")
            if sub and f"{label}({sub})" in paragraphs:
                label = f"{label}({sub})"
            paragraph = label if label in paragraphs else None
    recurring = None
    for cell in [product] + [cell for cell, _ in when]:
        found = RECUR_RE.search(ctx.masked, cell.start, cell.end)
        if found:
            recurring = recurrence(found)
            break
    label = _ROW_LABEL_RE.match(product.words)
    name = label.group(0).strip() if label else str(number)
    return _Reading(
        name, kind, count, title, actors, partners, actor_text, paragraph, dues, recurring,
        (start, end),
    )  # fmt: skip


def _product(cell: _Cell, ctx: ReadingContext) -> tuple[str, int, str]:
    """Kind, count and title of a row's product words ("(c) Two regional seminars on X")."""
    words = cell.words
    label = _ROW_LABEL_RE.match(words)
    if label:
        words = words[label.end() :]
    nouns = noun_words(ctx.masked, cell.start, cell.end)
    kind = _KIND_OF_GROUP[nouns[0][2] or ""] if nouns else "other"
    first = words.split()[0] if words.split() else ""
    count = (cardinal_to_int(first.lower()) or 1) if first.isalpha() else 1
    title_words = words.split()
    if len(title_words) > 16:
        title_words = [*title_words[:16], "..."]
    title = " ".join(title_words).rstrip(",;:.")
    return kind, max(count, 1), title[:1].upper() + title[1:]


# ------------------------------------------------------------------------ the deliverables


def _table_deliverables(
    rows: _Rows,
    annex: Annex,
    referral: _Referral,
    paragraphs: set[str],
    builder: Builder,
    ctx: ReadingContext,
) -> tuple[int, int]:
    """The deliverables of one table's rows: (rows read, rows that name a session of the
    Council or the Assembly but could not be read)."""
    roles = _roles(rows[0]) if rows else None
    headings = rows[0] if roles is not None else []
    body_rows = rows[1:] if roles is not None else rows
    heading_words = [cell.words if cell else "" for cell in headings]
    default = _titled_paragraph(annex, ctx.text, paragraphs) or referral.paragraph.number
    read = missed = 0
    for number, row in enumerate(body_rows, start=1):
        if [cell.words if cell else "" for cell in row] == heading_words:
            continue  # the heading printed again where the table goes on to a new page
        row_roles = roles if roles is not None else _content_roles(row, ctx)
        reading = _read_row(number, row, row_roles, headings, paragraphs, ctx)
        if reading is None:
            continue
        label = reading.paragraph or default
        if _deliver(reading, label, referral, builder, ctx):
            read += 1
        else:
            missed += 1
    return read, missed


def _titled_paragraph(annex: Annex, text: str, paragraphs: set[str]) -> str | None:
    """The paragraph an annex's title names ("Outputs to be prepared pursuant to paragraph
    5"), if it is one of the resolution's."""
    title = annex.title or ""
    if "paragraph" not in title.lower():
        return None
    named = _PARAGRAPH_CELL_RE.search(title)
    return named.group("number") if named and named.group("number") in paragraphs else None


def _dated(deliverable: Deliverable) -> bool:
    due = deliverable.due
    return due is not None and (due.session is not None or due.date is not None)


def _in_paragraph(deliverable: Deliverable, label: str) -> bool:
    return deliverable.paragraph == label or (
        "(" not in label and deliverable.paragraph.startswith(label + "(")
    )


def _deliver(
    reading: _Reading, label: str, referral: _Referral, builder: Builder, ctx: ReadingContext
) -> bool:
    """Date the paragraph's undated deliverable the row names, or add the row's; False
    when the row has no actor to give it to."""
    here = [
        index
        for index, deliverable in enumerate(builder.deliverables)
        if _in_paragraph(deliverable, label)
    ]
    asked = [
        index
        for index in here
        if builder.deliverables[index].kind == reading.kind
        and (not reading.actors or builder.deliverables[index].actor == reading.actors[0].name)
    ]
    actor = reading.actors[0].name if reading.actors else None
    mandate = next(
        (
            index
            for index, candidate in enumerate(builder.mandates)
            if candidate.paragraph.split("(")[0] == label.split("(")[0]
            and (actor is None or candidate.actor == actor)
        ),
        None,
    )
    if actor is None:
        if asked:
            actor = builder.deliverables[asked[0]].actor
        elif mandate is not None:
            actor = builder.mandates[mandate].actor
        else:
            return False
    reason = (
        f"read from row {reading.name} of the table in the annex, to which paragraph "
        f"{referral.paragraph.number} refers: check it against the table"
    )
    quote = ctx.text[reading.span[0] : reading.span[1]]
    for due in reading.dues:
        if any(_same_session(builder.deliverables[index].due, due) for index in asked):
            continue  # the text dates it there itself
        undated = [index for index in asked if not _dated(builder.deliverables[index])]
        if undated:
            index = _likeliest(undated, reading, builder)
            old = builder.deliverables[index]
            builder.deliverables[index] = replace(
                old,
                title=reading.title,
                due=due,
                alternatives=[],
                recurring=old.recurring or reading.recurring,
                quote=quote,
                span=reading.span,
                needs_review=True,
                review_reasons=[*old.review_reasons, reason],
            )
            continue
        if mandate is None:
            mandate = _new_mandate(label, actor, reading, referral, builder, ctx, reason)
        verb = builder.mandates[mandate].verb
        builder.deliverables.append(
            Deliverable(
                paragraph=label,
                verb=verb,
                actor=actor,
                partners=list(reading.partners),
                kind=reading.kind,
                count=reading.count,
                title=reading.title,
                due=due,
                alternatives=[],
                recurring=reading.recurring,
                quote=quote,
                span=reading.span,
                needs_review=True,
                review_reasons=[reason],
                mandate=mandate,
                actor_text=builder.mandates[mandate].actor_text,  # stored with the mandate
            )
        )
        asked.append(len(builder.deliverables) - 1)
    return True


def _same_session(due: Due | None, other: Due) -> bool:
    return due is not None and (due.body, due.session) == (other.body, other.session)


def _likeliest(indexes: list[int], reading: _Reading, builder: Builder) -> int:
    """Of the paragraph's undated deliverables, the one whose words share most with the row's."""
    words = set(reading.title.lower().split())
    return max(
        indexes,
        key=lambda index: (
            len(words & set(builder.deliverables[index].quote.lower().split())),
            -index,
        ),
    )


def _new_mandate(
    label: str,
    actor: str,
    reading: _Reading,
    referral: _Referral,
    builder: Builder,
    ctx: ReadingContext,
    reason: str,
) -> int:
    """A mandate for a row's actor that the paragraph does not ask in its own words: the
    words of the paragraph's request (else of the referring paragraph) as its quote."""
    number = label.split("(")[0]
    source = next(
        (m for m in builder.mandates if m.paragraph.split("(")[0] == number),
        next(
            (m for m in builder.mandates if m.paragraph == referral.paragraph.number),
            None,
        ),
    )
    if source is not None:
        verb, quote, span = source.verb, source.quote, source.span
    else:
        paragraph = referral.paragraph
        start, end = _strip_span(ctx.masked, *paragraph.span)
        verb, quote, span = paragraph.verb, ctx.text[start:end], (start, end)
    builder.mandates.append(
        Mandate(
            paragraph=label,
            verb=verb,
            actor=actor,
            partners=list(reading.partners),
            quote=quote,
            span=span,
            actor_text=reading.actor_text,
            needs_review=True,
            review_reasons=[reason],
        )
    )
    return len(builder.mandates) - 1


def _flag_unread(referral: _Referral, builder: Builder, ctx: ReadingContext) -> None:
    """Flag what the referring paragraph asks (and the undated deliverables of the
    paragraphs it names): its annex table could not be read."""
    number = referral.paragraph.number
    for mandate in builder.mandates:
        if mandate.paragraph.split("(")[0] == number and UNREAD_TABLE not in mandate.review_reasons:
            mandate.needs_review = True
            mandate.review_reasons = [*mandate.review_reasons, UNREAD_TABLE]
    for index, deliverable in enumerate(builder.deliverables):
        own = deliverable.paragraph.split("(")[0] == number
        named = deliverable.paragraph.split("(")[0] in referral.named and not _dated(deliverable)
        if (own or named) and UNREAD_TABLE not in deliverable.review_reasons:
            builder.deliverables[index] = replace(
                deliverable,
                needs_review=True,
                review_reasons=[*deliverable.review_reasons, UNREAD_TABLE],
            )
    message = f"paragraph {number}: {UNREAD_TABLE}"
    if message not in builder.warnings:
        builder.warnings.append(message)
