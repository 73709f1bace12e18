"""The pipeline's kernels start here: ipykernel's own launcher, without the debugger.

ipykernel imports debugpy as it starts (a third of a bare kernel's start-up) so that a
front end can debug. The pipeline's kernels run notebooks in batch and are never debugged,
so they declare the module absent, and ipykernel starts as it does where debugpy is not
installed. Kernels that JupyterLab starts are untouched.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    # As ipykernel_launcher: the kernel's folder must not shadow installed modules (IPython
    # puts it back once the kernel is up).
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():
        del sys.path[0]
    sys.modules.setdefault("debugpy", None)

    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
