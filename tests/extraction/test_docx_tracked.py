"""A .docx with tracked changes keeps both readings where they conflict, flagged; a .docx
that is not a resolution is refused."""

import pytest

from mandates.extraction import NotAResolutionError, extract_bytes
from mandates.extraction.readers import read_bytes
from tests.docx_builder import docx_bytes

HEADER = [
    "Human Rights Council",
    "Sixty-second session",
    "Agenda item 3",
    "Resolution adopted by the Human Rights Council on 8 July 2026",
    "62/9.\tInvented cooperation in the field of lighthouses",
    "The Human Rights Council,",
    [
        "Reaffirming the principles of universality and ",
        ("del", "nonselectivity"),
        ("ins", "non-selectivity"),
        ",",
    ],
]
REPORT = [
    "1.\tRequests the High Commissioner to prepare a report on invented lighthouses and to "
    "submit it to the Human Rights Council at its ",
    ("del", "sixty-second"),
    ("ins", "sixty-fifth"),
    " session;",
]
CONSIDERATION = [
    "3.\tDecides to continue its consideration of the matter at its ",
    ("del", "sixty-second"),
    ("ins", "sixty-fifth"),
    " session.",
]


def tracked_resolution(*middle):
    return docx_bytes([*HEADER, REPORT, *middle, CONSIDERATION])


def test_both_readings_read_from_the_word_file():
    """The text is the accepted reading; the text before the changes is kept beside it."""
    document = read_bytes(tracked_resolution(), "A_HRC_RES_62_9.docx")
    assert "sixty-fifth session" in document.text and "sixty-second" not in document.text
    assert "non-selectivity" in document.text and "nonselectivity" not in document.text
    assert "at its sixty-second session;" in document.original_text
    assert "sixty-fifth" not in document.original_text
    assert any("tracked changes" in warning for warning in document.warnings)


def test_changed_session_kept_as_alternative_and_flagged():
    """As in the seeds' tracked-change dump: due 65, the deleted 62 an alternative, flagged."""
    result = extract_bytes(tracked_resolution(), "A_HRC_RES_62_9.docx")
    [report] = result.deliverables
    assert (report.due.body, report.due.session, report.due.relation) == ("HRC", 65, "at")
    assert [(alt.body, alt.session) for alt in report.alternatives] == [("HRC", 62)]
    assert report.needs_review
    assert any(
        "before the changes the deadline read at HRC session 62" in r for r in report.review_reasons
    )
    assert (result.consideration.session, result.consideration.alternatives) == (65, [62])
    assert result.consideration.needs_review


def test_word_changes_outside_deliverables_flag_nothing():
    """A spelling fixed in the preamble changes no deliverable and flags none."""
    same = [
        "1.\tRequests the High Commissioner to prepare a report on invented lighthouses and to "
        "submit it to the Human Rights Council at its sixty-fifth session;"
    ]
    result = extract_bytes(docx_bytes([*HEADER, same]), "A_HRC_RES_62_9.docx")
    assert [d.needs_review for d in result.deliverables] == [False]


def test_inserted_and_deleted_requests():
    """A request inserted by a tracked change is flagged; a deleted one is reported."""
    inserted = [
        (
            "ins",
            "2.\tAlso requests the High Commissioner to convene a seminar on lighthouse "
            "safety before the sixty-fourth session of the Human Rights Council;",
        ),
    ]
    result = extract_bytes(tracked_resolution(inserted), "A_HRC_RES_62_9.docx")
    seminar = next(d for d in result.deliverables if d.kind == "seminar")
    assert seminar.needs_review
    assert any("added by a tracked change" in r for r in seminar.review_reasons)

    deleted = [
        (
            "del",
            "2.\tAlso requests the High Commissioner to convene a seminar on lighthouse "
            "safety before the sixty-fourth session of the Human Rights Council;",
        ),
    ]
    result = extract_bytes(tracked_resolution(deleted), "A_HRC_RES_62_9.docx")
    assert [d.kind for d in result.deliverables] == ["report"]
    assert any("seminar" in w and "deleted by a tracked change" in w for w in result.warnings)


def test_reworded_request_is_flagged_with_the_earlier_words():
    """Changed words in a request (same deadline) flag it, quoting the text before."""
    reworded = [
        "1.\tRequests the High Commissioner to prepare a ",
        ("del", "short"),
        ("ins", "comprehensive"),
        " report on invented lighthouses and to submit it to the Human Rights Council at its "
        "sixty-fifth session;",
    ]
    result = extract_bytes(docx_bytes([*HEADER, reworded]), "A_HRC_RES_62_9.docx")
    [report] = result.deliverables
    assert report.needs_review and report.alternatives == []
    assert any("short report" in reason for reason in report.review_reasons)


REPORT_DOCX = [
    "United Nations\tA/HRC/62/40",
    "General Assembly\tDistr.: General",
    "Human Rights Council",
    "Sixty-second session",
    "Agenda item 2",
    "Invented lighthouses",
    "Report of the United Nations High Commissioner for Human Rights",
    "Summary",
    "The present report is submitted pursuant to Human Rights Council resolution 59/98.",
    "1.\tThe Human Rights Council, in its resolution 59/98, requested the High Commissioner "
    "to prepare a report and to present it to the Council at its sixty-second session.",
    "2.\tRequests States to cooperate.",
]
BUDGET_DOCX = [
    "United Nations\tA/C.5/81/12",
    "General Assembly\tDistr.: General",
    "Eighty-first session",
    "Fifth Committee",
    "Revised estimates resulting from resolutions adopted by the Human Rights Council at its "
    "sixty-second session",
    "Report of the Secretary-General",
    "1.\tIn its resolution 62/9, the Council requested the High Commissioner to prepare a report.",
    "2.\tThe General Assembly is requested to approve additional resources of $120,000.",
]


@pytest.mark.parametrize(
    ("paragraphs", "said"),
    [
        (REPORT_DOCX, "A/HRC/62/40: \u201cReport of the United Nations High Commissioner\u201d"),
        (BUDGET_DOCX, "A/C.5/81/12: \u201cRevised estimates\u201d"),
    ],
)
def test_word_file_that_is_not_a_resolution_is_refused(paragraphs, said):
    """A report or a budget document in a .docx is refused, saying what it seems to be."""
    with pytest.raises(NotAResolutionError) as refused:
        extract_bytes(docx_bytes(paragraphs), "document.docx")
    assert refused.value.reason == (
        f"this is not a resolution but a report or another document ({said}); upload the "
        "resolution itself (the adopted text or its draft)"
    )


def test_report_refused_in_any_format():
    """The same report as plain text is refused the same way."""
    text = "\n\n".join(p for p in REPORT_DOCX)
    with pytest.raises(NotAResolutionError, match="A/HRC/62/40"):
        extract_bytes(text.encode(), "report.txt")
