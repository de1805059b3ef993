"""The Triton kernel cache (runtime/kernel_cache.py): owner-only directory, atomic writes, files
reused only when their content matches their name (issue 8, defect 3)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import uuid

import pytest

from onnx_mlir.runtime import kernel_cache
from onnx_mlir.runtime.kernel_cache import KernelCacheError, digest_of


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "deep" / "triton-cache"
    monkeypatch.setenv(kernel_cache.CACHE_ENV, str(path))
    return path


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _unique_source(value: int = 1) -> str:
    """Plain Python (the cache does not care that it is not Triton) unique to this test run."""
    return f"# {uuid.uuid4().hex}\nVALUE = {value}\n"


def test_directory_is_created_owner_only(cache):
    old = os.umask(0)  # even with a permissive umask
    try:
        assert kernel_cache.cache_dir() == cache
    finally:
        os.umask(old)
    assert _mode(cache) == 0o700
    path = kernel_cache.store(_unique_source())
    assert path.parent == cache and _mode(path) == 0o600


def test_writable_existing_directory_is_made_owner_only(cache):
    cache.mkdir(parents=True)
    os.chmod(cache, 0o777)
    kernel_cache.cache_dir()
    assert _mode(cache) == 0o700


def test_directory_of_another_user_is_refused(cache, monkeypatch):
    cache.mkdir(parents=True, mode=0o700)
    owner = os.stat(cache).st_uid
    monkeypatch.setattr(kernel_cache.os, "getuid", lambda: owner + 1)
    with pytest.raises(KernelCacheError, match="belongs to another user"):
        kernel_cache.store(_unique_source())


def test_a_file_in_place_of_the_directory_is_refused(cache):
    cache.parent.mkdir(parents=True)
    cache.write_text("not a directory")
    with pytest.raises(KernelCacheError, match="not a directory"):
        kernel_cache.cache_dir()


def test_tampered_file_is_rewritten_not_imported(cache, tmp_path):
    source = _unique_source(1)
    path = kernel_cache.store(source)
    assert path.name == f"kernels_{digest_of(source.encode())}.py"
    marker = tmp_path / "pwned"
    path.write_text(f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nVALUE = 2\n")
    module = kernel_cache.load_source(source)
    assert module.VALUE == 1
    assert not marker.exists()
    assert path.read_text() == source
    assert not (cache / "__pycache__").exists()  # executed from memory, no bytecode cache to poison


def test_symlink_in_place_of_a_kernel_file_is_replaced(cache, tmp_path):
    source = _unique_source()
    target = tmp_path / "elsewhere.py"
    target.write_text("VALUE = 'theirs'\n")
    kernel_cache.cache_dir()
    link = cache / f"kernels_{digest_of(source.encode())}.py"
    link.symlink_to(target)
    path = kernel_cache.store(source)
    assert not path.is_symlink() and path.read_text() == source
    assert target.read_text() == "VALUE = 'theirs'\n"  # the link's target is left alone


def test_truncated_file_is_rewritten(cache):
    source = _unique_source()
    path = kernel_cache.store(source)
    path.write_text(source[:5])
    kernel_cache.store(source)
    assert path.read_text() == source


WRITER = textwrap.dedent("""
    import os, sys
    from onnx_mlir.runtime import kernel_cache
    source = open(sys.argv[1], encoding="utf-8").read()
    for _ in range(int(sys.argv[2])):
        path = kernel_cache.store(source)
        try:  # a reader never sees a partial file: it is whole, or gone (the other writer's unlink)
            with open(path, encoding="utf-8") as f:
                assert f.read() == source, "partial or foreign content"
            os.unlink(path)
        except FileNotFoundError:
            pass
    kernel_cache.store(source)
""")


def test_concurrent_writers_end_with_one_valid_file(cache, tmp_path):
    source = _unique_source() + "# padding\n" * 200_000  # ~2 MB: writes take long enough to overlap
    src_file = tmp_path / "source.py"
    src_file.write_text(source, encoding="utf-8")
    env = dict(os.environ, **{kernel_cache.CACHE_ENV: str(cache)})
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(src_file), "40"], env=env,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    files = sorted(os.listdir(cache))
    assert files == [f"kernels_{digest_of(source.encode())}.py"]  # no temporary files left
    assert (cache / files[0]).read_text(encoding="utf-8") == source
