"""The figures a sentence of authored text states, found and read: per cents, counts of
Country Offices, "x of y", verbal shares, and years (authored_check.py checks them)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from fractions import Fraction

from .words import number_words

# Verbal shares, and the words that qualify them.
SHARES = {
    "one quarter": Fraction(1, 4),
    "a quarter": Fraction(1, 4),
    "one third": Fraction(1, 3),
    "a third": Fraction(1, 3),
    "half": Fraction(1, 2),
    "one half": Fraction(1, 2),
    "two thirds": Fraction(2, 3),
    "three quarters": Fraction(3, 4),
}
ABOVE = ("over", "more than", "just over", "above", "over a", "more than a")
BELOW = ("almost", "nearly", "just under", "under", "less than", "below", "close to")
ABOUT = ("about", "around", "some", "roughly", "approximately")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


@functools.cache
def figure_patterns() -> dict[str, re.Pattern]:
    """The figures' patterns, compiled once, when text is first checked (not at import)."""
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    below_100 = rf"(?:(?:{tens})(?:-(?:{ones}))?|{teens}|{ones})"
    words = rf"(?:(?:{ones})\s+hundred(?:\s+and\s+{below_100})?|{below_100}|zero)"
    n = rf"(?:\d+|{words})\b"
    offices = r"(?:UNFPA\s+)?(?:Country\s+)?Offices?\b"
    qualifiers = "|".join(sorted(map(re.escape, ABOVE + BELOW + ABOUT), key=len, reverse=True))
    shares = "|".join(sorted(map(re.escape, SHARES), key=len, reverse=True))
    flags = re.IGNORECASE
    return {
        "per cent": re.compile(rf"\b(\d+\.\d+|{n})\s*(?:per\s+cent|percent|%)", flags),
        # "10 of 43": a denominator in words only before "Country Offices" ("two of the six
        # activities" counts activities, "one of UNFPA's priorities" nothing).
        "fraction": re.compile(
            rf"\b({n})\s+(?:out\s+)?of\s+(?:(\d+)\b|({words})\b(?=\s+{offices}))", flags
        ),
        "count": re.compile(rf"\b({n})\s+{offices}(?!\s+in\s+total)", flags),
        # "40 and 35 Country Offices", "12, 10 and 9 Country Offices": each a count.
        "series": re.compile(rf"\b{n}(?:\s*,\s*{n})*\s+and\s+{n}\s+{offices}", flags),
        "number": re.compile(rf"\b{n}", flags),
        "share": re.compile(rf"\b(?:({qualifiers})\s+)?({shares})\s+of\b", flags),
        # "All Country Offices in Africa reported", not "37 per cent of all Country Offices".
        "all": re.compile(
            r"(?<!\bof\s)(?<!\bamong\s)(?<!\bacross\s)(?<!\bto\s)(?<!\bfor\s)(?<!\bby\s)"
            rf"\b(?:all|every)\s+(?:the\s+)?(?:({n})\s+)?(?:UNFPA\s+)?Country\s+Offices?\b",
            flags,
        ),
        "none": re.compile(
            r"\b(?:no|none\s+of\s+the|not\s+one)\s+(?:UNFPA\s+)?Country\s+Offices?\b", flags
        ),
        # Before a count: it is of the roster ("of 127 Country Offices", "the 43 Country
        # Offices in Africa", "all 127"), not of those reporting.
        "roster before": re.compile(
            r"(?:\bof|\ball|\bamong|\bthe|\bhas|\bhave|\bhad|\btotal\s+of|\bout\s+of)\s+$", flags
        ),
        "roster after": re.compile(r"^\s+(?:in\s+(?:total|all|the\s+roster)|in\s+\d{4}\s+roster)"),
        # After a figure: "of all UNFPA Country Offices", not "... in Africa": the Total row.
        "of all": re.compile(r"^\s*(?:of\s+)?all\s+(?:UNFPA\s+)?Country\s+Offices\b(?!\s+in\b)"),
    }


@functools.cache
def _word_values() -> dict[str, int]:
    return {number_words(n): n for n in range(1000)}


def _value(number: str) -> float:
    word = re.sub(r"\s+", " ", number.lower())
    return _word_values()[word] if word in _word_values() else float(word)


@dataclass(frozen=True)
class Typed:
    kind: str  # "per cent", "count", "fraction", "share", "all", "none", "year"
    start: int
    end: int
    typed: str
    value: float = 0
    of: float = 0  # a fraction's denominator
    qualifier: str = ""  # a share's "over", "almost", "about", or a per cent's
    decimals: int = 0  # a per cent typed with decimals ("36.8 per cent")
    roster: bool = False  # a count of the roster, not of those reporting


def figures_in(sentence: str) -> list[Typed]:
    """Every figure the sentence states, none inside another (a count inside "all 127
    Country Offices" is the roster's; "32 of 127" is one figure, not two)."""
    p = figure_patterns()
    found: list[Typed] = []

    def add(figure: Typed) -> None:
        if not any(f.start < figure.end and figure.start < f.end for f in found):
            found.append(figure)

    for m in p["fraction"].finditer(sentence):
        of = m.group(2) or m.group(3)
        add(Typed("fraction", m.start(), m.end(), m.group(0), _value(m.group(1)), _value(of)))
    for m in p["share"].finditer(sentence):
        qualifier = (m.group(1) or "").lower()
        add(Typed("share", m.start(), m.end(), m.group(0)[: -len(" of")], 0, 0, qualifier))
    for m in p["per cent"].finditer(sentence):
        before = sentence[: m.start()].rstrip().lower()
        qualifier = next((q for q in ABOVE + BELOW + ABOUT if before.endswith(q)), "")
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        add(Typed("per cent", m.start(), m.end(), m.group(0), _value(m.group(1)), 0, qualifier,
                   decimals=decimals))  # fmt: skip
    for m in p["all"].finditer(sentence):
        add(Typed("all", m.start(), m.end(), m.group(0)))
        if m.group(1):  # "all 127 Country Offices": the roster's size too
            typed = sentence[m.start(1) : m.end()]
            found.append(
                Typed("count", m.start(1), m.end(), typed, _value(m.group(1)), roster=True)
            )
    for m in p["series"].finditer(sentence):
        before = sentence[: m.start()]
        roster = bool(p["roster before"].search(before))
        for number in p["number"].finditer(m.group(0)):
            at = m.start() + number.start()
            end = m.start() + number.end()
            add(Typed("count", at, end, number.group(0), _value(number.group(0)), roster=roster))
    for m in p["none"].finditer(sentence):
        add(Typed("none", m.start(), m.end(), m.group(0)))
    for m in p["count"].finditer(sentence):
        before, after = sentence[: m.start()], sentence[m.end() :]
        roster = bool(p["roster before"].search(before) or p["roster after"].match(after))
        add(Typed("count", m.start(), m.end(), m.group(0), _value(m.group(1)), roster=roster))
    return sorted(found, key=lambda f: f.start)


def years_in(sentence: str, year: int) -> list[Typed]:
    """Years before the document's in a sentence that does not also name the document's year
    (a comparison) and not after "since" (a history); later years are plans, or the date
    of a paper."""
    if str(year) in sentence:
        return []
    return [
        Typed("year", m.start(), m.end(), m.group(0))
        for m in _YEAR.finditer(sentence)
        if int(m.group(0)) < year and not re.search(r"\bsince\s+$", sentence[: m.start()], re.I)
    ]
