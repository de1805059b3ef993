"""``dialects.dense_elements``: reading ``dense<...>`` attributes into numpy.

Attributes are built from MLIR's textual form (parsed by MLIR itself, independent of the storage
layout the reader decodes), over every element type, splat and non-splat, with 1, 8, 9 and 1000
elements: the bindings' own ``np.array(attr)`` reads memory past a splat ``i1``'s one byte from the
9th element on, and rejects bf16, float8 and 2/4-bit integers.
"""

from __future__ import annotations

import ml_dtypes
import numpy as np
import pytest
from mlir import ir

from onnx_mlir.dialects.dense_elements import (dense_elements_from_numpy, dense_elements_to_numpy,
                                               dense_splat_value, element_dtype)

FLOATS = {
    "f16": np.float16, "f32": np.float32, "f64": np.float64, "bf16": ml_dtypes.bfloat16,
    "f8E4M3FN": ml_dtypes.float8_e4m3fn, "f8E4M3FNUZ": ml_dtypes.float8_e4m3fnuz,
    "f8E5M2": ml_dtypes.float8_e5m2, "f8E5M2FNUZ": ml_dtypes.float8_e5m2fnuz,
    "f8E4M3": ml_dtypes.float8_e4m3, "f8E3M4": ml_dtypes.float8_e3m4,
    "f8E4M3B11FNUZ": ml_dtypes.float8_e4m3b11fnuz, "f8E8M0FNU": ml_dtypes.float8_e8m0fnu,
    "f4E2M1FN": ml_dtypes.float4_e2m1fn, "f6E2M3FN": ml_dtypes.float6_e2m3fn,
    "f6E3M2FN": ml_dtypes.float6_e3m2fn,
}
# MLIR integer type -> (numpy dtype read back, smallest value, largest value)
INTEGERS = {
    "i1": (np.bool_, 0, 1),
    "i2": (ml_dtypes.int2, -2, 1), "si2": (ml_dtypes.int2, -2, 1), "ui2": (ml_dtypes.uint2, 0, 3),
    "i4": (ml_dtypes.int4, -8, 7), "si4": (ml_dtypes.int4, -8, 7), "ui4": (ml_dtypes.uint4, 0, 15),
    **{f"{p}{w}": (np.dtype(f"{'u' if p == 'ui' else 'i'}{w // 8}"),
                   0 if p == "ui" else -(1 << (w - 1)), (1 << (w - (0 if p == "ui" else 1))) - 1)
       for p in ("i", "si", "ui") for w in (8, 16, 32, 64)},
    "index": (np.int64, -(1 << 63), (1 << 63) - 1),
}
SIZES = [1, 8, 9, 1000]


def _float_values(dtype, count: int, rng) -> np.ndarray:
    """``count`` finite values representable in ``dtype`` (all of a <= 8-bit type's values)."""
    if np.dtype(dtype).itemsize == 1:
        every = np.arange(256, dtype=np.uint8).view(dtype)
        finite = every[np.isfinite(every.astype(np.float32))]
        return rng.choice(finite, size=count)
    return (rng.standard_normal(count) * 100).astype(dtype)


def _int_values(low: int, high: int, count: int, rng) -> list[int]:
    values = [int(v) for v in rng.integers(low, high, size=count, endpoint=True, dtype=np.uint64
                                           if low >= 0 else np.int64)]
    values[: min(2, count)] = [low, high][: min(2, count)]  # both ends of the range
    return values


def _literal(value, type_name: str) -> str:
    if type_name == "i1":
        return "true" if value else "false"
    if type_name in FLOATS:
        return repr(float(value))
    return str(int(value))


def _cases():
    for name in [*FLOATS, *INTEGERS]:
        for size in SIZES:
            for splat in (True, False):
                if size == 1 and not splat:
                    continue  # a one-element attribute is always a splat
                yield pytest.param(name, size, splat, id=f"{name}-{size}-{'splat' if splat else 'dense'}")


