"""Dims declared ``-1`` or ``?``: what Paddle2ONNX and other exporters write for a dim they do
not know.

ONNX's ``dim_value`` is non-negative and an unknown dim has neither a value nor a name, but
models in the wild (PaddleOCR's classifiers, for one) declare ``[-1, 3, -1, -1]`` and
onnxruntime runs them, reading ``-1`` as unknown. So do we: each ``-1`` in a declared type
(graph inputs and outputs, ``value_info``, in subgraphs too) becomes an unknown dim, with one
:class:`~onnx_mlir.errors.ShapeWarning` naming the values. Any other negative dim stays an
import error (``model_checks``): it is not a convention, only a corrupt file.

Likewise a dim named ``?`` is unknown, not a symbol: dims sharing a name must be equal at run time,
but PaddleOCR's classifier declares ``[-1, 3, '?', '?']`` for images that are not square.
"""

from __future__ import annotations

import warnings
from typing import Iterator

import onnx

from ..errors import ShapeWarning

UNKNOWN = -1
UNKNOWN_NAME = "?"


def _declared_infos(graph: onnx.GraphProto) -> Iterator[onnx.ValueInfoProto]:
    yield from graph.input
    yield from graph.output
    yield from graph.value_info
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from _declared_infos(attr.g)
            for sub in attr.graphs:
                yield from _declared_infos(sub)


def _unknown_dims(info: onnx.ValueInfoProto) -> list[onnx.TensorShapeProto.Dimension]:
    if info.type.WhichOneof("value") != "tensor_type":
        return []
    return [d for d in info.type.tensor_type.shape.dim if d.HasField("dim_value") and d.dim_value == UNKNOWN]


def _question_marks(info: onnx.ValueInfoProto) -> list[onnx.TensorShapeProto.Dimension]:
    if info.type.WhichOneof("value") != "tensor_type":
        return []
    return [d for d in info.type.tensor_type.shape.dim if d.HasField("dim_param") and d.dim_param == UNKNOWN_NAME]


def read_minus_one_as_unknown(model: onnx.ModelProto) -> onnx.ModelProto:
    """``model``, or a copy of it whose declared ``-1`` and ``?`` dims are unknown dims (the
    caller's proto is never changed)."""
    if not any(_unknown_dims(info) or _question_marks(info) for info in _declared_infos(model.graph)):
        return model
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    for info in _declared_infos(copy.graph):
        for dim in _question_marks(info):
            dim.ClearField("dim_param")
    names = []
    for info in _declared_infos(copy.graph):
        dims = _unknown_dims(info)
        for dim in dims:
            dim.ClearField("dim_value")
        if dims:
            names.append(f"'{info.name}'")
    if not names:
        return copy
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    warnings.warn(f"{shown} declare{'s' if len(names) == 1 else ''} dim -1, read as a dynamic dim "
                  "(as onnxruntime does)", ShapeWarning, stacklevel=3)
    return copy
