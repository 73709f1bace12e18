"""The report's sentences: every number comes from the tables, in the paper's UN style."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import clean, narrative, regions, sentence_parts, tables, words
from analysis.paths import DEFAULT_REGIONS_FILE, RAW_DIR
from analysis.schema import AT_LEAST_ONE, TABLE2_ACTIVITIES

REGIONS = regions.load(DEFAULT_REGIONS_FILE)
WORDS = {words.number_words(n): n for n in range(0, 1000)}
NUMBER = re.compile(
    r"\b(\d+|(?:" + "|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)) + r"))\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[int]:
    """Every number a sentence states, in digits or in words ("Twenty-three")."""
    found = []
    for token in NUMBER.findall(text):
        found.append(int(token) if token.isdigit() else WORDS[token.lower()])
    return found


def table_values(table: pd.DataFrame) -> set[int]:
    cells = table[["country_offices", "offices_reporting", "percent"]].to_numpy().ravel()
    return {int(v) for v in cells}


@pytest.fixture(scope="module")
def year_2010():
    cleaned = clean.clean_year(RAW_DIR, 2010)
    return cleaned, tables.table1(cleaned.offices), tables.table2(cleaned.offices)


def _without_names(text: str) -> str:
    # "Table 1" names a table and "one quarter" a share (checked against the table in
    # test_share_phrases): neither is a count or a per cent.
    text = re.sub(r"\bTable [12]\b", "", text)
    return re.sub(r"\b(one|two|three) (quarters?|thirds?)\b", "", text)


def test_every_number_in_the_capacity_paragraph_is_a_table1_value(year_2010):
    _, table1, _ = year_2010
    text = _without_names(" ".join(narrative.capacity_building_paragraph(table1, REGIONS, 2010)))
    stated = [n for n in numbers_in(text) if n != 2010]
    assert stated, text
    assert set(stated) <= table_values(table1), text


def test_every_number_in_the_data_paragraph_is_a_table2_value(year_2010):
    _, _, table2 = year_2010
    text = _without_names(" ".join(narrative.data_research_paragraph(table2, REGIONS, 2010)))
    stated = [n for n in numbers_in(text) if n != 2010]
    assert stated, text
    assert set(stated) <= table_values(table2), text


def test_the_2010_paragraphs_state_the_papers_figures(year_2010):
    _, table1, table2 = year_2010
    capacity = " ".join(narrative.capacity_building_paragraph(table1, REGIONS, 2010))
    assert "over one quarter of UNFPA Country Offices" in capacity
    assert (
        "Country Offices in Latin America and the Caribbean, and in Eastern Europe and Central "
        "Asia reported the two highest shares in this area, 42 per cent and 30 per cent, "
        "respectively"
    ) in capacity
    assert "Ten UNFPA Country Offices in Africa, or 23 per cent" in capacity
    assert "as many as in Latin America and the Caribbean" in capacity
    assert (
        "Sixteen per cent of Country Offices in Asia and the Pacific, and 13 per cent in the Arab "
        "States region"
    ) in capacity
    data = " ".join(narrative.data_research_paragraph(table2, REGIONS, 2010))
    assert data.startswith(
        "UNFPA Country Offices engage in policy dialogue, facilitate policy formulation, "
        "undertake advocacy activities and awareness raising, provide technical assistance, and "
        "support data collection and research in the area of international migration."
    )
    assert "Fifty per cent of all UNFPA Country Offices (63 of 127)" in data
    assert "Supporting data collection and research, and awareness raising were the two most" in (
        data
    )
    assert "in Latin America and the Caribbean (71 per cent), and in Africa (51 per cent)" in data


def _table(activity: str, counts: dict[str, tuple[int, int]]) -> pd.DataFrame:
    rows = [(r, activity, n, k, tables.percent(k, n)) for r, (n, k) in counts.items()]
    n_all = sum(n for n, _ in counts.values())
    k_all = sum(k for _, k in counts.values())
    rows.append(("Total", activity, n_all, k_all, tables.percent(k_all, n_all)))
    return pd.DataFrame(rows, columns=["region", "activity", "country_offices",
                                       "offices_reporting", "percent"])  # fmt: skip


def test_a_tie_at_the_top_is_said_as_a_tie():
    table = _table(
        "training_capacity_building",
        {"Africa": (10, 3), "Arab States": (10, 3), "Asia and the Pacific": (10, 1)},
    )
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert (
        "Country Offices in Africa and the Arab States region reported the highest share in "
        "this area, 30 per cent each."
    ) in text


def test_every_region_alike_is_no_ranking():
    table = _table(
        "training_capacity_building", {r: (10, 5) for r in ("Africa", "Arab States", "LAC")}
    )
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "At country level, half of UNFPA Country Offices (15 of 30)" in text
    assert "in every region reported the same share in this area, 50 per cent each" in text
    assert "most" not in text and "highest" not in text


def test_a_distant_second_is_not_named_beside_the_first():
    table = _table(
        "training_capacity_building",
        {"Africa": (20, 12), "Arab States": (20, 2), "Asia and the Pacific": (20, 1)},
    )
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "Country Offices in Africa reported the highest share in this area, 60 per cent." in (
        text
    )
    assert "two highest" not in text and "respectively" not in text


def test_of_two_regions_only_the_first_has_the_highest_share():
    table = _table("training_capacity_building", {"Africa": (8, 1), "Arab States": (100, 1)})
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "Country Offices in Africa reported the highest share in this area, 13 per cent" in text
    assert "respectively" not in text


def test_one_region_is_named_and_all_is_said_in_words():
    table = _table("training_capacity_building", {"Africa": (2, 2)})
    assert narrative.capacity_building_paragraph(table, REGIONS, 2015) == [
        "At country level, both UNFPA Country Offices reported supporting "
        "training/capacity-building activities in 2015.",
        "The 2015 roster has Country Offices in Africa only (Table 1).",
    ]


def test_a_share_that_rounds_to_0_or_100_is_said_as_less_or_more():
    table = _table("training_capacity_building", {"Africa": (250, 1), "Arab States": (300, 299)})
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "0 per cent" not in text and "100 per cent" not in text
    assert "more than 99 per cent" in text


def test_a_region_with_none_is_named():
    table = _table(
        "training_capacity_building",
        {"Africa": (10, 4), "Arab States": (5, 0), "Asia and the Pacific": (8, 0)},
    )
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert (
        "No Country Office in the Arab States region or in Asia and the Pacific reported "
        "training/capacity-building activities (Table 1)."
    ) in text


def test_no_office_at_all_is_one_plain_sentence():
    table = _table("training_capacity_building", {"Africa": (10, 0), "Arab States": (5, 0)})
    assert narrative.capacity_building_paragraph(table, REGIONS, 2015) == [
        "At country level, no UNFPA Country Office reported supporting "
        "training/capacity-building activities in 2015 (Table 1)."
    ]


@pytest.mark.parametrize(
    ("offices", "said"),
    [(1, "It reported each of these activities."), (3, "All of them reported each")],
)
def test_everyone_doing_everything_agrees_with_how_many_they_are(offices, said):
    """One office that did all six is "it", not "all of them"."""
    rows = [
        _table(a, {"Arab States": (offices, offices)}) for a in (*TABLE2_ACTIVITIES, AT_LEAST_ONE)
    ]
    text = " ".join(narrative.data_research_paragraph(pd.concat(rows), REGIONS, 2015))
    assert said in text
    assert ("All of them" in text) == (offices > 1)


def test_no_activity_at_all_names_the_activities_and_does_not_open_with_them():
    rows = []
    for activity in (*TABLE2_ACTIVITIES, AT_LEAST_ONE):
        rows.append(_table(activity, {"Africa": (10, 0), "Arab States": (5, 0)}))
    text = " ".join(narrative.data_research_paragraph(pd.concat(rows), REGIONS, 2015))
    assert text.startswith("No UNFPA Country Office reported policy dialogue, policy formulation")
    assert "engage" not in text


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        (["Chad"], "One Country Office sent no report for 2015 and is counted"),
        (["Chad", "Mali"], "Two Country Offices sent no report for 2015 and are counted"),
    ],
)
def test_offices_without_a_report_are_counted_in_words_that_agree(missing, said):
    table = _table("training_capacity_building", {"Africa": (1, 0)})
    log = pd.DataFrame({"event": "no_report", "country_office": missing})
    text = " ".join(narrative.method_paragraphs(table, log, pd.DataFrame(), 2015))
    assert said in text
    assert "(one Country Office in one region)" in text


@pytest.mark.parametrize(
    ("n", "spelt"),
    [(10, "ten"), (23, "twenty-three"), (50, "fifty"), (100, "one hundred"), (127,
     "one hundred and twenty-seven")],
)  # fmt: skip
def test_number_words(n, spelt):
    assert words.number_words(n) == spelt


@pytest.mark.parametrize(
    ("reporting", "offices", "phrase"),
    [(32, 127, "over one quarter"), (1, 4, "one quarter"), (23, 100, None), (20, 100, None),
     (63, 127, None), (1, 2, "half"), (9, 100, None), (334, 1000, "over one third"),
     (34, 100, None)],
)  # fmt: skip
def test_fraction_words_only_where_the_per_cent_rounds_to_them(reporting, offices, phrase):
    assert sentence_parts.fraction_words(reporting, offices) == phrase


# ---------------------------------------------------------------------------------------------
# Small and sparse years (issue 19): each sentence read aloud is true of its table.


def test_a_region_of_one_or_two_offices_is_named_as_such():
    one = _table(
        "training_capacity_building", {"Africa": (1, 1), "Arab States": (10, 2), "LAC": (9, 0)}
    )
    text = " ".join(narrative.capacity_building_paragraph(one, REGIONS, 2015))
    assert "The one Country Office in Africa reported training/capacity-building activities, " in (
        text
    )
    assert "All Country Offices in Africa" not in text
    two = _table("training_capacity_building", {"Africa": (2, 2), "Arab States": (10, 2)})
    text = " ".join(narrative.capacity_building_paragraph(two, REGIONS, 2015))
    assert "Both Country Offices in Africa reported training/capacity-building activities" in text


def test_a_one_office_year_is_singular_and_ranks_nothing():
    reported = {"policy_dialogue", "advocacy", AT_LEAST_ONE}
    rows = [
        _table(a, {"Asia and the Pacific": (1, int(a in reported))})
        for a in (*TABLE2_ACTIVITIES, AT_LEAST_ONE)
    ]
    text = " ".join(narrative.data_research_paragraph(pd.concat(rows), REGIONS, 2015))
    assert text == (
        "The one UNFPA Country Office engages in policy dialogue and undertakes advocacy "
        "activities in the area of international migration. The one UNFPA Country Office "
        "reported activities in at least one of these areas related to migration. The 2015 "
        "roster has one Country Office, in Asia and the Pacific (Table 2)."
    )
    capacity = _table("training_capacity_building", {"Asia and the Pacific": (1, 0)})
    assert narrative.capacity_building_paragraph(capacity, REGIONS, 2015) == [
        "At country level, the one UNFPA Country Office did not report supporting "
        "training/capacity-building activities in 2015.",
        "The 2015 roster has one Country Office, in Asia and the Pacific (Table 1).",
    ]


def test_an_only_activity_is_not_the_most_frequently_reported():
    rows = [
        _table(a, {"Africa": (10, 3 if a in ("advocacy", AT_LEAST_ONE) else 0), "LAC": (5, 0)})
        for a in (*TABLE2_ACTIVITIES, AT_LEAST_ONE)
    ]
    text = " ".join(narrative.data_research_paragraph(pd.concat(rows), REGIONS, 2015))
    assert "Advocacy was the only activity reported at country level (three Country Offices)." in (
        text
    )
    assert "most frequently" not in text


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        (1, "Of the 150 Country Offices, one sent no report for 2015 and is counted as"),
        (120, "Of the 150 Country Offices, 120 sent no report for 2015 and are counted as"),
        (150, "None of the 150 Country Offices sent a report for 2015; each is counted as"),
    ],
)
def test_the_body_says_how_many_offices_sent_no_report(missing, said):
    capacity = _table("training_capacity_building", {"Africa": (100, 0), "LAC": (50, 0)})
    rows = [_table(a, {"Africa": (100, 0), "LAC": (50, 0)}) for a in (*TABLE2_ACTIVITIES,
                                                                      AT_LEAST_ONE)]  # fmt: skip
    for text in (
        " ".join(narrative.capacity_building_paragraph(capacity, REGIONS, 2015, missing)),
        " ".join(narrative.data_research_paragraph(pd.concat(rows), REGIONS, 2015, missing)),
    ):
        assert said in text
    assert "sent no report" not in " ".join(
        narrative.capacity_building_paragraph(capacity, REGIONS, 2015, 0)
    )


def test_the_annex_lists_offices_without_a_report_by_region():
    offices = pd.DataFrame(
        {
            "country_office": ["Chad", "Mali", "Niger", "Jordan", "Egypt"],
            "region": ["Africa", "Africa", "Africa", "Arab States", "Arab States"],
            "has_report": [False, True, False, False, True],
        }
    )
    assert narrative.no_report_by_region(offices) == [
        ("Africa", 2, "Chad and Niger"),
        ("Arab States", 1, "Jordan"),
    ]


def test_a_region_none_of_whose_offices_reported_is_named_beside_the_count():
    capacity = _table(
        "training_capacity_building", {"Africa": (100, 0), "Arab States": (1, 0), "LAC": (49, 9)}
    )
    missing = {"Africa": 100, "Arab States": 1, "Latin America and the Caribbean": 19}
    text = " ".join(narrative.capacity_building_paragraph(capacity, REGIONS, 2015, missing))
    assert (
        "Of the 150 Country Offices, 120 sent no report for 2015 (among them every Country Office "
        "in Africa and the one Country Office in the Arab States region) and are counted as "
        "reporting no training/capacity-building activities."
    ) in text
