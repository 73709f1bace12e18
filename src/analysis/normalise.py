"""The contract's normalisation rules (section 1.3, 1.4 and 3), each in one place."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACE_OR_PUNCT = re.compile(r"[\W_]+")

REPORTED = frozenset({"yes", "y", "true", "1", "x"})
NOT_REPORTED = frozenset({"no", "n", "false", "0", ""})
ACCEPTED_FLAGS = "yes, y, true, 1 or x for reported; no, n, false, 0 or an empty cell for not"


def header(name: str) -> str:
    """`Training/capacity building` -> `training_capacity_building`."""
    return _NOT_ALNUM.sub("_", str(name).lower()).strip("_")


# Every combining mark of the Basic Multilingual Plane: what NFKD splits off a letter's accent.
_COMBINING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.combining(chr(c))) + "]"
)


def _strip_accents(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def office_key(name: str) -> str:
    """The form names are matched in: `São Tomé & Príncipe` == `Sao Tome and Principe`."""
    text = _strip_accents(str(name)).casefold().replace("&", " and ")
    return _SPACE_OR_PUNCT.sub(" ", text).strip()


def region_key(name: str) -> str:
    """Like an office key, and a leading `the` is ignored (`The Arab States` == `arab states`)."""
    key = office_key(name)
    return key[4:] if key.startswith("the ") else key


def flag_key(value: str) -> str:
    return str(value).strip().casefold()


def flag(value: str) -> bool | None:
    """True for reported, False for not reported, None for a value outside the contract."""
    key = flag_key(value)
    if key in REPORTED:
        return True
    if key in NOT_REPORTED:
        return False
    return None


def office_keys(names: pd.Series) -> pd.Series:
    """`office_key` of each name in a column, computed once per distinct name."""
    keys = {name: office_key(name) for name in names.unique().tolist()}
    return names.map(keys).astype("str")


# Characters that make text that follows run right to left (or left to right) without
# being seen: U+202E in a name shows `abc` as `cba` on a page. The embeddings, overrides,
# isolates and marks of the Unicode bidirectional algorithm, and the Arabic letter mark.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible_controls(text: str) -> str:
    """Text with each bidirectional control character shown as `<U+202E>`, so a page shows
    what the file holds instead of reordering it. For every name and note put on a page."""
    return _BIDI_CONTROL.sub(lambda found: f"<U+{ord(found.group()):04X}>", str(text))


# A value a spreadsheet runs as a formula when the file is opened: `=HYPERLINK(...)`,
# `+cmd|...`, `-2+3`, `@SUM(...)` (OWASP's list of CSV injection triggers).
FORMULA_STARTS = ("=", "+", "-", "@")
