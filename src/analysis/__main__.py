"""`python -m analysis ...`: see analysis.run.cli."""

import signal
import sys

try:
    from .run.cli import main

    status = main()
except KeyboardInterrupt:  # Ctrl-C as the command starts, before main's own handling
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("\ninterrupted before anything began", file=sys.stderr)
    status = 130
# The command has said its last word: a Ctrl-C now would interrupt Python's shutdown.
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.exit(status)
