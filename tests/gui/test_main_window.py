"""The window as a whole: fast start, menus, opening paths, About, settings, closing."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QKeySequence

from flowerclf.core.events import DownloadEvent
from tests.gui.conftest import THREAD_TIMEOUT_MS


def test_gui_modules_do_not_import_torch():
    # The window must be able to appear before torch (3 s to import) is loaded.
    code = (
        "import sys, flowerclf.gui.app, flowerclf.gui.main_window; "
        "heavy = [m for m in ('torch', 'torchvision') if m in sys.modules]; "
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_menus_and_shortcuts(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "Help"]
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_items == [
        "Open model…",
        "Open images…",
        "Save model as…",
        "Import tutorial model…",
        "Export tutorial model…",
        "Export report…",
        "Quit",
    ]
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert not window.save_model_action.isEnabled()  # no model yet


def test_about_names_every_version_and_the_device(window):
    text = window.about_text()
    for name in ("flowerclf", "torch", "torchvision", "Qt", "Device"):
        assert name in text
    assert window.engine.device in text


def test_open_paths_like_the_command_line(qtbot, window, model_file, photos):
    window.open_paths([str(model_file), str(photos["red"])])
    qtbot.waitUntil(lambda: window.current_model is not None, timeout=THREAD_TIMEOUT_MS)
    tab = window.predict_tab
    qtbot.waitUntil(
        lambda: bool(tab.rows()) and tab.rows()[0].prediction is not None,
        timeout=THREAD_TIMEOUT_MS,
    )
    assert tab.rows()[0].prediction.label == "red"
    assert window.windowTitle() == "FlowerClf — colours[*]"
    assert window.save_model_action.isEnabled()


def test_geometry_and_tab_are_remembered(qtbot, window):
    from flowerclf.gui.main_window import MainWindow

    window.resize(760, 580)  # within the offscreen 800x600 screen
    expected = window.size()  # the minimum size may have had its say
    window.tabs.setCurrentWidget(window.train_tab)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.size() == expected
    assert again.tabs.currentWidget() is again.train_tab


def test_unsaved_model_is_asked_about_before_closing(qtbot, window, training_result):
    window.train_tab.trainingFinished.emit(training_result)
    answers = ["cancel", "discard"]
    asked = []
    window.ask_unsaved_models = lambda unsaved: asked.append(unsaved) or answers.pop(0)
    assert not window.close()
    assert window.isVisible() and len(asked) == 1  # cancelled: nothing lost
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert len(asked) == 2


def test_models_of_the_session_stay_listed(qtbot, window, training_result, classifier):
    window.train_tab.trainingFinished.emit(training_result)
    window.add_model(classifier, "other")
    box = window.predict_tab.model_box
    assert box.count() == 2 and "not saved" in box.itemText(0)
    window.set_current_model(0)
    assert window.current_model is window.models[0]
    assert window.isWindowModified()


def test_download_progress_is_shown(window):
    tab = window.train_tab
    tab._on_progress([DownloadEvent("resnet34-b627a593.pth", 12_000_000, 87_000_000)])  # noqa: SLF001
    assert not tab.download_bar.isHidden()
    assert "12.0 MB of 87.0 MB" in tab.download_label.text()
    tab._on_progress([DownloadEvent("resnet34-b627a593.pth", 87_000_000, 87_000_000)])  # noqa: SLF001
    assert tab.download_bar.isHidden()
    assert "Downloaded" in tab.log_text()


def test_tutorial_model_export_then_import(qtbot, ready_window, tmp_path):
    window = ready_window
    job = window.export_tutorial(tmp_path)
    qtbot.waitUntil(lambda: not job.is_running(), timeout=THREAD_TIMEOUT_MS)
    assert window.message_bar.kind == "success"
    weights = next(tmp_path.glob("*.pth"))
    window.import_tutorial(weights, tmp_path / "class_indices.json")
    qtbot.waitUntil(lambda: len(window.models) == 2, timeout=THREAD_TIMEOUT_MS)
    assert window.current_model.name.endswith("(imported)")
    assert list(window.current_model.classifier.classes) == ["blue", "red"]


def test_run_app_opens_the_paths_it_is_given(qtbot, monkeypatch, model_file, photos):
    from PySide6.QtWidgets import QApplication

    from flowerclf.gui import app as app_module
    from flowerclf.gui.main_window import MainWindow

    seen = {}
    created: list[MainWindow] = []
    real_create_window = app_module.create_window

    def recording_create_window(paths=None):
        # the window run_app makes, not another test's window still being deleted
        created.append(real_create_window(paths))
        return created[-1]

    monkeypatch.setattr(app_module, "create_window", recording_create_window)

    def fake_exec(self) -> int:
        # Stands in for the event loop: check the window, then close it.
        window = created[-1]
        qtbot.waitUntil(lambda: window.current_model is not None, timeout=THREAD_TIMEOUT_MS)
        qtbot.waitUntil(
            lambda: bool(window.predict_tab.rows()) and not window.predict_tab.is_busy(),
            timeout=THREAD_TIMEOUT_MS,
        )
        seen["title"] = window.windowTitle()
        seen["label"] = window.predict_tab.rows()[0].prediction.label
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.run_app([str(model_file), str(photos["blue"])]) == 0
    assert seen == {"title": "FlowerClf — colours[*]", "label": "blue"}
