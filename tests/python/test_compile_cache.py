"""The compile cache (``compiler/cache.py``): hits, misses, what the key covers, corruption,
permissions, concurrent compiles, and ``compile(verbose=True)``'s report."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir.compiler import driver
from onnx_mlir.compiler.cache import CacheWarning, CompileCache

pytestmark = pytest.mark.skipif(shutil.which("cc") is None,
                                reason="the cache stores shared libraries, linked with 'cc'")


def _model(op="Relu", shape=(2, 3)):
    graph = h.make_graph([h.make_node(op, ["x"], ["y"], name="n0")], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, list(shape))],
                         [h.make_tensor_value_info("y", T.FLOAT, list(shape))])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ONNX_MLIR_CACHE", "1")
    monkeypatch.setenv("ONNX_MLIR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "compile"


@pytest.fixture
def compiles(monkeypatch):
    """How many times the compiler driver really compiled."""
    count = [0]
    real = driver.compile_for_cpu

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(driver, "compile_for_cpu", counting)
    return count


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*/*.so"))


def test_second_compile_is_a_hit_with_equal_outputs(cache_dir, compiles, tmp_path):
    path = tmp_path / "relu.onnx"
    onnx.save(_model(), path)
    first = onnx_mlir.compile(str(path))
    second = onnx_mlir.compile(path)  # a PathLike: the same file, the same key
    assert compiles[0] == 1
    x = np.random.randn(2, 3).astype(np.float32)
    np.testing.assert_array_equal(first.run(None, {"x": x})[0], second.run(None, {"x": x})[0])
    assert second.get_inputs() == first.get_inputs()
    onnx_mlir.compile(path.read_bytes())  # bytes of the same model: another key
    assert compiles[0] == 2 and len(_entries(cache_dir)) == 2


def test_key_covers_model_options_target_and_environment(cache_dir, compiles, monkeypatch):
    onnx_mlir.compile(_model("Relu"))
    onnx_mlir.compile(_model("Neg"))
    onnx_mlir.compile(_model("Relu"), opt_level=1)
    onnx_mlir.compile(_model("Relu"), cpu="avx2")
    monkeypatch.setenv("ONNX_MLIR_MAX_TENSOR_BYTES", str(1 << 30))
    onnx_mlir.compile(_model("Relu"))
    assert compiles[0] == 5
    monkeypatch.delenv("ONNX_MLIR_MAX_TENSOR_BYTES")
    for kwargs in ({}, {"opt_level": 1}, {"cpu": "avx2"}):
        onnx_mlir.compile(_model("Relu"), **kwargs)
    onnx_mlir.compile(_model("Neg"))
    assert compiles[0] == 5


def test_bypassed_by_option_environment_on_stage_and_modules(cache_dir, compiles, monkeypatch):
    onnx_mlir.compile(_model(), cache=False)
    onnx_mlir.compile(_model(), on_stage=lambda name, module: None)
    onnx_mlir.compile(onnx_mlir.import_model(_model()))
    monkeypatch.setenv("ONNX_MLIR_CACHE", "0")
    onnx_mlir.compile(_model())
    assert compiles[0] == 4 and _entries(cache_dir) == []


def test_directory_is_owner_only_and_entries_complete(cache_dir):
    onnx_mlir.compile(_model())
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    (library,) = _entries(cache_dir)
    assert stat.S_IMODE(library.parent.stat().st_mode) == 0o700
    assert library.with_suffix(".json").exists()
    assert not [p for p in library.parent.iterdir() if p.name.startswith(".tmp-")]
    os.chmod(cache_dir, 0o755)  # loosened by someone: tightened again before use
    onnx_mlir.compile(_model())
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


@pytest.mark.parametrize("damage", ["flip", "truncate", "manifest"])
def test_corrupt_entry_is_compiled_again(cache_dir, compiles, damage):
    onnx_mlir.compile(_model())
    (library,) = _entries(cache_dir)
    data = bytearray(library.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
        library.write_bytes(bytes(data))
    elif damage == "truncate":
        library.write_bytes(bytes(data[:100]))
    else:
        library.with_suffix(".json").write_text("{not json")
    model = onnx_mlir.compile(_model())
    assert compiles[0] == 2
    x = np.random.randn(2, 3).astype(np.float32)
    np.testing.assert_array_equal(model.run(None, {"x": x})[0], np.maximum(x, 0))
    onnx_mlir.compile(_model())  # the entry was replaced by a good one
    assert compiles[0] == 2


def test_cache_hit_issues_the_compile_warnings_again(cache_dir):
    graph = h.make_graph([h.make_node("Relu", ["x"], ["y"])], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, [2, 3])],
                         [h.make_tensor_value_info("y", T.FLOAT, [2, 4])])  # declared wrong
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)
    for _ in range(2):
        with pytest.warns(onnx_mlir.errors.ShapeWarning, match="'y'"):
            onnx_mlir.compile(model)


def test_unusable_directory_warns_and_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ONNX_MLIR_CACHE", "1")
    monkeypatch.setenv("ONNX_MLIR_CACHE_DIR", str(blocker))  # a file where the directory goes
    with pytest.warns(CacheWarning):
        model = onnx_mlir.compile(_model())
    assert model.run(None, {"x": np.ones((2, 3), np.float32)})[0].shape == (2, 3)


def test_concurrent_compiles_of_one_model_compile_it_once(cache_dir, tmp_path):
    path = tmp_path / "chain.onnx"
    onnx.save(_model(), path)
    script = textwrap.dedent(f"""
        import numpy as np, onnx_mlir
        m = onnx_mlir.compile({str(path)!r}, verbose=True)
        x = np.arange(6, dtype=np.float32).reshape(2, 3) - 3
        assert (m.run(None, {{"x": x}})[0] == np.maximum(x, 0)).all()
    """)
    env = dict(os.environ, ONNX_MLIR_CACHE="1", ONNX_MLIR_CACHE_DIR=str(cache_dir.parent))
    procs = [subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sum("cache miss" in out for out in outputs) == 1
    assert sum("cache hit" in out for out in outputs) == 1
    assert len(_entries(cache_dir)) == 1


def test_verbose_prints_each_stage_with_its_time(cache_dir, capsys):
    from onnx_mlir.compiler import stage_names

    onnx_mlir.compile(_model(), verbose=True)
    lines = capsys.readouterr().err.splitlines()
    names = [line.split()[1] for line in lines]
    assert names == ["cache", *stage_names(), "jit", "cache"]
    assert all(line.rstrip().endswith(")") and " s " in line for line in lines)
    onnx_mlir.compile(_model(), verbose=True)
    assert "cache hit" in capsys.readouterr().err
    onnx_mlir.compile(_model(), cache=False)
    assert capsys.readouterr().err == ""


def test_compile_cache_class_round_trip(tmp_path):
    cache = CompileCache(tmp_path / "c")
    assert cache.usable() and cache.load("ab" * 32) is None
    model = onnx_mlir.compile(_model(), cache=False)
    lock = cache.lock("ab" * 32)
    try:
        cache.store("ab" * 32, model.save)
    finally:
        os.close(lock)
    loaded, issued = cache.load("ab" * 32)
    assert issued == [] and loaded.output_names == ["y"]



def test_without_a_c_compiler_the_cache_is_off(cache_dir, compiles, monkeypatch, capsys):
    monkeypatch.setenv("CC", "no-such-compiler-onnx-mlir")
    monkeypatch.setenv("PATH", "/nonexistent")
    onnx_mlir.compile(_model(), verbose=True)
    assert "cache off (no C compiler)" in capsys.readouterr().err
    assert compiles[0] == 1 and _entries(cache_dir) == []


def _gemm_with_weights(seed=0):
    """A model whose weights (64 x 64 f32, 16 KiB) the code takes from a weights file."""
    w = np.random.default_rng(seed).standard_normal((64, 64)).astype(np.float32)
    graph = h.make_graph([h.make_node("MatMul", ["x", "w"], ["y"], name="mm")], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, [2, 64])],
                         [h.make_tensor_value_info("y", T.FLOAT, [2, 64])],
                         [onnx.numpy_helper.from_array(w, "w")])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9), w


@pytest.mark.parametrize("damage", [None, "flip", "truncate", "missing"])
def test_entries_store_and_verify_the_weights_file(cache_dir, compiles, damage):
    model, w = _gemm_with_weights()
    first = onnx_mlir.compile(model)
    (library,) = _entries(cache_dir)
    weights = library.with_suffix(".weights")
    manifest = json.loads(library.with_suffix(".json").read_text())
    assert manifest["weights"]["size"] == weights.stat().st_size > 64 * 64 * 4
    original = weights.read_bytes()
    data = bytearray(original)
    if damage == "flip":
        data[-1] ^= 0xFF
        weights.write_bytes(bytes(data))
    elif damage == "truncate":
        weights.write_bytes(bytes(data[:1000]))
    elif damage == "missing":
        weights.unlink()
    second = onnx_mlir.compile(model)
    assert compiles[0] == (1 if damage is None else 2)
    x = np.random.randn(2, 64).astype(np.float32)
    np.testing.assert_array_equal(second.run(None, {"x": x})[0], first.run(None, {"x": x})[0])
    np.testing.assert_allclose(second.run(None, {"x": x})[0], x @ w, rtol=1e-4, atol=1e-4)
    assert weights.read_bytes() == original  # a damaged entry was replaced by a good one


def _store_bytes(cache: CompileCache, key: str, size: int, used: float) -> None:
    """An entry of ``size`` bytes last used at ``used`` (seconds since the epoch)."""
    lock = cache.lock(key)
    try:
        cache.store(key, lambda path: Path(path).write_bytes(b"\0" * size))
    finally:
        os.close(lock)
    manifest = cache.root / key[:2] / f"{key}.json"
    os.utime(manifest, (used, used))


def test_size_cap_evicts_the_least_recently_used_entries(tmp_path):
    cache = CompileCache(tmp_path / "c", max_bytes=None)
    keys = [c * 64 for c in "abcd"]
    for i, key in enumerate(keys):
        _store_bytes(cache, key, 1000, used=1000.0 + i)
    os.utime(cache.root / "aa" / f"{keys[0]}.json")  # a is used now: the most recent
    cache.max_bytes = 2500
    removed = cache.evict()
    assert removed == [keys[1], keys[2]]  # b and c were the least recently used
    assert [key for _, _, key in cache.entries()] == [keys[3], keys[0]]
    assert not (cache.root / "bb" / f"{keys[1]}.so").exists()
    assert not (cache.root / "bb" / f"{keys[1]}.lock").exists()


def test_eviction_skips_locked_entries_and_the_entry_just_stored(tmp_path):
    cache = CompileCache(tmp_path / "c", max_bytes=None)
    old, busy = "a" * 64, "b" * 64
    _store_bytes(cache, old, 1000, used=1000.0)
    _store_bytes(cache, busy, 1000, used=1001.0)
    cache.max_bytes = 500
    lock = cache.lock(old)  # another compile is loading it
    try:
        _store_bytes(cache, "c" * 64, 1000, used=1002.0)  # over the cap: evicts what it can
    finally:
        os.close(lock)
    assert sorted(key for _, _, key in cache.entries()) == [old, "c" * 64]


def test_size_cap_from_the_environment(cache_dir, compiles, monkeypatch):
    monkeypatch.setenv("ONNX_MLIR_CACHE_MAX_MB", "0")  # no cap
    assert CompileCache().max_bytes is None
    monkeypatch.setenv("ONNX_MLIR_CACHE_MAX_MB", "lots")
    with pytest.warns(CacheWarning, match="ONNX_MLIR_CACHE_MAX_MB"):
        assert CompileCache().max_bytes == 2048 * 10**6
    monkeypatch.setenv("ONNX_MLIR_CACHE_MAX_MB", "0.000001")  # 1 byte: only the newest stays
    onnx_mlir.compile(_model("Relu"))
    onnx_mlir.compile(_model("Neg"))
    assert len(_entries(cache_dir)) == 1 and compiles[0] == 2
    onnx_mlir.compile(_model("Neg"))  # a hit
    onnx_mlir.compile(_model("Relu"))  # evicted: compiled again
    assert compiles[0] == 3
