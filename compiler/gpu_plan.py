"""The launch plan of a grouped GPU module: ``@main_graph`` read into plain steps for the runtime.

After ``gpu-group-kernels`` and code generation, ``@main_graph`` holds only constants, kernel
calls, reshapes, ``tensor.empty`` and the size computations of dynamic shapes (``gpu_plan_sizes``). Each SSA value gets a slot; ``func.call`` becomes a
:class:`KernelLaunch` (results allocated before the launch), or a :class:`HostLaunch` (the
kernel compiled by the CPU backend, after a warning that names the kernel and the reason) when
the generator could not express it; ``tensor.collapse_shape``/``expand_shape`` are reshapes;
constants are read into numpy arrays, uploaded once by the runtime.
"""

from __future__ import annotations

import warnings
from typing import Callable

import numpy as np
from mlir import ir

from ..dialects.dense_elements import dense_elements_to_numpy

from ..dialects.onnx_types import numpy_dtype
from ..dialects.resources import is_resource, resource_array, resource_name
from ..errors import CompilationError
from ..runtime.artifact import (CpuArtifact, GpuArtifact, HostLaunch, KernelLaunch, PlanStep, Reshape,
                                TensorInfo, TensorSpec)
from ..triton_kernels.common import ELEMENT_TYPES as TRITON_TYPES
from ..lowering.gpu.classification import VIEW_OPS, is_scalar_op
from .gpu_plan_sizes import PlanSizes
from .signature import find_entry


def _elem(t: ir.Type) -> str:
    return str(ir.ShapedType(t).element_type)


def _spec(t: ir.Type) -> TensorSpec | None:
    """Static spec of a value the GPU runtime allocates, None when Triton cannot hold its type."""
    if _elem(t) not in TRITON_TYPES:
        return None
    shaped = ir.ShapedType(t)
    return TensorSpec(numpy_dtype(shaped.element_type),
                      tuple(None if shaped.is_dynamic_dim(a) else int(shaped.get_dim_size(a)) for a in range(shaped.rank)))


def constant_array(op: ir.Operation, module: ir.Module) -> np.ndarray:
    """The value of an ``arith.constant`` tensor as a numpy array (ml_dtypes for bf16)."""
    t = op.results[0].type
    shape = list(ir.ShapedType(t).shape)
    elem = _elem(t)
    if elem not in TRITON_TYPES:
        raise CompilationError(f"constants of type {elem} are not supported by the GPU runtime")
    dtype = numpy_dtype(ir.ShapedType(t).element_type)
    attr = op.attributes["value"]
    if is_resource(attr):
        array = resource_array(attr, module)
        if array is None:
            raise CompilationError(f"the weights '{resource_name(attr)}' are missing from the module")
        return np.ascontiguousarray(array, dtype=dtype).reshape(shape)
    try:
        array = dense_elements_to_numpy(attr)  # splat-safe (see dialects/dense_elements.py)
    except (TypeError, ValueError) as error:
        raise CompilationError(f"cannot read a dense constant of type {t}: {error}") from None
    return np.ascontiguousarray(np.broadcast_to(array, shape)).astype(dtype, copy=False)


