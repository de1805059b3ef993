"""The package's file names and versions, and the errors of reading one."""

from __future__ import annotations

import os

from ...errors import OnnxMlirError

FORMAT = "onnx-mlir-gpu-package"
# Bumped whenever the manifest's meaning changes; a runtime reads only its own version.
FORMAT_VERSION = 2  # 2: dynamic shapes (size expressions in launches and views)
MANIFEST = "manifest.json"
KERNELS = "kernels.py"
WEIGHTS = "weights.bin"


class PackageError(OnnxMlirError, OSError):
    """A directory that is not a GPU package this runtime can run (missing or corrupt files, a
    plan it cannot express, another GPU backend)."""


class PackageVersionError(PackageError):
    """The package was written by another format or compiler version than this runtime's."""


def is_package(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a directory with a package manifest."""
    return os.path.isdir(path) and os.path.isfile(os.path.join(path, MANIFEST))


def runtime_compiler_version() -> str:
    from ...version import compiler_version

    return compiler_version()
