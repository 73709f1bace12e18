"""The kernel pool: kernels are reused between steps, and reuse never leaks a step's state."""

from __future__ import annotations

import gc
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyter_core.utils import run_sync

from analysis.run.kernels import KernelPool, warm_up_code

NOTHING = frozenset()
CLEAN = frozenset({"analysis.clean"})


def run(kernel, code: str) -> dict:
    """Run code in a kernel as a notebook cell would; the reply and what it printed."""
    client = kernel.client()
    client.start_channels()
    printed = []

    def keep(message):
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    try:
        run_sync(client.wait_for_ready)(timeout=60)
        reply = run_sync(client.execute_interactive)(code, timeout=60, output_hook=keep)
    finally:
        client.stop_channels()
    return {"status": reply["content"]["status"], "count": reply["content"].get(
        "execution_count"), "printed": "".join(printed)}  # fmt: skip


@pytest.fixture
def pool(tmp_path: Path):
    pool = KernelPool(1, cwd=tmp_path, warm_up=CLEAN)
    yield pool
    pool.close()


def test_warm_up_imports_leave_no_names_behind():
    assert warm_up_code(frozenset({"analysis.clean", "analysis.tables"})) == (
        "import analysis.clean, analysis.tables; del analysis"
    )
    assert warm_up_code(NOTHING) == ""


def test_a_reused_kernel_starts_like_a_new_one_but_keeps_its_imports(pool, tmp_path):
    first = pool.take()
    assert run(first, "import sys; print('analysis.clean' in sys.modules)")["printed"] == "True\n"
    assert run(first, "print('analysis' in dir())")["printed"] == "False\n"
    (tmp_path / "elsewhere").mkdir()
    run(first, f"import os; os.chdir({str(tmp_path / 'elsewhere')!r}); leftover = 42")
    pool.give_back(first, True)

    again = pool.take()
    assert again is first  # no second kernel was started
    check = run(again, "import os, sys; print('leftover' in dir(), os.getcwd(), "
                       "'analysis.clean' in sys.modules)")  # fmt: skip
    assert check["printed"] == f"False {tmp_path} True\n"
    assert check["count"] == 1  # a new session: a notebook's cells count from 1 again
    pool.give_back(again, True)


def test_a_kernel_whose_step_failed_is_not_reused(pool):
    first = pool.take()
    pid = run(first, "import os; print(os.getpid())")["printed"]
    pool.give_back(first, False)
    assert not first.has_kernel
    second = pool.take()
    assert second is not first
    assert run(second, "import os; print(os.getpid())")["printed"] != pid
    pool.give_back(second, False)


def test_close_shuts_down_every_kernel(tmp_path):
    pool = KernelPool(2, cwd=tmp_path, warm_up=CLEAN)
    taken, given_back = pool.take(), pool.take()
    pids = [int(run(k, "import os; print(os.getpid())")["printed"]) for k in (taken, given_back)]
    pool.give_back(given_back, True)  # being reset, or idle again: close reaches it too
    pool.close()
    assert not taken.has_kernel
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(RuntimeError, match="stopping"):
        pool.take()


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_notebook_after_notebook_on_one_kernel_leaks_no_connections(pool, tmp_path):
    import nbformat

    from analysis.run.execute import papermill as _papermill

    notebook = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebook)
    papermill = _papermill()
    counts = []
    for _ in range(6):
        kernel = pool.take()  # once reset: no other thread is talking to it
        gc.collect()
        counts.append(open_descriptors())
        papermill.execute_notebook(
            str(notebook), str(tmp_path / "out.ipynb"), kernel_name=kernel.kernel_name,
            km=kernel, progress_bar=False,
        )  # fmt: skip
        pool.give_back(kernel, True)
    # nbclient leaves its client connected to a kernel it did not start: a dozen
    # descriptors a notebook, until a long run fails with "Too many open files". (A few may
    # still be closing in the thread that reset the kernel, or be another thread's of the
    # test process: that is not growth.) So: less than a third of a leak per notebook.
    per_notebook = (counts[-1] - counts[1]) / (len(counts) - 2)
    assert per_notebook < 4, counts


def test_a_kernel_that_fails_to_start_does_not_hold_up_another_step(monkeypatch):
    """Two steps that each start their own kernel, at once: one start failing leaves the other
    step free to try (and fail) on its own, rather than waiting for that kernel for ever."""
    pool = KernelPool(0)
    started = []

    def fail():
        started.append(1)
        time.sleep(0.3)  # so that the second step asks while the first kernel is starting
        raise RuntimeError("no kernel")

    monkeypatch.setattr(pool, "_start", fail)
    with ThreadPoolExecutor(2) as steps:
        try:
            attempts = [steps.submit(pool.take) for _ in range(2)]
            outcomes = [repr(a.exception(timeout=10)) for a in attempts]
        finally:
            pool.close()  # wakes a step left waiting, so that the test ends either way
    assert outcomes == ["RuntimeError('no kernel')"] * 2
    assert len(started) == 2
