"""The Train tab: pick a folder of labelled photos, choose options, watch it learn.

A view of a :class:`~flowerclf.gui.training_run.TrainingRun`: it shows the
scan, the options and the run's progress, and asks the run to start and
stop. F5 starts training and Shift+F5 stops it, wherever the focus is.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.events import (
    DownloadEvent,
    EpochEvent,
    MemoryEvent,
    MessageEvent,
    StageEvent,
    StepEvent,
)
from flowerclf.gui import training_words as words
from flowerclf.gui.dataset_summary import DatasetSummary
from flowerclf.gui.dialogs import ask_missing_weights
from flowerclf.gui.download_line import DownloadLine
from flowerclf.gui.drop_area import FileDropFilter
from flowerclf.gui.error_words import describe
from flowerclf.gui.log_words import log_words
from flowerclf.gui.loss_chart import LossChart
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import scrolling, two_panes
from flowerclf.gui.start_from import offer_current_model
from flowerclf.gui.tasks import TaskError
from flowerclf.gui.train_options import TrainOptions
from flowerclf.gui.training_run import IDLE, RUNNING, STOPPING, TrainingRun


class TrainTab(QWidget):
    """Dataset summary, options, Start/Stop, progress, live chart and log."""

    saveModelRequested = Signal()  # noqa: N815 - the message bar's "Save model as…"
    showPredictRequested = Signal()  # noqa: N815 - "Try it in Predict"

    def __init__(self, run: TrainingRun, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.run = run
        self._settings = settings
        self._started_at = 0.0
        self._epoch_text = ""
        self._chart_fresh = False  # the chart still shows the previous run
        self._steps_per_epoch = 1
        self._weights_warning = False
        self._build()
        for changed in (self.options.changed, self.options.weights_box.currentIndexChanged):
            changed.connect(self._drop_weights_warning)
        self.options.epochs_spin.valueChanged.connect(self.chart.plan)
        self.chart.plan(self.options.epochs_spin.value())
        run.folderChanged.connect(self._on_folder_changed)
        run.scanned.connect(self._on_scanned)
        run.scanFailed.connect(self._on_scan_failed)
        run.started.connect(self._on_started)
        run.progress.connect(self._on_progress)
        run.stateChanged.connect(self._on_state)
        run.finished.connect(self._on_trained)
        run.failed.connect(self._on_failed)
        run.session.engineChanged.connect(self._on_engine)
        self._update_buttons()

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.dataset = DatasetSummary()
        self.dataset.folder_button.clicked.connect(self.choose_folder_dialog)
        self.options = TrainOptions(self._settings)
        offer_current_model(self.run.session, self.options)

        self.start_action = QAction(self.tr("&Start training"), self)
        self.start_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.start_action.triggered.connect(self.start_training)
        self.stop_action = QAction(self.tr("S&top training"), self)
        self.stop_action.setShortcut(QKeySequence("Shift+F5"))
        self.stop_action.triggered.connect(self.stop_training)
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setObjectName("PrimaryButton")
        self.start_button.setMinimumHeight(36)
        self.start_button.setToolTip(self.tr("Start training with these options (F5)"))
        self.start_button.clicked.connect(self.start_training)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setMinimumHeight(36)
        self.stop_button.setToolTip(
            self.tr("Stop after the current batch and keep the best model so far (Shift+F5)")
        )
        self.stop_button.clicked.connect(self.stop_training)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Not started"))
        self.progress.setMinimumHeight(28)
        self.download = DownloadLine()
        self.download_label, self.download_bar = self.download.label, self.download.bar

        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.progress, 1)

        self.chart = LossChart()
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        # Keys move through a read-only log too (Ctrl+End: the newest lines).
        self.log_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.log_view.setTabChangesFocus(True)
        self.log_view.setMaximumBlockCount(5000)
        self._log_at_end = True
        log_bar = self.log_view.verticalScrollBar()
        log_bar.rangeChanged.connect(self._follow_log_end)
        log_bar.valueChanged.connect(
            lambda value: setattr(self, "_log_at_end", value >= log_bar.maximum())
        )
        self.log_view.setPlaceholderText(self.tr("What happens during training is written here."))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(8.0, QFont().pointSizeF() * 0.9))
        self.log_view.setFont(mono)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.dataset, 3)
        top_layout.addWidget(scrolling(self.options), 2)
        self.bottom_splitter = two_panes(
            Qt.Orientation.Horizontal,
            "TrainBottomSplitter",
            self.chart,
            self.log_view,
            stretch=(3, 2),
            sizes=(760, 500),
        )
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(run_row)
        middle_layout.addWidget(self.download)
        middle_layout.addWidget(self.bottom_splitter, 1)
        self.splitter = two_panes(
            Qt.Orientation.Vertical, "TrainSplitter", top, middle, stretch=(2, 3)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)

        # Tab order follows the page: folder, options, then Start and Stop.
        QWidget.setTabOrder(self.dataset.folder_button, self.dataset.sample_button)
        QWidget.setTabOrder(self.dataset.sample_button, self.dataset.class_table)
        QWidget.setTabOrder(self.dataset.class_table, self.dataset.skipped_table)
        QWidget.setTabOrder(self.dataset.skipped_table, self.options.arch_box)
        QWidget.setTabOrder(self.options.defaults_button, self.start_button)
        QWidget.setTabOrder(self.start_button, self.stop_button)

        self.drop_filter = FileDropFilter(self, accept_images=False)
        self.drop_filter.pathsDropped.connect(self._on_paths_dropped)
        self._settings.restore_splitters("train", self.splitter, self.bottom_splitter)

    def save_settings(self) -> None:
        self.options.save()
        self._settings.save_splitters("train", self.splitter, self.bottom_splitter)

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        self.options.set_devices(devices)

    def _on_engine(self) -> None:
        engine = self.run.session.engine
        if engine is not None and engine.devices:
            self.set_devices(engine.devices)
        # The folder of the last session comes back, once the engine no longer needs the CPU.
        last = self._settings.folder("dataset")
        if engine is not None and not self.run.folder and last and Path(last).is_dir():
            self.set_folder(last)

    # -- the dataset ---------------------------------------------------------------

    def choose_folder_dialog(self) -> None:
        start = self.run.folder or self._settings.folder("dataset")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of labelled photos"), start)
        if folder:
            self.set_folder(folder)

    def _on_paths_dropped(self, paths: list[str]) -> None:
        folders = [p for p in paths if Path(p).is_dir()]
        if folders:
            self.set_folder(folders[0])
        else:
            self.message_bar.show_message(
                self.tr("Drop a folder here: one subfolder per class, each with example photos."),
                "info",
            )

    def set_folder(self, folder: str) -> None:
        if self.run.set_folder(folder):
            self._settings.set_folder("dataset", folder)

    def _on_folder_changed(self, folder: str) -> None:
        self.dataset.show_folder(folder)
        self.message_bar.dismiss()
        self._update_buttons()

    def _on_scanned(self, scan: Any) -> None:
        self.dataset.show_scan(scan)
        self.options.set_presplit(scan.presplit is not None)
        self._update_buttons()

    def _on_scan_failed(self, error: TaskError) -> None:
        self.dataset.show_failed()
        self.message_bar.show_message(describe(error), "error", details=error.details)
        self._update_buttons()

    # -- training ------------------------------------------------------------------

    def start_training(self) -> bool:
        """Start with the chosen options; False (and a message) when it cannot."""
        if self.run.is_training():
            return False
        if self.run.scan is None:
            text = (
                self.tr("Wait a moment: the folder is still being looked through.")
                if self.run.is_scanning()
                else self.tr("Choose a folder of photos first: one subfolder per class.")
            )
            self.message_bar.show_message(text, "info")
            return False
        self.options.save()
        return self.run.start(self.options.config(), processes=self.options.processes())

    def stop_training(self) -> None:
        """Ask the run to stop after the current batch; its best model is kept."""
        if self.run.state == RUNNING:
            self.run.stop()

    def _on_state(self, state: str) -> None:
        if state == STOPPING:  # Stop, Shift+F5 or closing the window: all say so
            self.progress.setFormat(self.tr("Stopping after the current batch…"))
            self.log(self.tr("Stopping after the current batch…"))
        self._update_buttons()

    def log(self, text: str) -> None:
        self.log_view.appendPlainText(f"{time.strftime('%H:%M:%S')}  {text}")

    def _follow_log_end(self, _low: int, high: int) -> None:
        # The log shrinks when a message appears above it, and grows with each line:
        # while the reader is at the end, the newest line stays in sight.
        if self._log_at_end:
            self.log_view.verticalScrollBar().setValue(high)

    def log_text(self) -> str:
        return self.log_view.toPlainText()

    def _on_started(self, config: Any) -> None:
        self.message_bar.dismiss()
        self._started_at = time.monotonic()
        self._epoch_text = ""
        self._chart_fresh = False
        self._chart_epochs = config.epochs
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Starting…"))
        self.log(words.run_summary(config, self.run.folder))

    def _on_progress(self, events: list[Any]) -> None:
        steps: list[tuple[float, float]] = []
        last: StepEvent | StageEvent | None = None
        for event in events:
            if isinstance(event, (StepEvent, StageEvent, EpochEvent)) and not self._chart_fresh:
                # The last run's curves stay until this one has something to draw.
                self.chart.clear(self._chart_epochs)
                self._chart_fresh = True
            if isinstance(event, StepEvent):
                x = (event.epoch - 1) + event.step / max(event.steps_per_epoch, 1)
                steps.append((x, event.loss))
                self._steps_per_epoch = event.steps_per_epoch
                self._epoch_text = words.epoch_text(event)
                last = event
            elif isinstance(event, EpochEvent):
                if steps:  # keep the order: these steps came before this epoch's end
                    self.chart.add_steps(steps)
                    steps = []
                self._on_epoch(event)
            elif isinstance(event, StageEvent):
                last = event
            elif isinstance(event, DownloadEvent):
                self._on_download(event)
            elif isinstance(event, MemoryEvent):
                x = (event.epoch - 1) + event.step / max(self._steps_per_epoch, 1)
                self.chart.add_marker(
                    x, self.tr("out of memory: {n} at a time").format(n=event.piece)
                )
            elif isinstance(event, MessageEvent):
                self.log(log_words(event.text))
        if steps:
            self.chart.add_steps(steps)
        if last is not None and self.run.state == RUNNING:
            self.progress.setValue(int(round(1000 * last.fraction)))
            self.progress.setFormat(words.progress_text(last, self._epoch_text))

    def _on_epoch(self, event: EpochEvent) -> None:
        self.chart.add_epoch(event.epoch, event.val_loss, event.val_accuracy)
        fine_tuning = self.run.config is None or not self.run.config.freeze_backbone
        for line in words.epoch_lines(event, show_speed=fine_tuning):
            self.log(line)
        if self.run.state == RUNNING:
            self.progress.setValue(int(round(1000 * event.fraction)))

    def _on_download(self, event: DownloadEvent) -> None:
        if self.download.show_event(event):
            size = words.format_megabytes(event.bytes_done)
            self.log(self.tr("Downloaded {name} ({size}).").format(name=event.name, size=size))

    def _on_trained(self, result: Any) -> None:
        elapsed = words.format_duration(time.monotonic() - self._started_at)
        verb, best = words.outcome_text(result)
        self.log(
            self.tr("Training {verb} after {t}: {best}.").format(verb=verb, t=elapsed, best=best)
        )
        if not result.stopped:
            self.progress.setValue(self.progress.maximum())
        self.progress.setFormat(self.tr("Training {verb} · {best}").format(verb=verb, best=best))
        self._hide_download()
        actions = []
        if result.history:
            actions = [
                (self.tr("Save model as…"), self.saveModelRequested.emit),
                (self.tr("Try it in Predict"), self.showPredictRequested.emit),
            ]
        if result.stopped and self.run.can_continue():
            actions.append((self.tr("Continue training"), self.run.continue_last))
        kind = "warning" if result.interruption else "success"
        self.message_bar.show_message(words.finished_message(result), kind, actions=actions)

    def _on_failed(self, error: TaskError) -> None:
        self._hide_download()
        self.progress.setFormat(self.tr("Training did not finish"))
        message = describe(error)
        self.log(message)
        if error.kind == "weights_unavailable":
            self._weights_unavailable(error, message)
            return
        self.message_bar.show_message(message, "error", details=error.details)

    def _weights_unavailable(self, error: TaskError, message: str) -> None:
        """No ImageNet weights: train from a file or from scratch, at once, or not at all."""
        choice = self.ask_weights(message)
        if choice == "file" and self.options.choose_weights_file_dialog():
            self.run.start_again(weights=self.options.config().weights)
        elif choice == "scratch":
            self.options.set_weights("none")
            self.run.start_again(weights="none")
        else:
            self.message_bar.show_message(message, "warning")
            self._weights_warning = True  # until the network or its weights change

    def _drop_weights_warning(self) -> None:
        """Another network or other weights: the warning about the old ones no longer holds."""
        if self._weights_warning:
            self._weights_warning = False
            self.message_bar.dismiss()

    def ask_weights(self, message: str) -> str | None:
        """Ask what to do without ImageNet weights: "file", "scratch" or None (cancel)."""
        return ask_missing_weights(self, self.run.config.arch if self.run.config else "")

    def _hide_download(self) -> None:
        self.download.hide()

    def _update_buttons(self) -> None:
        state = self.run.state
        idle = state == IDLE
        self.start_button.setEnabled(idle and self.run.scan is not None)
        self.start_action.setEnabled(idle)
        self.stop_button.setEnabled(state == RUNNING)
        self.stop_action.setEnabled(state == RUNNING)
        self.stop_button.setText(self.tr("Stopping…") if state == STOPPING else self.tr("Stop"))
        self.options.setEnabled(idle)
        self.dataset.folder_button.setEnabled(idle)
        self.drop_filter.blockSignals(not idle)
