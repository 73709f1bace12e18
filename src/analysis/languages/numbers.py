"""Numbers as each language's UN editorial practice writes them in prose, through Babel (CLDR
digits and grouping) and num2words (numbers in words); docs/languages.md gives the sources.

- Per cents in figures with the sign: French "37 %" with a narrow no-break space (U+202F)
  before the sign, Spanish "37 %" with a no-break space (U+00A0), as the UN French and Spanish
  services and the Real Academia write them; a per cent that opens a French sentence is in
  words with "pour cent" ("Vingt-trois pour cent des bureaux"); Spanish opens with the article
  instead ("El 23 % de las oficinas"), as Spanish prose does.
- Counts one to ten in words, 11 and above in figures, as the English text does
  (words.LAST_IN_WORDS), and in words where a count opens a sentence.
- Counts agree with their noun: "bureau" is masculine ("vingt et un bureaux"), "oficina"
  feminine ("una oficina", "veintiuna oficinas", "doscientas oficinas").
"""

from __future__ import annotations

import re

from babel.numbers import format_decimal, format_percent
from num2words import num2words

from ..words import LAST_IN_WORDS, capitalise

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
# The per cent sign and the space before it, per language (Babel's CLDR pattern, the space
# made the one each language's UN practice uses).
PERCENT_PATTERNS = {"fr": f"#,##0{NARROW_NBSP}%", "es": f"#,##0{NBSP}%"}
PERCENT_WORDS = {"fr": "pour cent", "es": "por ciento"}


def figure(n: int, language: str) -> str:
    """A count in figures, grouped as the language groups thousands ("1 234" in French)."""
    return format_decimal(n, locale=language)


def percent_figure(p: int, language: str) -> str:
    """ "37 %": a whole per cent with the language's sign and space."""
    return format_percent(p / 100, format=PERCENT_PATTERNS[language], locale=language)


def _feminine_es(words: str) -> str:
    """Spanish feminine of a cardinal: "una", "veintiuna", "treinta y una", "doscientas"; "un"
    of "un millón" is left alone (millón is masculine), as are "ciento" and "mil"."""
    words = re.sub(r"\buno\b", "una", words)
    words = re.sub(r"\bveintiuno\b", "veintiuna", words)
    return re.sub(r"ientos\b", "ientas", words)


def words(n: int, language: str, feminine: bool = False) -> str:
    """A cardinal in words (num2words), agreeing with a feminine noun in Spanish."""
    text = num2words(n, lang=language)
    return _feminine_es(text) if feminine and language == "es" else text


def number(n: int, language: str, feminine: bool = False, opening: bool = False) -> str:
    """A count in prose: one to ten in words, else figures; in words opening a sentence."""
    if opening:
        return capitalise(words(n, language, feminine))
    return words(n, language, feminine) if 0 < n <= LAST_IN_WORDS else figure(n, language)


def numbers(values: list[int], language: str, feminine: bool = False) -> list[str]:
    """Related counts said together: all in words when all are one to ten, else figures."""
    if all(0 < v <= LAST_IN_WORDS for v in values):
        return [words(v, language, feminine) for v in values]
    return [figure(v, language) for v in values]


def per_cent(p: int, language: str, opening: bool = False) -> str:
    """ "37 %"; in French, opening a sentence, "Trente-sept pour cent"."""
    if opening and language == "fr":
        return f"{capitalise(words(p, language))} {PERCENT_WORDS[language]}"
    return percent_figure(p, language)
