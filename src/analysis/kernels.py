"""Kernels for papermill: on Unix sockets, and started ahead of need.

Over TCP, each kernel picks five free ports by binding and releasing them, so kernels
started at the same moment can collide (nteract/papermill#511); IPC sockets have no ports.
A kernel's start (a new Python, IPython, then pandas and matplotlib) takes a second or more,
so the pool starts the kernels of the steps to come while the current ones run, each with
the imports its notebook will need already done.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from collections import deque
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"


class IPCKernelManager(AsyncKernelManager):
    """A kernel talking over Unix sockets in a private temporary folder."""

    def __init__(self, **kwargs):
        socket_dir = Path(tempfile.mkdtemp(prefix="analysis-kernel-"))
        super().__init__(transport="ipc", ip=str(socket_dir / uuid.uuid4().hex[:8]), **kwargs)
        self.socket_dir = socket_dir


class KernelPool:
    """Starts kernels in the order they will be asked for, at most `ahead` unclaimed at once.

    Each kernel runs one notebook only, so every step starts from a fresh namespace.
    """

    def __init__(
        self,
        ahead: int,
        cwd: Path | None = None,
        kernel_name: str = KERNEL_NAME,
        starters: int = 1,
    ):
        self._ahead = ahead
        self._cwd = str(cwd) if cwd else None
        self._kernel_name = kernel_name
        self._wanted: deque[str] = deque()  # warm-up code of kernels still to start
        self._ready: list[tuple[str, IPCKernelManager]] = []
        self._starting: list[str] = []  # warm-up code of kernels being started
        self._in_use: set[IPCKernelManager] = set()
        self._closed = False
        self._changed = threading.Condition()
        for _ in range(starters):
            threading.Thread(target=self._starter, daemon=True).start()

    def _start(self, warm_up: str) -> IPCKernelManager:
        """Launch a kernel and wait until it has done its imports and answers."""
        km = IPCKernelManager(kernel_name=self._kernel_name)
        extra = [f"--IPKernelApp.exec_lines={warm_up}"] if warm_up else []
        run_sync(km.start_kernel)(cwd=self._cwd, extra_arguments=extra)
        # Waiting here, in the starter's thread, means kernels boot one after another instead
        # of all at once on the cores the running notebooks need.
        client = km.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=120)
        finally:
            client.stop_channels()
        return km

    def _starter(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(
                    lambda: (
                        self._closed
                        or (self._wanted and len(self._ready) + len(self._starting) < self._ahead)
                    )
                )
                if self._closed:
                    return
                warm_up = self._wanted.popleft()
                self._starting.append(warm_up)
            try:
                km = self._start(warm_up)
            except Exception:  # noqa: BLE001 - take() starts it again, where the error shows
                with self._changed:
                    self._starting.remove(warm_up)
                    self._changed.notify_all()
                continue
            with self._changed:
                self._starting.remove(warm_up)
                if self._closed:
                    _shutdown(km)
                    return
                self._ready.append((warm_up, km))
                self._changed.notify_all()

    def expect(self, warm_up: str) -> None:
        """A kernel with these imports will be asked for: start it when there is room."""
        with self._changed:
            self._wanted.append(warm_up)
            self._changed.notify_all()

    def take(self, warm_up: str) -> IPCKernelManager:
        """A started kernel with these imports: a waiting one, one about to be ready, or one
        started here and now (never wait for a kernel that is only queued: it may never get
        room to start)."""
        with self._changed:
            while True:
                km = self._pop_ready(warm_up)
                if km is not None or warm_up not in self._starting or self._closed:
                    break
                self._changed.wait()
            if self._closed:
                raise RuntimeError("the run is stopping: no new kernels")
            if km is None and warm_up in self._wanted:
                self._wanted.remove(warm_up)
            self._changed.notify_all()
        if km is None:
            km = self._start(warm_up)
        with self._changed:
            self._in_use.add(km)
        return km

    def _pop_ready(self, warm_up: str) -> IPCKernelManager | None:
        for i, (code, km) in enumerate(self._ready):
            if code == warm_up:
                del self._ready[i]
                return km
        return None

    def give_back(self, km: IPCKernelManager) -> None:
        with self._changed:
            self._in_use.discard(km)
        _shutdown(km)

    def close(self) -> None:
        """Shut down every kernel, running or waiting (running notebooks then stop)."""
        with self._changed:
            self._closed = True
            kernels = [km for _, km in self._ready] + list(self._in_use)
            self._ready, self._in_use = [], set()
            self._changed.notify_all()
        for km in kernels:
            _shutdown(km)


def _shutdown(km: IPCKernelManager) -> None:
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - a kernel that is already gone needs no shutdown
        pass
    finally:
        shutil.rmtree(km.socket_dir, ignore_errors=True)
