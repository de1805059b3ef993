"""Worker subprocesses that run fuzz cases, survive nothing and are replaced.

The parent sends a case (a pickled dict) on the worker's stdin; the worker answers with messages
on a private pipe (its stdout, which it moves out of the way of native prints): ``phase`` messages
as the case goes through import, compile, run, a partial result (``ours``, ``ort``) and finally
``result``. A worker that dies (abort, segfault) is reported with its signal and the tail of its
stderr, and a worker that does not answer in time is killed (hang); either way the next case
starts a fresh one. Workers are also recycled every ``recycle`` cases to bound leaks.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

_HEADER = struct.Struct("<Q")
STARTUP_TIMEOUT_S = 300.0


def write_message(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream):
    """The next message of a blocking stream, or None at end of file."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    data = stream.read(_HEADER.unpack(header)[0])
    return pickle.loads(data)


@dataclass
class Reply:
    """What a worker did with one case."""

    status: str  # "ok", "died" or "hang"
    messages: list = field(default_factory=list)
    returncode: int | None = None
    stderr_tail: str = ""

    @property
    def result(self) -> dict | None:
        return next((m[1] for m in self.messages if m[0] == "result"), None)

    @property
    def last_phase(self) -> str:
        phases = [m[1] for m in self.messages if m[0] == "phase"]
        return phases[-1] if phases else "start"

    def partial(self, key: str):
        return next((m[1] for m in self.messages if m[0] == key), None)


class Worker:
    """One worker subprocess running ``handler`` ("module:function") on the cases it is sent."""

    def __init__(self, handler: str, log_path: Path, *, memory_limit: int, recycle: int = 200,
                 env: dict[str, str] | None = None):
        self.handler = handler
        self.log_path = log_path
        self.memory_limit = memory_limit
        self.recycle = recycle
        self.env = dict(os.environ, **(env or {}))
        self.proc: subprocess.Popen | None = None
        self._buffer = b""
        self._cases = 0

    # ------------------------------------------------------------------ lifecycle

    def _start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "onnx_mlir.tools.fuzz.worker_main", self.handler,
             str(self.memory_limit)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=self.env)
        log.close()
        self._buffer, self._cases = b"", 0
        message = self._read(time.monotonic() + STARTUP_TIMEOUT_S)
        if not (isinstance(message, tuple) and message[0] == "ready"):
            tail = self._stderr_tail(0)
            self.stop()
            raise RuntimeError(f"fuzz worker failed to start: {message!r}\n{tail}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.proc = None

    # ------------------------------------------------------------------ one case

    def run(self, case: dict, timeout: float) -> Reply:
        if self.proc is None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        log_offset = self.log_path.stat().st_size
        reply = Reply("ok")
        try:
            write_message(self.proc.stdin, case)
        except BrokenPipeError:
            return self._died(reply, log_offset)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read(deadline)
            if message == "timeout":
                self.stop()
                reply.status, reply.stderr_tail = "hang", self._stderr_tail(log_offset)
                return reply
            if message is None:
                return self._died(reply, log_offset)
            reply.messages.append(message)
            if message[0] == "result":
                self._cases += 1
                if self._cases >= self.recycle:
                    self.stop()
                return reply

    def _died(self, reply: Reply, log_offset: int) -> Reply:
        assert self.proc is not None
        reply.returncode = self.proc.wait()
        reply.status, reply.stderr_tail = "died", self._stderr_tail(log_offset)
        self.stop()
        return reply

    # ------------------------------------------------------------------ pipe

    def _read(self, deadline: float):
        """The next message, None when the worker closed its pipe, "timeout" past ``deadline``."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while True:
            if len(self._buffer) >= _HEADER.size:
                size = _HEADER.unpack(self._buffer[:_HEADER.size])[0]
                end = _HEADER.size + size
                if len(self._buffer) >= end:
                    data, self._buffer = self._buffer[_HEADER.size:end], self._buffer[end:]
                    return pickle.loads(data)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return "timeout"
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk

    def _stderr_tail(self, offset: int, limit: int = 6000) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(max(offset, log.seek(0, os.SEEK_END) - limit))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""


def signal_name(returncode: int | None) -> str:
    if returncode is None or returncode >= 0:
        return f"exit {returncode}"
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"
