"""The helper layer under the ONNX-to-linalg patterns.

Pattern modules import helpers only from here (and the pattern base in ``..pattern``), never from
another pattern module: shared builders, index arithmetic, run-time checks and the small topic
helpers (casts, reductions, data movement) that several op families use.
"""
