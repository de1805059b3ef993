"""Input names never run as code on the GPU path (issue 8, defect 3).

Function names of input MLIR, kernel kinds and fallback reasons, and the names of an ONNX model
(graph, nodes, inputs, outputs, initializers) are untrusted.  Each hostile name below carries a
payload that would create a marker file if it ever ran: after ``onnx-mlir-triton --emit=source``
(and importing what it printed), ``--emit=ttir`` and ``onnx_mlir.compile(..., target="gpu")``
under Triton's interpreter, the marker must not exist and the generated source must be valid
Python whose only calls are Triton's and the generator's own helpers.
"""

from __future__ import annotations

import ast
import builtins
import json
import keyword
import math
import os
import subprocess
import sys

import pytest

from onnx_mlir.lowering.gpu.pysource import Identifier, comment, literal, mangle
from onnx_mlir.lowering.gpu.source_check import UnsafeSourceError, check_generated_source

from hostile_names import COLLIDING, IDENTIFIER, ODD_NAMES, grouped_module, hostile_names, linalg_module

HERE = os.path.dirname(os.path.abspath(__file__))
PRELUDE_HELPERS = {"_tanh", "_powf", "_atan2", "_mul", "_max_nan", "_min_nan", "_load", "_store"}


# ---------------------------------------------------------------------------------------------
# The helpers: mangle, literal, comment


@pytest.mark.parametrize("raw", hostile_names("/nonexistent/marker") + ["a" * 10_000])
def test_mangled_names_are_plain_identifiers(raw):
    name = mangle(raw)
    assert IDENTIFIER.fullmatch(name), name
    assert not keyword.iskeyword(name) and not keyword.issoftkeyword(name)
    assert not hasattr(builtins, name) and not name.startswith("__")
    assert name not in {"tl", "triton", "torch", "_mm", "_conv"} | PRELUDE_HELPERS
    assert name.isascii() and len(name) <= 60
    assert mangle(raw) == name  # deterministic: the same kernel gets the same cached file


def test_names_that_sanitize_alike_stay_distinct():
    names = COLLIDING + ["", " ", "\t", "_", "''", '""']
    assert len({mangle(n) for n in names}) == len(names)
    assert mangle("tl") != "tl" and mangle("__import__") != "__import__"


def test_identifier_refuses_raw_strings():
    for bad in ["x():\n", "tl", "__import__", "def", "1a", "", "a b", "range"]:
        with pytest.raises(ValueError):
            Identifier(bad)
    assert Identifier.internal("p0") == "p0"


@pytest.mark.parametrize("value", [*hostile_names("/m"), 0, -7, 2**70, 1.5, -0.0, 1e-30, True, None,
                                   (), (1,), (1, 2), [], [3, "a'b"], {}, {"BLOCK": 128, "k\n": "v\"'"}])
def test_literal_round_trips(value):
    text = literal(value)
    assert text.isascii() and "\n" not in text and "\r" not in text
    assert ast.literal_eval(text) == value


def test_float_literals_for_inf_and_nan_are_expressions():
    assert eval(literal(math.inf), {"__builtins__": {"float": float}}) == math.inf  # noqa: S307
    assert eval(literal(-math.inf), {"__builtins__": {"float": float}}) == -math.inf  # noqa: S307
    assert math.isnan(eval(literal(math.nan), {"__builtins__": {"float": float}}))  # noqa: S307
    with pytest.raises(TypeError):
        literal(object())


@pytest.mark.parametrize("raw", hostile_names("/m"))
def test_comments_stay_on_one_line(raw):
    line = comment(f"kernel {raw}")
    assert line.startswith("# ") and line.isascii()
    tree = ast.parse(line + "\nx = 1\n")
    assert len(tree.body) == 1


# ---------------------------------------------------------------------------------------------
# The whitelist check of generated modules


