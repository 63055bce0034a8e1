"""The actor alias table maps printed names to canonical actors."""

import json
from pathlib import Path

from mandates.extraction.actors import ActorTable

DATA = Path(__file__).resolve().parents[2] / "mandates" / "extraction" / "data" / "actors.json"


def test_default_table_is_cached():
    """ActorTable.default() loads data/actors.json once and reuses it."""
    assert ActorTable.default() is ActorTable.default()


def test_core_aliases():
    """The Office, the High Commissioner and the Secretary-General resolve by any alias."""
    table = ActorTable.default()
    assert (
        table.match("the Office of the United Nations High Commissioner for Human Rights")
        == "OHCHR"
    )
    assert table.match("the Office of the High Commissioner") == "OHCHR"
    assert table.match("the Office") == "OHCHR"
    assert table.match("United Nations High Commissioner for Human Rights") == "High Commissioner"
    assert table.match("the  Secretary\u2011General") == "Secretary-General"
    assert table.match("Human Rights Council Advisory Committee") == "Advisory Committee"


def test_refugees_is_not_the_high_commissioner():
    """The longest alias wins: the refugee agency is not the human rights chief."""
    table = ActorTable.default()
    text = "Requests the United Nations High Commissioner for Refugees to help"
    assert table.match_at(text, 9)[0] == "UNHCR"


def test_name_containing_to_matches_whole():
    """A mandate whose name contains "to" is matched as a whole at a position."""
    table = ActorTable.default()
    text = "Requests the Special Rapporteur on the right to food to report"
    name, end = table.match_at(text, 9)
    assert name == "Special Rapporteur on the right to food"
    assert text[end:].startswith(" to report")


def test_unknown_phrase():
    """A phrase not in the table gives None."""
    assert ActorTable.default().match("Special Rapporteur on lunar affairs") is None


def test_from_entries_and_entries():
    """A table built from (name, aliases) pairs matches them and lists them back."""
    table = ActorTable.from_entries([("Desk", ["the desk officer", "Desk"])])
    assert table.match("The Desk Officer") == "Desk"
    assert table.entries() == [("Desk", ["the desk officer", "Desk"])]


def test_json_is_clean():
    """Every row has a name, a kind and its name among its aliases; names are unique."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row["name"] and row["kind"]
        assert row["name"] in row["aliases"]
