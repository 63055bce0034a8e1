"""The 96 real UN PDFs in ../shared/realdocs/pdf, read as staff upload them.

Facts only: symbols, sessions, numbers, dates and titles were checked by reading each PDF's
first page; paragraph numbers and deliverables of the hand-checked files by reading their
operative paragraphs. No text of the resolutions is copied here: the files stay in ../shared
(tests fail in CI when they are absent, see tests/shared_data.py).
"""

from __future__ import annotations

import functools
import itertools
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from mandates.extraction import extract_file
from mandates.extraction.readers import read_path
from mandates.models import Deliverable, Resolution
from tests.shared_data import shared_path

# (file, symbol, session, number, adopted on, title): General Assembly resolutions.
ADOPTED = [
    (
        "A_RES_78_102.pdf",
        "A/RES/78/102",
        78,
        "102",
        "2023-12-07",
        "Criminal accountability of United Nations officials and experts on mission",
    ),
    (
        "A_RES_78_103.pdf",
        "A/RES/78/103",
        78,
        "103",
        "2023-12-07",
        "Report of the United Nations Commission on International Trade Law on the work of its fifty-sixth session",
    ),
    (
        "A_RES_78_116.pdf",
        "A/RES/78/116",
        78,
        "116",
        "2023-12-07",
        "Report of the Committee on Relations with the Host Country",
    ),
    (
        "A_RES_78_130.pdf",
        "A/RES/78/130",
        78,
        "130",
        "2023-12-18",
        "Sustainable, safe and universal water, sanitation, hygiene, waste and electricity services in health-care facilities",
    ),
    (
        "A_RES_78_134.pdf",
        "A/RES/78/134",
        78,
        "134",
        "2023-12-19",
        "International trade and development",
    ),
    (
        "A_RES_78_160.pdf",
        "A/RES/78/160",
        78,
        "160",
        "2023-12-19",
        "Science, technology and innovation for sustainable development",
    ),
    (
        "A_RES_78_172.pdf",
        "A/RES/78/172",
        78,
        "172",
        "2023-12-19",
        "Inclusive policies and programmes to address homelessness, including in the aftermath of the coronavirus disease (COVID-19)",
    ),
    (
        "A_RES_78_174.pdf",
        "A/RES/78/174",
        78,
        "174",
        "2023-12-19",
        "Implementation of the outcome of the World Summit for Social Development and of the twenty-fourth special session of the General Assembly",
    ),
    (
        "A_RES_78_180.pdf",
        "A/RES/78/180",
        78,
        "180",
        "2023-12-19",
        "Violence against women migrant workers",
    ),
    (
        "A_RES_78_207.pdf",
        "A/RES/78/207",
        78,
        "207",
        "2023-12-19",
        "International Convention for the Protection of All Persons from Enforced Disappearance",
    ),
    (
        "A_RES_78_213.pdf",
        "A/RES/78/213",
        78,
        "213",
        "2023-12-19",
        "Promotion and protection of human rights in the context of digital technologies",
    ),
    (
        "A_RES_78_215.pdf",
        "A/RES/78/215",
        78,
        "215",
        "2023-12-19",
        "The safety of journalists and the issue of impunity",
    ),
    (
        "A_RES_78_247.pdf",
        "A/RES/78/247",
        78,
        "247",
        "2023-12-22",
        "Report on the activities of the Office of Internal Oversight Services",
    ),
    (
        "A_RES_78_251.pdf",
        "A/RES/78/251",
        78,
        "251",
        "2023-12-22",
        "Proposed programme budget for 2024: section 26, Palestine refugees",
    ),
    (
        "A_RES_78_252.pdf",
        "A/RES/78/252",
        78,
        "252",
        "2023-12-22",
        "Questions relating to the proposed programme budget for 2024",
    ),
    (
        "A_RES_78_264.pdf",
        "A/RES/78/264",
        78,
        "264",
        "2024-03-15",
        "Measures to combat Islamophobia",
    ),
    (
        "A_RES_78_283.pdf",
        "A/RES/78/283",
        78,
        "283",
        "2024-06-04",
        "Status of internally displaced persons and refugees from Abkhazia, Georgia, and the Tskhinvali region/South Ossetia, Georgia",
    ),
    (
        "A_RES_78_301.pdf",
        "A/RES/78/301",
        78,
        "301",
        "2024-06-28",
        "Financing of the United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
    ),
    (
        "A_RES_78_33.pdf",
        "A/RES/78/33",
        78,
        "33",
        "2023-12-04",
        "Follow-up to the advisory opinion of the International Court of Justice on the legality of the threat or use of nuclear weapons",
    ),
    (
        "A_RES_78_43.pdf",
        "A/RES/78/43",
        78,
        "43",
        "2023-12-04",
        "Measures to prevent terrorists from acquiring weapons of mass destruction",
    ),
    (
        "A_RES_78_47.pdf",
        "A/RES/78/47",
        78,
        "47",
        "2023-12-04",
        "Through-life conventional ammunition management",
    ),
    (
        "A_RES_78_67.pdf",
        "A/RES/78/67",
        78,
        "67",
        "2023-12-04",
        "Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on Their Destruction",
    ),
    (
        "A_RES_78_73.pdf",
        "A/RES/78/73",
        78,
        "73",
        "2023-12-07",
        "Operations of the United Nations Relief and Works Agency for Palestine Refugees in the Near East",
    ),
    (
        "A_RES_78_75.pdf",
        "A/RES/78/75",
        78,
        "75",
        "2023-12-07",
        "Palestine refugees’ properties and their revenues",
    ),
    (
        "A_RES_78_99.pdf",
        "A/RES/78/99",
        78,
        "99",
        "2023-12-07",
        "Question of the United States Virgin Islands",
    ),
    (
        "A_RES_79_139.pdf",
        "A/RES/79/139",
        79,
        "139",
        "2024-12-09",
        "International cooperation on humanitarian assistance in the field of natural disasters, from relief to development",
    ),
    (
        "A_RES_79_149.pdf",
        "A/RES/79/149",
        79,
        "149",
        "2024-12-17",
        "Inclusive development for and with persons with disabilities",
    ),
    (
        "A_RES_79_155.pdf",
        "A/RES/79/155",
        79,
        "155",
        "2024-12-17",
        "Intensification of efforts to end obstetric fistula",
    ),
    (
        "A_RES_79_168.pdf",
        "A/RES/79/168",
        79,
        "168",
        "2024-12-17",
        "Promotion of a democratic and equitable international order",
    ),
    (
        "A_RES_79_187.pdf",
        "A/RES/79/187",
        79,
        "187",
        "2024-12-17",
        "Reducing reoffending through rehabilitation and reintegration",
    ),
    (
        "A_RES_79_2.pdf",
        "A/RES/79/2",
        79,
        "2",
        "2024-10-07",
        "Political declaration of the high-level meeting on antimicrobial resistance",
    ),
    (
        "A_RES_79_20.pdf",
        "A/RES/79/20",
        79,
        "20",
        "2024-12-02",
        "No first placement of weapons in outer space",
    ),
    (
        "A_RES_79_21.pdf",
        "A/RES/79/21",
        79,
        "21",
        "2024-12-02",
        "Further practical measures for the prevention of an arms race in outer space",
    ),
    (
        "A_RES_79_232.pdf",
        "A/RES/79/232",
        79,
        "232",
        "2024-12-19",
        "Request for an advisory opinion of the International Court of Justice on the obligations of Israel in relation to the presence and activities of the United Nations, other international organizations and third States",
    ),
    ("A_RES_79_236.pdf", "A/RES/79/236", 79, "236", "2024-12-24", "South-South cooperation"),
    (
        "A_RES_79_237.pdf",
        "A/RES/79/237",
        79,
        "237",
        "2024-12-24",
        "Open-ended working group on security of and in the use of information and communications technologies 2021–2025 established pursuant to General Assembly resolution 75/240",
    ),
    (
        "A_RES_79_242.pdf",
        "A/RES/79/242",
        79,
        "242",
        "2024-12-24",
        "United Nations African Institute for the Prevention of Crime and the Treatment of Offenders",
    ),
    (
        "A_RES_79_264.pdf",
        "A/RES/79/264",
        79,
        "264",
        "2025-01-15",
        "Promotion of durable peace through sustainable development in Africa",
    ),
    (
        "A_RES_79_274.pdf",
        "A/RES/79/274",
        79,
        "274",
        "2025-03-21",
        "Permanent neutrality of Turkmenistan",
    ),
    (
        "A_RES_79_278.pdf",
        "A/RES/79/278",
        79,
        "278",
        "2025-03-25",
        "Scope, modalities, format and organization of the High-level Conference on the Situation of Rohingya Muslims and Other Minorities in Myanmar",
    ),
    (
        "A_RES_79_289.pdf",
        "A/RES/79/289",
        79,
        "289",
        "2025-05-27",
        "Scope, modalities, format and organization of the high-level plenary meeting of the General Assembly to commemorate the thirtieth anniversary of the World Programme of Action for Youth",
    ),
    (
        "A_RES_79_292.pdf",
        "A/RES/79/292",
        79,
        "292",
        "2025-06-03",
        "Status of internally displaced persons and refugees from Abkhazia, Georgia, and the Tskhinvali region/South Ossetia, Georgia",
    ),
    (
        "A_RES_79_311.pdf",
        "A/RES/79/311",
        79,
        "311",
        "2025-06-30",
        "Financing of the African Union-United Nations Hybrid Operation in Darfur",
    ),
    (
        "A_RES_79_312.pdf",
        "A/RES/79/312",
        79,
        "312",
        "2025-06-30",
        "Financing of the activities arising from Security Council resolution 1863 (2009)",
    ),
    (
        "A_RES_79_320.pdf",
        "A/RES/79/320",
        79,
        "320",
        "2025-07-25",
        "International Day of Awareness of the Special Development Needs and Challenges of Landlocked Developing Countries",
    ),
    (
        "A_RES_79_334.pdf",
        "A/RES/79/334",
        79,
        "334",
        "2025-09-05",
        "Impact of rapid technological change on the achievement of the Sustainable Development Goals and targets",
    ),
    (
        "A_RES_79_35.pdf",
        "A/RES/79/35",
        79,
        "35",
        "2024-12-02",
        "Towards a nuclear-weapon-free world: accelerating the implementation of nuclear disarmament commitments",
    ),
    ("A_RES_79_62.pdf", "A/RES/79/62", 79, "62", "2024-12-02", "Lethal autonomous weapons systems"),
    (
        "A_RES_79_69.pdf",
        "A/RES/79/69",
        79,
        "69",
        "2024-12-02",
        "United Nations Disarmament Information Programme",
    ),
    (
        "A_RES_79_80.pdf",
        "A/RES/79/80",
        79,
        "80",
        "2024-12-02",
        "Promoting international cooperation on peaceful uses in the context of international security",
    ),
    (
        "A_RES_80_1.pdf",
        "A/RES/80/1",
        80,
        "1",
        "2025-09-19",
        "Participation by the State of Palestine during the eightieth session",
    ),
    (
        "A_RES_80_114.pdf",
        "A/RES/80/114",
        80,
        "114",
        "2025-12-12",
        "Credentials of representatives to the eightieth session of the General Assembly",
    ),
    (
        "A_RES_80_125.pdf",
        "A/RES/80/125",
        80,
        "125",
        "2025-12-15",
        "Financial inclusion for sustainable development",
    ),
    (
        "A_RES_80_127.pdf",
        "A/RES/80/127",
        80,
        "127",
        "2025-12-15",
        "Promoting investments for sustainable development",
    ),
    (
        "A_RES_80_134.pdf",
        "A/RES/80/134",
        80,
        "134",
        "2025-12-15",
        "Sustainable and resilient tourism and sustainable development in Central America and the Dominican Republic",
    ),
    (
        "A_RES_80_138.pdf",
        "A/RES/80/138",
        80,
        "138",
        "2025-12-15",
        "Protection of global climate for present and future generations of humankind",
    ),
    ("A_RES_80_143.pdf", "A/RES/80/143", 80, "143", "2025-12-15", "Combating sand and dust storms"),
    (
        "A_RES_80_147.pdf",
        "A/RES/80/147",
        80,
        "147",
        "2025-12-15",
        "Science, technology and innovation for sustainable development",
    ),
    (
        "A_RES_80_163.pdf",
        "A/RES/80/163",
        80,
        "163",
        "2025-12-15",
        "United Nations Programme of Assistance in the Teaching, Study, Dissemination and Wider Appreciation of International Law",
    ),
    (
        "A_RES_80_166.pdf",
        "A/RES/80/166",
        80,
        "166",
        "2025-12-15",
        "Report of the Special Committee on the Charter of the United Nations and on the Strengthening of the Role of the Organization",
    ),
    (
        "A_RES_80_167.pdf",
        "A/RES/80/167",
        80,
        "167",
        "2025-12-15",
        "The rule of law at the national and international levels",
    ),
    (
        "A_RES_80_173.pdf",
        "A/RES/80/173",
        80,
        "173",
        "2025-12-17",
        "Outcome document of the high-level meeting of the General Assembly on the overall review of the implementation of the outcomes of the World Summit on the Information Society",
    ),
    ("A_RES_80_177.pdf", "A/RES/80/177", 80, "177", "2025-12-15", "Persons with albinism"),
    (
        "A_RES_80_19.pdf",
        "A/RES/80/19",
        80,
        "19",
        "2025-12-01",
        "Prevention of an arms race in outer space",
    ),
    ("A_RES_80_191.pdf", "A/RES/80/191", 80, "191", "2025-12-15", "Rights of Indigenous Peoples"),
    (
        "A_RES_80_195.pdf",
        "A/RES/80/195",
        80,
        "195",
        "2025-12-15",
        "The right of the Palestinian people to self-determination",
    ),
    (
        "A_RES_80_209.pdf",
        "A/RES/80/209",
        80,
        "209",
        "2025-12-18",
        "Human rights and unilateral coercive measures",
    ),
    (
        "A_RES_80_21.pdf",
        "A/RES/80/21",
        80,
        "21",
        "2025-12-01",
        "Further practical measures for the prevention of an arms race in outer space",
    ),
    (
        "A_RES_80_211.pdf",
        "A/RES/80/211",
        80,
        "211",
        "2025-12-18",
        "Protection of and assistance to internally displaced persons",
    ),
    (
        "A_RES_80_229.pdf",
        "A/RES/80/229",
        80,
        "229",
        "2025-12-18",
        "Strengthening the United Nations crime prevention and criminal justice programme, in particular its technical cooperation capacity",
    ),
    (
        "A_RES_80_230.pdf",
        "A/RES/80/230",
        80,
        "230",
        "2025-12-18",
        "Financial arrangements and procedures for the implementation of resolution 2719 (2023)",
    ),
    (
        "A_RES_80_25.pdf",
        "A/RES/80/25",
        80,
        "25",
        "2025-12-01",
        "Relationship between disarmament and development",
    ),
    (
        "A_RES_80_45.pdf",
        "A/RES/80/45",
        80,
        "45",
        "2025-12-01",
        "Follow-up to nuclear disarmament obligations agreed to at the 1995, 2000 and 2010 Review Conferences of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons",
    ),
    (
        "A_RES_80_48.pdf",
        "A/RES/80/48",
        80,
        "48",
        "2025-12-01",
        "Steps to building a common roadmap towards a world without nuclear weapons",
    ),
    (
        "A_RES_80_56.pdf",
        "A/RES/80/56",
        80,
        "56",
        "2025-12-01",
        "Modalities of the 2026 meeting on victim assistance and environmental remediation",
    ),
    (
        "A_RES_80_67.pdf",
        "A/RES/80/67",
        80,
        "67",
        "2025-12-01",
        "The risk of nuclear proliferation in the Middle East",
    ),
    (
        "A_RES_80_7.pdf",
        "A/RES/80/7",
        80,
        "7",
        "2025-11-14",
        "Report of the International Atomic Energy Agency",
    ),
    (
        "A_RES_80_70.pdf",
        "A/RES/80/70",
        80,
        "70",
        "2025-12-01",
        "Comprehensive Nuclear-Test-Ban Treaty",
    ),
    (
        "A_RES_80_72.pdf",
        "A/RES/80/72",
        80,
        "72",
        "2025-12-02",
        "Peaceful settlement of the question of Palestine",
    ),
    ("A_RES_80_89.pdf", "A/RES/80/89", 80, "89", "2025-12-05", "Question of Western Sahara"),
]

