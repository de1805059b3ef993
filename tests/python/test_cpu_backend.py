"""CPU backend: hand-written linalg-on-tensors modules, lowered, JIT-compiled and compared with numpy."""

from __future__ import annotations

import ctypes
import math
import re

import numpy as np
import pytest
from mlir import ir

from onnx_mlir.errors import InputError
from onnx_mlir.compiler import cpu_artifact_from_linalg
from onnx_mlir.lowering.cpu.pipeline import lower_to_llvm
from onnx_mlir.lowering.cpu.stages import STAGES
from onnx_mlir.runtime.compiled_model import CompiledModel

RNG = np.random.default_rng(0)
ID2 = "affine_map<(d0, d1) -> (d0, d1)>"


def compile_linalg(text: str) -> CompiledModel:
    module = ir.Module.parse(text, ir.Context())
    return CompiledModel.load(cpu_artifact_from_linalg(module))


def matmul_text(m: int, n: int, k: int, elt: str = "f32") -> str:
    return f"""
func.func @main_graph(%a: tensor<{m}x{k}x{elt}> {{onnx.name = "a"}}, %b: tensor<{k}x{n}x{elt}> {{onnx.name = "b"}})
    -> (tensor<{m}x{n}x{elt}> {{onnx.name = "y"}}) {{
  %c = arith.constant 0.0 : {elt}
  %e = tensor.empty() : tensor<{m}x{n}x{elt}>
  %z = linalg.fill ins(%c : {elt}) outs(%e : tensor<{m}x{n}x{elt}>) -> tensor<{m}x{n}x{elt}>
  %r = linalg.matmul ins(%a, %b : tensor<{m}x{k}x{elt}>, tensor<{k}x{n}x{elt}>)
                     outs(%z : tensor<{m}x{n}x{elt}>) -> tensor<{m}x{n}x{elt}>
  return %r : tensor<{m}x{n}x{elt}>
}}"""


@pytest.mark.parametrize("m,n,k", [(64, 48, 32), (5, 7, 3), (128, 256, 64)])
@pytest.mark.parametrize("elt,dtype", [("f32", np.float32), ("f64", np.float64)])
def test_matmul(m, n, k, elt, dtype):
    model = compile_linalg(matmul_text(m, n, k, elt))
    a, b = RNG.standard_normal((m, k)).astype(dtype), RNG.standard_normal((k, n)).astype(dtype)
    (y,) = model.run(None, {"a": a, "b": b})
    np.testing.assert_allclose(y, a @ b, rtol=1e-4, atol=1e-4)


def test_batch_matmul():
    model = compile_linalg("""
func.func @main_graph(%a: tensor<3x16x8xf32>, %b: tensor<3x8x32xf32>) -> tensor<3x16x32xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x16x32xf32>
  %z = linalg.fill ins(%c : f32) outs(%e : tensor<3x16x32xf32>) -> tensor<3x16x32xf32>
  %r = linalg.batch_matmul ins(%a, %b : tensor<3x16x8xf32>, tensor<3x8x32xf32>)
                           outs(%z : tensor<3x16x32xf32>) -> tensor<3x16x32xf32>
  return %r : tensor<3x16x32xf32>
}""")
    a, b = RNG.standard_normal((3, 16, 8), np.float32), RNG.standard_normal((3, 8, 32), np.float32)
    (y,) = model.run(None, {"input_0": a, "input_1": b})
    np.testing.assert_allclose(y, a @ b, rtol=1e-5, atol=1e-5)


