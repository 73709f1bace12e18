"""The report's sentences in a language other than English: the claims narrative.py reads off
the tables, decided here exactly as narrative.py decides them for English, each rendered by
the language's own phrasebook (prose_fr.French, prose_es.Spanish) with its own grammar.

Which sentence is said, which claims it makes and which cells it cites never depend on the
language: only the phrasebook's words do (tests/test_languages.py holds every language's
sentences to English's cells and claims, in order)."""

from __future__ import annotations

import pandas as pd

from ..capacity_sentences import by_count_region
from ..data_sentences import ACTIVITY_VERBS
from ..regions import TOTAL, Regions
from ..schema import AT_LEAST_ONE, TABLE2_ACTIVITIES
from ..sentence_parts import (
    CAPACITY,
    NO_REPORT,
    Claim,
    Row,
    Said,
    Sentence,
    _missing,
    cells,
    claimed,
    close_runner_up,
    fraction_words,
    highest,
    highest_claim,
    reporting_claim,
    rows_by_activity,
    runner_up_claim,
    say,
    split_total,
)
from ..tables import percent
from ..words import LAST_IN_WORDS


def share_kind(row: Row) -> str:
    """How a region's per cent is said: a figure, or "less than 1" / "more than 99" where a
    figure of 0 or 100 would say none or all."""
    if row.percent == 0 and not row.is_none:
        return "less_than_one"
    if row.percent == 100 and not row.is_all:
        return "more_than_99"
    return "figure"


def fraction_of(row: Row) -> tuple[str, bool] | None:
    """The simple fraction a total's share is said as ("one quarter", over or exactly), by
    narrative's rule; None where it is said as a per cent."""
    words = fraction_words(row.offices_reporting, row.country_offices)
    if words is None:
        return None
    return words.removeprefix("over "), words.startswith("over ")


def share_each(book, rows: list[Row]) -> tuple[Said, list[Claim]]:
    """Tied rows' one share ("30 % chacune"), or each said where they round alike but differ."""
    if len({(r.percent, share_kind(r)) for r in rows}) == 1:
        return book.each(book.region_share(rows[0])), []
    everyone = [r for r in rows if r.is_all]
    return book.all_or_share_each(rows), [reporting_claim("all", everyone)]


def with_table_reference(book, sentences: list[Sentence], number: int) -> list[Sentence]:
    last = sentences[-1]
    if any(book.names_table(s.text, number) for s in sentences):
        return sentences
    return [
        *sentences[:-1],
        Sentence(book.refer_to_table(last.text, number), last.cites, last.claims),
    ]


# ---------------------------------------------------------------------------------------------
# Section B: training/capacity building, from Table 1.


def capacity_total_sentence(book, total: Row, year: int) -> Sentence:
    if total.is_none and total.country_offices == 1:
        return say(
            *book.capacity_total_none_one(total, year), claims=[reporting_claim("none", [total])]
        )
    if total.is_none:
        return say(*book.capacity_total_none(year), claims=[reporting_claim("none", [total])])
    if total.is_all:
        return say(*book.capacity_total_all(total, year), claims=[reporting_claim("all", [total])])
    return say(*book.capacity_total_share(total, year))


def capacity_leaders_sentence(book, by_region: list[Row]) -> Sentence | None:
    top = highest(by_region, "percent")
    if not top:
        return None
    if len(top) == len(by_region):
        each, more = share_each(book, top)
        return say(*book.capacity_same(each), claims=[Claim("same", cells(top, "percent")), *more])
    claims = [highest_claim(top, by_region, "percent")]
    if all(r.is_all for r in top):
        claims.append(reporting_claim("all", top))
    second = close_runner_up(by_region, "percent")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, by_region, "percent"))
        if top[0].is_all:
            return say(*book.capacity_all_followed_by(top, second), claims=claims)
        return say(*book.capacity_two_highest(top[0], second), claims=claims)
    if all(r.is_all for r in top):
        return say(*book.capacity_all_highest(top), claims=claims)
    if len(top) == 1:
        return say(*book.capacity_highest(top[0]), claims=claims)
    each, more = share_each(book, top)
    return say(*book.capacity_highest_each(top, each), claims=[*claims, *more])