def _attribute(name: str, size: int, splat: bool, seed: int = 0):
    """(attribute built from text, the values it holds, their numpy dtype)."""
    rng = np.random.default_rng(seed)
    if name in FLOATS:
        dtype = np.dtype(FLOATS[name])
        values = [float(v) for v in _float_values(dtype, size, rng)]
        if size > 1:
            values[:2] = [1.0, 2.0]  # not a splat (both exact in every float type)
    else:
        dtype, low, high = INTEGERS[name]
        dtype = np.dtype(dtype)
        values = _int_values(low, high, size, rng)
    if splat:
        values = [values[-1]] * size
        if name == "i1":
            values = [1] * size  # dense<true>: the case the bindings read wrong
    body = _literal(values[0], name) if splat else "[" + ", ".join(_literal(v, name) for v in values) + "]"
    attr = ir.Attribute.parse(f"dense<{body}> : tensor<{size}x{name}>")
    return attr, values, dtype


@pytest.mark.parametrize("name,size,splat", list(_cases()))
def test_reads_every_element_type(name, size, splat):
    with ir.Context():
        attr, values, dtype = _attribute(name, size, splat)
        assert attr.is_splat == splat
        got = dense_elements_to_numpy(attr)
    assert got.dtype == dtype
    assert got.shape == (size,)
    if name in FLOATS:
        assert [float(v) for v in got] == values
    else:
        assert [int(v) for v in got] == values


@pytest.mark.parametrize("shape", [[1, 16], [3, 1, 5], [], [0, 4]])
@pytest.mark.parametrize("value", ["true", "false"])
def test_bool_splat_has_the_attribute_shape(shape, value):
    with ir.Context():
        dims = "x".join(str(d) for d in shape)
        attr = ir.Attribute.parse(f"dense<{value}> : tensor<{dims + 'x' if dims else ''}i1>")
        got = dense_elements_to_numpy(attr)
    assert got.shape == tuple(shape) and got.dtype == np.bool_
    assert np.all(got == (value == "true"))


def test_reading_is_stable_and_owned():
    """Repeated reads give the same values (no read past the storage) and a writable copy."""
    with ir.Context():
        attr = ir.Attribute.parse("dense<true> : tensor<1x4096xi1>")
        reads = []
        for i in range(20):
            # Churn the heap between reads, as other attributes are made and freed.
            ir.Attribute.parse(f"dense<[{i}, 7, 3]> : tensor<3xi64>")
            reads.append(dense_elements_to_numpy(attr))
        assert all(np.array_equal(r, np.ones((1, 4096), np.bool_)) for r in reads)
        reads[0][0, 0] = False
        assert dense_elements_to_numpy(attr).all()


def test_splat_value_without_materializing():
    with ir.Context():
        value = dense_splat_value(ir.Attribute.parse("dense<-3> : tensor<100000000xi4>"))
        assert value.shape == () and value.dtype == ml_dtypes.int4 and int(value) == -3
        with pytest.raises(ValueError):
            dense_splat_value(ir.Attribute.parse("dense<[1, 2]> : tensor<2xi32>"))


@pytest.mark.parametrize("dtype,element", [(np.complex64, "complex<f32>"),
                                           (np.complex128, "complex<f64>")])
def test_complex(dtype, element):
    # The bindings cannot hand a parsed complex attribute to Python: build it from a buffer.
    with ir.Context(), ir.Location.unknown():
        t = ir.RankedTensorType.get([9], ir.Type.parse(element))
        values = (np.arange(9) + 1j * np.arange(9, 0, -1)).astype(dtype)
        np.testing.assert_array_equal(dense_elements_to_numpy(ir.DenseElementsAttr.get(values, type=t)), values)
        splat = ir.DenseElementsAttr.get(np.full(9, 2 - 1j, dtype), type=t)
        assert splat.is_splat
        np.testing.assert_array_equal(dense_elements_to_numpy(splat), np.full(9, 2 - 1j, dtype))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pattern", ["ones", "zeros", "mixed"])
