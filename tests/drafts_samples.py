"""Invented draft resolutions (L documents) and their adopted versions, for the tests.

Every text here is written for the tests; real L documents are read from ../shared.
"""

from __future__ import annotations

C3_HEADER = (
    "United Nations\tA/C.3/81/L.19\n\n"
    "General Assembly\tDistr.: Limited\n\n12 October 2026\n\nOriginal: English\n\n"
    "Eighty-first session\n\nThird Committee\n\nAgenda item 68 (b)\n\n"
    "Promotion and protection of human rights: human rights questions\n\n"
    "Freedonia and Sylvania:* draft resolution\n\n"
    "{title}\n\n"
)


def c3_draft(
    *, title: str = "Access to archives of invented commissions", operative: list[str]
) -> str:
    """A Third Committee draft (A/C.3/81/L.19) with the given operative paragraphs."""
    paragraphs = "\n\n".join(f"{index}.\t{text}" for index, text in enumerate(operative, 1))
    return (
        C3_HEADER.format(title=title) + "The General Assembly,\n\n"
        "Recalling its resolution 79/999 of 17 December 2024,\n\n"
        f"{paragraphs}\n\n"
        "* Any changes to the list of sponsors will be reflected in the official record.\n"
    )


def ga_adopted(
    *,
    number: str = "81/412",
    title: str = "Access to archives of invented commissions",
    operative: list[str],
    adopted: str = "16 December 2026",
) -> str:
    """The adopted General Assembly resolution (on the Third Committee's report)."""
    paragraphs = "\n\n".join(f"{index}.\t{text}" for index, text in enumerate(operative, 1))
    return (
        "United Nations\tA/RES/" + number + "\n\n"
        "General Assembly\tDistr.: General\n\n20 December 2026\n\n"
        "Eighty-first session\n\nAgenda item 68 (b)\n\n"
        f"Resolution adopted by the General Assembly on {adopted}\n\n"
        "[on the report of the Third Committee (A/81/480, para. 9)]\n\n"
        f"{number}.\t{title}\n\n"
        "The General Assembly,\n\n"
        "Recalling its resolution 79/999 of 17 December 2024,\n\n"
        f"{paragraphs}\n\n"
        "58th plenary meeting\n16 December 2026\n"
    )


PLENARY_DRAFT = (
    "United Nations\tA/81/L.6/Rev.1\n\n"
    "General Assembly\tDistr.: Limited\n\n2 November 2026\n\nOriginal: English\n\n"
    "Eighty-first session\n\nAgenda item 14\n\n"
    "Draft resolution submitted by the President of the General Assembly\n\n"
    "Modalities of an invented high-level meeting on coastal erosion\n\n"
    "The General Assembly,\n\n"
    "Recalling its resolution 80/998 of 1 June 2026,\n\n"
    "1.\tDecides to convene a high-level meeting on coastal erosion on 14 May 2027;\n\n"
    "2.\tRequests the Secretary-General to submit a report to the General Assembly at its "
    "eighty-second session on the preparations for the meeting;\n"
)

PLENARY_ADOPTED = (
    "United Nations\tA/RES/81/22\n\n"
    "General Assembly\tDistr.: General\n\n5 November 2026\n\n"
    "Eighty-first session\n\nAgenda item 14\n\n"
    "Resolution adopted by the General Assembly on 3 November 2026\n\n"
    "[without reference to a Main Committee (A/81/L.6/Rev.1)]\n\n"
    "81/22.\tModalities of an invented high-level meeting on coastal erosion\n\n"
    "The General Assembly,\n\n"
    "Recalling its resolution 80/998 of 1 June 2026,\n\n"
    "1.\tDecides to convene a high-level meeting on coastal erosion on 14 May 2027;\n\n"
    "2.\tRequests the Secretary-General to submit a report to the General Assembly at its "
    "eighty-second session on the preparations for the meeting;\n\n"
    "31st plenary meeting\n3 November 2026\n"
)

HRC_DRAFT = (
    "United Nations\tA/HRC/62/L.12\n\n"
    "General Assembly\tDistr.: Limited\n\n1 July 2026\n\nOriginal: English\n\n"
    "Human Rights Council\n\nSixty-second session\n\n15 June-10 July 2026\n\n"
    "Agenda item 3\n\nPromotion and protection of all human rights\n\n"
    "Freedonia,* Sylvania and Utopia: draft resolution\n\n"
    "62/...\tInvented rights of lighthouse keepers\n\n"
    "The Human Rights Council,\n\n"
    "Recalling its resolution 59/98 of 4 July 2025,\n\n"
    "1.\tRequests the High Commissioner to prepare a report on the rights of lighthouse "
    "keepers and to present it to the Human Rights Council at its sixty-fifth session;\n"
)

AMENDMENT = (
    "United Nations\tA/C.3/81/L.70\n\n"
    "General Assembly\tDistr.: Limited\n\n14 November 2026\n\nOriginal: English\n\n"
    "Eighty-first session\n\nThird Committee\n\nAgenda item 68 (b)\n\n"
    "Ruritania: amendment to draft resolution A/C.3/81/L.19\n\n"
    "Access to archives of invented commissions\n\n"
    "1.\tDelete operative paragraph 2.\n\n"
    "2.\tIn operative paragraph 3, replace \u201cwelcomes\u201d with \u201ctakes note of\u201d.\n"
)


HRC_TITLE = "Invented rights of lighthouse keepers"


def hrc_draft(*, symbol: str = "A/HRC/62/L.12", operative: list[str]) -> str:
    """A Council draft (A/HRC/62/L.12, or a revision: "A/HRC/62/L.12/Rev.1") with the
    given operative paragraphs."""
    paragraphs = "\n\n".join(f"{index}.\t{text}" for index, text in enumerate(operative, 1))
    return (
        f"United Nations\t{symbol}\n\n"
        "General Assembly\tDistr.: Limited\n\n1 July 2026\n\nOriginal: English\n\n"
        "Human Rights Council\n\nSixty-second session\n\n15 June-10 July 2026\n\n"
        "Agenda item 3\n\nPromotion and protection of all human rights\n\n"
        "Freedonia,* Sylvania and Utopia: draft resolution\n\n"
        f"62/...\t{HRC_TITLE}\n\n"
        "The Human Rights Council,\n\n"
        "Recalling its resolution 59/98 of 4 July 2025,\n\n"
        f"{paragraphs}\n"
    )


def hrc_adopted(*, on_the_basis_of: str | None, operative: list[str]) -> str:
    """The adopted Council resolution A/HRC/RES/62/12, printing the draft it was adopted
    on the basis of (None: printing none)."""
    paragraphs = "\n\n".join(f"{index}.\t{text}" for index, text in enumerate(operative, 1))
    basis = f"[on the basis of draft resolution {on_the_basis_of}]\n\n" if on_the_basis_of else ""
    return (
        "United Nations\tA/HRC/RES/62/12\n\n"
        "General Assembly\tDistr.: General\n\n15 July 2026\n\n"
        "Human Rights Council\n\nSixty-second session\n\n15 June-10 July 2026\n\n"
        "Agenda item 3\n\nPromotion and protection of all human rights\n\n"
        "Resolution adopted by the Human Rights Council on 9 July 2026\n\n"
        f"{basis}"
        f"62/12.\t{HRC_TITLE}\n\n"
        "The Human Rights Council,\n\n"
        "Recalling its resolution 59/98 of 4 July 2025,\n\n"
        f"{paragraphs}\n\n"
        "40th meeting\n9 July 2026\n\n[Adopted without a vote.]\n"
    )
