"""Hostile names through ``onnx_mlir.compile(..., target="gpu")`` under Triton's interpreter.

Run in its own process like gpu_interpreter_cases.py (``TRITON_INTERPRET=1`` before Triton is
imported): ``python gpu_hostile_cases.py MARKER`` prints one JSON line per case;
test_gpu_source_safety.py checks the lines and that MARKER (which every payload would create)
does not exist.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import warnings

os.environ["TRITON_INTERPRET"] = "1"
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from hostile_names import PAYLOADS, hostile_names, mlir_string  # noqa: E402
from numerics import run_onnxruntime  # noqa: E402

RELU = """(%arg0: tensor<4x5xf32>{arg}) -> (tensor<4x5xf32>{res}) {{
    %0 = "onnx.relu"(%arg0) : (tensor<4x5xf32>) -> tensor<4x5xf32>
    %1 = "onnx.softmax"(%0) {{axis = 1 : si64}} : (tensor<4x5xf32>) -> tensor<4x5xf32>
    return %1 : tensor<4x5xf32>
  }}"""


def ir_module_hostile_functions(marker: str) -> dict:
    """``@main_graph`` plus public functions with hostile names (all are grouped and generated,
    so all their kernels are in the imported module)."""
    from mlir import ir

    import onnx_mlir
    from onnx_mlir.dialects import make_context

    names = hostile_names(marker)
    arg, res = (" {onnx.name = " + mlir_string(p.replace("{marker}", marker)) + "}" for p in PAYLOADS[:2])
    funcs = [f"func.func @main_graph{RELU.format(arg=arg, res=res)}"]
    funcs += [f"func.func @{mlir_string(n)}{RELU.format(arg='', res='')}" for n in names]
    text = ("module attributes {onnx.ir_version = 8 : i64, onnx.opset_import = {ai.onnx = 17 : i64}} {\n"
            + "\n".join(funcs) + "\n}")
    module = ir.Module.parse(text, make_context())
    compiled = onnx_mlir.compile(module, target="gpu")
    x = np.random.default_rng(0).standard_normal((4, 5)).astype(np.float32)
    (got,) = compiled.run(None, {compiled.input_names[0]: x})
    r = np.maximum(x, 0)
    e = np.exp(r - r.max(axis=1, keepdims=True))
    np.testing.assert_allclose(got, e / e.sum(axis=1, keepdims=True), rtol=1e-5, atol=1e-6)
    python_names = [k.name for k in compiled.kernels.values() if not isinstance(k, str)]
    assert len(python_names) >= len(names) + 1, python_names  # every function has its kernels
    return {"python_names": python_names}


def _hostile_onnx_model(marker: str) -> onnx.ModelProto:
    """MatMul + bias + Relu (GPU kernels), Softmax (a row kernel) and ArgMax (a reduction with two
    results: runs on the CPU), every name in the graph hostile."""
    n = [p.replace("{marker}", marker) for p in PAYLOADS]
    x, w, b, mm, add, relu, soft, y = (n[0], n[1], n[2], n[3], n[4], n[5], n[1] + "_soft", n[0] + "_out")
    rng = np.random.default_rng(1)
    inits = [numpy_helper.from_array(rng.standard_normal((8, 6)).astype(np.float32), w),
             numpy_helper.from_array(rng.standard_normal((6,)).astype(np.float32), b)]
    nodes = [helper.make_node("MatMul", [x, w], [mm], name=n[2] + "_node"),
             helper.make_node("Add", [mm, b], [add], name=n[3]),
             helper.make_node("Relu", [add], [relu], name=""),
             helper.make_node("Softmax", [relu], [soft], name=n[4], axis=1),
             helper.make_node("ArgMax", [relu], [y], name=n[5], axis=1)]
    graph = helper.make_graph(nodes, n[0] + "_graph",
                              [helper.make_tensor_value_info(x, TensorProto.FLOAT, [3, 8])],
                              [helper.make_tensor_value_info(y, TensorProto.INT64, [3, 1]),
                               helper.make_tensor_value_info(soft, TensorProto.FLOAT, [3, 6])], inits)
    graph.doc_string = n[2]
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name=n[3])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def onnx_hostile_names(marker: str) -> dict:
    import onnx_mlir

    model = _hostile_onnx_model(marker)
    x_name = model.graph.input[0].name
    feeds = {x_name: np.random.default_rng(2).standard_normal((3, 8)).astype(np.float32)}
    want = run_onnxruntime(model, feeds)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compiled = onnx_mlir.compile(model, target="gpu")
        got = compiled.run(None, feeds)
    assert compiled.input_names == [x_name] and compiled.output_names == [o.name for o in model.graph.output]
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-5, atol=1e-6)
    by_name = compiled.run([model.graph.output[1].name], feeds)  # outputs looked up by hostile name
    np.testing.assert_allclose(by_name[0], want[1], rtol=1e-5, atol=1e-6)
    return {"kinds": sorted({k.kind for k in compiled.kernels.values() if not isinstance(k, str)}),
            "fallbacks": [str(w.message)[:200] for w in caught if "runs on the CPU" in str(w.message)]}


CASES = {"ir_module_hostile_functions": ir_module_hostile_functions, "onnx_hostile_names": onnx_hostile_names}

if __name__ == "__main__":
    marker_path = sys.argv[1]
    for name, case in CASES.items():
        try:
            result = {"case": name, "ok": True, **case(marker_path)}
        except Exception as exc:  # noqa: BLE001 - reported to the pytest side
            result = {"case": name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                      "trace": traceback.format_exc()[-3000:]}
        result["marker_exists"] = os.path.exists(marker_path)
        print(json.dumps(result), flush=True)
