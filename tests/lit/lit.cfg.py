"""lit configuration of onnx-mlir-py's FileCheck tests (run: ``.venv/bin/lit -sv tests/lit``).

The tools are run as ``python -m`` modules of the interpreter that runs lit, so the tests use the
same environment (the venv) without relying on console scripts being on PATH. lit starts tests
with a cleared environment, hence PATH and PYTHONPATH are set here.
"""

import os
import sys

import lit.formats

config.name = "onnx-mlir-py"
config.test_format = lit.formats.ShTest()  # lit 23 rejects execute_external=True
config.suffixes = [".mlir", ".onnxtxt", ".py"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

_python_dir = os.path.dirname(sys.executable)

config.environment["PATH"] = os.pathsep.join([_python_dir, config.environment.get("PATH", os.defpath)])
# `onnx_mlir` comes from the venv (editable install of the repository root); pass on a
# PYTHONPATH the caller set, e.g. to test another checkout.
for name in ("PYTHONPATH", "HOME", "TMPDIR", "LANG", "LC_ALL"):
    if name in os.environ:
        config.environment[name] = os.environ[name]


def _tool(name: str) -> str:
    """A regex matching the tool name as a whole word (not inside a path or a longer name)."""
    return r"(?<![\w/.-])" + name.replace("-", r"\-") + r"(?![\w-])"


_py = sys.executable
config.substitutions.append(("%python", _py))
config.substitutions.append((_tool("onnx-mlir-opt"), f"{_py} -m onnx_mlir.tools.onnx_mlir_opt"))
config.substitutions.append((_tool("onnx-mlir"), f"{_py} -m onnx_mlir.tools.onnx_mlir_driver"))
config.substitutions.append((_tool("FileCheck"), "filecheck"))
