"""Cleaning: export residue, Markdown, footnotes and paragraph structure."""

from mandates.extraction.cleaning import clean_text, finish, join_hyphenated
from mandates.extraction.readers import read_text


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_nbsp_tabs_and_trailing_spaces_are_normalised():
    """No-break spaces become spaces, runs of spaces and tabs collapse, ends are trimmed."""
    text, _, _ = clean_text("1.\u00a0Requests\t\tthe   Secretary-General;  \r\n")
    assert text == "1. Requests the Secretary-General;"


def test_curly_quotes_are_kept():
    """Typographic quotes are part of the text and stay as printed."""
    text, _, _ = clean_text("entitled “Transforming our world”, States’ duty")
    assert text == "entitled “Transforming our world”, States’ duty"


def test_blocks_become_paragraphs_and_wrapped_lines_join():
    """Lines of one block join with a space; blocks are separated by one blank line."""
    source = "Resolution adopted by the Council\non 7 July 2022\n\n\n\nThe Council,\n"
    assert (
        clean_text(source)[0] == "Resolution adopted by the Council on 7 July 2022\n\nThe Council,"
    )


def test_numbered_paragraph_inside_a_block_starts_a_new_paragraph():
    """A line starting "4. " after a finished sentence is a paragraph of its own."""
    source = "3. We note the progress made.\n4. We stress the needs of landlocked countries."
    assert _paragraphs(clean_text(source)[0]) == [
        "3. We note the progress made.",
        "4. We stress the needs of landlocked countries.",
    ]


def test_subparagraph_labels_stay_their_own_paragraphs():
    """Labels such as "(a)" after a colon or semicolon begin their own paragraphs."""
    source = "5. Decides:\n(a) To hold a seminar;\n(b) To request a report;"
    assert _paragraphs(clean_text(source)[0]) == [
        "5. Decides:",
        "(a) To hold a seminar;",
        "(b) To request a report;",
    ]


def test_inline_enumeration_is_not_split():
    """An "(iii)" wrapped to the start of a line in mid-sentence stays in its paragraph."""
    source = "with respect in particular to\n(i) torture, (ii) violence"
    assert clean_text(source)[0] == "with respect in particular to (i) torture, (ii) violence"


def test_one_paragraph_per_line_export_keeps_paragraphs_apart():
    """In a text with one paragraph per line, each line is a paragraph unless it is cut."""
    lines = [
        "Human Rights Council",
        "Fifty-ninth session",
        "16 June–8 July 2025",
        "Agenda item 3",
        "Resolution adopted by the Human Rights Council on 4 July 2025",
        "59/3. Enhancement of international cooperation in the field of human rights",
        "The Human Rights Council,",
        "Recalling with appreciation the final document adopted at the Summit of the Non-Aligned ",
        "Countries, held in Kampala on 19 and 20 January 2024, in which they restated their view,",
        "Recalling its resolution 60/251 of 15 March 2006 on the Council and its work programme,",
        "1. Requests the High Commissioner to prepare a report;",
        "2. Decides to continue its consideration of the matter.",
    ]
    paragraphs = _paragraphs(clean_text("\n".join(lines))[0])
    assert paragraphs[:7] == lines[:7]
    assert paragraphs[7].startswith("Recalling with appreciation")
    assert "Non-Aligned Countries, held in Kampala" in paragraphs[7]
    assert paragraphs[8].startswith("Recalling its resolution 60/251")
    assert paragraphs[9:] == lines[10:]


def test_block_split_by_page_break_is_joined_when_next_starts_lower_case():
    """A blank line between "consecutive and" and "compounded crises" is a page break."""
    source = (
        "13. Urges States to address the impact of consecutive and\n\ncompounded global crises;"
    )
    assert clean_text(source)[0] == (
        "13. Urges States to address the impact of consecutive and compounded global crises;"
    )


