"""``onnx_mlir.load``: a :class:`CompiledModel` over a shared library (``library.py``)."""

from __future__ import annotations

import os

from .compiled_model import CompiledModel
from .jit import JitFunction
from .library import LibraryError, LoadedLibrary, artifact_from_metadata


def load_library(path: str | os.PathLike, *, verify=None) -> "CompiledModel":
    """A :class:`CompiledModel` running the library ``path`` (``verify``: see ``LoadedLibrary``)."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise LibraryError(f"no such library: '{path}'")
    library = LoadedLibrary(path, verify=verify)
    try:
        artifact = artifact_from_metadata(library.metadata())
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryError(f"'{path}': the embedded signature is incomplete ({exc!r})") from None
    return CompiledModel(JitFunction(artifact, engine=library), artifact.inputs, artifact.outputs)
