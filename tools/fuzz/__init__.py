"""Fuzzers of onnx-mlir-py: seeded mutations of valid inputs, run in crash-proof worker processes.

Two targets, one campaign runner (``python -m onnx_mlir.tools.fuzz``, ``make fuzz N=...``):

* ``models``: mutated ONNX models (:mod:`.model_mutations` over the seed corpus of
  :mod:`.seed_models`) are imported, compiled and run, and compared with onnxruntime
  (:mod:`.model_case`);
* ``opt``: mutated ``.mlir`` inputs of the lit tests (:mod:`.mlir_mutations`) go through
  ``onnx-mlir-opt`` with the passes of their RUN lines (:mod:`.opt_case`).

Each case runs in a worker subprocess (:mod:`.workers`) that is restarted when it dies (abort,
segfault) and killed when it hangs; :mod:`.outcomes` classifies what happened, :mod:`.campaign`
drives the workers and :mod:`.report` prints the table and writes one reproducer per bad case.
"""
