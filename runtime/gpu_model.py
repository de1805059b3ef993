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

from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError
from .artifact import CpuArtifact, GpuArtifact, HostLaunch, KernelLaunch, Reshape
from .compiled_model import CompiledModel
from .feeds import check_feeds
from .gpu_package.device import GpuDevice, GpuRuntimeError, select_device  # noqa: F401 - public here
from .gpu_package.device import to_torch as _to_torch
from .kernel_cache import cache_dir, load_source  # noqa: F401 - cache_dir: public name kept here
from .size_expr import evaluate


class _HostKernel:
    """A kernel compiled by the CPU backend, called on host copies of its inputs."""

    def __init__(self, artifact: CpuArtifact):
        from .jit import JitFunction

        self.jit = JitFunction(artifact)

    def __call__(self, *tensors):
        import torch

        arrays = [t.detach().cpu().numpy() for t in tensors]
        return [torch.from_numpy(np.ascontiguousarray(r)) for r in self.jit(*arrays)]


class GpuModel(CompiledModel):
    """Run a model compiled for the GPU: ``model.run(None, {"x": array_or_tensor})``."""

    def __init__(self, artifact: GpuArtifact, device: GpuDevice | str | None):
        super().__init__(None, artifact.inputs, artifact.outputs)  # type: ignore[arg-type]
        self.source = artifact.source
        self.kernels = artifact.kernels
        self._plan = artifact
        self.device = device.name if isinstance(device, GpuDevice) else device
        if device is None:  # compiled for a given target on a host that cannot run it: save only
            return
        import torch

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

        if self.device is None:
            select_device()  # raises: it says how to run without a GPU

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
        check_feeds(self._inputs, feeds)  # names, dtypes and shapes, before any kernel runs
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

    def save(self, path: str, *, weights_dtype: str | None = None) -> str:
        """Write the model as a GPU package directory (kernels, launch plan, weights, manifest;
        see ``runtime/gpu_package``) that ``onnx_mlir.load(path)`` runs with torch and Triton
        only. ``weights_dtype="float16"``/``"bfloat16"`` stores float32 weights in 16 bits.
        Raises :class:`~onnx_mlir.errors.CompilationError` when kernels run on the CPU."""
        from .gpu_package.writer import save_package

        return save_package(self._plan, path, weights_dtype=weights_dtype)
