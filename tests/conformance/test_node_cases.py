"""ONNX conformance: every node case of onnx's BackendTest through onnx_mlir.backend (CPU).

The cases come from ``onnx.backend.test.BackendTest`` built over the generated node test data
(``onnx_mlir.tools.conformance_data.ensure_node_data``); each runs with BackendTest's own comparison.
``expected_failures.txt`` lists the cases known to fail, as strict xfails: a listed case that
passes fails the run ("remove it from the list"), an unlisted failing case fails the run.
Float -> integer cast elements that ONNX leaves undefined are compared with the project's defined
result instead of the expected data (``onnx_mlir.tools.conformance_casts``); the run's summary
counts them.
Regenerate the list with ``python -m onnx_mlir.tools.conformance --write-expected-failures``.
"""

from __future__ import annotations

import pytest

from onnx_mlir.backend import OnnxMlirBackend
from onnx_mlir.tools import conformance, conformance_data, conformance_harness

DATA_DIR = conformance_data.ensure_node_data()
EXPECTED = conformance.read_expected_failures(conformance.EXPECTED_FAILURES)
_LIST = "tests/conformance/expected_failures.txt"

# BackendTest's unittest class, kept out of module globals so that pytest does not collect it twice.
_RUNNER = {"runner": conformance_data.backend_test(DATA_DIR, OnnxMlirBackend, __name__)}
_RUNNER["tests"] = _RUNNER["runner"].test_cases["OnnxBackendNodeModelTest"]
CASES = sorted(name[:-len("_cpu")] for name in vars(_RUNNER["tests"])
               if name.startswith("test_") and name.endswith("_cpu"))


def _param(case: str):
    if case not in EXPECTED:
        return pytest.param(case, id=case)
    reason = (f"listed in {_LIST} ({EXPECTED[case]}); if it passes now, remove it from the list")
    return pytest.param(case, id=case, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_node(case: str, record_property) -> None:
    name = f"{case}_cpu"
    tests = _RUNNER["tests"]
    try:
        getattr(tests(name), name)()
        undefined = _RUNNER["runner"].undefined_elements.get(case)
        if undefined:  # summed up by conftest.py
            record_property(conformance_data.UNDEFINED_PROPERTY, undefined)
    except Exception as exc:  # noqa: BLE001 - reported as one short, classified message
        status, reason = conformance_harness.classify(exc)
        detail = "\n".join(str(exc).strip().splitlines()[:12])
        listed = f"listed as: {EXPECTED[case]}" if case in EXPECTED else f"not listed in {_LIST}"
        pytest.fail(f"{case}: [{status}] {reason} ({listed})\n{detail}", pytrace=False)


def test_all_node_cases_present() -> None:
    assert len(CASES) == 1884, f"expected the 1,884 node cases of onnx 1.23.2, found {len(CASES)} in {DATA_DIR}"


def test_expected_failures_name_real_cases() -> None:
    stale = sorted(set(EXPECTED) - set(CASES))
    assert not stale, f"{_LIST} names cases that do not exist: {stale[:20]}"