GOOD = '''"""doc"""
import triton
import triton.language as tl


@triton.jit
def k_1(p0, p1, BLOCK: tl.constexpr):
    pid = tl.program_id(0)
    v0 = tl.load(p0 + pid)
    acc = tl.full([BLOCK], float('-inf'), tl.float32)
    for r0 in range(0, 10, BLOCK):
        acc = tl.maximum(acc, (v0).to(tl.float32), propagate_nan=tl.PropagateNan.ALL)
    tl.store(p1 + pid, acc)
'''


@pytest.mark.parametrize("bad", [
    "import os\n",
    "import triton.language as tlx\n",
    "__import__('os').system('true')\n",
    "x = 1\n",
    "@triton.jit\ndef f(p0):\n    __import__('os').system('true')\n",
    "@triton.jit\ndef f(p0):\n    tl.load(p0).__class__\n",
    "@triton.jit\ndef f(p0):\n    os.system('true')\n",
    "@triton.jit\ndef f(p0):\n    tl.store(p0, 'a string')\n",
    "@triton.jit\ndef f(p0):\n    x = eval('1')\n",
    "@triton.jit\ndef f(p0):\n    x = [i for i in range(3)]\n",
    "@triton.jit\ndef f(p0):\n    import os\n",
    "def f(p0):\n    return p0\n",
    "@triton.jit\ndef f(p0=__import__('os')):\n    return p0\n",
    "@triton.jit\ndef f(p0):\n    x = float(open('/etc/passwd'))\n",
    "@triton.jit\ndef f(p0):\n    x = p0.__globals__\n",
    "@triton.jit\ndef f(p0):\n    return f'{p0}'\n",
    "@triton.jit\ndef f(p0):\n    p0(1)\n",
    "x = (\n",
])
def test_source_check_rejects_what_the_generator_never_writes(bad):
    check_generated_source(GOOD)
    with pytest.raises(UnsafeSourceError):
        check_generated_source(GOOD + bad)


# ---------------------------------------------------------------------------------------------
# onnx-mlir-triton on hostile MLIR


