"""A job: one set of result folders and the steps that make them (a year's processed and
output folders, or the trends folder), staged, recorded and swapped into place the same way
for a year as for the trends; and what came of it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import provenance
from ..paths import EXECUTED_NOTEBOOKS_DIR, TRENDS_DIR, YearPaths, display_path
from ..status import SYNTHETIC, data_status
from . import stage
from .execute import trends_parameters, year_parameters
from .manifest import MANIFEST_FILE, read_manifest, stamp, tree_records
from .plan import YearPlan
from .steps import STEPS, TRENDS_STEP, Step


@dataclass
class YearResult:
    year: int
    ok: bool = False
    message: str = ""
    steps: dict[str, str] = field(default_factory=dict)  # step -> "done", "skipped", "failed"
    seconds: float = 0.0
    # Files found in the year's folders that a run does not make (put there by hand): the
    # new folders replace them, and the summary names them.
    removed: list[str] = field(default_factory=list)
    # The year's folders that were symbolic links, each replaced by a folder (`replaced_links`).
    links: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.ok and all(state == "skipped" for state in self.steps.values())


@dataclass
class TrendsResult:
    # "done", "unchanged", "skipped" (fewer than two years), "failed", or "held": not run,
    # because a year's tables are out of date (`message` says why).
    state: str
    years: list[int]
    message: str = ""
    kept: str = ""  # when held: what <out>/trends/ holds (see trends_gate.kept)


@dataclass(eq=False)
class Job:
    """The steps that make one set of result folders, staged and swapped in together."""

    label: int | str  # the year, or "trends": in progress lines and failed-runs/
    out: Path  # the output folder, which holds failed-runs/
    finals: list[Path]  # the folders it replaces; the last gets the manifest and notebooks
    steps: list[Step]  # those to run
    notebooks_dir: Path
    parameters: Callable[[Step, list[Path]], dict]  # a step's, given the staged folders
    manifest: Callable[[list[Path], datetime], dict]
    carried: list[list[dict] | None] | None = None  # each final's files that skipped steps made
    # Why the job is not to be swapped in though every step ran ("": it is), given the staged
    # folders: `run --strict` and the authored text's warnings.
    refusal: Callable[[list[Path]], str] | None = None
    staged: list[Path] = field(default_factory=list)
    message: str = ""
    running: int = 0
    done: int = 0
    removed: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    clock: float = field(default_factory=time.perf_counter)

    def executed(self, step: Step) -> Path:
        return (self.staged or self.finals)[-1] / EXECUTED_NOTEBOOKS_DIR / step.notebook

    def open(self) -> None:
        """The staging folders; for a job with steps skipped, holding what those made."""
        try:
            for final in self.finals:
                self.staged.append(stage.staged_folder(final))
        except OSError:
            self.close()
            raise
        for final, into, records in zip(self.finals, self.staged, self.carried or [], strict=False):
            stage.copy_recorded(final, into, records)

    def finish(self) -> None:
        """Write the manifest, then swap the staged folders into place, all or none."""
        manifest = self.manifest(self.staged, self.started)
        provenance.write_text(
            self.staged[-1] / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n"
        )
        self.removed = [r for f, s in zip(self.finals, self.staged, strict=True)
                        for r in stage.not_in(f, s)]  # fmt: skip
        self.links = stage.replaced_links(self.finals)
        with stage.no_interrupts():
            stage.swap_into_place(list(zip(self.staged, self.finals, strict=True)))

    def close(self) -> None:
        stage.remove_staged(self.staged)
        self.staged = []


def strict_refusal(staged: list[Path]) -> str:
    """Under --strict, why the year fails: the warnings its report step wrote ("" if none)."""
    from .progress import authored_warnings

    warnings = authored_warnings(staged[0]) or []
    if not warnings:
        return ""
    kept = "its outputs are not written (the last good ones stay)"
    return "\n".join([f"--strict: the authored text has {len(warnings)} warning(s); {kept}:",
                      *warnings])  # fmt: skip


def year_job(plan: YearPlan, strict: bool = False) -> Job:
    final = plan.final
    carried = None
    if len(plan.to_run) < len(STEPS):  # the stage starts with the last run's recorded files
        made = read_manifest(final.out_year) or {}
        carried = [made.get("processed"), made.get("outputs")]

    def parameters(step: Step, staged: list[Path]) -> dict:
        folders = YearPaths(final.year, final.raw, staged[0].parent, staged[1].parent)
        return year_parameters(step, folders, plan.encoding, final.processed)

    def manifest(staged: list[Path], started: datetime) -> dict:
        return {
            "year": final.year,
            "parameters": {
                "year": final.year,
                "raw_dir": display_path(final.raw),
                "processed_dir": display_path(final.processed),
                "out_dir": display_path(final.out),
                "encoding": plan.encoding or "",
                "synthetic": data_status(final.raw_year).status == SYNTHETIC,
            },
            "inputs": plan.inputs,
            "outputs": tree_records(staged[1]),
            "processed": tree_records(staged[0]),
            "steps": plan.keys,
            **stamp(started.isoformat(timespec="seconds")),
        }

    steps = [s for s in STEPS if s.name in plan.to_run]
    folders = [final.processed_year, final.out_year]
    return Job(final.year, final.out, folders, steps, plan.notebooks_dir, parameters, manifest,
               carried, strict_refusal if strict else None)  # fmt: skip


def trends_job(
    raw: Path, processed: Path, out: Path, years: list[int], key: str, notebooks_dir: Path
) -> Job:
    def parameters(step: Step, staged: list[Path]) -> dict:
        return trends_parameters(raw, processed, out, years, staged[0])

    def manifest(staged: list[Path], started: datetime) -> dict:
        return {"years": years, "key": key, "outputs": tree_records(staged[0]), **stamp()}

    return Job("trends", out, [out / TRENDS_DIR], [TRENDS_STEP], notebooks_dir, parameters,
               manifest)  # fmt: skip
