"""An onnx-mlir-py plugin: the ``example.fused_gelu`` op, a pass that fuses the Erf-based GELU
subgraph of exported models into it, and its lowering to linalg.

Only names are registered here (``"module:Class"`` strings): the passes and the lowering import
MLIR when first used, so loading the plugin keeps ``onnx-mlir-opt --help`` fast.
"""

from pathlib import Path

HERE = Path(__file__).parent


def register(api):
    """Called once by onnx-mlir-py when the plugin is loaded."""
    api.register_dialect(path=HERE / "example.irdl.mlir")
    api.register_pass("onnx_mlir_gelu_example.fuse:FuseGeluPass", name="example-fuse-gelu",
                      summary="Fuse x*0.5*(1+erf(x/sqrt(2))) onnx subgraphs into example.fused_gelu")
    api.register_lowering("example.fused_gelu", "onnx_mlir_gelu_example.lowering:FusedGeluLowering")
    # Users opt in (compile(extra_passes={"after-onnx": "example-gelu"})): an installed plugin
    # should not change what every compilation computes behind the user's back.
    api.register_pipeline("example-gelu", "builtin.module(example-fuse-gelu)",
                          "The example plugin's onnx-level passes (GELU fusion)")
