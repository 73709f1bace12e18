"""The cleaning log: one row per thing cleaning read, chose or set aside (cleaning_log.csv)."""

from __future__ import annotations

import pandas as pd

LOG_COLUMNS = ["event", "country_office", "row", "column", "value", "detail"]


def log_entry(event: str, office="", row="", column="", value="", detail="") -> dict:
    return dict(zip(LOG_COLUMNS, [event, office, row, column, value, detail], strict=True))


def log_frame(event: str, **cells) -> pd.DataFrame:
    """Log rows for an event that can concern many offices: each of `cells` (named as in
    LOG_COLUMNS) holds a value per row, or one for every row."""
    columns = {c: v if isinstance(v, str) else list(v) for c, v in cells.items()}
    rows = next(len(v) for v in columns.values() if isinstance(v, list))
    return pd.DataFrame(
        {"event": event, **{c: columns.get(c, "") for c in LOG_COLUMNS[1:]}},
        columns=LOG_COLUMNS,
        index=range(rows),
    )


def log_table(*pieces: list[dict] | pd.DataFrame) -> pd.DataFrame:
    frames = [
        p if isinstance(p, pd.DataFrame) else pd.DataFrame(p, columns=LOG_COLUMNS) for p in pieces
    ]
    return pd.concat(frames, ignore_index=True)
