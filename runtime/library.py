"""Shared libraries that load back: ``save()`` / ``onnx-mlir --EmitLib`` write them, ``load()``
reads them into a :class:`CompiledModel` without the compiler.

A library holds the compiled code (the JIT's object code, linked by the system ``cc``) and the
data ``load()`` needs, as exported symbols:

* ``onnx_mlir_signature_json`` / ``onnx_mlir_signature_json_size``: the model's signature
  (names, dtypes, symbolic dims), the entry's argument specs, its calling convention and the
  run-time check table (``onnx_mlir.runtime_checks``), as NUL-terminated UTF-8 JSON
  (:func:`metadata`);
* ``_mlir_ciface_main_graph`` (the C interface, see the generated header, ``c_header.py``) and
  ``_mlir__mlir_ciface_main_graph`` (its packed form ``void(void **)``, which the runtime calls
  exactly as it calls the JIT's);
* ``onnx_mlir_weights_size`` / ``onnx_mlir_weights_sha256``: the size and SHA-256 of the weights
  buffer the code takes last (0 when it takes none), and ``onnx_mlir_open_weights`` /
  ``onnx_mlir_close_weights`` / ``onnx_mlir_weights_error``, which map the weights file for a C
  caller (``c/weights_file.c``).

The large constants are not in the library but in ``<name>.weights`` next to it
(``weights_file.py``), written by the same ``save()`` / ``--EmitLib`` and mapped by ``load()``:
the code's size does not depend on the weights'.

Dependencies: libc and libm only, no RUNPATH. The one helper of MLIR's runner library that
lowered code calls, ``memrefCopy`` (a strided ``memref.copy``), is linked in from ``c/memref_copy.c``
(MLIR's own ``libmlir_c_runner_utils`` needs libMLIR and libLLVM at run time). Should code ever
call another runner helper, the library is linked against the runner library of the compiler's
installation with a RUNPATH there, and needs that installation to run.

Libraries are opened under a unique name (a symlink made for the ``dlopen``): the dynamic
loader hands back an already loaded library for a name it has seen, so loading a rewritten
``model.so`` again in the same process would otherwise run the old code.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import OnnxMlirError
from .artifact import CpuArtifact, ProfiledNode, RuntimeCheck, TensorInfo, TensorSpec
from .weights_file import digest, weights_path, write_weights

if TYPE_CHECKING:
    from .compiled_model import CompiledModel
    from .jit import JitFunction  # noqa: F401

SIGNATURE_SYMBOL = "onnx_mlir_signature_json"
FORMAT_VERSION = 2  # 2: the "weights" entry (the code may take a weights buffer last)
READABLE_FORMATS = (1, 2)


class LibraryError(OnnxMlirError, OSError):
    """A file is not a library ``onnx_mlir.load`` can run (missing, not a shared library, no
    signature, or a signature of another format), or linking one failed."""


# ---- the embedded metadata -----------------------------------------------------------------------

def _dtype_name(dtype: np.dtype) -> str:
    return np.dtype(dtype).name


def _dtype(name: str) -> np.dtype:
    if name in ("bfloat16", "float8_e4m3fn", "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz",
                "int4", "uint4", "int2", "uint2"):
        import ml_dtypes

        return np.dtype(getattr(ml_dtypes, name))
    return np.dtype(name)


def metadata(inputs: tuple[TensorInfo, ...] | list[TensorInfo], outputs, jit: "JitFunction | CpuArtifact",
             weights_sha256: str | None = None) -> dict:
    """What ``load()`` needs to run the entry, as JSON-ready data. ``jit`` is a ``JitFunction``
    or a ``CpuArtifact`` (both have the entry's specs, checks and calling convention).
    ``weights_sha256``: the digest of ``jit.weights`` when already known."""
    if isinstance(jit, CpuArtifact):
        input_specs, output_specs = jit.input_specs, jit.output_specs
    else:
        input_specs, output_specs = jit.inputs, jit.outputs

    def info(t: TensorInfo) -> dict:
        return {"name": t.name, "shape": list(t.shape), "dtype": _dtype_name(t.dtype)}

    def spec(s: TensorSpec) -> dict:
        return {"shape": list(s.shape), "dtype": _dtype_name(s.dtype)}

    return {
        "format": FORMAT_VERSION,
        "entry": jit.entry,
        "inputs": [info(t) for t in inputs],
        "outputs": [info(t) for t in outputs],
        "input_specs": [spec(s) for s in input_specs],
        "output_specs": [spec(s) for s in output_specs],
        "runtime_checks": [{"node": c.node, "op_type": c.op_type, "message": c.message} for c in jit.checks],
        "status_slots": jit.status_slots,
        "results_returned": jit.results_returned,
        "profile": [{"node": n.node, "op_type": n.op_type, "shape": list(n.shape)} for n in jit.profile],
        "weights": None if jit.weights is None else {"size": int(jit.weights.size),
                                                     "sha256": weights_sha256 or digest(jit.weights)},
    }


def artifact_from_metadata(data: dict) -> CpuArtifact:
    """The artifact a library's metadata describes (no module: the code is in the library)."""
    if data.get("format") not in READABLE_FORMATS:
        raise LibraryError(f"library signature format {data.get('format')!r} is not supported "
                           f"(expected {FORMAT_VERSION}); recompile the model")

    def info(d: dict) -> TensorInfo:
        return TensorInfo(d["name"], tuple(d["shape"]), _dtype(d["dtype"]))

    def spec(d: dict) -> TensorSpec:
        return TensorSpec(_dtype(d["dtype"]), tuple(d["shape"]))

    return CpuArtifact(
        module=None,  # type: ignore[arg-type]
        inputs=tuple(info(d) for d in data["inputs"]),
        outputs=tuple(info(d) for d in data["outputs"]),
        input_specs=tuple(spec(d) for d in data["input_specs"]),
        output_specs=tuple(spec(d) for d in data["output_specs"]),
        checks=tuple(RuntimeCheck(c["node"], c["op_type"], c["message"]) for c in data["runtime_checks"]),
        status_slots=int(data["status_slots"]),
        results_returned=bool(data["results_returned"]),
        entry=str(data["entry"]),
        profile=tuple(ProfiledNode(n["node"], n["op_type"], tuple(n["shape"])) for n in data.get("profile", ())),
    )


def _metadata_c_source(data: dict) -> str:
    payload = json.dumps(data, sort_keys=True).encode() + b"\0"
    rows = [", ".join(str(b) for b in payload[i:i + 32]) for i in range(0, len(payload), 32)]
    body = ",\n  ".join(rows)
    weights = data.get("weights") or {"size": 0, "sha256": "00" * 32}
    sha = ", ".join(str(b) for b in bytes.fromhex(weights["sha256"]))
    export = '__attribute__((visibility("default"))) const'
    return ("/* The model's signature for onnx_mlir.load (generated). */\n"
            f"{export} unsigned char {SIGNATURE_SYMBOL}[] = {{\n  {body}\n}};\n"
            f"{export} unsigned long long {SIGNATURE_SYMBOL}_size = {len(payload) - 1}ULL;\n"
            "/* What the weights file must hold (c/weights_file.c checks it). */\n"
            f"{export} unsigned long long onnx_mlir_weights_size = {weights['size']}ULL;\n"
            f"{export} unsigned char onnx_mlir_weights_sha256[32] = {{{sha}}};\n")


# ---- linking -------------------------------------------------------------------------------------

def c_compiler() -> str | None:
    """The C compiler driver that links libraries: ``$CC``, else ``cc`` (None when absent)."""
    return shutil.which(os.environ.get("CC") or "cc")


def _cc(args: list[str]) -> subprocess.CompletedProcess:
    compiler = c_compiler()
    if compiler is None:
        raise LibraryError("writing a shared library needs a C compiler driver ($CC or 'cc' on PATH)")
    return subprocess.run([compiler, *args], capture_output=True, text=True)


_MEMREF_COPY_C = Path(__file__).parent / "c" / "memref_copy.c"
_WEIGHTS_FILE_C = Path(__file__).parent / "c" / "weights_file.c"


def link_object(obj: str, path: str, data: dict | None) -> str:
    """Link the object file ``obj`` and the metadata ``data`` (none when None) into the shared
    library ``path``."""
    path = os.path.abspath(path)
    with tempfile.TemporaryDirectory() as tmp:
        base = ["-shared", "-fPIC", "-O2", "-o", path, obj, str(_MEMREF_COPY_C)]
        if data is not None:
            source = os.path.join(tmp, "signature.c")
            Path(source).write_text(_metadata_c_source(data))
            base += [source, str(_WEIGHTS_FILE_C)]
        proc = _cc(base + ["-lm", "-Wl,--no-undefined"])
        if proc.returncode != 0 and "undefined reference" in proc.stderr:
            # Code calling another MLIR runner helper: link the runner library where the
            # compiler's installation has it (the one case with a RUNPATH there).
            # Multi-threaded code also needs the async runtime (its thread pool).
            extra = ["-Wl,--as-needed"]
            for lib in _runner_libraries():
                extra += [lib, f"-Wl,-rpath,{os.path.dirname(lib)}"]
            proc = _cc(base + ["-lm"] + extra)
        if proc.returncode != 0:
            raise LibraryError(f"linking {path} failed: {proc.stderr.strip()}")
    return path


def _runner_libraries() -> list[str]:
    from .jit import async_runtime_library, runtime_libraries

    libs = list(runtime_libraries())
    try:
        libs.append(async_runtime_library())
    except Exception:  # noqa: BLE001 - not installed: single-threaded code links without it
        pass
    return libs


def link_engine(engine: Any, path: str, data: dict | None) -> str:
    """Link the object code an ``ExecutionEngine`` already compiled (no second compile)."""
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, "model.o")
        engine.dump_to_object_file(obj)
        return link_object(obj, path, data)


