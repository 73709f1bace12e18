"""A year's generated text in one language: its two paragraphs of sentences, its method
paragraphs, its tables as a reader of that language reads them, and the check that its
sentences cite the cells English cites, in the same order (the run makes it for every
language it writes)."""

from __future__ import annotations

import pandas as pd

from .. import narrative
from ..regions import TOTAL, Regions
from ..sentence_parts import CAPACITY, Sentence, rows_by_activity, split_total
from . import DEFAULT, label, numbers, prose_es, prose_fr, sentences

PHRASEBOOKS = {"fr": prose_fr.French, "es": prose_es.Spanish}


def phrasebook(language: str, regions: Regions):
    return PHRASEBOOKS[language](regions)


def no_report_of(offices: pd.DataFrame) -> dict[str, int]:
    """The offices that sent no report, by region, as analysis.document counts them."""
    silent = offices[~offices["has_report"].astype(bool)]
    return {str(r): int(n) for r, n in silent.groupby("region").size().items()}


def paragraphs(
    language: str,
    table1: pd.DataFrame,
    table2: pd.DataFrame,
    regions: Regions,
    year: int,
    no_report: dict[str, int] | int = 0,
) -> tuple[list[Sentence], list[Sentence]]:
    """Section B's and section C's sentences in `language`; `no_report`: the offices that sent
    no report (by region)."""
    if language == DEFAULT:
        return (
            narrative.capacity_building_sentences(table1, regions, year, no_report),
            narrative.data_research_sentences(table2, regions, year, no_report),
        )
    book = phrasebook(language, regions)
    return (
        sentences.capacity_building_sentences(book, table1, regions, year, no_report),
        sentences.data_research_sentences(book, table2, regions, year, no_report),
    )


def method_paragraphs(
    language: str, table1: pd.DataFrame, log: pd.DataFrame, offices: pd.DataFrame,
    regions: Regions, year: int, **english_options,
) -> list[str]:  # fmt: skip
    """How the figures were made, in `language`: the facts narrative.method_paragraphs says
    (`english_options`, such as listed_below, are its options)."""
    if language == DEFAULT:
        return narrative.method_paragraphs(table1, log, offices, year, **english_options)
    by_region, total = split_total(rows_by_activity(table1)[CAPACITY])
    missing = log.loc[log["event"] == "no_report", "country_office"].tolist()
    set_aside = log[log["event"] == "duplicate_set_aside"]
    return phrasebook(language, regions).method_paragraphs(
        total.country_offices,
        len(by_region),
        year,
        missing,
        len(set_aside),
        sorted(set(set_aside["country_office"])),
        **english_options,
    )


def cited(paragraphs_: tuple[list[Sentence], ...]) -> list[tuple]:
    """Every cell a page's sentences state, in order."""
    return [cell for paragraph in paragraphs_ for sentence in paragraph for cell in sentence.cites]


def differences(
    english: tuple[list[Sentence], ...], other: tuple[list[Sentence], ...]
) -> list[str]:
    """Where a language's sentences cite other cells than English's, or in another order:
    nothing, when the language says the same figures (the run refuses a language otherwise)."""
    problems = []
    sections = ("training/capacity building", "the six activities")
    for section, mine, theirs in zip(sections, other, english, strict=True):
        if [s.cites for s in mine] != [s.cites for s in theirs]:
            problems.append(
                f"the paragraph on {section} cites {cited((mine,))}, the English one "
                f"{cited((theirs,))}"
            )
    return problems


def region_name(language: str, regions: Regions, region: str) -> str:
    """A region as the tables name it in `language` ("Total" in each language's word)."""
    if region == TOTAL:
        return label(language, "region.total")
    if language == DEFAULT:
        return region
    return regions.name_in(language, region) or region


def readable(table: pd.DataFrame, language: str, regions: Regions) -> pd.DataFrame:
    """tables.readable in `language`: its headings, region and activity names, per cents with
    the language's sign ("12 (28 %)"); the numbers are the table's."""
    order = list(dict.fromkeys(table["region"]))
    activities = list(dict.fromkeys(table["activity"]))
    by_region = table.set_index(["region", "activity"])
    names = [region_name(language, regions, r) for r in order]
    frame = pd.DataFrame(index=pd.Index(names, name=label(language, "column.region")))
    offices = table.drop_duplicates("region").set_index("region")["country_offices"]
    frame[label(language, "column.country_offices")] = [int(offices[r]) for r in order]
    if len(activities) == 1:
        rows = by_region.xs(activities[0], level="activity")
        frame[label(language, "column.offices_reporting")] = [
            int(rows.at[r, "offices_reporting"]) for r in order
        ]
        frame[label(language, "column.percent")] = [int(rows.at[r, "percent"]) for r in order]
        return frame
    for activity in activities:
        rows = by_region.xs(activity, level="activity")
        frame[label(language, f"activity.{activity}")] = [
            label(
                language,
                "cell.count_percent",
                count=int(rows.at[r, "offices_reporting"]),
                percent=_percent(int(rows.at[r, "percent"]), language),
            )
            for r in order
        ]
    return frame


def _percent(p: int, language: str) -> str:
    """A table cell's per cent: "28%" as the English tables have it, "28 %" in French."""
    return f"{p}%" if language == DEFAULT else numbers.percent_figure(p, language)
