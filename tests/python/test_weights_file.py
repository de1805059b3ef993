"""Weights are data, not code: large constants reach the compiled code as one weights buffer
(``lowering/cpu/externalize_weights.py``), passed by the JIT from memory and by ``load()`` from
the ``.weights`` file ``save()`` writes next to the library (``runtime/weights_file.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper as nh

import onnx_mlir
from onnx_mlir.compiler import compile_for_cpu
from onnx_mlir.runtime.library import LibraryError
from onnx_mlir.runtime.weights_file import HEADER_SIZE, WeightsError

needs_cc = pytest.mark.skipif(shutil.which("cc") is None, reason="writing a library needs a C compiler ('cc')")


def _conv_bn_gemm(channels: int = 16, classes: int = 10, seed: int = 0):
    """Conv (its filter goes channels-last at compile time) + BatchNorm (folded into it) + Gemm
    (transposed weights): weights that the compiler transforms before moving them out."""
    rng = np.random.default_rng(seed)
    f = lambda *shape: rng.standard_normal(shape).astype(np.float32)  # noqa: E731
    inits = [nh.from_array(f(channels, 3, 3, 3), "W"), nh.from_array(f(channels), "B"),
             nh.from_array(f(channels), "scale"), nh.from_array(f(channels), "bias"),
             nh.from_array(f(channels), "mean"), nh.from_array(np.abs(f(channels)) + 0.5, "var"),
             nh.from_array(f(classes, channels * 16), "G"), nh.from_array(f(classes), "C")]
    nodes = [h.make_node("Conv", ["x", "W", "B"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             h.make_node("BatchNormalization", ["c", "scale", "bias", "mean", "var"], ["n"], name="bn"),
             h.make_node("Relu", ["n"], ["r"], name="relu"),
             h.make_node("Flatten", ["r"], ["flat"], name="flatten"),
             h.make_node("Gemm", ["flat", "G", "C"], ["y"], transB=1, name="gemm")]
    graph = h.make_graph(nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1, 3, 4, 4])],
                         [h.make_tensor_value_info("y", T.FLOAT, [1, classes])], inits)
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def _embedding(rows: int, width: int = 64):
    table = np.arange(rows * width, dtype=np.float32).reshape(rows, width) / 7
    graph = h.make_graph([h.make_node("Gather", ["table", "ids"], ["y"], axis=0, name="gather")], "g",
                         [h.make_tensor_value_info("ids", T.INT64, [3])],
                         [h.make_tensor_value_info("y", T.FLOAT, [3, width])], [nh.from_array(table, "table")])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def _feeds():
    return {"x": np.random.default_rng(1).standard_normal((1, 3, 4, 4)).astype(np.float32)}


def _large_llvm_globals(module) -> list[str]:
    """LLVM globals of more than 1 KiB in an LLVM-dialect module (printed with their data)."""
    return [line[:80] for line in str(module).splitlines()
            if "llvm.mlir.global" in line and len(line) > 2048]


def test_jit_passes_the_weights_and_llvm_sees_no_large_global():
    model = _conv_bn_gemm()
    artifact = compile_for_cpu(model)
    assert artifact.weights is not None and artifact.weights.dtype == np.uint8
    # the filter (16*3*3*3 f32, BatchNorm folded in) and the Gemm weights (10 x 256 f32)
    assert artifact.weights.size >= (16 * 27 + 10 * 256) * 4
    assert _large_llvm_globals(artifact.module) == []
    expected = ort.InferenceSession(model.SerializeToString()).run(None, _feeds())[0]
    got = onnx_mlir.compile(model).run(None, _feeds())[0]
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def test_weights_are_stored_as_the_code_reads_them():
    """A conv filter goes channels-last at compile time (cpu-conv-layout): the buffer holds the
    permuted filter (KH, KW, C, F), not the ONNX one, so loading does no work."""
    w = np.random.default_rng(2).standard_normal((32, 8, 3, 3)).astype(np.float32)
    graph = h.make_graph([h.make_node("Conv", ["x", "w"], ["y"], name="conv")], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, [1, 8, 6, 6])],
                         [h.make_tensor_value_info("y", T.FLOAT, [1, 32, 4, 4])], [nh.from_array(w, "w")])
    blob = compile_for_cpu(h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)).weights
    assert blob.tobytes().find(np.ascontiguousarray(w.transpose(2, 3, 1, 0)).tobytes()) % 64 == 0
    assert w.tobytes() not in blob.tobytes()


def test_threshold_keeps_small_constants_in_the_code_and_off_keeps_all(monkeypatch):
    small = compile_for_cpu(_embedding(4))  # 1 KiB exactly: not over the threshold
    assert small.weights is None
    monkeypatch.setenv("ONNX_MLIR_WEIGHTS_MIN_BYTES", "off")
    inline = compile_for_cpu(_conv_bn_gemm())
    assert inline.weights is None and _large_llvm_globals(inline.module)
    monkeypatch.setenv("ONNX_MLIR_WEIGHTS_MIN_BYTES", "16")
    assert compile_for_cpu(_embedding(4)).weights.size == 4 * 64 * 4
    monkeypatch.setenv("ONNX_MLIR_WEIGHTS_MIN_BYTES", "1k")
    with pytest.raises(onnx_mlir.CompilationError, match="expected a byte count or 'off'"):
        compile_for_cpu(_embedding(4))


@needs_cc
def test_save_writes_the_weights_file_and_load_maps_it(tmp_path):
    model = _conv_bn_gemm()
    compiled = onnx_mlir.compile(model)
    path = compiled.save(str(tmp_path / "m.so"))
    weights = tmp_path / "m.weights"
    assert weights.stat().st_size == HEADER_SIZE + compiled._jit.weights.size
    loaded = onnx_mlir.load(path)
    assert not loaded._jit.weights.flags.writeable  # a read-only mapping of the file
    np.testing.assert_array_equal(loaded.run(None, _feeds())[0], compiled.run(None, _feeds())[0])
    # saved again from the loaded model: library and weights copied
    again = onnx_mlir.load(loaded.save(str(tmp_path / "copy.so")))
    assert (tmp_path / "copy.weights").read_bytes() == weights.read_bytes()
    np.testing.assert_array_equal(again.run(None, _feeds())[0], compiled.run(None, _feeds())[0])
    # another place, named explicitly
    moved = tmp_path / "elsewhere.bin"
    shutil.move(weights, moved)
    np.testing.assert_array_equal(onnx_mlir.load(path, weights=moved).run(None, _feeds())[0],
                                  compiled.run(None, _feeds())[0])


@needs_cc
def test_library_size_does_not_depend_on_the_weights(tmp_path):
    sizes = {}
    for rows in (64, 16384):  # 16 KiB and 4 MiB of weights, the same code
        compiled = onnx_mlir.compile(_embedding(rows))
        path = Path(compiled.save(str(tmp_path / f"e{rows}.so")))
        sizes[rows] = (path.stat().st_size, path.with_suffix(".weights").stat().st_size)
        ids = np.array([0, rows - 1, 3], np.int64)
        np.testing.assert_array_equal(onnx_mlir.load(path).run(None, {"ids": ids})[0],
                                      (np.arange(rows * 64, dtype=np.float32).reshape(rows, 64) / 7)[ids])
    (lib_small, w_small), (lib_large, w_large) = sizes[64], sizes[16384]
    assert w_large - w_small == (16384 - 64) * 64 * 4
    assert abs(lib_large - lib_small) <= 64, sizes  # (only a loop bound differs)


@needs_cc
@pytest.mark.parametrize("damage, message", [
    ("missing", "needs its weights file"),
    ("truncate", "truncated"),
    ("payload", "damaged"),
    ("header", "another model or compile"),
    ("magic", "not an onnx-mlir weights file"),
    ("other", "another model or compile"),
])
def test_a_bad_weights_file_is_a_clear_error_at_load(tmp_path, damage, message):
    path = onnx_mlir.compile(_conv_bn_gemm()).save(str(tmp_path / "m.so"))
    weights = tmp_path / "m.weights"
    data = bytearray(weights.read_bytes())
    if damage == "missing":
        weights.unlink()
    elif damage == "truncate":
        weights.write_bytes(bytes(data[:-100]))
    elif damage == "payload":
        data[HEADER_SIZE + 5] ^= 0x40
        weights.write_bytes(bytes(data))
    elif damage == "header":
        data[40] ^= 0x01  # in the SHA-256 the header records
        weights.write_bytes(bytes(data))
    elif damage == "magic":
        weights.write_bytes(b"\0" * len(data))
    else:  # the weights of the same model with other values
        onnx_mlir.compile(_conv_bn_gemm(seed=1)).save(str(tmp_path / "other.so"))
        shutil.copyfile(tmp_path / "other.weights", weights)
    with pytest.raises(WeightsError, match=message) as info:
        onnx_mlir.load(path)
    assert isinstance(info.value, onnx_mlir.OnnxMlirError) and "m.weights" in str(info.value)
    if damage == "payload":  # found by the hash only: not checked when asked not to
        onnx_mlir.load(path, verify_weights=False)


def test_load_of_a_library_without_weights_needs_no_file(tmp_path):
    if shutil.which("cc") is None:
        pytest.skip("writing a library needs a C compiler ('cc')")
    path = onnx_mlir.compile(_embedding(2)).save(str(tmp_path / "e.so"))
    assert not (tmp_path / "e.weights").exists()
    assert onnx_mlir.load(path)._jit.weights is None
    with pytest.raises(LibraryError, match="no such library"):
        onnx_mlir.load(tmp_path / "none.so")


@needs_cc
def test_weights_with_dynamic_results_and_runtime_checks(tmp_path):
    """Dynamic results (returned by the code: a results struct first) and the status buffer:
    the weights still come last."""
    table = np.arange(300 * 4, dtype=np.float32).reshape(300, 4)
    graph = h.make_graph([h.make_node("Gather", ["table", "ids"], ["y"], axis=0, name="gather")], "g",
                         [h.make_tensor_value_info("ids", T.INT64, ["n"])],
                         [h.make_tensor_value_info("y", T.FLOAT, ["n", 4])], [nh.from_array(table, "table")])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)
    compiled = onnx_mlir.compile(model)
    assert compiled._jit.results_returned and compiled._jit.status_slots and compiled._jit.weights is not None
    loaded = onnx_mlir.load(compiled.save(str(tmp_path / "g.so")))
    for m in (compiled, loaded):
        ids = np.array([299, 0, 7], np.int64)
        np.testing.assert_array_equal(m.run(None, {"ids": ids})[0], table[ids])
        with pytest.raises(onnx_mlir.ExecutionError, match="out of range"):
            m.run(None, {"ids": np.array([300], np.int64)})


def test_emit_obj_writes_the_weights_next_to_the_object(tmp_path):
    import onnx

    from onnx_mlir.tools.onnx_mlir_driver import main

    onnx.save(_conv_bn_gemm(), tmp_path / "m.onnx")
    assert main([str(tmp_path / "m.onnx"), "--EmitObj", "-o", str(tmp_path / "m.o")]) == 0
    payload = compile_for_cpu(_conv_bn_gemm()).weights
    assert (tmp_path / "m.weights").read_bytes()[HEADER_SIZE:] == payload.tobytes()
