"""Every four-digit year the contract accepts runs, and its Word and Excel files are the same
bytes from run to run: a zip entry's date holds only 1980-2107 (MS-DOS dates), so entries are
dated within that range, while the documents' own created/modified properties keep the year's
true date (1 January after it; the last second of 9999 for 9999)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import docx
import openpyxl
import pytest
from conftest import run_cli

from analysis import ooxml

YEARS = (1900, 1980, 2107, 2500, 9999)
TRUE_DATES = {
    1900: "1901-01-01T00:00:00Z",
    1980: "1981-01-01T00:00:00Z",
    2107: "2108-01-01T00:00:00Z",
    2500: "2501-01-01T00:00:00Z",
    9999: "9999-12-31T23:59:59Z",
}
ZIP_DATES = {
    1900: (1980, 1, 1, 0, 0, 0),
    1980: (1981, 1, 1, 0, 0, 0),
    2107: (2107, 12, 31, 23, 59, 58),
    2500: (2107, 12, 31, 23, 59, 58),
    9999: (2107, 12, 31, 23, 59, 58),
}


def _docx(when: datetime) -> bytes:
    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = when
    document.add_paragraph("text")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(when: datetime) -> bytes:
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = when
    book.active["A1"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("make", [_docx, _xlsx], ids=["docx", "xlsx"])
def test_every_year_gets_dated_files_the_same_from_run_to_run(year, make):
    when = ooxml.fixed_time(year)
    first = ooxml.deterministic(make(when), when)
    assert ooxml.deterministic(make(when), when) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {ZIP_DATES[year]}
        core = package.read(ooxml.CORE_PROPERTIES).decode()
    stamps = re.findall(r"<dcterms:(?:created|modified)\b[^>]*>([^<]*)<", core)
    assert stamps == [TRUE_DATES[year]] * 2


def test_the_zip_range_is_the_formats():
    assert ooxml.zip_time(datetime(1979, 12, 31, 23, 59, 59)) == (1980, 1, 1, 0, 0, 0)
    assert ooxml.zip_time(datetime(2011, 1, 1)) == (2011, 1, 1, 0, 0, 0)
    # The last date a zip entry holds: zipfile writes it, and refuses a later one.
    with zipfile.ZipFile(io.BytesIO(), "w") as package:
        package.writestr(zipfile.ZipInfo("x", ooxml.zip_time(datetime(9999, 1, 1))), b"")
        with pytest.raises(Exception, match="65535"):
            package.writestr(zipfile.ZipInfo("y", (2108, 1, 1, 0, 0, 0)), b"")


@pytest.mark.slow
def test_every_year_runs_and_reruns_to_the_same_bytes(tmp_path):
    # One synthetic year each, run as a user runs them, then `verify`: a rerun in a
    # temporary folder, compared file by file. The trends are left out: they are not what
    # this is about, and a page across eight thousand years is not a year's run.
    raw = tmp_path / "raw"
    years = ",".join(map(str, YEARS))
    made = run_cli("synth", "--years", years, "--offices", "12", "--out", str(raw))
    assert made.returncode == 0, made.stderr
    folders = ["--raw-dir", str(raw), "--processed-dir", str(tmp_path / "p")]
    folders += ["--out-dir", str(tmp_path / "o")]
    result = run_cli("run", "--all", "--no-trends", "--quiet", *folders)
    assert result.returncode == 0, result.stderr
    for year in YEARS:
        assert f"{year}: done" in result.stdout
        again = run_cli("verify", "--year", str(year), *folders)
        assert again.returncode == 0, again.stdout + again.stderr