# (file, symbol, title, amendment?): drafts (L documents) of the eightieth session.
DRAFTS = [
    (
        "A_80_L.2.pdf",
        "A/80/L.2",
        "Participation by the State of Palestine during the eightieth session",
        False,
    ),
    (
        "A_80_L.34.pdf",
        "A/80/L.34",
        "Political declaration of the fourth high-level meeting of the General Assembly on the prevention and control of noncommunicable diseases and the promotion of mental health and well-being",
        False,
    ),
    (
        "A_80_L.35.pdf",
        "A/80/L.35",
        "Strengthening of international cooperation and coordination of efforts to study, mitigate and minimize the consequences of the Chornobyl disaster",
        True,
    ),
    (
        "A_80_L.8.pdf",
        "A/80/L.8",
        "2025 Political Declaration on the Implementation of the United Nations Global Plan of Action to Combat Trafficking in Persons",
        False,
    ),
    ("A_C.3_80_L.14.pdf", "A/C.3/80/L.14", "Persons with albinism", False),
    ("A_C.3_80_L.17.pdf", "A/C.3/80/L.17", "Rights of Indigenous Peoples", False),
    ("A_C.3_80_L.18.pdf", "A/C.3/80/L.18", "Violence against women migrant workers", False),
    (
        "A_C.3_80_L.22.pdf",
        "A/C.3/80/L.22",
        "Effective promotion of the Declaration on the Rights of Persons Belonging to National or Ethnic, Religious and Linguistic Minorities",
        False,
    ),
    (
        "A_C.3_80_L.23.pdf",
        "A/C.3/80/L.23",
        "Office of the United Nations High Commissioner for Refugees",
        False,
    ),
    (
        "A_C.3_80_L.29.pdf",
        "A/C.3/80/L.29",
        "Situation of human rights in the Democratic People’s Republic of Korea",
        False,
    ),
    (
        "A_C.3_80_L.32.pdf",
        "A/C.3/80/L.32",
        "Situation of human rights of Rohingya Muslims and other minorities in Myanmar",
        False,
    ),
    (
        "A_C.3_80_L.42.pdf",
        "A/C.3/80/L.42",
        "Use of mercenaries as a means of violating human rights and impeding the exercise of the right of peoples to self-determination",
        False,
    ),
    (
        "A_C.3_80_L.48.pdf",
        "A/C.3/80/L.48",
        "The safety of journalists and the issue of impunity",
        False,
    ),
    (
        "A_C.3_80_L.56.pdf",
        "A/C.3/80/L.56",
        "Combating glorification of Nazism, neo-Nazism and other practices that contribute to fuelling contemporary forms of racism, racial discrimination, xenophobia and related intolerance",
        True,
    ),
    ("A_C.3_80_L.61.pdf", "A/C.3/80/L.61", "Rights of the child", True),
    ("A_C.3_80_L.65.pdf", "A/C.3/80/L.65", "Report of the Human Rights Council", True),
]