def test_running_title_left_inside_a_paragraph_is_dropped():
    """A running title between two halves of a sentence disappears and the halves join."""
    source = (
        "80/54. Treaty on the Prohibition of Nuclear Weapons\n\n"
        "6. Welcomes the meeting, which considered progress towards the\n\n"
        "Treaty on the Prohibition of Nuclear Weapons\n\n"
        "goal of a world free from nuclear weapons;"
    )
    paragraphs = _paragraphs(clean_text(source)[0])
    assert paragraphs[-1] == (
        "6. Welcomes the meeting, which considered progress towards the goal of a world free"
        " from nuclear weapons;"
    )


def test_markdown_emphasis_headings_and_rules_are_removed():
    """Markdown emphasis, heading marks, rules and escapes leave plain text."""
    source = (
        "# General Assembly\n\n---\n\n## **Eightieth session**\n\n"
        "[*on the report of the Third Committee (A/80/545, para. 5)*]\n\n"
        "*Recalling* its resolution, __inter alia__, and _noting_ 5\\. points,\n\n"
        "1. ***Requests*** the Secretary-General;"
    )
    assert _paragraphs(clean_text(source)[0]) == [
        "General Assembly",
        "Eightieth session",
        "[on the report of the Third Committee (A/80/545, para. 5)]",
        "Recalling its resolution, inter alia, and noting 5. points,",
        "1. Requests the Secretary-General;",
    ]


def test_markdown_caret_footnotes_are_kept_apart_with_anchors():
    """`[^n]` references become anchors and the `[^n]: text` definitions become footnotes."""
    source = (
        "*Welcoming* the report[^1] adopted by consensus,\n\n"
        "1. *Decides* to act;[^2]\n\n---\n\n"
        "[^1]: A/80/257.\n\n[^2]: See resolution 79/1,\n    annex."
    )
    text, footnotes, _ = clean_text(source)
    assert text == "Welcoming the report adopted by consensus,\n\n1. Decides to act;"
    assert [(f.mark, f.text) for f in footnotes] == [
        ("1", "A/80/257."),
        ("2", "See resolution 79/1, annex."),
    ]
    assert text[: footnotes[0].anchor].endswith("the report")
    assert text[: footnotes[1].anchor].endswith("to act;")


def test_sup_footnotes_between_page_halves_are_moved_apart_and_paragraph_joined():
    """A paragraph cut by a page rule and a footnote block is joined; `<sup>` notes go apart."""
    source = (
        "*Recalling further the political declarations of the high-level meetings of the"
        " General*\n\n---\n\n<sup>1</sup> A/CONF.157/24 (Part I), chap. III.\n\n"
        "<sup>2</sup> Resolution 55/2.\n\n\n\n"
        "Assembly to commemorate the tenth<sup>4</sup> and twentieth anniversaries,"
    )
    text, footnotes, _ = clean_text(source)
    assert text == (
        "Recalling further the political declarations of the high-level meetings of the"
        " General Assembly to commemorate the tenth and twentieth anniversaries,"
    )
    assert [(f.mark, f.text) for f in footnotes] == [
        ("4", ""),
        ("1", "A/CONF.157/24 (Part I), chap. III."),
        ("2", "Resolution 55/2."),
    ]
    assert text[: footnotes[0].anchor].endswith("the tenth")


def test_word_footnote_ref_with_inline_text_becomes_a_footnote():
    """`[footnoteRef:n]  [n: text]` from a Word export becomes footnote n at the mark."""
    source = "34. Takes note of the report;[footnoteRef:3]  [3:  A/HRC/59/36. ] \n35. Requests"
    text, footnotes, _ = clean_text(source)
    assert "[footnoteRef" not in text and "A/HRC/59/36" not in text
    assert footnotes[0].mark == "3" and footnotes[0].text == "A/HRC/59/36."
    assert text[: footnotes[0].anchor] == "34. Takes note of the report;"


def test_inline_footnote_block_holding_several_notes_is_split():
    """An inline `[1: ...]` block that also holds "3 See ..." gives two footnotes."""
    source = (
        "adopted by the Subcommission at its session,[footnoteRef:1]  "
        "[1:  See E/CN.4/2001/2.  \t3 See General Assembly resolutions 66/3 and 76/1. ]\n"
        "Recalling the Durban Declaration and Programme of Action3 and their role,"
    )
    text, footnotes, _ = clean_text(source)
    assert [(f.mark, f.text) for f in footnotes] == [
        ("1", "See E/CN.4/2001/2."),
        ("3", "See General Assembly resolutions 66/3 and 76/1."),
    ]
    assert text[: footnotes[1].anchor].endswith("Programme of Action")
    assert "Action3" not in text


