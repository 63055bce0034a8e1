"""Draft resolutions (L documents): symbol, body, session, title and status."""

from pathlib import Path

import pytest

from mandates.extraction import extract_text
from mandates.extraction.header import l_symbol, title_key
from mandates.extraction.readers import read_path
from mandates.extraction.structure import parse_structure
from tests import drafts_samples
from tests.shared_data import shared_path

OPERATIVE = [
    "Requests the Secretary-General to submit a report on the archives to the General "
    "Assembly at its eighty-second session;"
]


def test_third_committee_draft_header():
    """A/C.3/81/L.19 is a draft of the General Assembly, session 81, with its title."""
    result = extract_text(drafts_samples.c3_draft(operative=OPERATIVE))
    assert (result.symbol, result.body, result.session, result.number) == (
        "A/C.3/81/L.19",
        "GA",
        81,
        None,
    )
    assert result.status == "draft"
    assert result.title == "Access to archives of invented commissions"
    assert result.adopted_on is None
    assert not any("adoption date" in warning for warning in result.warnings)
    assert [d.due.session for d in result.deliverables] == [82]


def test_plenary_draft_submitted_by_the_president():
    """ "Draft resolution submitted by the President ..." is not the title; the next block is."""
    result = extract_text(drafts_samples.PLENARY_DRAFT)
    assert (result.symbol, result.status, result.session) == ("A/81/L.6/Rev.1", "draft", 81)
    assert result.title == "Modalities of an invented high-level meeting on coastal erosion"


def test_council_draft_with_dotted_number():
    """A/HRC/62/L.12 is a Council draft; "62/..." before the title is not part of it."""
    result = extract_text(drafts_samples.HRC_DRAFT)
    assert (result.symbol, result.body, result.session, result.status) == (
        "A/HRC/62/L.12",
        "HRC",
        62,
        "draft",
    )
    assert result.title == "Invented rights of lighthouse keepers"
    assert result.number is None


def test_amendment_names_the_draft_it_amends():
    """An amendment is recognised as such and names its draft."""
    result = extract_text(drafts_samples.AMENDMENT)
    assert (result.symbol, result.status, result.draft_symbol) == (
        "A/C.3/81/L.70",
        "amendment",
        "A/C.3/81/L.19",
    )
    assert result.title == "Access to archives of invented commissions"


def test_adopted_resolution_names_its_plenary_draft():
    """ "[without reference to a Main Committee (A/81/L.6/Rev.1)]" is the adopted text's draft."""
    result = extract_text(drafts_samples.PLENARY_ADOPTED)
    assert (result.symbol, result.status, result.draft_symbol) == (
        "A/RES/81/22",
        "adopted",
        "A/81/L.6/Rev.1",
    )


def test_adopted_resolution_on_a_committee_report_is_adopted():
    """An adopted text is "adopted" even when it names no draft."""
    result = extract_text(drafts_samples.ga_adopted(operative=OPERATIVE))
    assert (result.status, result.draft_symbol) == ("adopted", None)


def test_draft_words_in_a_text_without_opener_do_not_make_a_draft():
    """Only a text starting with an L symbol is a draft when there is no opening formula."""
    text = (
        "Resolution 2999 (2026)\n\nAdopted by the Security Council at its 9999th meeting, on "
        "2 March 2026\n\nThe Security Council,\n\n1. Welcomes the draft resolution "
        "prepared by the invented group;\n"
    )
    assert extract_text(text).status == "adopted"


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("United Nations A /C.3/80/L.8 General Assembly", "A/C.3/80/L.8"),
        ("A/80/L.6/Add.1", "A/80/L.6/Add.1"),
        ("see A/HRC/59/L.12/Rev.1.", "A/HRC/59/L.12/Rev.1"),
        ("A/RES/80/6", None),
    ],
)
def test_l_symbol(text, symbol):
    """L symbols are read with revisions and additions, tolerating a stray space."""
    assert l_symbol(text) == symbol


