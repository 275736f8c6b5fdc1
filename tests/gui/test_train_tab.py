"""The Train tab: dataset summary, a real run, Stop, closing mid-run, missing weights, keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from flowerclf.core.config import TrainingConfig
from flowerclf.gui.tasks import active_tasks
from tests.gui.conftest import IMAGE_SIZE, THREAD_TIMEOUT_MS
from tests.gui.helpers import COLOURS, drop_paths, make_dataset

TRAIN_TIMEOUT_MS = 120_000

QUICK = TrainingConfig(
    arch="resnet18",
    weights="none",
    freeze_backbone=True,  # the last layer only: seconds, not minutes
    epochs=2,
    batch_size=8,
    lr=0.01,
    image_size=IMAGE_SIZE,
    val_split=0.25,
    device="cpu",
)
# Fine-tuning every layer, for long enough that Stop and Close land mid-run.
LONG = replace(QUICK, freeze_backbone=False, epochs=50, batch_size=4)


def scanned(qtbot, tab, folder: Path) -> None:
    tab.set_folder(str(folder))
    qtbot.waitUntil(lambda: tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)


def start(tab, config: TrainingConfig) -> bool:
    tab.options.set_config(config)
    return tab.start_training()


def test_dropped_folder_is_summarised_with_skipped_files(qtbot, window, tmp_path):
    folder = make_dataset(tmp_path / "data", per_class=3)
    (folder / "red" / "damaged.png").write_bytes(b"not a png")
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    assert not tab.start_button.isEnabled()  # nothing to train on yet
    drop_paths(tab, [folder])
    qtbot.waitUntil(lambda: tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
    table = {
        tab.dataset.class_table.item(r, 0).text(): tab.dataset.class_table.item(r, 1).text()
        for r in range(tab.dataset.class_table.rowCount())
    }
    assert table == {name: "3" for name in COLOURS}
    assert tab.dataset.skipped_table.rowCount() == 1
    assert "damaged.png" in tab.dataset.skipped_table.item(0, 0).text()
    assert tab.dataset.skipped_table.item(0, 1).text()  # the reason, in words
    assert "6 photos in 2 classes" in tab.dataset.summary_label.text()
    assert tab.start_button.isEnabled()


def test_unusable_folder_says_why(qtbot, window, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    tab = window.train_tab
    tab.set_folder(str(empty))
    qtbot.waitUntil(lambda: not tab.message_bar.isHidden(), timeout=THREAD_TIMEOUT_MS)
    assert tab.message_bar.kind == "error"
    assert tab.run.scan is None and not tab.start_button.isEnabled()


def test_defaults_are_the_tutorial_settings(window):
    options = window.train_tab.options
    options.restore_defaults()
    assert options.config() == TrainingConfig()  # one source: the core's own defaults
    assert TrainingConfig().arch == "resnet34" and TrainingConfig().epochs == 3
    assert options.arch_box.count() == 8
    assert options.epochs_spin.toolTip()


def test_options_are_remembered(qtbot, window):
    from flowerclf.gui.main_window import MainWindow

    window.train_tab.options.set_config(replace(QUICK, epochs=7))
    window.train_tab.save_settings()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.train_tab.options.config().epochs == 7
    assert again.train_tab.options.config().image_size == IMAGE_SIZE


def test_a_damaged_settings_file_falls_back_to_the_defaults(qtbot, window):
    from flowerclf.gui.main_window import MainWindow

    window.settings.set("train/epochs", "many")
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.train_tab.options.config().epochs == TrainingConfig().epochs


def test_short_training_end_to_end(qtbot, window, dataset, photos):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        assert start(tab, QUICK)
        assert tab.run.is_training() and not tab.start_button.isEnabled()
    result = finished.args[0]
    assert not result.stopped
    counts = tab.chart.point_counts()
    assert counts["val_accuracy"] == QUICK.epochs
    assert counts["val_loss"] == QUICK.epochs
    assert "Epoch 2 of 2" in tab.log_text()
    assert tab.start_button.isEnabled() and not tab.stop_button.isEnabled()
    # The trained model is the session's current one at once, and not saved yet.
    assert window.session.current.classifier is result.classifier
    assert window.session.current.saved is False
    assert window.isWindowModified()
    assert not tab.message_bar.isHidden() and "Save model as…" in [
        b.text() for b in tab.message_bar.action_buttons()
    ]


def test_start_clicked_twice_runs_one_training(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    tab.options.set_config(QUICK)
    finished = []
    tab.run.finished.connect(finished.append)
    assert tab.start_training()
    assert not tab.start_training()  # refused, not queued
    tab.start_action.trigger()  # F5 too
    qtbot.waitUntil(lambda: len(finished) == 1, timeout=TRAIN_TIMEOUT_MS)
    qtbot.wait(300)
    assert len(finished) == 1 and not tab.run.is_training()
    assert len(window.session.models) == 1


def test_save_trained_model(qtbot, window, training_result, tmp_path):
    entry = window.session.add_trained(training_result)
    assert not entry.saved
    assert window.session.save(entry, tmp_path / "mine")
    qtbot.waitUntil(lambda: entry.saved, timeout=THREAD_TIMEOUT_MS)
    assert entry.path == tmp_path / "mine.safetensors" and entry.path.exists()
    assert not window.isWindowModified()
    assert window.windowTitle() == "mine[*]"


def test_stop_in_the_middle_keeps_a_model(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    assert start(tab, LONG)
    qtbot.waitUntil(lambda: tab.chart.point_counts()["val_loss"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        tab.stop_button.click()
        assert not tab.stop_button.isEnabled()
    assert finished.args[0].stopped
    assert window.session.current.classifier is finished.args[0].classifier
    assert "stopped" in tab.progress.format()


def test_shift_f5_stops_and_f5_starts(qtbot, window, dataset):
    tab = window.train_tab
    window.show_train()
    scanned(qtbot, tab, dataset)
    tab.options.set_config(LONG)
    tab.start_button.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert tab.run.is_training()
    qtbot.waitUntil(lambda: tab.chart.point_counts()["steps"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        QTest.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert finished.args[0].stopped


def test_tab_walks_through_the_page_to_start_training(qtbot, window, dataset):
    """The class table lets Tab go on; Start training is reached without a mouse."""
    tab = window.train_tab
    window.show_train()
    scanned(qtbot, tab, dataset)
    again = window.check_panel.again_button
    qtbot.waitUntil(again.isEnabled, timeout=TRAIN_TIMEOUT_MS)  # the photo check is done
    window.activateWindow()
    tab.dataset.folder_button.setFocus()
    seen = []
    for _ in range(40):
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        seen.append(window.focusWidget())
        if window.focusWidget() is tab.start_button:
            break
    assert tab.dataset.class_table in seen  # it does take the focus...
    assert seen.count(tab.dataset.class_table) == 1  # ...and gives it back at the next Tab
    assert window.focusWidget() is tab.start_button
    # In the order of the page: the folder's tables, its photo check, the options, Start.
    landmarks = [tab.dataset.class_table, again, tab.options.arch_box, tab.start_button]
    assert [widget for widget in seen if widget in landmarks] == landmarks
    QTest.keyClick(tab.start_button, Qt.Key.Key_Space)
    assert tab.run.is_training()
    tab.stop_training()
    qtbot.waitUntil(lambda: not tab.run.is_training(), timeout=TRAIN_TIMEOUT_MS)


def test_closing_during_training_stops_cleanly(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    start(tab, LONG)
    # One epoch done: stopping then keeps a model (before it, there is none to ask about).
    qtbot.waitUntil(lambda: tab.chart.point_counts()["val_loss"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    asked = []
    window.ask_unsaved_models = lambda unsaved, problem="": asked.append(unsaved) or "discard"
    assert not window.close()  # it asks, then waits for the run to stop
    assert window.isVisible()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TRAIN_TIMEOUT_MS)
    assert not active_tasks()
    assert len(asked) == 1  # the stopped run's model was offered for saving


def test_closing_during_training_can_be_cancelled(qtbot, window, dataset, monkeypatch):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    start(tab, LONG)
    monkeypatch.setattr(window, "confirm_stop_training", lambda: False)
    window.close()
    qtbot.wait(100)
    assert window.isVisible() and tab.run.is_training()
    tab.stop_training()
    qtbot.waitUntil(lambda: not tab.run.is_training(), timeout=TRAIN_TIMEOUT_MS)


def test_missing_imagenet_weights_train_from_scratch_starts_exactly_one_run(
    qtbot, window, dataset, monkeypatch
):
    import flowerclf.core.training as training
    from flowerclf.core.errors import WeightsUnavailableError

    real_build = training.build_model

    def no_internet(arch, num_classes, weights="imagenet", progress=None):
        if weights == "imagenet":
            raise WeightsUnavailableError(
                f"The ImageNet weights for {arch} are not here.", arch=arch, reason="no internet"
            )
        return real_build(arch, num_classes, weights, progress)

    monkeypatch.setattr(training, "build_model", no_internet)
    asked = []
    monkeypatch.setattr(
        window.train_tab, "ask_weights", lambda message: asked.append(message) or "scratch"
    )
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    started, finished = [], []
    tab.run.started.connect(started.append)
    tab.run.finished.connect(finished.append)
    assert start(tab, replace(QUICK, weights="imagenet", epochs=1))
    qtbot.waitUntil(lambda: len(finished) == 1, timeout=TRAIN_TIMEOUT_MS)
    assert asked and "ImageNet" in asked[0] and "--weights" not in asked[0]
    assert [config.weights for config in started] == ["imagenet", "none"]
    assert tab.options.config().weights == "none"
    # A later click starts one run, not two.
    assert tab.start_training()
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=TRAIN_TIMEOUT_MS)
    qtbot.wait(300)
    assert len(started) == 3 and not tab.run.is_training()


def test_a_failed_start_keeps_the_last_curves(qtbot, window, dataset, monkeypatch):
    import flowerclf.core.training as training
    from flowerclf.core.errors import WeightsUnavailableError

    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS):
        start(tab, QUICK)
    before = tab.chart.point_counts()

    def no_internet(*args, **kwargs):
        raise WeightsUnavailableError("The ImageNet weights are not here.", arch="resnet18")

    monkeypatch.setattr(training, "build_model", no_internet)
    with qtbot.waitSignal(tab.run.failed, timeout=TRAIN_TIMEOUT_MS):
        start(tab, replace(QUICK, weights="imagenet"))
    assert tab.chart.point_counts() == before


def test_download_progress_is_shown(window):
    from flowerclf.core.events import DownloadEvent

    tab = window.train_tab
    tab._on_progress([DownloadEvent("resnet34-b627a593.pth", 12_000_000, 87_000_000)])  # noqa: SLF001
    assert not tab.download.isHidden()
    assert "12.0 MB of 87.0 MB" in tab.download_label.text()
    tab._on_progress([DownloadEvent("resnet34-b627a593.pth", 87_000_000, 87_000_000)])  # noqa: SLF001
    assert tab.download.isHidden()
    assert "Downloaded" in tab.log_text()


def test_a_stopped_run_can_continue_from_its_last_epoch(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    assert start(tab, replace(LONG, epochs=4))
    qtbot.waitUntil(lambda: tab.chart.point_counts()["val_loss"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as stopped:
        tab.stop_training()
    assert stopped.args[0].stopped and tab.run.can_continue()
    labels = [b.text() for b in tab.message_bar.action_buttons()]
    assert "Continue training" in labels
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        tab.message_bar.action_buttons()[labels.index("Continue training")].click()
    result = finished.args[0]
    assert not result.stopped and [e.epoch for e in result.history] == [1, 2, 3, 4]
    assert "Continuing the interrupted training" in tab.log_text()
    assert not tab.run.checkpoint.exists()  # done: the checkpoint is gone


def test_a_run_an_earlier_session_left_is_offered_and_resumed(qtbot, dataset, monkeypatch):
    from flowerclf.core.events import EpochEvent, StopRequest
    from flowerclf.core.recovery import checkpoint_folder
    from flowerclf.core.training import train
    from flowerclf.gui.main_window import MainWindow

    checkpoint = checkpoint_folder() / "earlier.checkpoint"
    stop = StopRequest()
    config = replace(LONG, epochs=3, seed=4)
    train(
        dataset,
        config,
        lambda event: isinstance(event, EpochEvent) and stop.request(),
        stop,
        checkpoint=checkpoint,
    )
    assert checkpoint.exists()
    monkeypatch.setattr(MainWindow, "ask_recovery", lambda self, models: ("later", []))
    window = MainWindow()
    window.show()
    try:
        bar = window.message_bar
        qtbot.waitUntil(
            lambda: "stopped before its last epoch" in bar.text(), timeout=THREAD_TIMEOUT_MS
        )
        assert "resnet18" in bar.text() and "epoch 1 of 3" in bar.text()
        buttons = {b.text(): b for b in bar.action_buttons()}
        with qtbot.waitSignal(window.training.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
            buttons["Resume training"].click()
        assert window.tabs.currentWidget() is window.train_tab
        assert [e.epoch for e in finished.args[0].history] == [1, 2, 3]
        assert not checkpoint.exists()
    finally:
        window.session.discard(window.session.unsaved())
        monkeypatch.setattr(window, "ask_unsaved_models", lambda unsaved, problem="": "discard")
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible() and not active_tasks(), timeout=30_000)


def test_out_of_memory_is_marked_on_the_curve_and_written_in_the_log(window):
    from flowerclf.core.events import MemoryEvent, MessageEvent, StepEvent

    tab = window.train_tab
    tab.run.started.emit(QUICK)
    tab._on_progress(  # noqa: SLF001
        [
            StepEvent(1, 2, 1, 4, 0.9, 8, 0.1, 1.0, 10.0),
            MemoryEvent(1, 2, 8, 4),
            MessageEvent("Out of memory on the CUDA: going on with 4 images at a time."),
        ]
    )
    assert tab.chart.markers() == ["out of memory: 4 at a time"]
    assert "Out of memory" in tab.log_text()


def test_a_run_started_from_the_weights_question_is_a_running_run(
    qtbot, window, dataset, monkeypatch
):
    import flowerclf.core.training as training
    from flowerclf.core.errors import WeightsUnavailableError

    real_build = training.build_model

    def no_internet(arch, num_classes, weights="imagenet", progress=None):
        if weights == "imagenet":
            raise WeightsUnavailableError("No ImageNet weights here.", arch=arch)
        return real_build(arch, num_classes, weights, progress)

    monkeypatch.setattr(training, "build_model", no_internet)
    monkeypatch.setattr(window.train_tab, "ask_weights", lambda message: "scratch")
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    started = []
    tab.run.started.connect(started.append)
    assert start(tab, replace(LONG, weights="imagenet"))
    qtbot.waitUntil(lambda: len(started) == 2, timeout=TRAIN_TIMEOUT_MS)
    qtbot.wait(100)
    # The second run is running: Start is off, Stop on, the options locked.
    assert tab.run.is_training()
    assert not tab.start_button.isEnabled() and tab.stop_button.isEnabled()
    assert tab.stop_action.isEnabled() and not tab.options.isEnabled()
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS):
        QTest.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)


def test_stopping_before_the_first_epoch_ends_adds_no_model(qtbot, window, dataset):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    assert start(tab, LONG)
    qtbot.waitUntil(lambda: tab.chart.point_counts()["steps"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        tab.stop_training()
    assert finished.args[0].stopped and not finished.args[0].history
    assert window.session.models == []
    assert "no epoch was finished" in tab.message_bar.text()
    assert "Save model as…" not in [b.text() for b in tab.message_bar.action_buttons()]


def test_an_action_in_a_message_is_done_once(qtbot, window):
    done = []
    window.message_bar.show_message("Resume?", "info", actions=[("Resume", lambda: done.append(1))])
    window.message_bar.action_buttons()[0].click()
    assert done == [1] and window.message_bar.isHidden()


def test_last_layer_only_from_scratch_gets_a_plain_hint(window):
    options = window.train_tab.options
    options.set_config(replace(QUICK, weights="none", freeze_backbone=True))
    assert not options.hint_label.isHidden() and "scratch" in options.hint_label.text()
    options.set_config(replace(QUICK, weights="imagenet", freeze_backbone=True))
    assert options.hint_label.isHidden()


def test_continuing_replaces_the_stopped_runs_model_and_says_what_was_done_before(
    qtbot, window, dataset
):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    assert start(tab, replace(LONG, epochs=3))
    qtbot.waitUntil(lambda: tab.chart.point_counts()["val_loss"] >= 1, timeout=TRAIN_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS):
        tab.stop_training()
    (stopped,) = window.session.models
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        assert tab.run.continue_last()
    assert window.session.models == [stopped]  # the same model, trained on: not a second one
    assert stopped.classifier is finished.args[0].classifier
    assert window.session.current is stopped and not stopped.saved
    assert "(done before the interruption)" in tab.log_text()
    qtbot.waitUntil(lambda: stopped.recovery_path is not None, timeout=THREAD_TIMEOUT_MS)


def test_the_log_keeps_its_newest_line_in_sight_when_a_message_appears(qtbot, window):
    tab = window.train_tab
    window.show_train()
    for i in range(200):
        tab.log(f"line {i}")
    bar = tab.log_view.verticalScrollBar()
    qtbot.wait(50)
    assert bar.value() == bar.maximum()
    tab.message_bar.show_message("Training finished: a long message " * 3, "success")
    qtbot.wait(100)
    assert bar.value() == bar.maximum() > 0


def test_the_missing_weights_warning_goes_once_other_weights_are_chosen(
    qtbot, window, dataset, monkeypatch
):
    import flowerclf.core.training as training
    from flowerclf.core.errors import WeightsUnavailableError

    def no_internet(arch, num_classes, weights="imagenet", progress=None):
        raise WeightsUnavailableError(f"No weights for {arch}.", arch=arch, reason="no internet")

    monkeypatch.setattr(training, "build_model", no_internet)
    tab = window.train_tab  # the question is answered with Cancel (the window fixture)
    scanned(qtbot, tab, dataset)
    with qtbot.waitSignal(tab.run.failed, timeout=TRAIN_TIMEOUT_MS):
        assert start(tab, replace(QUICK, weights="imagenet"))
    assert tab.message_bar.kind == "warning" and "resnet18" in tab.message_bar.text()
    tab.options.set_weights("none")  # what the warning was about no longer holds
    assert tab.message_bar.isHidden()


def test_the_last_sessions_folder_comes_back_at_the_next_start(qtbot, window, dataset):
    from flowerclf.gui.main_window import MainWindow

    scanned(qtbot, window.train_tab, dataset)
    window.close()
    qtbot.waitUntil(
        lambda: not window.isVisible() and not active_tasks(), timeout=THREAD_TIMEOUT_MS
    )
    again = MainWindow()  # the next start
    again.show()
    try:
        qtbot.waitUntil(lambda: again.train_tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
        assert again.train_tab.run.folder == str(dataset)
        assert again.train_tab.start_button.isEnabled()
    finally:
        again.close()
        qtbot.waitUntil(lambda: not again.isVisible() and not active_tasks(), timeout=60_000)
        again.deleteLater()


def test_the_empty_chart_spans_the_epochs_chosen(window):
    tab = window.train_tab
    tab.options.epochs_spin.setValue(8)
    assert tab.chart.acc_plot.viewRange()[0] == [0.5, 8.5]
    tab.chart.add_epoch(1, 0.5, 0.8)  # a run's curve stays as it was drawn
    tab.options.epochs_spin.setValue(3)
    assert tab.chart.acc_plot.viewRange()[0] == [0.5, 8.5]
