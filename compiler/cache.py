"""The compile cache: ``onnx_mlir.compile`` stores the shared library of each model it compiles
(``runtime/library.py``) and loads it back for the next compile of the same model.

* Key: SHA-256 of the model's bytes (a file's bytes and suffix, and the external data files it
  names; bytes; text; a ``ModelProto``'s deterministic serialization), the compiler's version
  (the package version and a hash of its source files, so an edited compiler never reuses old
  code), the MLIR bindings' version, the options (``opt_level``, the CPU spec), the host CPU and
  features as LLVM sees them (``lowering/cpu/target.py``) and every ``ONNX_MLIR_*`` environment
  variable (tile overrides, size limits) but the cache's own.
* Directory: ``$ONNX_MLIR_CACHE_DIR/compile``, else ``$XDG_CACHE_HOME/onnx-mlir-py/compile``,
  else ``~/.cache/onnx-mlir-py/compile``; owner-only (0700), and unused (with a warning) when
  another user owns it. ``ONNX_MLIR_CACHE=0`` or ``compile(cache=False)`` bypasses it.
* Entries: ``<key[:2]>/<key>.so``, its weights ``<key>.weights`` when the code takes some
  (``runtime/weights_file.py``) and ``<key>.json`` (the SHA-256 and size of each), each written
  under a temporary name and renamed into place, the manifest last. A hit checks the hashes on
  the open files and loads (maps) those files; an entry that fails is removed and compiled again.
* Concurrency: a compile of a key holds an exclusive ``flock`` on ``<key>.lock`` from lookup to
  store, so concurrent compiles of one model compile it once and the others load it.
* Not cached: ``ir.Module`` inputs (lowered in place, by contract) and compiles with an
  ``on_stage`` callback (the caller wants the stages).
* Size cap: after each store, the least recently used entries (a hit touches its manifest) are
  removed until the libraries take at most ``$ONNX_MLIR_CACHE_MAX_MB`` megabytes (default
  ``DEFAULT_MAX_MB``; 0: no cap). An entry whose lock another process holds (it is loading or
  storing it) is skipped, and so is the entry just stored.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Callable

from ..errors import OnnxMlirWarning

CACHE_ENV = "ONNX_MLIR_CACHE"
DIR_ENV = "ONNX_MLIR_CACHE_DIR"
MAX_MB_ENV = "ONNX_MLIR_CACHE_MAX_MB"
DEFAULT_MAX_MB = 2048
_OWN_ENV = (CACHE_ENV, DIR_ENV, MAX_MB_ENV)
KEY_FORMAT = 1


class CacheWarning(OnnxMlirWarning):
    """The compile cache cannot be used (unsafe directory, nothing to link with); the compile
    goes on without it."""


def enabled(cache: bool | None) -> bool:
    """``cache`` when given, else not ``ONNX_MLIR_CACHE=0``."""
    if cache is not None:
        return bool(cache)
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def configured_max_bytes() -> int | None:
    """The size cap of the cache's libraries: ``$ONNX_MLIR_CACHE_MAX_MB`` megabytes, else
    ``DEFAULT_MAX_MB``; None for no cap (0)."""
    text = os.environ.get(MAX_MB_ENV, "").strip()
    try:
        megabytes = float(text) if text else DEFAULT_MAX_MB
    except ValueError:
        warnings.warn(f"{MAX_MB_ENV}={text!r} is not a number of megabytes: {DEFAULT_MAX_MB} is used",
                      CacheWarning, stacklevel=3)
        megabytes = DEFAULT_MAX_MB
    return None if megabytes <= 0 else int(megabytes * 1e6)


def cache_dir() -> Path:
    if os.environ.get(DIR_ENV):
        return Path(os.environ[DIR_ENV]).expanduser() / "compile"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "onnx-mlir-py" / "compile"


# ---- the key -------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def compiler_version() -> str:
    """The package version and a hash of every source file of the compiler."""
    from importlib import metadata

    from ..version import source_digest

    versions = []
    for dist in ("onnx-mlir-py", "xtc-mlir-python-bindings", "onnx"):
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=?")
    return ";".join(versions) + ";src=" + source_digest()


def _external_data_files(data: bytes, base_dir: Path) -> list[Path]:
    """Files a binary model's tensors keep their data in (empty for most models)."""
    if b"location" not in data:  # every external-data entry names its file under this key
        return []
    import onnx
    from onnx.external_data_helper import _get_all_tensors, uses_external_data

    try:
        model = onnx.ModelProto.FromString(data)
    except Exception:
        return []  # the importer reports it
    files = set()
    for tensor in _get_all_tensors(model):
        if uses_external_data(tensor):
            for entry in tensor.external_data:
                if entry.key == "location":
                    files.add(base_dir / entry.value)
    return sorted(files)


def _looks_like_path(text: str) -> bool:
    """The importer's rule (``importer.model_loading._looks_like_path``; that module loads onnx)."""
    return "\n" not in text and "<" not in text and "{" not in text


