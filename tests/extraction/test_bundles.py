"""A file that binds several resolutions together is refused, not read as the first one."""

import pytest

from mandates.extraction import extract_text
from mandates.extraction.errors import NotAResolutionError
from tests.samples import hrc_resolution

ASK = "Requests the Office of the High Commissioner to present a report at its sixty-first session;"


def test_two_resolutions_in_one_file_are_refused_and_named():
    first = hrc_resolution(number="58/97", operative=[ASK])
    second = hrc_resolution(number="58/98", title="Another text (example)", operative=[ASK])
    with pytest.raises(NotAResolutionError, match=r"holds 2 resolutions \(58/97, 58/98\)"):
        extract_text(first + "\n\f\n" + second, source_name="bundle.txt")


def test_one_resolution_is_read():
    result = extract_text(hrc_resolution(number="58/97", operative=[ASK]))
    assert result.symbol == "A/HRC/RES/58/97" and len(result.deliverables) == 1


def test_a_resolution_of_another_body_in_an_annex_is_no_bundle():
    """A General Assembly text that annexes a Council resolution is one resolution."""
    annexed = hrc_resolution(number="58/97", operative=[ASK])
    text = (
        "General Assembly\n\nEighty-first session\n\nAgenda item 68\n\n"
        "Resolution adopted by the General Assembly on 18 December 2026\n\n"
        "81/500.\tEndorsement of a Council text (example)\n\n"
        "The General Assembly,\n\nRecalling the Council's work,\n\n"
        "1. Endorses the resolution of the Council annexed to the present resolution;\n\n"
        "2. Requests the Secretary-General to submit a report at its eighty-second session;\n\n"
        "60th plenary meeting\n\n18 December 2026\n\nAnnex\n\n" + annexed
    )
    result = extract_text(text, source_name="A_RES_81_500.txt")
    assert result.symbol == "A/RES/81/500"