# Hand-checked: the last printed operative number, and the dated deliverables as
# (paragraph, verb of the paragraph, actor, kind, body, session).
HAND_CHECKED = {
    "A_RES_78_130.pdf": (7, [("7", "Also requests", "Secretary-General", "report", "GA", 79)]),
    "A_RES_78_134.pdf": (35, [("35", "Requests", "Secretary-General", "report", "GA", 79)]),
    "A_RES_78_160.pdf": (
        46,
        [
            ("45", "Invites", "President of the General Assembly", "meeting", "GA", 80),
            ("46", "Requests", "Secretary-General", "report", "GA", 80),
        ],
    ),
    "A_RES_78_172.pdf": (23, [("23", "Requests", "Secretary-General", "report", "GA", 80)]),
    "A_RES_78_207.pdf": (23, [("22", "Requests", "Secretary-General", "report", "GA", 80)]),
    "A_RES_78_215.pdf": (
        26,
        [
            ("26", "Requests", "Secretary-General", "report", "GA", 80),
            ("26", "Requests", "Secretary-General", "report", "HRC", 61),
        ],
    ),
    "A_RES_78_264.pdf": (6, [("6", "Requests", "Secretary-General", "report", "GA", 79)]),
    "A_RES_78_283.pdf": (8, [("7", "Requests", "Secretary-General", "report", "GA", 79)]),
    "A_RES_78_75.pdf": (6, [("6", "Requests", "Secretary-General", "report", "GA", 79)]),
    "A_RES_78_99.pdf": (
        17,
        [("17", "Requests", "Special Committee on Decolonization", "report", "GA", 79)],
    ),
    "A_RES_79_139.pdf": (108, [("108", "Requests", "Secretary-General", "report", "GA", 80)]),
    "A_RES_79_155.pdf": (18, [("18", "Requests", "Secretary-General", "report", "GA", 81)]),
    "A_RES_79_236.pdf": (31, [("30", "Requests", "Secretary-General", "report", "GA", 80)]),
    "A_RES_79_242.pdf": (29, [("29", "Requests", "Secretary-General", "report", "GA", 81)]),
    "A_RES_79_69.pdf": (8, [("7", "Requests", "Secretary-General", "report", "GA", 82)]),
    "A_RES_80_134.pdf": (35, [("35", "Requests", "Secretary-General", "report", "GA", 82)]),
    "A_RES_80_143.pdf": (27, [("27", "Also requests", "Secretary-General", "report", "GA", 81)]),
    "A_RES_80_177.pdf": (17, [("16", "Requests", "Secretary-General", "report", "GA", 82)]),
}