def test_tab_footnote_line_inside_a_paragraph_is_moved_apart():
    """A "<tab>1 See ..." line left by a page break leaves the paragraph, which is rejoined."""
    source = (
        "Recalling the Paris Agreement,1 \n"
        "Recalling resolution 41/128, entitled \n“Declaration on the Right to Development”,"
        " in which the Assembly stated that States have \n  \n \t1 See FCCC/CP/2015/10/Add.1,"
        " annex. \n the duty to cooperate with each other,\n" + "Recalling a line,\n" * 6
    )
    text, footnotes, _ = clean_text(source)
    paragraphs = _paragraphs(text)
    assert paragraphs[0] == "Recalling the Paris Agreement,"
    assert paragraphs[1].endswith("that States have the duty to cooperate with each other,")
    assert footnotes[0].mark == "1"
    assert footnotes[0].text == "See FCCC/CP/2015/10/Add.1, annex."
    assert text[: footnotes[0].anchor] == "Recalling the Paris Agreement,"


def test_glued_footnote_numbers_are_stripped_conservatively():
    """Digits glued after a word and punctuation are marks; symbols, codes and dates stay."""
    source = (
        "Financial Questions,2 the Paris Agreement;13 the Programme of Action3 and the"
        " declaration.4 Add.1, A/HRC/RES/59/3, CO2 and COVID-19, in 2008,2 and agenda item10."
    )
    text, footnotes, _ = clean_text(source)
    assert text == (
        "Financial Questions, the Paris Agreement; the Programme of Action and the"
        " declaration. Add.1, A/HRC/RES/59/3, CO2 and COVID-19, in 2008,2 and agenda item10."
    )
    assert [f.mark for f in footnotes] == ["2", "13", "3", "4"]


def test_tracked_change_residue_keeps_the_new_reading():
    """Old and new words glued by a tracked-changes export keep only the new reading."""
    source = (
        "universality, nonselectivitynon-selectivity and the SubcommissionSub commission on"
        " capacitybuildingcapacity building"
    )
    text, _, warnings = clean_text(source)
    assert text == "universality, non-selectivity and the Sub commission on capacity building"
    assert len(warnings) == 3


def test_session_number_residue_is_left_for_review():
    """Session residue such as "sixty-second session; sixty fifth" is not touched."""
    source = (
        "35. Requests a report to the Council at its sixty-second session; sixty fifth\n\n"
        "39. Decides to continue at its sixty-second fifth session."
    )
    text, _, warnings = clean_text(source)
    assert "at its sixty-second session; sixty fifth" in text
    assert "at its sixty-second fifth session." in text
    assert warnings == []


def test_ordinary_words_with_repeated_letters_are_not_residue():
    """Words like "intergovernmental" or "entertainment" are never mistaken for residue."""
    source = "intergovernmental entertainment nonetheless reconsideration Mississippi"
    assert clean_text(source)[0] == source


def test_hyphen_left_before_a_space_is_closed_but_suspended_hyphens_stay():
    """ "action- oriented" becomes "action-oriented"; "small- and medium-sized" stays."""
    text, _, _ = clean_text("an action- oriented plan for small- and medium-sized firms")
    assert text == "an action-oriented plan for small- and medium-sized firms"


def test_hyphenated_line_break_joining():
    """A broken word loses its hyphen; a compound keeps it."""
    assert join_hyphenated("the devel-", "opment of") == "the development of"
    assert join_hyphenated("a nuclear-weapon-", "free zone") == "a nuclear-weapon-free zone"
    assert join_hyphenated("non-", "selectivity") == "non-selectivity"
    assert join_hyphenated("the capacity-", "building", {"capacity-building"}) == (
        "the capacity-building"
    )


