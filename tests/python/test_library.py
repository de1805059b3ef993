"""Shared libraries that load back (``save()`` / ``onnx-mlir --EmitLib`` -> ``onnx_mlir.load``),
their generated C header and the C example (``examples/c/``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import ExecutionError, InputError
from onnx_mlir.runtime.library import LibraryError

REPO = Path(onnx_mlir.__file__).parent
EXAMPLE = REPO / "examples" / "c"
CC = shutil.which("cc")
needs_cc = pytest.mark.skipif(CC is None, reason="writing and linking a library needs a C compiler ('cc')")


def _model(nodes, inputs, outputs, initializers=()):
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def _vi(name, shape, elem=T.FLOAT):
    return h.make_tensor_value_info(name, elem, shape)


def _add_relu(dims):
    return _model([h.make_node("Add", ["a", "b"], ["s"], name="add0"),
                   h.make_node("Relu", ["s"], ["y"], name="relu0")],
                  [_vi("a", dims), _vi("b", dims)], [_vi("y", dims)])


@needs_cc
def test_load_round_trips_a_static_model(tmp_path):
    compiled = onnx_mlir.compile(_add_relu([2, 3]))
    path = compiled.save(str(tmp_path / "m.so"))
    loaded = onnx_mlir.load(path)
    assert loaded.get_inputs() == compiled.get_inputs()
    assert loaded.get_outputs() == compiled.get_outputs()
    feeds = {"a": np.random.randn(2, 3).astype(np.float32), "b": np.random.randn(2, 3).astype(np.float32)}
    np.testing.assert_array_equal(loaded.run(None, feeds)[0], compiled.run(None, feeds)[0])
    with pytest.raises(InputError, match="element type"):
        loaded.run(None, {"a": feeds["a"].astype(np.float64), "b": feeds["b"]})


@needs_cc
def test_load_keeps_symbolic_dims_and_typed_runtime_check_errors(tmp_path):
    compiled = onnx_mlir.compile(_add_relu(["n", 4]))
    loaded = onnx_mlir.load(compiled.save(str(tmp_path / "dyn.so")))
    assert [i.shape for i in loaded.get_inputs()] == [("n", 4), ("n", 4)]
    x = np.random.randn(5, 4).astype(np.float32)
    np.testing.assert_array_equal(loaded.run(None, {"a": x, "b": x})[0], compiled.run(None, {"a": x, "b": x})[0])

    independent = _model([h.make_node("Add", ["a", "b"], ["c"], name="add0")],
                         [_vi("a", ["n"]), _vi("b", ["m"])], [_vi("c", [None])])
    loaded = onnx_mlir.load(onnx_mlir.compile(independent).save(str(tmp_path / "check.so")))
    with pytest.raises(ExecutionError) as info:
        loaded.run(None, {"a": np.ones(5, np.float32), "b": np.ones(3, np.float32)})
    assert info.value.node == "add0" and "size 3" in str(info.value)
    np.testing.assert_array_equal(loaded.run(None, {"a": np.ones(3, np.float32), "b": np.ones(3, np.float32)})[0],
                                  np.full(3, 2, np.float32))  # the model runs again


@needs_cc
def test_reloading_a_rewritten_library_runs_the_new_code(tmp_path):
    path = str(tmp_path / "m.so")
    onnx_mlir.compile(_add_relu([2])).save(path)
    first = onnx_mlir.load(path)
    neg = _model([h.make_node("Neg", ["a"], ["y"])], [_vi("a", [2])], [_vi("y", [2])])
    onnx_mlir.compile(neg).save(path)
    second = onnx_mlir.load(path)
    assert second.input_names == ["a"]
    np.testing.assert_array_equal(second.run(None, {"a": np.ones(2, np.float32)})[0], -np.ones(2, np.float32))
    ones = np.ones(2, np.float32)
    np.testing.assert_array_equal(first.run(None, {"a": ones, "b": ones})[0], 2 * ones)


@needs_cc
def test_library_has_no_runpath_into_the_installation(tmp_path):
    path = onnx_mlir.compile(_add_relu([2, 3])).save(str(tmp_path / "m.so"))
    data = Path(path).read_bytes()
    assert sys.prefix.encode() not in data
    assert b"mlir/lib" not in data


READELF = shutil.which("readelf")


@needs_cc
@pytest.mark.skipif(READELF is None, reason="reading a library's dynamic section needs readelf (binutils)")
@pytest.mark.parametrize("how", ["save", "EmitLib"])
def test_library_code_is_position_independent(tmp_path, how):
    """No text relocations (TEXTREL): the code is compiled with relocation model pic, so the
    loader maps it read-only and shares it."""
    model = _model([h.make_node("Conv", ["x", "w"], ["c"], name="conv0"), h.make_node("Relu", ["c"], ["y"])],
                   [_vi("x", [1, 2, 6, 6])], [_vi("y", [1, 4, 4, 4])],
                   [h.make_tensor("w", T.FLOAT, [4, 2, 3, 3], np.linspace(-1, 1, 72).tolist())])
    path = tmp_path / "m.so"
    if how == "save":
        onnx_mlir.compile(model, cache=False).save(str(path))
    else:
        source = tmp_path / "m.onnx"
        source.write_bytes(model.SerializeToString())
        subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(source), "--EmitLib",
                        "-o", str(path)], check=True, capture_output=True)
    dynamic = subprocess.run([READELF, "-d", str(path)], capture_output=True, text=True, check=True).stdout
    assert "TEXTREL" not in dynamic
    x = np.random.rand(1, 2, 6, 6).astype(np.float32)
    assert onnx_mlir.load(str(path)).run(None, {"x": x})[0].shape == (1, 4, 4, 4)


def test_load_rejects_files_that_are_not_model_libraries(tmp_path):
    with pytest.raises(LibraryError, match="no such library"):
        onnx_mlir.load(tmp_path / "missing.so")
    junk = tmp_path / "junk.so"
    junk.write_bytes(b"not an ELF file")
    with pytest.raises(LibraryError, match="cannot load"):
        onnx_mlir.load(junk)
    libm = next((p for p in ("/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib64/libm.so.6") if Path(p).exists()), None)
    if libm:
        with pytest.raises(LibraryError, match="no onnx-mlir signature"):
            onnx_mlir.load(libm)


@needs_cc
def test_saving_a_loaded_model_copies_the_library(tmp_path):
    first = onnx_mlir.compile(_add_relu([2])).save(str(tmp_path / "a.so"))
    copy = onnx_mlir.load(first).save(str(tmp_path / "b.so"))
    assert Path(copy).read_bytes() == Path(first).read_bytes()


@needs_cc
def test_c_example_calls_the_library_through_the_generated_header(tmp_path):
    from onnx_mlir.tools.onnx_mlir_driver import main

    lib = tmp_path / "embedding.so"
    assert main([str(EXAMPLE / "embedding.onnxtxt"), "--EmitLib", "-o", str(lib)]) == 0
    header = (tmp_path / "embedding.h").read_text()
    assert "memref<6xi64>" in header and "check 1: node \"rows\" (Gather)" in header
    exe = tmp_path / "run_embedding"
    build = subprocess.run([CC, "-Wall", "-Werror", "-I", str(tmp_path), str(EXAMPLE / "run_embedding.c"),
                            str(lib), "-o", str(exe), f"-Wl,-rpath,{tmp_path}"], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "onnx_mlir_open_weights" in header and "memref<1200xi8>" in header  # the table: 100 x 3 floats
    good = subprocess.run([str(exe), "0", "4", "2", "99"], capture_output=True, text=True, cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    rows = np.array([[float(v) for v in line.split()] for line in good.stdout.splitlines()], np.float32)
    expected = onnx_mlir.load(lib).run(None, {"ids": np.array([0, 4, 2, 99], np.int64)})[0]
    np.testing.assert_array_equal(rows, expected)
    np.testing.assert_array_equal(rows[3], [990, 990.5, 991])
    bad = subprocess.run([str(exe), "0", "100", "2", "1"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 1 and bad.stdout.strip() == "check 1 failed: values 100 0 100"
    (tmp_path / "short.weights").write_bytes((tmp_path / "embedding.weights").read_bytes()[:600])
    short = subprocess.run([str(exe), "0", "1", "2", "3"], capture_output=True, text=True, cwd=tmp_path,
                           env={"EMBEDDING_WEIGHTS": "short.weights"})
    assert short.returncode == 2 and "truncated" in short.stderr


@needs_cc
@pytest.mark.parametrize("dims", [[6, 8], ["a", "b"]])
def test_strided_copies_use_the_library_own_memref_copy(tmp_path, dims):
    """Slices with steps and Concat lower to memref copies that call ``memrefCopy``: the
    library's own (c/memref_copy.c) must copy what MLIR's runner library copies in the JIT."""
    ints = lambda name, values: h.make_tensor(name, T.INT64, [len(values)], values)  # noqa: E731
    model = _model([h.make_node("Slice", ["x", "st", "en", "ax", "sp"], ["s"]),
                    h.make_node("Concat", ["s", "s"], ["y"], axis=1)],
                   [_vi("x", dims)], [_vi("y", None)],
                   [ints("st", [1, 0]), ints("en", [6, 8]), ints("ax", [0, 1]), ints("sp", [2, 3])])
    compiled = onnx_mlir.compile(model)
    path = compiled.save(str(tmp_path / "copy.so"))
    assert "memrefCopy" in subprocess.run(["nm", path], capture_output=True, text=True).stdout or \
        shutil.which("nm") is None
    x = np.arange(48, dtype=np.float32).reshape(6, 8)
    expected = np.concatenate([x[1:6:2, 0:8:3]] * 2, axis=1)
    np.testing.assert_array_equal(compiled.run(None, {"x": x})[0], expected)
    np.testing.assert_array_equal(onnx_mlir.load(path).run(None, {"x": x})[0], expected)
