"""The arguments of one native call, laid out once: the memref descriptors in one int64 block.

The C interface of ``@main_graph`` (``_mlir_ciface_main_graph``, packed by the JIT as
``void(void**)``) takes an array of pointers to its arguments, each argument a pointer to a
ranked memref descriptor ``{allocated, aligned, offset, sizes[rank], strides[rank]}`` (all
8-byte fields). A :class:`CallFrame` holds all of it in one numpy ``int64`` block built once
(per thread: runs release the GIL): the packed array, the argument pointers, the descriptors.
Static sizes and strides are written when the frame is built; a run writes the data pointers
of its arrays, and the sizes and strides of dynamic ones. No ctypes object or class is made
per run (building them cost as much as a small model's compute).

With dynamic results the callee returns them through a struct of descriptors passed first;
its fields live in the block as well and are read back after the call.
"""

from __future__ import annotations

import ctypes
from typing import Sequence

import numpy as np

_BYTE = ctypes.c_char


def data_address(array: np.ndarray) -> int:
    """Address of a C-contiguous array's first element."""
    if array.flags.writeable and array.nbytes:
        try:  # about twice as fast as __array_interface__
            return ctypes.addressof(_BYTE.from_buffer(array))
        except (ValueError, TypeError, BufferError):  # ml_dtypes types export no buffer
            pass
    return array.__array_interface__["data"][0]


def contiguous_strides(shape: Sequence[int]) -> list[int]:
    """Row-major strides in elements."""
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return strides[::-1]


def descriptor_size(rank: int) -> int:
    """int64 fields of a rank-``rank`` descriptor."""
    return 3 + 2 * rank


class NativeAllocation:
    """A buffer the compiled code allocated (``malloc``) and returned: freed when the last numpy
    array over it is gone (results may share one allocation)."""

    __slots__ = ("address", "_free")

    def __init__(self, address: int, free):
        self.address = address
        self._free = free

    def __del__(self):
        self._free(self.address)


class _Interface:
    """Native memory as numpy sees it (``__array_interface__``); keeps its owner alive."""

    __slots__ = ("__array_interface__", "owner")

    def __init__(self, interface: dict, owner: NativeAllocation):
        self.__array_interface__ = interface
        self.owner = owner


def adopt_native(address: int, shape: tuple[int, ...], strides: list[int], dtype: np.dtype,
                 owner: NativeAllocation) -> np.ndarray:
    """A C-contiguous numpy array of the native buffer at ``address`` (``strides`` in elements),
    without a copy when it is C-contiguous already: the array keeps ``owner`` alive."""
    if 0 in shape:
        return np.empty(shape, dtype)
    builtin = dtype.isbuiltin == 1  # else an ml_dtypes type: numpy sees raw bytes, then views
    interface = {"data": (address, False), "shape": shape, "version": 3,
                 "typestr": dtype.str if builtin else f"|V{dtype.itemsize}"}
    if strides == contiguous_strides(shape):
        array = np.asarray(_Interface(interface, owner))
    else:
        interface["strides"] = tuple(s * dtype.itemsize for s in strides)
        array = np.array(_Interface(interface, owner), copy=True, order="C")
    return array if builtin else array.view(dtype)


class ArgumentSlot:
    """Where one memref argument's descriptor lives in the frame, and how a run fills it."""

    __slots__ = ("at", "rank", "static_shape")

    def __init__(self, at: int, rank: int, static_shape: tuple[int, ...] | None):
        self.at = at  # index of the descriptor's first field in the block
        self.rank = rank
        self.static_shape = static_shape  # None when a size is only known at run time

    def write_static(self, fields: memoryview) -> None:
        """Offset 0 and, for a static shape, the sizes and strides (once per frame)."""
        fields[self.at + 2] = 0
        if self.static_shape is not None:
            self._write_shape(fields, self.static_shape)

    def _write_shape(self, fields: memoryview, shape: Sequence[int]) -> None:
        """Sizes and row-major strides (inline: this runs for every dynamic input)."""
        at, r = self.at + 3, self.rank
        stride = 1
        for i in range(r - 1, -1, -1):
            n = shape[i]
            fields[at + i] = n
            fields[at + r + i] = stride
            stride *= n or 1

    def bind(self, fields: memoryview, array: np.ndarray) -> None:
        """Point the descriptor at ``array`` (C-contiguous, of the slot's rank)."""
        address = data_address(array)
        fields[self.at] = address
        fields[self.at + 1] = address
        if self.static_shape is None:
            self._write_shape(fields, array.shape)

    def read(self, fields: memoryview) -> tuple[int, int, int, tuple[int, ...], list[int]]:
        """(allocated, aligned, offset, sizes, strides) of a descriptor the callee filled."""
        at, r = self.at, self.rank
        values = fields[at:at + 3 + 2 * r].tolist()
        return values[0], values[1], values[2], tuple(values[3:3 + r]), values[3 + r:]


class FrameLayout:
    """The block's layout for an entry: argument descriptors in call order, and the results
    struct (passed first) when the callee returns its results."""

    def __init__(self, argument_shapes: Sequence[tuple[int | None, ...]],
                 returned_shapes: Sequence[tuple[int | None, ...]] = ()):
        self.has_results_struct = bool(returned_shapes)
        count = len(argument_shapes) + self.has_results_struct
        self.pointers_at = count  # packed[i] -> pointers[i] -> descriptor (or results struct)
        at = 2 * count
        self.results: list[ArgumentSlot] = []
        self.results_at = at
        for shape in returned_shapes:
            self.results.append(ArgumentSlot(at, len(shape), None))
            at += descriptor_size(len(shape))
        self.arguments: list[ArgumentSlot] = []
        for shape in argument_shapes:
            static = tuple(shape) if all(d is not None for d in shape) else None
            self.arguments.append(ArgumentSlot(at, len(shape), static))
            at += descriptor_size(len(shape))
        self.size = at

    def new_frame(self) -> "CallFrame":
        return CallFrame(self)


class CallFrame:
    """One thread's argument block: ``packed`` is the address to pass to the packed entry,
    ``fields`` the block's int64 fields (a memoryview: faster to index than the array)."""

    __slots__ = ("block", "fields", "packed", "owned")

    def __init__(self, layout: FrameLayout):
        self.block = np.zeros(layout.size, np.int64)
        self.fields = memoryview(self.block).cast("B").cast("q")
        base = self.block.__array_interface__["data"][0]
        self.packed = base
        count = layout.pointers_at
        targets = ([layout.results_at] if layout.has_results_struct else []) + \
            [slot.at for slot in layout.arguments]
        for i, target in enumerate(targets):
            self.fields[i] = base + 8 * (count + i)  # packed[i] -> pointers[i]
            self.fields[count + i] = base + 8 * target  # pointers[i] -> the descriptor
        for slot in layout.arguments:
            slot.write_static(self.fields)
        self.owned: list[np.ndarray] = []  # buffers bound once (status, profile): kept alive

    def bind_owned(self, slot: ArgumentSlot, array: np.ndarray) -> np.ndarray:
        """Bind a buffer that stays with the frame (the run-time check status, the profile)."""
        self.owned.append(array)
        slot.bind(self.fields, array)
        return array