def _unary_text(elt: str) -> str:
    return f"""
#id = {ID2}
func.func @main_graph(%x: tensor<4x5x{elt}>) -> (tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>,
                                                tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>) {{
  %e = tensor.empty() : tensor<4x5x{elt}>
  %r:6 = linalg.generic {{indexing_maps = [#id, #id, #id, #id, #id, #id, #id],
                         iterator_types = ["parallel", "parallel"]}}
      ins(%x : tensor<4x5x{elt}>) outs(%e, %e, %e, %e, %e, %e : tensor<4x5x{elt}>, tensor<4x5x{elt}>,
          tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>) {{
  ^bb0(%v: {elt}, %o0: {elt}, %o1: {elt}, %o2: {elt}, %o3: {elt}, %o4: {elt}, %o5: {elt}):
    %a = math.absf %v : {elt}
    %0 = math.exp %v : {elt}
    %1 = math.tanh %v : {elt}
    %2 = math.erf %v : {elt}
    %3 = math.log %a : {elt}
    %4 = math.sqrt %a : {elt}
    %5 = math.powf %a, %v : {elt}
    linalg.yield %0, %1, %2, %3, %4, %5 : {elt}, {elt}, {elt}, {elt}, {elt}, {elt}
  }} -> (tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>,
        tensor<4x5x{elt}>)
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5 : tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>,
      tensor<4x5x{elt}>, tensor<4x5x{elt}>, tensor<4x5x{elt}>
}}"""


@pytest.mark.parametrize("elt,dtype,tol", [("f32", np.float32, 2e-6), ("f64", np.float64, 1e-13)])
def test_math_functions(elt, dtype, tol):
    model = compile_linalg(_unary_text(elt))
    x = (RNG.standard_normal((4, 5)) * 2).astype(dtype)
    outs = model.run(None, {"input_0": x})
    a = np.abs(x)
    erf = np.vectorize(math.erf)(x.astype(np.float64))
    expected = [np.exp(x), np.tanh(x), erf, np.log(a), np.sqrt(a), a ** x]
    for got, want in zip(outs, expected):
        assert got.dtype == dtype
        np.testing.assert_allclose(got, want.astype(dtype), rtol=tol * 10, atol=tol)


def test_conv_2d_nchw_fchw():
    model = compile_linalg("""
func.func @main_graph(%x: tensor<2x3x9x9xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<2x4x7x7xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x7x7xf32>
  %z = linalg.fill ins(%c : f32) outs(%e : tensor<2x4x7x7xf32>) -> tensor<2x4x7x7xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x3x9x9xf32>, tensor<4x3x3x3xf32>) outs(%z : tensor<2x4x7x7xf32>) -> tensor<2x4x7x7xf32>
  return %r : tensor<2x4x7x7xf32>
}""")
    x, w = RNG.standard_normal((2, 3, 9, 9), np.float32), RNG.standard_normal((4, 3, 3, 3), np.float32)
    (y,) = model.run(None, {"input_0": x, "input_1": w})
    windows = np.lib.stride_tricks.sliding_window_view(x, (3, 3), axis=(2, 3))  # n c oh ow kh kw
    expected = np.einsum("ncijkl,fckl->nfij", windows, w)
    np.testing.assert_allclose(y, expected, rtol=1e-4, atol=1e-4)


def test_reduction_generic():
    model = compile_linalg("""
#in = affine_map<(d0, d1) -> (d0, d1)>
#out = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<6x33xf32>) -> tensor<6xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6xf32>
  %z = linalg.fill ins(%c : f32) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %r = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<6x33xf32>) outs(%z : tensor<6xf32>) {
  ^bb0(%v: f32, %acc: f32):
    %s = arith.addf %v, %acc : f32
    linalg.yield %s : f32
  } -> tensor<6xf32>
  return %r : tensor<6xf32>
}""")
    x = RNG.standard_normal((6, 33), np.float32)
    (y,) = model.run(None, {"input_0": x})
    np.testing.assert_allclose(y, x.sum(axis=1), rtol=1e-5, atol=1e-5)


