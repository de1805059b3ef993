"""``onnx_mlir.load``: a :class:`CompiledModel` over a shared library (``library.py``) and, when
its code takes weights, the weights file next to it (``weights_file.py``), mapped read-only."""

from __future__ import annotations

import dataclasses
import os

from .compiled_model import CompiledModel
from .jit import JitFunction
from .library import LibraryError, LoadedLibrary, artifact_from_metadata
from .weights_file import open_weights, weights_path


def load_library(path: str | os.PathLike, *, verify=None, weights: "str | os.PathLike | int | None" = None,
                 verify_weights: bool = True) -> "CompiledModel":
    """A :class:`CompiledModel` running the library ``path`` (``verify``: see ``LoadedLibrary``).

    ``weights``: the weights file (default: ``path`` with the suffix ``.weights``), or an open
    descriptor of it (not closed); ``verify_weights`` hashes its payload against the library's
    record (the header's size and hash are always checked). A missing, foreign, truncated or
    damaged file raises ``WeightsError``."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise LibraryError(f"no such library: '{path}'")
    library = LoadedLibrary(path, verify=verify)
    data = library.metadata()
    try:
        artifact = artifact_from_metadata(data)
        spec = data.get("weights")
        if spec is not None:
            size, sha256 = int(spec["size"]), str(spec["sha256"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryError(f"'{path}': the embedded signature is incomplete ({exc!r})") from None
    if spec is not None:
        where = weights if weights is not None else weights_path(path)
        fd = where if isinstance(where, int) else None
        array = open_weights(f"<fd {fd}>" if fd is not None else os.fspath(where), size, sha256,
                             library=f"'{path}'", verify=verify_weights, fd=fd)
        artifact = dataclasses.replace(artifact, weights=array)
    return CompiledModel(JitFunction(artifact, engine=library), artifact.inputs, artifact.outputs)
