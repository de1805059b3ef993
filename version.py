"""The compiler's version: the release and a digest of its source files.

GPU packages record it and the runtime refuses a package of another version
(``runtime/gpu_package``); the compile cache keys on it (``compiler/cache.py``).  Light on
purpose: no MLIR, no ONNX, so the GPU runtime can read it on a host that has neither.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

RELEASE = "0.1.0"  # pyproject.toml's version (tests/python/test_gpu_package.py checks they agree)

ROOT = Path(__file__).resolve().parent  # the onnx_mlir package (the repository root)
_SKIPPED_DIRS = frozenset({"tests", "benchmarks", "examples", "docs", "build", "__pycache__"})
_SOURCE_SUFFIXES = (".py", ".c", ".mlir")


def source_files(root: Path = ROOT) -> list[Path]:
    """The files the compiler is made of (relative to ``root``), in a fixed order: Python, C and
    MLIR sources outside tests, benchmarks, examples, docs and hidden or build folders."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
                         and not d.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith(_SOURCE_SUFFIXES):
                found.append(Path(folder, name).relative_to(root))
    return found


@functools.lru_cache(maxsize=1)
def source_digest() -> str:
    """SHA-256 over the names and contents of :func:`source_files`."""
    digest = hashlib.sha256()
    for rel in source_files():
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update((ROOT / rel).read_bytes())
    return digest.hexdigest()


def compiler_version() -> str:
    """``<release>+src.<16 hex digits of the source digest>``: any edit of the compiler changes it."""
    return f"{RELEASE}+src.{source_digest()[:16]}"
