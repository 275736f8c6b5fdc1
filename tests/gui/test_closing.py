"""The app as a process: it ends once its work is safe, after a save at close or a failed one.

Each test runs the real ``run_app`` in a child process (offscreen), answers the
closing questions there, and checks that the process exits by itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXIT_TIMEOUT_S = 120

CHILD = r"""
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from flowerclf.gui import app as app_module
from flowerclf.gui.main_window import MainWindow

model_file, save_paths, answers = sys.argv[1], sys.argv[2].split("|"), sys.argv[3].split("|")
asked = []


def ask_unsaved_models(self, unsaved, problem=""):
    asked.append(problem)
    print("ASKED", repr(problem), flush=True)
    return answers.pop(0)


def ask_save_path(self, entry):
    return save_paths.pop(0)


MainWindow.ask_unsaved_models = ask_unsaved_models
MainWindow.ask_save_path = ask_save_path
real_create = app_module.create_window


def create_window(paths=None):
    window = real_create(paths)

    def when_loaded():
        session = window.session
        if session.current is None:
            QTimer.singleShot(50, when_loaded)
            return
        # As if trained here: the same network, never saved.
        session.add_model(session.current.classifier, "trained", saved=False, origin="trained")
        window.close()

    QTimer.singleShot(50, when_loaded)
    return window


app_module.create_window = create_window
code = app_module.run_app([model_file])
print("EXIT", code, "ASKED", len(asked), flush=True)
sys.exit(code)
"""


def run_child(tmp_path: Path, model_file: Path, save_paths: list[str], answers: list[str]):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(model_file), "|".join(save_paths), "|".join(answers)],
        capture_output=True,
        text=True,
        timeout=EXIT_TIMEOUT_S,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.mark.timeout(EXIT_TIMEOUT_S + 30)
def test_the_process_exits_after_saving_at_close(tmp_path, model_file):
    target = tmp_path / "saved.safetensors"
    done = run_child(tmp_path, model_file, [str(target)], ["save"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "EXIT 0 ASKED 1" in done.stdout
    assert target.exists() and target.stat().st_size > 1000


@pytest.mark.timeout(EXIT_TIMEOUT_S + 30)
def test_the_process_exits_after_a_failed_save_then_close_without_saving(tmp_path, model_file):
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder")
    done = run_child(tmp_path, model_file, [str(notes / "lost.safetensors")], ["save", "discard"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "EXIT 0 ASKED 2" in done.stdout
    # The second question said why the save failed, in plain words.
    second = [line for line in done.stdout.splitlines() if line.startswith("ASKED")][1]
    assert "notes.txt" in second and "Errno" not in second
    assert not list(tmp_path.rglob("*.safetensors*"))  # nothing half-written anywhere
