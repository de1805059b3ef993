"""``weights.bin``: every constant of the plan, one after the other, 64-byte aligned.

Writing (compile side) can store the float32 weights as float16 or bfloat16 (half the file); the
runtime converts them back when it uploads them, so the kernels are the same.  Only tensors
that are weights in size (:data:`MIN_CONVERTED_ELEMENTS` elements or more) and whose values the
16-bit type holds (finite, and within float16's range for float16) are converted: small
constants (epsilons, scales, masks of large negative numbers) stay exact.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO, Iterable

import numpy as np

from .format import PackageError
from .manifest import Constant

ALIGNMENT = 64
MIN_CONVERTED_ELEMENTS = 1024
WEIGHT_DTYPES = ("float16", "bfloat16")
_FLOAT16_MAX = 65504.0


def stored_form(array: np.ndarray, weights_dtype: str | None) -> np.ndarray:
    """``array`` as it is written: converted to ``weights_dtype`` when it qualifies."""
    if weights_dtype is None or array.dtype != np.float32 or array.size < MIN_CONVERTED_ELEMENTS:
        return array
    if not np.isfinite(array).all():
        return array
    if weights_dtype == "float16":
        if np.abs(array).max(initial=0.0) > _FLOAT16_MAX:
            return array
        return array.astype(np.float16)
    if weights_dtype == "bfloat16":
        import ml_dtypes  # the compile side has it (a dependency of onnx-mlir-py)

        return array.astype(ml_dtypes.bfloat16)
    raise ValueError(f"weights dtype {weights_dtype!r} is not one of {', '.join(WEIGHT_DTYPES)}")


def write_weights(file: BinaryIO, constants: Iterable[tuple[int, np.ndarray]],
                  weights_dtype: str | None) -> tuple[list[Constant], str, int]:
    """Write ``(slot, array)`` pairs; return their entries, the file's SHA-256 and size."""
    digest = hashlib.sha256()
    entries = []
    offset = 0
    for slot, array in constants:
        stored = np.ascontiguousarray(stored_form(array, weights_dtype))
        pad = -offset % ALIGNMENT
        data = b"\0" * pad + stored.tobytes()
        file.write(data)
        digest.update(data)
        offset += pad
        entries.append(Constant(slot, array.dtype.name, stored.dtype.name, tuple(array.shape), offset,
                                stored.nbytes))
        offset += stored.nbytes
    return entries, digest.hexdigest(), offset


def read_weights(path: str, size: int, sha256: str) -> np.ndarray:
    """The weights file as bytes, checked against the manifest's size and digest."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as exc:
        raise PackageError(f"cannot read the weights '{path}': {exc}") from None
    if data.size != size or hashlib.sha256(data).hexdigest() != sha256:
        raise PackageError(f"the weights '{path}' do not match the manifest (size or SHA-256): "
                           "the package is incomplete or was modified")
    return data


def constant_tensor(data: np.ndarray, entry: Constant, device: str):
    """Constant ``entry`` of the weights ``data`` as a torch tensor of its dtype on ``device``."""
    import torch

    raw = torch.from_numpy(data[entry.offset:entry.offset + entry.nbytes].copy())
    stored = raw.view(getattr(torch, entry.stored_dtype)).reshape(entry.shape)
    return stored.to(device).to(getattr(torch, entry.dtype))
