"""Code shown to readers runs: the package docstring's example and CONTRIBUTING.md's Python blocks."""

import doctest
import os
import re

import calculators
from calculators.core import Unavailable

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_the_package_docstring_example_runs():
    failures, tried = doctest.testmod(calculators, verbose=False)
    assert tried >= 3 and failures == 0


def contributing_blocks():
    with open(os.path.join(ROOT, "CONTRIBUTING.md"), encoding="utf-8") as handle:
        return PYTHON_BLOCK.findall(handle.read())


def test_contributing_python_blocks_run_as_a_module_of_the_package():
    blocks = contributing_blocks()
    assert blocks
    for code in blocks:
        namespace = {"__name__": "calculators._contributing_example", "__package__": "calculators"}
        exec(compile(code, "CONTRIBUTING.md", "exec"), namespace)
        compute = namespace["compute"]
        # 100 a sale at 40 % margin pays back 400 in 10 sales; no margin has no answer.
        assert compute({"average_order": 100.0, "gross_margin_pct": 40.0, "cost": 400.0}) == {"orders_to_pay_back": 10.0}
        assert isinstance(compute({"average_order": 100.0, "gross_margin_pct": 0.0, "cost": 400.0})["orders_to_pay_back"],
                          Unavailable)