ALL_FILES = sorted([row[0] for row in ADOPTED] + [row[0] for row in DRAFTS])


def _pdf(name: str) -> Path:
    return shared_path("realdocs", "pdf", name)


@functools.cache
def _vocabulary() -> frozenset[str]:
    """The words of the plain-text corpus (clean texts of other UN resolutions)."""
    words: set[str] = set()
    for path in shared_path("corpus").rglob("*.txt"):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", path.read_text()))
    return frozenset(words)


def test_the_table_covers_every_file():
    """Every PDF in ../shared/realdocs/pdf has its facts in this module."""
    on_disk = sorted(path.name for path in shared_path("realdocs", "pdf").glob("*.pdf"))
    assert on_disk == ALL_FILES
    assert len(ALL_FILES) == 96


@pytest.mark.parametrize(("name", "symbol", "session", "number", "adopted_on", "title"), ADOPTED)
def test_adopted_resolution_header(name, symbol, session, number, adopted_on, title):
    """Symbol, body, session, number, title and adoption date as printed on page 1."""
    result = extract_file(_pdf(name))
    assert (result.symbol, result.body, result.session, result.number) == (
        symbol,
        "GA",
        session,
        number,
    )
    assert result.adopted_on == date.fromisoformat(adopted_on)
    assert result.title == title