def test_merged_front_matter_lines_are_split():
    """Header lines merged by a PDF-to-Markdown export become separate paragraphs."""
    source = (
        "General Assembly Distr.: General 3 December 2025\n\n"
        "Eightieth session Agenda item 97 (b) Prevention of an arms race in outer space\n\n"
        "**Resolution adopted by the General Assembly on 1 December 2025**\n\n"
        "18th plenary meeting 14 October 2025"
    )
    assert _paragraphs(clean_text(source)[0]) == [
        "General Assembly",
        "Distr.: General 3 December 2025",
        "Eightieth session",
        "Agenda item 97 (b)",
        "Prevention of an arms race in outer space",
        "Resolution adopted by the General Assembly on 1 December 2025",
        "18th plenary meeting",
        "14 October 2025",
    ]


def test_finish_turns_reader_marks_into_anchors():
    """Marks placed by a structured reader become footnotes anchored in the clean text."""
    from mandates.extraction.cleaning import Notes

    notes = Notes()
    paragraphs = [f"Recalling the Charter,{notes.mark('1', 'Charter text.')}", "1. Decides;"]
    text, footnotes, _ = finish(paragraphs, notes)
    assert text == "Recalling the Charter,\n\n1. Decides;"
    assert footnotes[0].text == "Charter text." and footnotes[0].anchor == len(
        "Recalling the Charter,"
    )


def test_read_text_detects_markdown():
    """read_text chooses Markdown when the text carries Markdown signs."""
    doc = read_text("*Recalling* its resolution,[^1]\n\n[^1]: Resolution 1/1.")
    assert doc.format == "md"
    assert doc.text == "Recalling its resolution,"
    assert doc.footnotes[0].text == "Resolution 1/1."


def test_loose_footnote_numbers_are_found_between_their_neighbours():
    """A defined footnote whose number stands apart ("Rarotonga, 3 Bangkok") gets its anchor."""
    source = (
        "Recalling the Treaty of Tlatelolco)1 and the General Assembly on 1 December 2024,\n\n"
        "Noting the treaties of Pelindaba[^2], Rarotonga, 3 Bangkok and the report of\n"
        "3 December, the updated version in 2014, 4\n\n"
        "Considering Article 5 of the Treaty,\n\n---\n\n"
        "[^1]: Treaty Series, vol. 634.\n\n[^2]: Ibid.\n\n[^3]: Ibid., vol. 1445.\n\n"
        "[^4]: See CD/1985.\n\n[^5]: Not found."
    )
    text, footnotes, _ = clean_text(source, markdown=True)
    assert text == (
        "Recalling the Treaty of Tlatelolco) and the General Assembly on 1 December 2024,\n\n"
        "Noting the treaties of Pelindaba, Rarotonga, Bangkok and the report of 3 December,"
        " the updated version in 2014,\n\nConsidering Article 5 of the Treaty,"
    )
    anchors = {f.mark: f.anchor for f in footnotes}
    assert text[: anchors["1"]].endswith("Tlatelolco)")
    assert text[: anchors["3"]].endswith("Rarotonga,")
    assert text[: anchors["4"]].endswith("in 2014,")
    assert anchors["5"] is None


def test_hyphen_before_a_space_in_a_capitalised_compound_is_closed():
    """ "Comprehensive Nuclear- Test-Ban Treaty" becomes "Nuclear-Test-Ban"."""
    text, _, _ = clean_text("the Comprehensive Nuclear- Test-Ban Treaty")
    assert text == "the Comprehensive Nuclear-Test-Ban Treaty"


def test_reduplicated_compounds_are_not_residue():
    """ "peer-to-peer to" and "step-by-step" are words, not old and new readings glued."""
    source = "a peer-to-peer to peer review, step-by-step by design, thirtieth session"
    assert clean_text(source)[0] == source


