"""pytest configuration of the ONNX conformance run (tests/conformance).

Kept in its own folder with its own pytest.ini so that pytest's rootdir is this folder (the
repository root is the `onnx_mlir` package and must not be collected). `make conformance` runs it
with pytest-xdist; the node test data is generated on first use (see onnx_mlir.tools.conformance).
"""
