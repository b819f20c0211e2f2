"""The suite's fixtures (a built site, its address, Chromium) for the benchmark's own tests."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.conftest import *  # noqa: E402,F401,F403
