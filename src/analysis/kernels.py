"""Kernels for papermill: on Unix sockets, and started ahead of need.

Over TCP, each kernel picks five free ports by binding and releasing them, so kernels
started at the same moment can collide (nteract/papermill#511); IPC sockets have no ports.
A kernel's start (a new Python, IPython, then pandas and matplotlib) takes a second or more,
so the pool starts the next kernels while the current notebooks run.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"
# Loaded by a waiting kernel so that a notebook's first cell doesn't pay for them.
WARM_UP = "import analysis.charts, analysis.clean, analysis.report, analysis.tables"


class IPCKernelManager(AsyncKernelManager):
    """A kernel talking over Unix sockets in a private temporary folder."""

    def __init__(self, **kwargs):
        socket_dir = Path(tempfile.mkdtemp(prefix="analysis-kernel-"))
        super().__init__(transport="ipc", ip=str(socket_dir / uuid.uuid4().hex[:8]), **kwargs)
        self.socket_dir = socket_dir


class KernelPool:
    """Hands out started kernels; keeps `size` more starting in the background."""

    def __init__(self, size: int, kernel_name: str = KERNEL_NAME, cwd: Path | None = None):
        self._size = size
        self._kernel_name = kernel_name
        self._cwd = str(cwd) if cwd else None
        self._ready: list[IPCKernelManager] = []
        self._lock = threading.Lock()
        self._closed = False
        self._in_use: set[IPCKernelManager] = set()

    def _start(self) -> IPCKernelManager:
        km = IPCKernelManager(kernel_name=self._kernel_name)
        extra = [f"--IPKernelApp.exec_lines={WARM_UP}"]
        run_sync(km.start_kernel)(cwd=self._cwd, extra_arguments=extra)
        return km

    def fill(self) -> None:
        """Start kernels until `size` are waiting (call from a background thread)."""
        while True:
            with self._lock:
                if self._closed or len(self._ready) >= self._size:
                    return
            km = self._start()
            with self._lock:
                if self._closed:
                    _shutdown(km)
                    return
                self._ready.append(km)

    def take(self) -> IPCKernelManager:
        with self._lock:
            km = self._ready.pop(0) if self._ready else None
        if km is None:
            km = self._start()
        with self._lock:
            self._in_use.add(km)
        threading.Thread(target=self.fill, daemon=True).start()
        return km

    def give_back(self, km: IPCKernelManager) -> None:
        """A kernel runs one notebook only: a fresh namespace for every step."""
        with self._lock:
            self._in_use.discard(km)
        _shutdown(km)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            waiting, self._ready = self._ready + list(self._in_use), []
            self._in_use.clear()
        for km in waiting:
            _shutdown(km)


def _shutdown(km: IPCKernelManager) -> None:
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - a kernel that is already gone needs no shutdown
        pass
    finally:
        shutil.rmtree(km.socket_dir, ignore_errors=True)
