"""A fuzz worker handler for tests/python/test_fuzz.py: each case says how to misbehave."""

import ctypes
import os
import time


def run_case(case, send):
    send("phase", case["how"])
    if case["how"] == "abort":
        os.abort()
    if case["how"] == "segfault":
        ctypes.string_at(0)
    if case["how"] == "hang":
        time.sleep(600)
    if case["how"] == "exit":
        os._exit(3)
    return {"outcome": "success", "phase": case["how"], "signature": "", "message": str(os.getpid()),
            "details": {}}
