"""Section C's sentences: the six activities and data collection and research, from Table 2."""

from __future__ import annotations

import pandas as pd

from .regions import Regions
from .schema import ACTIVITY_PHRASES, AT_LEAST_ONE, TABLE2_ACTIVITIES
from .sentence_parts import (
    Claim,
    NoReport,
    Row,
    Said,
    Sentence,
    all_in,
    all_offices,
    cells,
    close_runner_up,
    count,
    count_series,
    counts_of,
    highest,
    highest_claim,
    in_regions,
    leaders,
    no_report_sentence,
    none_sentence,
    one_region_sentence,
    region_share,
    reporting_claim,
    rows_by_activity,
    runner_up_claim,
    say,
    share_each,
    split_total,
    total_share,
    with_table_reference,
)
from .words import (
    join_phrases,
    noun,
)

# What a Country Office does, per activity: the paper's "UNFPA Country Offices continue to
# engage in policy dialogue, facilitate policy formulation, ...".
ACTIVITY_VERBS = {
    "policy_dialogue": "engage in policy dialogue",
    "policy_formulation": "facilitate policy formulation",
    "advocacy": "undertake advocacy activities",
    "awareness_raising": "undertake awareness raising",
    "technical_assistance": "provide technical assistance",
    "data_collection_and_research": "support data collection and research",
}
_BOTH_UNDERTAKEN = "undertake advocacy activities and awareness raising"


def engage_sentence(totals: list[Row]) -> Sentence:
    """The paper's opening, of the activities some Country Office reported; of a year's one
    Country Office, in the singular ("The one UNFPA Country Office engages in ...")."""
    verbs = [ACTIVITY_VERBS[r.activity] for r in totals if not r.is_none]
    if ACTIVITY_VERBS["advocacy"] in verbs and ACTIVITY_VERBS["awareness_raising"] in verbs:
        at = verbs.index(ACTIVITY_VERBS["advocacy"])
        verbs[at] = _BOTH_UNDERTAKEN
        verbs.remove(ACTIVITY_VERBS["awareness_raising"])
    subject: Said = Said("UNFPA Country Offices")
    if totals[0].country_offices == 1:
        subject = all_offices(totals[0])
        verbs = [" ".join([v.split(" ", 1)[0] + "s", *v.split(" ", 1)[1:]]) for v in verbs]
    return say(
        subject,
        f" {join_phrases(verbs)} in the area of international migration.",
        claims=[reporting_claim("some", [r for r in totals if not r.is_none])],
    )


def _activities(rows: list[Row]) -> str:
    return join_phrases([ACTIVITY_PHRASES[r.activity] for r in rows])


def activities_sentence(totals: list[Row]) -> Sentence | None:
    """The most frequently reported activities, by count: a tie as a tie, a close second."""
    top = highest(totals, "offices_reporting")
    at_country = "at country level"
    if not top:
        return None
    if totals[0].country_offices == 1 and len(top) < len(totals):
        return None  # one office: what it did is said already; nothing to rank
    reported = [r for r in totals if not r.is_none]
    if len(reported) == 1:  # the only activity reported is no "most frequently reported"
        n = top[0].offices_reporting
        return say(
            _activities(top),
            f" was the only activity reported {at_country} (",
            count(top[0]),
            f" Country {noun(n, 'Office')}).",
            claims=[reporting_claim("some", top),
                    reporting_claim("none", [r for r in totals if r.is_none])],
        )  # fmt: skip
    if len(top) == len(totals):
        if top[0].is_all:
            # "All of them" needs two offices at least: the one office "reported each".
            subject = "All of them" if top[0].country_offices > 1 else "It"
            return say(
                f"{subject} reported each of these activities.",
                claims=[reporting_claim("all", top)],
            )
        return say(
            "Each of these activities was reported by the same number of Country Offices, ",
            count(top[0]),
            ".",
            claims=[Claim("same", cells(top, "offices_reporting"))],
        )
    claims = [highest_claim(top, totals, "offices_reporting")]
    second = close_runner_up(totals, "offices_reporting")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, totals, "offices_reporting"))
        return say(
            _activities([top[0], second]),
            f" were the two most frequently reported activities {at_country} (",
            count_series([top[0], second], "offices_reporting"),
            " Country Offices, respectively).",
            claims=claims,
        )
    n = top[0].offices_reporting
    offices = f" Country {noun(n, 'Office')}"
    if len(top) == 1:
        return say(
            _activities(top),
            f" was the most frequently reported activity {at_country} (",
            count(top[0]),
            f"{offices}).",
            claims=claims,
        )
    return say(
        _activities(top),
        f" were the most frequently reported activities {at_country} (",
        count(top[0]),
        f"{offices} each).",
        claims=claims,
    )


