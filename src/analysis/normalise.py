"""The contract's normalisation rules (section 1.3, 1.4 and 3), each in one place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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


def _re2_class(code_points: list[int]) -> str:
    """A character class in RE2's syntax (pyarrow's regular expressions), as ranges."""
    ranges: list[list[int]] = []
    for c in sorted(code_points):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges) + "]"


_BMP = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
_COMBINING_RE2 = _re2_class([c for c in _BMP if unicodedata.combining(chr(c))])
# Characters that pyarrow's Unicode tables (newer than this Python's) may decompose where
# `office_key` would not: those this Python does not know, and any beyond the BMP, where
# `_COMBINING` does not look. A name with one takes `office_key` itself.
_UNSURE_RE2 = _re2_class([c for c in _BMP if unicodedata.category(chr(c)) == "Cn"])[:-1] + (
    "\\x{10000}-\\x{10FFFF}]"
)


def _fold_accents(names: pd.Series) -> pd.Series:
    """`_strip_accents` for a whole column, with pyarrow's kernels."""
    text = pa.array(names, type=pa.string())
    folded = pc.replace_substring_regex(pc.utf8_normalize(text, form="NFKD"), _COMBINING_RE2, "")
    return pd.Series(folded.to_numpy(zero_copy_only=False), index=names.index, dtype="str")


def office_keys(names: pd.Series) -> pd.Series:
    """`office_key` for a whole column, fast. Accents are folded with pyarrow's kernels;
    a name that is then ASCII (nearly all) takes vectorised string operations, which give
    the same key (on ASCII, case folding is lower-casing and `\\W` is `[^a-zA-Z0-9]`); the
    rest go one by one."""
    names = names.astype("str")
    folded = names.copy()
    non_ascii = names.str.contains(r"[^\x00-\x7f]", regex=True)
    if non_ascii.any():
        folded[non_ascii] = _fold_accents(names[non_ascii])
    keys = (
        folded.str.lower()
        .str.replace("&", " and ", regex=False)
        .str.replace(r"[^a-z0-9]+", " ", regex=True)
        .str.strip()
    )
    one_by_one = non_ascii & folded.str.contains(r"[^\x00-\x7f]", regex=True)
    if non_ascii.any():
        unsure = pc.match_substring_regex(pa.array(names[non_ascii]), _UNSURE_RE2)
        one_by_one[non_ascii] = one_by_one[non_ascii].to_numpy() | unsure.to_numpy(
            zero_copy_only=False
        )
    if one_by_one.any():
        keys[one_by_one] = names[one_by_one].map(office_key)
    return keys


@dataclass
class Distinct:
    """A function of a column, computed once per distinct value (exports repeat a few
    values over many rows)."""

    values: list  # the distinct values, in order of first appearance
    results: list  # the function of each
    counts: np.ndarray  # how many rows hold each
    per_row: pd.Series  # the function of each row's value (None for a missing cell)


def per_distinct(values: pd.Series, function) -> Distinct:
    codes, uniques = pd.factorize(values)
    results = [function(v) for v in uniques]
    by_code = np.empty(len(results) + 1, dtype=object)  # the last: code -1, a missing cell
    by_code[: len(results)] = results
    return Distinct(
        list(uniques),
        results,
        np.bincount(codes[codes >= 0], minlength=len(results)),
        pd.Series(by_code[codes], index=values.index),
    )
