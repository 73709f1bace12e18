"""`python -m analysis ...`: see analysis.cli."""

import sys

from .cli import main

sys.exit(main())
