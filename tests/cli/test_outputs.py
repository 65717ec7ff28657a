"""Output that cannot be written, outputs that are not regular files, and the paths people type.

Every case runs the real program in a subprocess: stdout closed, on a full
disk (/dev/full) or a pipe whose reader is gone; stderr closed; --out onto a
device node, a FIFO, a name too long, a deleted working folder; ``~`` and
``~nosuchuser`` in every path option; empty names.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from cli_helpers import assert_one_line_error, cli_env, run_cli
from visualizer.core.persistence import load_checkpoint

TRAIN = ("train", "--hidden", "8", "--epochs", "1")


def run_with(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=None, cwd=None,
             env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "visualizer", *map(str, args)], stdout=stdout,
                          stderr=stderr, preexec_fn=preexec_fn, cwd=cwd, env=env or cli_env(),
                          text=True, timeout=120)


def close_fd(fd: int):
    return lambda: os.close(fd)


def no_traceback(proc):
    assert "Traceback" not in (proc.stderr or ""), proc.stderr


# --- stdout that cannot be written -----------------------------------------------------------

@pytest.mark.parametrize("command", [("data", "list"), ("evaluate", "--json"), ("predict",)])
def test_stdout_on_a_full_disk_is_one_line_and_exit_2(command, trained_model, tmp_path):
    args = list(command)
    if command[0] == "evaluate":
        args += ["--model", trained_model]
    if command[0] == "predict":
        from cli_helpers import write_png
        import numpy as np
        png = np.zeros((28, 28), np.uint8)
        png[6:22, 12:16] = 255
        args += ["--model", trained_model, write_png(tmp_path / "one.png", png)]
    with open("/dev/full", "w") as full:
        proc = run_with(*args, stdout=full)
    assert_one_line_error(proc, "standard output", "No space left on device")


def test_stdout_closed_is_one_line_and_exit_2(trained_model):
    proc = run_with("evaluate", "--model", trained_model, "--json", stdout=None, preexec_fn=close_fd(1))
    assert_one_line_error(proc, "standard output is closed")


def test_a_reader_that_went_away_ends_quietly(trained_model):
    read_end, write_end = os.pipe()
    os.close(read_end)                       # nobody will ever read: every write is EPIPE
    try:
        proc = run_with("data", "list", stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 141 and proc.stderr == "", proc.stderr


def test_train_saves_its_model_although_stdout_is_full(tmp_path):
    out = tmp_path / "m.npz"
    with open("/dev/full", "w") as full:
        proc = run_with(*TRAIN, "--out", out, "--json", stdout=full)
    assert proc.returncode == 2 and "No space left on device" in proc.stderr.splitlines()[-1]
    no_traceback(proc)
    assert load_checkpoint(out).epochs_done == 1 and os.listdir(tmp_path) == ["m.npz"]


@pytest.mark.parametrize("how", ["closed", "full"])
def test_train_saves_its_model_although_stderr_cannot_be_written(tmp_path, how):
    out = tmp_path / "m.npz"
    if how == "closed":
        proc = run_with(*TRAIN, "--out", out, "--json", stderr=None, preexec_fn=close_fd(2))
    else:
        with open("/dev/full", "w") as full:
            proc = run_with(*TRAIN, "--out", out, "--json", stderr=full)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["model"] == str(out) and load_checkpoint(out).epochs_done == 1


# --- outputs that are not regular files, saves that would fail after training ----------------

def test_out_onto_a_device_is_refused_before_training(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))   # our own /dev/null, never the system's
    except PermissionError:
        pytest.skip("making a device node needs root")
    proc = run_cli(*TRAIN, "--out", node)
    assert_one_line_error(proc, "--out", str(node), "not a regular file")
    assert stat.S_ISCHR(os.stat(node).st_mode) and proc.stdout == ""


def test_out_onto_a_fifo_or_a_link_to_one_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    os.symlink(fifo, tmp_path / "link.npz")
    for target in (fifo, tmp_path / "link.npz"):
        assert_one_line_error(run_cli(*TRAIN, "--out", target), "--out", str(target))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and os.path.islink(tmp_path / "link.npz")


def test_screenshot_onto_a_fifo_is_refused_before_the_window_opens(tmp_path):
    fifo = tmp_path / "shot.png"
    os.mkfifo(fifo)
    assert_one_line_error(run_cli("gui", "--screenshot", fifo), "--screenshot", str(fifo))


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_out_is_refused_before_training(tmp_path):
    out = tmp_path / "m.npz"
    out.write_bytes(b"keep me")
    os.chmod(out, 0o444)
    assert_one_line_error(run_cli(*TRAIN, "--out", out), "--out", str(out), "read-only")
    assert out.read_bytes() == b"keep me"


def test_a_name_too_long_is_refused_before_training_and_a_long_legal_one_is_saved(tmp_path):
    too_long = tmp_path / ("m" * 300 + ".npz")
    assert_one_line_error(run_cli(*TRAIN, "--out", too_long), "--out", "too long")
    legal = tmp_path / ("m" * 246 + ".npz")
    proc = run_cli(*TRAIN, "--out", legal)
    assert proc.returncode == 0, proc.stderr
    assert os.listdir(tmp_path) == [legal.name]


def test_a_deleted_working_folder_is_refused_by_the_check_before_training(tmp_path, monkeypatch):
    """(Python itself cannot start in a deleted folder, so the check runs in this process.)"""
    from visualizer.cli.common import check_writable_target
    from visualizer.core.errors import ConfigError

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(ConfigError, match="--out: the folder . no longer exists"):
        check_writable_target("m.npz", "--out")


# --- paths --------------------------------------------------------------------------------------

def test_tilde_is_expanded_in_path_options(tmp_path, trained_model):
    env = cli_env(HOME=str(tmp_path))
    proc = run_cli(*TRAIN, "--out", "~/m.npz", env=env)          # quoted: the shell left "~" alone
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m.npz").is_file()
    proc = run_cli("evaluate", "--model", "~/m.npz", "--json", env=env)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("args, culprit", [
    (TRAIN + ("--out", "~nosuchuser/m.npz"), "nosuchuser"),
    (TRAIN + ("~nosuchuser/data",), "nosuchuser"),
    (("evaluate", "--model", "~nosuchuser/m.npz"), "nosuchuser"),
    (("data", "info", "~nosuchuser/data"), "nosuchuser"),
    (TRAIN + ("--out", ""), "--out"),
    (TRAIN + ("--resume", ""), "--resume"),
])
def test_unknown_users_and_empty_names_are_one_line(args, culprit, tmp_path):
    proc = run_cli(*args, cwd=tmp_path)
    assert_one_line_error(proc, culprit)
    assert os.listdir(tmp_path) == []


def test_a_models_recorded_dataset_with_an_unknown_user_is_one_line(tmp_path, trained_model):
    from modelfiles import save_model
    saved = load_checkpoint(trained_model)
    model = tmp_path / "m.npz"
    save_model(model, saved.model(), dataset="~nosuchuser/data")
    assert_one_line_error(run_cli("evaluate", "--model", model), "nosuchuser", str(model))


@pytest.mark.parametrize("option", ["--model", "--resume"])
def test_a_fifo_as_the_model_is_refused_instead_of_hanging(tmp_path, option):
    fifo = tmp_path / "m.npz"
    os.mkfifo(fifo)
    args = ("evaluate", "--model", fifo) if option == "--model" else TRAIN + ("--resume", fifo)
    assert_one_line_error(run_cli(*args, timeout=60), str(fifo), "not a regular file")


# --- the dataset: positional or --dataset, in every command -------------------------------------

def test_every_command_takes_the_dataset_both_ways(trained_model, idx_folder):
    for args in (("evaluate", "--model", trained_model, "--json"), ("data", "info", "--json")):
        both = [run_cli(*args, form, idx_folder) if form else run_cli(*args, idx_folder)
                for form in ("--dataset", None)]
        assert [p.returncode for p in both] == [0, 0], both[0].stderr
        assert json.loads(both[0].stdout) == json.loads(both[1].stdout)
    proc = run_cli(*TRAIN, "--dataset", idx_folder, "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["dataset"] == str(idx_folder.resolve())
    assert_one_line_error(run_cli("evaluate", "--model", trained_model, "sample", "--dataset", "mnist"),
                          "two datasets")


# --- a full disk while the model is saved; file names that are not UTF-8 -------------------------

def test_a_full_disk_while_saving_is_one_line_and_keeps_the_old_model(tmp_path):
    out = tmp_path / "m.npz"
    out.write_bytes(b"the old model")
    code = ("import errno, os, sys, numpy\n"
            "def full(f, *a, **k):\n"
            "    f.write(b'half a model')\n"
            "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
            "numpy.savez = full\n"
            "from visualizer.__main__ import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.run([sys.executable, "-c", code, *TRAIN, "--out", str(out)], capture_output=True,
                          text=True, env=cli_env(), timeout=120)
    line = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert line == f"visualizer train: error: {out}: No space left on device"
    assert out.read_bytes() == b"the old model" and os.listdir(tmp_path) == ["m.npz"]


def test_a_folder_of_images_with_names_that_are_not_utf8(trained_model, tmp_path):
    import numpy as np

    from cli_helpers import write_png
    folder = tmp_path / "scans"
    folder.mkdir()
    digit = np.zeros((28, 28), np.uint8)
    digit[6:22, 12:16] = 255
    write_png(folder / "plain.png", digit)
    os.rename(folder / "plain.png", os.fsdecode(os.fsencode(str(folder)) + b"/caf\xe9.png"))
    proc = run_cli("predict", "--model", trained_model, folder, env=cli_env(LC_ALL="C.UTF-8"))
    assert proc.returncode == 0, proc.stderr
    assert "caf\ufffd.png" in proc.stdout.splitlines()[1]
