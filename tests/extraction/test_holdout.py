"""The extractor on held-out label sets that nobody tuned it on.

Each set was labelled by reading the texts before running the extractor; the figures guard
the quality bar (F1 >= 0.98 on deadline deliverables for sets 1-3, headers right for at
least 98% of documents; sets 4 and 5 read real PDFs).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import shared_path

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("labels", "least_f1", "least_headers"),
    [
        ("labels_holdout", 0.98, 0.98),
        ("labels_holdout2", 0.98, 0.98),
        ("labels_holdout3", 0.98, 0.98),
        # GA-heavy, real PDFs and ECOSOC (first blind score 0.808, see its README); 0.982
        # and every header right since the PDF reader's fixes, the one miss a judgement call
        ("labels_holdout4", 0.98, 1.0),
        # 46 GA PDFs whose deliverables nobody had examined (first blind score 0.909, see
        # its README); 0.957 with 0.3.11, the misses two judgement calls
        ("labels_holdout5", 0.95, 1.0),
        # 9 GA drafts (first blind score 0.632, see its README); 0.880 with 0.3.11
        ("labels_holdout6", 0.88, 1.0),
        # 19 HRC and 13 ECOSOC texts (first blind score 0.909; both misses judgement calls)
        ("labels_holdout7", 0.90, 1.0),
        # 12 invented texts labelled blind (first score 0.940, see its README); 0.952 with
        # 0.3.15, 0.965 with 0.3.19, the misses a wording left on purpose and judgement calls
        ("labels_holdout8", 0.96, 1.0),
        # 12 more invented texts labelled blind by another reader (first score 0.905, see
        # its README); 0.928 with 0.3.17, 0.939 with 0.3.19, 0.948 with 0.3.22
        ("labels_holdout9", 0.94, 1.0),
        # 12 invented texts in Word (automatic numbering) and HTML (<ol>) layouts, labelled
        # blind by a third reader (first score 0.833, see its README); 0.943 with 0.3.20,
        # 1.000 with 0.3.22
        ("labels_holdout10", 1.0, 1.0),
        # 12 invented texts, 5 of them PDFs in the UN layout, labelled blind by a fourth
        # reader (first score 0.912, see its README); 0.925 with 0.3.21, 0.986 with 0.3.22
        ("labels_holdout11", 0.98, 1.0),
        # 12 invented texts in Word HTML, .docx, PDF-copy, Markdown and e-mail layouts,
        # labelled blind by a fifth reader (first score 0.831, see its README); 1.000 with
        # the fixes it led to (0.3.22)
        ("labels_holdout12", 1.0, 1.0),
        # 12 invented texts of earlier eras, omnibus texts and unusual session references,
        # labelled blind by a sixth reader (first score 0.971, see its README); 1.000 with
        # the fixes it led to (0.3.22)
        ("labels_holdout13", 1.0, 1.0),
        # 12 invented Council texts in Word (numbering, tracked changes, comments), PDF copy,
        # HTML and Markdown, labelled blind by a seventh reader (first score 0.983, the two
        # false positives kept on purpose, see its README)
        ("labels_holdout14", 0.98, 1.0),
        # 10 invented texts in the UN Word template and UN-layout PDFs, labelled blind by an
        # eighth reader (first score 0.902, see its README); 1.000 with the fixes (0.3.22)
        ("labels_holdout15", 1.0, 1.0),
        # 12 invented texts on how deadlines and actors are worded, as UN text exports and
        # HTML pages, labelled blind by a ninth reader (first score 0.959 at 0.3.22, 0.975
        # with the "respectively" rule of 0.3.23, see its README)
        ("labels_holdout16", 0.975, 1.0),
        # 25 real GA PDFs from ../shared/realdocs that no set had used, labelled blind by a
        # tenth reader (first score 0.930; the three misses its judgement calls)
        ("labels_holdout17", 0.93, 1.0),
        # Not held out: 24 real Council texts of the corpus (the extractor's development
        # texts) that no label had covered, labelled blind by an eleventh reader (first
        # score 0.955, both misses its judgement calls, see its README)
        ("labels_corpus_blind18", 0.955, 1.0),
        # 12 invented texts on the Council's and the Assembly's machinery (subsidiary bodies,
        # forums, Fifth Committee and resumed sessions), as .docx and wiki Markdown, labelled
        # blind by a twelfth reader (first score 0.962, see its README)
        ("labels_holdout19", 0.962, 1.0),
        # 12 invented texts as people save and send them (LibreOffice PDFs, Word with
        # automatic numbering, UN-website HTML, pandoc Markdown), labelled blind by a
        # thirteenth reader (first score 0.970, 1.000 without its judgement calls; one
        # commission draft's header unread, see its README; read with 0.3.28)
        ("labels_holdout20", 0.985, 1.0),  # 0.985 with 0.3.29
        # 12 invented texts on the variety of deadline wordings (.txt, .docx, LibreOffice
        # PDFs, HTML), labelled blind by a fourteenth reader (first score 0.979, 1.000
        # without its judgement calls, see its README)
        ("labels_holdout21", 0.989, 1.0),  # 0.989 with 0.3.29
        # 12 invented texts on who delivers what (.txt, .docx, LibreOffice PDFs, HTML; an
        # ECOSOC and a Fifth Committee text), labelled blind by a fifteenth reader (first
        # score 0.942, see its README); 1.000 with 0.3.27
        ("labels_holdout22", 1.0, 1.0),
        # 12 invented texts of less common forms (a special session, a Council decision,
        # Main Committee and plenary drafts, a commission draft, an Advisory Committee
        # recommendation), labelled blind by a sixteenth reader (first score 0.899 at
        # 0.3.27, see its README); 0.945 with 0.3.28, the Advisory Committee's
        # recommendation refused on purpose (its header unread)
        ("labels_holdout23", 0.945, 11 / 12),
        # 12 invented texts as staff receive them copied from elsewhere (web copies with
        # superscript footnote marks, a forwarded e-mail, browser-printed PDFs, Word
        # footnotes, split HTML), labelled blind by a seventeenth reader (first score 0.960
        # at 0.3.28 with paragraph labels compared without spaces, 0.933 before; the misses
        # its judgement calls). Headers: the reader gave a Security Council text no session
        # (the project reads its year, as set 10's reader did); a commission draft's
        # bracketed adoption note is read as its adoption date since 0.3.30 (11/12).
        ("labels_holdout24", 0.96, 11 / 12),
        # 12 invented texts whose page layout cuts through the requests (running heads,
        # footers and footnotes inside deadline phrases, margin line numbers, line-end
        # hyphens, annex tables, a struck session in a revised draft), labelled blind by an
        # eighteenth reader (first score 0.595 at 0.3.30, headers 8/12, see its README);
        # 0.990 with 0.3.33, its one miss the struck session (a judgement call)
        ("labels_holdout25", 0.99, 1.0),
        # 12 invented texts on precision (81 look-alikes of due work left unscored: recalled,
        # past and conditional requests, other bodies' sessions) and due work in unusual
        # grammar (a decision whose paragraphs are lettered, a session before the verb, joint
        # actors), labelled blind by a nineteenth reader (first score 0.878 at 0.3.33, headers
        # 11/12: the Security Council text given no session, as sets 10 and 24's readers did;
        # see its README); 0.952 with 0.3.40, the misses three judgement calls and the false
        # positive a conditional request (flagged for review)
        ("labels_holdout26", 0.952, 11 / 12),
        # 12 invented texts on reporting cycles (annual, biennial and alternate-year reports,
        # several sessions in one phrase, an oral update followed by a report, reports
        # "through the Economic and Social Council"), labelled blind by a reader who saw no
        # project code (first score 0.938 at 0.3.40, headers 11/12: the Security Council text
        # given no session, the project reads its year; see its README); 0.990 with 0.3.44,
        # its one miss a judgement call (the interactive dialogue that follows a report)
        ("labels_holdout27", 0.99, 11 / 12),
        # 12 invented texts on how a text names the session (ordinals and digits, "next",
        # "following", resumed parts, special sessions, "between the Nth and Mth sessions",
        # other bodies' sessions as traps), labelled blind by a reader who saw no project
        # code (first score 0.907 at 0.3.44, headers 11/12: the reader wrote the ECOSOC
        # session as the string "2050"; see its README); 0.989 with 0.3.46 (an HTML number in
        # an element of its own read as printed, an event between two sessions), its one
        # miss a judgement call
        ("labels_holdout28", 0.989, 11 / 12),
        # 12 invented texts on the structure of long texts (omnibus parts A-C, "5 bis"
        # paragraphs, a one-paragraph narrative decision, products listed before their
        # deadline, annex schedules), labelled blind by a reader who saw no project code
        # (first score 0.718 at 0.3.48, headers 10/12; see its README); 0.905 with 0.3.55,
        # the misses a .docx table the reader's converter made one row (flagged for review)
        # and judgement calls
        ("labels_holdout29", 0.905, 1.0),
        # 12 invented texts on mandates that run for years and texts that change earlier
        # ones (postponed panels, reports moved "instead of" a session), labelled blind by a
        # reader who saw no project code (first score 0.848 at 0.3.48; see its README);
        # 0.923 with 0.3.55, 0.988 without its judgement calls
        ("labels_holdout30", 0.923, 1.0),
        # 4 real PDFs no set had used (amendments, no scored row) and 8 invented texts of
        # other bodies (ECOSOC, commissions, WHA, a CRPD conference, ESCAP, the Security
        # Council), labelled blind (first score 0.727 at 0.3.48, headers 4/12; see its
        # README); 0.783 with 0.3.55 (0.900 without judgement calls). Headers 6/12: the
        # reader wrote ECOSOC sessions as strings and the Security Council's as none, named
        # bodies the project has no code for, and the World Health Assembly text (capital
        # verbs, "(1)" items) is refused
        ("labels_holdout31", 0.783, 6 / 12),
    ],
)
def test_held_out_deadline_f1_and_headers(labels, least_f1, least_headers):
    """Deadline deliverables score at least ``least_f1`` and headers are right."""
    shared_path("corpus")
    if (HERE / labels / "files.json").exists():
        shared_path("realdocs")  # the set reads real PDFs too
    result = subprocess.run(
        [sys.executable, str(HERE / "holdout_report.py"), "--labels", str(HERE / labels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    f1 = float(re.search(r"F1=([0-9.]+)", result.stdout).group(1))
    headers = re.search(r"documents with a fully correct header: (\d+)/(\d+)", result.stdout)
    assert f1 >= least_f1, result.stdout
    assert int(headers.group(1)) / int(headers.group(2)) >= least_headers, result.stdout


def test_hyphenated_modifier_starting_with_a_stop_word_keeps_the_product():
    """'an in-depth assessment' is still a product: 'in' inside a hyphenated word is no stop."""
    from mandates.extraction import extract_text
    from tests.samples import hrc_resolution

    text = hrc_resolution(
        operative=[
            "Requests the Secretary-General to provide, to the General Assembly at its "
            "eightieth session, an in-depth assessment of the system;"
        ]
    )
    result = extract_text(text, source_name="A_HRC_RES_58_97.txt")
    assert [(d.kind, d.due.body, d.due.session) for d in result.deliverables] == [
        ("study", "GA", 80)
    ]


def test_a_decided_interactive_dialogue_is_a_meeting():
    """'Decides to hold an enhanced interactive dialogue at its Nth session' is a meeting."""
    from mandates.extraction import extract_text
    from tests.samples import hrc_resolution

    text = hrc_resolution(
        operative=[
            "Decides to hold an enhanced interactive dialogue on the situation in the "
            "imaginary region at its sixty-second session;"
        ]
    )
    result = extract_text(text, source_name="A_HRC_RES_58_97.txt")
    assert [(d.kind, d.due.body, d.due.session) for d in result.deliverables] == [
        ("meeting", "HRC", 62)
    ]


def test_a_joint_actor_label_matches_a_deliverable_of_both():
    """A reader writes a product asked of "A and B, jointly" as "A and B (jointly)"; the
    extractor gives it to A with B as partner: the scorer counts that actor right, and a
    deliverable of A alone wrong."""
    from types import SimpleNamespace

    from tests.extraction.holdout_report import actor_overlap

    joint = SimpleNamespace(actor="High Commissioner", partners=["Secretary-General"])
    alone = SimpleNamespace(actor="High Commissioner", partners=[])
    label = "High Commissioner and Secretary-General (jointly)"
    assert actor_overlap([label], [joint]) == 1
    assert actor_overlap(["High Commissioner"], [joint]) == 1
    assert actor_overlap([label], [alone]) == 0
    assert actor_overlap([label, label], [joint]) == 1  # each deliverable counted once
