"""`python -m analysis ...`: see analysis.run.cli."""

import sys

from .run.cli import main

sys.exit(main())
