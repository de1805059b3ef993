"""``manifest.json`` as data: the signature, the launch plan, buffers and constants.

Values of the plan live in numbered slots (as in ``runtime/artifact.GpuArtifact``): the model's
inputs, constants (uploaded once from the weights file), zero-filled tensors, and the results of
kernel launches and views.  Dtypes are numpy/torch names (``float32``, ``bfloat16``...), so
reading a manifest needs neither MLIR nor ``ml_dtypes``.

Dynamic shapes: a value's unknown dims are ``null``; launches and views then carry size
expressions (``runtime/size_expr.py`` trees over slots, JSON lists that are read back as tuples)
that the executor evaluates per run: a launch's grid, its size arguments and result shapes, a
view's target shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Union

import numpy as np

from ..artifact import TensorInfo
from .buffer_plan import BufferPlan
from .format import FORMAT, FORMAT_VERSION, PackageError, PackageVersionError

_SIXTEEN_BIT = {"bfloat16": 2}
_EIGHT_BIT = ("float8_e4m3fn", "float8_e4m3fnuz", "float8_e5m2", "float8_e5m2fnuz")


def itemsize(dtype: str) -> int:
    if dtype in _SIXTEEN_BIT:
        return _SIXTEEN_BIT[dtype]
    if dtype in _EIGHT_BIT:
        return 1
    return np.dtype(dtype).itemsize


def numpy_dtype(name: str) -> np.dtype:
    """The numpy dtype of a name (``ml_dtypes`` only for the types numpy lacks)."""
    try:
        return np.dtype(name)
    except TypeError:
        import ml_dtypes

        return np.dtype(getattr(ml_dtypes, name))


def size_tree(expr):
    """A size expression read from JSON (lists) as the tuples ``size_expr.py`` writes."""
    if isinstance(expr, list):
        return tuple(x if isinstance(x, str) else size_tree(x) for x in expr)
    if isinstance(expr, (int, tuple)) and not isinstance(expr, bool):
        return expr
    raise ValueError(f"malformed size expression {expr!r}")


def _trees(values) -> tuple | None:
    return None if values is None else tuple(size_tree(v) for v in values)


def _json_trees(values) -> list | None:
    return None if values is None else [list(v) if isinstance(v, tuple) else v for v in values]


@dataclass(frozen=True)
class ValueSpec:
    """Element type and shape of one slot (``None`` for a dim known only per run)."""

    dtype: str
    shape: tuple[int | None, ...]

    @property
    def is_static(self) -> bool:
        return None not in self.shape

    @property
    def nbytes(self) -> int:
        """Bytes of the value; a dynamic dim counts as 1 (what buffer planning assumes: the
        executor grows buffers to each run's sizes)."""
        return math.prod(1 if d is None else d for d in self.shape) * itemsize(self.dtype)

    def to_json(self) -> dict:
        return {"dtype": self.dtype, "shape": list(self.shape)}

    @classmethod
    def from_json(cls, d: dict) -> "ValueSpec":
        return cls(str(d["dtype"]), tuple(None if x is None else int(x) for x in d["shape"]))


@dataclass(frozen=True)
class Launch:
    """Launch ``function`` of ``kernels.py`` (``kernel``: its MLIR symbol, for messages)."""

    kernel: str
    function: str
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    grid: tuple[int, ...]
    constexprs: dict[str, Any]
    num_warps: int
    num_stages: int
    # dynamic shapes (size expressions, evaluated per run): the size arguments passed after the
    # pointers, and when set the grid and the results' shapes (else ``grid`` and the values' specs)
    size_args: tuple = ()
    grid_exprs: tuple | None = None
    output_shapes: tuple | None = None

    @property
    def is_static(self) -> bool:
        return not self.size_args and self.grid_exprs is None and self.output_shapes is None

    def to_json(self) -> dict:
        d = {"op": "launch", "kernel": self.kernel, "function": self.function,
             "inputs": list(self.inputs), "outputs": list(self.outputs), "grid": list(self.grid),
             "constexprs": dict(self.constexprs), "num_warps": self.num_warps,
             "num_stages": self.num_stages}
        if not self.is_static:
            d.update(size_args=_json_trees(self.size_args), grid_exprs=_json_trees(self.grid_exprs),
                     output_shapes=None if self.output_shapes is None else
                     [_json_trees(shape) for shape in self.output_shapes])
        return d

    @classmethod
    def from_json(cls, d: dict) -> "Launch":
        shapes = d.get("output_shapes")
        return cls(str(d["kernel"]), str(d["function"]), _ints(d["inputs"]), _ints(d["outputs"]),
                   _ints(d["grid"]), dict(d["constexprs"]), int(d["num_warps"]), int(d["num_stages"]),
                   _trees(d.get("size_args", [])), _trees(d.get("grid_exprs")),
                   None if shapes is None else tuple(_trees(shape) for shape in shapes))


@dataclass(frozen=True)
class View:
    """``dst`` is ``src`` seen with ``shape`` (a reshape: no copy); with ``shape_exprs`` the shape
    is computed per run (``shape`` then holds -1 for its dynamic dims)."""

    src: int
    dst: int
    shape: tuple[int, ...]
    shape_exprs: tuple | None = None

    @property
    def is_static(self) -> bool:
        return self.shape_exprs is None

    def to_json(self) -> dict:
        d = {"op": "view", "src": self.src, "dst": self.dst, "shape": list(self.shape)}
        if self.shape_exprs is not None:
            d["shape_exprs"] = _json_trees(self.shape_exprs)
        return d

    @classmethod
    def from_json(cls, d: dict) -> "View":
        return cls(int(d["src"]), int(d["dst"]), _ints(d["shape"]), _trees(d.get("shape_exprs")))


Step = Union[Launch, View]


@dataclass(frozen=True)
class Constant:
    """A constant slot: ``nbytes`` at ``offset`` of the weights file, stored as ``stored_dtype``
    and converted to ``dtype`` when uploaded."""

    slot: int
    dtype: str
    stored_dtype: str
    shape: tuple[int, ...]
    offset: int
    nbytes: int

    def to_json(self) -> dict:
        return {"slot": self.slot, "dtype": self.dtype, "stored_dtype": self.stored_dtype,
                "shape": list(self.shape), "offset": self.offset, "nbytes": self.nbytes}

    @classmethod
    def from_json(cls, d: dict) -> "Constant":
        return cls(int(d["slot"]), str(d["dtype"]), str(d["stored_dtype"]), _ints(d["shape"]),
                   int(d["offset"]), int(d["nbytes"]))


@dataclass(frozen=True)
class Manifest:
    """Everything ``manifest.json`` says."""

    compiler_version: str
    target: str
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    slot_count: int
    input_slots: tuple[int, ...]
    output_slots: tuple[int, ...]
    values: dict[int, ValueSpec]
    steps: tuple[Step, ...]
    constants: tuple[Constant, ...]
    zeros: dict[int, ValueSpec]
    buffers: BufferPlan
    kernels_sha256: str
    weights_sha256: str
    weights_size: int
    weights_dtype: str | None = None
    format_version: int = FORMAT_VERSION

    @property
    def is_static(self) -> bool:
        """Whether every run has the same shapes (the signature's and every step's)."""
        return (all(isinstance(d, int) for t in self.inputs + self.outputs for d in t.shape)
                and all(step.is_static for step in self.steps))

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "format_version": self.format_version,
            "compiler_version": self.compiler_version, "target": self.target,
            "inputs": [_info_json(t) for t in self.inputs],
            "outputs": [_info_json(t) for t in self.outputs],
            "slots": {"count": self.slot_count, "inputs": list(self.input_slots),
                      "outputs": list(self.output_slots)},
            "values": [{"slot": s, **v.to_json()} for s, v in sorted(self.values.items())],
            "steps": [s.to_json() for s in self.steps],
            "constants": [c.to_json() for c in self.constants],
            "zeros": [{"slot": s, **v.to_json()} for s, v in sorted(self.zeros.items())],
            "buffers": self.buffers.to_json(),
            "kernels": {"sha256": self.kernels_sha256},
            "weights": {"sha256": self.weights_sha256, "size": self.weights_size,
                        "converted_to": self.weights_dtype},
        }

    @classmethod
    def from_json(cls, data: Any, *, expected_compiler: str, where: str) -> "Manifest":
        """The manifest ``data`` (parsed JSON) after its format and versions are checked."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PackageError(f"{where}: not an onnx-mlir GPU package manifest")
        if data.get("format_version") != FORMAT_VERSION:
            raise PackageVersionError(
                f"{where}: package format version {data.get('format_version')!r}, this runtime reads "
                f"version {FORMAT_VERSION}; export the model again with this onnx-mlir")
        if data.get("compiler_version") != expected_compiler:
            raise PackageVersionError(
                f"{where}: the package was written by onnx-mlir {data.get('compiler_version')!r}, this "
                f"runtime is {expected_compiler!r}; export the model again with this onnx-mlir (or "
                "run it with the onnx-mlir that wrote it)")
        try:
            slots = data["slots"]
            weights = data["weights"]
            return cls(
                compiler_version=data["compiler_version"], target=str(data["target"]),
                inputs=tuple(_info(d) for d in data["inputs"]),
                outputs=tuple(_info(d) for d in data["outputs"]),
                slot_count=int(slots["count"]), input_slots=_ints(slots["inputs"]),
                output_slots=_ints(slots["outputs"]),
                values={int(d["slot"]): ValueSpec.from_json(d) for d in data["values"]},
                steps=tuple(_step(d) for d in data["steps"]),
                constants=tuple(Constant.from_json(d) for d in data["constants"]),
                zeros={int(d["slot"]): ValueSpec.from_json(d) for d in data["zeros"]},
                buffers=BufferPlan.from_json(data["buffers"]),
                kernels_sha256=str(data["kernels"]["sha256"]),
                weights_sha256=str(weights["sha256"]), weights_size=int(weights["size"]),
                weights_dtype=weights.get("converted_to"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PackageError(f"{where}: the manifest is incomplete or malformed ({exc!r})") from None


def _ints(values) -> tuple[int, ...]:
    return tuple(int(v) for v in values)


def _info_json(t: TensorInfo) -> dict:
    return {"name": t.name, "dtype": numpy_dtype_name(t.dtype), "shape": list(t.shape)}


def numpy_dtype_name(dtype) -> str:
    return np.dtype(dtype).name


def _info(d: dict) -> TensorInfo:
    shape = tuple(x if x is None or isinstance(x, str) else int(x) for x in d["shape"])
    return TensorInfo(str(d["name"]), shape, numpy_dtype(str(d["dtype"])))


def _step(d: dict) -> Step:
    if d.get("op") == "launch":
        return Launch.from_json(d)
    if d.get("op") == "view":
        return View.from_json(d)
    raise ValueError(f"unknown plan step {d.get('op')!r}")
