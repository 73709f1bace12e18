"""Running years and the trends: one graph of (job, step) units on `graphlib`.

A job is one set of result folders and the steps that make them: a year (clean, then tables
and charts, then the report), or the trends, one more unit that needs every year's. Each job
is staged, swapped into place and recorded the same way (stage.py, manifest.py); a failed one
keeps its notebook and leaves the last good outputs as they were. A step whose key is
unchanged is skipped (plan.py): a year with nothing to do loads neither pandas nor papermill.
Ready steps run at once, up to `jobs`, each on a kernel of a pool shared by the whole run
(kernels.py), those more steps wait on first; the years' folders, and the trends', are
locked while the run holds them (lock.py).
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

from ..errors import InputError
from ..paths import NOTEBOOKS_DIR, TRENDS_DIR, YearPaths, available_years
from . import lock, stage, trends_gate
from .execute import run_notebook
from .jobs import Job, TrendsResult, YearResult, trends_job, year_job
from .manifest import read_manifest
from .plan import plan_year, records_intact
from .progress import Progress
from .steps import STEPS, TRENDS_STEP, Step


def say_waiting(text: str) -> None:
    """A wait for another run's lock, said on the terminal before any progress line."""
    print(text, file=sys.stderr, flush=True)


@dataclass
class Trends:
    """What the trends unit needs: where the years are, and whether to run it unchanged."""

    raw: Path
    processed: Path
    out: Path
    force: bool = False


def run(
    finals: list[YearPaths],
    encoding: str | None = None,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    wait: bool = False,
    trends: Trends | None = None,
    strict: bool = False,
) -> tuple[list[YearResult], TrendsResult | None]:
    """Run every year, then (given `trends`) the trends over every year with tables in
    `trends.out`. A bad year fails alone and the others complete. The years' folders are
    locked from before planning to the end: where another run holds one, this one raises
    lock.Busy before doing anything, or with `wait`, waits for it."""
    progress = progress or Progress.silent()
    folders = [f for final in finals for f in (final.processed_year, final.out_year)]
    with contextlib.ExitStack() as years_held, contextlib.ExitStack() as trends_held:
        years_held.enter_context(lock.hold(folders, wait, waiting=say_waiting))
        # Before planning: a killed run may have left a swap half made.
        stage.clear_leftovers([f for final in finals for f in (final.processed, final.out)])
        results, year_jobs = [], []
        for final in finals:
            result = YearResult(final.year)
            results.append(result)
            try:
                plan = plan_year(final, encoding, force, notebooks_dir)
            except InputError as err:
                result.message = str(err)
                continue
            for name in (s.name for s in STEPS if s.name not in plan.to_run):
                result.steps[name] = "skipped"
                progress.step_finished(final.year, name, "skipped", 0.0)
            year_jobs.append((year_job(plan, strict), result))
        scheduler = _Scheduler(jobs, progress, notebooks_dir)
        for job, result in year_jobs:
            scheduler.add(job, result)
        scheduler.reports_after_previous_years(sorted(final.year for final in finals))
        if trends is not None:
            scheduler.add_trends(trends, results, wait, years_held, trends_held)
        scheduler.run()
        return results, scheduler.trends_result


def run_years(finals: list[YearPaths], encoding: str | None = None, **options) -> list[YearResult]:
    """The years alone (`run` without trends)."""
    return run(finals, encoding, **options)[0]


def run_trends(
    raw: Path, processed: Path, out: Path, force: bool = False, **options
) -> TrendsResult:
    """The trends alone (`run` with no years)."""
    return run([], trends=Trends(raw, processed, out, force), **options)[1]


TRENDS = ("trends", "trends")  # the trends unit's node


