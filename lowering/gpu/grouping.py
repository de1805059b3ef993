"""``gpu-group-kernels``: group linalg-on-tensors ops into kernels and outline each group.

The grouping works from linalg structure, not from ONNX op names:

* *anchors*: ``linalg.matmul``/``linalg.batch_matmul`` (``matmul``), ``linalg.conv_2d_nchw_fchw``
  and ``linalg.depthwise_conv_2d_nchw_chw`` (``conv``) stay named, because their templates in
  ``triton_kernels/`` need to know what they are; every other named linalg op is generalized first,
  so a ``linalg.generic`` with a reduction iterator is a ``reduction`` anchor and an all-parallel
  ``linalg.generic`` (or a ``tensor.pad``) is ``pointwise``.
* *epilogues*: a pointwise op joins the group of its producer when it reads the producer's
  result element for element over the same iteration space (elementwise chains, bias + activation
  + residual add after a matmul/conv, consumers of a reduction).
* *prologues*: a pointwise group whose only user is an anchor joins it: the accumulator init
  (bias broadcast, fill), the producers of a reduction's inputs (recomputed in the kernel), a
  transpose feeding a matmul operand (strides) and a zero ``tensor.pad`` feeding a convolution
  (masked loads).  A fill (a generic without tensor inputs) used by several ops is cloned for
  each, so that every anchor takes its own init.
* *row kernels*: reductions over the same iteration space whose output is the tensor of their
  parallel dims (a "row" per output point) chain into one group with their producers and
  consumers: softmax (max, sum of exp, division), layer norm (mean, variance, normalize, scale
  and shift).  A reduction joins the group of a reduction it reads when both have the same loops;
  a pointwise op over the full loop space joins it when it reads the group's per-row values
  through the reductions' output map and its full values element for element.  Every read of a
  value that depends on a reduction of the group is aligned this way, so the kernel computes each
  reduction once per row (see ``gen_row`` in codegen/reduction.py).
* ``tensor.collapse_shape``/``expand_shape`` stay in ``@main_graph`` (the runtime reshapes);
  constants stay there too (uploaded once).  Anything else becomes a ``host`` kernel, which the
  runtime runs with the CPU backend, after a warning.

Each group becomes a private ``func.func @<entry>_k<i>_<kind>`` with the unit-free attribute
``onnx_mlir.kernel_kind = "<kind>"``; ``@main_graph`` calls them in graph order.  Scalar constants
and ``tensor.empty`` are cloned into the kernels that use them.

The steps, one module each: classification.py (generalize the named ops that are not anchors, then
the category of each op), kernel_groups.py (the greedy grouping above), outlining.py (groups ->
functions and calls); linalg_query.py holds the structure queries they share with the code
generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from ...passes.pass_base import ModulePass
from .classification import generalize
from .kernel_groups import ID_ATTR, Group, Grouper, clone_shared_fills
from .outlining import outline


def _untag(module: ir.Module) -> None:
    def visit(op):
        if ID_ATTR in op.attributes:
            del op.attributes[ID_ATTR]
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)


def group_function(fn: ir.Operation) -> list[Group]:
    clone_shared_fills(fn.regions[0].blocks[0])
    grouper = Grouper(fn)
    groups = grouper.run()
    prefix = ir.StringAttr(fn.attributes["sym_name"]).value
    outline(fn, groups, grouper, prefix)
    return groups


def resolve_result_dims(module: ir.Module) -> None:
    """Sizes of op results (``tensor.dim``) rewritten as the sizes they are computed from, so a
    size read does not tie a kernel's intermediate to @main_graph (dynamic shapes)."""
    from mlir.passmanager import PassManager

    PassManager.parse("builtin.module(func.func(resolve-ranked-shaped-type-result-dims,cse))",
                      module.context).run(module.operation)


def group_module(module: ir.Module) -> None:
    """Generalize, group and outline every public function of ``module`` (in place)."""
    resolve_result_dims(module)
    generalize(module)
    with module.context, ir.Location.unknown():
        for op in list(module.body.operations):
            op = op.operation
            if op.name == "func.func" and "sym_visibility" not in op.attributes and len(op.regions[0].blocks):
                group_function(op)
        _untag(module)


@dataclass
class GpuGroupKernelsPass(ModulePass):
    name: ClassVar[str] = "gpu-group-kernels"
    summary: ClassVar[str] = "Group linalg ops into kernels and outline them (onnx_mlir.kernel_kind)"

    def run(self, module: ir.Module) -> None:
        group_module(module)
