"""Small sample resolutions written for the tests (real texts stay in ../shared)."""

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HRC_EXAMPLE = EXAMPLES / "A_HRC_RES_61_99.txt"
GA_EXAMPLE = EXAMPLES / "A_RES_81_999.md"


def hrc_resolution(
    *,
    number: str = "58/97",
    title: str = "Access to clean water in informal settlements (example)",
    operative: list[str],
    adopted: str = "3 April 2025",
) -> str:
    """A small HRC resolution with the given operative paragraphs (numbered from 1)."""
    session_words = {"58": "Fifty-eighth", "61": "Sixty-first", "59": "Fifty-ninth"}
    session = number.split("/")[0]
    paragraphs = "\n\n".join(f"{index}. {text}" for index, text in enumerate(operative, start=1))
    return (
        f"Human Rights Council\n\n{session_words.get(session, 'Sixty-first')} session\n\n"
        "Agenda item 3\n\n"
        f"Resolution adopted by the Human Rights Council on {adopted}\n\n"
        f"{number}.\t{title}\n\n"
        "The Human Rights Council,\n\n"
        "Recalling its previous resolutions on the subject,\n\n"
        f"{paragraphs}\n\n"
        f"50th meeting\n\n{adopted}\n\n[Adopted without a vote.]\n"
    )
