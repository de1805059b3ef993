"""Weights are data, not code: large constant buffers leave the module for one weights argument.

Run on bufferized IR, after the last transformation of constants (filters permuted for
channels-last convs, BatchNorm folded into them, Gemm weights transposed: all done on tensors
before bufferization), so the bytes moved out are the transformed ones and loading does no work.
Each ``memref.global`` constant of more than ``min_bytes`` bytes (not a splat, static shape,
identity layout, whole-byte elements) gets a 64-byte-aligned offset in one byte buffer; every
``memref.get_global`` of it becomes a ``memref.view`` of that buffer at its offset, and the global
is erased. The buffer reaches the code as a ``memref<N x i8>`` argument appended last to each
function that reads a weight (argument attribute ``onnx_mlir.weights``), and to their callers
(``func.call`` passes it on), so the entry takes it last: after the inputs, the status and
profile buffers and the out-params.

The bytes stay on the module as the attribute ``onnx_mlir.weights`` (a ``dense_resource`` of
``tensor<N x i8>``) until the compiler driver takes them off (:func:`take_weights`) and hands
them to the runtime: the JIT passes that array, ``save()`` / ``--EmitLib`` write it next to the
library (``runtime/weights_file.py``). LLVM then compiles code only: compile time and library
size no longer grow with the weights. Smaller constants, splats and everything the code needs
folded (shapes, small tables) stay globals.
"""

from __future__ import annotations

import os

import numpy as np
from mlir import ir
from mlir.dialects import arith, memref

from ...dialects.dense_elements import dense_elements_to_numpy
from ...dialects.resources import create_resource, is_resource, resource_array
from ..function_arguments import append_buffer_argument

WEIGHTS_ATTR = "onnx_mlir.weights"  # the module's bytes, and the marker of the argument
ALIGNMENT = 64  # bytes: a cache line, and the widest vector load
DEFAULT_MIN_BYTES = 1024
MIN_BYTES_ENV = "ONNX_MLIR_WEIGHTS_MIN_BYTES"


def min_bytes_from_env() -> int | None:
    """``$ONNX_MLIR_WEIGHTS_MIN_BYTES`` (default 1024); None for ``off`` (every weight inline)."""
    text = os.environ.get(MIN_BYTES_ENV, "").strip().lower()
    if not text:
        return DEFAULT_MIN_BYTES
    if text in ("off", "none", "inline"):
        return None
    try:
        return max(0, int(text))
    except ValueError:
        from ...errors import CompilationError
        raise CompilationError(f"{MIN_BYTES_ENV}={text!r}: expected a byte count or 'off'") from None


def _element_bytes(t: ir.Type) -> int | None:
    if isinstance(t, ir.IntegerType):
        width = ir.IntegerType(t).width
    elif isinstance(t, ir.FloatType):
        width = ir.FloatType(t).width
    else:
        return None  # index, complex, vectors: left to the code
    return width // 8 if width % 8 == 0 else None


def _weight_bytes(op: ir.Operation, module: ir.Module, min_bytes: int) -> np.ndarray | None:
    """The bytes of a ``memref.global`` to move out (a flat uint8 array), or None to keep it."""
    attrs = op.attributes
    if "constant" not in attrs or "initial_value" not in attrs:
        return None
    init = attrs["initial_value"]
    if isinstance(init, ir.UnitAttr) or (isinstance(init, ir.DenseElementsAttr) and init.is_splat):
        return None
    t = ir.MemRefType(ir.TypeAttr(attrs["type"]).value)
    width = _element_bytes(t.element_type)
    if width is None or not t.has_static_shape or t != ir.MemRefType.get(list(t.shape), t.element_type):
        return None
    size = int(np.prod(t.shape, dtype=np.int64)) * width
    if size <= min_bytes:
        return None
    try:
        array = resource_array(init, module) if is_resource(init) else dense_elements_to_numpy(init)
    except (TypeError, ValueError):  # an element type numpy cannot hold
        return None
    if array is None or array.nbytes != size:
        return None
    return np.ascontiguousarray(array).reshape(-1).view(np.uint8)


def _functions(module: ir.Module) -> dict[str, ir.Operation]:
    return {ir.StringAttr(op.attributes["sym_name"]).value: op.operation for op in module.body.operations
            if op.operation.name == "func.func" and len(op.operation.regions[0].blocks)}


def _uses(fn: ir.Operation, globals_: set[str]) -> tuple[list[ir.Operation], list[ir.Operation]]:
    """The ``memref.get_global`` ops of ``globals_`` and the ``func.call`` ops inside ``fn``."""
    reads, calls = [], []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "memref.get_global" and ir.FlatSymbolRefAttr(op.attributes["name"]).value in globals_:
            reads.append(op)
        elif op.name == "func.call":
            calls.append(op)
        return ir.WalkResult.ADVANCE

    fn.walk(visit)
    return reads, calls


