"""The on-disk cache of generated Triton modules, and importing one.

Triton reads a kernel's source from its file, so generated modules are written to
``$ONNX_MLIR_TRITON_CACHE`` (default ``~/.cache/onnx_mlir/triton``) as
``kernels_<sha256[:16]>.py``.  Whoever can write there chooses what the next run imports, so:

* the directory is the user's alone: created with mode 0700; an existing one owned by another
  user (or not a directory) is refused, one that others may write is made 0700;
* a file is written to a fresh temporary file in the same directory and renamed over the final
  name, so concurrent writers and readers only ever see a whole file;
* a cached file is reused only when its content hashes to its name (else it is rewritten), and
  the module is executed from the source text in memory, registered in ``linecache`` for Triton's
  ``inspect`` calls, never re-read from disk or from a ``__pycache__`` file.
"""

from __future__ import annotations

import hashlib
import linecache
import os
import stat
import sys
import tempfile
import types
from pathlib import Path

from ..errors import OnnxMlirError

CACHE_ENV = "ONNX_MLIR_TRITON_CACHE"
_DIGEST_CHARS = 16


class KernelCacheError(OnnxMlirError):
    """The kernel cache directory is not safe to use (owned by someone else, not a directory)."""


def cache_dir() -> Path:
    """The cache directory, created or checked (see the module docstring)."""
    base = os.environ.get(CACHE_ENV) or os.path.join(os.path.expanduser("~"), ".cache", "onnx_mlir",
                                                     "triton")
    path = Path(base)
    ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` with mode 0700, or check that an existing one is a directory of this user
    that nobody else can write (fixed to 0700 when others could)."""
    try:
        path.mkdir(parents=True, mode=0o700)
        os.chmod(path, 0o700)  # mkdir's mode went through the umask
    except FileExistsError:
        pass
    st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise KernelCacheError(f"the Triton kernel cache {path} is not a directory (set {CACHE_ENV})")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise KernelCacheError(f"the Triton kernel cache {path} belongs to another user (uid {st.st_uid}); "
                               f"set {CACHE_ENV} to a directory of your own")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        os.chmod(path, 0o700)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:_DIGEST_CHARS]


def _file_digest(path: Path) -> str | None:
    """The content digest of ``path``, or None when it cannot be read as a plain file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return digest_of(f.read())


def _atomic_write(directory: Path, path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".kernels_", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def store(source: str) -> Path:
    """Write ``source`` to ``<cache>/kernels_<digest>.py`` unless a file with that content is there."""
    data = source.encode("utf-8")
    digest = digest_of(data)
    directory = cache_dir()
    path = directory / f"kernels_{digest}.py"
    if _file_digest(path) != digest:  # missing, tampered or truncated: (re)write it
        _atomic_write(directory, path, data)
    return path


def load_source(source: str) -> types.ModuleType:
    """Store ``source`` in the cache and import it as ``onnx_mlir_triton_<digest>`` (once per process)."""
    digest = digest_of(source.encode("utf-8"))
    name = f"onnx_mlir_triton_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    filename = str(store(source))
    # inspect (hence Triton) reads the lines from here; mtime None: never re-read from disk
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module = types.ModuleType(name)
    module.__file__ = filename
    code = compile(source, filename, "exec", dont_inherit=True)
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)  # noqa: S102 - our generated, checked source
    except BaseException:
        del sys.modules[name]
        raise
    return module
