"""Operative paragraphs -> mandates and deliverables with actor, kind, count and deadline.

How it reads a paragraph:

1. The paragraph (and each sub-paragraph, "7(h)") is cut into *clauses* at every
   operative verb ("...; and requests the High Commissioner to ...").
2. A request clause ("Requests", "reiterates its request", "Calls upon", "Invites",
   "Decides to request") names its actors before the infinitive; the actors are matched
   in the alias table, back-references ("the Special Rapporteur", "the mandate holder")
   are resolved to the mechanism the resolution names, and collaborators
   ("in collaboration with", "with the support of") become partners.
3. After the infinitive the clause is a stream of events: new products ("a summary
   report", "five regional seminars", "to report"), back-references to them ("the
   report"), session mentions ("to the Council at its sixty-fifth session"), dates,
   bodies ("to the General Assembly") and recurrence ("annually"). A small state machine
   pairs each deadline with the product it belongs to: a session after a product goes to
   it; a session before any product waits for the next one; a second session for the
   same product (another body or session) makes a second deliverable.
4. "Decides to convene/hold/organize ..." clauses give meetings and panels of the
   adopting body. "Decides to continue its consideration ... at its Nth session" gives
   the consideration; "Takes note of/Welcomes the report (A/HRC/59/36)" the taken notes.

All searching is done on a masked copy of the document with the same length (markup
and odd punctuation replaced one for one) so every span indexes the clean text.

Reading choices (see also kinds.py):
- Requests to States, Governments and other non-UN actors give nothing unless they carry a
  calendar date; support and transmission requests to UN actors are mandates without
  deliverables; "Encourages" gives nothing.
- A panel, debate or dialogue the Council decides to hold, or schedules ("the panel
  discussion to be held at its Nth session will focus on ..."), is a deliverable of the
  adopting body; an interactive dialogue that follows a report is not.
- A session that dates something mentioned in passing ("the panel discussion to be convened
  at its Nth session", "held at its Nth session") or a past session of the adopting body is
  not a deadline; a session of another entity ("to the Working Group at its next session")
  is not a Council or Assembly deadline.
- "its" is the body last addressed in the clause, else the adopting body; "at that session"
  is the session named just before; "at its next session" is one more, flagged as implied.
- Tracked-change residue ("sixty-second fifth", "sixty-second session; sixty fifth") gives
  the new reading as the due and the old one in ``alternatives``, flagged for review.
- A request passed on ("to invite/request the X Council to monitor and report") gives the
  product to the one invited; what States are invited to do, or what anyone is encouraged or
  urged to do ("to encourage Member States to consider the convening of a conference"), is
  nobody's product here.
- Using or acting on something that exists ("to implement all ten recommendations",
  "implementing a policy") produces nothing.
- Consulting as a way of working ("to consult States ... in the implementation of the present
  resolution", "in preparing the report, to consult with States") is no product; consultations
  asked for in their own right ("to convene a consultation", "to consult States on X") are.
- "for consideration by the Assembly", "to the Council for its consideration" name the body
  (no session unless printed); "to present to the Council, ..., a report" gives the body to
  the report that follows the verb.
- "in (the context of) his next report" is the actor's coming report when nothing else is
  asked in the same verb phrase (otherwise that other product is what the report carries).
- "to apprise/inform the Assembly of X at its Nth session" is a (written) report due there:
  the resolutions leave the form open and the Secretariat answers with a report; "to keep
  the Assembly informed" is one only when a session or date is printed.
- Bodies other than the Secretariat (issue 11): a body the resolution creates ("an ad hoc
  committee on X and Y, which shall submit ...", "... and requests it to"), committees and
  groups of experts named with "and" inside, the Main Committees ("the Second and Third
  Committees" hold a joint meeting), the head of a known organization ("the Executive
  Director of UNODC"), a body "entrusted with the preparation of" a product, a product
  "prepared by the Office and submitted at ..." (passive). Two chairs invited to address
  the Assembly give one oral update each; a joint report stays one report.
- "Decides to include in the provisional agenda of its Nth session ..." dates the undated,
  non-recurring report of the paragraph just before (flagged: implied), unless that
  paragraph dates a product itself.
- Requests inside a declaration or programme the resolution adopts in its annex ("We
  request ...") are deliverables of paragraph "annex.N", flagged for review; a text the
  resolution only transmits gives nothing. First-person verbs ("We invite", "..., and
  invite") read as the resolution's own.
- "Decides to examine/consider/take up/review/discuss the question at its Nth session" is
  the consideration, like "to continue its consideration".
- One product named twice with the same session ("to organize a panel at the Nth session
  and to present it at that session") is one deliverable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .actors import ActorTable
from .deadlines import (
    BODY_NAMES,
    BODY_PATTERN,
    RECUR_RE,
    SessionMention,
    _read_ordinals,
    body_code,
    find_dates,
    find_sessions,
    recurrence,
)
from .kinds import (
    NOUN_PATTERN,
    PRODUCE_VERBS,
    VERB_PRODUCT_RE,
    count_of,
    noun_matches,
    preceded_by_preposition,
)
from .ordinals import ORDINAL_PATTERN, ordinal_to_int
from .result import (
    Annex,
    Consideration,
    Deliverable,
    Due,
    Footnote,
    Mandate,
    OperativeParagraph,
    TakenNote,
)

# --- masking -------------------------------------------------------------------------

_MARKUP_RE = re.compile(
    r"\[footnoteRef:\d+\]|<sup>[^<]{0,12}</sup>|\[\^\d+\]|</?(?:em|i|b|strong)>|[*_\u00a0]"
)
_REPLACEMENTS = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u00ad", "-"),
    ("\u00a0", " "),
    ("\t", " "),
)


def mask(text: str) -> str:
    """A same-length copy of the text with markup blanked and punctuation unified."""
    masked = _MARKUP_RE.sub(lambda m: " " * len(m.group(0)), text)
    for old, new in _REPLACEMENTS:
        if old in masked:
            masked = masked.replace(old, new)
    return masked


# --- verbs and clauses ---------------------------------------------------------------

_ADVERBS = (
    r"(?:(?:also|further|furthermore|again|once\s+again|in\s+this\s+regard|in\s+this\s+respect|"
    r"in\s+that\s+regard|therefore|moreover|accordingly|strongly|respectfully|kindly|"
    r"in\s+this\s+context|to\s+(?:this|that)\s+end|in\s+particular|in\s+(?:this|that)\s+"
    r"connection|for\s+(?:this|that)\s+purpose|to\s+(?:this|that)\s+effect|in\s+that\s+respect|"
    r"in\s+that\s+context)\s*,?\s+)*"
)
_REQUEST_VERB = (
    r"(?:reiterates|renews|repeats|reaffirms)\s+(?:also\s+)?its\s+(?:request|requests|invitation)|"
    r"requests|calls\s+upon|calls\s+on|urges|invites|mandates|entrusts|directs|instructs|"
    r"authorizes|authorises|decides\s+(?:also\s+|further\s+)?to\s+request|"
    r"decides\s+(?:also\s+|further\s+)?to\s+invite|encourages|urgently\s+requests|"
    r"to\s+(?:also\s+|further\s+)?request|to\s+(?:also\s+|further\s+)?invite"
)
_DECIDE_VERB = r"decides|resolves|agrees"
_NOTE_VERB = (
    r"takes\s+note|notes|welcomes|acknowledges|expresses\s+(?:its\s+)?appreciation|commends|"
    r"takes\s+note\s+with\s+appreciation"
)
_OTHER_VERB = (
    r"recognizes|recognises|reaffirms|affirms|emphasizes|emphasises|stresses|underlines|"
    r"underscores|expresses|recalls|reiterates|condemns|appeals|approves|endorses|demands|"
    r"deplores|regrets|considers|supports|looks\s+forward|recommends|insists|highlights|"
    r"reminds|applauds|declares|observes|appreciates|designates|proclaims|rejects|calls\s+for|"
    r"notes|encourages|urges|invites|welcomes"
)
_ANY_VERB = rf"{_REQUEST_VERB}|{_DECIDE_VERB}|{_NOTE_VERB}|{_OTHER_VERB}"

#: An operative verb inside a paragraph that opens a new clause.
_BOUNDARY_RE = re.compile(
    rf"(?:[;,:]\s*(?:and\s+)?|\s+and\s+|\.\s+)(?P<verb>{_ADVERBS}(?:{_ANY_VERB}))\b"
    r"(?=\s*,?\s+(?:the|that|all|its|his|her|their|relevant|States|Member|also|further|"
    r"again|once|in|on|upon|with|to|a|an|this|these|those|United|Governments|him|them|"
    r"every|each|both|any|international|national|civil|non|regional|such|as|at|"
    r"appreciation|note|[A-Z]))",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(
    r"\s*(?:\d{1,3}\s*\.|\(\s*[a-z]{1,5}\s*\)|[a-z]{1,4}\s*\))?[\s.]*"
    rf"(?P<verb>{_ADVERBS}(?:{_ANY_VERB}|[A-Za-z]+(?:\s+(?:its|upon|on|note|for))?))\b",
    re.IGNORECASE,
)
_REQUEST_RE = re.compile(rf"{_ADVERBS}(?:{_REQUEST_VERB})$", re.IGNORECASE)
_ENCOURAGE_RE = re.compile(rf"{_ADVERBS}(?:encourages)$", re.IGNORECASE)
_DECIDE_RE = re.compile(rf"{_ADVERBS}(?:{_DECIDE_VERB})$", re.IGNORECASE)
_NOTE_RE = re.compile(rf"{_ADVERBS}(?:{_NOTE_VERB})$", re.IGNORECASE)
_INVITE_RE = re.compile(r"invit", re.IGNORECASE)

_INFINITIVE_VERBS = (
    r"submit|present|prepare|report|continue|organize|organise|convene|hold|provide|undertake|"
    r"conduct|make|take|include|pay|give|seek|assist|monitor|cooperate|engage|develop|consider|"
    r"participate|carry|work|contribute|ensure|identify|pursue|disseminate|share|collect|"
    r"compile|publish|update|brief|follow|promote|focus|examine|address|study|explore|consult|"
    r"strengthen|support|facilitate|enhance|increase|raise|establish|transmit|bring|circulate|"
    r"keep|remain|integrate|mainstream|implement|coordinate|assess|analyse|analyze|gather|"
    r"invite|request|encourage|urge|ask|call|appeal|produce|finalize|finalise|elaborate|draft|help|offer|maintain|"
    r"allocate|expedite|translate|designate|appoint|redouble|intensify|step|play|use|apply|"
    r"adopt|accelerate|expand|improve|build|create|launch|deliver|respond|reply|host|outline|"
    r"dedicate|devote|observe|mark|commemorate|highlight|document|investigate|verify|record|"
    r"preserve|inform|notify|advise|visit|exercise|enable|allow|reflect|formulate|define|"
    r"propose|recommend|review|revise|evaluate|consolidate|collate|map|be|seek|devise|serve|"
    r"prioritize|examine|set|put|ensure|hold|identify|avail|liaise|interact|convey|"
    r"disseminate|give|make|further|urgently|duly|closely|regularly|actively|fully|"
    r"effectively|jointly|periodically|systematically|immediately|swiftly|also|again|"
    r"initiate|lead|resume|refrain|respect|protect|fulfil|comply|cease|end|release|grant|"
    r"engage|accord|strive|redouble|mobilize|secure|issue|attend|act|assume|return"
)
_INFINITIVE_RE = re.compile(rf"\b(?:to|that\s+it)\s+(?:{_INFINITIVE_VERBS})\b", re.IGNORECASE)
_LOOSE_INFINITIVE_RE = re.compile(
    r"\bto\s+(?!(?:the|a|an|all|its|their|his|her|this|that|these|those|States|Member|"
    r"United|human|adequate|food|development|education|health|privacy|life|water|work|"
    r"self-determination|peace)\b)[a-z]+\b"
)
_SUBJUNCTIVE_RE = re.compile(
    rf"\s*,?\s+(?:shall\s+|should\s+|will\s+)?(?:{_INFINITIVE_VERBS})\b", re.IGNORECASE
)

# --- actors --------------------------------------------------------------------------

_PARTNER_INTRO_RE = re.compile(
    r"\b(?:in\s+(?:close\s+)?(?:collaboration|cooperation|consultation|coordination|"
    r"partnership|conjunction|liaison)\s+with|with\s+the\s+(?:support|assistance|participation|"
    r"input|help|contribution|cooperation|involvement|collaboration)s?\s+of|together\s+with|"
    r"jointly\s+with|supported\s+by|assisted\s+by)\b",
    re.IGNORECASE,
)
_ACTOR_SKIP_RE = re.compile(r"(?:\s|,|\band\b|\bas\s+well\s+as\b|\balso\b|\bthat\b|\bto\b)+", re.I)
_MECHANISM_HEAD = (
    r"Special\s+Rapporteurs?|Independent\s+Experts?|Working\s+Group|Special\s+Representative|"
    r"Special\s+Envoy|Special\s+Adviser|(?:independent\s+)?(?:international\s+)?"
    r"Commission\s+of\s+Inquiry|(?:independent\s+)?(?:international\s+)?(?:independent\s+)?"
    r"fact-finding\s+mission|Expert\s+Mechanism|Group\s+of\s+(?:Independent\s+)?(?:Human\s+"
    r"Rights\s+)?Experts|Team\s+of\s+(?:International\s+)?Experts|Panel\s+of\s+Experts|"
    r"Commission\s+on\s+Human\s+Rights|(?:designated\s+)?Expert|Special\s+Committee|"
    r"Independent\s+Investigative\s+Mechanism|Chair(?:-Rapporteur)?|Chairs?|Chairperson|"
    r"Coordinator|Ombudsperson|Monitoring\s+Team|Mechanism|Commission|Mission|Forum|"
    r"(?:Ad\s+Hoc\s+|Preparatory\s+|Intergovernmental\s+|Open-ended\s+)+Committee|"
    r"Group\s+of\s+Governmental\s+Experts|Expert\s+Group"
)
_NAMED_MECHANISM_RE = re.compile(
    rf"(?:the\s+)?(?P<name>(?:{_MECHANISM_HEAD})\s+(?:of\s+the\s+(?:Human\s+Rights\s+Council|"
    r"Secretary-General)\s+)?(?:on|(?:for|in|of)(?=\s+(?:the\s+)?(?-i:[A-Z])))\s+(?:[^,;:()\n]{2,160}?))"
    rf"(?=\s*[,;:(]|\s+(?:to|shall|should|will)\s+(?:{_INFINITIVE_VERBS})\b|\s+and\s+(?:the|all|"
    r"to|other|relevant)\b|\s+(?:with|in\s+(?:collaboration|cooperation|consultation))\b|"
    r"\s*$|\s+at\s+its\b)",
    re.IGNORECASE,
)
_BACKREF_RE = re.compile(
    r"(?:the\s+|its\s+)(?P<word>special\s+rapporteurs?|independent\s+experts?|"
    r"designated\s+experts?|mandate[\s-]holders?|working\s+group|expert\s+mechanism|"
    r"commission\s+of\s+inquiry|commission|fact-finding\s+mission|mission|"
    r"(?:intergovernmental|open-ended)\s+working\s+group|group\s+of\s+"
    r"(?:independent\s+)?(?:eminent\s+)?(?:human\s+rights\s+)?experts|team\s+of\s+"
    r"(?:international\s+)?experts|special\s+committee|expert|"
    r"special\s+representative|special\s+envoy|mechanism|forum|chair(?:-rapporteur)?|"
    r"chairperson|panel\s+of\s+experts)(?![\w-])(?!\s+(?:on|of|for|in)\s+(?!the\s+(?:Human\s+"
    r"Rights\s+Council|General\s+Assembly|Council)\b))",
    re.IGNORECASE,
)
_KEYWORD_RE = re.compile(
    r"\b(?:Special\s+Rapporteur|Independent\s+Expert|Working\s+Group|Commission|"
    r"fact-finding\s+mission|Expert\s+Mechanism|designated\s+Expert|Forum|Special\s+"
    r"Representative|Special\s+Envoy|Group\s+of|International\s+Commission|Independent\s+"
    r"International|Independent\s+Investigative|International\s+independent|Ad\s+Hoc|"
    r"Open-ended|Intergovernmental|Special\s+Committee|Committee|Team\s+of|International)\b",
    re.IGNORECASE,
)
_EXTEND_RE = re.compile(
    r"(?:extend|renew|establish|appoint|create|continue)\w*\s+(?:also\s+|further\s+)?"
    r"(?:for\s+a\s+(?:further\s+)?period\s+of\s+\w+\s+years?\s*,?\s+)?(?:the\s+mandates?\s+of\s+)?"
    r"(?:the\s+)?[^;]{0,40}$",
    re.IGNORECASE,
)
_MECHANISM_KINDS = {
    "special procedure",
    "commission of inquiry",
    "fact-finding mission",
    "mechanism",
}
_STATE_RE = re.compile(
    r"(?:the\s+)?(?:Government\s+of|Governments?|States?\b|Member\s+States|all\s+States|"
    r"national|civil\s+society|non-governmental|international\s+community|donors?|"
    r"parties|all\s+parties|relevant\s+stakeholders|stakeholders|business|private\s+sector|"
    r"regional\s+organizations|intergovernmental\s+organizations|international\s+community)",
    re.IGNORECASE,
)

_OF_SOMETHING_RE = re.compile(r"\s+of\s+(?:the\s+)?(?!United\s+Nations\b)[A-Z]")
_OF_OWNER_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_IT_RE = re.compile(r"(?:it|them)\b(?=\s*,?\s+(?:to|also|further)\b)")
_PRONOUN_RE = re.compile(r"(?:him|her)\b(?=\s*,?\s+(?:to|also|further|once)\b)")
_GOVERNMENT_RE = re.compile(
    r"(?:the\s+)?(?P<name>Government\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z(])[\w'()-]*)*)",
    re.IGNORECASE,
)
_YEAR_PREFIX_RE = re.compile(r"(?:the\s+)?(?:19|20)\d\d\s+")
#: Nouns of a task given "with" or "for" ("Entrusts the Bureau with the preparation of").
_TASK_NOUNS = (
    r"(?:the\s+)?(?:task\s+of\s+)?(?:preparation|preparing|organization|organisation|organizing|"
    r"convening|holding|drafting|elaboration|elaborating|presentation|presenting|submission|"
    r"submitting|compilation|compiling)\b"
)
_GENERIC_ACTOR_RE = re.compile(
    r"the\s+(?P<name>(?:[A-Za-z][\w'-]*)(?:\s+(?!to\b|and\b|shall\b|should\b|will\b|"
    rf"with\s+{_TASK_NOUNS})"
    r"[\w'-]+){0,14}?)(?=\s*,|\s+(?:to|shall|should|will)\s+(?!(?:the|a|an|all|its|their|"
    rf"his|her|this|that|these|those|States|Member|United)\b)[a-z]+\b|\s+with\s+{_TASK_NOUNS})",
)
_NOT_UN_RE = re.compile(
    r"\b(?:Government|authorities|State|States|parties|party|community|society|stakeholders|"
    r"organizations|institutions|sector|media|donors|people|population|forces|groups|"
    r"private|countries|country|Republic|Kingdom|leaders|Powers|"
    r"all|relevant|concerned|military|de\s+facto|Taliban|members|individuals|persons|victims)\b",
    re.IGNORECASE,
)

# --- the events inside a clause ------------------------------------------------------

# "to the Council", "before the Assembly", "for consideration by the Assembly", "for the
# consideration of the Assembly"; not when a session follows ("to the Council at its Nth
# session" is a session mention), but "to the Council for its consideration" is a body.
_BODY_TARGETS_RE = re.compile(
    r"\b(?:to|before|for\s+(?:its\s+|the\s+)?consideration\s+(?:by|of))\s+(?:the\s+)?"
    rf"(?P<bodies>{BODY_PATTERN}(?:\s*(?:,\s*(?:and\s+)?|and\s+)"
    rf"(?:to\s+)?(?:the\s+)?{BODY_PATTERN})*)\b(?!\s*,?\s+(?:at|during|in)\s+(?:its|the)\b)"
    r"(?!\s*,?\s+for\s+(?:its|the)\b(?!\s+consideration\s*[,;.]|\s+consideration\s*$))",
    re.IGNORECASE,
)
_ONE_BODY_RE = re.compile(BODY_PATTERN, re.IGNORECASE)
#: A manner phrase set off by commas between a verb and its object ("to submit, in a timely
#: manner, his next report", "to present, as soon as possible, the study").
_MANNER_ASIDE = (
    r"(?:,\s*(?:in\s+an?\s+(?:[\w-]+\s+){1,3}(?:manner|fashion|way)|as\s+soon\s+as\s+possible|"
    r"as\s+a\s+matter\s+of\s+(?:priority|urgency)|at\s+the\s+earliest\s+(?:possible\s+)?"
    r"(?:opportunity|date)|without\s+(?:further\s+|undue\s+)?delay|as\s+appropriate|"
    r"[a-z]+ly)\s*,\s*)?"
)
_ANAPHOR_VERB_RE = re.compile(
    rf"\b(?!and\b|or\b)(?:{PRODUCE_VERBS}){_MANNER_ASIDE}\s*(?:(?:also|further|orally|jointly)\s+)?$",
    re.IGNORECASE,
)
_REFERENCE_MODS_RE = re.compile(r"above-mentioned|aforementioned|said|same|abovementioned", re.I)
_SUPPORT_VERB_RE = re.compile(
    r"\b(?:provide|providing|support|supporting|assist|facilitate|service|fund|finance)\s*,?\s*$",
    re.IGNORECASE,
)
_EXTENT_STOP_RE = re.compile(
    r"[,;:]|\s+(?:to\s+be\s+|and\s+to\s+|at\s+its\s+|before\s+the\s+|to\s+the\s+(?:Human|"
    r"General|Council|Assembly))",
    re.IGNORECASE,
)
_TOPIC_RE = re.compile(r"\s+(?:on|of|about|regarding|concerning|entitled)\s+", re.IGNORECASE)
_DECIDE_MAKE_RE = re.compile(
    r"\b(?:to|that\s+(?:it\s+)?(?:will|shall|should))\s+(?:(?:also|further)\s+)?"
    r"(?:convene|hold|organize|organise|host|devote|dedicate|schedule|commemorate|observe|"
    r"hold|be\s+held|take\s+place|incorporate|include)\b|\bthat\s+(?:the|its|a|an)\b(?=[^;]{0,150}?\b(?:shall|"
    r"will|should)\s+(?:be\s+(?:held|convened|organized|organised|devoted|dedicated)|"
    r"take\s+place))",
    re.IGNORECASE,
)
_ESTABLISH_RE = re.compile(
    r"\b(?:establish|extend|renew|create)\w*\s*(?:,[^,;]{0,80},\s*)?(?:(?:urgently|also|further)\s+)?"
    r"(?:for\s+a\s+(?:further\s+)?period\s+of\s+[\w-]+\s+(?:years?|months?)\s*,?\s+)?"
    r"(?:the\s+mandates?\s+of\s+)?(?:an?\s+)?",
    re.IGNORECASE,
)
_SCHEDULED_RE = re.compile(
    r"\s*,?\s*(?:also\s+|further\s+)?,?\s*(?:in\s+accordance\s+with[^;]{0,120}?,\s*)?that\s+"
    r"(?:the\s+(?:theme|focus|topic)\s+of\s+)?(?:the|its)\s+(?P<mods>(?:[\w-]+\s+){0,4}?)"
    r"(?P<noun>panel\s+discussion|interactive\s+(?:debate|dialogue)|meeting|debate|dialogue|panel)\b"
    r"[^;]{0,120}?(?P<held>(?:to\s+be|which\s+will\s+be|that\s+will\s+be)\s+held)\s+",
    re.IGNORECASE,
)
_SCHEDULED_TOPIC_RE = re.compile(
    r"\s*,?\s*(?:also\s+|further\s+)?to\s+(?:include|focus|devote|dedicate)\b[^;]{0,200}?\b(?:its|the)\s+"
    r"(?P<mods>(?:[\w-]+\s+){0,4}?)(?P<noun>panel\s+discussion|interactive\s+(?:debate|dialogue)|meeting|"
    r"debate|dialogue|panel)\b[^;]{0,120}?(?P<held>(?:to\s+be|which\s+will\s+be)\s+held)\s+",
    re.IGNORECASE,
)
_DECIDE_REQUEST_RE = re.compile(
    r"\s*,?\s*(?:also\s+|further\s+)?that\s+(?P<rest>the\s+[^;]{3,200}?)\s+(?:shall|should|will)\s+"
    r"(?:continue\s+to\s+)?"
    r"(?:submit|present|report|prepare|organize|organise|convene|hold|provide|undertake|conduct|"
    r"make\s+available|draft|compile|publish|issue|finalize|finalise|deliver|brief|inform|update|"
    r"keep|be\s+responsible\s+for|commence|begin|start|complete|conclude|meet|work|continue|"
    r"consider|examine|review|elaborate|develop|negotiate)\b",
    re.IGNORECASE,
)
_DECIDE_PASSIVE_RE = re.compile(
    r"\s*,?\s*(?:also\s+|further\s+)?that\s+(?P<product>(?:the|a|an)\s+[^;]{3,150}?)\s+"
    r"(?:shall|will|should)\s+be\s+(?:prepared|submitted|presented|organized|organised|convened|"
    r"made\s+available|provided|compiled|drafted|held|issued|published)\s+by\s+(?P<actor>(?=\S))",
    re.IGNORECASE,
)
_CONSIDER_RE = re.compile(
    r"\b(?:(?:continue|resume|pursue)\s+(?:its\s+|the\s+|to\s+)?consideration|"
    r"(?:consider|examine|take\s+up|discuss|review)\s+(?:the|this|that)\s+(?:question|matter|issue|"
    r"item|sub-?item|subject)|(?:consider|examine|take\s+up|review|discuss)\s*,?\s+"
    r"(?:in\s+plenary\s+meeting\s+)?"
    rf"(?:at|during)\s+its\s+(?:{ORDINAL_PATTERN})(?:\s*,\s*|\s+and\s+|\s+)(?:(?:{ORDINAL_PATTERN})"
    r"(?:\s*,\s*|\s+and\s+|\s+))*sessions?\b|give\s+(?:its\s+)?(?:full\s+)?consideration\s+to|"
    r"provisional\s+agenda\s+of\s+its|include\s+(?:the|this|that|an?)\s+(?:item|sub-?item|"
    r"question)|remain\s+(?:actively\s+)?seized)",
    re.IGNORECASE,
)
_AGENDA_RE = re.compile(
    rf"provisional\s+agenda\s+of\s+(?:its|the)\s+(?P<ords>{ORDINAL_PATTERN}(?:\s+{ORDINAL_PATTERN})?)"
    r"\s+session",
    re.IGNORECASE,
)
_SEIZED_RE = re.compile(r"remain\s+(?:actively\s+)?seized", re.IGNORECASE)
_SYMBOL_RE = re.compile(
    r"\b(?:A|E|S|CRC|CCPR|CEDAW|CERD|CAT|CRPD|UNEP|TD|ST)/(?:[A-Z0-9][\w.-]*/)*[A-Z0-9][\w.-]*",
)
_NOT_DOCUMENT_RE = re.compile(r"/(?:RES|DEC|PRST)/|^[AES]/RES", re.IGNORECASE)
_PROGRAMME_RE = re.compile(r"programmes?\s+of\s+work", re.IGNORECASE)
_AFTER_VERB_RE = re.compile(
    r"\s*(?:,\s*(?:in\s+this\s+regard|in\s+that\s+regard|in\s+this\s+respect|in\s+this\s+"
    r"context|inter\s+alia|therefore|also|further|accordingly|in\s+particular|once\s+again|"
    r"to\s+that\s+end|to\s+this\s+end)\s*,\s*)?(?:once\s+again\s+)?(?:to|that)?\s*",
    re.IGNORECASE,
)
_SUB_OWN_VERB_RE = re.compile(
    r"\s*(?:\(\s*\w+\s*\)\s*)?(?:(?:also\s+|further\s+)?to\s+(?:also\s+|further\s+)?(?:request|invite)\b|"
    r"(?:also\s+|further\s+)?(?:requests|invites|decides|calls\s+upon|takes\s+note|welcomes)\b)",
    re.IGNORECASE,
)
#: A relative clause giving a body it creates its duty: ", open to all States, which shall".
_RELATIVE_DUTY_RE = re.compile(
    r"(?:\s*,[^;,]{1,80})?\s*,?\s*(?:which|that|who)\s+(?:shall|will|should)\s+(?:also\s+)?"
    rf"(?=(?:{_INFINITIVE_VERBS})\b)",
    re.IGNORECASE,
)
#: A task given by a noun after the actor: "Entrusts the Bureau with the preparation of".
_ENTRUSTED_TASK_RE = re.compile(rf"\s*,?\s*(?:with|for)\s+(?P<task>{_TASK_NOUNS})", re.IGNORECASE)
#: A session set off between the actor and the infinitive: ", at its eighty-first session,".
_SESSION_ASIDE_RE = re.compile(
    r"\s*,\s*(?P<session>(?:at|during|before|by)\s+(?:its|the)\s+[\w\s-]{3,40}?\s+session"
    r"(?:\s+of\s+the\s+(?:General\s+Assembly|Human\s+Rights\s+Council|Council|Assembly))?)\s*,\s*$",
    re.IGNORECASE,
)
_TO_INFINITIVE_START_RE = re.compile(r"\s*(?:\(\w+\)\s*)?(?:to|To)\s+\w+")


@dataclass
class Requests:
    mandates: list[Mandate]
    deliverables: list[Deliverable]
    consideration: Consideration | None
    takes_note_of: list[TakenNote]
    warnings: list[str]


@dataclass
class _Clause:
    start: int  # where the verb starts
    verb_end: int
    end: int
    verb: str  # as printed, markup removed


@dataclass
class _Actor:
    name: str
    printed: str
    start: int
    end: int
    known: bool
    reasons: list[str] = field(default_factory=list)
    state: bool = False


@dataclass
class _Item:
    """A product being assembled from the events of one clause."""

    kind: str
    count: int
    listed: int | None
    start: int
    end: int
    noun: str
    mods: str
    dues: list[SessionMention | object] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    recurring: str | None = None
    extent_end: int = 0
    shares_with: _Item | None = None
    included: bool = False  # "to include in his report ...": maybe a report named before
    context: bool = False  # "... in the context of his next report": where the rest goes
    if_dated: bool = False  # "to keep the Assembly informed": a product only with a deadline


@dataclass
class _Context:
    text: str
    masked: str
    body: str | None
    session: int | None
    table: ActorTable
    mechanisms: list[tuple[str, int, bool]] | None
    default_council: str = "HRC"
    acabq: bool = False
    #: the body the paragraph last named as an actor ("establishes a working group ... and
    #: requests it to"): what "it" refers to; reset at each paragraph
    last_body: _Actor | None = None


# --- helpers -------------------------------------------------------------------------


def _printed(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").split())


def _strip_span(masked: str, start: int, end: int) -> tuple[int, int]:
    while start < end and masked[start] in " \n\r\t":
        start += 1
    while end > start and masked[end - 1] in " \n\r\t":
        end -= 1
    trailing = _TRAILING_AND_RE.search(masked, start, end)
    if trailing and trailing.start() > start:
        end = trailing.start()
    return start, end


_TRAILING_AND_RE = re.compile(r"[\s,]+(?:and|or|as\s+well\s+as)$")
_SECOND_OBJECT_RE = re.compile(r",?\s+and\s+$", re.IGNORECASE)
_INFINITIVE_BETWEEN_RE = re.compile(r"\b(?:to|and)\s+(?:" + PRODUCE_VERBS + r")\b|;", re.IGNORECASE)


_INDEXED_HEADS = ("special", "independent", "working", "team", "group", "international")


def _mechanism_index(masked: str, table: ActorTable) -> list[tuple[str, int, bool]]:
    """Named mechanisms in document order: (name, offset, named in an extend/establish)."""
    found: list[tuple[str, int, bool]] = []
    last_end = -1
    for key in _KEYWORD_RE.finditer(masked):
        if key.start() < last_end:
            continue
        pos = key.start()
        hit = table.match_at(masked, pos)
        name = None
        end = pos
        if hit and table.kinds.get(hit[0], "") in _MECHANISM_KINDS | {"body"}:
            name, end = hit
        elif hit is None:
            named = _NAMED_MECHANISM_RE.match(masked, pos)
            if named and key.group(0).lower().startswith(_INDEXED_HEADS):
                name = _printed(named.group("name"))
                end = named.end()
        if name is None:
            continue
        before = masked[max(0, pos - 80) : pos]
        found.append((name, pos, bool(_EXTEND_RE.search(before))))
        last_end = end
    return found


def _resolve_backref(word: str, pos: int, ctx: _Context) -> str | None:
    word = " ".join(word.lower().split())
    if word.startswith("special rapporteur"):
        prefixes: tuple[str, ...] = ("special rapporteur",)
    elif word.startswith(("independent expert", "designated expert", "expert")) and (
        word != "expert mechanism"
    ):
        prefixes = ("independent expert", "designated expert")
    elif word.startswith("mandate"):
        prefixes = ("special rapporteur", "independent expert", "working group", "designated")
    elif word.startswith(("intergovernmental working group", "open-ended working group")):
        prefixes = ("intergovernmental working group", "open-ended")
    elif word.startswith("working group"):
        prefixes = ("working group", "intergovernmental working group", "open-ended")
    elif word.startswith("expert mechanism"):
        prefixes = ("expert mechanism",)
    elif word.startswith("commission"):
        prefixes = (
            "commission",
            "independent international commission",
            "international commission",
        )
    elif "mission" in word:
        prefixes = ("independent international fact-finding", "fact-finding")
    elif word.startswith("group of") or word.startswith("team of"):
        prefixes = ("group of", "team of")
    elif word.startswith("forum"):
        prefixes = ("forum", "social forum", "permanent forum")
    elif word.startswith("special representative"):
        prefixes = ("special representative",)
    elif word.startswith("special committee"):
        prefixes = ("special committee",)
    elif word.startswith("special envoy"):
        prefixes = ("special envoy",)
    elif word == "mechanism":
        prefixes = ("expert mechanism", "independent investigative", "international independent")
    else:
        return None
    if ctx.mechanisms is None:  # built on the first back-reference only
        ctx.mechanisms = _mechanism_index(ctx.masked, ctx.table)
    candidates = [m for m in ctx.mechanisms if m[0].lower().startswith(prefixes)]
    if not candidates:  # "the Expert Mechanism" for "International independent expert mechanism"
        candidates = [m for m in ctx.mechanisms if any(p in m[0].lower() for p in prefixes)]
    if not candidates:
        return None
    extended = [m for m in candidates if m[2]]
    if extended:
        before = [m for m in extended if m[1] < pos]
        return (before or extended)[-1][0]
    names = {m[0] for m in candidates}
    if len(names) == 1:
        return candidates[0][0]
    before = [m for m in candidates if m[1] < pos]
    if before:
        return before[-1][0]
    counts: dict[str, int] = {}
    for name, _, _ in candidates:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda key: counts[key])


def _parse_actor_at(pos: int, end: int, ctx: _Context) -> _Actor | None:
    masked = ctx.masked
    hit = ctx.table.match_at(masked, pos, end)
    if hit and hit[0] == "Secretariat":
        owner = _OF_OWNER_RE.match(masked, hit[1], end)
        owned = ctx.table.match_at(masked, owner.end(), end) if owner else None
        if owned and ctx.table.kinds.get(owned[0], "") not in ("state", "body"):
            # "the secretariat of the United Nations Conference on Trade and Development"
            printed = _printed(ctx.text[pos : owned[1]])
            return _Actor(f"{owned[0]} secretariat", printed, pos, owned[1], True)
    if hit and _OF_SOMETHING_RE.match(masked, hit[1], end):
        hit = None  # "the secretariat of the Convention" is not the Secretariat
    if hit:
        name, stop = hit
        if name == "Advisory Committee" and ctx.acabq and "human" not in masked[pos:stop].lower():
            name = "Advisory Committee on Administrative and Budgetary Questions"
        kind = ctx.table.kinds.get(name, "")
        printed = _printed(ctx.text[pos:stop])
        # "the Special Rapporteur on X" where X goes on beyond a shorter alias
        named = _NAMED_MECHANISM_RE.match(masked, pos, end)
        if named and named.end() > stop + 3 and kind in _MECHANISM_KINDS | {"official", ""}:
            longer = _printed(named.group("name"))
            if not ctx.table.match(longer) and name.lower() in longer.lower()[: len(name) + 5]:
                pass
        return _Actor(name, printed, pos, stop, True, state=kind == "state")
    pronoun = _PRONOUN_RE.match(masked, pos, end)
    if pronoun:  # "Takes note of the report of the Secretary-General, and requests him to"
        named = None
        for name, _, _ in ctx.table.search(masked, max(0, pos - 600), pos):
            if ctx.table.kinds.get(name, "") not in ("state", "body", "system"):
                named = name
        if named:
            return _Actor(named, _printed(ctx.text[pos : pronoun.end()]), pos, pronoun.end(), True)
        return None
    it = _IT_RE.match(masked, pos, end)
    if it:
        if ctx.last_body is None:
            return None
        last = ctx.last_body
        return _Actor(last.name, _printed(ctx.text[pos : it.end()]), pos, it.end(), last.known,
                      list(last.reasons))  # fmt: skip
    year = _YEAR_PREFIX_RE.match(masked, pos, end)
    if year:  # "the 2024 Social Forum"
        hit = ctx.table.match_at(masked, year.end(), end)
        if hit:
            return _Actor(hit[0], _printed(ctx.text[pos : hit[1]]), pos, hit[1], True)
    back = _BACKREF_RE.match(masked, pos, end)
    if back:
        resolved = _resolve_backref(back.group("word"), pos, ctx)
        printed = _printed(ctx.text[pos : back.end()])
        if resolved:
            if ctx.table.match(resolved) is None:
                name = resolved[:1].upper() + resolved[1:]
                return _Actor(
                    name, printed, pos, back.end(), False, ["actor not in the alias table"]
                )
            return _Actor(resolved, printed, pos, back.end(), True)
        named = _NAMED_MECHANISM_RE.match(masked, pos, end)
        if not named:
            label = printed[4:] if printed.lower().startswith("the ") else printed
            return _Actor(
                label[:1].upper() + label[1:],
                printed,
                pos,
                back.end(),
                False,
                ["back-reference not resolved to a named mechanism"],
            )
    named = _NAMED_MECHANISM_RE.match(masked, pos, end)
    if named:
        name = _printed(named.group("name"))
        return _Actor(
            name,
            _printed(ctx.text[pos : named.end()]),
            pos,
            named.end(),
            False,
            ["actor not in the alias table"],
        )
    head = _HEAD_OF_RE.match(masked, pos, end)
    owner = ctx.table.match_at(masked, head.end(), end) if head else None
    if head and owner and ctx.table.kinds.get(owner[0], "") not in ("state", "body"):
        # "the Executive Director of the United Nations Office on Drugs and Crime"
        name = f"{_printed(head.group('title'))} of {owner[0]}"
        printed = _printed(ctx.text[pos : owner[1]])
        return _Actor(name, printed, pos, owner[1], False, ["actor not in the alias table"])
    committees = _MAIN_COMMITTEES_RE.match(masked, pos, end)
    if committees:  # "the Second and Third Committees", "the Main Committees"
        ordinals = re.findall(_MAIN_COMMITTEE, committees.group("name"))
        if len(ordinals) > 1:
            name = ", ".join(ordinals[:-1]) + f" and {ordinals[-1]} Committees"
        else:
            name = f"{ordinals[0]} Committee" if ordinals else "Main Committees"
        printed = _printed(ctx.text[pos : committees.end()])
        reasons = ["actor not in the alias table"]
        return _Actor(name, printed, pos, committees.end(), False, reasons)
    state = _STATE_RE.match(masked, pos, end)
    if state:
        government = _GOVERNMENT_RE.match(masked, pos, end)
        if government:  # "the Government of Haiti": that State, by its printed name
            name = _printed(ctx.text[government.start("name") : government.end("name")])
            return _Actor(name, name, pos, government.end(), True, state=True)
        printed = _printed(ctx.text[pos : state.end()])
        return _Actor("Member States", printed, pos, state.end(), True, state=True)
    generic = _GENERIC_ACTOR_RE.match(masked, pos, end)
    if generic and not _NOT_UN_RE.search(generic.group("name")):
        name = _printed(ctx.text[generic.start("name") : generic.end("name")])
        name = name[:1].upper() + name[1:]
        printed = _printed(ctx.text[pos : generic.end()])
        return _Actor(name, printed, pos, generic.end(), False, ["actor not in the alias table"])
    return None


#: The head of an organization the table knows: "the Executive Director of" + its name.
_HEAD_OF_RE = re.compile(
    r"(?:the\s+)?(?P<title>Executive\s+Director|Director-General|Director|Administrator|"
    r"Executive\s+Secretary|Executive\s+Head|Secretary-General|High\s+Commissioner|President|"
    r"Chair(?:person)?|Head|Coordinator)\s+of\s+",
    re.IGNORECASE,
)
_MAIN_COMMITTEE = r"(?:First|Second|Third|Fourth|Fifth|Sixth)"
#: The Main Committees of the Assembly, alone or together ("the Second and Third Committees").
_MAIN_COMMITTEES_RE = re.compile(
    rf"(?:the\s+)?(?P<name>(?-i:{_MAIN_COMMITTEE})(?:\s+Committee)?(?:\s*(?:,|\s+and)\s+(?:the\s+)?"
    rf"(?-i:{_MAIN_COMMITTEE})(?:\s+Committee)?)*\s+(?-i:Committees?)|(?-i:Main)\s+Committees)\b",
    re.IGNORECASE,
)
_NEW_BODY_RE = re.compile(
    r"(?P<name>(?:ad\s+hoc\s+|open-ended\s+|independent\s+|international\s+|intergovernmental\s+)*"
    r"(?:working\s+group|committee|commission|expert\s+group|group\s+of\s+(?:governmental\s+)?experts|"
    r"panel|mechanism|mission|team)\b[^,;:(]{0,120}?)(?=\s*[,;:(]|\s+(?:to|with|for\s+a)\s)",
    re.IGNORECASE,
)


def _new_body(pos: int, end: int, ctx: _Context) -> _Actor | None:
    """The body a resolution establishes, by its printed name (flagged: not in the table)."""
    found = _NEW_BODY_RE.match(ctx.masked, pos, end)
    if not found:
        return None
    name = _printed(ctx.text[found.start("name") : found.end("name")])
    name = name[:1].upper() + name[1:]
    return _Actor(name, name, pos, found.end(), False, ["actor not in the alias table"])


def _parse_actors(start: int, end: int, ctx: _Context) -> tuple[list[_Actor], list[str]]:
    """Actors and partners printed in masked[start:end] (between the verb and the infinitive)."""
    masked = ctx.masked
    partners: list[str] = []
    intro = _PARTNER_INTRO_RE.search(masked, start, end)
    main_end = intro.start() if intro else end
    actors: list[_Actor] = []
    cursor = start
    while cursor < main_end:
        skip = _ACTOR_SKIP_RE.match(masked, cursor, main_end)
        if skip and skip.end() > cursor:
            cursor = skip.end()
            continue
        actor = _parse_actor_at(cursor, main_end, ctx)
        if actor is None:
            break
        actors.append(actor)
        cursor = max(actor.end, cursor + 1)
        nxt = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+)").match(
            masked, cursor, main_end
        )
        if not nxt:
            break
        cursor = nxt.end()
    if intro:
        partners.extend(_partners_in(intro.end(), end, ctx))
    return actors, partners


def _partners_in(start: int, end: int, ctx: _Context) -> list[str]:
    names: list[str] = []
    stop = re.compile(r";|\s+to\s+(?:" + _INFINITIVE_VERBS + r")\b", re.IGNORECASE).search(
        ctx.masked, start, end
    )
    limit = stop.start() if stop else end
    cursor = start
    while cursor < limit:
        skip = _ACTOR_SKIP_RE.match(ctx.masked, cursor, limit)
        if skip and skip.end() > cursor:
            cursor = skip.end()
            continue
        actor = _parse_actor_at(cursor, limit, ctx)
        if actor is None:
            nxt = re.compile(r"[^,;]*").match(ctx.masked, cursor, limit)
            cursor = (nxt.end() if nxt else cursor) + 1
            continue
        if not actor.state and actor.name not in names:
            names.append(actor.name)
        cursor = max(actor.end, cursor + 1)
    return names


_PHRASE_ADVERB_RE = re.compile(
    r"^(?:(?:in\s+(?:this|that)\s+(?:regard|respect|context|connection)|to\s+(?:this|that)\s+(?:end|"
    r"effect)|for\s+(?:this|that)\s+purpose|therefore|moreover|accordingly|in\s+particular)\s*,?\s*)+",
    re.IGNORECASE,
)


_THAT_RE = re.compile(r"\s*,?\s*that\s+")


def _passive_request(masked: str, pos: int, end: int, ctx: _Context) -> bool:
    """ "requests that such contributions ... be made available": no actor follows "that"."""
    that = _THAT_RE.match(masked, pos, end)
    if not that:
        return False
    verb = masked[max(0, pos - 30) : pos].lower()
    if "request" not in verb:
        return False
    return _parse_actor_at(that.end(), end, ctx) is None


def _clauses(
    masked: str, text: str, start: int, end: int, ctx: _Context | None = None
) -> list[_Clause]:
    lead = _LEAD_RE.match(masked, start, end)
    first_verb_start = lead.start("verb") if lead else start
    first_verb_end = lead.end("verb") if lead else start
    marks: list[tuple[int, int]] = [(first_verb_start, first_verb_end)]
    for found in _BOUNDARY_RE.finditer(masked, first_verb_end, end):
        if ctx is not None and _passive_request(masked, found.end("verb"), end, ctx):
            continue  # "and further to request that the study be made available before ...":
            # the same request goes on
        marks.append((found.start("verb"), found.end("verb")))
    clauses: list[_Clause] = []
    for index, (verb_start, verb_end) in enumerate(marks):
        clause_end = marks[index + 1][0] if index + 1 < len(marks) else end
        clauses.append(
            _Clause(
                verb_start,
                verb_end,
                clause_end,
                _PHRASE_ADVERB_RE.sub("", _printed(text[verb_start:verb_end])),
            )
        )
    return clauses


# --- events and pairing ---------------------------------------------------------------


@dataclass
class _Event:
    pos: int
    end: int
    type: str  # "D" new product, "A" back-reference, "S" session, "T" date, "B" bodies, "R"
    item: _Item | None = None
    kind: str = ""
    mention: object | None = None
    bodies: list[str] = field(default_factory=list)
    recurring: str | None = None


def _extent(masked: str, pos: int, end: int) -> int:
    stop = _EXTENT_STOP_RE.search(masked, pos, min(end, pos + 400))
    return stop.start() if stop else min(end, pos + 400)


_THAT_SESSION_RE = re.compile(
    r"\b(?:at|during|for\s+consideration\s+at)\s+(?:that|the\s+same)\s+session\b", re.IGNORECASE
)
_ANY_SESSION_RE = re.compile(
    rf"\b(?:its|the)\s+(?P<ords>{ORDINAL_PATTERN})\s+session\b(?:\s+of\s+the\s+(?P<body>{BODY_PATTERN}))?",
    re.IGNORECASE,
)


def _that_session(masked: str, z0: int, z1: int, ctx: _Context) -> list[SessionMention]:
    """ "... provisional agenda of its Nth session ..., and requests a report at that session"."""
    result = []
    for found in _THAT_SESSION_RE.finditer(masked, z0, z1):
        previous = list(
            _ANY_SESSION_RE.finditer(masked, max(0, found.start() - 700), found.start())
        )
        if not previous:
            continue
        last = previous[-1]
        number = ordinal_to_int(last.group("ords"))
        if number is None:
            continue
        body = (
            body_code(last.group("body"), ctx.default_council) if last.group("body") else ctx.body
        )
        result.append(SessionMention(found.start(), found.end(), body, [number], "at"))
    return result


def _events(
    z0: int,
    z1: int,
    ctx: _Context,
    *,
    decide: bool,
    actor_body: str | None = None,
    subject: bool = False,
) -> list[_Event]:
    """The events of masked[z0:z1]; ``subject``: the clause opens with its product as the
    subject of a passive ("that the summary report ... will be prepared by X")."""
    masked = ctx.masked
    low = masked[z0:z1].lower()
    events: list[_Event] = []
    sessions = (
        find_sessions(
            masked, z0, z1, body=ctx.body, session=ctx.session, default_council=ctx.default_council
        )
        if "session" in low
        else []
    )
    if "that session" in low or "same session" in low:
        sessions.extend(_that_session(masked, z0, z1, ctx))
    taken = [(m.start, m.end) for m in sessions]
    session_ends = [m.end for m in sessions]
    sessions = [m for m in sessions if not _belongs_to_reference(masked, z0, m.start)]
    for mention in sessions:
        events.append(_Event(mention.start, mention.end, "S", mention=mention))
    has_month = any(month in low for month in _MONTH_NAMES)
    for date_mention in find_dates(masked, z0, z1) if has_month else ():
        events.append(_Event(date_mention.start, date_mention.end, "T", mention=date_mention))
        taken.append((date_mention.start, date_mention.end))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    has_body = "council" in low or "assembly" in low or "committee" in low
    for found in _BODY_TARGETS_RE.finditer(masked, z0, z1) if has_body else ():
        if not free(found.start(), found.end()):
            continue
        bodies = []
        for one in _ONE_BODY_RE.finditer(found.group("bodies")):
            code = body_code(one.group(0), ctx.default_council)
            if code and code not in bodies:
                bodies.append(code)
        if bodies:
            events.append(_Event(found.start(), found.end(), "B", bodies=bodies))
    has_recur = any(word in low for word in _RECUR_WORDS)
    for found in RECUR_RE.finditer(masked, z0, z1) if has_recur else ():
        if free(found.start(), found.end()):
            events.append(_Event(found.start(), found.end(), "R", recurring=recurrence(found)))
    seen_kinds: dict[str, _Item] = {}
    noun_spans: list[tuple[int, int]] = []
    for found in VERB_PRODUCT_RE.finditer(masked, z0, z1):
        if decide:
            break
        if found.group("report"):
            kind, noun_start, noun_end = "report", found.start("report"), found.end("report")
        elif found.group("address"):
            kind, noun_start, noun_end = "oral update", found.start("address"), found.end("address")
        elif found.group("inform"):
            kind, noun_start, noun_end = "report", found.start("inform"), found.end("inform")
        elif found.group("keep"):  # "to keep the Assembly informed, at its Nth session, of X"
            kind, noun_start, noun_end = "report", found.start("keep"), found.end("keep")
        elif found.group("brief"):
            kind, noun_start, noun_end = "oral update", found.start("brief"), found.end("brief")
        elif found.group("consult"):
            if _working_method(masked, found.start(), found.end("consult"), z1):
                continue
            kind, noun_start, noun_end = (
                "consultation",
                found.start("consult"),
                found.end("consult"),
            )
        elif found.group("study"):
            kind, noun_start, noun_end = "study", found.start("study"), found.end("study")
        else:
            noun = found.group("inc_noun").lower()
            kind = "report" if noun.startswith("report") else "oral update"
            noun_start, noun_end = found.start("inc_noun"), found.end("inc_noun")
        item = _Item(kind, 1, None, noun_start, noun_end, masked[noun_start:noun_end], "")
        item.extent_end = _extent(masked, noun_end, z1)
        events.append(_Event(noun_start, noun_end, "D", item=item, kind=kind))
        noun_spans.append((noun_start, noun_end))
        if found.group("keep"):
            item.if_dated = True
        if found.group("include"):
            item.included = True
            # what is to be included is content of that report, not a product of its own
            stop = _NEXT_VERB_RE.search(masked, noun_end, z1)
            noun_spans.append((found.start(), noun_start))
            noun_spans.append((noun_end, stop.start() if stop else z1))
    for found in _NEXT_REPORT_RE.finditer(masked, z0, z1) if not decide else ():
        # "to provide this information in the context of his next report": that report
        noun_start, noun_end = found.start("noun"), found.end("noun")
        if any(a <= noun_start < b for a, b in noun_spans):
            continue
        noun = found.group("noun")
        kind = "oral update" if "update" in noun.lower() else "report"
        item = _Item(kind, 1, None, noun_start, noun_end, noun, found.group("mods") or "")
        item.included = True
        item.context = True
        item.extent_end = noun_end
        if "annual" in item.mods.lower():
            item.recurring = "annual"
        events.append(_Event(noun_start, noun_end, "D", item=item, kind=kind))
        noun_spans.append((found.start(), noun_end))
    for found in noun_matches(masked, z0, z1):
        if not free(found.start("noun"), found.end("noun")):
            continue
        if any(a <= found.start("noun") < b for a, b in noun_spans):
            continue
        kind = found.kind
        if kind.startswith("loose:"):
            if not any(_GLUE_RE.fullmatch(masked, e, found.start()) for e in session_ends):
                _weak(events, found, kind[6:])
                continue
            kind = kind[6:]
        det = found.group("det").lower()
        mods = found.group("mods") or ""
        noun = found.group("noun")
        if decide and kind == "oral update" and noun.lower().startswith("briefing"):
            kind = "meeting"  # "decides to organize a briefing at its Nth session": its meeting
        if decide and kind in ("report", "oral update", "study", "compilation", "other"):
            continue
        bare = found.bare
        np_start = found.start("mods") if bare else found.start()
        if _APPLY_VERB_RE.search(masked, max(z0, found.start() - 50), found.start()):
            continue  # "to implement all ten recommendations", "implementing a policy"
        definite = det in _DEFINITE
        prep = not bare and preceded_by_preposition(masked, found.start(), z0)
        if definite:
            after_verb = bool(
                _ANAPHOR_VERB_RE.search(masked, max(z0, found.start() - 40), found.start())
            ) or (
                det != "the"
                and any(_GLUE_RE.fullmatch(masked, e, found.start()) for e in session_ends)
            )
            after_verb = after_verb or (subject and found.start() - z0 < 5)
            if not after_verb:
                continue
            if kind in seen_kinds:
                events.append(_Event(found.start(), found.end(), "A", item=seen_kinds[kind]))
                continue
            if det != "the" and kind == "report" and decide:
                continue
            if _REFERENCE_MODS_RE.search(mods) or _SUPPORT_VERB_RE.search(
                masked, max(z0, found.start() - 40), found.start()
            ):
                continue  # "to provide the above-mentioned meeting with services": support
        elif prep:
            _weak(events, found, kind)
            continue
        following = masked[found.end() : min(z1, found.end() + 200)]
        count, listed = count_of(det, noun, following)
        item = _Item(kind, count, listed, np_start, found.end(), noun, mods)
        if det in ("annual",) or "annual" in mods.lower():
            item.recurring = "annual"
        elif "biennial" in mods.lower():
            item.recurring = "biennial"
        item.extent_end = _extent(masked, found.end(), z1)
        if listed:
            each = re.search(r"\beach\s+of\s+the\s+\w+(?:\s+[\w-]+){0,3}", following)
            if each:
                item.extent_end = max(item.extent_end, found.end() + each.end())
        seen_kinds.setdefault(kind, item)
        events.append(_Event(np_start, found.end(), "D", item=item, kind=kind))
    events.sort(key=lambda ev: (ev.pos, ev.type != "D"))
    events = [e for e in events if not _in_event_purpose(e, events, masked)]
    if any(e.item is not None and e.item.context for e in events):
        events = [e for e in events if not _carried_by_other(e, events, masked, z0, z1)]
    # "to submit a report at its Nth session and to include in the report ...": one report
    first_report = next(
        (e.item for e in events if e.type == "D" and e.item and e.kind == "report"), None
    )
    for event in events:
        item = event.item
        repeated = (
            event.type == "D"
            and item is not None
            and item.included
            and first_report is not None
            and item is not first_report
            and first_report.start < item.start
        )
        if repeated:
            event.type = "A"
            event.item = first_report
    # "its" is the body last addressed in the clause ("to report to the General Assembly on X
    # at its eighty-first session"), else the adopting body.
    last_body = actor_body
    for event in events:
        if event.type == "B":
            last_body = event.bodies[-1]
        elif event.type == "S" and isinstance(event.mention, SessionMention):
            if event.mention.explicit_body:
                last_body = event.mention.body
            elif last_body and event.mention.body != last_body:
                event.mention.body = last_body
    # the verb-based report and a "report" noun right after it are one product
    return events


#: "in the implementation of the present resolution", "in preparing the report": the
#: activity a verb serves as a working method.
_METHOD_RE = re.compile(
    r"\bin\s+(?:the\s+)?(?:implementation\s+of|implementing|preparing|preparation\s+of|"
    r"carrying\s+out|discharg(?:e|ing)\s+(?:of\s+)?|performance\s+of|fulfil(?:l?ing|ment\s+of)|"
    r"course\s+of)\b",
    re.IGNORECASE,
)


def _working_method(masked: str, start: int, end: int, z1: int) -> bool:
    """ "to consult States ... in the implementation of the present resolution", "in preparing
    the report, to consult with States": consulting as a way of working is not a product (the
    consultations a request asks to convene or hold, or "to consult States on X", are)."""
    stop = _NEXT_VERB_RE.search(masked, end, z1)
    after = masked[end : stop.start() if stop else z1]
    before = masked[max(0, start - 250) : start]
    before = re.split(r"[;.]|\b(?:requests|invites|decides)\b", before, flags=re.I)[-1]
    method_before = _METHOD_RE.search(before) and before.rstrip().endswith(",")
    return bool(_METHOD_RE.search(after) or method_before)


#: Verbs that use or act on something that exists: their object is not a new product.
_APPLY_VERB_RE = re.compile(
    r"\b(?:implement|implements|implementing|implementation\s+of|apply|applies|applying|"
    r"comply\s+with|complying\s+with|follow\s+up\s+on|act\s+(?:up)?on|give\s+effect\s+to|"
    r"take\s+into\s+account|taking\s+into\s+account|respect|enforce|enforcing)"
    r"\s+(?:all\s+(?:of\s+)?(?:the\s+)?|each\s+of\s+the\s+)?$",
    re.IGNORECASE,
)
#: "in (the context of) his next report": the actor's own coming report.
_NEXT_REPORT_RE = re.compile(
    r"\b(?:in|within|through|as\s+part\s+of)\s+(?:the\s+context\s+of\s+|the\s+framework\s+of\s+)?"
    r"(?:his|her|its|their|his\s+or\s+her)\s+(?P<mods>(?:next|forthcoming|upcoming|subsequent|"
    r"annual)(?:\s+(?:annual|regular|periodic|progress|comprehensive|written))?\s+)"
    r"(?P<noun>reports?|oral\s+updates?)\b",
    re.IGNORECASE,
)


def _carried_by_other(event: _Event, events: list[_Event], masked: str, z0: int, z1: int) -> bool:
    """ "to provide an update on X in his next report", "to prepare an analysis ... in his next
    report": the product named in the same verb phrase is what that report carries; the
    report is only a product of its own when nothing else is asked in the phrase."""
    item = event.item
    if event.type != "D" or item is None or not item.context:
        return False
    low = z0
    for stop in _NEXT_VERB_RE.finditer(masked, z0, item.start):
        low = stop.end()
    after = _NEXT_VERB_RE.search(masked, item.end, z1)
    high = after.start() if after else z1
    return any(
        e.type == "D" and e.item is not item and low <= e.pos < high and not e.item.context
        for e in events
    )


_EVENT_KINDS = {"meeting", "panel", "seminar", "consultation"}
#: A bare purpose infinitive right after the event (an aside such as a date may come first).
_EVENT_PURPOSE_RE = re.compile(r"\s*(?:,[^,;]{1,60},)?\s*to\s+(?!be\b)[a-z]+\b")
_COORDINATED_RE = re.compile(
    rf";|\b(?:and|or)\s+(?:also\s+|further\s+)?(?:to\s+\w+|{PRODUCE_VERBS})\b", re.IGNORECASE
)


def _in_event_purpose(event: _Event, events: list[_Event], masked: str) -> bool:
    """ "to convene a meeting, on 1 May, to mark the Day to contribute to developing
    strategies": an "other" product named in the purpose of a meeting is not requested."""
    if event.type != "D" or event.kind != "other":
        return False
    before = [e for e in events if e.type == "D" and e.pos < event.pos]
    if not before or before[-1].kind not in _EVENT_KINDS:
        return False
    between = masked[before[-1].end : event.pos]
    return bool(_EVENT_PURPOSE_RE.match(between)) and not _COORDINATED_RE.search(between)


