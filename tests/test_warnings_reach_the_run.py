"""The authored text's warnings reach the run: the report step writes them as data, the
summary lists them, and `--strict` fails the year without writing it (no kernel here: the
report step's file is written as the notebook writes it, and the year is finished as the
runner finishes it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import report
from analysis.authored_check import FigureWarning
from analysis.document import Document, default_header
from analysis.paths import YearPaths
from analysis.run import cli, jobs, schedule
from analysis.run.plan import YearPlan
from analysis.run.progress import authored_warnings, warnings_lines

YEAR = 2012
WARNING = FigureWarning(
    "authored/2012.md",
    14,
    "over one quarter",
    "Table 1, all Country Offices (Total), training/capacity building",
    "37 per cent (43 of 116)",
    "Over one quarter of UNFPA Country Offices (32 of 127) reported it.",
)


def warned_document(warnings: tuple[FigureWarning, ...]) -> Document:
    return Document(
        YEAR,
        default_header(YEAR),
        (),
        authored_file="authored/2012.md",
        warnings=tuple(map(str, warnings)),
        figure_warnings=warnings,
    )


def test_the_summary_says_how_many_warnings_and_each(tmp_path):
    report.write_warnings(warned_document((WARNING,)), tmp_path)
    assert warnings_lines(authored_warnings(tmp_path)) == [
        "  authored text: 1 warning",
        '    authored/2012.md, line 14: "over one quarter" (Table 1, all Country Offices '
        "(Total), training/capacity building): the tables give 37 per cent (43 of 116)",
    ]
    report.write_warnings(warned_document(()), tmp_path)
    assert warnings_lines(authored_warnings(tmp_path)) == ["  authored text: no warnings"]
    assert authored_warnings(tmp_path / "none") is None  # a year the report step never wrote


def staged_folders(tmp_path: Path, warnings: tuple) -> list[Path]:
    """A year's staged processed and output folders, its report step's warnings written."""
    stage = YearPaths(YEAR, tmp_path / "raw", tmp_path / "stage-p", tmp_path / "stage-o")
    stage.out_year.mkdir(parents=True)
    (stage.out_year / "report.html").write_text("new")
    report.write_warnings(warned_document(warnings), stage.processed_year)
    return [stage.processed_year, stage.out_year]


def test_strict_refuses_a_warned_year_saying_each_warning(tmp_path):
    refused = jobs.strict_refusal(staged_folders(tmp_path, (WARNING,)))
    assert refused.splitlines() == [
        "--strict: the authored text has 1 warning(s); its outputs are not written (the last "
        "good ones stay):",
        str(WARNING),
    ]


def test_without_strict_or_without_warnings_the_year_is_written(tmp_path):
    assert jobs.strict_refusal(staged_folders(tmp_path, ())) == ""
    final = YearPaths(YEAR, tmp_path / "raw", tmp_path / "processed", tmp_path / "out")
    plan = YearPlan(final, None, {}, ["clean"], [])
    assert jobs.year_job(plan).refusal is None
    assert jobs.year_job(plan, strict=True).refusal is jobs.strict_refusal


def test_strict_is_an_option_of_run_passed_to_the_years(monkeypatch, tmp_path, capsys):
    seen = {}

    def run(finals, *args, **kwargs):
        seen.update(kwargs)
        return [], None

    monkeypatch.setattr(schedule, "run", run)
    raw = tmp_path / "raw" / str(YEAR)
    raw.mkdir(parents=True)
    status = cli.main(
        ["run", "--year", str(YEAR), "--strict", "--no-trends", "--raw-dir", str(raw.parent),
         "--processed-dir", str(tmp_path / "p"), "--out-dir", str(tmp_path / "o")]
    )  # fmt: skip
    assert status == 0 and seen["strict"] is True
    assert any("--strict" in p.opts for p in cli.run.params)


@pytest.mark.slow  # the four notebooks, twice
def test_a_warned_year_runs_and_says_so_and_fails_under_strict(tmp_path, monkeypatch):
    """The whole way: the report notebook writes the warnings, --strict refuses the year
    before anything of it is written, and without --strict the year is written with them."""
    from conftest import copy_fixture_years

    from analysis.paths import authored_file

    monkeypatch.setenv("ANALYSIS_ROOT", str(tmp_path))  # the kernels read authored/ there
    raw = copy_fixture_years(tmp_path / "raw")
    text = authored_file(tmp_path / "authored", YEAR)
    text.parent.mkdir()
    text.write_text(
        "---\nmeeting: M\ntitle: T\norganisation: O\n---\n\n"
        "Across all regions, 3% of Country Offices reported at least one of them in 2011.\n",
        encoding="utf-8",
    )
    final = YearPaths(YEAR, raw, tmp_path / "p", tmp_path / "o")
    (refused,) = schedule.run_years([final], strict=True)
    assert not refused.ok
    assert "--strict: the authored text has 3 warning(s)" in refused.message
    assert "authored/2012.md: no place for {{ capacity_building_paragraph }}" in refused.message
    assert '"3%" (Table 2, all Country Offices (Total)' in refused.message
    assert '"2011": the document is of 2012' in refused.message
    assert not final.out_year.exists() and not final.processed_year.exists()
    (written,) = schedule.run_years([final])
    assert written.ok
    said = warnings_lines(authored_warnings(final.processed_year))
    assert said[0] == "  authored text: 3 warnings"
    assert [line.strip() for line in said[1:]] == refused.message.splitlines()[1:]
