"""``GpuModel``: the GPU target's compiled model (Triton kernels launched from Python in order).

``onnx_mlir.compile(model, target="gpu")`` returns one.  It has the interface of
:class:`~onnx_mlir.runtime.compiled_model.CompiledModel` (``run(None, feeds)``, ``get_inputs``...)
and takes numpy arrays or torch tensors: with torch inputs the outputs are torch tensors on the
same device, with numpy inputs numpy arrays.

Loading a :class:`~onnx_mlir.runtime.artifact.GpuArtifact` (``onnx_mlir.compiler.compile_for_gpu``):
the kernels' source is written to one content-hashed file under the cache directory
(``$ONNX_MLIR_TRITON_CACHE``, default ``~/.cache/onnx_mlir/triton``, owner-only and
content-checked: ``kernel_cache.py``) which is imported (Triton needs kernels defined in a
file); constants are uploaded once; the plan's steps then run in order: kernel launches (results
allocated with ``torch.empty``), reshapes, and host kernels (CPU artifacts JIT-compiled here)
on copies of their inputs.

Without a GPU, set ``TRITON_INTERPRET=1`` before anything imports Triton: the kernels then run in
Triton's interpreter on CPU tensors (slow, for testing).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError, OnnxMlirError
from ..triton_kernels.common import Target
from .artifact import CpuArtifact, GpuArtifact, HostLaunch, KernelLaunch, Reshape
from .compiled_model import CompiledModel
from .kernel_cache import cache_dir, load_source
from .size_expr import evaluate  # noqa: F401 - cache_dir: public name kept here


class GpuRuntimeError(OnnxMlirError):
    """The GPU runtime cannot run here (no GPU and no interpreter, missing Triton/torch)."""


@dataclass(frozen=True)
class GpuDevice:
    """Where the kernels run: ``cuda`` (a GPU; ``target`` is its architecture) or ``cpu``
    (Triton's interpreter; no target of its own)."""

    name: str
    target: Target | None


def select_device() -> GpuDevice:
    """The GPU present, else Triton's interpreter when ``TRITON_INTERPRET=1``, else an error that
    says how to run without a GPU."""
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - the gpu extra is missing
        raise GpuRuntimeError("the GPU target needs torch and triton (pip install 'onnx-mlir-py[gpu]')") from exc
    interpret = os.environ.get("TRITON_INTERPRET", "0") not in ("", "0")
    if interpret:
        return GpuDevice("cpu", None)
    if not torch.cuda.is_available():
        raise GpuRuntimeError("no GPU is available: set TRITON_INTERPRET=1 (before Triton is "
                              "imported) to run the kernels in Triton's interpreter on the CPU")
    if torch.version.hip:
        return GpuDevice("cuda", Target("hip", torch.cuda.get_device_properties(0).gcnArchName.split(":")[0], 64))
    major, minor = torch.cuda.get_device_capability()
    return GpuDevice("cuda", Target("cuda", major * 10 + minor, 32))


def _to_torch(array: np.ndarray, device: str):
    """A torch tensor on ``device`` holding ``array`` (ml_dtypes arrays, which torch cannot take,
    travel as their bits)."""
    import torch

    array = np.ascontiguousarray(array)
    if array.dtype.isbuiltin == 1:
        return torch.from_numpy(array).to(device)
    bits = torch.from_numpy(array.view(f"u{array.dtype.itemsize}"))
    return bits.view(getattr(torch, array.dtype.name)).to(device)


class _HostKernel:
    """A kernel compiled by the CPU backend, called on host copies of its inputs."""

    def __init__(self, artifact: CpuArtifact):
        from .jit import JitFunction

        self.jit = JitFunction(artifact)

    def __call__(self, *tensors):
        import torch

        arrays = [t.detach().cpu().numpy() for t in tensors]
        return [torch.from_numpy(np.ascontiguousarray(r)) for r in self.jit(*arrays)]


def _zero_stride(shape, dtype) -> np.ndarray:
    return np.lib.stride_tricks.as_strided(np.zeros(1, dtype=dtype), shape=tuple(shape),
                                           strides=(0,) * len(shape))


class GpuModel(CompiledModel):
    """Run a model compiled for the GPU: ``model.run(None, {"x": array_or_tensor})``."""

    def __init__(self, artifact: GpuArtifact, device: GpuDevice | str):
        super().__init__(None, artifact.inputs, artifact.outputs)  # type: ignore[arg-type]
        import torch

        self.device = device.name if isinstance(device, GpuDevice) else device
        self.source = artifact.source
        self.kernels = artifact.kernels
        self._plan = artifact
        py = load_source(artifact.source)
        self._steps = [(step, getattr(py, step.function)) if isinstance(step, KernelLaunch)
                       else (step, _HostKernel(step.kernel)) if isinstance(step, HostLaunch)
                       else (step, None) for step in artifact.steps]
        self._constants = {s: _to_torch(a, self.device) for s, a in artifact.constants.items()}
        for s, spec in artifact.zeros.items():
            self._constants[s] = torch.zeros(spec.shape, dtype=getattr(torch, spec.dtype.name),
                                             device=self.device)

    @property
    def fallbacks(self) -> dict[str, str]:
        """The kernels that run on the CPU backend (symbol -> reason); empty when every kernel of
        the plan is a generated Triton kernel."""
        return {step.name: str(self.kernels.get(step.name, "")) for step in self._plan.steps
                if isinstance(step, HostLaunch)}

    @classmethod
    def load(cls, artifact: GpuArtifact, device: GpuDevice | None = None) -> "GpuModel":
        """Load a GPU artifact on ``device`` (default: :func:`select_device`)."""
        return cls(artifact, device or select_device())

    # ---- running

    def _execute(self, tensors: list) -> list:
        import torch

        env: list = [None] * self._plan.slot_count
        for s, t in self._constants.items():
            env[s] = t
        for s, t in zip(self._plan.input_slots, tensors):
            env[s] = t
        for step, kernel in self._steps:
            if isinstance(step, Reshape):
                shape = step.shape if step.shape_exprs is None else [evaluate(e, env) for e in step.shape_exprs]
                env[step.dst] = env[step.src].reshape(shape)
                continue
            args = [env[i].contiguous() for i in step.inputs]
            if isinstance(step, HostLaunch):
                for s, r in zip(step.outputs, kernel(*args)):
                    env[s] = r.to(self.device)
                continue
            shapes = [spec.shape for spec in step.output_specs] if step.output_shapes is None else \
                [[evaluate(e, env) for e in shape] for shape in step.output_shapes]
            outs = [torch.empty(shape, dtype=getattr(torch, spec.dtype.name), device=self.device)
                    for shape, spec in zip(shapes, step.output_specs)]
            grid = step.grid if step.grid_exprs is None else tuple(evaluate(e, env) for e in step.grid_exprs)
            sizes = [evaluate(e, env) for e in step.size_args]
            if 0 not in grid:  # (an empty tensor: nothing to compute)
                kernel[grid](*args, *outs, *sizes, **step.constexprs, num_warps=step.num_warps,
                             num_stages=step.num_stages)
            for s, r in zip(step.outputs, outs):
                env[s] = r
        return [env[s] for s in self._plan.output_slots]

    def run(self, output_names: Sequence[str] | None, feeds: Mapping[str, Any]) -> list:
        """Outputs named in ``output_names`` (all when None); numpy in -> numpy out, torch -> torch."""
        import torch

        names = self.output_names
        if output_names is not None:
            unknown = [n for n in output_names if n not in names]
            if unknown:
                raise InputError(f"unknown output name(s) {unknown}; the model's outputs are {names}")
        if not isinstance(feeds, Mapping):
            raise InputError(f"feeds must be a dict of input name -> array, got {type(feeds).__name__}")
        as_torch = any(isinstance(v, torch.Tensor) for v in feeds.values())
        shadow = {k: (_zero_stride(v.shape, str(v.dtype).replace("torch.", "")) if isinstance(v, torch.Tensor)
                      else v) for k, v in feeds.items()}
        self._validate(shadow)  # names, dtypes and shapes, before any kernel runs
        tensors = []
        for info in self._inputs:
            v = feeds[info.name]
            t = v if isinstance(v, torch.Tensor) else torch.from_numpy(np.ascontiguousarray(np.asarray(v)))
            tensors.append(t.to(self.device))
        results = self._execute(tensors)
        if not as_torch:
            results = [r.detach().cpu().numpy() for r in results]
        if output_names is None:
            return results
        return [results[names.index(n)] for n in output_names]

    __call__ = run

    def save(self, path: str) -> str:
        raise OnnxMlirError("GPU models cannot be saved as a shared library; see model.source for the kernels")
