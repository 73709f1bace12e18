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
from analysis.paths import WARNINGS_FILE, YearPaths
from analysis.run import cli, pipeline
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


def staged_year(tmp_path: Path, strict: bool, warnings: tuple) -> pipeline._YearRun:
    """A year whose steps have all run in its stage, its last good outputs in place."""
    final = YearPaths(YEAR, tmp_path / "raw", tmp_path / "processed", tmp_path / "out")
    for folder, text in ((final.processed_year, "old"), (final.out_year, "old")):
        folder.mkdir(parents=True)
        (folder / "last_good.txt").write_text(text)
    stage = YearPaths(YEAR, final.raw, tmp_path / "stage-p", tmp_path / "stage-o")
    stage.out_year.mkdir(parents=True)
    (stage.out_year / "report.html").write_text("new")
    report.write_warnings(warned_document(warnings), stage.processed_year)
    plan = pipeline.YearPlan(final, None, {}, [], [], strict=strict)
    return pipeline._YearRun(plan, pipeline.YearResult(YEAR), stage=stage)


def test_strict_fails_a_warned_year_and_writes_nothing_of_it(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_manifest", lambda *a: {})
    run = staged_year(tmp_path, strict=True, warnings=(WARNING,))
    pipeline._finish_year(run)
    assert not run.result.ok
    assert run.result.message.splitlines() == [
        "--strict: the authored text has 1 warning(s); its outputs are not written (the last "
        "good ones stay):",
        str(WARNING),
    ]
    final = run.plan.final
    assert [p.name for p in final.out_year.iterdir()] == ["last_good.txt"]
    assert [p.name for p in final.processed_year.iterdir()] == ["last_good.txt"]


def test_without_strict_or_without_warnings_the_year_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_manifest", lambda *a: {})
    for name, strict, warnings in (("a", False, (WARNING,)), ("b", True, ())):
        run = staged_year(tmp_path / name, strict, warnings)
        pipeline._finish_year(run)
        assert run.result.ok
        assert (run.plan.final.out_year / "report.html").read_text() == "new"
        assert (run.plan.final.processed_year / WARNINGS_FILE).is_file()


def test_strict_is_an_option_of_run_passed_to_the_years(monkeypatch, tmp_path, capsys):
    seen = {}

    def run_years(finals, *args, **kwargs):
        seen.update(kwargs)
        return []

    monkeypatch.setattr(pipeline, "run_years", run_years)
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
    (refused,) = pipeline.run_years([final], strict=True)
    assert not refused.ok
    assert "--strict: the authored text has 3 warning(s)" in refused.message
    assert "authored/2012.md: no place for {{ capacity_building_paragraph }}" in refused.message
    assert '"3%" (Table 2, all Country Offices (Total)' in refused.message
    assert '"2011": the document is of 2012' in refused.message
    assert not final.out_year.exists() and not final.processed_year.exists()
    (written,) = pipeline.run_years([final])
    assert written.ok
    said = warnings_lines(authored_warnings(final.processed_year))
    assert said[0] == "  authored text: 3 warnings"
    assert [line.strip() for line in said[1:]] == refused.message.splitlines()[1:]
