"""Section B's sentences: training/capacity building, from Table 1."""

from __future__ import annotations

import pandas as pd

from .regions import Regions
from .sentence_parts import (
    CAPACITY,
    CAPACITY_WORDS,
    Claim,
    NoReport,
    Row,
    Said,
    Sentence,
    all_in,
    all_offices,
    cells,
    claimed,
    count,
    counts_of,
    highest,
    in_regions,
    leaders,
    no_report_sentence,
    none_sentence,
    one_region_sentence,
    region_share,
    reporting_claim,
    rows_by_activity,
    say,
    share_each,
    shares_listed,
    split_total,
    total_share,
    with_table_reference,
)
from .words import (
    LAST_IN_WORDS,
    join_phrases,
    noun,
)


def capacity_total_sentence(total: Row, year: int) -> Sentence:
    doing = f"supporting {CAPACITY_WORDS} in {year}"
    if total.is_none and total.country_offices == 1:
        return say(
            "At country level, ",
            all_offices(total),
            f" did not report {doing}.",
            claims=[reporting_claim("none", [total])],
        )
    if total.is_none:
        return say(
            f"At country level, no UNFPA Country Office reported {doing}.",
            claims=[reporting_claim("none", [total])],
        )
    if total.is_all:
        return say(
            "At country level, ",
            all_offices(total),
            f" reported {doing}.",
            claims=[reporting_claim("all", [total])],
        )
    return say(
        "At country level, ",
        total_share(total),
        " of UNFPA Country Offices ",
        counts_of(total),
        f" reported {doing}.",
    )


def capacity_leaders_sentence(by_region: list[Row], regions: Regions) -> Sentence | None:
    """The highest share: a tie named as one, a close runner-up beside it."""
    lead = leaders(by_region)
    if lead is None:
        return None
    top, second, claims = lead.top, lead.second, lead.claims
    if lead.rung == "same":
        each, more = share_each(top, regions)
        return say(
            "Country Offices in every region reported the same share in this area, ",
            each,
            ".",
            claims=[*claims, *more],
        )
    if lead.rung == "two" and top[0].is_all:
        return say(
            all_in(top, regions),
            f" reported {CAPACITY_WORDS}, the highest share, followed by ",
            region_share(second),
            f" {in_regions([second], regions)}.",
            claims=claims,
        )
    if lead.rung == "two":
        return say(
            f"Country Offices {in_regions([top[0], second], regions)} reported the two highest "
            "shares in this area, ",
            region_share(top[0]),
            " and ",
            region_share(second),
            ", respectively.",
            claims=claims,
        )
    if lead.rung == "all":
        return say(
            all_in(top, regions),
            f" reported {CAPACITY_WORDS}, the highest share of any region.",
            claims=claims,
        )
    if len(top) == 1:
        return say(
            f"Country Offices {in_regions(top, regions)} reported the highest share in this area, ",
            region_share(top[0]),
            ".",
            claims=claims,
        )
    each, more = share_each(top, regions)
    return say(
        f"Country Offices {in_regions(top, regions)} reported the highest share in this area, ",
        each,
        ".",
        claims=[*claims, *more],
    )


def by_count_region(named: list[Row], rest: list[Row]) -> tuple[Row, Claim] | None:
    """The region the paper names by its count ("Ten UNFPA Country Offices in Africa ...
    also"): of those not yet named, the one with the most offices reporting, alone, when it
    has at least as many as a region named for its share; and how it compares with them."""
    doing = [r for r in rest if not r.is_none]
    top = highest(doing, "offices_reporting")
    if len(top) != 1 or not named:
        return None
    row, n = top[0], top[0].offices_reporting
    if n > max(r.offices_reporting for r in named):
        return row, Claim(
            "more_than", (row.cell("offices_reporting"),), cells(named, "offices_reporting")
        )
    equal = [r for r in named if r.offices_reporting == n]
    if equal:
        return row, Claim(
            "as_many_as", (row.cell("offices_reporting"),), cells(equal, "offices_reporting")
        )
    return None


def capacity_by_count_sentence(row: Row, claim: Claim, regions: Regions) -> Sentence:
    """The paper's "Ten UNFPA Country Offices in Africa, or 23 per cent of all Country Offices
    in the region, also ..."; a count above ten is not spelled out to open the sentence: the
    region opens it instead."""
    n = row.offices_reporting
    names = join_phrases([regions.text_name(c[0]) for c in claim.among], before_each="in")
    relation = "more than" if claim.kind == "more_than" else "as many as"
    offices = f" UNFPA Country {noun(n, 'Office')}"
    where = in_regions([row], regions)
    opening: tuple[str | Said, ...] = (
        (count(row, opening=True), f"{offices} {where}")
        if n <= LAST_IN_WORDS
        else (f"{where}, ", count(row), offices)
    )
    return say(
        *opening,
        ", or ",
        region_share(row),
        " of all Country Offices in the region, also reported supporting "
        f"{CAPACITY_WORDS}, {relation} {names}.",
        claims=[claim],
    )


def capacity_building_sentences(
    table1: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[Sentence]:
    """Section B's paragraph on training/capacity building, from Table 1; `no_report`: the
    offices that sent no report."""
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    sentences = [capacity_total_sentence(total, year)]
    missing = no_report_sentence(no_report, by_region, total, year, f"no {CAPACITY_WORDS}", regions)
    if missing is not None:
        sentences.append(missing)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(by_region[0], regions, year))
    elif not total.is_none and not total.is_all:
        leaders = capacity_leaders_sentence(by_region, regions)
        named = []  # no leader when every region's per cent rounds to 0: they are only listed
        if leaders is not None:
            sentences.append(leaders)
            named = [r for r in by_region if r.cell("percent") in claimed(leaders)]
        rest = [r for r in by_region if r not in named]
        by_count = by_count_region(named, rest)
        if by_count is not None:
            sentences.append(capacity_by_count_sentence(*by_count, regions))
            rest.remove(by_count[0])
        doing = [r for r in rest if not r.is_none]
        if doing:
            sentences.append(
                say(
                    shares_listed(doing, regions, opening=True),
                    f" {'also ' if named else ''}supported {CAPACITY_WORDS}.",
                    claims=[reporting_claim("some", doing)],
                )
            )
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(none_sentence(none, regions, CAPACITY_WORDS))
    return with_table_reference(sentences, 1)
