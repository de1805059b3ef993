"""The ONNX backend node test cases as data: generated once, listed, wrapped as a BackendTest.

The onnx wheel ships the node case *definitions* but not ``onnx/backend/test/data/node``.
:func:`ensure_node_data` generates that directory once (numpy's RNG seeded, through the writer of
``python -m onnx.backend.test.cmd_tools generate-data``) into a cache directory
(``$ONNX_MLIR_CACHE_DIR`` or ``~/.cache/onnx-mlir-py``, then ``onnx-<version>/data/node``), under a
file lock, generating into a temporary directory that is renamed into place, so that several
pytest-xdist workers may ask for it at once.  :func:`backend_test` builds onnx's ``BackendTest``
over those files (the pytest conformance run, tests/conformance).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NODE_DATA_SEED = 0
# pytest user property of a conformance case: its float -> int elements ONNX leaves undefined.
UNDEFINED_PROPERTY = "float_to_int_undefined_elements"


def cache_root() -> Path:
    """``$ONNX_MLIR_CACHE_DIR``, else ``$XDG_CACHE_HOME/onnx-mlir-py``, else ``~/.cache/onnx-mlir-py``."""
    if os.environ.get("ONNX_MLIR_CACHE_DIR"):
        return Path(os.environ["ONNX_MLIR_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "onnx-mlir-py"


def node_data_dir() -> Path:
    import onnx
    return cache_root() / f"onnx-{onnx.__version__}" / "data" / "node"


_COMPLETE = ".complete"  # written last inside the generated directory: its case count


def _is_complete(path: Path) -> bool:
    return (path / _COMPLETE).is_file()


def generate_node_data(dest: Path) -> int:
    """Write every node case (model.onnx + test_data_set_*/{input,output}_*.pb) under ``dest``.

    Goes through ``onnx.backend.test.cmd_tools.generate_data`` (the writer of
    ``python -m onnx.backend.test.cmd_tools generate-data``) with its model-test collection pointed
    at the node cases. Returns the number of cases.
    """
    import warnings

    import numpy as np
    import onnx.backend.test.case.model as model_test
    from onnx.backend.test import cmd_tools
    from onnx.backend.test.case.node import collect_testcases

    np.random.seed(NODE_DATA_SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = collect_testcases()
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".gen-") as tmp:
        saved = model_test.collect_testcases
        model_test.collect_testcases = lambda *a, **k: cases
        try:
            cmd_tools.generate_data(argparse.Namespace(output=tmp))
        finally:
            model_test.collect_testcases = saved
        produced = Path(tmp) / "node"
        (produced / _COMPLETE).write_text(f"{len(cases)}\n")
        if dest.exists():  # an incomplete leftover (e.g. an interrupted older layout)
            shutil.rmtree(dest)
        os.rename(produced, dest)
    return len(cases)


def ensure_node_data(verbose: bool = False) -> Path:
    """The node test data directory, generated first when missing (safe across processes)."""
    dest = node_data_dir()
    if _is_complete(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # others wait here, then find it complete
        try:
            if not _is_complete(dest):
                start = time.time()
                if verbose:
                    print(f"generating ONNX node test data into {dest} ...", file=sys.stderr, flush=True)
                n = generate_node_data(dest)
                if verbose:
                    print(f"  {n} cases in {time.time() - start:.0f} s", file=sys.stderr, flush=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return dest


def list_cases(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if (p / "model.onnx").is_file())


def node_test_cases(data_dir: Path) -> list[Any]:
    """``onnx.backend.test.case.test_case.TestCase`` objects reading their data from ``data_dir``."""
    from onnx.backend.test.case.test_case import TestCase
    cases = []
    for name in list_cases(data_dir):
        case_dir = data_dir / name
        rtol, atol = 1e-3, 1e-7
        if (case_dir / "data.json").is_file():
            data = json.loads((case_dir / "data.json").read_text())
            rtol, atol = data.get("rtol", rtol), data.get("atol", atol)
        cases.append(TestCase(name=name, model_name=name[len("test_"):], url=None, model_dir=str(case_dir),
                              model=None, data_sets=None, kind="node", rtol=rtol, atol=atol))
    return cases


def backend_test(data_dir: Path, backend: Any = None, parent_module: str | None = None) -> Any:
    """An ``onnx.backend.test.BackendTest`` over the node cases of ``data_dir`` only.

    onnx 1.23 builds node tests from the in-memory case definitions (every process would rerun all
    1,884 generators); here its loader is pointed at the generated files instead, and the other
    kinds (real models to download, pytorch-*) are left out.
    """
    import onnx.backend.test.runner as runner_module

    from .conformance_casts import backend_test_class

    if backend is None:
        from .. import backend as backend_module
        backend = backend_module.OnnxMlirBackend
    cases = node_test_cases(data_dir)
    saved = runner_module.load_model_tests
    runner_module.load_model_tests = lambda data_dir=None, kind=None: cases if kind == "node" else []
    try:
        return backend_test_class()(backend, parent_module)
    finally:
        runner_module.load_model_tests = saved