def test_title_key_ignores_what_readers_change():
    """Stray spaces, dashes, quotes, case and footnote stars do not change a title's key."""
    assert title_key("Use of mercenaries ... self -determination*") == title_key(
        "Use of Mercenaries ... self\u2011determination"
    )
    assert title_key("Democratic People\u2019s Republic") == title_key(
        "Democratic Peoples Republic"
    )
    assert title_key("Persons with albinism") != title_key("Persons with disabilities")


# Real L documents of the eightieth session (facts: symbols, sessions and titles).
REAL_DRAFTS = {
    "A_80_L.2.pdf": (
        "draft",
        None,
        "Participation by the State of Palestine during the eightieth session",
    ),
    "A_80_L.8.pdf": (
        "draft",
        None,
        "2025 Political Declaration on the Implementation of the United Nations Global Plan "
        "of Action to Combat Trafficking in Persons",
    ),
    "A_80_L.34.pdf": (
        "draft",
        None,
        "Political declaration of the fourth high-level meeting of the General Assembly on "
        "the prevention and control of noncommunicable diseases and the promotion of mental "
        "health and well-being",
    ),
    "A_80_L.35.pdf": (
        "amendment",
        "A/80/L.27",
        "Strengthening of international cooperation and coordination of efforts to study, "
        "mitigate and minimize the consequences of the Chornobyl disaster",
    ),
    "A_C.3_80_L.14.pdf": ("draft", None, "Persons with albinism"),
    "A_C.3_80_L.17.pdf": ("draft", None, "Rights of Indigenous Peoples"),
    "A_C.3_80_L.18.pdf": ("draft", None, "Violence against women migrant workers"),
    "A_C.3_80_L.22.pdf": (
        "draft",
        None,
        "Effective promotion of the Declaration on the Rights of Persons Belonging to "
        "National or Ethnic, Religious and Linguistic Minorities",
    ),
    "A_C.3_80_L.23.pdf": (
        "draft",
        None,
        "Office of the United Nations High Commissioner for Refugees",
    ),
    "A_C.3_80_L.29.pdf": (
        "draft",
        None,
        "Situation of human rights in the Democratic People\u2019s Republic of Korea",
    ),
    "A_C.3_80_L.32.pdf": (
        "draft",
        None,
        "Situation of human rights of Rohingya Muslims and other minorities in Myanmar",
    ),
    "A_C.3_80_L.42.pdf": (
        "draft",
        None,
        "Use of mercenaries as a means of violating human rights and impeding the exercise "
        "of the right of peoples to self-determination",
    ),
    "A_C.3_80_L.48.pdf": ("draft", None, "The safety of journalists and the issue of impunity"),
    "A_C.3_80_L.56.pdf": (
        "amendment",
        "A/C.3/80/L.2",
        "Combating glorification of Nazism, neo-Nazism and other practices that contribute "
        "to fuelling contemporary forms of racism, racial discrimination, xenophobia and "
        "related intolerance",
    ),
    "A_C.3_80_L.61.pdf": ("amendment", "A/C.3/80/L.20/Rev.1", "Rights of the child"),
    "A_C.3_80_L.65.pdf": ("amendment", "A/C.3/80/L.24", "Report of the Human Rights Council"),
}


def _symbol_of(name: str) -> str:
    return Path(name).stem.replace("_", "/")


def test_every_real_l_document_is_listed():
    """The table above covers every L document in ../shared/realdocs/pdf."""
    folder = shared_path("realdocs", "pdf")
    assert sorted(p.name for p in folder.glob("A_*L.*.pdf")) == sorted(REAL_DRAFTS)


@pytest.mark.parametrize("name", sorted(REAL_DRAFTS))
def test_real_l_document_header(name):
    """Each real L PDF gives its symbol, the Assembly, session 80, its status and title."""
    status, draft_symbol, title = REAL_DRAFTS[name]
    header = parse_structure(read_path(shared_path("realdocs", "pdf", name)).text).header
    assert (header.symbol, header.body, header.session) == (_symbol_of(name), "GA", 80)
    assert (header.status, header.draft_symbol) == (status, draft_symbol)
    assert header.number is None and header.adopted_on is None
    # Spacing inside words is the PDF reader's concern; the words themselves are checked here.
    assert title_key(header.title) == title_key(title)


