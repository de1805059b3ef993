"""The outcome classes of a fuzz case, and which of them are bugs."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Outcome(str, Enum):
    # models: ours failed cleanly, or ran and agreed with onnxruntime (or onnxruntime refused)
    TYPED_ERROR = "typed-error"          # an OnnxMlirError subclass (import, compile or run)
    MATCHES_ORT = "matches-ort"
    ORT_REJECTS = "ort-rejects"          # ours ran, onnxruntime failed to load or run the model
    UNCHECKED = "ran-unchecked"          # ours ran; the outputs depend on behaviour ONNX leaves undefined
    NOT_RUN = "compiled-not-run"         # compiled; inputs too large to feed
    ORT_HANGS_TOO = "ort-hangs-too"      # ours did not finish running, nor does onnxruntime
    WRONG = "wrong-result"
    # onnx-mlir-opt: a diagnostic and exit 1, or success
    TYPED_DIAGNOSTIC = "typed-diagnostic"
    SUCCESS = "success"
    UPSTREAM_CRASH = "upstream-parser-crash"  # MLIR's own parser dies on it: mlir-opt does too
    # both: the bugs
    UNTYPED = "untyped-exception"        # models: not an OnnxMlirError; opt: traceback / internal error
    ABORT = "abort"
    SEGFAULT = "segfault"
    CRASH = "crash"                      # another signal, or the worker exited without an answer
    HANG = "hang"

    @property
    def is_bad(self) -> bool:
        return self in BAD


BAD = frozenset({Outcome.UNTYPED, Outcome.ABORT, Outcome.SEGFAULT, Outcome.CRASH, Outcome.HANG,
                 Outcome.WRONG})

MODEL_OUTCOMES = (Outcome.TYPED_ERROR, Outcome.MATCHES_ORT, Outcome.ORT_REJECTS, Outcome.UNCHECKED,
                  Outcome.NOT_RUN, Outcome.ORT_HANGS_TOO, Outcome.ABORT, Outcome.SEGFAULT,
                  Outcome.CRASH, Outcome.HANG, Outcome.UNTYPED, Outcome.WRONG)
OPT_OUTCOMES = (Outcome.TYPED_DIAGNOSTIC, Outcome.SUCCESS, Outcome.UPSTREAM_CRASH, Outcome.ABORT,
                Outcome.SEGFAULT, Outcome.CRASH, Outcome.HANG, Outcome.UNTYPED)


@dataclass
class CaseResult:
    """What one case did: its outcome, the phase it reached, a short signature grouping
    equal failures, and details for the reproducer."""

    outcome: Outcome
    phase: str = ""
    signature: str = ""
    message: str = ""
    details: dict = field(default_factory=dict)
