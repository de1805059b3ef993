"""Tests of the pass registry, pipeline parsing/splitting, onnx-dce and the onnx-mlir-opt tool."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass, field
from typing import ClassVar

import pytest
from mlir import ir

from onnx_mlir.errors import CompilationError
from onnx_mlir.passes import (
    ModulePass,
    PassFailure,
    Pipeline,
    get_pass_class,
    instantiate_pass,
    list_passes,
    parse_pipeline,
    register_pass,
    register_pipeline,
    run_pipeline,
)
from onnx_mlir.passes import registry, runner
from onnx_mlir.passes.dead_code import OnnxDeadCodeEliminationPass
from onnx_mlir.tools import onnx_mlir_opt

ADD_ZERO = """func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
}
"""


@dataclass
class _OptionsPass(ModulePass):
    """A project pass with one option of each supported type; records what it was run with."""

    name: ClassVar[str] = "test-options"
    summary: ClassVar[str] = "test pass with options"
    count: int = 1
    scale: float = 1.0
    flag: bool = False
    label: str = ""
    sizes: list[int] = field(default_factory=list)
    runs: ClassVar[list["_OptionsPass"]] = []

    def run(self, module: ir.Module) -> None:
        _OptionsPass.runs.append(self)


@dataclass
class _FailingPass(ModulePass):
    """Emits an error on the first function and fails, as project passes are meant to."""

    name: ClassVar[str] = "test-fail"
    summary: ClassVar[str] = "test pass that fails"

    def run(self, module: ir.Module) -> None:
        func = module.body.operations[0]
        func.location.emit_error("this pass does not like functions")
        raise PassFailure()


@pytest.fixture(autouse=True)
def _test_passes():
    """Register the test passes and pipelines for one test, then remove them."""
    register_pass("test-options", _OptionsPass)
    register_pass("test-fail", _FailingPass)
    register_pipeline("test-pipe", "builtin.module(canonicalize, test-options{count=3})", "test pipeline")
    _OptionsPass.runs.clear()
    yield
    for name in ("test-options", "test-fail", "test-pipe"):
        registry.unregister(name)


def _module(text: str = ADD_ZERO, unregistered: bool = False) -> ir.Module:
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = unregistered
    return ir.Module.parse(text, ctx)


# --- pipeline text -----------------------------------------------------------------------------


def test_parse_pipeline_builtin_module_with_options_and_nesting():
    els = parse_pipeline("builtin.module(a, b{x=1 y=true}, func.func(canonicalize, cse))")
    assert [e.name for e in els] == ["a", "b", "func.func"]
    assert els[1].options == "x=1 y=true"
    assert els[2].nested == "canonicalize, cse"
    assert els[2].text == "func.func(canonicalize, cse)"


def test_parse_pipeline_plain_list_and_quotes():
    els = parse_pipeline(" a ,b{s='x, y' n=2}")
    assert [e.text for e in els] == ["a", "b{s='x, y' n=2}"]


def test_parse_pipeline_unbalanced():
    with pytest.raises(CompilationError, match="unbalanced"):
        parse_pipeline("builtin.module(a")


# --- registry and options ----------------------------------------------------------------------


def test_lazy_registration_and_listing():
    names = dict(list_passes())
    assert names["convert-onnx-to-linalg"] == "Lower onnx dialect ops to linalg/tensor/arith/math on tensors"
    assert "onnx-dce" in names
    assert get_pass_class("onnx-dce") is OnnxDeadCodeEliminationPass
    with pytest.raises(CompilationError, match="unknown pass 'nope'"):
        get_pass_class("nope")


def test_options_are_converted_to_field_types():
    p = instantiate_pass("test-options", "count=4 scale=0.5 flag label='a b' sizes=1,2,3")
    assert (p.count, p.scale, p.flag, p.label, p.sizes) == (4, 0.5, True, "a b", [1, 2, 3])
    assert instantiate_pass("test-options", "flag=false").flag is False


def test_unknown_option_names_the_pass_and_valid_options():
    with pytest.raises(CompilationError) as info:
        instantiate_pass("test-options", "colour=red")
    message = str(info.value)
    assert "test-options" in message and "colour" in message
    assert "count, scale, flag, label, sizes" in message


def test_bad_option_value():
    with pytest.raises(CompilationError, match="invalid value 'many'"):
        instantiate_pass("test-options", "count=many")


# --- splitting and running ---------------------------------------------------------------------


def test_pipeline_splits_into_upstream_runs_and_project_passes():
    pipe = Pipeline("builtin.module(canonicalize, cse, test-options{count=2}, func.func(canonicalize), cse)")
    kinds = [("project" if s.project else "upstream", s.upstream) for s in pipe.steps]
    assert kinds == [
        ("upstream", ["canonicalize", "cse"]),
        ("project", None),
        ("upstream", ["func.func(canonicalize)", "cse"]),
    ]
    assert pipe.steps[1].project.count == 2


def test_named_pipeline_expands():
    module = _module()
    run_pipeline(module, "test-pipe")
    assert "arith.addi" not in str(module)
    assert [p.count for p in _OptionsPass.runs] == [3]


def test_print_ir_after_all_runs_each_pass():
    out = io.StringIO()
    run_pipeline(_module(), "func.func(canonicalize, cse), test-options", print_ir_after_all=out)
    headers = [line for line in out.getvalue().splitlines() if line.startswith("// -----// IR Dump")]
    assert headers == [f"// -----// IR Dump After {n} //----- //" for n in ("canonicalize", "cse", "test-options")]


def test_unknown_and_misplaced_passes():
    with pytest.raises(CompilationError, match="unknown pass 'frobnicate'"):
        run_pipeline(_module(), "canonicalize, frobnicate")
    with pytest.raises(CompilationError, match="cannot be nested"):
        run_pipeline(_module(), "func.func(test-options)")


def test_project_pass_failure_carries_diagnostics():
    with pytest.raises(CompilationError) as info:
        run_pipeline(_module(), "test-fail")
    (diag,) = info.value.diagnostics
    assert (diag.severity, diag.line, diag.message) == ("error", 1, "this pass does not like functions")


def test_upstream_failure_carries_diagnostics():
    text = '''func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %b = "foo.bar"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}'''
    with pytest.raises(CompilationError) as info:
        run_pipeline(_module(text, unregistered=True), "one-shot-bufferize")
    assert info.value.diagnostics[0].message == "op was not bufferized"
    assert info.value.diagnostics[0].line == 2


# --- onnx-dce ----------------------------------------------------------------------------------


def test_onnx_dce_removes_dead_chains_only():
    text = '''func.func @f(%a: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.relu"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "onnx.relu"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  %3 = "other.op"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  "onnx.no_result"(%a) : (tensor<2xf32>) -> ()
  return %2 : tensor<2xf32>
}'''
    module = _module(text, unregistered=True)
    OnnxDeadCodeEliminationPass().run(module)
    printed = str(module)
    assert "onnx.add" not in printed and printed.count("onnx.relu") == 1
    assert "other.op" in printed and "onnx.no_result" in printed


# --- the tool ----------------------------------------------------------------------------------


def test_parse_args_keeps_pass_order_and_options():
    opts = onnx_mlir_opt.parse_args(
        ["in.mlir", "--canonicalize=max-iterations=2", "-cse", "--split-input-file",
         "--pass-pipeline=builtin.module(onnx-dce)", "-o", "out.mlir"])
    assert opts.input == "in.mlir" and opts.output == "out.mlir" and opts.split_input_file
    assert opts.pipeline_text == "canonicalize{max-iterations=2}, cse, onnx-dce"


def test_main_runs_a_pass(tmp_path, capsys):
    src = tmp_path / "in.mlir"
    src.write_text(ADD_ZERO)
    assert onnx_mlir_opt.main([str(src), "--canonicalize"]) == 0
    assert "arith.addi" not in capsys.readouterr().out


def test_main_reports_parse_errors_with_file_line_col(tmp_path, capsys):
    src = tmp_path / "bad.mlir"
    src.write_text("func.func @f() {\n  return\n}\n// -----\nfunc.func @g() {\n  %x = arith.bogus\n}\n")
    assert onnx_mlir_opt.main([str(src), "--split-input-file"]) == 1
    captured = capsys.readouterr()
    assert f"{src}:6:8: error: custom op 'arith.bogus' is unknown" in captured.err
    assert "func.func @f()" in captured.out


def test_main_verify_diagnostics(tmp_path, capsys):
    src = tmp_path / "v.mlir"
    src.write_text("func.func @f() {\n  // expected-error @+1 {{unknown}}\n  %x = arith.bogus\n}\n")
    assert onnx_mlir_opt.main([str(src), "--verify-diagnostics"]) == 0
    src.write_text("func.func @f() {\n  // expected-error @+1 {{something else}}\n  %x = arith.bogus\n}\n")
    assert onnx_mlir_opt.main([str(src), "--verify-diagnostics"]) == 1
    err = capsys.readouterr().err
    assert "unexpected error: custom op 'arith.bogus' is unknown" in err
    assert 'expected error "something else" was not produced' in err


def test_parse_expected_designators():
    text = "a\n// expected-error @below {{x}}\n// expected-note @above {{y}}\nb\n// expected-warning @-1 {{z}}"
    got = [(e.severity, e.line, e.message) for e in onnx_mlir_opt.parse_expected(text)]
    assert got == [("error", 4, "x"), ("note", 1, "y"), ("warning", 4, "z")]


def test_main_internal_error_is_not_a_traceback(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in.mlir"
    src.write_text(ADD_ZERO)

    def boom(self, module, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(runner.Pipeline, "run", boom)
    assert onnx_mlir_opt.main([str(src)]) == 2
    assert "onnx-mlir-opt: internal error: RuntimeError: kaput" in capsys.readouterr().err


def test_subprocess_bad_input_has_no_traceback():
    proc = subprocess.run(
        [sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_opt", "-", "--canonicalize"],
        input="func.func @f( {\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.startswith("<stdin>:1:")
    assert "Traceback" not in proc.stderr
