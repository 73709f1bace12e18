"""Table 1 and Table 2 (contract sections 2 and 5), on a tiny year and on the 2010 data."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from tiny_year import REPORTED, clean, write_year

from analysis import tables
from analysis.clean import clean_year
from analysis.errors import InputError
from analysis.paths import RAW_DIR
from analysis.schema import AT_LEAST_ONE, TABLE1_ACTIVITIES, TABLE2_ACTIVITIES, TABLE_COLUMNS

LAC = "Latin America and the Caribbean"
EECA = "Eastern Europe and Central Asia"
AP = "Asia and the Pacific"


def offices_frame(rows: list[tuple[str, str, set[str]]]) -> pd.DataFrame:
    """(office, region, activities reported) -> the shape clean_year gives tables."""
    return pd.DataFrame(
        [
            {"country_office": name, "region": region}
            | {a: a in reported for a in (*TABLE1_ACTIVITIES, *TABLE2_ACTIVITIES)}
            for name, region, reported in rows
        ]
    )


def row(table: pd.DataFrame, region: str, activity: str) -> pd.Series:
    match = table[(table["region"] == region) & (table["activity"] == activity)]
    assert len(match) == 1, (region, activity)
    return match.iloc[0]


# --- per cent --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reporting", "offices", "expected"),
    [
        (1, 8, 13),  # 12.5: halves round up
        (1, 3, 33),
        (2, 3, 67),
        (0, 7, 0),
        (7, 7, 100),
        (1, 200, 1),  # 0.5 -> 1, not banker's rounding to 0
        (5, 200, 3),  # 2.5 -> 3
        (29, 200, 15),  # 14.5: 29 / 200 * 100 is 14.4999... in floating point
        (3, 8, 38),  # 37.5
        (10, 43, 23),
        (32, 127, 25),
    ],
)
def test_percent(reporting, offices, expected):
    result = tables.percent(reporting, offices)
    assert result == expected
    assert type(result) is int


def test_percent_is_exact_half_up_for_every_small_fraction():
    for offices in range(1, 201):
        for reporting in range(offices + 1):
            exact = Fraction(100 * reporting, offices)
            expected = int(exact + Fraction(1, 2))  # floor(x + 1/2): halves up
            assert tables.percent(reporting, offices) == expected, (reporting, offices)


# --- shape and order -------------------------------------------------------------------------

MIXED = offices_frame(
    [
        ("Peru", LAC, {"training_capacity_building", "advocacy"}),
        ("Angola", "Africa", set()),
        ("Moldova", EECA, {"data_collection_and_research"}),
        ("Benin", "Africa", {"training_capacity_building"}),
        ("Bolivia", LAC, {"policy_dialogue"}),
    ]
)
MIXED_REGIONS = ["Africa", EECA, LAC, "Total"]


def test_table1_columns_and_order():
    table = tables.table1(MIXED)
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert list(table.columns) == [
        "region",
        "activity",
        "country_offices",
        "offices_reporting",
        "percent",
    ]
    assert list(table["region"]) == MIXED_REGIONS
    assert set(table["activity"]) == {"training_capacity_building"}


def test_table2_columns_and_order():
    table = tables.table2(MIXED)
    assert list(table.columns) == list(TABLE_COLUMNS)
    activities = [
        "policy_dialogue",
        "policy_formulation",
        "advocacy",
        "awareness_raising",
        "technical_assistance",
        "data_collection_and_research",
        "at_least_one",
    ]
    assert list(table["activity"]) == [a for a in activities for _ in MIXED_REGIONS]
    assert list(table["region"]) == MIXED_REGIONS * len(activities)


def test_counts_are_integers_and_exact():
    table = tables.table2(MIXED)
    for column in ("country_offices", "offices_reporting", "percent"):
        assert pd.api.types.is_integer_dtype(table[column]), column
    assert row(table, LAC, "at_least_one")[["offices_reporting", "percent"]].tolist() == [2, 100]
    assert row(table, "Africa", "at_least_one")[["offices_reporting", "percent"]].tolist() == [0, 0]
    assert row(table, "Total", "at_least_one")[
        ["country_offices", "offices_reporting"]
    ].tolist() == [
        5,
        3,
    ]
    assert row(table, "Total", "at_least_one")["percent"] == 60


def test_at_least_one_ignores_training():
    """`at_least_one` is over the six Table 2 activities only."""
    only_training = offices_frame([("Benin", "Africa", {"training_capacity_building"})])
    assert row(tables.table2(only_training), "Total", AT_LEAST_ONE)["offices_reporting"] == 0


# --- from a cleaned tiny year ----------------------------------------------------------------


@pytest.fixture
def tiny(tmp_path):
    return clean(write_year(tmp_path)).offices


def test_offices_without_report_count_as_all_no(tiny):
    viet_nam = tiny.set_index("country_office").loc["Viet Nam"]
    assert not viet_nam["has_report"]
    assert not viet_nam[list(TABLE1_ACTIVITIES + TABLE2_ACTIVITIES)].any()
    first, second = tables.table1(tiny), tables.table2(tiny)
    # Asia and the Pacific: Nepal reported, Viet Nam sent nothing; both are in the denominator.
    assert row(first, AP, "training_capacity_building")[
        ["country_offices", "offices_reporting", "percent"]
    ].tolist() == [2, 1, 50]
    assert row(second, AP, AT_LEAST_ONE)[["country_offices", "offices_reporting"]].tolist() == [
        2,
        1,
    ]
    assert row(first, "Total", "training_capacity_building")["country_offices"] == 6


def test_tiny_year_counts(tiny):
    first, second = tables.table1(tiny), tables.table2(tiny)
    for activity, table in [(a, first) for a in TABLE1_ACTIVITIES] + [
        (a, second) for a in TABLE2_ACTIVITIES
    ]:
        expected = sum(activity in done for done in REPORTED.values())
        assert row(table, "Total", activity)["offices_reporting"] == expected, activity
    assert row(first, "Total", "training_capacity_building")["percent"] == 50  # 3 of 6
    assert row(second, "Total", AT_LEAST_ONE)["offices_reporting"] == 3


def test_region_without_roster_office_does_not_appear(tiny):
    for table in (tables.table1(tiny), tables.table2(tiny)):
        assert list(dict.fromkeys(table["region"])) == ["Africa", "Arab States", AP, "Total"]


def test_regions_are_canonical_names_whatever_alias_the_roster_used(tiny):
    assert set(tiny["region"]) == {"Africa", "Arab States", AP}


def _assert_parts_add_up(table: pd.DataFrame) -> None:
    for activity, group in table.groupby("activity", sort=False):
        parts = group[group["region"] != "Total"]
        total = group[group["region"] == "Total"].iloc[0]
        assert parts["country_offices"].sum() == total["country_offices"], activity
        assert parts["offices_reporting"].sum() == total["offices_reporting"], activity
        assert group["region"].iloc[-1] == "Total"


def test_parts_add_up_tiny(tiny):
    _assert_parts_add_up(tables.table1(tiny))
    _assert_parts_add_up(tables.table2(tiny))


def test_parts_add_up_mixed():
    _assert_parts_add_up(tables.table1(MIXED))
    _assert_parts_add_up(tables.table2(MIXED))


# --- the paper's 2010 figures ----------------------------------------------------------------


@pytest.fixture(scope="module")
def offices_2010():
    return clean_year(RAW_DIR, 2010, None).offices


@pytest.fixture(scope="module")
def table1_2010(offices_2010):
    return tables.table1(offices_2010)


@pytest.fixture(scope="module")
def table2_2010(offices_2010):
    return tables.table2(offices_2010)


def test_2010_table1_per_cents(table1_2010):
    percents = dict(zip(table1_2010["region"], table1_2010["percent"], strict=True))
    assert percents == {
        LAC: 42,
        EECA: 30,
        "Africa": 23,
        AP: 16,
        "Arab States": 13,
        "Total": 25,
    }


def test_2010_table1_africa_has_ten_offices_reporting(table1_2010):
    assert row(table1_2010, "Africa", "training_capacity_building")["offices_reporting"] == 10


def test_2010_table1_total_share_is_between_25_and_30(table1_2010):
    total = row(table1_2010, "Total", "training_capacity_building")
    share = Fraction(int(total["offices_reporting"]), int(total["country_offices"])) * 100
    assert 25 < share < 30


def test_2010_table2_at_least_one_is_half(table2_2010):
    assert row(table2_2010, "Total", AT_LEAST_ONE)["percent"] == 50


def test_2010_table2_data_and_awareness_are_the_largest(table2_2010):
    totals = table2_2010[
        (table2_2010["region"] == "Total") & table2_2010["activity"].isin(TABLE2_ACTIVITIES)
    ].set_index("activity")["offices_reporting"]
    assert len(totals) == 6
    top_two = set(totals.sort_values(ascending=False).index[:2])
    assert top_two == {"data_collection_and_research", "awareness_raising"}
    # Strictly larger than the rest: no tie decides the ranking.
    assert totals.sort_values(ascending=False).iloc[1] > totals.sort_values(ascending=False).iloc[2]


def test_2010_lac_and_africa_lead_at_least_one(table2_2010):
    regional = table2_2010[
        (table2_2010["activity"] == AT_LEAST_ONE) & (table2_2010["region"] != "Total")
    ].set_index("region")
    by_percent = regional["percent"].sort_values(ascending=False)
    by_count = regional["offices_reporting"].sort_values(ascending=False)
    assert set(by_percent.index[:2]) == {LAC, "Africa"}
    assert by_percent.iloc[1] > by_percent.iloc[2]
    assert set(by_count.index[:2]) == {LAC, "Africa"}
    assert by_count.iloc[1] > by_count.iloc[2]


def test_2010_parts_add_up(table1_2010, table2_2010):
    _assert_parts_add_up(table1_2010)
    _assert_parts_add_up(table2_2010)


def test_2010_regions_in_order(table1_2010):
    assert list(table1_2010["region"]) == ["Africa", "Arab States", AP, EECA, LAC, "Total"]


def test_a_table_read_back_keeps_every_region_as_written(tmp_path):
    regions = ["N/A", "NA", "NaN", "None", "null"]  # every one a pandas missing-value word
    offices = pd.DataFrame(
        {
            "region": regions,
            **{activity: [True, False, True, False, True] for activity in TABLE1_ACTIVITIES},
        }
    )
    written = tables.table1(offices)
    tables.write(written, tmp_path / "t.csv")
    back = tables.read(tmp_path / "t.csv")
    assert back["region"].tolist() == [*regions, "Total"]
    pd.testing.assert_frame_equal(back, written)


def test_a_table_changed_by_hand_is_refused_by_row_and_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "region,activity,country_offices,offices_reporting,percent\n"
        "Africa,training_capacity_building,2,1,50\n"
        "Total,training_capacity_building,2,one,50\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        tables.read(path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "offices_reporting", "one")
