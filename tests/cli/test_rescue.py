"""A save that fails after the training is done keeps the model: it goes to a rescue folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cli_helpers import cli_env
from visualizer.core import rescue
from visualizer.core.persistence import load_checkpoint

TRAIN = ["train", "--hidden", "8", "--epochs", "1"]


def train_then_delete_the_folder(work: Path, data_home: Path, *args: str) -> subprocess.CompletedProcess:
    """``visualizer train ... --out m.npz`` in ``work``, which is deleted when training ends."""
    code = textwrap.dedent("""
        import shutil, sys
        from visualizer.cli import progress
        real_close = progress.TrainProgress.close
        def close(self):
            real_close(self)
            shutil.rmtree(sys.argv[1])         # the working folder goes while the run ends
        progress.TrainProgress.close = close
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[2:]))
        """)
    return subprocess.run([sys.executable, "-c", code, str(work), *TRAIN, "--out", "m.npz", *args],
                          cwd=work, capture_output=True, text=True, timeout=120,
                          env=cli_env(XDG_DATA_HOME=str(data_home)))


def rescued(data_home: Path) -> list[Path]:
    folder = data_home / "visualizer" / rescue.FOLDER
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places the user data folder on Linux")
def test_a_working_folder_deleted_during_training_keeps_the_model_in_the_rescue_folder(tmp_path):
    work, home = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    proc = train_then_delete_the_folder(work, home)
    [kept] = rescued(home)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    line = proc.stderr.strip().splitlines()[-1]          # after the progress lines, one error line
    assert line == (f"visualizer train: error: cannot write m.npz: No such file or directory; "
                    f"the model was saved to {kept} instead")
    assert kept.name.startswith("m-") and kept.suffix == ".npz"
    assert load_checkpoint(kept).epochs_done == 1
    assert "trained 1 epoch" in proc.stdout and str(kept) in proc.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places the user data folder on Linux")
def test_json_names_the_rescued_file(tmp_path):
    import json

    work, home = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    proc = train_then_delete_the_folder(work, home, "--json")
    [kept] = rescued(home)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["model"] == str(kept)


def test_the_rescue_falls_back_to_the_temp_folder_and_never_overwrites(tmp_path, monkeypatch, tiny_ckpt):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    temp = tmp_path / "tmp"
    monkeypatch.setattr(rescue, "rescue_folders", lambda: [blocked / "rescued", temp])
    first = rescue.save_or_rescue(tmp_path / "gone" / "m.npz", tiny_ckpt)
    second = rescue.save_or_rescue(tmp_path / "gone" / "m.npz", tiny_ckpt)
    assert first.error is not None and first.path.parent == temp
    assert second.path != first.path and second.path.parent == temp
    assert load_checkpoint(second.path).step == tiny_ckpt.step


def test_nowhere_to_rescue_raises_the_first_error(tmp_path, monkeypatch, tiny_ckpt):
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    monkeypatch.setattr(rescue, "rescue_folders", lambda: [blocked / "a", blocked / "b"])
    with pytest.raises(FileNotFoundError) as info:
        rescue.save_or_rescue(tmp_path / "gone" / "m.npz", tiny_ckpt)
    assert info.value.filename == str(tmp_path / "gone" / "m.npz")


def test_a_long_or_odd_name_gives_a_short_safe_rescue_name():
    name = rescue.rescue_name("/x/" + "é" * 300 + " a/b.npz")
    assert name.endswith(".npz") and len(name) < 100 and "/" not in name
    assert rescue.rescue_name("/x/.npz").startswith("npz-")
    assert rescue.rescue_name("/x/__.npz").startswith("model-")


@pytest.fixture
def tiny_ckpt():
    from visualizer.core.checkpoint import Checkpoint, Split
    from visualizer.core.config import NetworkConfig, TrainConfig

    return Checkpoint.fresh(NetworkConfig(hidden=(4,)), TrainConfig(), Split("sample", 0.1))
