"""The extractor on two held-out label sets that nobody tuned it on.

The second set (labels_holdout2/) was labelled by reading the texts before running the
extractor; the figures guard the quality bar of the unseen set (F1 >= 0.95 on deadline
deliverables, headers right for at least 98% of documents).
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import shared_path

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("labels", ["labels_holdout", "labels_holdout2", "labels_holdout3"])
def test_held_out_deadline_f1_and_headers(labels):
    """Deadline deliverables score F1 >= 0.95 and every header field is right."""
    shared_path("corpus")
    result = subprocess.run(
        [sys.executable, str(HERE / "holdout_report.py"), "--labels", str(HERE / labels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    f1 = float(re.search(r"F1=([0-9.]+)", result.stdout).group(1))
    headers = re.search(r"documents with a fully correct header: (\d+)/(\d+)", result.stdout)
    assert f1 >= 0.95, result.stdout
    assert int(headers.group(1)) / int(headers.group(2)) >= 0.98, result.stdout


def test_hyphenated_modifier_starting_with_a_stop_word_keeps_the_product():
    """'an in-depth assessment' is still a product: 'in' inside a hyphenated word is no stop."""
    from mandates.extraction import extract_text
    from tests.samples import hrc_resolution

    text = hrc_resolution(
        operative=[
            "Requests the Secretary-General to provide, to the General Assembly at its "
            "seventy-fifth session, an in-depth assessment of the system;"
        ]
    )
    result = extract_text(text, source_name="A_HRC_RES_58_97.txt")
    assert [(d.kind, d.due.body, d.due.session) for d in result.deliverables] == [
        ("study", "GA", 75)
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
