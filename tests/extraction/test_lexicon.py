"""The lexicon (data/lexicon.json): the extractor's verbs and product nouns are data, and a
verb added as one entry is read (invented sentences only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mandates.extraction.lexicon import DEFAULT_PATH, ROLES, Lexicon, lexicon

ROOT = Path(__file__).resolve().parents[2]

#: Runs in a fresh interpreter, because the patterns are built when the modules load.
PROBE = """
import json, sys
from tests.extraction.test_requests import run
found = []
for text in sys.argv[1:]:
    result = run(text, body="GA", session=80)
    found.append([[d.actor, d.kind, d.due.body if d.due else None,
                   d.due.session if d.due else None] for d in result.deliverables])
print(json.dumps(found))
"""

SENTENCES = [
    # a new clause verb (role "request")
    "1. Beseeches the Secretary-General to submit a report on canals to the General Assembly "
    "at its eighty-second session;",
    # a new production verb (roles "infinitive" and "produce"): its definite object is made
    "1. Requests the High Commissioner to assemble the compilation of good practices by the "
    "sixty-second session of the Council;",
]


def _extract_with(lexicon_path: Path | None, sentences: list[str] = SENTENCES) -> list:
    env = dict(os.environ)
    env.pop("MANDATE_TRACKER_LEXICON", None)
    if lexicon_path is not None:
        env["MANDATE_TRACKER_LEXICON"] = str(lexicon_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *sentences],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_verb_added_as_one_entry_is_read(tmp_path):
    """Without the entries nothing is found; with one entry per verb both sentences give
    their deliverable."""
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert _extract_with(None) == [[], []]
    data["verbs"].append({"lemma": "beseech", "roles": {"request": ["beseeches"]}})
    data["verbs"].append(
        {
            "lemma": "assemble",
            "roles": {
                "infinitive": ["assemble"],
                "produce": ["assemble", "assembles", "assembling", "assembled"],
            },
        }
    )
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _extract_with(path) == [
        [["Secretary-General", "report", "GA", 82]],
        [["High Commissioner", "compilation", "HRC", 62]],
    ]


def test_every_verb_entry_names_known_roles_and_forms():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert set(data["verb_roles"]) == set(ROLES)
    for entry in data["verbs"]:
        assert entry["lemma"] and entry["roles"], entry
        assert set(entry["roles"]) <= set(ROLES), entry
        assert all(
            isinstance(form, str) and form for forms in entry["roles"].values() for form in forms
        )
    # "convene" is one entry that plays every role it has, not a word repeated in regexes
    [convene] = [e for e in data["verbs"] if e["lemma"] == "convene"]
    assert {"infinitive", "produce", "make"} <= set(convene["roles"])


def test_a_bad_role_is_refused_with_a_clear_message(tmp_path):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["verbs"].append({"lemma": "ponder", "roles": {"wonder": ["ponders"]}})
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="bad verb entry"):
        Lexicon.from_json(path)


def test_forms_are_regexes_with_spaces_for_any_whitespace():
    forms = lexicon().forms("request")
    assert r"calls\s+upon" in forms
    assert forms.index("requests") < forms.index(r"urgently\s+requests")


def test_a_product_noun_added_as_one_entry_is_found_by_the_guarded_scan(tmp_path):
    """The noun scan skips positions where no lexicon noun can begin (guards.py); that set
    comes from the lexicon, so a noun starting with a letter no other noun starts with is
    still found once it is added."""
    from mandates.extraction.guards import first_characters
    from mandates.extraction.kinds import NOUN_WORD_RE

    assert "y" not in (first_characters(NOUN_WORD_RE.pattern, NOUN_WORD_RE.flags) or "y")
    sentence = (
        "1. Requests the Secretary-General to prepare a yearbook of good practices for the "
        "General Assembly at its eighty-second session;"
    )
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["product_nouns"].append({"kind": "compilation", "pattern": "yearbooks?"})
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _extract_with(None, [sentence]) == [[]]
    assert _extract_with(path, [sentence]) == [[["Secretary-General", "compilation", "GA", 82]]]