@pytest.mark.parametrize(("name", "symbol", "title", "amendment"), DRAFTS)
def test_draft_masthead_is_read_as_printed(name, symbol, title, amendment):
    """A draft's masthead gives its symbol, body and session; its title stands unsplit as
    the paragraph after the sponsors' line (or the amendment's line)."""
    paragraphs = read_path(_pdf(name)).text.split("\n\n")
    sponsors = next(i for i, p in enumerate(paragraphs) if "draft resolution" in p.lower())
    assert paragraphs[sponsors + 1] == title
    assert ("amendment to" in paragraphs[sponsors]) == amendment
    head = paragraphs[:sponsors]
    assert symbol in head[:4]
    assert "General Assembly" in head and "Eightieth session" in head


_JOB = re.compile(r"\b\d{2}-\d{5}\b|\*\d{6,}\*|Please recycle")
_ALONE = re.compile(r"^(?:\d{1,3}|\d{1,3}/\d{1,3}|[ivx]{1,4})$")
_SPLIT = re.compile(
    r"[a-z] -[a-z]|[a-z]- (?!and |or |to |but )[a-z]|\b[AES] /|/ ?RES ?/ |\bRES/ \d"
    r"|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[ -]? (?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("name", ALL_FILES)
def test_paragraphs_are_free_of_furniture_footnotes_and_split_words(name):
    """No paragraph holds a running header or footer, a job number, a bar code, a page
    number or a footnote's text; footnotes are numbered 1..n, each with its text and its
    mark's place; no word is split by a stray space."""
    document = read_path(_pdf(name))
    paragraphs = document.text.split("\n\n")
    own = name.removesuffix(".pdf").replace("_", "/")
    masthead = next(i for i, p in enumerate(paragraphs) if p.startswith("General Assembly"))
    for index, paragraph in enumerate(paragraphs):
        assert not _JOB.search(paragraph), paragraph
        assert not _ALONE.match(paragraph), paragraph
        if index > masthead:
            assert own + " " not in paragraph + " ", paragraph  # the running header
        found = _SPLIT.search(paragraph)
        assert found is None, paragraph[max(0, found.start() - 40) : found.end() + 40]
    for footnote in document.footnotes:
        assert footnote.text and footnote.anchor is not None, footnote
        if len(footnote.text) >= 30:
            assert footnote.text not in document.text, footnote
    numbers = [int(f.mark) for f in document.footnotes if f.mark.isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))
    words = _vocabulary()
    pieces = [p.strip("“”‘’\"'()[],;:.!?").lower() for p in document.text.split()]
    for left, right in itertools.pairwise(pieces):
        if left.isalpha() and right.isalpha() and (left not in words or right not in words):
            assert left + right not in words, f"{left} {right}"


