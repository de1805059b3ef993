"""``load_package``: a package directory to a runnable :class:`PackageModel`.

Checks, in order: the manifest's format and the compiler version that wrote it (they must be
this runtime's: :class:`PackageVersionError`), the kernels' digest and shape (the whitelist of
``lowering/gpu/source_check.py``: a package cannot make the runtime run arbitrary Python), the
GPU backend, the weights' size and digest.  Then the kernels are imported through the owner-only
kernel cache (``runtime/kernel_cache.py``), the constants uploaded and the buffers allocated.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ...lowering.gpu.source_check import UnsafeSourceError, check_generated_source
from ..kernel_cache import load_source
from .cuda_graph import EagerRunner, GraphBackend, GraphRunner, use_cuda_graph
from .device import GpuDevice, GpuRuntimeError, interpreting, select_device
from .executor import PlanExecutor
from .format import KERNELS, MANIFEST, WEIGHTS, PackageError, is_package, runtime_compiler_version
from .manifest import Manifest
from .model import PackageModel
from .weights import read_weights


def read_manifest(path: str | os.PathLike) -> Manifest:
    """The checked manifest of the package ``path``."""
    path = Path(path)
    if not is_package(path):
        raise PackageError(f"'{path}' is not a GPU package (no {MANIFEST} in it)")
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageError(f"'{path / MANIFEST}' cannot be read as JSON: {exc}") from None
    return Manifest.from_json(data, expected_compiler=runtime_compiler_version(), where=str(path))


def read_kernels(path: str | os.PathLike, manifest: Manifest) -> str:
    """``kernels.py`` of the package, checked against the manifest and the generator's whitelist."""
    file = Path(path) / KERNELS
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise PackageError(f"cannot read '{file}': {exc.strerror}") from None
    if hashlib.sha256(data).hexdigest() != manifest.kernels_sha256:
        raise PackageError(f"'{file}' does not match the manifest's SHA-256: the package was modified")
    source = data.decode("utf-8")
    try:
        check_generated_source(source, str(file))
    except UnsafeSourceError as exc:
        raise PackageError(f"'{file}' is not generated kernel code: {exc}") from None
    return source


def _device(name: str | None) -> GpuDevice:
    if name is None:
        return select_device()
    if name == "cpu" and not interpreting():
        raise GpuRuntimeError("device 'cpu' runs the kernels in Triton's interpreter: set "
                              "TRITON_INTERPRET=1 before Triton is imported")
    return GpuDevice(name, None)


def load_package(path: str | os.PathLike, *, cuda_graph: bool | None = None, device: str | None = None,
                 graph_backend: GraphBackend | None = None) -> PackageModel:
    """Load the GPU package ``path`` (see ``onnx_mlir.load``). ``graph_backend`` replaces
    ``torch.cuda.CUDAGraph`` (tests of the capture logic under the interpreter)."""
    manifest = read_manifest(path)
    source = read_kernels(path, manifest)
    gpu = _device(device)
    backend = manifest.target.partition(":")[0]
    if gpu.target is not None and backend and backend != gpu.target.backend:
        raise PackageError(f"'{path}' holds kernels generated for {manifest.target}; this GPU is "
                           f"{gpu.target}: export the model for target {gpu.target.backend}")
    kernels = load_source(source)
    weights = read_weights(str(Path(path) / WEIGHTS), manifest.weights_size, manifest.weights_sha256)
    executor = PlanExecutor(manifest, kernels, weights, gpu.name)
    if graph_backend is not None and not manifest.is_static:
        raise PackageError(f"'{path}' has dynamic shapes: a captured graph needs static ones")
    capture = graph_backend is not None or use_cuda_graph(cuda_graph, gpu.name, manifest.is_static)
    if capture and cuda_graph is not False:
        runner = GraphRunner(executor, graph_backend)
    else:
        runner = EagerRunner(executor)
    return PackageModel(manifest, runner, gpu.name, str(path))
