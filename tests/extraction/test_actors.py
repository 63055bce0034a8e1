"""The actor alias table maps printed names to canonical actors."""

import json
from pathlib import Path

import pytest

from mandates.extraction.actors import ACTOR_KINDS, ActorTable, normalise

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
    assert {row["kind"] for row in rows} <= set(ACTOR_KINDS)


def test_no_two_actors_share_a_name_as_read():
    """No alias reads (case, articles, dashes aside) as two actors: the table is unambiguous."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    for row in rows:
        for alias in row["aliases"]:
            assert owner.setdefault(normalise(alias), row["name"]) == row["name"], alias


def test_an_unknown_kind_is_refused():
    """A kind outside the one vocabulary is an error, not a silently different extractor."""
    with pytest.raises(ValueError, match="organ"):
        ActorTable.from_entries([("Desk", ["Desk"])], {"Desk": "organ"})


def test_tables_are_equal_when_they_read_names_alike():
    """Equality is behaviour: same names read the same way, same kinds; order is irrelevant."""
    one = ActorTable.from_entries([("A", ["the a"]), ("B", ["b"])], {"A": "office", "B": "body"})
    two = ActorTable.from_entries([("B", ["b"]), ("A", ["a"])], {"A": "office", "B": "body"})
    assert one == two
    assert one != ActorTable.from_entries([("A", ["a"]), ("B", ["b"])], {"A": "office"})


@pytest.mark.parametrize(
    "printed",
    [
        "the Office for Disarmament Affairs",
        "the Office of Legal Affairs",
        "the Office for the Coordination of Something Invented",
        "the Office on Lunar Affairs",
        "the Office of the Special Envoy for Invented Matters",
    ],
)
def test_office_alone_is_ohchr_but_not_inside_another_office(printed):
    """'Office' is OHCHR only when it stands alone, not as the start of another office."""
    table = ActorTable.default()
    text = f"Requests {printed} to submit a report"
    assert table.match_at(text, 9) is None
    assert [name for name, _, _ in table.search(text)] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Requests the Office to submit a report", ["OHCHR"]),
        ("Requests the Office, in cooperation with States, to act", ["OHCHR", "Member States"]),
        ("Invites the Peacebuilding Support Office to brief the Council", ["Human Rights Council"]),
        ("Requests the Executive Office to inform the Assembly", ["General Assembly"]),
        (
            "Invites the Council of Europe and the Assembly of States Parties to act",
            ["Member States"],
        ),
        ("Requests the United Nations Office on Drugs and Crime to assist", ["UNODC"]),
        ("Requests the Office of the High Commissioner to report", ["OHCHR"]),
        ("Requests the Secretariat of the United Nations to report", ["Secretariat"]),
    ],
)
def test_search_reads_generic_words_only_as_whole_names(sentence, expected):
    """'Office', 'Council', 'Assembly' inside a longer name are not the actors they abbreviate."""
    assert [name for name, _, _ in ActorTable.default().search(sentence)] == expected


def test_acronyms_match_only_in_capitals():
    """'WHO' is the agency; 'who' in "experts who may participate" is not an actor."""
    table = ActorTable.default()
    assert [name for name, _, _ in table.search("invites experts who may attend")] == []
    assert table.match_at("who may attend", 0) is None
    assert [name for name, _, _ in table.search("Invites WHO and the ILO to attend")] == [
        "WHO",
        "ILO",
    ]