_NEXT_VERB_RE = re.compile(r";|\band\s+(?:also\s+)?to\s+\w+", re.IGNORECASE)
_VERB_THEN_SESSION_RE = re.compile(
    rf"\b(?:submit|present|provide|transmit|give)\s+(?:to\s+(?:the\s+)?{BODY_PATTERN})?,?\s*$",
    re.IGNORECASE,
)
_BACKWARD_RE = re.compile(
    r"[^;]{0,120}?,?\s*(?:to\s+be|which\s+(?:will|shall|is\s+to)\s+be|that\s+(?:will|shall)\s+be)"
    r"\s+[\w-]+\s*$",
    re.IGNORECASE,
)
_AND_RE = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\s+", re.IGNORECASE)
_PURPOSE_RE = re.compile(
    r"\b(?:with\s+a\s+view\s+to|in\s+order\s+to|so\s+as\s+to|aimed\s+at|for\s+the\s+purpose\s+of)\b",
    re.IGNORECASE,
)


_GLUE_RE = re.compile(r"\s*,?\s*")
_REFERENCE_RE = re.compile(
    r"\b(?:the|that|this|these|those|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{NOUN_PATTERN})\s*,?\s+(?:(?:to\s+be|which\s+(?:will|is\s+to)\s+be|that\s+(?:will|is\s+to)"
    r"\s+be)\s+(?:[\w-]+\s+)?(?:held|convened|organized|organised)|(?:scheduled|planned)(?:\s+to\s+"
    r"(?:be\s+held|take\s+place))?|to\s+take\s+place)\s*$",
    re.IGNORECASE,
)


