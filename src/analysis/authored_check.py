"""Figures typed in authored text, checked against the tables: a per cent or a count next to a
region the tables show, which no cell of that region (for the activity the sentence names)
holds, is a warning naming the file, the line and both values. A researcher who pasted last
year's figure sees it; the run goes on, since the text is theirs to correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .authored import Authored, placeholder_name
from .regions import TOTAL, Regions
from .schema import ACTIVITY_LABELS, ACTIVITY_PHRASES, AT_LEAST_ONE
from .words import number_words

# How a sentence may name each activity, besides the tables' labels and the report's phrases.
_MORE_NAMES = {
    "training_capacity_building": ("capacity building", "training"),
    "awareness_raising": ("awareness",),
    "data_collection_and_research": ("data collection", "research"),
    AT_LEAST_ONE: ("at least one",),
}
_WORD_NUMBERS = {number_words(n): n for n in range(1000)}
_NUMBER = r"\d+|" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
_PER_CENT = re.compile(rf"\b(\d+\.\d+|{_NUMBER})\s*(?:per\s+cent|percent|%)", re.IGNORECASE)
_COUNT = re.compile(
    rf"\b({_NUMBER})\s+(?:UNFPA\s+)?(?:Country\s+)?Offices?\b(?!\s+in\s+total)", re.IGNORECASE
)
# "10 of 43": offices reporting, of the offices in the roster (a denominator in digits only:
# "two of the six activities" counts activities).
_FRACTION = re.compile(rf"\b({_NUMBER})\s+(?:out\s+)?of\s+(\d+)\b", re.IGNORECASE)
# A sentence about all offices, with no region named, is about the Total row.
_ALL_OFFICES = re.compile(r"\ball\s+(?:the\s+)?(?:UNFPA\s+)?Country\s+Offices\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


@dataclass(frozen=True)
class Figure:
    """A per cent or count typed in the text."""

    kind: str  # "per cent", "count" or "fraction"
    value: float
    start: int
    of: float = 0  # a fraction's denominator

    @property
    def typed(self) -> str:
        if self.kind == "per cent":
            return f"{self.value:g} per cent"
        if self.kind == "fraction":
            return f"{self.value:g} of {self.of:g} Country Offices"
        return f"{self.value:g} Country Offices"


def _names(regions: Regions, shown: list[str]) -> list[tuple[str, str]]:
    """(how a sentence may name a region, the region), longest first so that `East and
    Southern Africa` is not read as `Africa`."""
    names = []
    for region in shown:
        for name in {region, regions.text_name(region)}:
            bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            bare = re.sub(r"\s+region$", "", bare, flags=re.IGNORECASE)
            names.append((bare, region))
    return sorted(set(names), key=lambda n: len(n[0]), reverse=True)


def _activity_names() -> list[tuple[str, str]]:
    names = {(label.lower(), a) for a, label in ACTIVITY_LABELS.items()}
    names |= {(phrase.lower(), a) for a, phrase in ACTIVITY_PHRASES.items()}
    names |= {(n, a) for a, more in _MORE_NAMES.items() for n in more}
    names.discard(("at least one of these", AT_LEAST_ONE))
    return sorted(names, key=lambda n: len(n[0]), reverse=True)


def _mentions(sentence: str, names: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """(position, what is named) for each name in the sentence, longest names first, none
    inside another's span."""
    taken: list[tuple[int, int]] = []
    found = []
    for name, meaning in names:
        for match in re.finditer(rf"\b{re.escape(name)}\b", sentence, re.IGNORECASE):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append((span[0], meaning))
    return sorted(found)


def _value(number: str) -> float:
    word = number.lower()
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else float(word)


def _figures(sentence: str) -> list[Figure]:
    found = [
        Figure("per cent", _value(m.group(1)), m.start()) for m in _PER_CENT.finditer(sentence)
    ]
    found += [Figure("count", _value(m.group(1)), m.start()) for m in _COUNT.finditer(sentence)]
    found += [
        Figure("fraction", _value(m.group(1)), m.start(), _value(m.group(2)))
        for m in _FRACTION.finditer(sentence)
    ]
    return sorted(found, key=lambda f: f.start)


def _pairs(sentence: str, figures: list[Figure], regions: list[tuple[int, str]]):
    """Each figure with the region it is about: in order where the sentence says
    `respectively`, else the region named nearest to it."""
    if not regions:
        return []
    by_kind: dict[str, list[Figure]] = {}
    for figure in figures:
        by_kind.setdefault(figure.kind, []).append(figure)
    pairs = []
    respectively = "respectively" in sentence.lower()
    for same in by_kind.values():
        if respectively and len(same) == len(regions):
            pairs.extend(zip(same, [r for _, r in regions], strict=True))
            continue
        for figure in same:
            nearest = min(regions, key=lambda r: abs(r[0] - figure.start))
            pairs.append((figure, nearest[1]))
    return pairs


def _cells(table1: pd.DataFrame, table2: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([table1, table2], ignore_index=True)


def _disagreement(figure: Figure, region: str, activities: list[str], cells: pd.DataFrame):
    """What the tables hold for the region (and activities), or None where one agrees."""
    rows = cells[cells["region"] == region]
    if activities:
        rows = rows[rows["activity"].isin(activities)]
    if rows.empty:
        return None
    if figure.kind == "per cent":
        held = {(a, int(p)) for a, p in zip(rows["activity"], rows["percent"], strict=True)}
        if any(p == figure.value for _, p in held):
            return None
        return ", ".join(f"{ACTIVITY_PHRASES[a]} {p} per cent" for a, p in sorted(held))
    offices = int(rows["country_offices"].iloc[0])
    held = {(a, int(n)) for a, n in zip(rows["activity"], rows["offices_reporting"], strict=True)}
    reported = any(n == figure.value for _, n in held)
    if figure.kind == "fraction" and figure.of == offices and reported:
        return None
    if figure.kind == "count" and (figure.value == offices or reported):
        return None
    counts = ", ".join(f"{ACTIVITY_PHRASES[a]} {n}" for a, n in sorted(held))
    return f"{offices} Country Offices in all; reporting {counts}"


def _named(region: str) -> str:
    return "all Country Offices (Total)" if region == TOTAL else region


def _sentences(text: str):
    """(start, sentence) of each sentence of a paragraph."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def check(text: Authored, table1: pd.DataFrame, table2: pd.DataFrame, regions: Regions):
    """Warnings, one per typed figure that disagrees with the tables, in the text's order."""
    cells = _cells(table1, table2)
    shown = [r for r in dict.fromkeys(cells["region"]) if r != TOTAL]
    region_names = _names(regions, shown)
    activity_names = _activity_names()
    warnings = []
    tokens = text.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        if placeholder_name(tokens[i - 1], token) is not None:
            continue
        content = token.content
        for start, sentence in _sentences(content):
            figures = _figures(sentence)
            if not figures:
                continue
            named_regions = _mentions(sentence, region_names)
            if not named_regions and (everyone := _ALL_OFFICES.search(sentence)):
                named_regions = [(everyone.start(), TOTAL)]
            activities = sorted({a for _, a in _mentions(sentence, activity_names)})
            for figure, region in _pairs(sentence, figures, named_regions):
                held = _disagreement(figure, region, activities, cells)
                if held is None:
                    continue
                line = (
                    text.body_first_line
                    + token.map[0]
                    + content[: start + figure.start].count("\n")
                )
                warnings.append(
                    f"{text.name}, line {line}: the text says {figure.typed} for "
                    f"{_named(region)}, but the tables give {held}"
                )
    return warnings
