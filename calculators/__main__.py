"""``python -m calculators``: the command-line face (see calculators/cli.py)."""

import sys

from .cli import main

sys.exit(main())