def capacity_by_count_sentence(book, row: Row, claim: Claim, regions: Regions) -> Sentence:
    among = [c[0] for c in claim.among]
    opening_count = row.offices_reporting <= LAST_IN_WORDS
    return say(*book.capacity_by_count(row, among, claim.kind, opening_count), claims=[claim])


def no_report_sentence(book, no_report, by_region: list[Row], total: Row, year: int, what: str):
    """narrative.no_report_sentence: how many offices sent no report, of how many, and the
    regions where none did."""
    missing, missing_by_region = _missing(no_report)
    if missing == 0:
        return None
    offices = total.country_offices
    reported = Row(TOTAL, NO_REPORT, offices, missing, percent(missing, offices))
    silent = [r for r in by_region if missing_by_region.get(r.region, 0) == r.country_offices]
    lead = bool(silent) and missing > sum(r.country_offices for r in silent)
    return say(*book.no_report(reported, year, what, silent, lead))


def one_region_sentence(book, row: Row, year: int) -> Sentence:
    if row.country_offices == 1:
        return say(*book.one_office_region(row, year))
    return say(*book.one_region(row.region, year))


def capacity_building_sentences(
    book, table1: pd.DataFrame, regions: Regions, year: int, no_report: int = 0
) -> list[Sentence]:
    """Section B's paragraph, as narrative.capacity_building_sentences decides it."""
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    sentences = [capacity_total_sentence(book, total, year)]
    missing = no_report_sentence(book, no_report, by_region, total, year, "capacity")
    if missing is not None:
        sentences.append(missing)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(book, by_region[0], year))
    elif not total.is_none and not total.is_all:
        leaders = capacity_leaders_sentence(book, by_region)
        named = []
        if leaders is not None:
            sentences.append(leaders)
            named = [r for r in by_region if r.cell("percent") in claimed(leaders)]
        rest = [r for r in by_region if r not in named]
        by_count = by_count_region(named, rest)
        if by_count is not None:
            sentences.append(capacity_by_count_sentence(book, *by_count, regions))
            rest.remove(by_count[0])
        doing = [r for r in rest if not r.is_none]
        if doing:
            sentences.append(
                say(
                    *book.capacity_also(book.shares_listed(doing), also=bool(named)),
                    claims=[reporting_claim("some", doing)],
                )
            )
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(
                say(*book.none_reported(none, "capacity"), claims=[reporting_claim("none", none)])
            )
    return with_table_reference(book, sentences, 1)


# ---------------------------------------------------------------------------------------------
# Section C: the six activities, from Table 2.


def engage_sentence(book, totals: list[Row]) -> Sentence:
    doing = [r.activity for r in totals if not r.is_none]
    both = "advocacy" in doing and "awareness_raising" in doing
    if both:  # said as one ("undertake advocacy activities and awareness raising")
        doing[doing.index("advocacy")] = "advocacy_and_awareness_raising"
        doing.remove("awareness_raising")
    assert all(a in ACTIVITY_VERBS or a == "advocacy_and_awareness_raising" for a in doing)
    one = totals[0] if totals[0].country_offices == 1 else None
    return say(
        *book.engage(doing, one),
        claims=[reporting_claim("some", [r for r in totals if not r.is_none])],
    )


