"""``python -m onnx_mlir.tools.fuzz.ort_probe MODEL CASE_JSON``: run one model with onnxruntime
on the fuzz case's inputs, to tell a model that never terminates (a Loop whose condition stays
true) from a hang of ours."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    import onnxruntime as ort

    from .model_case import make_feeds

    path, case = Path(argv[0]), json.loads(argv[1])
    feeds, _ = make_feeds(path.read_bytes(), case["dim_values"], case["index"])
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 4
    try:
        ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"]).run(None, feeds or {})
    except Exception:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