def build_plan(module: ir.Module, kernels: dict, source: str, inputs: list[TensorInfo],
               outputs: list[TensorInfo],
               compile_host_kernel: Callable[[ir.Operation], CpuArtifact]) -> GpuArtifact:
    """The artifact of a grouped module whose kernels were generated (``kernels``: symbol ->
    ``KernelSource`` or fallback reason; ``source``: the Python file of all of them)."""
    entry = find_entry(module)
    functions = {ir.StringAttr(op.operation.attributes["sym_name"]).value: op.operation
                 for op in module.body.operations if op.operation.name == "func.func"}
    values: list[ir.Value] = []

    def slot(v: ir.Value) -> int:
        for i, w in enumerate(values):
            if w == v:
                return i
        values.append(v)
        return len(values) - 1

    sizes = PlanSizes(slot)
    dynamic = ir.ShapedType.get_dynamic_size()
    block = entry.regions[0].blocks[0]
    input_slots = tuple(slot(a) for a in block.arguments)
    steps: list[PlanStep] = []
    constants: dict[int, np.ndarray] = {}
    zeros: dict[int, TensorSpec] = {}
    output_slots: tuple[int, ...] = ()
    for op in block.operations:
        op = op.operation
        name = op.name
        if name == "arith.constant":
            if isinstance(op.results[0].type, ir.ShapedType):  # (scalars: sizes, see PlanSizes)
                constants[slot(op.results[0])] = constant_array(op, module)
        elif name in VIEW_OPS:
            target = sizes.reshape_target(op)
            steps.append(Reshape(slot(op.operands[0]), slot(op.results[0]),
                                 tuple(-1 if d == dynamic else d for d in ir.ShapedType(op.results[0].type).shape),
                                 target))
        elif is_scalar_op(op) or name == "tensor.from_elements":
            continue  # sizes: the plan computes those it needs (PlanSizes)
        elif name == "func.call":
            callee = ir.FlatSymbolRefAttr(op.attributes["callee"]).value
            k = kernels.get(callee)
            ins = tuple(slot(v) for v in op.operands)
            outs = tuple(slot(r) for r in op.results)
            if k is None or isinstance(k, str):
                reason = k or "no Triton kernel"
                warnings.warn(f"onnx-mlir GPU: kernel @{callee} runs on the CPU: {reason}",
                              RuntimeWarning, stacklevel=2)
                steps.append(HostLaunch(callee, compile_host_kernel(functions[callee]), ins, outs,
                                        reason, onnx_nodes(functions[callee])))
                continue
            specs = [_spec(r.type) for r in op.results]
            if any(s is None for s in specs):
                raise CompilationError(f"kernel @{callee} has a result type the GPU runtime cannot hold")
            if k.is_static:
                steps.append(KernelLaunch(callee, k.name, ins, outs, tuple(specs), tuple(k.grid),
                                          dict(k.constexprs), k.num_warps, k.num_stages))
            else:
                steps.append(KernelLaunch(callee, k.name, ins, outs, tuple(specs), (), dict(k.constexprs),
                                          k.num_warps, k.num_stages, **sizes.kernel_sizes(k, ins)))
        elif name == "func.return":
            output_slots = tuple(slot(v) for v in op.operands)
        elif name == "tensor.empty":
            spec = _spec(op.results[0].type)
            if spec is None:
                raise CompilationError(f"tensor.empty of type {op.results[0].type} is not supported "
                                       "by the GPU runtime")
            zeros[slot(op.results[0])] = spec
        else:
            raise CompilationError(f"'{name}' in @main_graph is not supported by the GPU runtime")
    return GpuArtifact(source, tuple(steps), len(values), input_slots, output_slots, constants, zeros,
                       tuple(inputs), tuple(outputs), dict(kernels))


def onnx_nodes(fn: ir.Operation) -> tuple[tuple[str, str], ...]:
    """The ONNX nodes (name, op type) whose ops a kernel function holds, in order, each once
    (read from the importer's locations)."""
    from ..lowering.instrument_profile import node_of

    found: dict[tuple[str, str], None] = {}

    def visit(op: ir.Operation) -> ir.WalkResult:
        node = node_of(op.location)
        if node is not None:
            found.setdefault(node, None)
        return ir.WalkResult.ADVANCE

    fn.walk(visit)
    return tuple(found)


def host_kernel_module(fn: ir.Operation) -> ir.Module:
    """A module holding a copy of the kernel function ``fn`` as the public ``@main_graph`` (the
    entry the CPU backend expects)."""
    module = ir.Module.parse(f"module {{\n{fn}\n}}", fn.context)
    (copy,) = [op.operation for op in module.body.operations]
    # renamed through the attribute, whatever the symbol holds
    with fn.context:
        copy.attributes["sym_name"] = ir.StringAttr.get("main_graph")
    if "sym_visibility" in copy.attributes:
        del copy.attributes["sym_visibility"]
    return module
