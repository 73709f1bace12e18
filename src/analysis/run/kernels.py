"""Kernels for papermill: on Unix sockets, started ahead of need, and reused step after step.

Over TCP, each kernel picks five free ports by binding and releasing them, so kernels
started at the same moment can collide (nteract/papermill#511); IPC sockets have no ports.
A kernel's start (a new Python, IPython, then pandas and matplotlib) costs more than most
steps' work, so a run starts at most as many kernels as it runs steps at once, each with the
imports the notebooks need already done, and hands a kernel to the next step once IPython
has reset it: a fresh namespace and execution count, with the imported modules kept.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
import uuid
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from .steps import WARM_UP

KERNEL_NAME = "python3"
RESET_TIMEOUT_SECONDS = 10  # a reset takes milliseconds


def remove_dead_sockets() -> None:
    """Remove the socket folders of killed runs' kernels (`kill -9` cleans nothing up)."""
    from .manifest import dead_leftovers

    for leftover, _ in dead_leftovers(Path(tempfile.gettempdir()), "analysis-kernel"):
        shutil.rmtree(leftover, ignore_errors=True)


class IPCKernelManager(AsyncKernelManager):
    """A kernel talking over Unix sockets in a private temporary folder."""

    def __init__(self, **kwargs):
        from .manifest import owned_name

        socket_dir = Path(tempfile.mkdtemp(prefix=owned_name("analysis-kernel")))
        super().__init__(
            transport="ipc",
            ip=str(socket_dir / uuid.uuid4().hex[:8]),
            # In the same folder as the sockets, not Jupyter's runtime folder: a run killed
            # with `kill -9` leaves all of it to the next run's `remove_dead_sockets`.
            connection_file=str(socket_dir / "kernel.json"),
            **kwargs,
        )
        self.socket_dir = socket_dir
        self._clients: list[AsyncKernelClient] = []
        self.stopping = threading.Lock()
        self.stopped = False

    def client(self, **kwargs) -> AsyncKernelClient:
        """A client for others (nbclient), kept so that `close_clients` can close it."""
        client = super().client(**kwargs)
        self._clients.append(client)
        return client

    def own_client(self) -> AsyncKernelClient:
        """A client for the pool's own use, which closes it itself."""
        return super().client()

    def close_clients(self) -> None:
        """Close the clients made for others, from the thread that used them (ZeroMQ
        sockets are not thread-safe). nbclient leaves its client connected when the kernel
        is not its own: each holds a ZeroMQ context and a dozen file descriptors, and a run
        of many years would run out of them."""
        clients, self._clients = self._clients, []
        for client in clients:
            if client.channels_running:
                client.stop_channels()
            if not client.context.closed:
                client.context.destroy(linger=0)


def close_thread_loop() -> None:
    """Close the event loop that jupyter_client's and nbclient's blocking calls made for this
    thread. They keep it for the thread's life and beyond: left to the garbage collector, it
    can be finalised at exit after its own sockets, which prints a traceback."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:  # this thread has none
        return
    if not loop.is_running():
        loop.close()
        asyncio.set_event_loop(None)


def _thread(target, *args) -> threading.Thread:
    """A thread for the pool's own work, which closes its event loop when done."""

    def run() -> None:
        try:
            target(*args)
        finally:
            close_thread_loop()

    return threading.Thread(target=run, daemon=True)


def reset_code(cwd: str | None) -> str:
    """What a kernel runs between two notebooks: back to the folder it started in, then
    IPython's own reset (as `%reset -f`, and a new history session, so counts start at 1)."""
    chdir = f"__import__('os').chdir({cwd!r}); " if cwd else ""
    return f"{chdir}get_ipython().reset(new_session=True); __import__('gc').collect()"


def warm_up_code(modules: frozenset[str]) -> str:
    """Imports a kernel does while it boots, leaving no names behind in its namespace."""
    if not modules:
        return ""
    tops = sorted({m.split(".")[0] for m in modules})
    return f"import {', '.join(sorted(modules))}; del {', '.join(tops)}"


