"""Runs a group of GPU cases in Triton's interpreter, in a subprocess (a case script prints one
JSON line per case): shared by test_gpu_interpreter.py and test_gpu_models.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_case_group(script: str, group: str) -> dict[str, dict]:
    """``{case: result}`` of ``python tests/python/<script> <group>`` under TRITON_INTERPRET=1."""
    env = dict(os.environ, TRITON_INTERPRET="1", OMP_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, os.path.join(HERE, script), group],
                          capture_output=True, text=True, env=env, timeout=900)
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            results[r["case"]] = r
    assert results, f"no results (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    return results