def _callers_too(needs: set[str], calls: dict[str, list[ir.Operation]]) -> set[str]:
    """``needs`` and every function that calls one of them, transitively."""
    needs = set(needs)
    changed = True
    while changed:
        changed = False
        for name, ops in calls.items():
            if name not in needs and any(_callee(c) in needs for c in ops):
                needs.add(name)
                changed = True
    return needs


def _callee(call: ir.Operation) -> str:
    return ir.FlatSymbolRefAttr(call.attributes["callee"]).value


def _pass_weights_on(call: ir.Operation, weights: ir.Value) -> None:
    """Rebuild ``call`` with ``weights`` as its last operand."""
    attrs = {name: call.attributes[name] for name in call.attributes}
    if "arg_attrs" in attrs:
        attrs["arg_attrs"] = ir.ArrayAttr.get([*ir.ArrayAttr(attrs["arg_attrs"]), ir.DictAttr.get({})])
    with ir.InsertionPoint(call), call.location:
        new = ir.Operation.create("func.call", results=[r.type for r in call.results],
                                  operands=[*call.operands, weights], attributes=attrs)
    for old, value in zip(call.results, new.results):
        old.replace_all_uses_with(value)
    call.erase()


def externalize_weights(module: ir.Module, min_bytes: int | None = DEFAULT_MIN_BYTES) -> int:
    """Move the large constant globals of ``module`` out (see the module docstring); the number
    of bytes of the weights buffer (0: nothing moved, the module is unchanged). ``min_bytes``
    None keeps every weight inline; a module that has weights out already is left alone."""
    if min_bytes is None or WEIGHTS_ATTR in module.operation.attributes:
        return 0
    with module.context, ir.Location.unknown():
        return _externalize(module, min_bytes)


def _externalize(module: ir.Module, min_bytes: int) -> int:
    offsets: dict[str, int] = {}
    chunks: list[np.ndarray] = []
    globals_ops: list[ir.Operation] = []
    size = 0
    for op in module.body.operations:
        if op.operation.name != "memref.global":
            continue
        data = _weight_bytes(op.operation, module, min_bytes)
        if data is not None:
            size = -(-size // ALIGNMENT) * ALIGNMENT
            offsets[ir.StringAttr(op.attributes["sym_name"]).value] = size
            chunks.append(data)
            globals_ops.append(op.operation)
            size += data.size
    if not offsets:
        return 0
    functions = _functions(module)
    reads, calls = {}, {}
    for name, fn in functions.items():
        reads[name], calls[name] = _uses(fn, set(offsets))
    needs = _callers_too({name for name, ops in reads.items() if ops}, calls)
    i8 = ir.IntegerType.get_signless(8)
    arguments = {name: append_buffer_argument(functions[name], size, WEIGHTS_ATTR, i8) for name in needs}
    for name in needs:
        for call in calls[name]:
            if _callee(call) in needs:
                _pass_weights_on(call, arguments[name])
        for read in reads[name]:
            _view_of_weights(read, arguments[name], offsets)
    for op in globals_ops:
        op.erase()
    blob = _aligned_zeros(size)
    for offset, data in zip(offsets.values(), chunks):
        blob[offset:offset + data.size] = data
    module.operation.attributes[WEIGHTS_ATTR] = create_resource(
        blob.view(np.int8), "onnx_mlir_weights", ir.RankedTensorType.get([size], i8))
    return size


def _aligned_zeros(size: int) -> np.ndarray:
    """``size`` zero bytes starting at an ``ALIGNMENT``-byte boundary (as a mapped file's are),
    so that the offsets are aligned in memory too."""
    raw = np.zeros(size + ALIGNMENT, np.uint8)
    start = -raw.ctypes.data % ALIGNMENT
    return raw[start:start + size]


def _view_of_weights(read: ir.Operation, weights: ir.Value, offsets: dict[str, int]) -> None:
    """``memref.get_global @g`` -> ``memref.view %weights[offset of g][]``."""
    offset = offsets[ir.FlatSymbolRefAttr(read.attributes["name"]).value]
    with ir.InsertionPoint(read), read.location:
        shift = arith.ConstantOp(ir.IndexType.get(), offset).result
        view = memref.ViewOp(read.results[0].type, weights, shift, []).result
    read.results[0].replace_all_uses_with(view)
    read.erase()


def take_weights(module: ir.Module) -> np.ndarray | None:
    """The weights buffer ``externalize_weights`` left on ``module`` (flat uint8), removed from
    it; None when the module has none."""
    attrs = module.operation.attributes
    if WEIGHTS_ATTR not in attrs:
        return None
    array = resource_array(attrs[WEIGHTS_ATTR], module)
    del attrs[WEIGHTS_ATTR]
    if array is None:
        from ...errors import CompilationError
        raise CompilationError(f"the module's {WEIGHTS_ATTR} attribute holds no readable bytes")
    return np.ascontiguousarray(array).reshape(-1).view(np.uint8)
