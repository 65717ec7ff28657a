"""Ctrl-C (SIGINT) and SIGTERM at any moment: exit 130 or 143, no traceback, nothing left behind.

Each case runs the real command in a child Python that sends the signal to
itself at a chosen moment (while the command line is imported, while the
dataset loads, while the model is saved), so the moment is exact rather than
a matter of timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from cli_helpers import cli_env
from visualizer.core.persistence import load_checkpoint

TRAIN = ["train", "--hidden", "8", "--epochs", "1"]


def run_script(body: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``body`` (which ends by calling the command line) with ``args`` in sys.argv."""
    code = "import os, signal, sys, time\n" + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=cli_env(), timeout=120)


def assert_ended_by(proc: subprocess.CompletedProcess, signum: int) -> None:
    assert proc.returncode == 128 + signum, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_command_line_is_imported(signum):
    proc = run_script(f"""
        import builtins
        real_import = builtins.__import__
        def importing(name, *a, **k):
            if name == "visualizer.cli.main":
                os.kill(os.getpid(), {int(signum)})
            return real_import(name, *a, **k)
        builtins.__import__ = importing
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, "data", "list")
    assert_ended_by(proc, signum)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_parser_is_built(signum):
    """Building the parser imports the commands' modules (about 0.1 s after start)."""
    proc = run_script(f"""
        import visualizer.cli.main as cli_main
        real_build = cli_main.build_parser
        def build():
            os.kill(os.getpid(), {int(signum)})
            return real_build()
        cli_main.build_parser = build
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, "data", "list")
    assert_ended_by(proc, signum)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_dataset_loads(signum, tmp_path):
    out = tmp_path / "m.npz"
    proc = run_script(f"""
        from visualizer.core import dataset
        def slow_load(spec, **kw):
            os.kill(os.getpid(), {int(signum)})
            time.sleep(30)                  # a long load: the signal must cut it short
        dataset.load_dataset = slow_load
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, *TRAIN, "--out", str(out))
    assert_ended_by(proc, signum)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_that_lands_where_python_drops_exceptions_still_ends_the_command(signum):
    """The handler can run inside a weakref callback or a ``__del__`` (an import's module lock has
    one): Python prints and drops the exception raised there. The command must end all the same."""
    proc = run_script(f"""
        import gc
        from visualizer.core import dataset

        class Dropped:
            def __del__(self):
                signal.raise_signal({int(signum)})
                sum(range(1000))            # the handler runs here, inside __del__
        def load(spec, **kw):
            Dropped()
            gc.collect()
            time.sleep(30)                  # a long load: the lost signal must still cut it short
        dataset.load_dataset = load
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, "data", "info", "sample")
    assert_ended_by(proc, signum)
    assert "Exception ignored" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_one_signal_during_the_final_save_still_saves_then_exits_with_it(signum, tmp_path):
    out = tmp_path / "m.npz"
    proc = run_script(f"""
        from visualizer.core import persistence
        real_save = persistence.save_checkpoint
        def save(*a, **kw):
            os.kill(os.getpid(), {int(signum)})
            real_save(*a, **kw)
        persistence.save_checkpoint = save
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, *TRAIN, "--out", str(out))
    assert_ended_by(proc, signum)
    assert load_checkpoint(out).epochs_done == 1
    assert "the model so far was saved to" in proc.stderr


def test_two_sigterms_during_the_save_quit_with_143_and_leave_nothing(tmp_path):
    out = tmp_path / "m.npz"
    proc = run_script("""
        from visualizer.core import persistence
        real_save = persistence.save_checkpoint
        def save(*a, **kw):
            os.kill(os.getpid(), signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGTERM)
            real_save(*a, **kw)
        persistence.save_checkpoint = save
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, *TRAIN, "--out", str(out))
    assert_ended_by(proc, signal.SIGTERM)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_the_console_script_imports_the_package(signum):
    # The console script's first line is ``from visualizer.__main__ import main``: a signal
    # there, before any function of the command line runs, still ends quietly.
    proc = run_script(f"""
        import builtins
        sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "visualizer")
        real_import = builtins.__import__
        def importing(name, *a, **k):
            if a and (a[0] or {{}}).get("__name__") == "visualizer.__main__":    # its own first import
                builtins.__import__ = real_import
                os.kill(os.getpid(), {int(signum)})
            return real_import(name, *a, **k)
        builtins.__import__ = importing
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, "data", "list")
    assert_ended_by(proc, signum)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_dropped_before_the_command_line_exists_still_ends_the_command(signum):
    # The package's first handler exits at once; if Python drops that exit (it landed in a
    # ``__del__``), the command ends with it as soon as the command line's handlers are in place.
    proc = run_script(f"""
        import gc
        sys.argv[0] = os.path.join(os.path.dirname(sys.executable), "visualizer")
        import visualizer

        class Dropped:
            def __del__(self):
                signal.raise_signal({int(signum)})
                sum(range(1000))            # the package's handler runs here, inside __del__
        Dropped()
        gc.collect()
        from visualizer.__main__ import main
        sys.exit(main(sys.argv[1:]))
        """, "data", "list")
    assert_ended_by(proc, signum)
    assert "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.stdout == ""                    # it ended before listing anything


def test_a_program_that_imports_the_package_keeps_its_own_signal_handling():
    proc = run_script("""
        import visualizer
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        print("kept")
        """)
    assert proc.returncode == 0 and proc.stdout.strip() == "kept", proc.stderr


def test_installed_handlers_come_back_after():
    from visualizer.cli.signals import installed

    def mine(signum, frame):
        pass

    before = signal.getsignal(signal.SIGUSR1)
    with installed({signal.SIGUSR1: mine}):
        assert signal.getsignal(signal.SIGUSR1) is mine
    assert signal.getsignal(signal.SIGUSR1) == before


def test_without_pthread_kill_the_signal_still_reaches_the_main_thread():
    # Windows has no signal.pthread_kill: the handler is then run in the main thread by
    # _thread.interrupt_main.
    proc = run_script("""
        import threading
        from visualizer.cli import signals
        del signal.pthread_kill
        with signals.raising_signals():
            try:
                threading.Thread(target=signals._signal_main_thread, args=(signal.SIGTERM,)).start()
                for _ in range(500):
                    time.sleep(0.01)
                print("not interrupted")
            except signals.Interrupted as exc:
                print("interrupted", exc.signum)
        """)
    assert proc.stdout.strip() == f"interrupted {int(signal.SIGTERM)}", (proc.stdout, proc.stderr)