_INCLUDE_IN_RE = re.compile(r"\binclude\b[^;]{0,200}\b(?:in|within)$", re.IGNORECASE)


def _belongs_to_reference(masked: str, floor: int, start: int) -> bool:
    """ "the outcome of the panel discussion to be convened at its Nth session": the session
    dates a product mentioned in passing, not the one requested here."""
    window = masked[max(floor, start - 160) : start]
    found = _REFERENCE_RE.search(window)
    if not found:
        return False
    before = window[: found.start()].rstrip()
    if _INCLUDE_IN_RE.search(before):
        return False  # "to include in his next report, to be submitted at ...": that report
    # "... and to present the report to be considered at ...": an anaphor after a verb
    return not _ANAPHOR_VERB_RE.search(before + " ")


_ACTOR_BODIES = {
    "General Assembly": "GA",
    "Human Rights Council": "HRC",
    "Economic and Social Council": "ECOSOC",
    "Security Council": "SC",
    "President of the General Assembly": "GA",
    "President of the Human Rights Council": "HRC",
}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may ",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_RECUR_WORDS = ("annual", "year", "biennial", "every", "quadrennial")
_DEFINITE = {
    "the",
    "its",
    "his",
    "her",
    "their",
    "his or her",
    "that",
    "this",
    "these",
    "those",
    "such",
}


