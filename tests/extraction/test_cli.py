"""The command line: JSON and text output, exit codes and one-line errors."""

import io
import json

from mandates.extraction.cli import format_text, main
from mandates.extraction.result import Deliverable, Due, ExtractionResult
from tests.extraction import samples


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_json_output(tmp_path):
    """--format json prints the result's dictionary as JSON and exits 0."""
    path = tmp_path / "res.txt"
    path.write_text(samples.HRC, encoding="utf-8")
    status, out, err = _run(str(path), "--format", "json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert data["symbol"] == "A/HRC/RES/61/7"
    assert data["vote"]["yes"] == 3


def test_json_is_the_default(tmp_path):
    """Without --format the output is JSON."""
    path = tmp_path / "res.txt"
    path.write_text(samples.GA, encoding="utf-8")
    status, out, _ = _run(str(path))
    assert status == 0
    assert json.loads(out)["body"] == "GA"


def test_text_output(tmp_path):
    """--format text prints readable header lines."""
    path = tmp_path / "res.txt"
    path.write_text(samples.HRC, encoding="utf-8")
    status, out, _ = _run(str(path), "--format", "text")
    assert status == 0
    assert "Symbol:      A/HRC/RES/61/7" in out
    assert "Adopted on:  2026-04-02" in out
    assert "Vote:        3 to 2, 1 abstaining" in out


def test_bad_input_exits_1_with_one_line(tmp_path):
    """A file that is not a resolution gives exit 1 and one line on stderr, no traceback."""
    path = tmp_path / "lunch.txt"
    path.write_text("We ate soup.\n", encoding="utf-8")
    status, out, err = _run(str(path))
    assert status == 1 and out == ""
    assert err.startswith(f"error: {path}: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_exits_1(tmp_path):
    """A missing file gives exit 1 with an error line."""
    status, _, err = _run(str(tmp_path / "absent.txt"))
    assert status == 1
    assert err.startswith("error: ")


def test_bad_usage_exits_2():
    """A bad option gives exit 2 and a usage line, not SystemExit."""
    status, _, err = _run("x.txt", "--format", "xml")
    assert status == 2
    assert "usage:" in err


def test_text_output_has_one_line_per_deliverable(tmp_path):
    """The text table shows a deliverable with paragraph, actor, kind, count and due."""
    path = tmp_path / "res.txt"
    path.write_text(samples.HRC, encoding="utf-8")
    _, out, _ = _run(str(path), "--format", "text")
    rows = [line for line in out.splitlines() if line.startswith("1 ")]
    assert len(rows) == 1
    assert "High Commissioner" in rows[0] and "report" in rows[0] and "HRC 65 (at)" in rows[0]


def test_format_text_shows_alternatives_and_review():
    """A deliverable with two readings of its deadline shows both and the review flag."""
    result = ExtractionResult("0", "x", "", symbol="A/HRC/RES/59/3", body="HRC", session=59)
    result.deliverables.append(
        Deliverable(
            paragraph="35",
            verb="Requests",
            actor="High Commissioner",
            partners=[],
            kind="report",
            count=1,
            title="",
            due=Due("HRC", 65, "at"),
            alternatives=[Due("HRC", 62, "at")],
            recurring="annual",
            quote="",
            span=(0, 0),
            needs_review=True,
        )
    )
    table = format_text(result)
    assert (
        "35    High Commissioner  report  1      HRC 65 (at) or HRC 62 (at)  annual     review"
        in (table)
    )


def test_help_exits_0_without_system_exit():
    """--help writes the help to the given stdout and returns 0."""
    status, out, _ = _run("--help")
    assert status == 0
    assert "PATH" in out and "--format" in out


def test_missing_path_exits_2():
    """No PATH gives exit 2 and a usage line."""
    status, _, err = _run()
    assert status == 2
    assert "PATH" in err
