"""The CPU target option: compile(cpu=...), $ONNX_MLIR_CPU_FEATURES, and that it takes effect in
the machine code (disassembled with binutils' objdump), including on a host with a higher ISA."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import numpy as np
import onnx_mlir
import pytest
from onnx import TensorProto as TP
from onnx import helper

from onnx_mlir.errors import CompilationError
from onnx_mlir.compiler import lower_onnx_module
from onnx_mlir.lowering.cpu import target
from onnx_mlir.runtime.aot import emit_object

N = 1 << 16  # a long elementwise loop: LLVM vectorizes it as wide as the target allows

needs_objdump = pytest.mark.skipif(shutil.which("objdump") is None,
                                   reason="objdump (binutils) is not installed: cannot disassemble")
needs_avx512_host = pytest.mark.skipif(not target.host_has("avx512f"),
                                       reason="the host has no AVX-512: its default code has none")
needs_avx2_host = pytest.mark.skipif(not target.host_has("avx2"),
                                     reason="the host has no AVX2: x86-64-v3 code cannot run here")

# AVX-512 shows in the disassembly as zmm registers, mask registers, xmm/ymm16-31, embedded
# broadcasts, or an EVEX prefix (0x62 first: no other x86-64 instruction starts with it).
_AVX512 = re.compile(r"%zmm|%k[0-7]\b|%[xy]mm(1[6-9]|2\d|3[01])\b|\{1to\d+\}|^\s*[0-9a-f]+:\s+62 ")


def _add_model():
    graph = helper.make_graph([helper.make_node("Add", ["a", "b"], ["c"])], "add",
                              [helper.make_tensor_value_info(n, TP.FLOAT, [N]) for n in "ab"],
                              [helper.make_tensor_value_info("c", TP.FLOAT, [N])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])


def _disassembly(tmp_path, cpu: str | None) -> str:
    module = onnx_mlir.import_model(_add_model())
    lower_onnx_module(module, cpu=cpu)
    path = tmp_path / f"add-{cpu}.o"
    emit_object(module, str(path))
    return subprocess.run(["objdump", "-d", str(path)], capture_output=True, text=True,
                          check=True).stdout


def _avx512_lines(disassembly: str) -> list[str]:
    return [line for line in disassembly.splitlines() if _AVX512.search(line)]


@needs_objdump
def test_avx2_code_has_no_avx512(tmp_path) -> None:
    """cpu="avx2": the loop is vectorized with ymm (AVX2) and nothing in the object is AVX-512,
    the engine's own wrapper functions included, even on an AVX-512 host."""
    text = _disassembly(tmp_path, "avx2")
    assert "%ymm" in text
    assert not _avx512_lines(text), _avx512_lines(text)[:5]


@needs_objdump
def test_avx512_code_uses_zmm(tmp_path) -> None:
    """cpu="avx512" (compiling needs no AVX-512 host): 512-bit registers in the loop."""
    assert "%zmm" in _disassembly(tmp_path, "avx512")


@needs_objdump
def test_host_features_minus_avx512(tmp_path) -> None:
    """A spec of feature edits alone applies them to the host CPU (LLVM's host detection)."""
    text = _disassembly(tmp_path, "-avx512f")
    assert not _avx512_lines(text), _avx512_lines(text)[:5]


@needs_objdump
@pytest.mark.parametrize("flags", [["--mcpu=avx2"], ["--cpu=x86-64-v4", "--mattr=-avx512f"]])
def test_driver_emit_obj_for_avx2(tmp_path, flags) -> None:
    """onnx-mlir --EmitObj --mcpu=...: the object file holds no AVX-512 instruction."""
    import onnx

    onnx.save(_add_model(), tmp_path / "add.onnx")
    obj = tmp_path / "add.o"
    subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(tmp_path / "add.onnx"),
                    "--EmitObj", "-o", str(obj), *flags], check=True, capture_output=True)
    text = subprocess.run(["objdump", "-d", str(obj)], capture_output=True, text=True, check=True).stdout
    assert "%ymm" in text and not _avx512_lines(text), _avx512_lines(text)[:5]