_WEAK_KINDS = {"seminar", "meeting", "consultation", "report", "study", "compilation"}


def _weak(events: list[_Event], found: object, kind: str) -> None:
    """Remember a product named after a preposition, as a last resort for a bare deadline."""
    if kind not in _WEAK_KINDS:
        return
    noun = found.group("noun")  # type: ignore[attr-defined]
    item = _Item(kind, 1, None, found.start(), found.end(), noun, found.group("mods"))  # type: ignore[attr-defined]
    item.extent_end = found.end()  # type: ignore[attr-defined]
    events.append(_Event(found.start(), found.end(), "W", item=item, kind=kind))  # type: ignore[attr-defined]


_VERB_THEN_BODY_RE = re.compile(
    r"\b(?:submit|present|provide|give|deliver|make\s+available)\s*,?\s*$", re.IGNORECASE
)


def _verb_then_product(events: list[_Event], index: int, masked: str) -> bool:
    """ "to present to the Council[, ...,] a report": the body event sits between a production
    verb and its object, which is the next new product (before any session or anaphor)."""
    event = events[index]
    if not _VERB_THEN_BODY_RE.search(masked, max(0, event.pos - 30), event.pos):
        return False
    for later in events[index + 1 :]:
        if later.type == "D":
            return later.pos - event.end < 200 and not _NEXT_VERB_RE.search(
                masked, event.end, later.pos
            )
        if later.type in ("A", "S", "T", "B"):
            return False
    return False


