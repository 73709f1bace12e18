"""A frame as CSV, byte for byte as `DataFrame.to_csv(index=False, lineterminator="\\n")`
writes it, built column by column in Arrow: at a million offices, pandas' writer takes
seconds, making one Python string per cell. One difference: a value holding a carriage
return is quoted. pandas leaves it bare, and every CSV reader then ends the row there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import normalise

# What makes Python's csv module (pandas' writer) quote a value, with "\n" ending lines;
# and a carriage return.
_NEEDS_QUOTES = '[,"\r\n]'


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _quoted(text: pa.ChunkedArray) -> pa.ChunkedArray:
    needs = pc.match_substring_regex(text, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return text
    doubled = pc.replace_substring(text, '"', '""')
    wrapped = pc.binary_join_element_wise(_text('"'), doubled, _text('"'), _text(""))
    return pc.if_else(needs, wrapped, text)


def _as_text(column: pd.Series) -> pa.ChunkedArray | None:
    """Each cell as pandas writes it, quoted where needed: `True`/`False`, integers, text,
    empty where missing; None for a column of another kind."""
    if pd.api.types.is_bool_dtype(column) and not column.hasnans:
        words = pc.if_else(np.asarray(column, dtype=bool), _text("True"), _text("False"))
        return pa.chunked_array([words])
    if pd.api.types.is_integer_dtype(column):
        numbers = pa.array(column.astype("Int64"), type=pa.int64())
        return pa.chunked_array([pc.cast(numbers, pa.large_string()).fill_null("")])
    if pd.api.types.is_string_dtype(column) and column.dtype != object:
        return _quoted(normalise.arrow_text(column).fill_null(""))
    if column.dtype == object and all(isinstance(v, str | int) for v in column):
        # e.g. a log's row numbers, empty where an event has none
        return _quoted(pa.chunked_array([pa.array([str(v) for v in column], pa.large_string())]))
    return None


def to_csv(frame: pd.DataFrame) -> bytes:
    """The CSV's bytes, as `frame.to_csv(index=False, lineterminator="\\n")` encodes them
    (but see above)."""
    columns = [_as_text(frame[c]) for c in frame]
    # pandas' writer for what this does not do: no rows, a column of another kind, or a
    # single column (where a row of one empty cell is written `""`).
    if frame.empty or len(columns) == 1 or any(c is None for c in columns):
        return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    header = pa.chunked_array([[str(c)] for c in frame.columns], pa.large_string())
    header_line = ",".join(_quoted(header).to_pylist()) + "\n"
    rows = pc.binary_join_element_wise(*columns, _text(","))
    lines = pc.binary_join_element_wise(rows, _text(""), _text("\n"))
    body = (normalise.utf8_bytes(chunk)[0] for chunk in lines.chunks)
    return b"".join([header_line.encode("utf-8"), *body])