@needs_objdump
@needs_avx512_host
def test_host_default_uses_avx512(tmp_path, monkeypatch) -> None:
    """The default stays the host's full ISA: on this AVX-512 host, zmm registers; so the tests
    above do show the option taking effect."""
    monkeypatch.delenv(target.ENV_VAR, raising=False)
    assert "%zmm" in _disassembly(tmp_path, None)


@needs_avx2_host
@pytest.mark.parametrize("cpu", ["avx2", "x86-64-v3:+fma", "-avx512f"])
def test_forced_cpu_runs(cpu) -> None:
    rng = np.random.default_rng(0)
    a, b = (rng.standard_normal(N).astype(np.float32) for _ in range(2))
    (c,) = onnx_mlir.compile(_add_model(), cpu=cpu).run(None, {"a": a, "b": b})
    np.testing.assert_array_equal(c, a + b)


def _llvm_stage(**kwargs) -> str:
    stages: dict[str, str] = {}
    onnx_mlir.compile(_add_model(), on_stage=lambda name, m: stages.__setitem__(name, str(m)), **kwargs)
    return stages["llvm"]


def test_environment_variable_and_its_override(monkeypatch) -> None:
    monkeypatch.setenv(target.ENV_VAR, "avx2")
    assert 'target_cpu = "x86-64-v3"' in _llvm_stage()
    assert 'target_cpu = "x86-64-v4"' in _llvm_stage(cpu="avx512")  # the argument wins
    monkeypatch.setenv(target.ENV_VAR, "host")
    assert "target_cpu" not in _llvm_stage()
    monkeypatch.delenv(target.ENV_VAR)
    assert "target_cpu" not in _llvm_stage()  # the default: the JIT's host target machine


@pytest.mark.parametrize("spec,message", [
    ("avx2:avx512f", r"invalid CPU feature\(s\) \['avx512f'\]"),
    ("sky lake", r"invalid CPU target 'sky lake'"),
    ("x86-64-v3:+fma,,bmi2", r"invalid CPU feature\(s\) \['bmi2'\]"),
    # Unknown names: LLVM only warns, and an unknown CPU then aborted the process in codegen.
    ("x", r"unknown CPU 'x'"),
    ("nosuchcpu:+avx2", r"unknown CPU 'nosuchcpu'"),
    ("host:+avx513f", r"unknown CPU feature\(s\) \['\+avx513f'\]"),
])
def test_invalid_cpu_is_a_compilation_error(spec, message) -> None:
    with pytest.raises(CompilationError, match=message):
        onnx_mlir.compile(_add_model(), cpu=spec)


def test_cpu_is_a_cpu_target_option() -> None:
    with pytest.raises(TypeError, match="CPU target only"):
        onnx_mlir.compile(_add_model(), target="gpu", cpu="avx2")


def test_presets_and_host() -> None:
    assert target.resolve("avx2") == target.CpuTarget("x86-64-v3", ("-avx512f",))
    assert target.resolve("avx512") == target.CpuTarget("x86-64-v4", (), "512")
    assert target.resolve("znver3:+avx2,-fma") == target.CpuTarget("znver3", ("+avx2", "-fma"))
    assert target.resolve("host").is_host and target.pass_text("host") is None
    name, features = target.llvm_host()
    assert name and all(f[0] in "+-" for f in features)
    edited = target.resolve("host", ["-avx512f"])
    assert edited.cpu == name and edited.features[-1] == "-avx512f"


def test_driver_rejects_an_unknown_cpu(tmp_path) -> None:
    """A CPU name LLVM does not know is a located error and exit 1, not an LLVM abort."""
    import onnx

    path = tmp_path / "add.onnx"
    onnx.save(_add_model(), str(path))
    proc = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(path),
                           "--EmitLib", "--mcpu=x", "-o", str(tmp_path / "add.so")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "unknown CPU 'x'" in proc.stderr and "Traceback" not in proc.stderr