_VERB_NOT_BODY_RE = re.compile(r";|\band\s+(?:also\s+)?to\s+(?!the\b)\w+", re.IGNORECASE)


def _sessions_before_object(events: list[_Event], index: int, next_d: _Event, masked: str) -> bool:
    """ "to submit to the Council, at its Nth session, and to the Assembly, at its Mth session,
    a report": bodies and sessions listed between a production verb and its object all wait
    for that object (no anaphor, no new verb and no long gap between)."""
    event = events[index]
    if next_d.pos - event.end > 200 or _VERB_NOT_BODY_RE.search(masked, event.end, next_d.pos):
        return False
    between = [e for e in events[index + 1 :] if e.pos < next_d.pos]
    return all(e.type in ("S", "B") for e in between)


def _pair(events: list[_Event], masked: str) -> list[_Item]:
    items: list[_Item] = []
    focus: _Item | None = None
    pending: list[object] = []
    pending_bodies: list[str] = []
    pending_recur: str | None = None
    forward: _Item | None = None
    for index, event in enumerate(events):
        if event.type == "D":
            item = event.item
            assert item is not None
            if (
                focus is not None
                and not focus.dues
                and _AND_RE.fullmatch(masked, focus.end, item.start)
            ):
                focus.shares_with = item  # "a report and a road map ... at its Nth session"
            items.append(item)
            if pending:
                item.dues.extend(pending)
                pending = []
                forward = item
            elif (
                forward is not None
                and focus is forward
                and forward.kind == item.kind
                and _SECOND_OBJECT_RE.search(masked, max(forward.end, item.start - 12), item.start)
                and not _INFINITIVE_BETWEEN_RE.search(masked, forward.end, item.start)
            ):
                # "to submit to the Council at its Nth session a report on X, ..., and a report
                # on Y": both objects of the one verb take the session
                item.dues.extend(forward.dues)
            if pending_bodies and not item.bodies:
                item.bodies.extend(pending_bodies)
            pending_bodies = []
            if pending_recur and not item.recurring:
                item.recurring = pending_recur
            pending_recur = None
            focus = item
        elif event.type == "A":
            focus = event.item
        elif (
            event.type == "T"
            and getattr(event.mention, "relation", "") == "at"
            and (focus is None or focus.kind not in _EVENT_KINDS)
        ):
            continue  # "on 4 May 2026" dates a meeting, not a report
        elif event.type in ("S", "T"):
            following = events[index + 1] if index + 1 < len(events) else None
            backward = (
                focus is not None
                and not focus.dues
                and _BACKWARD_RE.match(masked, focus.end, event.pos) is not None
            )
            later = events[index + 1 :]
            next_d = next((e for e in later if e.type == "D"), None)
            next_s = next((e for e in later if e.type in ("S", "T")), None)
            verb_first = (
                next_d is not None
                and _VERB_THEN_SESSION_RE.search(masked, max(0, event.pos - 60), event.pos)
                is not None
                and (
                    next_s is None
                    or next_d.pos < next_s.pos
                    or _sessions_before_object(events, index, next_d, masked)
                )
            )
            if not backward and (
                verb_first
                or (
                    following is not None
                    and following.type == "D"
                    and _GLUE_RE.fullmatch(masked, event.end, following.pos)
                )
            ):
                # "at its Nth session, a report" / "to submit to the Council at its Nth session,
                # under item 3, a report": the session goes to the product that follows
                pending.append(event.mention)
            elif focus is not None and not focus.dues:
                focus.dues.append(event.mention)
            elif focus is not None:
                later = events[index + 1 :]
                next_d = next((i for i, e in enumerate(later) if e.type == "D"), None)
                next_s = next((i for i, e in enumerate(later) if e.type in ("S", "T")), None)
                if next_d is not None and (next_s is None or next_d < next_s):
                    pending.append(event.mention)
                elif _PURPOSE_RE.search(
                    masked, getattr(focus.dues[-1], "end", focus.end), event.pos
                ):
                    continue  # a deadline of the purpose ("with a view to ..."), not the product
                else:
                    focus.dues.append(event.mention)
            elif event.type == "S":
                pending.append(event.mention)
            # a date before any product ("issue an instruction no later than 1 May") is not
            # the deadline of a product named later
        elif event.type == "B":
            if focus is not None and _verb_then_product(events, index, masked):
                # "so that he may present to the Council, ..., an annual report": the body
                # goes to the product that follows the verb, not to the one named before
                pending_bodies.extend(event.bodies)
            elif focus is not None and not focus.dues:
                for code in event.bodies:
                    if code not in focus.bodies:
                        focus.bodies.append(code)
            elif focus is None:
                pending_bodies.extend(event.bodies)
            else:
                for code in event.bodies:
                    if code not in focus.bodies:
                        focus.bodies.append(code)
        elif event.type == "R":
            if focus is not None:
                if not focus.recurring:
                    focus.recurring = event.recurring
            else:
                pending_recur = event.recurring
    if not items and pending:
        # A deadline with no product named in the usual way ("to support ... through
        # in-country workshops ..., by the sixty-fifth session"): take the product mentioned.
        first = min(getattr(m, "start", 0) for m in pending)
        weak = [e for e in events if e.type == "W" and e.pos < first]
        deadlines = [m for m in pending if getattr(m, "relation", "") in ("by", "before")]
        if weak and deadlines:
            item = weak[-1].item
            assert item is not None
            item.dues.extend(deadlines)
            items.append(item)
    for item in items:
        if not item.dues and item.shares_with is not None:
            item.dues = list(item.shares_with.dues)
            item.bodies = item.bodies or list(item.shares_with.bodies)
            item.recurring = item.recurring or item.shares_with.recurring
    return items