@pytest.mark.parametrize(("name", "symbol", "session", "number", "adopted_on", "title"), ADOPTED)
def test_printed_paragraph_numbers_are_kept(name, symbol, session, number, adopted_on, title):
    """Operative paragraphs carry their printed numbers in order, 1 to n (a declaration in
    an annex starts again at 1)."""
    result = extract_file(_pdf(name))
    numbers = [int(op.number) for op in result.operative if op.number and op.number.isdigit()]
    runs = [[numbers[0]]] if numbers else []
    for value in numbers[1:]:
        if value == 1:
            runs.append([value])
        else:
            runs[-1].append(value)
    for run in runs:
        assert run == list(range(1, len(run) + 1)), numbers
    assert not [w for w in result.warnings if "numbering" in w and "follows" in w] or len(runs) > 1


@pytest.mark.parametrize("name", sorted(HAND_CHECKED))
def test_hand_checked_paragraphs_and_deliverables(name):
    """The operative paragraphs run to the printed last number and the dated deliverables
    are the ones a reader finds (paragraph, actor, kind, body, session)."""
    last, expected = HAND_CHECKED[name]
    result = extract_file(_pdf(name))
    assert result.operative[-1].number == str(last)
    assert len(result.operative) == last
    verbs = {op.number: op.verb for op in result.operative}
    dated = {
        (d.paragraph, d.actor, d.kind, d.due.body, d.due.session)
        for d in result.deliverables
        if d.due is not None and d.due.session is not None
    }
    for paragraph, verb, actor, kind, body, session in expected:
        assert verbs[paragraph] == verb
        assert (paragraph, actor, kind, body, session) in dated


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_ingest_of_a_real_pdf_stores_its_header_and_deliverables(_media):
    """`manage.py ingest` of a UN PDF stores the printed header and the deliverables with
    their paragraph, actor, kind and due session, and no page furniture in the text."""
    path = _pdf("A_RES_79_155.pdf")
    out = StringIO()
    call_command("ingest", str(path), stdout=out, stderr=StringIO())
    assert "1 new" in out.getvalue()
    resolution = Resolution.objects.get()
    assert resolution.symbol == "A/RES/79/155"
    assert (resolution.body.code, resolution.session.number, resolution.number) == ("GA", 79, "155")
    assert resolution.title == "Intensification of efforts to end obstetric fistula"
    assert resolution.adopted_on == date(2024, 12, 17)
    assert "24-2" not in resolution.text and "A/RES/79/155 " not in resolution.text
    operative = resolution.paragraphs.filter(part="operative").exclude(number__contains="(")
    assert operative.count() == 18
    stored = {
        (d.mandate.paragraph_label, d.mandate.actor.name, d.kind, d.due_session.number)
        for d in Deliverable.objects.select_related("mandate__actor", "due_session")
        if d.due_session is not None
    }
    assert ("18", "Secretary-General", "report", 81) in stored