def activities_sentence(book, totals: list[Row]) -> Sentence | None:
    top = highest(totals, "offices_reporting")
    if not top:
        return None
    if totals[0].country_offices == 1 and len(top) < len(totals):
        return None  # one office: what it did is said already; nothing to rank
    reported = [r for r in totals if not r.is_none]
    if len(reported) == 1:  # the only activity reported is no "most frequently reported"
        return say(
            *book.only_activity(top[0]),
            claims=[reporting_claim("some", top),
                    reporting_claim("none", [r for r in totals if r.is_none])],
        )  # fmt: skip
    if len(top) == len(totals):
        if top[0].is_all:
            return say(
                *book.each_activity_all(top[0].country_offices > 1),
                claims=[reporting_claim("all", top)],
            )
        return say(
            *book.each_activity_same(top[0]),
            claims=[Claim("same", cells(top, "offices_reporting"))],
        )
    claims = [highest_claim(top, totals, "offices_reporting")]
    second = close_runner_up(totals, "offices_reporting")
    if second is not None:
        claims.append(runner_up_claim(top[0], second, totals, "offices_reporting"))
        return say(*book.two_most_reported(top[0], second), claims=claims)
    return say(*book.most_reported(top), claims=claims)


def data_total_sentence(book, total: Row, totals: list[Row], year: int) -> Sentence:
    if total.is_none and total.country_offices == 1:
        return say(
            *book.data_total_none_one(total, [r.activity for r in totals], year),
            claims=[reporting_claim("none", [total, *totals])],
        )
    if total.is_none:
        return say(
            *book.data_total_none([r.activity for r in totals], year),
            claims=[reporting_claim("none", [total, *totals])],
        )
    if total.is_all:
        return say(*book.data_total_all(total), claims=[reporting_claim("all", [total])])
    return say(*book.data_total_share(total))


def data_regions_sentence(book, by_region: list[Row]) -> Sentence | None:
    top = highest(by_region, "percent")
    if not top:
        return None
    if len(top) == len(by_region):
        each, more = share_each(book, top)
        return say(*book.data_same(each), claims=[Claim("same", cells(top, "percent")), *more])
    claims = [highest_claim(top, by_region, "percent")]
    second = close_runner_up(by_region, "percent")
    if second is not None:
        runner_up = runner_up_claim(top[0], second, by_region, "percent")
        if top[0].is_all:  # claims in English's order (sentence_parts.leaders)
            return say(
                *book.data_all_followed_by(top, second),
                claims=[*claims, reporting_claim("all", top), runner_up],
            )
        return say(*book.data_two_highest(top[0], second), claims=[*claims, runner_up])
    if all(r.is_all for r in top):
        claims.append(reporting_claim("all", top))
        return say(*book.data_all_highest(top), claims=claims)
    if len(top) == 1:
        return say(*book.data_highest(top[0]), claims=claims)
    each, more = share_each(book, top)
    return say(*book.data_highest_each(top, each), claims=[*claims, *more])


def data_research_sentences(
    book, table2: pd.DataFrame, regions: Regions, year: int, no_report: int = 0
) -> list[Sentence]:
    """Section C's paragraph, as narrative.data_research_sentences decides it."""
    by_activity = rows_by_activity(table2)
    totals = [split_total(by_activity[a])[1] for a in TABLE2_ACTIVITIES]
    by_region, total = split_total(by_activity[AT_LEAST_ONE])
    missing = no_report_sentence(book, no_report, by_region, total, year, "any")
    if total.is_none:
        first = [data_total_sentence(book, total, totals, year)]
        return with_table_reference(book, [*first, *([missing] if missing else [])], 2)
    sentences = [engage_sentence(book, totals), data_total_sentence(book, total, totals, year)]
    if missing is not None:
        sentences.append(missing)
    most = activities_sentence(book, totals)
    if most is not None:
        sentences.append(most)
    if len(by_region) == 1:
        sentences.append(one_region_sentence(book, by_region[0], year))
    elif not total.is_all:
        where = data_regions_sentence(book, by_region)
        if where is not None:
            sentences.append(where)
        none = [r for r in by_region if r.is_none]
        if none:
            sentences.append(
                say(*book.none_reported(none, "any"), claims=[reporting_claim("none", none)])
            )
    return with_table_reference(book, sentences, 2)