def model_digest(model: Any) -> str | None:
    """SHA-256 of what the importer reads for ``model``; None when it is not cacheable."""
    onnx = sys.modules.get("onnx")  # (not imported for a file: a cache hit does without it)
    digest = hashlib.sha256()
    if onnx is not None and isinstance(model, onnx.ModelProto):
        digest.update(b"proto\0" + model.SerializeToString(deterministic=True))
    elif isinstance(model, (bytes, bytearray, memoryview)):
        digest.update(b"bytes\0" + bytes(model))
    elif isinstance(model, (str, os.PathLike)):
        if isinstance(model, str) and not _looks_like_path(model):
            digest.update(b"text\0" + model.encode())
        else:
            path = Path(model)
            if not path.is_file():
                return None  # the importer reports it
            data = path.read_bytes()
            digest.update(b"file\0" + path.suffix.encode() + b"\0" + data)
            for extra in _external_data_files(data, path.parent):
                digest.update(b"\0external\0" + str(extra.name).encode() + b"\0")
                digest.update(extra.read_bytes() if extra.is_file() else b"<missing>")
    else:
        return None
    return digest.hexdigest()


def _target_identity(cpu: str | None) -> str:
    from ..lowering.cpu import target

    spec = target.spec_from(cpu)
    name, features = target.llvm_host()
    return f"spec={spec};resolved={target.resolve(spec)};host={name}:{','.join(features)}"


