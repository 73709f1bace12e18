"""The contract's normalisation rules (section 1.3, 1.4 and 3), each in one place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

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


# How each code point below U+0800 (one or two UTF-8 bytes) enters an office key, by itself:
# its lower-case ASCII letter or digit, a separator, nothing (an accent), or "ask `office_key`".
# Keys are per character: NFKD decomposes each character on its own (reordering only moves
# the accents, which are dropped), and case folding has no context.
_DROP, _SEPARATOR, _UNSURE = 0, ord(" "), 255


def _key_byte(char: str) -> int:
    folded = _strip_accents(char).casefold()
    if folded == "":
        return _DROP
    if len(folded) > 1 or not folded.isascii() or folded == "&":
        return _UNSURE
    return ord(folded) if folded.isalnum() else _SEPARATOR


_KEY_BYTE = np.array([_key_byte(chr(c)) for c in range(0x800)], dtype=np.uint8)
# The same, by a name's single byte: what an ASCII character becomes; the other bytes of a
# character count for nothing (the first of two bytes is then looked up in `_KEY_BYTE`); a
# character of three or four bytes is beyond the table.
_BY_BYTE = np.concatenate(
    [_KEY_BYTE[:0x80], np.full(0x60, _DROP, np.uint8), np.full(0x20, _UNSURE, np.uint8)]
)
_AMPERSAND, _AND = ord("&"), np.frombuffer(b"and ", np.uint8)


def utf8_bytes(text: pa.LargeStringArray) -> tuple[np.ndarray, np.ndarray]:
    """An Arrow text array's values as they lie in memory (no copy): the UTF-8 bytes of all
    of them, one after another, and where each starts (and the last ends) in those bytes."""
    offsets = np.frombuffer(text.buffers()[1], np.int64, len(text) + 1, text.offset * 8)
    data = np.frombuffer(text.buffers()[2], np.uint8)[offsets[0] : offsets[-1]]
    return data, offsets - offsets[0]


def _byte_keys(names: pa.LargeStringArray) -> tuple[pa.LargeStringArray, np.ndarray]:
    """Office keys computed on the UTF-8 bytes of all names at once, with numpy; and which
    names hold a character `_KEY_BYTE` is unsure of (their keys here are not to be used).
    Each step rewrites the bytes, and moves the names' offsets by what it removed or added."""
    data, offsets = utf8_bytes(names)

    # `&` reads ` and `: a separator, then `and ` inserted after it.
    ampersands = np.flatnonzero(data == _AMPERSAND)
    if len(ampersands):
        data = np.insert(
            np.where(data == _AMPERSAND, np.uint8(_SEPARATOR), data),
            np.repeat(ampersands + 1, len(_AND)),
            np.tile(_AND, len(ampersands)),
        )
        offsets = offsets + len(_AND) * _cumulative_count(ampersands, offsets)

    byte = _BY_BYTE[data]
    two_bytes = np.flatnonzero((data >= 0xC0) & (data < 0xE0))
    code = (data[two_bytes].astype(np.int64) & 0x1F) << 6 | (data[two_bytes + 1] & 0x3F)
    byte[two_bytes] = _KEY_BYTE[code]
    unsure = np.zeros(len(names), dtype=bool)
    unsure[_name_of(np.flatnonzero(byte == _UNSURE), offsets)] = True

    byte, offsets = _remove(byte, offsets, byte == _DROP)
    # A separator stays only right after a letter of the same name: runs collapse to one
    # separator, and leading ones go.
    separator = byte == _SEPARATOR
    repeated = separator.copy()
    repeated[1:] &= separator[:-1]
    starts = offsets[:-1][offsets[:-1] < offsets[1:]]
    repeated[starts] = separator[starts]
    byte, offsets = _remove(byte, offsets, repeated)
    # A trailing separator goes too (at most one is left per name).
    last = (offsets[1:] - 1)[offsets[:-1] < offsets[1:]]
    trailing = np.zeros(len(byte), dtype=bool)
    trailing[last[byte[last] == _SEPARATOR]] = True
    byte, offsets = _remove(byte, offsets, trailing)
    keys = pa.LargeStringArray.from_buffers(len(names), pa.py_buffer(offsets), pa.py_buffer(byte))
    return keys, unsure


def _name_of(positions: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The name each byte position falls in."""
    return np.searchsorted(offsets, positions, side="right") - 1


def _cumulative_count(positions: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """For each offset, how many of the (sorted) `positions` lie before it."""
    return np.searchsorted(positions, offsets, side="left")


def _remove(
    byte: np.ndarray, offsets: np.ndarray, removed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    gone = np.flatnonzero(removed)
    if not len(gone):
        return byte, offsets
    return np.delete(byte, gone), offsets - _cumulative_count(gone, offsets)


def arrow_text(values: pd.Series) -> pa.ChunkedArray:
    """A text column as the Arrow array pandas holds it in (no copy)."""
    return values.astype("str").array.__arrow_array__().cast(pa.large_string())


def office_keys(names: pd.Series) -> pd.Series:
    """`office_key` for a whole column, fast: on the names' UTF-8 bytes, with a table of
    what each character of one or two bytes becomes. A name with a character beyond that
    table (three or four bytes, or one `office_key` turns into several) takes `office_key`
    itself; real exports have few."""
    chunks = [_byte_keys(c) for c in arrow_text(names.fillna("")).chunks if len(c)]
    keys = pa.chunked_array([k for k, _ in chunks], type=pa.large_string())
    unsure = np.concatenate([u for _, u in chunks]) if chunks else np.zeros(0, dtype=bool)
    result = pd.Series(keys, index=names.index, dtype="str")
    if unsure.any():
        result[unsure] = names[unsure].map(office_key)
    return result


def text_per_row(texts: list[str], codes: np.ndarray) -> pa.Array:
    """`texts[code]` for each row, null where the code is negative; in Arrow, without making
    a Python string per row."""
    return pa.array(texts, pa.large_string()).take(pa.array(codes, mask=codes < 0))


@dataclass
class Distinct:
    """A function of a text column, computed once per distinct value (exports repeat a few
    values over many rows)."""

    values: list[str]  # the distinct values, in order of first appearance
    results: list  # the function of each
    counts: np.ndarray  # how many rows hold each
    codes: np.ndarray  # each row's value, as its position in `values`

    def rows_where(self, of_value: np.ndarray) -> np.ndarray:
        """The positions of the rows whose value's `of_value` is true."""
        if not of_value.any():
            return np.zeros(0, dtype=np.intp)
        return np.flatnonzero(of_value[self.codes])


def per_distinct(values: pd.Series, function) -> Distinct:
    # On Arrow-backed text, pandas factorizes with Arrow's dictionary_encode, in order of
    # first appearance, whatever the chunks.
    codes, distinct = pd.factorize(values.fillna(""))
    uniques = list(distinct)
    return Distinct(
        uniques,
        [function(v) for v in uniques],
        np.bincount(codes, minlength=len(uniques)),
        codes,
    )
