"""The report's sentences, generated from the tables in the paper's voice (UN style).

Every number in a sentence is read from a table; nothing here is typed in by hand.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from .regions import TOTAL, Regions
from .schema import ACTIVITY_PHRASES, AT_LEAST_ONE, TABLE2_ACTIVITIES
from .words import counted, join_names

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

# Shares a reader grasps at a glance; a per cent just above or below one reads as "over"/"almost".
_FRACTIONS = (
    (Fraction(1, 4), "one quarter"),
    (Fraction(1, 3), "one third"),
    (Fraction(1, 2), "half"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(3, 4), "three quarters"),
)
_NEAR = Fraction(1, 20)  # within five points


def number_words(n: int) -> str:
    """Cardinal number in words, as UN style spells a number that opens a sentence."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    joiner = " and " if 0 < rest < 100 else " "
    return f"{number_words(thousands)} thousand" + (joiner + number_words(rest) if rest else "")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def per_cent(p: int) -> str:
    return f"{p} per cent"


def opening_per_cent(p: int) -> str:
    """A per cent that opens a sentence is spelled out: "Twenty-three per cent"."""
    return capitalise(f"{number_words(p)} per cent")


def share_phrase(reporting: int, offices: int) -> str | None:
    """ "over one quarter" for 32 of 127; None when no simple fraction is near."""
    share = Fraction(reporting, offices)
    for fraction, name in _FRACTIONS:
        if share == fraction:
            return name
        if fraction < share <= fraction + _NEAR:
            return f"over {name}"
        if fraction - _NEAR <= share < fraction:
            return f"almost {name}"
    return None


def _rows(table: pd.DataFrame, activity: str) -> pd.DataFrame:
    return table[table["activity"] == activity].set_index("region")


def _ranked(rows: pd.DataFrame, column: str = "percent") -> list[tuple[int, list[str]]]:
    """Groups of regions (or activities) with equal values, highest first, names in order."""
    values = rows[column]
    return [(int(v), sorted(values.index[values == v])) for v in sorted(set(values), reverse=True)]


