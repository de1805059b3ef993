"""Shape specialization: fix a model's dynamic input dims at compile time.

``compile(model, input_shapes={"x": [1, 3, 320, 320]})`` and the driver's
``--shapeInformation=x:1x3x320x320`` (IBM onnx-mlir's flag; an input may also be named by its
position, ``0:1x3x320x320``, and ``-1`` keeps a dim dynamic) write the sizes into the graph
inputs before anything is inferred, so the whole model compiles with static shapes (If conditions
on shapes fold, static named ops and schedules apply). The compiled model then takes only those
shapes: the runtime's input check rejects others with ``InputError``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import onnx

from ..errors import OnnxImportError
from .model_loading import load_model

Shapes = Mapping[str | int, Sequence[int]]


def parse_shape_information(text: str) -> dict[str | int, list[int]]:
    """``"x:1x3x320x320,1:4x-1"`` -> ``{"x": [1, 3, 320, 320], 1: [4, -1]}`` (an all-digit key
    is an input position); a malformed entry is an OnnxImportError."""
    shapes: dict[str | int, list[int]] = {}
    for entry in filter(None, (e.strip() for e in text.split(","))):
        key, sep, dims = entry.rpartition(":")
        if not sep or not key:
            raise OnnxImportError(f"--shapeInformation entry '{entry}' is not INPUT:D1xD2x...")
        try:
            sizes = [int(d) for d in dims.split("x")] if dims else []
        except ValueError:
            raise OnnxImportError(f"--shapeInformation entry '{entry}': dims must be integers "
                                  f"separated by 'x' (-1: dynamic)") from None
        shapes[int(key) if key.isdigit() else key] = sizes
    return shapes


def specialize_input_shapes(model: Any, shapes: Shapes) -> onnx.ModelProto:
    """A copy of ``model`` (any form :func:`load_model` takes) whose graph inputs have the
    given shapes (keys: input names or positions; a size of -1 keeps the dim as it is).

    Unknown inputs, a rank other than the input's, a size that contradicts a static dim, or a
    negative size other than -1 are OnnxImportErrors naming the input."""
    proto, _ = load_model(model)
    specialized = onnx.ModelProto()
    specialized.CopyFrom(proto)
    initializers = {t.name for t in specialized.graph.initializer}
    inputs = [i for i in specialized.graph.input if i.name not in initializers]
    by_name = {i.name: i for i in inputs}
    for key, sizes in shapes.items():
        if isinstance(key, int):
            if not 0 <= key < len(inputs):
                raise OnnxImportError(f"input_shapes: the model has {len(inputs)} inputs, no "
                                      f"input #{key}")
            info = inputs[key]
        elif key in by_name:
            info = by_name[key]
        else:
            raise OnnxImportError(f"input_shapes: the model has no input '{key}' (inputs: "
                                  f"{', '.join(repr(n) for n in by_name)})")
        _specialize(info, [int(s) for s in sizes])
    return specialized


def _specialize(info: onnx.ValueInfoProto, sizes: list[int]) -> None:
    if info.type.WhichOneof("value") != "tensor_type":
        raise OnnxImportError(f"input_shapes: input '{info.name}' is not a tensor")
    tensor = info.type.tensor_type
    if tensor.HasField("shape") and len(tensor.shape.dim) != len(sizes):
        raise OnnxImportError(f"input_shapes: input '{info.name}' has rank "
                              f"{len(tensor.shape.dim)}, got {len(sizes)} sizes {sizes}")
    if not tensor.HasField("shape"):
        tensor.shape.dim.extend(onnx.TensorShapeProto.Dimension() for _ in sizes)
    for axis, (dim, size) in enumerate(zip(tensor.shape.dim, sizes)):
        if size == -1:
            continue
        if size < 0:
            raise OnnxImportError(f"input_shapes: input '{info.name}' axis {axis}: size {size} "
                                  f"(-1 keeps a dim dynamic)")
        if dim.HasField("dim_value") and dim.dim_value != size:
            raise OnnxImportError(f"input_shapes: input '{info.name}' axis {axis} is "
                                  f"{dim.dim_value} in the model, got {size}")
        dim.Clear()
        dim.dim_value = size


__all__ = ["parse_shape_information", "specialize_input_shapes"]