def _weights_digest(source: "JitFunction | CpuArtifact") -> str | None:
    return None if source.weights is None else digest(source.weights)


def _write_weights_of(source: "JitFunction | CpuArtifact", library: str, sha256: str | None) -> None:
    """The weights file of the library ``library`` (none when the code takes no weights)."""
    if source.weights is not None:
        write_weights(weights_path(library), source.weights, sha256=sha256)


def save_model(model: "CompiledModel", path: str) -> str:
    """Write ``model``'s code and signature as the shared library ``path``, and its weights as
    ``<path without suffix>.weights`` when it has some."""
    jit = model._jit
    if isinstance(jit.engine, LoadedLibrary):  # already a library: the same bytes
        if os.path.abspath(path) != jit.engine.path:
            shutil.copyfile(jit.engine.path, path)
            recorded = jit.engine.metadata().get("weights") or {}  # (what load() checked)
            _write_weights_of(jit, path, recorded.get("sha256"))
        return path
    sha256 = _weights_digest(jit)  # (hashed once: the library records it, the file's header too)
    link_engine(jit.engine, path, metadata(model.get_inputs(), model.get_outputs(), jit, sha256))
    _write_weights_of(jit, path, sha256)
    return path


def write_library(artifact: CpuArtifact, path: str, *, opt_level: int = 3) -> str:
    # (opt_level: an int; the compiler resolves "auto", compiler/opt_level.py)
    """Compile a CPU artifact into the shared library ``path`` (``onnx-mlir --EmitLib``), and
    its weights into ``<path without suffix>.weights``."""
    from .jit import compiled_engine

    sha256 = _weights_digest(artifact)
    link_engine(compiled_engine(artifact.module, opt_level), path,
                metadata(artifact.inputs, artifact.outputs, artifact, sha256))
    _write_weights_of(artifact, path, sha256)
    return path


