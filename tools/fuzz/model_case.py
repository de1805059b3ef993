"""The worker side of the model fuzzer: import, compile and run one mutated model, then run it
with onnxruntime and compare (see :mod:`.outcomes` for the classes).

Ours goes first; onnxruntime only runs when ours ran, after a partial ``ours`` message, so that a
crash inside onnxruntime is not blamed on us.
"""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import numpy as np
import onnx

from .compare import UNCHECKED_STATIC_SHAPE, compare_outputs, has_undefined_behaviour
from .outcomes import Outcome

MAX_FEED_ELEMENTS = 1 << 22
PACKAGE_DIR = Path(__file__).resolve().parents[2]


def warm_up() -> None:
    """Import everything once, before the first timed case."""
    import onnxruntime  # noqa: F401

    import onnx_mlir
    from .seed_models import seed_corpus

    onnx_mlir.compile(seed_corpus()[0].model)


def is_typed_error(error: BaseException) -> bool:
    from onnx_mlir import errors

    execution_error = getattr(errors, "ExecutionError", None)
    typed = (errors.OnnxMlirError,) + ((execution_error,) if execution_error else ())
    return isinstance(error, typed)


def untyped_signature(error: BaseException) -> tuple[str, str]:
    """``ExceptionType in path/of/file.py:function`` for the innermost frame of this package (or
    the innermost frame at all), and the formatted traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(PACKAGE_DIR))
            and "/tools/fuzz/" not in f.filename and "site-packages" not in f.filename]
    frame = (ours or frames or [None])[-1]
    where = "?"
    if frame is not None:
        path = Path(frame.filename)
        try:
            path = path.relative_to(PACKAGE_DIR)
        except ValueError:
            path = Path(*path.parts[-2:])
        where = f"{path}:{frame.name}"
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return f"{type(error).__name__} in {where}", text[-4000:]


def make_feeds(data: bytes, dim_values: dict[str, int], seed: int) -> tuple[dict | None, str]:
    """Random inputs for the model's graph inputs (symbolic dims from ``dim_values``, else 2)."""
    try:
        model = onnx.ModelProto.FromString(data)
    except Exception:
        return None, "model does not parse"
    rng = np.random.default_rng(seed)
    initializers = {t.name for t in model.graph.initializer}
    feeds, total = {}, 0
    for info in model.graph.input:
        if info.name in initializers:
            continue
        t = info.type.tensor_type
        if info.type.WhichOneof("value") != "tensor_type" or not t.HasField("shape"):
            return None, f"input '{info.name}' has no tensor shape"
        dims = [d.dim_value if d.HasField("dim_value") else dim_values.get(d.dim_param, 2)
                for d in t.shape.dim]
        if any(d < 0 for d in dims):
            return None, f"input '{info.name}' has negative dims"
        total += int(np.prod(dims, dtype=object))
        if total > MAX_FEED_ELEMENTS:
            return None, "inputs too large to feed"
        try:
            dtype = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(t.elem_type))
        except (KeyError, TypeError, ValueError):
            return None, f"input '{info.name}' has element type {t.elem_type}"
        try:
            feeds[info.name] = _random_array(rng, dims, dtype)
        except (ValueError, MemoryError):  # e.g. dims [0, 2**62, 2**62]: numpy refuses the shape
            return None, f"numpy cannot make input '{info.name}' of shape {dims}"
    return feeds, ""


def _random_array(rng: np.random.Generator, dims: list[int], dtype: np.dtype) -> np.ndarray:
    if dtype == np.bool_:
        return rng.integers(0, 2, dims).astype(np.bool_)
    if dtype.kind in "iu":  # small and non-zero: valid indices of dims >= 3, no zero divisors
        return rng.integers(1, 3, dims).astype(dtype)
    with np.errstate(all="ignore"):
        return rng.uniform(-2.0, 2.0, dims).astype(dtype)


def _prepare(case: dict) -> Path:
    workdir = Path(case["workdir"])
    if workdir.exists():
        shutil.rmtree(workdir)
    (workdir / "model").mkdir(parents=True)
    path = workdir / "model" / "model.onnx"
    path.write_bytes(case["data"])
    for name, content in case.get("files", {}).items():
        (workdir / "model" / name).write_bytes(content)
    return path


def _result(outcome: Outcome, phase: str, signature: str = "", message: str = "", **details) -> dict:
    return {"outcome": outcome.value, "phase": phase, "signature": signature, "message": message,
            "details": details}


def run_case(case: dict, send) -> dict:
    import onnx_mlir

    path = _prepare(case)
    feeds, why_not = make_feeds(case["data"], case.get("dim_values", {}), case["index"])
    phase = "import"
    try:
        send("phase", phase)
        module = onnx_mlir.import_model(path)
        phase = "compile"
        send("phase", phase)
        compiled = onnx_mlir.compile(module, opt_level=case.get("opt_level", 3))
        if feeds is None:
            return _result(Outcome.NOT_RUN, phase, message=why_not)
        phase = "run"
        send("phase", phase)
        ours = compiled.run(None, feeds)
        declared = [info.shape for info in compiled.get_outputs()]
    except Exception as error:  # the classification is the point: every exception is looked at
        if is_typed_error(error):
            first_line = str(error).splitlines()[0] if str(error) else ""
            return _result(Outcome.TYPED_ERROR, phase, type(error).__name__, first_line[:300])
        signature, text = untyped_signature(error)
        return _result(Outcome.UNTYPED, phase, signature, text)
    send("ours", "ran")
    send("phase", "ort")
    return _compare_with_ort(path, feeds, ours, declared)


def _compare_with_ort(path: Path, feeds: dict, ours: list, declared: list) -> dict:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.log_severity_level = 4
    try:
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        expected = session.run(None, feeds)
    except Exception as error:
        return _result(Outcome.ORT_REJECTS, "ort", message=str(error).splitlines()[0][:300])
    if has_undefined_behaviour(onnx.load(str(path), load_external_data=False)):
        return _result(Outcome.UNCHECKED, "ort", message="casts float to integer")
    problem = compare_outputs(ours, expected, declared)
    if problem:
        return _result(Outcome.WRONG, "compare", problem.split(":")[0] if not
                       problem.startswith(UNCHECKED_STATIC_SHAPE) else UNCHECKED_STATIC_SHAPE,
                       problem)
    return _result(Outcome.MATCHES_ORT, "compare")