def test_bool_round_trip(size, pattern):
    """numpy bools -> dense (bit-packed) -> numpy, splat or not."""
    array = {"ones": np.ones(size, np.bool_), "zeros": np.zeros(size, np.bool_),
             "mixed": np.arange(size) % 3 == 1}[pattern]
    with ir.Context(), ir.Location.unknown():
        t = ir.RankedTensorType.get([size], ir.IntegerType.get_signless(1))
        np.testing.assert_array_equal(dense_elements_to_numpy(dense_elements_from_numpy(array, t)), array)


def test_wider_storage_of_small_integers_is_sign_extended():
    """2/4-bit integers built from a byte buffer may carry high bits: only the low bits count."""
    with ir.Context(), ir.Location.unknown():
        t = ir.RankedTensorType.get([3], ir.IntegerType.get_signless(4))
        attr = ir.DenseElementsAttr.get(np.array([-3, 7, -8], np.int8), type=t)
        assert [int(v) for v in dense_elements_to_numpy(attr)] == [-3, 7, -8]


def test_unsupported_types_are_type_errors():
    with ir.Context():
        with pytest.raises(TypeError):
            dense_elements_to_numpy(ir.Attribute.parse("dense<[1, 2]> : tensor<2xi7>"))
        with pytest.raises(TypeError):
            element_dtype(ir.Type.parse("tf32"))
        with pytest.raises(ValueError):
            dense_elements_to_numpy(ir.Attribute.parse("[1, 2]"))


@pytest.mark.parametrize("element,blob,expected", [
    ("i1", "01000101", [True, False, True, True]),  # one byte per bool in a blob
    ("i4", "0d07080f", [-3, 7, -8, -1]),
    ("ui4", "0d07080f", [13, 7, 8, 15]),
    ("bf16", "c03f0040", [1.5, 2.0]),
    ("f8E4M3FN", "3cc0", [1.5, -2.0]),
    ("i16", "ffff0200", [-1, 2]),
])
def test_dense_resource_blobs_parsed_from_text(element, blob, expected):
    from onnx_mlir.dialects.resources import resource_array

    text = (f'"test.op"() {{value = dense_resource<blob> : tensor<{len(expected)}x{element}>}} : () -> ()\n'
            f'{{-#\n  dialect_resources: {{\n    builtin: {{\n      blob: "0x01000000{blob}"\n    }}\n  }}\n#-}}')
    with ir.Context() as context:
        context.allow_unregistered_dialects = True
        module = ir.Module.parse(text)
        attr = module.body.operations[0].attributes["value"]
        got = resource_array(attr, module)
    assert got is not None and got.dtype == element_dtype_of(element)
    assert [v.item() if element == "i1" else float(v) for v in got] == expected


def element_dtype_of(element: str) -> np.dtype:
    with ir.Context():
        return element_dtype(ir.Type.parse(element))


@pytest.mark.parametrize("text,expected", [
    ("dense<true> : tensor<1x16xi1>", np.ones((1, 16), np.bool_)),
    ("dense<[1.5, 2.0, -3.0]> : tensor<3xbf16>", np.array([1.5, 2.0, -3.0], np.float32)),
    ("dense<[[1, -2], [3, 4]]> : tensor<2x2xi8>", np.array([[1, -2], [3, 4]], np.int8)),
])
def test_gpu_runtime_constants(text, expected):
    """The GPU plan's constants go through the same reader (a splat bool mask of 16, a
    non-splat bf16 constant it refused before)."""
    from onnx_mlir.compiler.gpu_plan import constant_array

    with ir.Context(), ir.Location.unknown():
        module = ir.Module.parse(f"%c = arith.constant {text}")
        op = module.body.operations[0].operation
        got = constant_array(op, module)
    assert tuple(got.shape) == expected.shape
    np.testing.assert_array_equal(np.asarray(got).astype(np.float32), expected.astype(np.float32))
