"""The report's sentences: every number comes from the tables, in the paper's UN style."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import clean, narrative, regions, tables
from analysis.paths import DEFAULT_REGIONS_FILE, RAW_DIR

REGIONS = regions.load(DEFAULT_REGIONS_FILE)
WORDS = {narrative.number_words(n): n for n in range(0, 1000)}
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
        "Latin America and the Caribbean and Eastern Europe and Central Asia regions reported "
        "the most activities in this area, 42 per cent and 30 per cent, respectively"
    ) in capacity
    assert "Ten UNFPA Country Offices in Africa, or 23 per cent" in capacity
    assert (
        "Twenty-three per cent of Country Offices in Africa, 16 per cent in Asia and the Pacific "
        "and 13 per cent in the Arab States region"
    ) in capacity
    data = " ".join(narrative.data_research_paragraph(table2, REGIONS, 2010))
    assert data.startswith("Fifty per cent of all UNFPA Country Offices")
    assert "Supporting data collection and research, and awareness raising were the most" in data
    assert "undertaken in Latin America and the Caribbean" in data and "and in Africa" in data


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
    assert "Africa and Arab States regions reported the most activities" in text
    assert "30 per cent each" in text


def test_of_two_regions_only_the_first_reported_the_most():
    table = _table("training_capacity_building", {"Africa": (8, 1), "Arab States": (100, 1)})
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "Country Offices in the Africa region reported the most activities" in text
    assert "respectively" not in text


def test_one_region_is_said_once():
    table = _table("training_capacity_building", {"Africa": (2, 2)})
    assert narrative.capacity_building_paragraph(table, REGIONS, 2015) == [
        "At country level, 100 per cent of UNFPA Country Offices (2 of 2) reported supporting "
        "training/capacity building activities in 2015."
    ]


def test_a_region_with_none_is_named():
    table = _table(
        "training_capacity_building",
        {"Africa": (10, 4), "Arab States": (5, 0), "Asia and the Pacific": (8, 2)},
    )
    text = " ".join(narrative.capacity_building_paragraph(table, REGIONS, 2015))
    assert "No Country Office in the Arab States region reported such activities." in text


def test_no_office_at_all_is_one_plain_sentence():
    table = _table("training_capacity_building", {"Africa": (10, 0), "Arab States": (5, 0)})
    assert narrative.capacity_building_paragraph(table, REGIONS, 2015) == [
        "At country level, no UNFPA Country Office reported supporting training/capacity "
        "building activities in 2015 (Table 1)."
    ]


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
    assert "(1 office in 1 region)" in text


@pytest.mark.parametrize(
    ("n", "words"),
    [(10, "ten"), (23, "twenty-three"), (50, "fifty"), (100, "one hundred"), (127,
     "one hundred and twenty-seven")],
)  # fmt: skip
def test_number_words(n, words):
    assert narrative.number_words(n) == words


@pytest.mark.parametrize(
    ("reporting", "offices", "phrase"),
    [(32, 127, "over one quarter"), (1, 4, "one quarter"), (23, 100, "almost one quarter"),
     (1, 2, "half"), (9, 100, None)],
)  # fmt: skip
def test_share_phrases(reporting, offices, phrase):
    assert narrative.share_phrase(reporting, offices) == phrase