def test_integer_i64():
    model = compile_linalg(f"""
#id = {ID2}
func.func @main_graph(%a: tensor<3x4xi64>, %b: tensor<3x4xi64>) -> tensor<3x4xi64> {{
  %e = tensor.empty() : tensor<3x4xi64>
  %r = linalg.generic {{indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%a, %b : tensor<3x4xi64>, tensor<3x4xi64>) outs(%e : tensor<3x4xi64>) {{
  ^bb0(%x: i64, %y: i64, %o: i64):
    %p = arith.muli %x, %y : i64
    %g = arith.cmpi sgt, %x, %y : i64
    %s = arith.select %g, %p, %x : i64
    linalg.yield %s : i64
  }} -> tensor<3x4xi64>
  return %r : tensor<3x4xi64>
}}""")
    a = RNG.integers(-(2 ** 40), 2 ** 40, (3, 4))
    b = RNG.integers(-5, 5, (3, 4))
    (s,) = model.run(None, {"input_0": a, "input_1": b})
    assert s.dtype == np.int64
    np.testing.assert_array_equal(s, np.where(a > b, a * b, a))


BOOL_MODEL = f"""
#id = {ID2}
func.func @main_graph(%a: tensor<3x4xi64>, %b: tensor<3x4xi64>, %m: tensor<3x4xi1>) -> tensor<3x4xi1> {{
  %eb = tensor.empty() : tensor<3x4xi1>
  %r = linalg.generic {{indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%a, %b, %m : tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi1>) outs(%eb : tensor<3x4xi1>) {{
  ^bb0(%x: i64, %y: i64, %c: i1, %ob: i1):
    %g = arith.cmpi sgt, %x, %y : i64
    %n = arith.xori %g, %c : i1
    linalg.yield %n : i1
  }} -> tensor<3x4xi1>
  return %r : tensor<3x4xi1>
}}"""


def test_bool_buffers():
    """i1 buffers are widened to i8 (cpu-widen-bool-buffers): bool inputs and outputs work."""
    model = compile_linalg(BOOL_MODEL)
    a, b = RNG.integers(-5, 5, (3, 4)), RNG.integers(-5, 5, (3, 4))
    m = RNG.random((3, 4)) > 0.5
    (n,) = model.run(None, {"input_0": a, "input_1": b, "input_2": m})
    np.testing.assert_array_equal(n, (a > b) ^ m)


def test_tensor_ops_and_resource_constant():
    model = compile_linalg("""
func.func @main_graph(%x: tensor<4x3xf32> {onnx.name = "x"})
    -> (tensor<6x3xf32> {onnx.name = "cat"}, tensor<4x5xf32> {onnx.name = "pad"},
        tensor<2x6xf32> {onnx.name = "slice"}) {
  %cst = arith.constant 0.5 : f32
  %w = arith.constant dense_resource<blob1> : tensor<2x3xf32>
  %c = tensor.concat dim(0) %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  %p = tensor.pad %x low[0, 1] high[0, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %cst : f32
  } : tensor<4x3xf32> to tensor<4x5xf32>
  %s = tensor.extract_slice %x[1, 0] [2, 3] [1, 1] : tensor<4x3xf32> to tensor<2x3xf32>
  %col = tensor.collapse_shape %s [[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
  %ex = tensor.expand_shape %col [[0, 1]] output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>
  %e = tensor.empty() : tensor<2x6xf32>
  %i0 = tensor.insert_slice %ex into %e[0, 0] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<2x6xf32>
  %i1 = tensor.insert_slice %w into %i0[0, 3] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<2x6xf32>
  return %c, %p, %i1 : tensor<6x3xf32>, tensor<4x5xf32>, tensor<2x6xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}""")
    x = RNG.standard_normal((4, 3), np.float32)
    w = np.arange(1, 7, dtype=np.float32).reshape(2, 3)
    cat, pad, sl = model.run(None, {"x": x})
    np.testing.assert_array_equal(cat, np.concatenate([x, w]))
    np.testing.assert_array_equal(pad, np.pad(x, ((0, 0), (1, 1)), constant_values=0.5))
    np.testing.assert_array_equal(sl, np.concatenate([x[1:3], w], axis=1))
    (only,) = model.run(["pad"], {"x": x})
    np.testing.assert_array_equal(only, pad)