# --- building results ----------------------------------------------------------------


_ASIDE_RE = re.compile(
    r"\s*,\s*(?:one\s+(?:for|in)\s+each|in\s+each|each|accessible|in\s+a\s+hybrid|fully|"
    r"with|in\s+(?:an?\s+)?(?:accessible|easy)|within\s+existing)[^,;]{0,120},(?=\s*(?:on|of|about)\s)",
    re.IGNORECASE,
)
_NOT_A_TOPIC_RE = re.compile(
    r"(?:on|of)\s+(?:an?\s+)?(?:annual|regular|biennial|periodic|ad\s+hoc|the\s+basis|its|his|her)\b",
    re.IGNORECASE,
)


def _title(item: _Item, ctx: _Context, actor: str, limit: int) -> str:
    head = " ".join((item.mods + " " + item.noun).split())
    if item.kind == "report" and item.noun.lower() == "report" and not item.mods:
        head = "Report"
    if item.kind == "consultation" and item.noun.lower() == "consult":
        head = "Consultations"
    if item.kind == "oral update" and item.noun.lower() in ("brief", "update"):
        head = "Oral update"
    if item.kind == "study" and item.noun.lower() == "study":
        head = "Study"
    topic = ""
    after = item.end
    aside = _ASIDE_RE.match(ctx.masked, after, limit)
    if aside:  # ", one for each of the five geographical regions, on X"
        after = aside.end()
    found = _TOPIC_RE.match(ctx.masked, after, limit)
    if found:
        stop = re.compile(
            r"[,;:(]|\s+(?:to\s+(?:the|be)|at\s+its|and\s+to|and\s+(?:also\s+)?(?:requests|decides|"
            r"invites)|before\s+the|in\s+accordance|with\s+a\s+view|including|in\s+order|for\s+"
            r"(?:its\s+)?(?:submission|consideration))\b",
            re.IGNORECASE,
        ).search(ctx.masked, found.end(), min(limit, found.end() + 160))
        topic_end = stop.start() if stop else min(limit, found.end() + 160)
        words = _printed(ctx.text[found.start() : topic_end]).split()
        while words and words[-1].lower() in ("and", "or", "the", "of", "on", "to", "in"):
            words.pop()
        if len(words) > 16:
            words = [*words[:16], "..."]
        topic = " ".join(words)
        if _NOT_A_TOPIC_RE.match(topic):
            topic = ""
    if not topic:
        topic = f"of the {actor}" if item.kind in ("report", "study", "oral update") else ""
        if actor in ("Human Rights Council", "General Assembly") or not topic:
            topic = ""
        if topic and actor.startswith(("OHCHR", "UN")):
            topic = f"of {actor}"
    title = f"{head} {topic}".strip()
    return title[:1].upper() + title[1:]


@dataclass
class _DatedSession:
    session: SessionMention
    date: object

    @property
    def end(self) -> int:
        return max(self.session.end, self.date.end)  # type: ignore[attr-defined]


def _mention_dues(mention: object, ctx: _Context) -> list[tuple[Due, list[Due], list[str]]]:
    """One (due, alternatives, reasons) per session or date the mention names."""
    if isinstance(mention, _DatedSession):
        [(due, alternatives, reasons)] = _mention_dues(mention.session, ctx)
        when = mention.date.date  # type: ignore[attr-defined]
        return [(Due(due.body, due.session, due.relation, when), alternatives, reasons)]
    if isinstance(mention, SessionMention):
        result = []
        alternatives = [Due(mention.body, alt, mention.relation) for alt in mention.alternatives]
        reasons: list[str] = []
        if mention.alternatives:
            reasons.append(
                "two readings of the session in the text (tracked-change residue): "
                + " or ".join(str(n) for n in [*mention.sessions, *mention.alternatives])
            )
        if mention.implied:
            reasons.append(f"implied deadline: {mention.implied}")
        if not mention.sessions:
            result.append((Due(mention.body, None, mention.relation), [], reasons))
        for index, number in enumerate(mention.sessions):
            body = mention.bodies[index] if mention.bodies else mention.body
            result.append((Due(body, number, mention.relation), list(alternatives), reasons))
        return result
    date_mention = mention
    reasons = []
    if date_mention.date is None:  # type: ignore[attr-defined]
        reasons.append(f"date without a year: {date_mention.printed}")  # type: ignore[attr-defined]
    return [(Due(None, None, date_mention.relation, date_mention.date), [], reasons)]  # type: ignore[attr-defined]