def _tool(args, cache, cwd):
    env = dict(os.environ, ONNX_MLIR_TRITON_CACHE=str(cache))
    env.pop("TRITON_INTERPRET", None)  # compile-only: a GPU target, no interpreter
    return subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_triton", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def _calls_are_triton_only(tree: ast.Module) -> None:
    """Every call is tl.* / _mm.* / _conv.*, a prelude helper, range/float, or ``(x).to(...)``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name):
            assert f.id in PRELUDE_HELPERS | {"range", "float"}, ast.unparse(node)
        else:
            assert isinstance(f, ast.Attribute), ast.unparse(node)
            root = f
            while isinstance(root, ast.Attribute):
                root = root.value
            assert (isinstance(root, ast.Name) and root.id in {"tl", "_mm", "_conv"}) or f.attr == "to", \
                ast.unparse(node)
    for node in tree.body:
        assert isinstance(node, (ast.Import, ast.FunctionDef)) or (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)), ast.unparse(node)


@pytest.mark.parametrize("grouped", [False, True], ids=["linalg", "pregrouped"])
def test_cli_emit_source_runs_no_input_code(tmp_path, grouped):
    marker = tmp_path / "pwned"
    names = hostile_names(str(marker))
    mlir = tmp_path / "evil.mlir"
    mlir.write_text(grouped_module(names, str(marker)) if grouped else linalg_module(names))
    proc = _tool([str(mlir), "--emit=source"], tmp_path / "cache", tmp_path)
    assert proc.returncode == 0, proc.stderr
    src = proc.stdout
    assert src.isascii()
    compile(src, "evil.py", "exec")
    tree = ast.parse(src)
    _calls_are_triton_only(tree)
    kernels = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name not in PRELUDE_HELPERS]
    assert len(kernels) == len(set(kernels)) == len(names)  # colliding names stay distinct
    if grouped:  # kernels carry exactly the mangled symbols; fallbacks are comments
        assert kernels == [mangle(n) for n in names]
        assert src.count("runs on the CPU") == 2
    # importing the printed file (as a user would) defines the kernels and runs nothing else
    py = tmp_path / "printed.py"
    py.write_text(src, encoding="utf-8")
    env = dict(os.environ)
    env.pop("TRITON_INTERPRET", None)
    ran = subprocess.run([sys.executable, str(py)], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=300)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert not marker.exists()


def test_cli_emit_ttir_runs_no_input_code(tmp_path):
    marker = tmp_path / "pwned"
    names = hostile_names(str(marker))
    mlir = tmp_path / "evil.mlir"
    mlir.write_text(grouped_module(names, str(marker)))
    proc = _tool([str(mlir), "--emit=ttir"], tmp_path / "cache", tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not marker.exists()
    out = proc.stdout
    for name in names:  # each kernel compiled under its mangled name
        assert f"tt.func public @{mangle(name)}(" in out
    headers = [line for line in out.splitlines() if line.startswith("// kernel")]
    assert len(headers) == len(names) + 2  # + the two fallbacks
    # a name cannot forge lines of the listing: a header line is a whole header
    assert all(" target: " in h or " falls back to the CPU: " in h for h in headers)


def test_cli_kernel_option_with_a_hostile_name(tmp_path):
    marker = tmp_path / "pwned"
    names = hostile_names(str(marker))
    mlir = tmp_path / "evil.mlir"
    mlir.write_text(grouped_module(names, str(marker)))
    proc = _tool([str(mlir), "--emit=ttir", f"--kernel={names[0]}"], tmp_path / "cache", tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.count("tt.func public") == 1 and f"@{mangle(names[0])}(" in proc.stdout
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------
# onnx_mlir.compile(target="gpu") under the interpreter: hostile MLIR functions and ONNX names


def test_compile_for_gpu_runs_no_input_code(tmp_path):
    marker = tmp_path / "pwned"
    env = dict(os.environ, TRITON_INTERPRET="1", OMP_NUM_THREADS="1",
               ONNX_MLIR_TRITON_CACHE=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, os.path.join(HERE, "gpu_hostile_cases.py"), str(marker)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            results[r["case"]] = r
    assert set(results) == {"ir_module_hostile_functions", "onnx_hostile_names"}, proc.stderr[-3000:]
    failed = {n: r["error"] + "\n" + r.get("trace", "") for n, r in results.items() if not r["ok"]}
    assert not failed, "\n".join(f"{n}: {e}" for n, e in failed.items())
    assert not marker.exists()
    hostile = results["ir_module_hostile_functions"]
    assert len(hostile["python_names"]) == len(set(hostile["python_names"]))
    assert all(IDENTIFIER.fullmatch(n) for n in hostile["python_names"])
    onnx_case = results["onnx_hostile_names"]
    assert set(onnx_case["kinds"]) >= {"matmul", "reduction"}, onnx_case
    assert onnx_case["fallbacks"], "the ArgMax host kernel should have run on the CPU"


def test_odd_names_cover_the_brief():
    """Guard the fixture itself: quotes, newlines, triple quotes, backslashes, unicode, empty."""
    joined = "".join(hostile_names("/m"))
    for piece in ['"""', "'''", "\n", "\\", "__import__('os').system(", "\u2028"]:
        assert piece in joined
    assert "" in ODD_NAMES and len(set(map(mangle, COLLIDING))) == len(COLLIDING)


def test_cli_refuses_a_symbol_that_is_not_utf8(tmp_path):
    """MLIR strings may hold any bytes; Python cannot: a clear error with the location, no traceback."""
    mlir = tmp_path / "bad.mlir"
    mlir.write_text(linalg_module(["ok"]).replace('@"ok"', '@"\\FF\\FE"'))
    proc = _tool([str(mlir), "--emit=source"], tmp_path / "cache", tmp_path)
    assert proc.returncode == 1
    assert "1:1: the symbol b'\\xff\\xfe' is not valid UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr
