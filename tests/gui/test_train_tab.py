"""The Train tab: dataset summary, a short real run, Stop, closing mid-run, missing weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowerclf.gui import workers
from tests.gui.conftest import IMAGE_SIZE, THREAD_TIMEOUT_MS
from tests.gui.helpers import COLOURS, drop_paths, make_dataset

TRAIN_TIMEOUT_MS = 120_000

QUICK = {
    "arch": "resnet18",
    "weights": "none",
    "freeze_backbone": True,  # the last layer only: seconds, not minutes
    "epochs": 2,
    "batch_size": 8,
    "lr": 0.01,
    "image_size": IMAGE_SIZE,
    "val_split": 0.25,
    "device": "cpu",
}
# Fine-tuning every layer, for long enough that Stop and Close land mid-run.
LONG = {**QUICK, "freeze_backbone": False, "epochs": 50, "batch_size": 4}


def scanned(qtbot, tab, folder: Path) -> None:
    tab.set_folder(str(folder))
    qtbot.waitUntil(lambda: tab.scan is not None, timeout=THREAD_TIMEOUT_MS)


def test_dropped_folder_is_summarised_with_skipped_files(qtbot, window, tmp_path):
    folder = make_dataset(tmp_path / "data", per_class=3)
    (folder / "red" / "damaged.png").write_bytes(b"not a png")
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    assert not tab.start_button.isEnabled()  # nothing to train on yet
    drop_paths(tab, [folder])
    qtbot.waitUntil(lambda: tab.scan is not None, timeout=THREAD_TIMEOUT_MS)
    table = {
        tab.class_table.item(r, 0).text(): tab.class_table.item(r, 1).text()
        for r in range(tab.class_table.rowCount())
    }
    assert table == {name: "3" for name in COLOURS}
    assert tab.skipped_table.rowCount() == 1
    assert "damaged.png" in tab.skipped_table.item(0, 0).text()
    assert tab.skipped_table.item(0, 1).text()  # the reason, in words
    assert "6 photos in 2 classes" in tab.summary_label.text()
    assert tab.start_button.isEnabled()


def test_unusable_folder_says_why(qtbot, window, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    tab = window.train_tab
    tab.set_folder(str(empty))
    qtbot.waitUntil(lambda: not tab.message_bar.isHidden(), timeout=THREAD_TIMEOUT_MS)
    assert tab.message_bar.kind == "error"
    assert tab.scan is None and not tab.start_button.isEnabled()


def test_defaults_are_the_tutorial_settings(window):
    options = window.train_tab.options()
    assert options == {
        "arch": "resnet34",
        "weights": "imagenet",
        "freeze_backbone": False,
        "epochs": 3,
        "batch_size": 16,
        "lr": pytest.approx(1e-4),
        "image_size": 224,
        "val_split": pytest.approx(0.1),
        "device": "auto",
    }
    assert window.train_tab.arch_box.count() >= 2  # filled from the engine
    assert window.train_tab.epochs_spin.toolTip()


def test_options_are_remembered(qtbot, window):
    from flowerclf.gui.main_window import MainWindow

    window.train_tab.set_options({**QUICK, "epochs": 7})
    window.train_tab.save_settings()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.train_tab.options()["epochs"] == 7
    assert again.train_tab.options()["image_size"] == IMAGE_SIZE


def test_short_training_end_to_end(qtbot, window, dataset, photos):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.set_options(QUICK)
    with qtbot.waitSignal(tab.trainingFinished, timeout=TRAIN_TIMEOUT_MS) as finished:
        assert tab.start_training()
        assert tab.is_training() and not tab.start_button.isEnabled()
    result = finished.args[0]
    assert not result.stopped
    qtbot.waitUntil(lambda: not tab.is_training(), timeout=THREAD_TIMEOUT_MS)

    counts = tab.chart.point_counts()
    assert counts["val_accuracy"] == QUICK["epochs"]
    assert counts["steps"] >= 1 or counts["val_loss"] >= 1
    assert "Epoch 2 of 2" in tab.log_text()
    assert tab.start_button.isEnabled() and not tab.stop_button.isEnabled()
    # The trained model is the Predict tab's at once, and not saved yet.
    assert window.predict_tab.classifier is result.classifier
    assert window.current_model.saved is False
    assert window.isWindowModified()
    assert not tab.message_bar.isHidden() and "Save model as…" in [
        b.text() for b in tab.message_bar.action_buttons()
    ]


def test_save_trained_model(qtbot, window, training_result, tmp_path):
    window.train_tab.trainingFinished.emit(training_result)
    entry = window.current_model
    assert not entry.saved
    job = window.save_model(entry, tmp_path / "mine")
    qtbot.waitUntil(lambda: entry.saved, timeout=THREAD_TIMEOUT_MS)
    assert entry.path == tmp_path / "mine.safetensors" and entry.path.exists()
    assert not window.isWindowModified()
    assert "mine" in window.windowTitle()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=THREAD_TIMEOUT_MS)


def test_stop_in_the_middle_keeps_a_model(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.set_options(LONG)
    assert tab.start_training()
    qtbot.waitUntil(lambda: tab.chart.point_counts()["steps"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.trainingFinished, timeout=TRAIN_TIMEOUT_MS) as finished:
        tab.stop_button.click()
        assert not tab.stop_button.isEnabled()
    assert finished.args[0].stopped
    qtbot.waitUntil(lambda: not tab.is_training(), timeout=THREAD_TIMEOUT_MS)
    assert window.predict_tab.classifier is finished.args[0].classifier
    assert "stopped" in tab.progress.format()


def test_closing_during_training_stops_cleanly(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.set_options(LONG)
    tab.start_training()
    qtbot.waitUntil(lambda: tab.chart.point_counts()["steps"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    asked = []
    window.ask_unsaved_models = lambda unsaved: asked.append(unsaved) or "discard"
    assert not window.close()  # it asks, then waits for the worker
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TRAIN_TIMEOUT_MS)
    assert not workers.active_jobs()
    assert len(asked) == 1  # the stopped run's model was offered for saving


def test_closing_during_training_can_be_cancelled(qtbot, window, dataset, monkeypatch):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.set_options(LONG)
    tab.start_training()
    monkeypatch.setattr(window, "confirm_stop_training", lambda: False)
    assert not window.close()
    assert window.isVisible() and tab.is_training()
    tab.stop_training()
    qtbot.waitUntil(lambda: not tab.is_training(), timeout=TRAIN_TIMEOUT_MS)


def test_missing_imagenet_weights_offers_training_from_scratch(qtbot, window, dataset, monkeypatch):
    import flowerclf.core.training as training
    from flowerclf.core.errors import WeightsUnavailableError

    real_build = training.build_model

    def no_internet(arch, num_classes, weights="imagenet", progress=None):
        if weights == "imagenet":
            raise WeightsUnavailableError(f"No ImageNet weights for {arch} here.")
        return real_build(arch, num_classes, weights, progress)

    monkeypatch.setattr(training, "build_model", no_internet)
    asked = []
    monkeypatch.setattr(
        window.train_tab, "ask_weights", lambda message: asked.append(message) or "scratch"
    )
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.set_options({**QUICK, "weights": "imagenet", "epochs": 1})
    with qtbot.waitSignal(tab.trainingFinished, timeout=TRAIN_TIMEOUT_MS):
        tab.start_training()
    assert asked and "ImageNet" in asked[0]
    assert tab.options()["weights"] == "none"
    qtbot.waitUntil(lambda: not tab.is_training(), timeout=THREAD_TIMEOUT_MS)