def test_wrapped_country_lists_join_and_adoption_line_splits_from_date():
    """Country lists wrapped over lines join; "4 July 2025 [Adopted ..." splits in two."""
    lines = [f"{n}. Decides to act on item {n};" for n in range(1, 7)] + [
        "30th meeting",
        "4 July 2025 [Adopted by a recorded vote of 30 to 16. The voting was as follows:",
        "In favour:",
        "Algeria, Bangladesh, Bolivia (Plurinational State of), Brazil, Burundi,",
        "Chile, China, Colombia, Costa Rica, Côte d’Ivoire, Cuba,",
        "Morocco, Qatar, Viet Nam",
        "Against:",
        "Albania, Belgium]",
    ]
    paragraphs = _paragraphs(clean_text("\n".join(lines))[0])
    assert paragraphs[6:] == [
        "30th meeting",
        "4 July 2025",
        "[Adopted by a recorded vote of 30 to 16. The voting was as follows:",
        "In favour:",
        "Algeria, Bangladesh, Bolivia (Plurinational State of), Brazil, Burundi, Chile, China,"
        " Colombia, Costa Rica, Côte d’Ivoire, Cuba, Morocco, Qatar, Viet Nam",
        "Against:",
        "Albania, Belgium]",
    ]


def test_hard_wrapped_text_without_blank_lines_rebuilds_paragraphs():
    """In text wrapped at a fixed width with no blank lines, full lines ending in a comma
    continue, short lines and paragraph openers ("Recalling", "1.") start anew."""
    source = "\n".join(
        [
            "Recalling its resolutions 69/32 of 2 December 2014, 70/27 of 7 December 2015,",
            "71/32 of 5 December 2016 and 72/27 of 4 December 2017 on the prevention of an",
            "arms race in outer space, and its resolutions 45/55 B of 4 December 1990,",
            "Reaffirming the importance of the universal periodic review as a mechanism for",
            "dialogue and cooperation among all States on an equal footing, in line with",
            "the principles of the Charter,",
            "Deeply concerned about the continuing violations of the rights of migrants",
            "and their families in many parts of the world,",
            "1. Requests the Secretary-General to submit a report on the implementation of",
            "the present resolution to the Assembly at its eighty-first session;",
            "2. Decides to remain seized of the matter.",
        ]
    )
    assert [p[:20] for p in _paragraphs(clean_text(source)[0])] == [
        "Recalling its resolu",
        "Reaffirming the impo",
        "Deeply concerned abo",
        "1. Requests the Secr",
        "2. Decides to remain",
    ]


def test_hyphen_at_a_line_end_without_other_evidence():
    """Without a vocabulary, a suffix-like tail is a broken word; a word-like tail a compound."""
    assert join_hyphenated("the protec-", "tion of") == "the protection of"
    assert join_hyphenated("the above-", "mentioned report") == "the above-mentioned report"
    assert join_hyphenated("conflict-", "related violence", {"conflict": 2}) == (
        "conflict-related violence"
    )


def test_pathological_inputs_are_read_in_linear_time():
    """Degenerate texts (one giant word, endless hyphenated lines, thousands of notes) stay fast."""
    import time

    cases = [
        "a" * 300_000,
        "word-\n" * 50_000,
        " \t1 See A/1.\n" * 20_000 + "Text.",
        "[^1]: x\n    y\n" * 20_000 + "Text[^1].",
        "Recalling,\n\nand\n\n" * 20_000,
        "nonselectivitynon " * 20_000,
    ]
    for source in cases:
        started = time.perf_counter()
        clean_text(source)
        assert time.perf_counter() - started < 5, source[:20]


def test_marks_around_a_dropped_space_keep_anchors_inside_the_text():
    """Two marks after a trailing space are anchored at the end of the text, not past it."""
    text, footnotes, _ = clean_text("*\t[footnoteRef:1][footnoteRef:2]")
    assert text == "*"
    assert [f.anchor for f in footnotes] == [1, 1]


def test_word_footnote_text_on_its_own_line():
    """A "[2: text]" line from a Word text export is footnote 2 for the "[footnoteRef:2]" mark."""
    source = (
        "21. Takes note of the annual update;[footnoteRef:2]\n\n[2:  A/HRC/58/78. ]\n\n22. Requests"
    )
    text, footnotes, _ = clean_text(source)
    assert text == "21. Takes note of the annual update;\n\n22. Requests"
    assert [(f.mark, f.text, f.anchor) for f in footnotes] == [
        ("2", "A/HRC/58/78.", len("21. Takes note of the annual update;"))
    ]


