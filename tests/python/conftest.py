"""pytest configuration of the Python tests.

With ``--import-mode=importlib`` the test folder is not on ``sys.path``; put it there so that
tests can share helper modules (``from numerics import ...``).
"""

import os
import sys

# Tests compile thousands of throw-away models: no compile cache, except in the tests of the
# cache itself (tests/python/test_compile_cache.py turns it on, in a temporary directory).
os.environ.setdefault("ONNX_MLIR_CACHE", "0")

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