# Plenary resolutions print the draft they were adopted from.
REAL_ADOPTED_FROM = {
    "A_RES_78_130.pdf": "A/78/L.14",
    "A_RES_79_232.pdf": "A/79/L.28/Rev.1",
    "A_RES_80_1.pdf": "A/80/L.2/Rev.1",
    "A_RES_80_7.pdf": "A/80/L.7",
    "A_RES_80_72.pdf": "A/80/L.16",
    "A_RES_80_173.pdf": "A/80/L.41",
}


@pytest.mark.parametrize("name", sorted(REAL_ADOPTED_FROM))
def test_real_adopted_resolution_names_its_draft(name):
    """ "[without reference to a Main Committee (A/80/L.2/Rev.1)]" gives the draft's symbol."""
    header = parse_structure(read_path(shared_path("realdocs", "pdf", name)).text).header
    assert (header.status, header.draft_symbol) == ("adopted", REAL_ADOPTED_FROM[name])


def test_real_adopted_resolutions_are_not_drafts():
    """No adopted resolution in ../shared/realdocs/pdf is read as a draft."""
    folder = shared_path("realdocs", "pdf")
    statuses = {
        path.name: parse_structure(read_path(path).text).header.status
        for path in sorted(folder.glob("A_RES_*.pdf"))
    }
    assert len(statuses) == 80
    assert {name for name, status in statuses.items() if status != "adopted"} == set()


COMMISSION_DRAFT = """United Nations E/CN.9/2033/L.6

Economic and Social Council Distr.: Limited
14 April 2033
Original: English

Commission on Population and Development
Sixty-sixth session
10-14 April 2033
Agenda item 4
Follow-up to the twenty-first special session of the General Assembly

Draft resolution submitted by the Chair of the Commission on the basis of informal consultations

Population dynamics and coastal cities

The Commission on Population and Development,

Recalling the Programme of Action of the International Conference on Population and Development,

1. Requests the Secretary-General to submit to the Commission at its sixty-seventh session a
report on population dynamics in coastal cities;

2. Also requests the Secretary-General to include information on the matter in his report to
the Council at its 2034 session;
"""


def test_functional_commission_draft_header():
    """A functional commission's draft (E/CN.<n>/<year>/L.<m>) is read as the genre prints
    it: its symbol, the commission named in the masthead and opening formula, the session
    under the commission's name (not the year in the symbol, nor a special session of the
    Assembly named in the agenda item), and "the Council" is the Economic and Social
    Council, the commission's parent."""
    result = extract_text(COMMISSION_DRAFT)
    assert (result.symbol, result.body, result.session, result.special_session) == (
        "E/CN.9/2033/L.6",
        "CPD",
        66,
        None,
    )
    assert (result.status, result.title) == ("draft", "Population dynamics and coastal cities")
    assert [(d.paragraph, d.due.body, d.due.session) for d in result.deliverables] == [
        ("1", "CPD", 67),
        ("2", "ECOSOC", 2034),
    ]


def test_functional_commission_draft_as_markdown():
    """The same masthead exported to Markdown (headings, the symbol after the body)."""
    text = (
        "# Economic and Social Council\n\nE/CN.6/2033/L.2  \nDistr.: Limited\n\n---\n\n"
        "## **Commission on the Status of Women**\n\nSixty-seventh session  \n"
        "**Draft resolution submitted by the Vice-Chair of the Commission, on the basis of "
        "informal consultations**\n\n### **Women in coastal cities**\n\n"
        "*The Commission on the Status of Women,*\n\n*Recalling* its resolutions,\n\n"
        "1. *Requests* the Secretary-General to submit to the Commission at its next session "
        "a report on women in coastal cities;\n"
    )
    result = extract_text(text)
    assert (result.symbol, result.body, result.session, result.status) == (
        "E/CN.6/2033/L.2",
        "CSW",
        67,
        "draft",
    )
    assert [(d.due.body, d.due.session) for d in result.deliverables] == [("CSW", 68)]