DYNAMIC = f"""
#id = {ID2}
func.func @main_graph(%x: tensor<?x3xf32> {{onnx.name = "x", onnx.dim_params = ["N", ""]}},
                      %y: tensor<?x3xf32> {{onnx.name = "y", onnx.dim_params = ["N", ""]}})
    -> (tensor<?x3xf32> {{onnx.name = "z"}}, tensor<2x2xf32> {{onnx.name = "k"}}) {{
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x3xf32>
  %e = tensor.empty(%n) : tensor<?x3xf32>
  %r = linalg.generic {{indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}}
      ins(%x, %y : tensor<?x3xf32>, tensor<?x3xf32>) outs(%e : tensor<?x3xf32>) {{
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }} -> tensor<?x3xf32>
  %k = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  return %r, %k : tensor<?x3xf32>, tensor<2x2xf32>
}}"""


def test_dynamic_batch_results():
    model = compile_linalg(DYNAMIC)
    assert [(i.name, i.shape, i.type) for i in model.get_inputs()] == [
        ("x", ("N", 3), "tensor(float)"), ("y", ("N", 3), "tensor(float)")]
    assert [(o.name, o.shape) for o in model.get_outputs()] == [("z", (None, 3)), ("k", (2, 2))]
    for n in (1, 7, 0):
        x, y = RNG.standard_normal((n, 3), np.float32), RNG.standard_normal((n, 3), np.float32)
        z, k = model.run(None, {"x": x, "y": y})
        np.testing.assert_array_equal(z, x + y)
        np.testing.assert_array_equal(k, [[1, 2], [3, 4]])


def test_input_validation():
    model = compile_linalg(DYNAMIC)
    x = np.zeros((2, 3), np.float32)
    cases = [
        ({"x": x}, "missing input"),
        ({"x": x, "y": x, "w": x}, "unknown input"),
        ({"x": x, "y": x.astype(np.float64)}, "element type"),
        ({"x": x, "y": x[None]}, "rank"),
        ({"x": x, "y": np.zeros((2, 4), np.float32)}, "axis 1 has size 4, expected 3"),
        ({"x": x, "y": np.zeros((5, 3), np.float32)}, "'N'"),
    ]
    for feeds, message in cases:
        with pytest.raises(InputError, match=message):
            model.run(None, feeds)
    with pytest.raises(InputError, match="unknown output"):
        model.run(["nope"], {"x": x, "y": x})
    static = compile_linalg(matmul_text(4, 4, 4))
    with pytest.raises(InputError, match="axis 0 has size 3, expected 4"):
        static.run(None, {"a": np.zeros((3, 4), np.float32), "b": np.zeros((4, 4), np.float32)})


def test_stages_and_no_leftover_ops():
    module = ir.Module.parse(matmul_text(16, 16, 16), ir.Context())
    seen = []
    lower_to_llvm(module, on_stage=lambda name, m: seen.append((name, str(m))))
    assert [s for s, _ in seen] == list(STAGES)
    final = seen[-1][1]
    assert "llvm.func @main_graph" in final and "_mlir_ciface_main_graph" in final
    for dialect in ("linalg.", "tensor.", "memref.", "scf.", "vector.", "func.func"):
        assert dialect not in final
    bufferized = dict(seen)["bufferize"]
    # The result became an out-param: a third argument and no results.
    assert re.search(r"@main_graph\(%arg0: [^\n]*%arg2: memref<16x16xf32>[^\n]*\) \{", bufferized)

    partial = ir.Module.parse(matmul_text(4, 4, 4), ir.Context())
    lower_to_llvm(partial, upto="bufferize")
    assert "memref" in str(partial) and "llvm.func" not in str(partial)


def test_registered_pipeline():
    from onnx_mlir.passes import run_pipeline

    module = ir.Module.parse(matmul_text(8, 8, 8), ir.Context())
    run_pipeline(module, "builtin.module(linalg-to-cpu)")
    assert "llvm.func @main_graph" in str(module) and "linalg." not in str(module)


def test_save_shared_library(tmp_path):
    model = compile_linalg(matmul_text(8, 8, 8))
    lib = ctypes.CDLL(model.save(str(tmp_path / "model.so")))
    assert lib._mlir_ciface_main_graph is not None
