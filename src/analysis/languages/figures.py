"""The figure check of authored text in French and Spanish: the per cents ("37 %", "37 pour
cent", "37 por ciento"), counts of country offices ("12 bureaux de pays", "12 oficinas") and
"x of y" ("32 sur 127", "32 de 127") a sentence types in digits, each read as one cell of the
tables (the region the sentence names nearest to it, else the Total row; the activity it names
nearest to it, else the section's) and compared with it. English authored text has
its own, fuller check (authored_check.py); this one reads what every language writes in
digits, so that a figure retyped in a translation is caught as it is in English."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..regions import TOTAL, Regions
from ..schema import ACTIVITY_LABELS, AT_LEAST_ONE
from . import label, numbers, prose_es, prose_fr

_SPACE = r"[\s\u00a0\u202f]"
PER_CENT = {
    "fr": re.compile(rf"\b(\d+){_SPACE}*(?:%|pour{_SPACE}+cent)", re.I),
    "es": re.compile(rf"\b(\d+){_SPACE}*(?:%|por{_SPACE}+ciento)", re.I),
}
COUNT = {
    "fr": re.compile(rf"\b(\d+){_SPACE}+(?:bureaux?{_SPACE}+de{_SPACE}+pays)\b", re.I),
    "es": re.compile(rf"\b(\d+){_SPACE}+oficinas?\b", re.I),
}
OF = {
    "fr": re.compile(rf"\b(\d+){_SPACE}+sur{_SPACE}+(\d+)\b"),
    "es": re.compile(rf"\b(\d+){_SPACE}+de{_SPACE}+(\d+)\b(?!{_SPACE}*(?:%|por))"),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9«¿¡(])")
_YEAR = re.compile(r"^(1[89]\d\d|2\d\d\d)$")
RESPECTIVELY = re.compile(r"\brespectiv(?:ement|amente)\b", re.I)


@dataclass(frozen=True)
class Typed:
    """A figure a sentence types that its cell does not hold."""

    typed: str  # as typed: "37 %", "32 sur 127"
    cell: str  # "Table 1, Afrique, Formation/renforcement des capacités"
    holds: str  # what the cell holds, as the language writes it: "23 % (10 sur 43)"
    sentence: str


def _names(language: str, regions: Regions) -> list[tuple[str, str]]:
    """(how a sentence may name it, region), longest first: the tables' name and the forms
    with article and preposition."""
    named = []
    for region in regions.canonical:
        for form in ("name", "in_text", "in"):
            name = regions.name_in(language, region, form)
            if name:
                named.append((name.lower(), region))
    return sorted(set(named), key=lambda n: -len(n[0]))


def _activities(language: str) -> list[tuple[str, str]]:
    """How a sentence may name each activity: the tables' label, and the prose's noun
    ("la collecte de données et la recherche")."""
    nouns = {"fr": prose_fr.ACTIVITY_NOUNS, "es": prose_es.ACTIVITY_NOUNS}[language]
    named = [(label(language, f"activity.{a}").lower(), a) for a in ACTIVITY_LABELS]
    named += [(noun.lower(), a) for a, noun in nouns.items()]
    return sorted(set(named), key=lambda n: -len(n[0]))


def _nearest(text: str, span: tuple[int, int], names: list[tuple[str, str]]) -> str | None:
    """The thing a figure at `span` is of: named after it in its clause ("23 % des bureaux
    de pays en Afrique", up to the next comma), else named nearest before it ("En Afrique,
    23 %"); a longer name wins where two overlap."""
    start, end = span
    clause = re.search(r"[,;:]", text[end:])
    clause_end = end + clause.start() if clause else len(text)
    lowered = text.lower()
    after = [(m.start(), thing) for name, thing in names
             for m in re.finditer(re.escape(name), lowered[end:clause_end])]  # fmt: skip
    if after:
        return min(after)[1]
    best, where = None, -1
    for name, thing in names:
        found = lowered.rfind(name, 0, start)
        if found > where:
            best, where = thing, found
    return best


def _named_in_order(text: str, names: list[tuple[str, str]]) -> list[str]:
    """The regions a sentence names, in order, each once where names overlap."""
    lowered, taken, named = text.lower(), set(), []
    for name, thing in names:  # longest first: "Afrique de l'Ouest" before "Afrique"
        for match in re.finditer(re.escape(name), lowered):
            span = set(range(match.start(), match.end()))
            if not span & taken:
                taken |= span
                named.append((match.start(), thing))
    return [thing for _, thing in sorted(named)]


def _holds(row: pd.Series, language: str) -> str:
    n, of = int(row["offices_reporting"]), int(row["country_offices"])
    between = {"fr": "sur", "es": "de"}[language]
    return f"{numbers.percent_figure(int(row['percent']), language)} ({n} {between} {of})"


def check(
    text: str,
    language: str,
    tables: pd.DataFrame,
    regions: Regions,
    section_activity: str = AT_LEAST_ONE,
) -> list[Typed]:
    """Every figure in digits of `text` that its cell of `tables` (Table 1 and Table 2 rows
    together) does not hold."""
    cells = tables.set_index(["region", "activity"])
    region_names, activity_names = _names(language, regions), _activities(language)
    problems = []
    for sentence in _SENTENCE_END.split(text):
        found: list[tuple[int, str, str, tuple[int, ...]]] = []
        for match in OF[language].finditer(sentence):
            if not _YEAR.match(match[2]):
                found.append((match.start(), "of", match[0], (int(match[1]), int(match[2]))))
        taken = [range(start, start + len(typed)) for start, _, typed, _ in found]
        for kind, patterns in (("percent", PER_CENT), ("count", COUNT)):
            for match in patterns[language].finditer(sentence):
                if any(match.start() in span for span in taken) or _YEAR.match(match[1]):
                    continue
                found.append((match.start(), kind, match[0], (int(match[1]),)))
        found.sort()
        in_order: dict[int, str] = {}  # "A and B ..., 42 % and 30 %, respectively"
        if RESPECTIVELY.search(sentence):
            named = list(dict.fromkeys(_named_in_order(sentence, region_names)))
            figures_ = [f for f in found if f[1] == "percent"]
            if len(named) == len(figures_):
                in_order = {f[0]: r for f, r in zip(figures_, named, strict=True)}
        for start, kind, typed, values in found:
            span = (start, start + len(typed))
            region = in_order.get(start) or _nearest(sentence, span, region_names) or TOTAL
            activity = _nearest(sentence, span, activity_names) or section_activity
            if (region, activity) not in cells.index:
                continue
            row = cells.loc[(region, activity)]
            expected = {
                "percent": (int(row["percent"]),),
                "count": (int(row["offices_reporting"]),),
                "of": (int(row["offices_reporting"]), int(row["country_offices"])),
            }[kind]
            if values != expected:
                table = 1 if activity == "training_capacity_building" else 2
                where = regions.name_in(language, region) or label(language, "region.total")
                if region == TOTAL:
                    where = label(language, "region.total")
                name = label(language, f"sheet.{table}")
                cell = f"{name}, {where}, {label(language, f'activity.{activity}')}"
                problems.append(Typed(typed, cell, _holds(row, language), sentence))
    return problems