class KernelPool:
    """`size` kernels started from the moment the pool is made, each importing `warm_up`
    while it boots, and reused: a step takes an idle kernel, or waits for one on its way (being
    started or reset), or starts one of its own."""

    def __init__(
        self,
        size: int,
        cwd: Path | None = None,
        warm_up: frozenset[str] = WARM_UP,
        kernel_name: str = KERNEL_NAME,
    ):
        remove_dead_sockets()
        self._cwd = str(cwd) if cwd else None
        self._kernel_name = kernel_name
        self._warm_up = warm_up
        self._idle: list[IPCKernelManager] = []
        self._in_use: set[IPCKernelManager] = set()
        self._resetting: set[IPCKernelManager] = set()
        self._starting = size
        self._closed = False
        self._changed = threading.Condition()
        for _ in range(size):
            _thread(self._starter).start()

    def _start(self) -> IPCKernelManager:
        """Launch a kernel and wait until it has done its imports and answers."""
        km = IPCKernelManager(kernel_name=self._kernel_name)
        warm_up = warm_up_code(self._warm_up)
        # No input history: these kernels run files, and would otherwise copy every cell
        # of every run into the user's ~/.ipython history database. Only the kernel's own
        # errors on the terminal it shares with the run: its warnings ("Parent appears to
        # have exited", after Ctrl-C) broke into the progress lines and the summary.
        extra = ["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"]
        if warm_up:
            extra.append(f"--IPKernelApp.exec_lines={warm_up}")
        run_sync(km.start_kernel)(cwd=self._cwd, extra_arguments=extra)
        client = km.own_client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=120)
        finally:
            client.stop_channels()
        return km

    def _starter(self) -> None:
        try:
            km = self._start()
        except Exception:  # noqa: BLE001 - take() starts one again, where the error shows
            km = None
        with self._changed:
            self._starting -= 1
            keep = km is not None and not self._closed
            if keep:
                self._idle.append(km)
            self._changed.notify_all()
        if km is not None and not keep:
            _shutdown(km)

    def take(self) -> IPCKernelManager:
        """An idle kernel; else one on its way; else a new one, started here and now."""
        with self._changed:
            while not self._idle and (self._starting or self._resetting) and not self._closed:
                self._changed.wait()
            if self._closed:
                raise RuntimeError("the run is stopping: no new kernels")
            if self._idle:
                km = self._idle.pop(0)
                self._in_use.add(km)
                return km
        # Started for this step alone, so not counted as on its way: no other step waits
        # for it (nor hangs if its start fails).
        km = self._start()
        with self._changed:
            closed = self._closed
            if not closed:
                self._in_use.add(km)
        if closed:  # close() ran while it started: it is nobody's to shut down but ours
            _shutdown(km)
            raise RuntimeError("the run is stopping: no new kernels")
        return km

    def give_back(self, km: IPCKernelManager, ran: bool) -> None:
        """A kernel whose step is over. If its notebook `ran` to the end, reset it in the
        background and keep it; else (its state is unknown) shut it down."""
        if ran:
            # Only after a notebook that ran to its end: one cut short (a dead kernel,
            # Ctrl-C) can leave its client's sockets registered with the thread's event
            # loop, which must not see them closed under it. Those few stay open.
            km.close_clients()
        with self._changed:
            self._in_use.discard(km)
            keep = ran and not self._closed
            if keep:
                self._resetting.add(km)
            self._changed.notify_all()
        if keep:
            _thread(self._reset, km).start()
        else:
            _shutdown(km)

    def _reset(self, km: IPCKernelManager) -> None:
        ok = _reset_kernel(km, self._cwd)
        with self._changed:
            mine = km in self._resetting  # else close() has it and shuts it down
            self._resetting.discard(km)
            keep = ok and mine and not self._closed
            if keep:
                self._idle.append(km)
            self._changed.notify_all()
        if mine and not keep:
            _shutdown(km)

    def close(self) -> None:
        """Shut down every kernel, running or waiting (running notebooks then stop). Only
        the processes: each client is closed by the thread that uses it."""
        with self._changed:
            self._closed = True
            kernels = self._idle + list(self._in_use) + list(self._resetting)
            self._idle, self._in_use, self._resetting = [], set(), set()
            self._changed.notify_all()
        # Together: each shutdown mostly waits for its process to exit.
        stopping = [_thread(_shutdown, km) for km in kernels]
        for thread in stopping:
            thread.start()
        for thread in stopping:
            thread.join()


def _reset_kernel(km: IPCKernelManager, cwd: str | None) -> bool:
    client = km.own_client()
    client.start_channels()
    try:
        reply = run_sync(client.execute_interactive)(
            reset_code(cwd),
            store_history=False,
            timeout=RESET_TIMEOUT_SECONDS,
            output_hook=lambda _message: None,
        )
    except Exception:  # noqa: BLE001 - a kernel that does not answer is replaced
        return False
    finally:
        client.stop_channels()
    return reply["content"]["status"] == "ok"


def _shutdown(km: IPCKernelManager) -> None:
    """Stop a kernel's process, once: close() and the thread that ran it may both try, and
    two shutdowns of one kernel at once deadlock in ZeroMQ."""
    with km.stopping:
        if km.stopped:
            return
        km.stopped = True
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - a kernel that is already gone needs no shutdown
        pass
    finally:
        shutil.rmtree(km.socket_dir, ignore_errors=True)