def _leaders(ranked: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The top value's group, plus the second's when both are single, the top isn't shared,
    and some come below them (of two alone, both are not "the most")."""
    if not ranked or ranked[0][0] == 0:
        return []
    if len(ranked[0][1]) == 1 and len(ranked) > 2 and len(ranked[1][1]) == 1 and ranked[1][0] > 0:
        return ranked[:2]
    return ranked[:1]


def capacity_building_paragraph(table1: pd.DataFrame, regions: Regions, year: int) -> list[str]:
    """Section B's paragraph on training/capacity building, from Table 1."""
    rows = _rows(table1, "training_capacity_building")
    total = rows.loc[TOTAL]
    by_region = rows.drop(index=TOTAL)
    n, of = int(total["offices_reporting"]), int(total["country_offices"])
    if n == 0:
        return [
            f"At country level, no UNFPA Country Office reported supporting training/capacity "
            f"building activities in {year} (Table 1)."
        ]
    share = share_phrase(n, of) or per_cent(int(total["percent"]))
    sentences = [
        f"At country level, {share} of UNFPA Country Offices ({n} of {of}) reported supporting "
        f"training/capacity building activities in {year}."
    ]
    if len(by_region) == 1:  # the total is the one region's: nothing more to compare
        return sentences
    leaders = _leaders(_ranked(by_region))
    leader_names = [name for _, names in leaders for name in names]
    if len(leaders) == 2:
        (p1, [a]), (p2, [b]) = leaders
        sentences.append(
            f"Country Offices in the {a} and {b} regions reported the most activities in this "
            f"area, {per_cent(p1)} and {per_cent(p2)}, respectively."
        )
    elif leaders:
        p, names = leaders[0]
        each = " each" if len(names) > 1 else ""
        plural = "regions" if len(names) > 1 else "region"
        sentences.append(
            f"Country Offices in the {join_names(names)} {plural} reported the most activities "
            f"in this area, {per_cent(p)}{each}."
        )
    others = by_region.drop(index=leader_names)
    doing = others[others["offices_reporting"] > 0]
    if not doing.empty:
        most = doing.sort_values(["offices_reporting", "percent"], ascending=False).iloc[[0]]
        region = most.index[0]
        count = int(most["offices_reporting"].iloc[0])
        office_word = "Office" if count == 1 else "Offices"
        sentences.append(
            f"{capitalise(number_words(count))} UNFPA Country {office_word} in "
            f"{regions.text_name(region)}, or {per_cent(int(most['percent'].iloc[0]))} of all "
            f"Country Offices in the region, also reported supporting training/capacity building "
            "activities."
        )
        ordered = doing.reset_index().sort_values(["percent", "region"], ascending=[False, True])
        parts = [
            f"{per_cent(int(p))} in {regions.text_name(r)}"
            for r, p in zip(ordered["region"], ordered["percent"], strict=True)
        ]
        first_p, first_region = int(ordered["percent"].iloc[0]), ordered["region"].iloc[0]
        parts[0] = (
            f"{opening_per_cent(first_p)} of Country Offices in {regions.text_name(first_region)}"
        )
        sentences.append(f"{join_names(parts)} supported such activities in {year} (Table 1).")
    none = sorted(by_region.index[by_region["offices_reporting"] == 0])
    if none:
        sentences.append(
            f"No Country Office in {join_names([regions.text_name(r) for r in none])} reported "
            "such activities."
        )
    return sentences


def data_research_paragraph(table2: pd.DataFrame, regions: Regions, year: int) -> list[str]:
    """Section C's paragraph on the six activities, from Table 2."""
    any_rows = _rows(table2, AT_LEAST_ONE)
    total = any_rows.loc[TOTAL]
    n, of, p = (int(total[c]) for c in ("offices_reporting", "country_offices", "percent"))
    if n == 0:
        return [
            "No UNFPA Country Office reported activities in any of these areas related to "
            f"migration in {year} (Table 2)."
        ]
    sentences = [
        f"{opening_per_cent(p)} of all UNFPA Country Offices ({n} of {of}) reported activities "
        "in at least one of these areas related to migration."
    ]
    totals = table2[(table2["region"] == TOTAL) & table2["activity"].isin(TABLE2_ACTIVITIES)]
    leaders = _leaders(_ranked(totals.set_index("activity"), "offices_reporting"))
    if len(leaders) == 2:
        (n1, [a]), (n2, [b]) = leaders
        sentences.append(
            f"{capitalise(ACTIVITY_PHRASES[a])}, and {ACTIVITY_PHRASES[b]} were the most "
            f"frequently reported activities at country level ({n1} and {n2} offices, "
            "respectively)."
        )
    elif leaders:
        count, names = leaders[0]
        phrases = [ACTIVITY_PHRASES[a] for a in names]
        verb = (
            "were the most frequently reported activities"
            if len(names) > 1
            else ("was the most frequently reported activity")
        )
        each = " each" if len(names) > 1 else ""
        offices = "office" if count == 1 else "offices"
        sentences.append(
            f"{capitalise(join_names(phrases))} {verb} at country level ({count} {offices}{each})."
        )
    by_region = any_rows.drop(index=TOTAL)
    region_leaders = _leaders(_ranked(by_region)) if len(by_region) > 1 else []
    if len(region_leaders) == 2:
        (p1, [a]), (p2, [b]) = region_leaders
        sentences.append(
            f"Table 2 shows that such activities were most frequently undertaken in "
            f"{regions.text_name(a)} ({per_cent(p1)} of its Country Offices), and in "
            f"{regions.text_name(b)} ({per_cent(p2)})."
        )
    elif region_leaders:
        p1, names = region_leaders[0]
        each = " each" if len(names) > 1 else ""
        sentences.append(
            "Table 2 shows that such activities were most frequently undertaken in "
            f"{join_names([regions.text_name(r) for r in names])} ({per_cent(p1)}{each})."
        )
    none = sorted(by_region.index[by_region["offices_reporting"] == 0])
    if none:
        sentences.append(
            f"No Country Office in {join_names([regions.text_name(r) for r in none])} reported "
            "any of these activities."
        )
    return sentences


def method_paragraphs(
    table1: pd.DataFrame, log: pd.DataFrame, offices: pd.DataFrame, year: int
) -> list[str]:
    """How the figures were made: denominators, rounding, missing reports, duplicates."""
    total = _rows(table1, "training_capacity_building").loc[TOTAL]
    n_regions = table1["region"].nunique() - 1
    paragraphs = [
        "Each per cent is the number of Country Offices reporting an activity, divided by all "
        f"Country Offices of the region in the {year} roster "
        f"({counted(int(total['country_offices']), 'office')} in {counted(n_regions, 'region')}),"
        " rounded to a whole number with halves rounded up. Counts are exact."
    ]
    missing = log.loc[log["event"] == "no_report", "country_office"].tolist()
    if missing:
        one = len(missing) == 1
        paragraphs.append(
            f"{capitalise(number_words(len(missing)))} Country "
            f"{'Office' if one else 'Offices'} sent no report for {year} and "
            f"{'is' if one else 'are'} counted as reporting none of the activities: "
            f"{join_names(missing)}."
        )
    else:
        paragraphs.append(f"Every Country Office in the roster sent a report for {year}.")
    set_aside = log[log["event"] == "duplicate_set_aside"]
    if set_aside.empty:
        paragraphs.append("No Country Office submitted more than one report.")
    else:
        offices_named = join_names(sorted(set(set_aside["country_office"])))
        count = len(set_aside)
        reports = "report was" if count == 1 else "reports were"
        paragraphs.append(
            "Where a Country Office submitted more than one report, only its latest counts: "
            f"{number_words(count)} other {reports} set aside ({offices_named})."
        )
    return paragraphs