class _Builder:
    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.mandates: list[Mandate] = []
        self.deliverables: list[Deliverable] = []
        self.warnings: list[str] = []

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def request(
        self,
        label: str,
        clause_start: int,
        verb: str,
        actors: list[_Actor],
        partners: list[str],
        z0: int,
        z1: int,
        *,
        decide: bool = False,
        invite: bool = False,
        preset: list[_Item] | None = None,
        subject: bool = False,
    ) -> None:
        ctx = self.ctx
        if not actors:
            return
        primary = actors[0]
        actor_body = _ACTOR_BODIES.get(primary.name)
        delegated: list[tuple[int, int, list[_Actor], int | None]] = []
        if preset is not None:
            items = preset
        else:
            events = _events(z0, z1, ctx, decide=decide, actor_body=actor_body, subject=subject)
            if not decide:
                delegated = _delegations(z0, z1, ctx)
                if delegated:
                    events = [
                        e for e in events if not any(a <= e.pos < b for a, b, _, _ in delegated)
                    ]
            items = _pair(events, ctx.masked)
            items = [it for it in items if it.dues or not it.if_dated]
        speakers = [a for a in actors if not a.state]
        if len(speakers) > 1 and items and all(it.kind == "oral update" for it in items):
            # "Invites the Chair of X and the Chair of Y to address the Assembly": each speaks
            for speaker in speakers:
                self.request(
                    label, clause_start, verb, [speaker], partners, z0, z1,
                    decide=decide, invite=invite, preset=preset, subject=subject,
                )  # fmt: skip
            return
        partners = [p for p in partners if p != primary.name]
        for extra in actors[1:]:
            if not extra.state and extra.name not in partners and extra.name != primary.name:
                partners.append(extra.name)
        for name in _partners_in_clause(z0, z1, ctx):
            if name not in partners and name != primary.name:
                partners.append(name)
        reasons = list(primary.reasons)
        if len([a for a in actors if not a.state]) > 1:
            reasons.append("several actors: " + ", ".join(a.name for a in actors))
        if primary.state:
            items = [it for it in items if any(not isinstance(d, SessionMention) for d in it.dues)]
            for it in items:
                it.dues = [d for d in it.dues if not isinstance(d, SessionMention)]
            if not items:
                return
        if invite and not items:
            return
        # the mandate
        m_start, m_end = _strip_span(ctx.masked, clause_start, _first_break(ctx.masked, z0, z1))
        mandate = Mandate(
            paragraph=label,
            verb=verb,
            actor=primary.name,
            partners=list(partners),
            quote=ctx.text[m_start:m_end],
            span=(m_start, m_end),
            actor_text=primary.printed,
            needs_review=bool(reasons),
            review_reasons=list(reasons),
        )
        mandate_index = len(self.mandates)
        self.mandates.append(mandate)
        implied_by_programme = bool(_PROGRAMME_RE.search(ctx.masked, z0, z1))
        for _, span_end, others, inf in delegated:
            if inf is not None:  # "to invite the X Council to monitor and report": X reports
                self.request(label, clause_start, verb, others, [], inf, span_end, invite=True)
        for item in items:
            self._deliverables(
                item,
                label,
                verb,
                primary,
                partners,
                reasons,
                clause_start,
                z1,
                mandate_index,
                implied_by_programme,
            )

    def _deliverables(
        self,
        item: _Item,
        label: str,
        verb: str,
        actor: _Actor,
        partners: list[str],
        actor_reasons: list[str],
        clause_start: int,
        z1: int,
        mandate_index: int,
        implied_by_programme: bool,
    ) -> None:
        ctx = self.ctx
        count = item.count
        reasons = list(actor_reasons)
        if item.listed:
            if count not in (1, item.listed):
                reasons.append(f"count {count} disagrees with the list ({item.listed})")
            else:
                count = item.listed
        plans: list[tuple[Due | None, list[Due], list[str], int]] = []
        covered_bodies: set[str | None] = set()
        dues = list(item.dues)
        dated = [m for m in dues if not isinstance(m, SessionMention)]
        sessions = [m for m in dues if isinstance(m, SessionMention)]
        if (
            len(dated) == 1
            and len(sessions) == 1
            and len(sessions[0].sessions) == 1
            and item.kind in _EVENT_KINDS
            and abs(sessions[0].start - dated[0].end) < 80  # type: ignore[attr-defined]
        ):
            # "on 25 September 2026, during its eighty-first session": one meeting, one due
            dues = [_DatedSession(sessions[0], dated[0])]
        seen_dues: set[tuple] = set()
        for mention in dues:
            for due, alternatives, extra in _mention_dues(mention, ctx):
                key = (due.body, due.session, due.date)
                if due.session is not None and key in seen_dues:
                    continue  # "to organize a panel at the Nth session and to present it at
                    # that session": one event, named twice
                seen_dues.add(key)
                end = getattr(mention, "end", item.end)
                plans.append((due, alternatives, extra, end))
                covered_bodies.add(due.body)
        for code in item.bodies:
            if code not in covered_bodies and not (None in covered_bodies and plans):
                plans.append((Due(code, None, None), [], [], item.end))
                covered_bodies.add(code)
        if not plans:
            plans.append((None, [], [], item.end))
        if count > 1 and count == len(plans):
            count = 1  # "two reports, by 4 July and by 4 December": one each
        title = _title(item, ctx, actor.name, z1)
        if "actor not in the alias table" in reasons:
            self._warn(f"paragraph {label}: actor not in the alias table: {actor.name}")
        for due, alternatives, extra, mention_end in plans:
            why = reasons + extra
            if alternatives and due is not None:
                readings = " or ".join(
                    str(n) for n in [due.session, *(a.session for a in alternatives)]
                )
                self._warn(f"paragraph {label}: two readings of the session ({readings})")
            undated = due is None or (due.session is None and due.date is None)
            if undated and implied_by_programme:
                why.append("implied deadline: session set by the programme of work")
            elif undated and item.recurring:
                why.append(f"implied deadline: {item.recurring}, no session printed")
            end = max(item.extent_end or item.end, item.end, mention_end)
            start, end = _strip_span(ctx.masked, clause_start, min(end, z1))
            quote_end = end
            while quote_end > start and ctx.masked[quote_end - 1] in ",;:":
                quote_end -= 1
            self.deliverables.append(
                Deliverable(
                    paragraph=label,
                    verb=verb,
                    actor=actor.name,
                    partners=list(partners),
                    kind=item.kind,
                    count=count,
                    title=title,
                    due=due,
                    alternatives=alternatives,
                    recurring=item.recurring,
                    quote=ctx.text[start:quote_end],
                    span=(start, quote_end),
                    needs_review=bool(why),
                    review_reasons=why,
                    mandate=mandate_index,
                    actor_text=actor.printed,
                )
            )


_DELEGATE_RE = re.compile(
    r"\b(?:to|and)\s+(?:(?:also|further)\s+)?(?:to\s+)?(?:continue\s+to\s+)?"
    r"(?:(?P<ask>invite|request|ask|call\s+(?:up)?on)|encourage|urge|appeal\s+to)\s+",
    re.IGNORECASE,
)
_DELEGATE_INF_RE = re.compile(r"\s*(?:,[^;,]{0,80},\s*)?to\s+(?=[a-z])")


def _delegations(
    z0: int, z1: int, ctx: _Context
) -> list[tuple[int, int, list[_Actor], int | None]]:
    """ "to invite the X Council to report", "to encourage Member States to consider the
    convening of a conference": what others are asked to do is not the actor's product.

    (start, end, invited actors, where their request starts): the invited actor's products
    when a UN actor is invited or requested; nothing for States or for "encourage/urge".
    """
    masked = ctx.masked
    result: list[tuple[int, int, list[_Actor], int | None]] = []
    for found in _DELEGATE_RE.finditer(masked, z0, z1):
        if result and found.start() < result[-1][1]:
            continue
        others, _ = _parse_actors(found.end(), z1, ctx)
        if not others:
            continue
        inf = _DELEGATE_INF_RE.match(masked, max(a.end for a in others), z1)
        if not inf:
            continue
        stop = _NEXT_VERB_RE.search(masked, inf.end(), z1)
        end = stop.start() if stop else z1
        own = found.group("ask") and not any(a.state for a in others)
        result.append((found.start(), end, others, inf.start() if own else None))
    return result


def _first_break(masked: str, z0: int, z1: int) -> int:
    found = re.compile(r"[,;:]").search(masked, z0, z1)
    return found.start() if found else z1


def _partners_in_clause(z0: int, z1: int, ctx: _Context) -> list[str]:
    names: list[str] = []
    for intro in _PARTNER_INTRO_RE.finditer(ctx.masked, z0, z1):
        for name in _partners_in(intro.end(), z1, ctx):
            if name not in names:
                names.append(name)
    return names


def _title_case_verb(found: re.Match[str]) -> bool:
    return found.group(0).split()[-1][:1].isupper()


def _find_infinitive(masked: str, pos: int, end: int, actor_end: int) -> int | None:
    # a capitalized verb after "to" is part of a name ("the Conference to Review ..."), not
    # the infinitive of the request
    strict = next(
        (f for f in _INFINITIVE_RE.finditer(masked, actor_end, end) if not _title_case_verb(f)),
        None,
    )
    if strict:
        # "Invites the High Commissioner to accompany ...": a verb missing from the list,
        # right after the actor, is still the infinitive (not a later "to be presented")
        first = _LOOSE_INFINITIVE_RE.match(
            masked, _GLUE_RE.match(masked, actor_end, end).end(), end
        )
        if first is not None and first.start() < strict.start():
            return first.start()
        return strict.start()
    loose = _LOOSE_INFINITIVE_RE.search(masked, actor_end, end)
    return loose.start() if loose else None


# --- the entry point -----------------------------------------------------------------


def extract_requests(
    operative: list[OperativeParagraph],
    *,
    text: str,
    body: str | None,
    session: int | None,
    footnotes: list[Footnote],
    actors: ActorTable | None = None,
    annexes: list[Annex] | None = None,
) -> Requests:
    """Read the operative paragraphs: mandates, deliverables, consideration, taken notes.

    ``annexes``: when an operative paragraph adopts or endorses the text in the annex (a
    declaration, a programme of action), the requests printed in it are read too, flagged
    for review (their paragraphs are labelled "annex.N")."""
    table = actors or ActorTable.default()
    masked = mask(text)
    if "we " in masked.lower():  # an outcome document adopted as a whole, in the first person
        masked = _first_person_to_third(masked)
    ctx = _Context(
        text=text,
        masked=masked,
        body=body,
        session=session,
        table=table,
        mechanisms=None,
        acabq="Administrative and Budgetary Questions" in masked,
    )
    builder = _Builder(ctx)
    consideration: Consideration | None = None
    notes: list[TakenNote] = []
    for paragraph in operative:
        ctx.last_body = None
        units = _units(paragraph, text)
        inherited: tuple[str, list[_Actor], list[str], str] | None = None
        for label, start, end, is_sub in units:
            if start >= end:
                continue
            infinitive_start = _TO_INFINITIVE_START_RE.match(masked, start, end)
            own_verb = _SUB_OWN_VERB_RE.match(masked, start, end)
            if is_sub and inherited and infinitive_start and not own_verb:
                verb, actor_list, partner_list, mode = inherited
                if mode == "decide":
                    pseudo = _Clause(start, start, end, verb)
                    found = _consideration(pseudo, label, ctx, force=True)
                    if found is not None and (
                        consideration is None or consideration.session is None
                    ):
                        consideration = found
                        continue
                if mode in ("request", "decide"):
                    z0 = start
                    builder.request(
                        label,
                        start,
                        verb,
                        actor_list,
                        partner_list,
                        z0,
                        end,
                        decide=mode == "decide",
                        invite=bool(_INVITE_RE.match(verb)),
                    )
                continue
            for clause in _clauses(masked, text, start, end, ctx):
                state = _clause(clause, label, builder, ctx, footnotes, paragraph, notes, end)
                if state is not None and not is_sub:
                    inherited = state
                found = _consideration(clause, label, ctx)
                if found is not None and (consideration is None or consideration.session is None):
                    consideration = found
    _agenda_deadlines(operative, builder.deliverables, ctx)
    if annexes and _ADOPTS_ANNEX_RE.search(masked, *_operative_bounds(operative)):
        _annex_requests(annexes, builder, ctx, footnotes)
    return Requests(
        mandates=builder.mandates,
        deliverables=builder.deliverables,
        consideration=consideration,
        takes_note_of=notes,
        warnings=builder.warnings,
    )


_AGENDA_CLAUSE_RE = re.compile(
    rf"\s*{_ADVERBS}(?:decides|agrees)\s+(?:(?:also|further)\s+)?to\s+include\s+in\s+the\s+"
    rf"provisional\s+agenda\s+of\s+its\s+(?P<ords>{ORDINAL_PATTERN}(?:\s+{ORDINAL_PATTERN})?)\s+session",
    re.IGNORECASE,
)
_AGENDA_KINDS = {"report", "oral update", "study", "compilation"}


def _agenda_deadlines(
    operative: list[OperativeParagraph], deliverables: list[Deliverable], ctx: _Context
) -> None:
    """ "7. Requests the Secretary-General to submit a report on X; 8. Decides to include in
    the provisional agenda of its Nth session the item X": the report that the paragraph
    before asks for without a session is due at that session (flagged: implied)."""
    for index, paragraph in enumerate(operative[1:], start=1):
        found = _AGENDA_CLAUSE_RE.match(ctx.masked, paragraph.span[0], paragraph.span[1])
        if not found:
            continue
        numbers, _ = _read_ordinals(found.group("ords"))
        if len(numbers) != 1 or (ctx.session is not None and numbers[0] <= ctx.session):
            continue
        before = operative[index - 1].number
        there = [d for d in deliverables if d.paragraph.split("(")[0] == before]
        if any(d.due is not None and d.due.session is not None for d in there):
            continue  # the paragraph dates its product itself ("... and to report at its Nth")
        for position, deliverable in enumerate(deliverables):
            due = deliverable.due
            if (
                deliverable.paragraph.split("(")[0] != before
                or deliverable.kind not in _AGENDA_KINDS
            ):
                continue
            if deliverable.recurring:
                continue  # an annual report is not due at the one session the agenda names
            if "report" not in deliverable.title.lower():
                continue  # only a report asked for as such ("to submit a report", "to report")
            if due is not None and (due.session is not None or due.date is not None):
                continue
            if due is not None and due.body not in (None, ctx.body):
                continue
            reason = (
                f"implied deadline: the provisional agenda of session {numbers[0]} "
                f"(paragraph {paragraph.number})"
            )
            deliverables[position] = replace(
                deliverable,
                due=Due(ctx.body, numbers[0], "at"),
                needs_review=True,
                review_reasons=[*deliverable.review_reasons, reason],
            )


