"""The vote after a resolution: counts, country lists and their agreement."""

import re
import time

from hypothesis import given
from hypothesis import strategies as st

from mandates.extraction import extract_text
from mandates.extraction.votes import _split_names, parse_vote, split_countries
from tests.extraction import samples


def test_recorded_vote_counts_and_lists():
    """A recorded vote gives the three counts and the three lists of countries."""
    vote = extract_text(samples.HRC).vote
    assert (vote.yes, vote.no, vote.abstain) == (3, 2, 1)
    assert vote.in_favour == ["Antigua and Barbuda", "Bolivia (Plurinational State of)", "Chile"]
    assert vote.against == ["Denmark", "Estonia"]
    assert vote.abstaining == ["Fiji"]


def test_counts_and_lists_disagree():
    """When a list is shorter than its count, a warning says which list."""
    vote, warnings = parse_vote(
        "[Adopted by a recorded vote of 3 to 1, with 0 abstentions. The voting was as follows:\n"
        "In favour:\nChile and Peru\nAgainst:\nFiji]"
    )
    assert vote.yes == 3
    assert warnings == ["vote: 3 in favour counted but 2 countries listed"]


def test_counts_without_lists():
    """ "[Adopted by a recorded vote of 30 to 16, with 1 abstention.]" gives counts only."""
    vote, warnings = parse_vote("[Adopted by a recorded vote of 30 to 16, with 1 abstention.]")
    assert (vote.yes, vote.no, vote.abstain, vote.in_favour) == (30, 16, 1, [])
    assert warnings == []


def test_no_abstentions():
    """A vote with no abstention clause has 0 abstentions."""
    vote, _ = parse_vote("[Adopted by a recorded vote of 47 to 0.]")
    assert (vote.yes, vote.no, vote.abstain) == (47, 0, 0)


def test_without_a_vote():
    """ "[Adopted without a vote.]" gives no vote."""
    assert extract_text(samples.WITH_ANNEX).vote is None
    assert parse_vote("[Adopted without a vote.]") == (None, [])


def test_country_names_with_and_are_kept():
    """Names such as "Trinidad and Tobago" are not split at "and"."""
    assert split_countries(
        "United Kingdom of Great Britain and Northern Ireland, Trinidad and Tobago and Peru"
    ) == ["United Kingdom of Great Britain and Northern Ireland", "Trinidad and Tobago", "Peru"]


def test_other_vote_phrasings():
    """Votes printed "by 120 votes to 10, with 5 abstentions" or after the meeting are read."""
    vote, _ = parse_vote("[Adopted at the 30th meeting by 120 votes to 10, with 5 abstentions.]")
    assert (vote.yes, vote.no, vote.abstain) == (120, 10, 5)
    vote, _ = parse_vote(
        "Adopted at the 30th meeting, by a recorded vote of 27 to none, with one abstention"
    )
    assert (vote.yes, vote.no, vote.abstain) == (27, 0, 1)


# The split as one pattern wrote it before: each separator's lookahead read on to the next
# parenthesis, to the end of a list that has none.
_LOOKAHEAD_SPLIT = re.compile(r",(?![^()]*\))|\s+and\s+(?![^()]*\))")


@given(st.lists(st.sampled_from(["Chile", "a", " ", ",", "(", ")", " and ", "and", "\t\n"])))
def test_names_split_where_the_lookahead_split_them(pieces):
    """Cut outside parentheses in one pass, at the same places as the lookahead pattern."""
    text = "".join(pieces)
    assert _split_names(text) == _LOOKAHEAD_SPLIT.split(text)


def test_names_inside_parentheses_stay_together():
    assert split_countries("Chile (on behalf of Fiji, Peru and Samoa), Cuba and Mali") == [
        "Chile (on behalf of Fiji, Peru and Samoa)",
        "Cuba",
        "Mali",
    ]
    assert split_countries("Chile), Cuba (x") == ["Chile)", "Cuba (x"]


def test_a_long_list_without_parentheses_is_split_in_linear_time():
    """40,000 names after "In favour:" (a pasted table, a damaged file): the lookahead
    read to the end of the list at every comma, about a minute; one pass takes
    milliseconds, so 2 CPU seconds only fails a quadratic split."""
    tail = "[Adopted by a recorded vote of 40000 to 0. In favour: " + "Chile, " * 40000 + "Peru.]"
    start = time.process_time()
    vote, _ = parse_vote(tail)
    assert time.process_time() - start < 2
    assert vote is not None and len(vote.in_favour) == 40001
