"""The window as a whole: fast start, menus, opening paths, About, settings, closing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QKeySequence

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
    assert list(menus) == ["File", "Edit", "Train", "View", "Help"]
    file_items = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_items == [
        "Open model…",
        "Open images…",
        "Save model as…",
        "Import tutorial model…",
        "Export model…",
        "Export report…",
        "Quit",
    ]
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    train_items = [a.text().replace("&", "") for a in menus["Train"].actions()]
    assert train_items == ["Start training", "Stop training"]
    assert window.train_tab.start_action.shortcut() == QKeySequence("F5")
    assert window.train_tab.stop_action.shortcut() == QKeySequence("Shift+F5")
    assert not window.save_model_action.isEnabled()  # no model yet
    assert [a.text() for a in menus["Edit"].actions()] == ["Undo move"]
    assert window.undo_move_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert not window.undo_move_action.isEnabled()  # nothing moved yet


def test_about_names_every_version_and_the_device(window):
    text = window.about_text()
    for name in ("flowerclf", "torch", "torchvision", "Qt", "Device"):
        assert name in text
    assert window.session.engine.device in text


def test_open_paths_like_the_command_line(qtbot, window, model_file, photos):
    window.show_train()  # the tab used last time: the pictures still show in Predict
    window.open_paths([str(model_file), str(photos["red"])])
    assert window.tabs.currentWidget() is window.predict_tab
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
    tab = window.predict_tab
    qtbot.waitUntil(
        lambda: bool(tab.rows()) and tab.rows()[0].prediction is not None,
        timeout=THREAD_TIMEOUT_MS,
    )
    assert tab.rows()[0].prediction.label == "red"
    assert window.windowTitle() == "colours[*]"  # the platform adds " — FlowerClf"
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


def test_a_first_start_opens_within_a_small_screen(qtbot):
    from flowerclf.gui.main_window import MainWindow

    first = MainWindow()  # nothing remembered: the offscreen screen is 800 x 600
    qtbot.addWidget(first)
    space = first.screen().availableGeometry()
    assert space.width() < 1200
    assert first.width() <= space.width() and first.height() <= space.height()


def test_messages_never_make_the_window_taller_than_a_small_screen(window):
    # A 1024 x 700 screen, less a title bar: every tab, and two messages at once.
    window.train_tab.message_bar.show_message(
        "The ImageNet starting weights for resnet34 are not on this computer and could not "
        "be downloaded. Choose a weights file, or train from scratch.",
        "warning",
    )
    window.message_bar.show_message("The model could not be saved: the disk is read-only.", "error")
    for tab in (window.predict_tab, window.train_tab, window.results_tab, window.network_tab):
        window.tabs.setCurrentWidget(tab)
        hint = window.minimumSizeHint()
        assert hint.height() <= 650 and hint.width() <= 1024, type(tab).__name__


def test_the_closing_question_speaks_of_one_model_or_several(window, training_result, monkeypatch):
    import flowerclf.gui.main_window as main_window

    asked = []
    monkeypatch.setattr(main_window, "ask_choice", lambda _w, _t, text, *a, **k: asked.append(text))
    first = window.session.add_trained(training_result)
    main_window.MainWindow.ask_unsaved_models(window, [first])
    main_window.MainWindow.ask_unsaved_models(window, [first, first])
    assert asked[0].startswith("This model is not saved")
    assert asked[1].startswith("These models are not saved")


def test_a_model_opened_from_the_train_tab_is_shown_in_predict(
    qtbot, window, model_file, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(model_file), ""))
    window.show_train()
    window.open_model_action.trigger()
    assert window.tabs.currentWidget() is window.predict_tab
    window.tabs.setCurrentWidget(window.results_tab)
    window.open_model_action.trigger()  # the Results tab shows the model itself: it stays
    assert window.tabs.currentWidget() is window.results_tab
    qtbot.waitUntil(lambda: not window.session.is_loading(), timeout=THREAD_TIMEOUT_MS)


def test_unsaved_model_is_asked_about_before_closing(qtbot, window, training_result):
    window.session.add_trained(training_result)
    answers = ["cancel", "discard"]
    asked = []
    window.ask_unsaved_models = lambda unsaved, problem="": asked.append(unsaved) or answers.pop(0)
    assert not window.close()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=THREAD_TIMEOUT_MS)
    assert window.isVisible()  # cancelled: nothing lost
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert len(asked) == 2


def test_a_failed_save_at_close_keeps_the_window_and_asks_again(
    qtbot, window, training_result, tmp_path
):
    entry = window.session.add_trained(training_result)
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder")
    paths = [str(notes / "lost.safetensors"), str(tmp_path / "kept.safetensors")]
    questions = []
    window.ask_unsaved_models = lambda unsaved, problem="": questions.append(problem) or "save"
    window.ask_save_path = lambda entry: paths.pop(0)
    window.close()
    qtbot.waitUntil(lambda: len(questions) == 2, timeout=THREAD_TIMEOUT_MS)
    # The first save failed: the window stayed, said why in plain words, and asked again.
    assert questions[0] == ""
    assert "notes.txt" in questions[1] and "Errno" not in questions[1]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert entry.saved and (tmp_path / "kept.safetensors").exists()


def test_saving_at_close_keeps_the_window_up_until_the_file_is_written(
    qtbot, window, training_result, tmp_path, monkeypatch
):
    import threading

    from flowerclf.core import modelfile

    release = threading.Event()
    real_save = modelfile.save_model

    def slow_save(*args, **kwargs):
        release.wait(10)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(modelfile, "save_model", slow_save)
    entry = window.session.add_trained(training_result)
    window.ask_unsaved_models = lambda unsaved, problem="": "save"
    window.ask_save_path = lambda entry: str(tmp_path / "slow.safetensors")
    window.close()
    qtbot.waitUntil(lambda: window.session.is_saving(), timeout=THREAD_TIMEOUT_MS)
    qtbot.wait(200)
    assert window.isVisible() and "Saving" in window.busy_label.text()
    window.close()  # a second Ctrl+Q while saving asks nothing more
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert entry.saved


def test_models_of_the_session_stay_listed(qtbot, window, training_result, classifier):
    window.session.add_trained(training_result)
    window.session.add_model(classifier, "other")
    box = window.predict_tab.model_box
    assert box.count() == 2 and "not saved" in box.itemText(0)
    window.predict_tab.model_box.activated.emit(0)
    assert window.session.current is window.session.models[0]
    assert window.isWindowModified()


def test_tutorial_model_export_then_import(qtbot, ready_window, tmp_path):
    window = ready_window
    assert window.session.export_tutorial(window.session.current, tmp_path)
    qtbot.waitUntil(lambda: window.message_bar.kind == "success", timeout=THREAD_TIMEOUT_MS)
    weights = next(tmp_path.glob("*.pth"))
    window.session.import_tutorial(weights, tmp_path / "class_indices.json")
    qtbot.waitUntil(lambda: len(window.session.models) == 2, timeout=THREAD_TIMEOUT_MS)
    assert window.session.current.name.endswith("(imported)")
    # Nothing to lose at close: the imported files are still there.
    assert window.session.current.saved
    assert list(window.session.current.classifier.classes) == ["blue", "red"]


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
        qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
        qtbot.waitUntil(
            lambda: (
                bool(window.predict_tab.rows()) and not window.predict_tab.predictions.is_busy()
            ),
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
    assert seen == {"title": "colours[*]", "label": "blue"}


def test_closing_mid_run_asks_one_question_at_a_time_and_cancel_loses_nothing(
    qtbot, window, dataset
):
    from dataclasses import replace

    from flowerclf.core.recovery import RecoveryFolder
    from tests.gui.test_train_tab import LONG, scanned, start

    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    assert start(tab, replace(LONG, epochs=3))
    # One epoch done: stopping then keeps a model (before it, there is none to ask about).
    qtbot.waitUntil(lambda: tab.chart.point_counts()["val_loss"] >= 1, timeout=120_000)
    open_now, asked = [0], []

    def slow_question(unsaved, problem=""):
        # A real dialog runs its own event loop: news arrives while it is open.
        open_now[0] += 1
        asked.append(open_now[0])
        qtbot.wait(1500)
        open_now[0] -= 1
        return "cancel"

    window.ask_unsaved_models = slow_question
    window.close()
    qtbot.waitUntil(lambda: bool(asked) and open_now[0] == 0, timeout=120_000)
    qtbot.wait(1500)
    assert asked == [1]  # never two questions on top of each other
    assert window.isVisible() and not window.closing.active
    # Cancelled: the stopped run's model is still safe in the recovery folder.
    (entry,) = window.session.unsaved()
    qtbot.waitUntil(lambda: entry.recovery_path is not None, timeout=THREAD_TIMEOUT_MS)
    assert [m.path for m in RecoveryFolder().models()] == [entry.recovery_path]
    assert "Stopping" not in window.busy_label.text()
    window.ask_unsaved_models = lambda unsaved, problem="": "discard"


def test_save_all_in_a_folder_at_close_saves_every_model_under_its_name(
    qtbot, window, training_result, tmp_path
):
    first = window.session.add_trained(training_result)
    second = window.session.add_trained(training_result)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "taken.safetensors").write_bytes(b"someone else's")
    asked = []
    window.ask_unsaved_models = lambda unsaved, problem="": asked.append(len(unsaved)) or "save_all"
    window.ask_save_folder = lambda: str(tmp_path / "out")
    window.ask_save_path = lambda entry: pytest.fail("no file dialog per model")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert asked == [2] and first.saved and second.saved
    assert first.path != second.path and first.path.parent == tmp_path / "out"
    assert (tmp_path / "out" / "taken.safetensors").read_bytes() == b"someone else's"


def test_export_model_for_other_programs_from_the_menu(qtbot, ready_window, tmp_path, monkeypatch):
    pytest.importorskip("onnxruntime", reason="the optional export extra is not installed")
    pytest.importorskip("onnxscript", reason="the optional export extra is not installed")
    from PySide6.QtWidgets import QFileDialog

    window = ready_window
    target = tmp_path / "colours.onnx"
    monkeypatch.setattr(window, "ask_export_format", lambda: "onnx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: window.message_bar.kind == "success", timeout=120_000)
    text = window.message_bar.text()
    assert "Checked on 16 photos: same answers" in text and target.exists()
    assert (tmp_path / "predict_onnx.py").exists()
