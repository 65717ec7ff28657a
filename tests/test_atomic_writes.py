"""visualizer.core.atomic: the old file survives a failed write; new files get ordinary permissions."""

from __future__ import annotations

import os

import pytest

from visualizer.core.atomic import atomic_path, atomic_write_text


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