# ---- loading -------------------------------------------------------------------------------------

class LoadedLibrary:
    """A library opened with ``dlopen``; ``lookup`` finds an entry's packed C-interface function
    as ``ExecutionEngine.lookup`` does, so ``JitFunction`` calls both the same way.

    ``verify(fd)`` (optional) checks the open file before it is loaded; the loaded code is
    then the file it checked (the loader opens it through ``/proc/self/fd``).
    """

    def __init__(self, path: str, *, verify=None):
        self.path = os.path.abspath(path)
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise LibraryError(f"cannot open '{path}': {exc.strerror}") from None
        try:
            if verify is not None:
                verify(fd)
            self.cdll = self._dlopen(fd)
        finally:
            os.close(fd)

    def _dlopen(self, fd: int) -> ctypes.CDLL:
        target = f"/proc/self/fd/{fd}" if os.path.isdir("/proc/self/fd") else self.path
        tmp = tempfile.mkdtemp(prefix="onnx-mlir-load-")
        alias = os.path.join(tmp, os.path.basename(self.path))
        try:
            os.symlink(target, alias)
            return ctypes.CDLL(alias)
        except OSError as exc:
            raise LibraryError(f"cannot load '{self.path}': {exc}") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def metadata(self) -> dict:
        try:
            size = ctypes.c_ulonglong.in_dll(self.cdll, SIGNATURE_SYMBOL + "_size").value
            address = ctypes.addressof(ctypes.c_char.in_dll(self.cdll, SIGNATURE_SYMBOL))
        except ValueError:
            raise LibraryError(f"'{self.path}' has no onnx-mlir signature ({SIGNATURE_SYMBOL}): "
                               "it was not written by onnx_mlir save() or onnx-mlir --EmitLib") from None
        try:
            return json.loads(ctypes.string_at(address, size).decode())
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LibraryError(f"'{self.path}': the embedded signature is not valid JSON ({exc})") from None

    def lookup(self, name: str):
        try:
            func = getattr(self.cdll, "_mlir__mlir_ciface_" + name)
        except AttributeError:
            raise LibraryError(f"'{self.path}' does not export @{name}'s C interface") from None
        return ctypes.CFUNCTYPE(None, ctypes.c_void_p)(ctypes.cast(func, ctypes.c_void_p).value)
