"""Figures typed in authored text, checked against the tables: a per cent or a count next to a
region the tables show, which no cell of that region (for the activity the sentence names)
holds, is a warning naming the file, the line and both values. A researcher who pasted last
year's figure sees it; the run goes on, since the text is theirs to correct.
"""

from __future__ import annotations

import bisect
import functools
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


def _number_pattern() -> str:
    """Digits, or a number of _WORD_NUMBERS in words, as a grammar: the same strings as
    their thousand spellings joined by `|`, which the regex engine would try one by one at
    every word of the text (a megabyte took half a minute)."""
    words = [number_words(n) for n in range(20)]
    units, teens = "|".join(words[1:10]), "|".join(words[10:20])
    tens = "|".join(number_words(10 * n) for n in range(2, 10))
    below_100 = rf"(?:(?:{tens})(?:-(?:{units}))?|{teens}|{units})"
    return rf"\d+|(?:{units}) hundred(?: and {below_100})?|{below_100}|{words[0]}"


_NUMBER = _number_pattern()
_PER_CENT = re.compile(rf"\b(\d+\.\d+|{_NUMBER})\s*(?:per\s+cent|percent|%)", re.IGNORECASE)
_COUNT = re.compile(
    rf"\b({_NUMBER})\s+(?:UNFPA\s+)?(?:Country\s+)?Offices?\b(?!\s+in\s+total)", re.IGNORECASE
)
# "10 of 43": offices reporting, of the offices in the roster (a denominator in digits only:
# "two of the six activities" counts activities).
_FRACTION = re.compile(rf"\b({_NUMBER})\s+(?:out\s+)?of\s+(\d+)\b", re.IGNORECASE)
# A sentence about all offices, with no region named, is about the Total row.
_ALL_OFFICES = re.compile(r"\ball\s+(?:the\s+)?(?:UNFPA\s+)?Country\s+Offices\b", re.IGNORECASE)
_NEWLINE = re.compile("\n")
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
    taken: list[tuple[int, int]] = []  # disjoint spans, in order
    found = []
    folded = sentence.casefold()
    for name, meaning in names:
        if name.casefold() not in folded:  # most names are not in a sentence: skip the regex
            continue
        for match in _name_pattern(name).finditer(sentence):
            span = match.span()
            # Only the spans either side of this one can overlap it.
            at = bisect.bisect_left(taken, span)
            if any(a < span[1] and span[0] < b for a, b in taken[max(at - 1, 0) : at + 1]):
                continue
            taken.insert(at, span)
            found.append((span[0], meaning))
    return sorted(found)


@functools.cache
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def _value(number: str) -> float:
    word = number.lower()
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else float(word)


def _figures(sentence: str) -> list[Figure]:
    # Each pattern needs a word most sentences lack: look for the word before the pattern.
    folded = sentence.casefold()
    found = []
    if "%" in folded or "per" in folded:
        found += [
            Figure("per cent", _value(m.group(1)), m.start()) for m in _PER_CENT.finditer(sentence)
        ]
    if "office" in folded:
        found += [Figure("count", _value(m.group(1)), m.start()) for m in _COUNT.finditer(sentence)]
    if "of" in folded:
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
    starts = [start for start, _ in regions]  # in order (`_mentions`)
    for same in by_kind.values():
        if respectively and len(same) == len(regions):
            pairs.extend(zip(same, [r for _, r in regions], strict=True))
            continue
        for figure in same:
            # The nearest is one of the two named either side of the figure (the earlier on
            # a tie, as `min` over them in order picks).
            at = bisect.bisect_left(starts, figure.start)
            near = regions[max(at - 1, 0) : at + 1]
            nearest = min(near, key=lambda r: abs(r[0] - figure.start))
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
    name = text.name  # resolved once: a long text can have thousands of warnings

    # One answer per figure, region and activities: a long text repeats them.
    @functools.cache
    def disagreement(kind: str, value: float, of: float, region: str, activities: tuple):
        return _disagreement(Figure(kind, value, 0, of), region, list(activities), cells)

    for i, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        if placeholder_name(tokens[i - 1], token) is not None:
            continue
        content = token.content
        line_starts = [m.start() for m in _NEWLINE.finditer(content)]
        for start, sentence in _sentences(content):
            figures = _figures(sentence)
            if not figures:
                continue
            named_regions = _mentions(sentence, region_names)
            if not named_regions and (everyone := _ALL_OFFICES.search(sentence)):
                named_regions = [(everyone.start(), TOTAL)]
            activities = sorted({a for _, a in _mentions(sentence, activity_names)})
            for figure, region in _pairs(sentence, figures, named_regions):
                held = disagreement(figure.kind, figure.value, figure.of, region, tuple(activities))
                if held is None:
                    continue
                newlines_before = bisect.bisect_left(line_starts, start + figure.start)
                line = text.body_first_line + token.map[0] + newlines_before
                warnings.append(
                    f"{name}, line {line}: the text says {figure.typed} for "
                    f"{_named(region)}, but the tables give {held}"
                )
    return warnings