class _Scheduler:
    """The graph of (job label, step name) units, run on a thread pool as they become ready."""

    def __init__(self, jobs: int, progress: Progress, notebooks_dir: Path):
        self.jobs, self.progress, self.notebooks_dir = jobs, progress, notebooks_dir
        self.graph: dict[tuple, set[tuple]] = {}
        self.units: dict[tuple, tuple[Job, Step]] = {}
        self.results: dict[int | str, YearResult] = {}
        self.trends_result: TrendsResult | None = None
        self._trends: Callable[[], Job | None] | None = None
        self._pool = None

    def add(self, job: Job, result: YearResult) -> None:
        self.results[job.label] = result
        names = {s.name for s in job.steps}
        for step in job.steps:
            node = (job.label, step.name)
            self.graph[node] = {(job.label, n) for n in step.needs if n in names}
            self.units[node] = (job, step)
        if not job.steps:  # nothing to run: its folders stay as they are
            self._finished(job)

    def reports_after_previous_years(self, years: list[int]) -> None:
        """A year's report reads the previous year's cleaned data for its review: when that
        year runs in the same run, the report waits until it is in place (or has failed)."""
        for previous, year in itertools.pairwise(years):
            earlier = [node for node in self.graph if node[0] == previous]
            if (year, "report") in self.graph and earlier:
                self.graph[(year, "report")] |= set(earlier)

    def add_trends(
        self, trends: Trends, results: list[YearResult], wait: bool, years_held, held
    ) -> None:
        """The trends unit, after every year's; whether it runs is decided when it is ready,
        under the locks of the trends folder and of the years it reads (the years' own are
        released first, as a run of the trends alone takes them in the other order)."""

        def start() -> Job | None:
            years_held.close()
            # The years that failed in this run, and those run to their end (not checked again).
            failed = [r.year for r in results if not r.ok]
            current = [r.year for r in results if r.ok]
            try:
                held.enter_context(lock.hold([trends.out / TRENDS_DIR], wait, say_waiting))
                stage.clear_leftovers([trends.out])  # before the years are listed
                years = available_years(trends.out)
                if len(years) < 2:  # no trends: the years' folders are not read
                    self.trends_result = TrendsResult("skipped", years)
                    return None
                year_folders = [trends.out / str(y) for y in years]
                held.enter_context(lock.hold(year_folders, wait, say_waiting))
            except lock.Busy as err:
                self.trends_result = TrendsResult("failed", [], str(err))
                return None
            return self._trends_job(trends, years, failed, current)

        self._trends = start
        self.graph[TRENDS] = set(self.graph)

    def _trends_job(self, trends: Trends, years: list[int], failed, current) -> Job | None:
        out, raw = trends.out, trends.raw
        to_check = [y for y in years if y not in current]
        why = trends_gate.why_held(out, raw, to_check, failed, self.notebooks_dir)
        if why:
            self.trends_result = TrendsResult("held", years, why, trends_gate.kept(out))
            return None
        key = trends_gate.trends_key(raw, trends.processed, out, years, self.notebooks_dir)
        previous = None if trends.force else read_manifest(out / TRENDS_DIR)
        same = previous and previous.get("key") == key  # first: it costs no hashing of charts
        if same and previous.get("outputs") and records_intact(out / TRENDS_DIR,
                                                               previous["outputs"]):  # fmt: skip
            self.progress.step_finished("trends", "trends", "skipped", 0.0)
            self.trends_result = TrendsResult("unchanged", years)
            return None
        self.trends_result = TrendsResult("failed", years)  # until it is done
        job = trends_job(raw, trends.processed, out, years, key, self.notebooks_dir)
        self.units[TRENDS] = (job, TRENDS_STEP)
        return job

    def _ordered(self) -> dict[tuple, int]:
        """Units more others wait on go first (every year's clean before any year's report),
        when steps run at once: the run then ends on short steps, every core busy to the
        end. One at a time, years finish in turn, as the user reads them."""
        position = {node: i for i, node in enumerate(self.graph)}
        if self.jobs == 1:
            return position
        after: dict[tuple, set[tuple]] = {node: set() for node in self.graph}
        for node in reversed(list(TopologicalSorter(self.graph).static_order())):
            for before in self.graph[node]:
                after[before] |= {node} | after[node]
        return {node: (-len(after[node]), position[node]) for node in self.graph}

    def run(self) -> None:
        if not self.graph:
            return
        sorter = TopologicalSorter(self.graph)
        sorter.prepare()
        order = self._ordered()
        ready: list[tuple] = []
        futures: dict[Future, tuple[tuple, float]] = {}
        try:
            with ThreadPoolExecutor(max_workers=self.jobs) as executor:
                while sorter.is_active():
                    ready = sorted([*ready, *sorter.get_ready()], key=order.__getitem__)
                    while ready and len(futures) < self.jobs:
                        node = ready.pop(0)
                        future = self._submit(executor, node)
                        if future is None:  # its job failed, or the trends are not to run
                            sorter.done(node)
                        else:
                            futures[future] = (node, time.perf_counter())
                    if not futures:
                        continue
                    finished, _ = wait(list(futures), return_when=FIRST_COMPLETED)
                    for future in finished:
                        node, began = futures.pop(future)
                        self._record(node, future.exception(), time.perf_counter() - began)
                        sorter.done(node)
        except BaseException:
            # Kill the kernels first: their notebooks stop now, and the executor's exit,
            # which waits for its threads, returns at once.
            self._close_pool()
            raise
        finally:
            for job, _ in self.units.values():
                job.close()
        self._close_pool()

    def _submit(self, executor: ThreadPoolExecutor, node: tuple) -> Future | None:
        if node == TRENDS and self._trends is not None and self._trends() is None:
            return None
        job, step = self.units[node]
        if job.message:
            return None
        if not job.staged:
            try:
                job.open()
            except OSError as err:  # a full disk
                self._fail(job, f"its staging folder could not be made: {err}")
                return None
        job.running += 1
        self._state(job, step, "running")
        self.progress.step_started(job.label, step.name)
        parameters = job.parameters(step, job.staged)
        notebook = job.notebooks_dir / step.notebook
        return executor.submit(run_notebook, self._kernels(), notebook, parameters,
                               job.executed(step))  # fmt: skip

    def _record(self, node: tuple, error: BaseException | None, seconds: float) -> None:
        job, step = self.units[node]
        job.running -= 1
        if error is not None:
            self._state(job, step, "failed")
            self.progress.step_finished(job.label, step.name, "failed", seconds)
            if not job.message:
                self._fail(job, self._failure_message(error, job, step))
            elif not job.running:  # the last of a failed job's steps to end
                job.close()
            return
        self._state(job, step, "done")
        self.progress.step_finished(job.label, step.name, "done", seconds)
        job.done += 1
        if job.message and not job.running:
            job.close()
        elif job.done == len(job.steps):
            refused = job.refusal(job.staged) if job.refusal else ""
            if refused:  # every step ran, and the outputs are still not to be put in place
                self._fail(job, refused)
                return
            try:
                job.finish()
            except OSError as err:  # a full disk: the last good outputs stay
                self._fail(job, f"its outputs could not be put in place: {err}")
            else:
                self._finished(job)
            job.close()

    def _finished(self, job: Job) -> None:
        stage.forget_failure(job.out, job.label)
        seconds = time.perf_counter() - job.clock
        if job.label == "trends":
            self.trends_result.state = "done"
        else:
            result = self.results[job.label]
            result.ok, result.seconds, result.removed = True, seconds, job.removed
            result.links = job.links
        if job.steps:
            self.progress.job_done(job.label, seconds)

    def _state(self, job: Job, step: Step, state: str) -> None:
        if job.label in self.results:
            self.results[job.label].steps[step.name] = state

    def _fail(self, job: Job, message: str) -> None:
        job.message = message
        result = self.trends_result if job.label == "trends" else self.results[job.label]
        result.message = message
        if not job.running:
            job.close()

    @staticmethod
    def _failure_message(error: BaseException, job: Job, step: Step) -> str:
        if isinstance(error, InputError):
            return str(error)
        where = stage.keep_failed_notebook(job.executed(step), job.out, job.label)
        return f"step {step.name} failed: {error}{where}"

    def _kernels(self):
        """The kernel pool, made when a step first needs one: a run with nothing to do imports
        no Jupyter machinery."""
        if self._pool is None:
            from .kernels import KernelPool

            self._pool = KernelPool(min(self.jobs, len(self.units)), self.notebooks_dir)
        return self._pool

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
