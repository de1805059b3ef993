"""The `onnx` dialect: every operator of the ONNX default domain as an MLIR op.

The ops are described in IRDL (``onnx.irdl.mlir``) and loaded into each context by
:func:`onnx_mlir.dialects.load_dialects`; their Python classes (``ConvOp``, builder ``conv``, ...)
are generated into ``_onnx_ops_gen.py`` from the installed ``onnx`` schemas by
``tools/gen_onnx_dialect.py``. This module adds the hand-written pieces: ``yield_`` (the terminator
of subgraph regions) and ``constant`` helpers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from mlir import ir
from mlir.dialects import smt
from mlir.dialects._ods_common import _cext

from ._onnx_ops_gen import *  # noqa: F401,F403  the generated op classes and builders
from ._onnx_ops_gen import OPSET_VERSION, ONNX_VERSION, ConstantOp
from ._onnx_support import OnnxOp
from .dense_elements import dense_elements_from_numpy
from .irdl_dialect import IRDLDialect, register_irdl_dialect
from .onnx_types import tensor_type_for_array

DIALECT = register_irdl_dialect(
    IRDLDialect.from_file("onnx", Path(__file__).with_name("onnx.irdl.mlir"), "onnx.add"))

# So that the bindings find this module when they meet `onnx.*` ops in a fresh process.
_cext.globals.append_dialect_search_prefix("onnx_mlir.dialects")


def yield_(values, *, loc=None, ip=None) -> ir.OpView:
    """Terminate a subgraph region (of `onnx.if`, `onnx.loop`, `onnx.scan`) with its outputs.

    The terminator is ``smt.yield``: ops defined in IRDL cannot carry the terminator trait in
    MLIR 22, and ``smt.yield`` is the upstream terminator accepting any operands under any parent.
    """
    return smt.YieldOp(values, loc=loc, ip=ip)


REGION_TERMINATOR = "smt.yield"

# On an onnx op: per result, an array<i64> of the dims whose static size only the model's declared
# output / value_info type gives (ONNX shape inference left them dynamic). onnx-shape-inference
# verifies them when it can; lowerings compute or check them rather than trust them.
DECLARED_DIMS_ATTR = "onnx_mlir.declared_dims"
# On an onnx.if: the branch ("else_branch") compiled as a run-time error, because its results have
# other ranks than the then_branch's (importer/constant_if.py).
TRAPPED_BRANCH_ATTR = "onnx_mlir.trapped_branch"


def declared_only_dims(op, result: int = 0) -> list[int]:
    """The dims of result ``result`` of ``op`` recorded in :data:`DECLARED_DIMS_ATTR`."""
    attrs = op.operation.attributes if hasattr(op, "operation") else op.attributes
    if DECLARED_DIMS_ATTR not in attrs:
        return []
    # Hand-written IR may hold anything here: only well-formed entries count (a dim ignored
    # here keeps its declared size, which the lowering then checks against what it computes).
    value = attrs[DECLARED_DIMS_ATTR]
    if not isinstance(value, ir.ArrayAttr) or result >= len(value):
        return []
    try:
        entry = value[result]
    except TypeError:  # the bindings cannot even wrap it (e.g. array<i1024: 0>)
        return []
    if not isinstance(entry, ir.DenseI64ArrayAttr):
        return []
    t = op.operation.results[result].type if hasattr(op, "operation") else op.results[result].type
    rank = ir.RankedTensorType(t).rank if isinstance(t, ir.RankedTensorType) else 0
    return [d for d in entry if 0 <= d < rank]


def constant_from_array(array: np.ndarray, element_type: ir.Type | None = None, *,
                        loc=None, ip=None) -> ir.Value:
    """An `onnx.constant` holding ``array`` as a ``dense<...>`` attribute."""
    tensor_type = tensor_type_for_array(array, element_type)
    value = dense_elements_from_numpy(array, tensor_type)
    return ConstantOp([tensor_type], value=value, loc=loc, ip=ip).result


def is_onnx_op(op) -> bool:
    name = op.operation.name if hasattr(op, "operation") else op.name
    return name.startswith("onnx.")


__all__ = [name for name in dir() if not name.startswith("_")] + ["OnnxOp"]
