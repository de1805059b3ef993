"""Inputs of a bisection run: read from an ``.npz`` file, or generated from the model signature.

Generated inputs are seeded: floats uniform in [-1, 1), integers in ``int_range`` (small and
non-negative by default, so that they are valid indices, sizes and divisors more often than
not), bools random. An integer input that is the ``indices`` of a Gather-like node is kept below
the size of the axis it indexes when that size is known. Symbolic dims take their size from
``dims`` (by dim_param name), 1 by default; unnamed dynamic dims are 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np
import onnx
from onnx import helper

from ...errors import InputError
from .compare import is_float

DEFAULT_INT_RANGE = (0, 4)

# op type -> (position of the indices input, attribute naming the indexed axis of input 0, or
# None when the indices address the leading dims of input 0 (GatherND, ScatterND)).
_INDEXING_OPS = {"Gather": (1, "axis"), "GatherElements": (1, "axis"),
                 "ScatterElements": (1, "axis"), "Scatter": (1, "axis"),
                 "GatherND": (1, None), "ScatterND": (1, None)}


def model_inputs(model: onnx.ModelProto) -> list[onnx.ValueInfoProto]:
    """Graph inputs that are fed at run time (those with an initializer are constants)."""
    initializers = {t.name for t in model.graph.initializer}
    return [v for v in model.graph.input if v.name not in initializers]


def load_feeds(path: str | Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read inputs from '{path}': {error}") from None


def check_feeds(model: onnx.ModelProto, feeds: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``feeds`` as arrays, after checking that they name exactly the model's inputs."""
    expected = [v.name for v in model_inputs(model)]
    missing = [name for name in expected if name not in feeds]
    unknown = [name for name in feeds if name not in expected]
    if missing or unknown:
        parts = [f"missing {missing}" if missing else "", f"unknown {unknown}" if unknown else ""]
        raise InputError(f"inputs do not match the model's ({expected}): "
                         + ", ".join(p for p in parts if p))
    return {name: np.asarray(feeds[name]) for name in expected}


class FeedGenerator:
    """Random inputs for ``model``'s signature; ``value_types`` are the shape-inferred types of
    the graph's values, used to bound index inputs."""

    def __init__(self, model: onnx.ModelProto, value_types: Mapping[str, onnx.TypeProto], *,
                 seed: int = 0, dims: Mapping[str, int] | None = None,
                 int_range: tuple[int, int] = DEFAULT_INT_RANGE):
        if int_range[0] >= int_range[1]:
            raise InputError(f"empty integer range [{int_range[0]}, {int_range[1]})")
        self.model, self.value_types = model, value_types
        self.rng = np.random.default_rng(seed)
        self.dims = dict(dims or {})
        self.int_range = int_range

    def generate(self) -> dict[str, np.ndarray]:
        bounds = self._index_bounds()
        return {v.name: self._array(v, bounds.get(v.name)) for v in model_inputs(self.model)}

    def _shape(self, type_proto: onnx.TypeProto, what: str) -> list[int]:
        tensor = type_proto.tensor_type
        if not tensor.HasField("shape"):
            raise InputError(f"{what} has no known rank: give its value with --inputs")
        return [d.dim_value if d.HasField("dim_value") else self.dims.get(d.dim_param, 1)
                for d in tensor.shape.dim]

    def _array(self, value: onnx.ValueInfoProto, bound: int | None) -> np.ndarray:
        what = f"input '{value.name}'"
        if value.type.WhichOneof("value") != "tensor_type":
            raise InputError(f"{what} is not a tensor: give its value with --inputs")
        elem = value.type.tensor_type.elem_type
        try:
            dtype = np.dtype(helper.tensor_dtype_to_np_dtype(elem))
        except (KeyError, ValueError, TypeError):
            raise InputError(f"{what} has element type {onnx.TensorProto.DataType.Name(elem)}, "
                             "for which no random values are generated") from None
        shape = self._shape(value.type, what)
        if dtype == np.bool_:
            return self.rng.integers(0, 2, size=shape).astype(np.bool_)
        if is_float(dtype) or dtype.kind == "c":
            return self.rng.uniform(-1.0, 1.0, size=shape).astype(dtype)
        if dtype.kind not in "iuV":
            raise InputError(f"{what} has dtype {dtype}, for which no random values are generated")
        low, high = self.int_range
        if bound is not None:
            high = max(min(high, bound), low + 1)
        return self.rng.integers(low, high, size=shape).astype(dtype)

    def _index_bounds(self) -> dict[str, int]:
        """Graph input -> exclusive upper bound, for inputs used as indices of a known axis."""
        fed = {v.name for v in model_inputs(self.model)}
        bounds: dict[str, int] = {}
        for node in self.model.graph.node:
            rule = _INDEXING_OPS.get(node.op_type) if node.domain in ("", "ai.onnx") else None
            if rule is None or len(node.input) <= rule[0] or node.input[rule[0]] not in fed:
                continue
            data = self.value_types.get(node.input[0])
            if data is None or data.WhichOneof("value") != "tensor_type" \
                    or not data.tensor_type.HasField("shape"):
                continue
            shape = self._shape(data, f"'{node.input[0]}'")
            if not shape:
                continue
            position, axis_attr = rule
            if axis_attr is None:
                size = min(shape)
            else:
                axis = next((a.i for a in node.attribute if a.name == axis_attr), 0)
                if not -len(shape) <= axis < len(shape):
                    continue
                size = shape[axis]
            name = node.input[position]
            bounds[name] = min(bounds.get(name, size), size)
        return bounds
