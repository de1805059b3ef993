"""Plugins (onnx_mlir.plugins): loading by path, module name, $ONNX_MLIR_PLUGINS and entry points;
a plugin's dialect, pass, lowering and pipeline used by compile(); extra passes at pipeline points;
errors located in the plugin's source."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import textwrap

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import onnx_mlir
from onnx_mlir import plugins
from onnx_mlir.errors import CompilationError
from onnx_mlir.passes import registry as pass_registry
from onnx_mlir.plugins import registry as plugin_registry

# A plugin as a researcher writes it: an IRDL op, a pass that uses it, its lowering (a class
# registered as an object here; the example plugin shows the "module:Class" form).
NEGATE_PLUGIN = textwrap.dedent('''
    from dataclasses import dataclass
    from typing import ClassVar

    from onnx_mlir.passes.registry import ModulePass

    IRDL = """
    irdl.dialect @testplug {
      irdl.operation @negate {
        %0 = irdl.base "!builtin.tensor"
        %1 = irdl.base "!builtin.tensor"
        irdl.operands(input: %0)
        irdl.results(output: %1)
      }
    }
    """


    @dataclass
    class NegToTestplug(ModulePass):
        name: ClassVar[str] = "testplug-from-neg"
        summary: ClassVar[str] = "onnx.neg -> testplug.negate"

        def run(self, module):
            from mlir import ir

            found = []
            module.operation.walk(lambda op: (found.append(op) if op.name == "onnx.neg" else None)
                                  or ir.WalkResult.ADVANCE)
            for op in found:
                with ir.InsertionPoint(op), op.location:
                    new = ir.Operation.create("testplug.negate", results=[op.results[0].type],
                                              operands=[op.operands[0]])
                op.results[0].replace_all_uses_with(new.results[0])
                op.erase()


    def _lowering():
        from mlir.dialects import arith
        from onnx_mlir.lowering.onnx_to_linalg.lib.scalar import common_element_type, elementwise
        from onnx_mlir.lowering.onnx_to_linalg.pattern import OnnxLoweringPattern

        class NegateLowering(OnnxLoweringPattern):
            op_names = ("testplug.negate",)

            def rewrite(self, op):
                (x,) = op.operation.operands
                return [elementwise(op, [x], common_element_type(op, [x]), arith.negf)]

        return NegateLowering


    def register(api):
        api.register_dialect(irdl=IRDL)
        api.register_pass(NegToTestplug)
        api.register_lowering("testplug.negate", _lowering())
        api.register_pipeline("testplug-opt", "builtin.module(testplug-from-neg)", "testplug passes")
''')


@pytest.fixture
def plugin_file(tmp_path):
    path = tmp_path / "negate_plugin.py"
    path.write_text(NEGATE_PLUGIN)
    saved = plugin_registry.point_passes()
    yield path
    plugin_registry._POINT_PASSES.clear()
    plugin_registry._POINT_PASSES.update(saved)
    if str(tmp_path) in sys.path:
        sys.path.remove(str(tmp_path))


def _neg_model() -> onnx.ModelProto:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])
    nodes = [helper.make_node("Neg", ["x"], ["n"], name="neg"),
             helper.make_node("Relu", ["n"], ["y"], name="relu")]
    return helper.make_model(helper.make_graph(nodes, "g", [x], [y]),
                             opset_imports=[helper.make_opsetid("", 17)])


def test_plugin_op_pass_and_lowering_through_compile(plugin_file):
    plugin = plugins.load_plugin(str(plugin_file))
    assert plugin.name == "negate_plugin" and plugin.passes == ["testplug-from-neg"]
    assert plugin.dialects == ["testplug"] and plugin.lowerings == ["testplug.negate"]
    stages: dict[str, str] = {}
    model = onnx_mlir.compile(_neg_model(), extra_passes={"after-onnx": "testplug-opt"},
                              on_stage=lambda name, module: stages.setdefault(name, str(module)))
    assert '"testplug.negate"' in stages["onnx"] and "onnx.neg" not in stages["onnx"]
    assert "testplug" not in stages["linalg"]  # lowered by convert-onnx-to-linalg
    x = np.array([[1, -2, 3], [-4, 5, -6]], dtype=np.float32)
    (y,) = model.run(None, {"x": x})
    np.testing.assert_array_equal(y, np.maximum(-x, 0))


def test_plugin_points_apply_to_every_compilation(plugin_file):
    plugins.load_plugin(str(plugin_file))
    plugin_registry.add_point_passes("after-onnx", "testplug-from-neg")
    stages: dict[str, str] = {}
    onnx_mlir.compile(_neg_model(), on_stage=lambda n, m: stages.setdefault(n, str(m)))
    assert '"testplug.negate"' in stages["onnx"]


def test_loading_twice_is_one_plugin(plugin_file):
    first = plugins.load_plugin(str(plugin_file))
    assert plugins.load_plugin(str(plugin_file)) is first
    sys.path.insert(0, str(plugin_file.parent))
    assert plugins.load_plugin("negate_plugin") is first  # by module name


def test_extra_passes_at_unknown_point_is_a_typed_error():
    with pytest.raises(CompilationError, match="unknown pipeline point 'after-linalgg'.*did you mean 'after-linalg'"):
        onnx_mlir.compile(_neg_model(), extra_passes={"after-linalgg": "cse"})


def test_extra_passes_before_bufferize_and_after_llvm_run():
    seen: list[str] = []
    onnx_mlir.compile(_neg_model(), extra_passes={"before-bufferize": ["cse", "canonicalize"],
                                                  "after-llvm": "symbol-dce"},
                      on_stage=lambda name, module: seen.append(name))
    assert seen == ["onnx-basic", "onnx", "linalg", "schedule", "bufferize", "loops", "llvm"]


def test_points_name_the_compiler_stages():
    from onnx_mlir.compiler import stage_names
    from onnx_mlir.plugins.points import STAGES

    assert list(STAGES) == stage_names()


def test_missing_plugin_and_plugin_without_register(tmp_path):
    with pytest.raises(plugins.PluginError, match="cannot load plugin 'no_such_plugin_xyz'"):
        plugins.load_plugin("no_such_plugin_xyz")
    empty = tmp_path / "empty_plugin.py"
    empty.write_text("X = 1\n")
    with pytest.raises(plugins.PluginError, match="has no register"):
        plugins.load_plugin(str(empty))


def test_error_in_register_is_located_in_the_plugin(tmp_path):
    bad = tmp_path / "bad_register_plugin.py"
    bad.write_text("def register(api):\n    api.register_pipeline('bad-reg', 'cse')\n"
                   "    raise KeyError('oops')\n")
    with pytest.raises(plugins.PluginError) as info:
        plugins.load_plugin(str(bad))
    text = info.value.format()
    assert f"{bad}:3: error: plugin" in text and "KeyError: 'oops'" in text
    assert not plugin_registry.is_loaded("bad_register_plugin")


def test_syntax_error_in_plugin_is_located(tmp_path):
    bad = tmp_path / "syntax_plugin.py"
    bad.write_text("def register(api):\n    return (\n")
    with pytest.raises(plugins.PluginError) as info:
        plugins.load_plugin(str(bad))
    assert f"{bad}:" in info.value.format() and "SyntaxError" in info.value.format()


def test_environment_variable_loads_plugins(plugin_file, tmp_path):
    code = ("import onnx_mlir.plugins as p; p.ensure_loaded(); "
            "from onnx_mlir.passes import registry as r; print(r.is_project_pass('testplug-from-neg'))")
    env = {"ONNX_MLIR_PLUGINS": f"{plugin_file},{plugin_file}", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.stdout.strip() == "True", proc.stderr


def test_driver_loads_plugin_and_runs_extra_passes(plugin_file, tmp_path):
    model = tmp_path / "neg.onnx"
    onnx.save(_neg_model(), model)
    proc = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(model),
                           "--EmitLinalg", f"--load-plugin={plugin_file}",
                           "--extra-passes=after-onnx=testplug-opt", "--print-stage-sizes"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "linalg.generic" in proc.stdout and "arith.negf" in proc.stdout
    bad = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(model),
                          "--EmitONNXIR", "--extra-passes=after-onnx"],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "expects POINT=PIPELINE" in bad.stderr


def _example_installed() -> bool:
    return any(e.name == "gelu-example"
               for e in importlib.metadata.entry_points(group=plugins.ENTRY_POINT_GROUP))


@pytest.mark.skipif(not _example_installed(),
                    reason="the example plugin is not installed (pip install -e examples/plugin; "
                           "CI installs it)")
def test_installed_example_plugin_is_loaded_from_its_entry_point():
    plugins.ensure_loaded()
    assert pass_registry.is_project_pass("example-fuse-gelu")
    assert any(p.name == "gelu-example" and p.origin.startswith("entry point")
               for p in plugins.plugins())


def test_plugin_python_dialect_classes(tmp_path):
    """register_dialect(python_module="<package>.<namespace>"): parsed ops of the plugin's dialect
    come back as its OpView class (the module is imported, and its package made a dialect search
    prefix, when a context is made)."""
    package = tmp_path / "pyops_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent('''
        IRDL = """
        irdl.dialect @pyops {
          irdl.operation @twice {
            %0 = irdl.base "!builtin.tensor"
            %1 = irdl.base "!builtin.tensor"
            irdl.operands(input: %0)
            irdl.results(output: %1)
          }
        }
        """

        def register(api):
            api.register_dialect(irdl=IRDL, python_module="pyops_plugin.pyops")
    '''))
    (package / "pyops.py").write_text(textwrap.dedent('''
        from mlir import ir
        from mlir.dialects._ods_common import _cext

        @_cext.register_dialect
        class _PyOpsDialect(ir.Dialect):
            DIALECT_NAMESPACE = "pyops"

        @_cext.register_operation(_PyOpsDialect)
        class TwiceOp(ir.OpView):
            OPERATION_NAME = "pyops.twice"
            _ODS_REGIONS = (0, True)
    '''))
    try:
        plugins.load_plugin(str(package))
        from mlir import ir

        from onnx_mlir.dialects import make_context

        with make_context():
            module = ir.Module.parse("""
            func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
              %0 = "pyops.twice"(%x) : (tensor<2xf32>) -> tensor<2xf32>
              return %0 : tensor<2xf32>
            }""")
            op = module.body.operations[0].regions[0].blocks[0].operations[0]
            assert type(op).__name__ == "TwiceOp"
    finally:
        if str(tmp_path) in sys.path:
            sys.path.remove(str(tmp_path))


def test_environment_list_splits_paths_on_colons_but_keeps_module_functions():
    from onnx_mlir.plugins.loader import _split_env

    assert _split_env("a_plugin, b.c:setup") == ["a_plugin", "b.c:setup"]
    assert _split_env("/x/one.py:/y/two") == ["/x/one.py", "/y/two"]
