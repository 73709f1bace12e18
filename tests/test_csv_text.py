"""The processed files are written column by column in Arrow: the bytes must be pandas' own."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from analysis import csv_text, read


def pandas_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def tricky_text(rng: random.Random, pieces=("a", "Ü", " ", ",", '"', "\n", "\t", "x,y", "")):
    return None if rng.random() < 0.05 else "".join(rng.choices(pieces, k=rng.randint(0, 5)))


def test_a_carriage_return_is_quoted_and_reads_back_in_its_row(tmp_path):
    # pandas writes `x\ry` bare, and a reader then splits that row in two.
    frame = pd.DataFrame(
        {"notes": pd.Series(["x\ry", "line\r\nbreak", "plain"], dtype="str"), "flag": [1, 2, 3]}
    )
    (tmp_path / "f.csv").write_bytes(csv_text.to_csv(frame))
    back = read.written_table(tmp_path / "f.csv")
    assert back["notes"].tolist() == frame["notes"].tolist()
    assert back["flag"].tolist() == ["1", "2", "3"]


def test_the_same_bytes_as_pandas_for_every_kind_of_column():
    rng = random.Random(7)
    rows = 2_000
    frame = pd.DataFrame(
        {
            "name, with comma": pd.Series([tricky_text(rng) for _ in range(rows)], dtype="str"),
            "flag": [rng.random() < 0.5 for _ in range(rows)],
            "row": pd.array(
                [None if rng.random() < 0.3 else rng.randint(2, 10**6) for _ in range(rows)],
                dtype="Int64",
            ),  # fmt: skip
            "count": np.arange(rows),
            "mixed": pd.Series([rng.choice(["", 5, "x,y", 12]) for _ in range(rows)], dtype=object),
            "notes": pd.Series([tricky_text(rng) for _ in range(rows)], dtype="str"),
        }
    )
    assert csv_text.to_csv(frame) == pandas_bytes(frame)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype=bool)}),
        pd.DataFrame({"only": pd.Series(["x", ""], dtype="str")}),
        pd.DataFrame({"share": [0.5, 12.25], "name": pd.Series(["a", "b"], dtype="str")}),
    ],
    ids=["empty", "one column", "a float column (pandas writes it)"],
)
def test_the_same_bytes_as_pandas_at_the_edges(frame):
    assert csv_text.to_csv(frame) == pandas_bytes(frame)
