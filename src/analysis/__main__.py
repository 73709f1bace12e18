"""`python -m analysis ...`: see analysis.run.cli."""

import sys

try:
    from .run.cli import main

    status = main()
except KeyboardInterrupt:  # Ctrl-C as the command starts, before main's own handling
    print("\ninterrupted before anything began", file=sys.stderr)
    status = 130
sys.exit(status)
