"""`make lab-check`: notebook saves in JupyterLab leave `git status` clean, on a fresh clone.

1. Clones the project's committed HEAD into a temporary folder and runs `make report` there,
   as a new user does (this also sets up git's clean filter for notebooks).
2. Starts `make lab` there (Lab at the project's root, the project's Lab settings), with
   user settings and workspaces in fresh folders, so that nothing of this machine's own
   Jupyter settings counts; checks that Lab's root holds the notebooks, outputs, authored
   text and docs, and that the project's settings turn the Jupyter news question off.
3. In headless Chromium (lab_check.mjs, playwright-core), opens each notebook, runs all
   cells and saves it.
4. Fails unless Lab wrote each notebook and `git status --porcelain` is then empty. (Lab's
   copy of each has every cell's count, and outputs the committed file leaves out, at the
   save, as the page reports: the project's save hook writes it in its committed form.)

Needs chromium and playwright-core from this folder's package.json (`npm ci`). Not part of
`make test`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
LAB_ROOT_HOLDS = ("notebooks", "outputs", "authored", "docs", "README.md")
NEWS_SETTING = "@jupyterlab/apputils-extension:notification"


def run(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, check=True, text=True, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def wait_for_server(url: str, server: subprocess.Popen, log: Path, seconds: int = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            print(log.read_text(encoding="utf-8"), file=sys.stderr)
            sys.exit(f"lab-check: make lab ended with status {server.returncode}")
        try:
            get_json(url)
            return
        except OSError:
            time.sleep(1)
    sys.exit(f"lab-check: JupyterLab did not answer at {url} within {seconds} s")


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory(prefix="lab-check-") as scratch_name:
        scratch = Path(scratch_name)
        clone = scratch / "clone"
        run("git", "clone", "--quiet", str(PROJECT), str(clone), cwd=scratch)
        env = {k: v for k, v in os.environ.items() if k != "ANALYSIS_ROOT"}
        run("make", "report", cwd=clone, env=env)
        before = run("git", "status", "--porcelain", cwd=clone, capture_output=True).stdout
        if before:
            sys.exit(f"lab-check: git status is not clean after make report:\n{before}")

        port, token = free_port(), "lab-check"
        lab_env = {
            **env,
            "JUPYTERLAB_SETTINGS_DIR": str(scratch / "user-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces"),
            "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
        }
        flags = (
            f"--no-browser --port={port} --IdentityProvider.token={token} "
            "--ServerApp.ip=127.0.0.1 --LabApp.expose_app_in_browser=True"
        )
        if os.geteuid() == 0:  # CI and this machine's sessions run as root
            flags += " --allow-root"
        server = subprocess.Popen(
            ["make", "lab", f"LAB_FLAGS={flags}"],
            cwd=clone,
            env=lab_env,
            start_new_session=True,  # its own process group, ended whole below
            stdout=(scratch / "lab.log").open("w", encoding="utf-8"),
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for_server(f"{base}/api/status?token={token}", server, scratch / "lab.log")
            root = {
                item["name"] for item in get_json(f"{base}/api/contents/?token={token}")["content"]
            }
            missing = [name for name in LAB_ROOT_HOLDS if name not in root]
            if missing:
                problems.append(f"Lab's file browser root lacks {', '.join(missing)}")
            # Lab applies overrides.json as the schema's defaults.
            news = get_json(f"{base}/lab/api/settings/{NEWS_SETTING}?token={token}")
            fetch_news = news["schema"]["properties"]["fetchNews"].get("default")
            if fetch_news != "false":
                problems.append(f"{NEWS_SETTING} fetchNews defaults to {fetch_news!r}")

            notebooks = [
                p.relative_to(clone).as_posix() for p in sorted(clone.glob("notebooks/*.ipynb"))
            ]
            written_before = {nb: (clone / nb).stat().st_mtime_ns for nb in notebooks}
            with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
                browser = subprocess.run(
                    ["node", str(HERE / "lab_check.mjs"), *notebooks],
                    cwd=HERE,
                    env={**env, "LAB_URL": base, "LAB_TOKEN": token, "USER_DATA_DIR": profile},
                )
            if browser.returncode:
                problems.append("running or saving a notebook in Lab failed (above)")
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=60)

        unsaved = [nb for nb in notebooks if (clone / nb).stat().st_mtime_ns == written_before[nb]]
        if unsaved:
            problems.append(f"Lab did not write {', '.join(unsaved)}")
        status = run("git", "status", "--porcelain", cwd=clone, capture_output=True).stdout
        if status:
            problems.append(f"git status after the saves is not clean:\n{status}")
            print(run("git", "diff", "--stat", cwd=clone, capture_output=True).stdout)
    for problem in problems:
        print(f"lab-check: {problem}", file=sys.stderr)
    if not problems:
        print("lab-check: every notebook ran and saved in JupyterLab; git status is clean")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