@pytest.mark.django_db
def test_ingest_of_real_pdfs_stores_what_held_out_sets_5_and_6_found(_media):
    """`manage.py ingest` of two real PDFs stores what 0.3.5-0.3.7 read: the report whose
    adjectives a comma separates (A/RES/78/180, 52) and, in the UNHCR draft A/C.3/80/L.23,
    "the High Commissioner"'s report as UNHCR's, flagged for review (not OHCHR's)."""
    out = StringIO()
    paths = [str(_pdf("A_RES_78_180.pdf")), str(_pdf("A_C.3_80_L.23.pdf"))]
    call_command("ingest", *paths, stdout=out, stderr=StringIO())
    assert "2 new" in out.getvalue()
    stored = {
        (
            d.mandate.resolution.symbol,
            d.mandate.paragraph_label,
            d.mandate.actor.name,
            d.kind,
            d.due_session.number,
            d.needs_review,
        )
        for d in Deliverable.objects.select_related(
            "mandate__actor", "mandate__resolution", "due_session"
        )
        if d.due_session is not None
    }
    assert ("A/RES/78/180", "52", "Secretary-General", "report", 80, False) in stored
    assert ("A/C.3/80/L.23", "92", "UNHCR", "report", 81, True) in stored
    assert not Deliverable.objects.filter(
        mandate__resolution__symbol="A/C.3/80/L.23", mandate__actor__name="High Commissioner"
    ).exists()


@pytest.mark.django_db
def test_ingest_of_a_declaration_in_bare_first_person_verbs(_media):
    """`manage.py ingest` of A/RES/79/2, a political declaration whose paragraphs open with
    the bare verb ("105. Request the Secretary-General ... a progress report ... during the
    eighty-first session"): the report is stored at GA 81, flagged as annexed text, and the
    meeting of paragraph 106 keeps no session (its modalities are "decided no later than"
    the eighty-third)."""
    out = StringIO()
    call_command("ingest", str(_pdf("A_RES_79_2.pdf")), stdout=out, stderr=StringIO())
    assert "1 new" in out.getvalue()
    stored = {
        (
            d.mandate.paragraph_label,
            d.mandate.actor.name if d.mandate.actor else d.mandate.actor_name,
            d.kind,
            d.due_session.number if d.due_session else None,
            d.needs_review,
        )
        for d in Deliverable.objects.select_related("mandate__actor", "due_session")
    }
    assert ("annex.105", "Secretary-General", "report", 81, True) in stored
    assert ("annex.106", "General Assembly", "meeting", None, True) in stored