#: "Adopts/Endorses the Programme of Action ..., as contained in the annex".
_ADOPTS_ANNEX_RE = re.compile(
    r"\b(?:adopts|endorses|approves)\b[^;]{0,400}?\b(?:annex|annexed)\b", re.IGNORECASE
)
_ANNEX_PARAGRAPH_RE = re.compile(r"(?m)^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?=\S)")
#: First-person verbs of an adopted declaration ("We request the Secretary-General"),
#: rewritten in the masked copy to the resolution's third person, same length.
_WE_VERB_RE = re.compile(
    r"\b[Ww]e\s+(?P<adverb>(?:also|further|therefore)\s+)?(?P<verb>request|decide|invite|call\s+upon|"
    r"call\s+on|encourage|urge|agree|resolve|commit|take\s+note|welcome|note)\b"
)
_ANNEX_REASON = "in the annexed text the resolution adopts (not an operative paragraph)"


def _operative_bounds(operative: list[OperativeParagraph]) -> tuple[int, int]:
    if not operative:
        return 0, 0
    return operative[0].span[0], operative[-1].span[1]


def _third_person(found: re.Match[str]) -> str:
    """ "We also request" -> "also requests  ": the verb where "We" stood, padded to length."""
    verb = found.group("verb")
    head, space, rest = verb.partition(" ")
    words = (found.group("adverb") or "") + head + "s" + space + rest
    return words + " " * (len(found.group(0)) - len(words))


#: A verb coordinated in a first-person sentence: "We note X, and invite the Secretary-General".
_AND_VERB_RE = re.compile(
    r",\s+and\s+(?P<adverb>(?:also|further)\s+)?(?P<verb>request|decide|invite|call\s+upon|call\s+on|"
    r"encourage|urge)\b"
)


_WE_RE = re.compile(r"\b[Ww]e\s+(?=[a-z])")


def _first_person_to_third(masked: str) -> str:
    """ "We request", "..., and invite" in a declaration or outcome document read as the
    resolution's own "requests", "invites" (same length, so offsets hold)."""
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


def _annex_requests(
    annexes: list[Annex], builder: _Builder, ctx: _Context, footnotes: list[Footnote]
) -> None:
    """The requests of an adopted declaration or programme in the annex, flagged."""
    first_mandate, first_deliverable = len(builder.mandates), len(builder.deliverables)
    several = len(annexes) > 1
    for number, annex in enumerate(annexes, start=1):
        a0, a1 = annex.span
        starts = list(_ANNEX_PARAGRAPH_RE.finditer(ctx.masked, a0, a1))
        for index, found in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else a1
            prefix = f"annex {number}." if several else "annex."
            label = prefix + found.group("number")
            paragraph = OperativeParagraph(
                label, "", ctx.text[found.end() : end], (found.end(), end)
            )
            ctx.last_body = None
            for clause in _clauses(ctx.masked, ctx.text, found.end(), end, ctx):
                _clause(clause, label, builder, ctx, footnotes, paragraph, [], end)
    for index in range(first_mandate, len(builder.mandates)):
        mandate = builder.mandates[index]
        mandate.needs_review = True
        mandate.review_reasons = [*mandate.review_reasons, _ANNEX_REASON]
    for index in range(first_deliverable, len(builder.deliverables)):
        deliverable = builder.deliverables[index]
        deliverable.needs_review = True
        deliverable.review_reasons = [*deliverable.review_reasons, _ANNEX_REASON]


def _sub_label(number: str, label: str) -> str:
    """ "7" + "h" -> "7(h)"; "7" + "a(i)" or "a.i" -> "7(a)(i)"."""
    parts = [part for part in re.split(r"[().\s]+", label) if part]
    return number + "".join(f"({part})" for part in parts) if parts else number


def _units(paragraph: OperativeParagraph, text: str) -> list[tuple[str, int, int, bool]]:
    start, end = paragraph.span
    subs = sorted(paragraph.subparagraphs, key=lambda s: s.span[0])
    units: list[tuple[str, int, int, bool]] = []
    inside = [s for s in subs if start <= s.span[0] < end]
    chapeau_end = inside[0].span[0] if inside else end
    units.append((paragraph.number, start, chapeau_end, False))
    for sub in subs:
        units.append((_sub_label(paragraph.number, sub.label), sub.span[0], sub.span[1], True))
    return units


def _clause(
    clause: _Clause,
    label: str,
    builder: _Builder,
    ctx: _Context,
    footnotes: list[Footnote],
    paragraph: OperativeParagraph,
    notes: list[TakenNote],
    unit_end: int,
) -> tuple[str, list[_Actor], list[str], str] | None:
    masked = ctx.masked
    verb_words = " ".join(masked[clause.start : clause.verb_end].split())
    if _ENCOURAGE_RE.match(verb_words):
        return ("", [], [], "none")
    if _REQUEST_RE.match(verb_words):
        pos = clause.verb_end
        lead = _AFTER_VERB_RE.match(masked, pos, clause.end)
        if lead:
            pos = lead.end()
        colon = re.compile(r"[^;]*?:\s*$").match(masked, pos, clause.end)
        actors, partners = _parse_actors(pos, clause.end, ctx)
        if not actors:
            return None
        actor_end = max(a.end for a in actors)
        subjunctive = _SUBJUNCTIVE_RE.match(masked, actor_end, clause.end)
        if subjunctive and "that" in masked[clause.verb_end : pos].lower():
            inf: int | None = subjunctive.start()  # "Requests that the Secretary-General submit"
        else:
            inf = _find_infinitive(masked, pos, clause.end, actor_end)
            if inf is None:
                inf = subjunctive.start() if subjunctive else None
        task = _ENTRUSTED_TASK_RE.match(masked, actor_end, clause.end)
        if task and (inf is None or inf > task.start()):
            inf = task.start("task")  # "Entrusts the Bureau with the preparation of a summary"
        if colon is not None and inf is None:
            return (clause.verb, actors, partners, "request")
        if inf is None:
            return (clause.verb, actors, partners, "request")
        aside = _SESSION_ASIDE_RE.match(masked, actor_end, inf)
        if aside:  # "invites the President, at its eighty-first session, to conduct ..."
            inf = aside.start("session")
        builder.request(
            label,
            clause.start,
            clause.verb,
            actors,
            partners,
            inf,
            clause.end,
            invite=bool(_INVITE_RE.search(verb_words)),
        )
        return (clause.verb, actors, partners, "request")
    if _DECIDE_RE.match(verb_words):
        if _CONSIDER_RE.search(masked, clause.verb_end, clause.end):
            return None
        found = _DECIDE_REQUEST_RE.match(masked, clause.verb_end, clause.end)
        if found:
            actors, partners = _parse_actors(found.start("rest"), found.end("rest") + 40, ctx)
            if actors and not actors[0].state:
                builder.request(
                    label,
                    clause.start,
                    clause.verb,
                    actors,
                    partners,
                    found.end("rest"),
                    clause.end,
                )
                return (clause.verb, actors, partners, "request")
        passive = _DECIDE_PASSIVE_RE.match(masked, clause.verb_end, clause.end)
        if passive:
            # "Decides that the summary report of the panel will be prepared by the Office and
            # submitted to the Council at its Nth session": the Office's report
            actors, partners = _parse_actors(passive.start("actor"), clause.end, ctx)
            if actors and not actors[0].state:
                builder.request(
                    label,
                    clause.start,
                    clause.verb,
                    actors,
                    partners,
                    passive.start("product"),
                    clause.end,
                    subject=True,
                )
                return (clause.verb, actors, partners, "request")
        established = _ESTABLISH_RE.search(
            masked, clause.verb_end, min(clause.end, clause.verb_end + 130)
        )
        if established and established.start() - clause.verb_end > 40:
            established = None
        if established:
            mechanism = _parse_actor_at(established.end(), clause.end, ctx)
            if mechanism is None:  # "an ad hoc working group on X, open to all Member States"
                mechanism = _new_body(established.end(), clause.end, ctx)
            if mechanism is not None and not mechanism.state:
                ctx.last_body = mechanism
                # "Decides to extend the mandate of X ..., and to present a report at ..."
                inf = _find_infinitive(masked, mechanism.end, clause.end, mechanism.end)
                relative = _RELATIVE_DUTY_RE.match(masked, mechanism.end, clause.end)
                if relative and (inf is None or relative.end() < inf):
                    # "to establish an ad hoc committee on X and Y, which shall submit ..."
                    inf = relative.end()
                if inf is not None:
                    builder.request(
                        label,
                        clause.start,
                        clause.verb,
                        [mechanism],
                        [],
                        inf,
                        clause.end,
                        invite=True,
                    )
                return (clause.verb, [mechanism], [], "request")
        make = _DECIDE_MAKE_RE.search(masked, clause.verb_end, clause.end)
        body_name = BODY_NAMES.get(ctx.body or "", "Human Rights Council")
        actor = _Actor(body_name, body_name, clause.start, clause.start, True)
        scheduled = _SCHEDULED_RE.match(
            masked, clause.verb_end, clause.end
        ) or _SCHEDULED_TOPIC_RE.match(masked, clause.verb_end, clause.end)
        if scheduled:
            # "Decides that the theme of the annual panel discussion, to be held at its Nth
            # session, will be ...": the Council's scheduled meeting is a deliverable.
            mentions = find_sessions(
                masked, scheduled.start("held"), clause.end, body=ctx.body, session=ctx.session,
                default_council=ctx.default_council,
            )  # fmt: skip
            if mentions and mentions[0].start - scheduled.end("held") < 5:
                noun = scheduled.group("noun")
                kind = (
                    "panel" if "panel" in noun.lower() or "dialogue" in noun.lower() else "meeting"
                )
                mods = scheduled.group("mods") or ""
                item = _Item(
                    kind, 1, None, scheduled.start("mods"), scheduled.end("noun"), noun, mods
                )
                item.dues.append(mentions[0])
                item.extent_end = mentions[0].end
                if "annual" in mods.lower():
                    item.recurring = "annual"
                elif "biennial" in mods.lower():
                    item.recurring = "biennial"
                builder.request(
                    label, clause.start, clause.verb, [actor], [], clause.verb_end, clause.end,
                    preset=[item],
                )  # fmt: skip
                return (clause.verb, [actor], [], "decide")
        if make and make.start() - clause.verb_end < 250:
            builder.request(
                label, clause.start, clause.verb, [actor], [], make.start(), clause.end, decide=True
            )
        return (clause.verb, [actor], [], "decide")
    if _NOTE_RE.match(verb_words):
        end = clause.end if clause.end < unit_end else max(unit_end, paragraph.span[1]) + 2
        documents: list[str] = []
        for found in _SYMBOL_RE.finditer(ctx.text, clause.start, min(end, len(ctx.text))):
            documents.append(found.group(0).rstrip("."))
        for note in footnotes:
            if note.anchor is not None and clause.start <= note.anchor <= end:
                documents.extend(m.group(0).rstrip(".") for m in _SYMBOL_RE.finditer(note.text))
        for document in documents:
            if _NOT_DOCUMENT_RE.search(document):
                continue
            if not any(n.paragraph == label and n.document == document for n in notes):
                notes.append(TakenNote(paragraph=label, document=document))
        return None
    return None


def _consideration(
    clause: _Clause, label: str, ctx: _Context, *, force: bool = False
) -> Consideration | None:
    masked = ctx.masked
    verb_words = " ".join(masked[clause.start : clause.verb_end].split()).lower()
    if not force and not verb_words.endswith(("decides", "resolves", "agrees")):
        return None
    found = _CONSIDER_RE.search(masked, clause.verb_end, clause.end)
    if not found:
        return None
    mentions = find_sessions(
        masked,
        found.start(),
        clause.end,
        body=ctx.body,
        session=ctx.session,
        default_council=ctx.default_council,
    )
    if not mentions:  # "... and decides to continue its consideration of it at that session"
        mentions = _that_session(masked, found.start(), clause.end, ctx)
    agenda = _AGENDA_RE.search(masked, clause.verb_end, clause.end)
    if agenda:
        numbers, alternatives = _read_ordinals(agenda.group("ords"))
        if numbers:
            return Consideration(
                body=ctx.body or "",
                session=numbers[0],
                alternatives=alternatives,
                paragraph=label,
                needs_review=bool(alternatives),
            )
    for mention in mentions:
        if mention.sessions:
            return Consideration(
                body=mention.body or (ctx.body or ""),
                session=mention.sessions[0],
                alternatives=list(mention.alternatives),
                paragraph=label,
                needs_review=bool(mention.alternatives or mention.implied),
            )
    # "remain seized" names no session; "continue its consideration ... in accordance with
    # its programme of work" implies one that the text does not print: review it.
    return Consideration(
        body=ctx.body or "",
        session=None,  # type: ignore[arg-type]
        paragraph=label,
        needs_review=not _SEIZED_RE.search(found.group(0)),
    )


def deliverables_with_deadline(deliverables: Iterable[Deliverable]) -> list[Deliverable]:
    """The deliverables whose due names a session."""
    return [d for d in deliverables if d.due is not None and d.due.session is not None]


__all__ = ["Requests", "deliverables_with_deadline", "extract_requests", "mask"]
