"""What the compiler hands the runtime: finished artifacts, made by ``onnx_mlir.compiler``.

The runtime loads and runs these and nothing else: it never lowers IR nor reads the attributes
the pipeline leaves on a module (signature names, dim params, run-time check table, calling
convention); the compiler has already turned them into the plain data below.

* :class:`CpuArtifact`: an LLVM-dialect module whose entry has the C interface of
  ``runtime/jit.py``, with the model's signature and its run-time check table.
* :class:`GpuArtifact`: the generated Triton source, the launch plan of ``@main_graph`` (kernel
  launches, reshapes, host kernels as CPU artifacts), its constants and the signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

import numpy as np

if TYPE_CHECKING:  # (the GPU package runtime reads these classes on hosts without MLIR)
    from mlir import ir


@dataclass(frozen=True)
class TensorSpec:
    """Element type and shape of one function argument/result (``None`` for a dynamic dim)."""

    dtype: np.dtype
    shape: tuple[int | None, ...]

    @property
    def is_static(self) -> bool:
        return all(d is not None for d in self.shape)


@dataclass(frozen=True)
class TensorInfo:
    """Name, shape and element type of a model input or output (like onnxruntime's NodeArg).

    ``shape`` holds ints for static dims, the dim_param string for symbolic dims and ``None`` for
    unnamed dynamic dims.
    """

    name: str
    shape: tuple[int | str | None, ...]
    dtype: np.dtype

    @property
    def type(self) -> str:
        from ..dialects.onnx_types import ort_type  # (loads onnx: not needed to run a library)

        return ort_type(self.dtype)


@dataclass(frozen=True)
class RuntimeCheck:
    """One run-time check of the compiled code: the node and op it guards, and the message
    (``str.format`` fields for the values the code reports)."""

    node: str
    op_type: str
    message: str


@dataclass(frozen=True)
class ProfiledNode:
    """One node the profiled code times: its name, op type and result shape (``None``: dynamic)."""

    node: str
    op_type: str
    shape: tuple[int | None, ...]


@dataclass(frozen=True)
class CpuArtifact:
    """A model compiled for the CPU, ready for ``ExecutionEngine`` or ``cc -shared``.

    ``input_specs``/``output_specs`` are the entry's arguments and results in call order (dtypes
    of the model, shapes of the compiled code). When ``checks`` is not empty the entry takes a
    status buffer of ``status_slots`` int64 after the inputs: slot 0 is the 1-based id of the
    failed check (0: none), the next slots its values. ``results_returned``: the code allocates
    the results and returns them (dynamic shapes) instead of writing into out-params.
    ``profile`` (code compiled with ``profile=True``): the timed nodes; the entry then takes an
    int64 profile buffer of ``len(profile) + 1`` slots after the status buffer, to which each run
    adds its time in nanoseconds: slot 0 the whole call's, slot ``i`` node ``profile[i - 1]``'s.
    ``weights`` (a flat uint8 array, None when every constant is in the code): the buffer the
    code reads its large constants from, passed as the entry's last argument (``memref<N x i8>``,
    after the out-params; see ``lowering/cpu/externalize_weights.py`` and ``weights_file.py``).
    """

    module: ir.Module
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    input_specs: tuple[TensorSpec, ...]
    output_specs: tuple[TensorSpec, ...]
    checks: tuple[RuntimeCheck, ...] = ()
    status_slots: int = 0
    results_returned: bool = False
    entry: str = "main_graph"
    profile: tuple[ProfiledNode, ...] = ()
    weights: np.ndarray | None = field(default=None, compare=False, repr=False)


# ---- the GPU launch plan: values live in numbered slots (inputs, constants, results of steps)

@dataclass(frozen=True)
class KernelLaunch:
    """Launch the ``@triton.jit`` function ``function`` of the artifact's source."""

    name: str  # the MLIR symbol of the kernel (for messages)
    function: str
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    output_specs: tuple[TensorSpec, ...]  # static: allocated before the launch
    grid: tuple[int, ...]
    constexprs: dict[str, Any]
    num_warps: int
    num_stages: int
    # dynamic shapes (runtime/size_expr.py trees over the plan's slots, computed per run): the
    # kernel's size arguments (after the pointers), and when set the grid and result shapes
    size_args: tuple = ()
    grid_exprs: tuple | None = None
    output_shapes: tuple | None = None


@dataclass(frozen=True)
class HostLaunch:
    """Run a kernel Triton cannot express with the CPU backend, on host copies of its inputs."""

    name: str
    kernel: CpuArtifact
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    reason: str = ""  # why the kernel is not a Triton kernel
    nodes: tuple[tuple[str, str], ...] = ()  # the ONNX nodes (name, op type) it computes


@dataclass(frozen=True)
class Reshape:
    """``dst`` is ``src`` viewed with ``shape`` (collapse_shape / expand_shape)."""

    src: int
    dst: int
    shape: tuple[int, ...]
    shape_exprs: tuple | None = None  # dynamic shapes: size trees, computed per run


PlanStep = Union[KernelLaunch, HostLaunch, Reshape]


@dataclass(frozen=True)
class GpuArtifact:
    """A model compiled for the GPU: the kernels' source, the launch plan and the signature.

    ``constants`` are uploaded once (numpy arrays; ml_dtypes ones for bf16), ``zeros`` are
    zero-filled tensors allocated once. ``kernels`` maps each kernel symbol to its generated
    ``KernelSource`` or the reason it runs on the CPU (for inspection).
    """

    source: str
    steps: tuple[PlanStep, ...]
    slot_count: int
    input_slots: tuple[int, ...]
    output_slots: tuple[int, ...]
    constants: dict[int, np.ndarray]
    zeros: dict[int, TensorSpec]
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    kernels: dict[str, Any] = field(default_factory=dict)
    target: str = ""  # the GPU target the kernels were generated for, e.g. "cuda:90"
