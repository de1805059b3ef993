"""Feeds checked against the signature before anything runs, with a message naming the input
at fault: for numpy arrays (``CompiledModel``) and torch tensors (GPU packages) alike, without
ONNX or MLIR (a GPU host may have neither)."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError
from .artifact import TensorInfo

_ONNX_NAMES = {"float32": "float", "float64": "double"}  # the others: the dtype name, minus "_"


def onnx_type(dtype_name: str) -> str:
    """onnxruntime's type string of a dtype name, e.g. ``tensor(float)`` for float32 (the same
    as ``dialects.onnx_types.ort_type``, tested)."""
    return f"tensor({_ONNX_NAMES.get(dtype_name, dtype_name.replace('_', ''))})"


def dtype_name(value: Any) -> str:
    """The dtype name of a numpy array or a torch tensor (``float32``, ``bfloat16``...)."""
    dtype = value.dtype
    if isinstance(dtype, np.dtype):
        return dtype.name
    return str(dtype).removeprefix("torch.")


def check_feeds(inputs: Sequence[TensorInfo], feeds: Mapping[str, Any]) -> None:
    """Raise :class:`InputError` naming the input at fault unless ``feeds`` has every input,
    nothing else, each with the dtype and rank of the signature, static dims equal and every
    dim param the same size wherever it appears."""
    if not isinstance(feeds, Mapping):
        raise InputError(f"feeds must be a dict of input name -> numpy array, got {type(feeds).__name__}")
    expected = [i.name for i in inputs]
    unknown = [n for n in feeds if n not in expected]
    if unknown:
        raise InputError(f"unknown input name(s) {unknown}; the model's inputs are {expected}")
    missing = [n for n in expected if n not in feeds]
    if missing:
        raise InputError(f"missing input(s) {missing}; the model's inputs are {expected}")
    bound: dict[str, tuple[int, str]] = {}
    for info in inputs:
        value = feeds[info.name]
        if not hasattr(value, "dtype") or not hasattr(value, "shape"):
            value = np.asarray(value)
        want_dtype = np.dtype(info.dtype).name
        got_dtype = dtype_name(value)
        shape = tuple(value.shape)
        if got_dtype != want_dtype:
            raise InputError(f"input '{info.name}': expected element type {onnx_type(want_dtype)} "
                             f"({want_dtype}), got {got_dtype}")
        if len(shape) != len(info.shape):
            raise InputError(f"input '{info.name}': expected rank {len(info.shape)} "
                             f"(shape {list(info.shape)}), got rank {len(shape)} (shape {list(shape)})")
        for axis, (want, got) in enumerate(zip(info.shape, shape)):
            if isinstance(want, int) and want != got:
                raise InputError(f"input '{info.name}': axis {axis} has size {got}, expected {want} "
                                 f"(model shape {list(info.shape)}, got shape {list(shape)})")
            if isinstance(want, str):
                if want in bound and bound[want][0] != got:
                    size, where = bound[want]
                    raise InputError(f"input '{info.name}': axis {axis} ('{want}') has size {got}, "
                                     f"expected {size} (the size of '{want}' in {where}; "
                                     f"got shape {list(shape)})")
                bound.setdefault(want, (got, f"input '{info.name}' axis {axis}"))
