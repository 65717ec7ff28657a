"""visualizer.core.atomic: the old file survives a failed write; new files get ordinary permissions."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from visualizer.core.atomic import atomic_path, atomic_write_bytes, atomic_write_text


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "model.npz"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("crash mid-write")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


def test_temp_file_keeps_the_target_suffix(tmp_path):
    with atomic_path(tmp_path / "curves.csv") as tmp:
        assert tmp.suffix == ".csv" and tmp.parent == tmp_path
        tmp.write_text("x")
    assert (tmp_path / "curves.csv").read_text() == "x"


def test_new_file_mode_follows_the_umask_and_an_old_file_keeps_its_mode(tmp_path):
    target = tmp_path / "a.txt"
    old = os.umask(0o027)
    try:
        import visualizer.core.atomic as atomic

        saved, atomic._UMASK = atomic._UMASK, 0o027
        try:
            atomic_write_text(target, "1")
        finally:
            atomic._UMASK = saved
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o640
    os.chmod(target, 0o604)
    atomic_write_text(target, "2")
    assert target.stat().st_mode & 0o777 == 0o604 and target.read_text() == "2"


# --- a full disk, outputs that are not regular files, long names -------------------------

def _full_disk_write(tmp):
    with open(tmp, "wb") as f:
        f.write(b"partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))      # what f.write raises on a full disk


def test_a_full_disk_names_the_target_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "model.npz"
    target.write_text("old")
    with pytest.raises(OSError) as info:
        with atomic_path(target) as tmp:
            _full_disk_write(tmp)
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(target)
    assert "no space left on device" in f"{info.value.filename}: {info.value.strerror}".lower()
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


def test_a_full_disk_at_fsync_names_the_target_too(tmp_path, monkeypatch):
    target = tmp_path / "curves.csv"

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        atomic_write_text(target, "a,b\n")
    assert info.value.filename == str(target) and info.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_an_error_that_is_not_about_the_file_passes_through_unchanged(tmp_path):
    class NetworkTrouble(OSError):
        pass

    with pytest.raises(NetworkTrouble):
        with atomic_path(tmp_path / "x.gz"):
            raise NetworkTrouble("connection reset")
    assert list(tmp_path.iterdir()) == []


def _device_node(folder):
    """A character device like /dev/null (1, 3) made in ``folder``: a real device node, but a
    regression can only ever replace this copy, never the system's own /dev/null."""
    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return node


def test_a_device_is_refused_and_never_replaced(tmp_path):
    device = _device_node(tmp_path)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(device, b"x")
    assert info.value.filename == str(device) and "not a regular file" in info.value.strerror
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == os.makedev(1, 3)
    assert os.listdir(tmp_path) == ["null"]


def test_a_fifo_and_a_folder_are_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        with pytest.raises(OSError) as info:
            atomic_write_bytes(target, b"x")
        assert info.value.filename == str(target)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and sorted(os.listdir(tmp_path)) == ["pipe"]


def test_a_symlink_to_a_device_is_refused_and_a_symlink_to_a_file_stays_a_link(tmp_path):
    device = _device_node(tmp_path)
    link = tmp_path / "settings.conf"
    os.symlink(device, link)
    with pytest.raises(OSError) as info:
        atomic_write_text(link, "x")
    assert str(device) in info.value.strerror and os.readlink(link) == str(device)
    assert stat.S_ISCHR(os.stat(device).st_mode)
    real = tmp_path / "real.conf"
    real.write_text("old")
    os.symlink(real, tmp_path / "to-real")
    atomic_write_text(tmp_path / "to-real", "new")
    assert os.path.islink(tmp_path / "to-real") and real.read_text() == "new"
    dangling = tmp_path / "dangling"
    os.symlink(tmp_path / "nowhere", dangling)
    with pytest.raises(OSError):
        atomic_write_text(dangling, "x")
    assert not (tmp_path / "nowhere").exists()


def test_a_name_near_the_length_limit_still_gets_a_temp_file(tmp_path):
    target = tmp_path / ("m" * 246 + ".npz")                    # 250 characters: a legal name
    atomic_write_bytes(target, b"data")
    assert target.read_bytes() == b"data" and len(os.listdir(tmp_path)) == 1


def _as_unprivileged(fn) -> None:
    """Run ``fn()`` as an ordinary user: as root (who may write any file), in a forked child
    that gave up root first; its failure fails the test."""
    if os.geteuid() != 0:
        fn()
        return
    pid = os.fork()
    if pid == 0:                                    # the child: never returns into pytest
        code = 1
        try:
            os.setgid(65534)
            os.setuid(65534)                        # nobody
            fn()
            code = 0
        except BaseException:                       # noqa: BLE001 - reported by the exit code
            pass
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the write failed as an ordinary user"


def test_a_read_only_old_file_is_replaced_by_a_writer_that_opens_the_temp():
    folder = Path(tempfile.mkdtemp(prefix="visualizer-atomic-"))   # reachable by an ordinary user
    try:
        os.chmod(folder, 0o777)
        target = folder / "model.npz"
        target.write_text("old")
        os.chmod(target, 0o444)

        def save():
            with atomic_path(target) as tmp:
                with open(tmp, "w") as f:           # the temp must be writable while it is written
                    f.write("new")

        _as_unprivileged(save)
        assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o444
        assert os.listdir(folder) == ["model.npz"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