def data_total_sentence(total: Row, totals: list[Row], year: int) -> Sentence:
    if total.is_none and total.country_offices == 1:
        listed = join_phrases([ACTIVITY_PHRASES[r.activity] for r in totals], "or")
        return say(
            all_offices(total),
            f" did not report {listed} related to migration in {year}.",
            claims=[reporting_claim("none", [total, *totals])],
        )
    if total.is_none:
        listed = join_phrases([ACTIVITY_PHRASES[r.activity] for r in totals], "or")
        return say(
            f"No UNFPA Country Office reported {listed} related to migration in {year}.",
            claims=[reporting_claim("none", [total, *totals])],
        )
    areas = "activities in at least one of these areas related to migration"
    if total.is_all:
        return say(
            all_offices(total), f" reported {areas}.", claims=[reporting_claim("all", [total])]
        )
    return say(
        total_share(total, opening=True),
        " of all UNFPA Country Offices ",
        counts_of(total),
        f" reported {areas}.",
    )


def data_regions_sentence(by_region: list[Row], regions: Regions) -> Sentence | None:
    """Where the share reporting at least one of the six was highest (the paper's "Table 2
    shows that such activities were most frequently undertaken in ...")."""
    lead = leaders(by_region)
    if lead is None:
        return None
    top, second, claims = lead.top, lead.second, lead.claims
    subject = "the share of Country Offices reporting at least one of these activities"
    if lead.rung == "same":
        each, more = share_each(top, regions)
        return say(
            f"Table 2 shows that {subject} was the same in every region, ",
            each,
            ".",
            claims=[*claims, *more],
        )
    if lead.rung == "two" and top[0].is_all:
        return say(
            "Table 2 shows that ",
            all_in(top, regions),
            " reported at least one of these activities, the highest share of any region, "
            "followed by ",
            region_share(second),
            f" {in_regions([second], regions)}.",
            claims=claims,
        )
    if lead.rung == "two":
        first_share, second_share = region_share(top[0]), region_share(second)
        items = [
            f"in {regions.text_name(top[0].region)} ({first_share.text})",
            f"in {regions.text_name(second.region)} ({second_share.text})",
        ]
        return say(
            "Table 2 shows that the two highest shares of Country Offices reporting at least one "
            "of these activities were ",
            Said(join_phrases(items), first_share.cites + second_share.cites),
            ".",
            claims=claims,
        )
    if lead.rung == "all":
        return say(
            "Table 2 shows that ",
            all_in(top, regions),
            " reported at least one of these activities, the highest share of any region.",
            claims=claims,
        )
    if len(top) == 1:
        return say(
            f"Table 2 shows that {subject} was highest {in_regions(top, regions)} (",
            region_share(top[0]),
            ").",
            claims=claims,
        )
    each, more = share_each(top, regions)
    return say(
        f"Table 2 shows that {subject} was highest {in_regions(top, regions)}, ",
        each,
        ".",
        claims=[*claims, *more],
    )


def data_research_sentences(
    table2: pd.DataFrame, regions: Regions, year: int, no_report: NoReport = 0
) -> list[Sentence]:
    """Section C's paragraph on the six activities, from Table 2; `no_report`: the offices
    that sent no report."""
    by_activity = rows_by_activity(table2)
    totals = [split_total(by_activity[a])[1] for a in TABLE2_ACTIVITIES]
    by_region, total = split_total(by_activity[AT_LEAST_ONE])
    missing = no_report_sentence(
        no_report, by_region, total, year, "none of these activities", regions
    )
    if total.is_none:
        first = [data_total_sentence(total, totals, year)]
        return with_table_reference([*first, *([missing] if missing else [])], 2)
    sentences = [engage_sentence(totals), data_total_sentence(total, totals, year)]
    if missing is not None:
        sentences.append(missing)
    most = activities_sentence(totals)
    if most is not None:
        sentences.append(most)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(by_region[0], regions, year))
    elif not total.is_all:
        where = data_regions_sentence(by_region, regions)
        if where is not None:
            sentences.append(where)
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(none_sentence(none, regions, "any of these activities"))
    return with_table_reference(sentences, 2)
