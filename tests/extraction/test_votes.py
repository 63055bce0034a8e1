"""The vote after a resolution: counts, country lists and their agreement."""

from mandates.extraction import extract_text
from mandates.extraction.votes import parse_vote, split_countries
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
