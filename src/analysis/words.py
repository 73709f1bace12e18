"""Small pieces of English for messages and pages, with the standard library only (the
command line uses them before it loads pandas).

Numbers follow the UN Editorial Manual: one to ten in words in prose, 11 and above in figures,
a per cent always in figures with "per cent", and a number that opens a sentence in words.
"""

from __future__ import annotations

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
LAST_IN_WORDS = 10  # prose spells out one to ten (the brief's reading of the UN manual)


def counted(count: int, noun: str) -> str:
    """`1 row`, `2 rows`: a count with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def join_names(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def join_phrases(items: list[str], conjunction: str = "and", before_each: str = "") -> str:
    """A list that reads one way only when its items themselves hold "and" ("Asia and the
    Pacific"): the preposition `before_each` is then repeated ("in A and in B") and a comma
    closes an item holding "and" before the last ("in Latin America and the Caribbean, and
    in Africa", as the paper writes)."""
    holds_and = any(" and " in item for item in items)
    lead = f"{before_each} " if before_each else ""
    if holds_and:
        items = [f"{lead}{item}" for item in items]
    elif items:
        items = [f"{lead}{items[0]}", *items[1:]]
    if len(items) <= 1:
        return "".join(items)
    comma = "," if " and " in items[-2] or len(items) > 2 and holds_and else ""
    return ", ".join(items[:-1]) + f"{comma} {conjunction} " + items[-1]


def number_words(n: int) -> str:
    """A cardinal number in words: "twenty-three", "one hundred and twenty-seven"."""
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


def number(n: int, opening: bool = False) -> str:
    """A count in prose: "ten", "11"; in words when it opens a sentence ("Twenty-three")."""
    if opening:
        return capitalise(number_words(n))
    return number_words(n) if 0 < n <= LAST_IN_WORDS else str(n)


def numbers(values: list[int]) -> list[str]:
    """Related counts said together ("40 and 35", "three of five"): all in words when all
    are one to ten, else all in figures, so that a series reads in one style."""
    if all(0 < v <= LAST_IN_WORDS for v in values):
        return [number_words(v) for v in values]
    return [str(v) for v in values]


def noun(count: int, singular: str, plural: str | None = None) -> str:
    return singular if count == 1 else (plural or singular + "s")


def per_cent(p: int, opening: bool = False) -> str:
    """ "23 per cent"; "Twenty-three per cent" when it opens a sentence."""
    return f"{number(p, opening=True)} per cent" if opening else f"{p} per cent"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