def cache_key(model_hash: str, *, opt_level: int, cpu: str | None, num_threads: int = 1) -> str:
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("ONNX_MLIR_") and k not in _OWN_ENV)
    text = json.dumps({"format": KEY_FORMAT, "model": model_hash, "compiler": compiler_version(),
                       "opt_level": opt_level, "target": _target_identity(cpu), "env": env,
                       "num_threads": num_threads},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


# ---- the store -----------------------------------------------------------------------------------

def _private_dir(path: Path) -> bool:
    """Create ``path`` owner-only if needed; False (with a warning) when it is not safe to use."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
        if st.st_uid != os.getuid():
            warnings.warn(f"compile cache {path} belongs to another user: not used", CacheWarning, stacklevel=4)
            return False
        if st.st_mode & 0o077:
            os.chmod(path, 0o700)
    except OSError as exc:
        warnings.warn(f"compile cache {path} cannot be used: {exc}", CacheWarning, stacklevel=4)
        return False
    return True


def _file_sha256(fd: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 20):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _sha256_of(path: str) -> tuple[str, int]:
    fd = os.open(path, os.O_RDONLY)
    try:
        return _file_sha256(fd)
    finally:
        os.close(fd)


class CompileCache:
    """The entries of one cache directory; ``max_bytes``: the size cap of its libraries
    (default :func:`configured_max_bytes`; None: no cap)."""

    _DEFAULT = object()

    def __init__(self, root: Path | None = None, *, max_bytes: "int | None | object" = _DEFAULT):
        self.root = Path(root) if root is not None else cache_dir()
        self.max_bytes = configured_max_bytes() if max_bytes is CompileCache._DEFAULT else max_bytes

    def _paths(self, key: str) -> tuple[Path, Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.so", folder / f"{key}.json", folder / f"{key}.lock"

    def _weights(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.weights"

    def usable(self) -> bool:
        return _private_dir(self.root)

    def lock(self, key: str) -> int:
        """Take the exclusive lock of ``key``; closing the returned descriptor releases it."""
        library, _, lock = self._paths(key)
        if not _private_dir(library.parent):
            raise OSError(f"cannot create {library.parent}")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            raise
        return fd

    def load(self, key: str):
        """The cached model of ``key`` (a ``CompiledModel``) and the warnings its compile issued,
        or None; a corrupt entry is removed."""
        from ..runtime.library import LibraryError
        from ..runtime.loader import load_library
        from ..runtime.weights_file import WeightsError

        library, manifest, _ = self._paths(key)
        try:
            expected = json.loads(manifest.read_text())
        except (OSError, ValueError):
            return None

        def verify(fd: int) -> None:
            if _file_sha256(fd) != (expected.get("sha256"), expected.get("size")):
                raise LibraryError(f"cache entry {library} does not match its hash")

        weights_fd = None
        try:
            weights = expected.get("weights")
            if weights is not None:  # checked here, then mapped from the same open file
                weights_fd = os.open(self._weights(key), os.O_RDONLY)
                if _file_sha256(weights_fd) != (weights.get("sha256"), weights.get("size")):
                    raise LibraryError(f"cache entry {self._weights(key)} does not match its hash")
            loaded = load_library(library, verify=verify, weights=weights_fd, verify_weights=False), \
                expected.get("warnings", [])
        except (LibraryError, WeightsError, OSError):
            self.remove(key)
            return None
        finally:
            if weights_fd is not None:
                os.close(weights_fd)
        with contextlib.suppress(OSError):
            os.utime(manifest)  # last used: what eviction goes by
        return loaded

    def store(self, key: str, write: Callable[[str], object], *, warnings_issued: list | None = None) -> None:
        """Write an entry: ``write(path)`` writes the library (and its weights next to it, as
        ``save()`` does); then renamed into place. ``warnings_issued``: the compile's warnings
        (``[category name, message]``), issued again on a hit."""
        library, manifest, _ = self._paths(key)
        fd, tmp = tempfile.mkstemp(dir=library.parent, prefix=".tmp-", suffix=".so")
        os.close(fd)
        tmp_weights, tmp_manifest = tmp[:-3] + ".weights", tmp[:-3] + ".json"
        try:
            write(tmp)
            sha, size = _sha256_of(tmp)
            os.chmod(tmp, 0o700)
            weights = None
            if os.path.exists(tmp_weights):
                os.chmod(tmp_weights, 0o600)
                weights_sha, weights_size = _sha256_of(tmp_weights)
                weights = {"sha256": weights_sha, "size": weights_size}
            os.close(os.open(tmp_manifest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            Path(tmp_manifest).write_text(json.dumps({"sha256": sha, "size": size, "weights": weights,
                                                      "created": time.time(), "compiler": compiler_version(),
                                                      "warnings": warnings_issued or []}))
            if weights is not None:
                os.replace(tmp_weights, self._weights(key))
            os.replace(tmp, library)
            os.replace(tmp_manifest, manifest)
        finally:
            for leftover in (tmp, tmp_weights, tmp_manifest):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
        self.evict(keep=key)

    def entries(self) -> list[tuple[float, int, str]]:
        """(last use, library bytes, key) of every complete entry, least recently used first."""
        found = []
        for manifest in self.root.glob("*/*.json"):
            key = manifest.stem
            try:
                used = manifest.stat().st_mtime
                size = (manifest.parent / f"{key}.so").stat().st_size
            except OSError:
                continue  # being removed, or a manifest without its library
            found.append((used, size, key))
        return sorted(found)

    def evict(self, *, keep: str | None = None) -> list[str]:
        """Remove least recently used entries (not ``keep``, nor one another process has locked)
        until the libraries fit ``max_bytes``; returns the keys removed."""
        if self.max_bytes is None:
            return []
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        removed = []
        for _, size, key in entries:
            if total <= self.max_bytes:
                break
            if key == keep or not self._remove_unlocked(key):
                continue
            total -= size
            removed.append(key)
        return removed

    def _remove_unlocked(self, key: str) -> bool:
        """Remove ``key``'s entry and lock file if no one holds its lock."""
        lock = self._paths(key)[2]
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        try:
            self.remove(key)
            # (a process that opened the lock file before this unlink locks the old file: at
            # worst it compiles the model again, and stores it by rename)
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
        finally:
            os.close(fd)
        return True

    def remove(self, key: str) -> None:
        for path in (*self._paths(key)[:2], self._weights(key)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _our_warnings(caught) -> list[list[str]]:
    """The project's warnings (``onnx_mlir.errors``: ShapeWarning, ...) among ``caught``."""
    from .. import errors

    return [[w.category.__name__, str(w.message)] for w in caught
            if getattr(errors, w.category.__name__, None) is w.category]


def _warn_again(issued: list) -> None:
    from .. import errors

    for name, message in issued:
        category = getattr(errors, str(name), None)
        if isinstance(category, type) and issubclass(category, Warning):
            warnings.warn(str(message), category, stacklevel=4)


def compile_cached(model: Any, compile_fresh: Callable[[], Any], *, opt_level: int, cpu: str | None,
                   num_threads: int = 1, report: Callable[[str, float], None] = lambda _what, _seconds: None,
                   root: Path | None = None):
    """``compile_fresh()`` (a ``CompiledModel``) through the cache: load the entry of ``model``
    when there is one, else compile and store it. ``report`` receives what happened."""
    from ..runtime.library import LibraryError, save_model

    from ..runtime.library import c_compiler

    start = time.perf_counter()
    model_hash = model_digest(model)
    cache = CompileCache(root)
    if model_hash is None:
        return compile_fresh()
    if c_compiler() is None:  # entries are shared libraries: nothing to link them with
        report("cache off (no C compiler)", time.perf_counter() - start)
        return compile_fresh()
    if not cache.usable():
        return compile_fresh()
    key = cache_key(model_hash, opt_level=opt_level, cpu=cpu, num_threads=num_threads)
    try:
        lock = cache.lock(key)
    except OSError as exc:
        warnings.warn(f"compile cache {cache.root} cannot be used: {exc}", CacheWarning, stacklevel=3)
        return compile_fresh()
    try:
        cached = cache.load(key)
        if cached is not None:
            model, issued = cached
            _warn_again(issued)
            report(f"cache hit {key[:16]}", time.perf_counter() - start)
            return model
        report(f"cache miss {key[:16]}", time.perf_counter() - start)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled = compile_fresh()
        issued = _our_warnings(caught)
        for w in caught:  # as if they had not been caught
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
        stored = time.perf_counter()
        try:
            cache.store(key, lambda path: save_model(compiled, path), warnings_issued=issued)
            report("cache store", time.perf_counter() - stored)
        except (LibraryError, OSError) as exc:
            warnings.warn(f"compile cache: cannot store the library ({exc})", CacheWarning, stacklevel=3)
        return compiled
    finally:
        os.close(lock)  # releases the lock
