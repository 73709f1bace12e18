"""Inputs far larger than real ones, timed in this process (called by benchmarks/run.py):

    python benchmarks/big_inputs.py authored MEGABYTES FOLDER
    python benchmarks/big_inputs.py workbook FOLDER

`authored`: an authored text of about MEGABYTES, 2010's paragraphs over and over, read and
its figures checked against 2010's tables (the report step's work on it). `workbook`: the
2010 export as a workbook, once with a stale used range of a million rows and once with one
formatted cell at Excel's last row, each read. Prints the seconds as JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUTHORED_2010 = ROOT / "authored" / "2010.md"
RAW = ROOT / "data" / "raw"
OUTPUTS_2010 = ROOT / "outputs" / "2010"


def big_authored_text(megabytes: float) -> str:
    """2010's text, then its paragraphs again (placeholders left out: each goes once)."""
    text = AUTHORED_2010.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    again = "\n".join(line for line in body.split("\n") if "{{" not in line)
    copies = int(megabytes * 1_000_000 / len(again)) + 1
    return f"---\n{front}---\n{body}" + ("\n\n" + again) * copies


def authored(megabytes: float, folder: Path) -> dict:
    from analysis import authored, regions
    from analysis.document import check_figures
    from analysis.paths import regions_file
    from analysis.read import written_table

    path = folder / "big.md"
    path.write_text(big_authored_text(megabytes), encoding="utf-8")
    table1 = written_table(OUTPUTS_2010 / "table1_capacity_building.csv")
    table2 = written_table(OUTPUTS_2010 / "table2_data_research.csv")
    region_list = regions.load(regions_file(RAW))
    started, cpu = time.perf_counter(), time.process_time()
    text = authored.read(path)
    check_figures(text, table1, table2, region_list, 2010)
    return {
        "megabytes": path.stat().st_size / 1e6,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
    }


def _as_workbook(folder: Path) -> Path:
    """2010's raw year with its export as activities.xlsx."""
    import openpyxl
    import pandas as pd

    raw = folder / "raw"
    shutil.copytree(RAW / "2010", raw / "2010")
    shutil.copy(RAW / "regions.csv", raw / "regions.csv")
    export = raw / "2010" / "activities.csv"
    frame = pd.read_csv(export, dtype="str", keep_default_na=False)
    export.unlink()
    book = openpyxl.Workbook()
    book.active.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        book.active.append([cell or None for cell in row])
    book.save(raw / "2010" / "activities.xlsx")
    return raw


def workbook(folder: Path) -> dict:
    import re
    import zipfile

    import openpyxl

    from analysis.clean import clean_year

    raw = _as_workbook(folder)
    path = raw / "2010" / "activities.xlsx"
    seconds = {}
    # A used range the file declares as a million rows, with no cell below the data.
    with zipfile.ZipFile(path) as saved:
        parts = {name: saved.read(name) for name in saved.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>',
                          parts[sheet])  # fmt: skip
    with zipfile.ZipFile(path, "w") as stale:
        for name, data in parts.items():
            stale.writestr(name, data)
    started = time.perf_counter()
    clean_year(raw, 2010)
    seconds["its used range declared as a million rows"] = time.perf_counter() - started
    # One formatted cell at Excel's last row and column.
    book = openpyxl.load_workbook(path)
    fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    book.active.cell(row=1_048_576, column=16_384).fill = fill
    book.save(path)
    started = time.perf_counter()
    clean_year(raw, 2010)
    seconds["one formatted cell at row 1,048,576"] = time.perf_counter() - started
    return seconds


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "authored":
        result = authored(float(args[0]), Path(args[1]))
    else:
        result = workbook(Path(args[0]))
    print(json.dumps(result))
