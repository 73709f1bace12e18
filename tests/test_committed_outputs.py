"""The committed 2010 results are exactly what the code makes from the shipped data."""

from __future__ import annotations

import json

from conftest import run_cli

from analysis.paths import OUTPUTS_DIR, PROCESSED_DIR, RAW_DIR, YearPaths
from analysis.run.verify import rerun_and_compare


def test_committed_2010_outputs_match_a_fresh_run():
    final = YearPaths(2010, RAW_DIR, PROCESSED_DIR, OUTPUTS_DIR)
    result, differences = rerun_and_compare(final)
    assert result.ok, result.message
    assert not differences, "committed outputs differ from a fresh run:\n" + "\n".join(
        map(str, differences)
    )


def test_committed_manifest_matches_the_committed_files():
    manifest = json.loads((OUTPUTS_DIR / "2010" / "manifest.json").read_text())
    from analysis.provenance import sha256

    for record in manifest["outputs"]:
        assert sha256(OUTPUTS_DIR / "2010" / record["path"]) == record["sha256"], record["path"]
    for record in manifest["inputs"]:
        assert sha256(RAW_DIR / record["path"]) == record["sha256"], record["path"]


def test_committed_2010_is_up_to_date_with_the_code():
    """If this fails: run `make report` and commit outputs/2010 and data/processed/2010 with
    the change. Otherwise a fresh clone's `make report` reruns 2010 and rewrites the manifest."""
    from analysis.run.plan import plan_year

    final = YearPaths(2010, RAW_DIR, PROCESSED_DIR, OUTPUTS_DIR)
    assert plan_year(final, None, force=False).to_run == []


def test_verify_lists_a_changed_table_row_by_row(tmp_path):
    import shutil

    out = tmp_path / "outputs"
    shutil.copytree(OUTPUTS_DIR / "2010", out / "2010", ignore=shutil.ignore_patterns("notebooks"))
    table = out / "2010" / "table1_capacity_building.csv"
    row = "Africa,training_capacity_building,43,{},{}"
    table.write_text(table.read_text().replace(row.format(10, 23), row.format(11, 26)))
    (out / "2010" / "figures" / "table2_at_least_one.svg").unlink()
    processed = tmp_path / "processed"
    shutil.copytree(PROCESSED_DIR / "2010", processed / "2010")
    with (processed / "2010" / "cleaning_log.csv").open("a", encoding="utf-8") as log:
        log.write("x,y\n")
    result = run_cli(
        "verify", "--year", "2010", "--out-dir", str(out), "--processed-dir", str(processed)
    )
    assert result.returncode == 1
    assert "2010: 3 file(s) differ from a fresh run:" in result.stdout
    assert f"{processed}/2010/cleaning_log.csv: differs" in result.stdout
    assert f"{out}/2010/table1_capacity_building.csv: differs" in result.stdout
    assert "- row 2: Africa,training_capacity_building,43,11,26" in result.stdout
    assert "+ row 2: Africa,training_capacity_building,43,10,23" in result.stdout
    assert "figures/table2_at_least_one.svg: missing" in result.stdout
    assert "report.html" not in result.stdout  # unchanged files are not listed


def test_verify_outputs_kept_without_their_processed_data(tmp_path):
    import shutil

    out = tmp_path / "outputs"
    shutil.copytree(OUTPUTS_DIR / "2010", out / "2010")
    result = run_cli(
        "verify", "--year", "2010", "--out-dir", str(out), "--processed-dir", str(tmp_path / "none")
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"(no {tmp_path / 'none' / '2010'} to compare)" in result.stdout
    assert f"2010: every file in {out / '2010'} matches a fresh run." in result.stdout


def test_verify_names_a_table_saved_in_another_encoding_or_with_other_line_endings(tmp_path):
    import shutil

    out = tmp_path / "outputs"
    shutil.copytree(OUTPUTS_DIR / "2010", out / "2010")
    table1 = out / "2010" / "table1_capacity_building.csv"
    table1.write_bytes(table1.read_bytes() + "Café,x\n".encode("cp1252"))
    table2 = out / "2010" / "table2_data_research.csv"
    table2.write_bytes(table2.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("verify", "--year", "2010", "--out-dir", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "(not UTF-8: saved in another encoding)" in result.stdout
    assert "(the same rows: a byte-order mark, line endings or quoting differ)" in result.stdout
