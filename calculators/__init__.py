"""The Clienting playbook's calculators: pure Python that runs the same on CPython and MicroPython.

>>> from calculators import evaluate, get
>>> result = evaluate(get("acquisition_vs_retention"), {"new_customers": "500"}, "en")
>>> result.text("cac")
'$24.00'
"""

from .core import Calculator, Input, Output, Result, Unavailable, compute_checked, evaluate
from .errors import CalculatorError
from .registry import get, names
