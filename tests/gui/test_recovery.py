"""Nothing lost: a trained model is kept safe until it is saved or discarded, and offered back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flowerclf.core.recovery import RecoveryFolder
from flowerclf.gui.main_window import MainWindow
from flowerclf.gui.tasks import active_tasks
from tests.gui.conftest import THREAD_TIMEOUT_MS


def kept(qtbot, entry) -> Path:
    qtbot.waitUntil(lambda: entry.recovery_path is not None, timeout=THREAD_TIMEOUT_MS)
    assert entry.recovery_path.exists()
    return entry.recovery_path


def test_a_trained_model_is_kept_safe_until_it_is_saved(qtbot, window, training_result, tmp_path):
    entry = window.session.add_trained(training_result)
    copy = kept(qtbot, entry)
    (offered,) = RecoveryFolder().models()
    assert offered.path == copy and offered.name == entry.name
    assert window.session.save(entry, tmp_path / "mine.safetensors")
    qtbot.waitUntil(lambda: entry.saved, timeout=THREAD_TIMEOUT_MS)
    assert not copy.exists() and entry.recovery_path is None
    assert RecoveryFolder().models() == []


def test_closing_without_saving_discards_the_copy(qtbot, window, training_result):
    entry = window.session.add_trained(training_result)
    copy = kept(qtbot, entry)
    window.close()  # the fixture answers "Close without saving"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert not copy.exists()


def test_closing_while_the_copy_is_written_leaves_no_copy_behind(qtbot, window, training_result):
    window.session.add_trained(training_result)
    window.close()  # at once, while the copy may still be being written
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert RecoveryFolder().models() == []


CHILD = r"""
import os, signal, sys, types
from PySide6.QtWidgets import QApplication
app = QApplication([])
from flowerclf.gui.main_window import MainWindow
window = MainWindow()
window.show()
session = window.session
session.open_model(sys.argv[1])
while session.current is None:
    app.processEvents()
trained = types.SimpleNamespace(classifier=session.current.classifier, evaluation=None)
entry = session.add_trained(trained)
while entry.recovery_path is None:
    app.processEvents()
print("KEPT", entry.name, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # a crash, a kill, a power cut
"""


@pytest.mark.timeout(180)
def test_a_model_left_by_a_killed_app_is_offered_at_the_next_start(
    qtbot, model_file, tmp_path, monkeypatch
):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(model_file)],
        capture_output=True,
        text=True,
        timeout=150,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
    name = done.stdout.split("KEPT", 1)[1].strip()

    offered = []
    monkeypatch.setattr(
        MainWindow,
        "ask_recovery",
        lambda self, models: offered.extend(models) or ("restore", models),
    )
    window = MainWindow()
    window.show()
    try:
        qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
        assert [m.name for m in offered] == [name]
        assert offered[0].classes == ["blue", "red"]
        entry = window.session.current
        assert entry.name == name and not entry.saved and entry.origin == "recovered"
        assert entry.recovery_path == offered[0].path  # still safe until it is saved
        assert window.tabs.currentWidget() is window.predict_tab
    finally:
        window.session.discard(window.session.unsaved())
        monkeypatch.setattr(window, "ask_unsaved_models", lambda unsaved, problem="": "discard")
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible() and not active_tasks(), timeout=30_000)
    assert RecoveryFolder().models() == []


def test_discarding_at_start_removes_the_models(qtbot, classifier, monkeypatch):
    RecoveryFolder().keep(classifier, "not wanted")
    monkeypatch.setattr(MainWindow, "ask_recovery", lambda self, models: ("discard", models))
    window = MainWindow()
    window.show()
    try:
        qtbot.waitUntil(lambda: RecoveryFolder().models() == [], timeout=THREAD_TIMEOUT_MS)
        assert window.session.models == []
    finally:
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible() and not active_tasks(), timeout=30_000)


def test_the_core_and_the_app_agree_on_the_data_folder(qapp, monkeypatch, tmp_path):
    """The command line keeps models where the app looks for them: Qt's AppDataLocation."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from flowerclf.core import recovery
    from flowerclf.gui.settings import APPLICATION, ORGANIZATION

    if sys.platform not in ("linux", "darwin"):
        pytest.skip("checked where Qt's rule is known to match the core's")
    monkeypatch.delenv("FLOWERCLF_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])
    assert Path(qt) == recovery.data_dir()


def test_discarding_in_the_dialog_asks_first(qtbot, classifier, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from flowerclf.gui.recovery_dialog import RecoveryDialog

    folder = RecoveryFolder()
    folder.keep(classifier, "precious")
    dialog = RecoveryDialog(folder.models(), folder)
    qtbot.addWidget(dialog)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    dialog.discard_button.click()
    assert dialog.result() != dialog.DialogCode.Accepted  # cancelled: still open
    dialog.discard_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog._choice == "discard"  # noqa: SLF001
    assert [m.name for m in dialog.chosen()] == ["precious"]