def test_markdown_yaml_front_matter_is_dropped():
    """A YAML block at the top of a Markdown export is metadata, not resolution text."""
    source = "---\nsymbol: A/RES/80/204\ntags:\n- human rights\n---\n\n# General Assembly\n"
    assert clean_text(source, markdown=True)[0] == "General Assembly"
    assert read_text(source).text == "General Assembly"


def test_markdown_list_typed_with_one_every_time_is_numbered_as_rendered():
    """A Markdown list typed "1." on every item shows 1, 2, 3 (CommonMark): the paragraph
    numbers are the rendered ones; "(a)" items inside an item leave the count alone."""
    text = (
        "*The General Assembly,*\n\n*Recalling* its resolutions,\n\n"
        "1. **Takes note** of the report;\n\n"
        "1. **Requests** the Secretary-General:\n\n"
        "   (a) To prepare a note;\n\n"
        "   (b) To submit a report;\n\n"
        "1. **Decides** to remain seized of the matter.\n"
    )
    cleaned, _, _ = clean_text(text, markdown=True)
    assert [line[:3] for line in cleaned.split("\n\n") if line[:1].isdigit()] == [
        "1. ",
        "2. ",
        "3. ",
    ]


def test_markdown_numbers_typed_by_hand_stand():
    """Numbers typed otherwise stand, even where a renderer would count on: "9." after "7."
    (a paragraph deleted) stays 9, and a list that starts again after a heading keeps "1."."""
    text = (
        "7. **Requests** the Secretary-General to report;\n\n"
        "9. **Decides** to remain seized of the matter.\n\n"
        "## Annex\n\n"
        "1. We, the Heads of State, met in New York.\n"
    )
    cleaned, _, _ = clean_text(text, markdown=True)
    assert [line[:2] for line in cleaned.split("\n\n") if line[:1].isdigit()] == [
        "7.",
        "9.",
        "1.",
    ]


def test_a_text_quoted_in_an_email_reply_loses_its_quote_marks():
    """Every line quoted ("> 4. Invites ...", wrapped at 72 characters): the paragraphs read
    as the text; a text with one quoted line keeps it."""
    text = (
        "> The General Assembly,\n>\n> Recalling its resolution 80/1,\n>\n"
        "> 1. Invites the President of the Human Rights Council to brief the\n"
        "> General Assembly at its eighty-third session on the review;\n"
    )
    cleaned, _, _ = clean_text(text, markdown=False)
    assert ">" not in cleaned
    assert (
        "1. Invites the President of the Human Rights Council to brief the General Assembly "
        "at its eighty-third session on the review;" in cleaned
    )
    kept, _, _ = clean_text("The Council,\n\n> a quoted line\n\n1. Decides to act;\n")
    assert "> a quoted line" in kept


def test_quote_marks_after_spaces_are_removed_too():
    """A reply that indents its quoted lines (" > 1. Invites ...") is unquoted as well: the
    check that a line opens with ">" must look past the spaces, as the unquoting does."""
    text = " > The General Assembly,\n >\n > 1. Invites the Secretary-General to report;\n"
    cleaned, _, _ = clean_text(text, markdown=False)
    assert ">" not in cleaned
    assert "1. Invites the Secretary-General to report;" in cleaned


def test_a_sub_paragraph_label_at_the_foot_of_a_page_joins_its_text():
    """A PDF page that ends with "(c)" and the next that opens with its text: one
    sub-paragraph "(c) To prepare a report ...", not a label alone and a paragraph."""
    from mandates.extraction.cleaning import Notes, clean_lines

    lines = [
        "12. Also requests the Office:",
        "",
        "(b) To compile good practices;",
        "",
        "(c)",
        "\f",
        "To prepare a report on the workshop and to present it to the Council at its",
        "sixty-ninth session;",
        "",
        "13. Decides to remain seized of the matter.",
    ]
    text, _, _ = clean_lines(lines, Notes())
    assert (
        "(c) To prepare a report on the workshop and to present it to the Council at its "
        "sixty-ninth session;" in text.split("\n\n")
    )
