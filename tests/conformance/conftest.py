"""pytest configuration of the ONNX conformance run (tests/conformance).

Kept in its own folder with its own pytest.ini so that pytest's rootdir is this folder (the
repository root is the `onnx_mlir` package and must not be collected). `make conformance` runs it
with pytest-xdist; the node test data is generated on first use (see onnx_mlir.tools.conformance_data).
"""

import os

from onnx_mlir.tools.conformance_data import UNDEFINED_PROPERTY

# Each case is compiled once: no compile cache (it would only fill the user's cache directory).
os.environ.setdefault("ONNX_MLIR_CACHE", "0")


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many cases had float -> integer elements ONNX leaves undefined, compared with the
    project's result instead of the expected data (user properties travel through xdist)."""
    counts = [value for report in terminalreporter.stats.get("passed", [])
              for key, value in getattr(report, "user_properties", ()) if key == UNDEFINED_PROPERTY]
    if counts:
        terminalreporter.write_line(
            f"conformance: {len(counts)} passing case(s) have {sum(counts)} float -> integer cast "
            "elements that ONNX leaves undefined, compared with the project's saturating result "
            "(docs/supported-ops.md)")
