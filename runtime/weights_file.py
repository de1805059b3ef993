"""The weights file: the bytes a compiled model reads its large constants from, next to its
library (``model.so`` -> ``model.weights``), mapped read-only when the library is loaded.

The compiler moves every large constant out of the code into one buffer
(``lowering/cpu/externalize_weights.py``), already in the form the code reads (transposed,
folded), at 64-byte-aligned offsets; the entry takes it as its last argument, a
``memref<N x i8>``. The file is that buffer behind a 64-byte header, so a mapping of the file is
the argument with no copy and no work (the pages are read when the code first touches them, and
shared by every process that maps the file):

    offset  size  field
    0       16    magic  b"ONNX-MLIR-WGHTS\\0"
    16      4     format version (little-endian uint32, 1)
    20      4     header size (uint32, 64: the payload starts there)
    24      8     payload size N (uint64)
    32      32    SHA-256 of the payload

The library records N and the SHA-256 (``onnx_mlir_weights_size``, ``onnx_mlir_weights_sha256``,
and in its signature JSON), so a file of another model or compile, a truncated or a tampered one
is refused with a :class:`WeightsError` that says which. ``open_weights`` checks the header
against the library, and (``verify=True``, the default) the payload's hash as well; the C helper
linked into every library (``c/weights_file.c``) checks the header only.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import struct
from pathlib import Path

import numpy as np

from ..errors import OnnxMlirError

MAGIC = b"ONNX-MLIR-WGHTS\0"
VERSION = 1
HEADER_SIZE = 64
_HEADER = struct.Struct("<16sIIQ32s")  # magic, version, header size, payload size, sha256
SUFFIX = ".weights"


class WeightsError(OnnxMlirError, OSError):
    """A weights file is missing, of another model, truncated or damaged."""


def weights_path(library: str | os.PathLike) -> str:
    """Where the weights of the library ``library`` are: the same path with ``.weights``."""
    return str(Path(library).with_suffix(SUFFIX))


def digest(payload: np.ndarray) -> str:
    """The hex SHA-256 of a weights buffer (what a library records)."""
    return hashlib.sha256(memoryview(np.ascontiguousarray(payload)).cast("B")).hexdigest()


def write_weights(path: str | os.PathLike, payload: np.ndarray, *, sha256: str | None = None) -> str:
    """Write ``payload`` (a flat uint8 array) as the weights file ``path``; returns ``path``.
    ``sha256``: its :func:`digest`, when already known."""
    data = memoryview(np.ascontiguousarray(payload)).cast("B")
    header = _HEADER.pack(MAGIC, VERSION, HEADER_SIZE, len(data), bytes.fromhex(sha256 or digest(payload)))
    with open(path, "wb") as file:
        file.write(header.ljust(HEADER_SIZE, b"\0"))
        file.write(data)
    return str(path)


def read_header(fd: int, path: str) -> tuple[int, str]:
    """(payload size, hex SHA-256) from the header of the open weights file ``fd``."""
    os.lseek(fd, 0, os.SEEK_SET)
    head = os.read(fd, HEADER_SIZE)
    if len(head) < _HEADER.size or head[:16] != MAGIC:
        raise WeightsError(f"'{path}' is not an onnx-mlir weights file (no {MAGIC[:-1].decode()} header)")
    _, version, header_size, size, sha = _HEADER.unpack_from(head)
    if version != VERSION or header_size != HEADER_SIZE:
        raise WeightsError(f"'{path}': weights file format {version} (header {header_size} bytes) is not "
                           f"supported (expected {VERSION}); compile the model again")
    return size, sha.hex()


def file_sha256(fd: int, start: int = 0) -> tuple[str, int]:
    """(hex SHA-256, size) of the open file ``fd`` from byte ``start`` to its end."""
    sha, size = hashlib.sha256(), 0
    os.lseek(fd, start, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 20):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


def open_weights(path: str | os.PathLike, size: int, sha256: str, *, library: str = "the library",
                 verify: bool = True, fd: int | None = None) -> np.ndarray:
    """The payload of the weights file ``path`` as a read-only uint8 array over a read-only
    mapping (kept alive by the array), checked against what the library expects: ``size`` bytes
    with the SHA-256 ``sha256``. ``verify`` also hashes the payload (reads it all once).
    ``fd``: the file, already open (it is not closed)."""
    path = str(path)
    own = fd is None
    if own:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            raise WeightsError(f"{library} needs its weights file '{path}' ({exc.strerror}); save() "
                               "and onnx-mlir --EmitLib write it next to the library") from None
    try:
        stored_size, stored_sha = read_header(fd, path)
        if (stored_size, stored_sha) != (size, sha256):
            raise WeightsError(f"'{path}' holds the weights of another model or compile ({stored_size} bytes, "
                               f"SHA-256 {stored_sha[:16]}...), not those {library} was compiled with "
                               f"({size} bytes, SHA-256 {sha256[:16]}...)")
        actual = os.fstat(fd).st_size - HEADER_SIZE
        if actual != size:
            raise WeightsError(f"'{path}' is {'truncated' if actual < size else 'too long'}: {max(actual, 0)} "
                               f"bytes of weights, expected {size}")
        if verify and file_sha256(fd, HEADER_SIZE) != (sha256, size):
            raise WeightsError(f"'{path}' is damaged: its weights do not match their SHA-256")
        mapping = mmap.mmap(fd, HEADER_SIZE + size, prot=mmap.PROT_READ)
    finally:
        if own:
            os.close(fd)
    return np.frombuffer(mapping, np.uint8, count=size, offset=HEADER_SIZE)
