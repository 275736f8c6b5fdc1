"""The Train tab: pick a folder of labelled photos, choose options, watch it learn."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.errors import WeightsUnavailableError
from flowerclf.core.events import (
    DownloadEvent,
    EpochEvent,
    MessageEvent,
    StageEvent,
    StepEvent,
)
from flowerclf.gui import jobs
from flowerclf.gui.dialogs import ask_choice
from flowerclf.gui.drop_area import FileDropFilter
from flowerclf.gui.loss_chart import LossChart
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.workers import Job, JobError

# The tutorial's settings: what a first run should use.
DEFAULTS: dict[str, Any] = {
    "arch": "resnet34",
    "weights": "imagenet",
    "freeze_backbone": False,
    "epochs": 3,
    "batch_size": 16,
    "lr": 1e-4,
    "image_size": 224,
    "val_split": 0.1,
    "device": "auto",
}
LEARNING_RATES = ["0.001", "0.0003", "0.0001", "0.00003", "0.00001"]
WEIGHTS_FILTER = "PyTorch weights (*.pth *.pt *.safetensors);;All files (*)"


def format_duration(seconds: float) -> str:
    """1 h 05 min, 3 min 20 s, 42 s: what a person reads at a glance."""
    total = max(0, int(round(seconds)))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def format_megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


class TrainTab(QWidget):
    """Dataset summary, options, Start/Stop, progress, live chart and log."""

    trainingStarted = Signal()  # noqa: N815
    trainingFinished = Signal(object)  # noqa: N815 - a core TrainingResult
    busyChanged = Signal(bool)  # noqa: N815
    saveModelRequested = Signal()  # noqa: N815
    showPredictRequested = Signal()  # noqa: N815

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._scan: Any = None  # the core DatasetScan of the chosen folder
        self._scan_job: Job | None = None
        self._train_job: Job | None = None
        self._folder = ""
        self._weights_file = ""
        self._started_at = 0.0
        self._options_in_use: dict[str, Any] = {}
        self._restart_with: dict[str, Any] | None = None
        self._last_epoch_text = ""
        self._build()
        self._restore_options()
        self._update_buttons()

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()

        # Dataset
        self.folder_button = QPushButton("Choose folder…")
        self.folder_button.setToolTip(
            "A folder with one subfolder per class, each full of example photos "
            "(for example flowers/roses, flowers/tulips, …). You can also drop the folder here."
        )
        self.folder_button.clicked.connect(self.choose_folder_dialog)
        self.folder_label = QLabel("No folder chosen yet: choose one or drop it here.")
        self.folder_label.setObjectName("Muted")
        self.folder_label.setWordWrap(True)
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        self.class_table = QTableWidget(0, 2)
        self.class_table.setHorizontalHeaderLabels(["Class", "Images"])
        self.class_table.verticalHeader().hide()
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.class_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.class_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.class_table.setAlternatingRowColors(True)

        self.skipped_table = QTableWidget(0, 2)
        self.skipped_table.setHorizontalHeaderLabels(["Skipped file", "Why"])
        self.skipped_table.verticalHeader().hide()
        self.skipped_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.skipped_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.skipped_table.hide()

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_label, 1)
        dataset_box = QGroupBox("Photos to learn from")
        dataset_layout = QVBoxLayout(dataset_box)
        dataset_layout.addLayout(folder_row)
        dataset_layout.addWidget(self.summary_label)
        dataset_layout.addWidget(self.class_table, 2)
        dataset_layout.addWidget(self.skipped_table, 1)

        # Options
        self.arch_box = QComboBox()
        self.arch_box.setToolTip(
            "The kind of network. Bigger networks can be more accurate but train and "
            "answer more slowly. resnet18 and resnet34 are good first choices."
        )
        self.weights_box = QComboBox()
        self.weights_box.addItem("ImageNet (recommended)", "imagenet")
        self.weights_box.addItem("None: start from scratch", "none")
        self.weights_box.addItem("From a file…", "file")
        self.weights_box.setToolTip(
            "What the network already knows before it sees your photos. Starting from "
            "ImageNet (a million everyday photos) needs far fewer photos of your own; "
            "from scratch needs many more photos and epochs."
        )
        self.weights_box.activated.connect(self._on_weights_activated)
        self.mode_box = QComboBox()
        self.mode_box.addItem("Fine-tune all layers", False)
        self.mode_box.addItem("Train the last layer only (faster)", True)
        self.mode_box.setToolTip(
            "Fine-tuning all layers usually gives the best accuracy. Training only the "
            "last layer is quicker and works well when your photos look like everyday photos."
        )
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setToolTip(
            "How many times the network looks at every training photo. More epochs take "
            "longer and can help, up to a point."
        )
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 1024)
        self.batch_spin.setToolTip(
            "How many photos the network looks at together before it adjusts itself. "
            "Lower it if the computer runs out of memory."
        )
        self.lr_box = QComboBox()
        self.lr_box.setEditable(True)
        self.lr_box.addItems(LEARNING_RATES)
        validator = QDoubleValidator(1e-8, 10.0, 8, self.lr_box)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lr_box.setValidator(validator)
        self.lr_box.setToolTip(
            "How big each adjustment is. Too big and learning goes wild; too small and it "
            "crawls. 0.0001 suits fine-tuning."
        )
        self.size_spin = QSpinBox()
        self.size_spin.setRange(32, 1024)
        self.size_spin.setSingleStep(32)
        self.size_spin.setSuffix(" px")
        self.size_spin.setToolTip(
            "Photos are resized to this many pixels square. 224 is what these networks "
            "were made for; smaller is faster but sees less detail."
        )
        self.val_spin = QSpinBox()
        self.val_spin.setRange(0, 50)
        self.val_spin.setSuffix(" %")
        self.val_spin.setToolTip(
            "The share of photos kept aside to check the network on photos it has not "
            "learnt from. That check picks the best epoch."
        )
        self.device_box = QComboBox()
        self.device_box.setToolTip(
            "Where the work runs. Automatic uses a graphics card when there is one."
        )
        self.defaults_button = QPushButton("Restore defaults")
        self.defaults_button.setToolTip("Back to the recommended settings")
        self.defaults_button.clicked.connect(self.restore_defaults)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Network", self.arch_box)
        form.addRow("Starting weights", self.weights_box)
        form.addRow("Mode", self.mode_box)
        form.addRow("Epochs", self.epochs_spin)
        form.addRow("Batch size", self.batch_spin)
        form.addRow("Learning rate", self.lr_box)
        form.addRow("Image size", self.size_spin)
        form.addRow("Validation share", self.val_spin)
        form.addRow("Device", self.device_box)
        self.options_box = QGroupBox("Options")
        options_layout = QVBoxLayout(self.options_box)
        options_layout.addLayout(form)
        options_layout.addStretch(1)
        defaults_row = QHBoxLayout()
        defaults_row.addStretch(1)
        defaults_row.addWidget(self.defaults_button)
        options_layout.addLayout(defaults_row)

        # Start / Stop / progress
        self.start_button = QPushButton("Start training")
        self.start_button.setObjectName("PrimaryButton")
        self.start_button.setMinimumHeight(36)
        self.start_button.clicked.connect(self.start_training)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setMinimumHeight(36)
        self.stop_button.setToolTip("Stop after the current batch and keep the best model so far")
        self.stop_button.clicked.connect(self.stop_training)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setFormat("Not started")
        self.progress.setMinimumHeight(28)
        self.download_label = QLabel()
        self.download_bar = QProgressBar()
        self.download_bar.setMaximumHeight(16)
        self.download_label.hide()
        self.download_bar.hide()

        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.progress, 1)
        download_row = QHBoxLayout()
        download_row.addWidget(self.download_label)
        download_row.addWidget(self.download_bar, 1)

        # Chart and log
        self.chart = LossChart()
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(5000)
        self.log_view.setPlaceholderText("What happens during training is written here.")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(8.0, QFont().pointSizeF() * 0.9))
        self.log_view.setFont(mono)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(dataset_box, 3)
        top_layout.addWidget(self.options_box, 2)

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
        middle_layout.addLayout(download_row)
        middle_layout.addWidget(self.bottom_splitter, 1)

        self.splitter = two_panes(
            Qt.Orientation.Vertical, "TrainSplitter", top, middle, stretch=(2, 3)
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)

        self.drop_filter = FileDropFilter(self, accept_images=False)
        self.drop_filter.pathsDropped.connect(self._on_paths_dropped)

        self._settings.restore_splitters("train", self.splitter, self.bottom_splitter)

    # -- options -------------------------------------------------------------------

    def set_engine_info(self, info: jobs.EngineInfo) -> None:
        """Offer the real choices once the engine has loaded."""
        current_arch = self.arch_box.currentData() or self._settings.get(
            "train/arch", DEFAULTS["arch"]
        )
        self.arch_box.clear()
        for arch in info.architectures:
            label = arch.name
            if arch.params_millions:
                label += f"  ({arch.params_millions:.1f} M parameters)"
            self.arch_box.addItem(label, arch.name)
            if arch.description:
                self.arch_box.setItemData(
                    self.arch_box.count() - 1, arch.description, Qt.ItemDataRole.ToolTipRole
                )
        self._select_data(self.arch_box, current_arch)
        current_device = self.device_box.currentData() or self._settings.get(
            "train/device", DEFAULTS["device"]
        )
        self.device_box.clear()
        for key, label in info.devices:
            self.device_box.addItem(label, key)
        self._select_data(self.device_box, current_device)

    @staticmethod
    def _select_data(box: QComboBox, value: Any) -> None:
        index = box.findData(value)
        if index < 0:
            box.addItem(str(value), value)
            index = box.count() - 1
        box.setCurrentIndex(index)

    def _on_weights_activated(self, index: int) -> None:
        if self.weights_box.itemData(index) == "file":
            self.choose_weights_file_dialog()

    def choose_weights_file_dialog(self) -> bool:
        """Pick a starting weights file; False (and the old choice kept) if cancelled."""
        start = self._weights_file or self._settings.folder("weights")
        path, _ = QFileDialog.getOpenFileName(self, "Starting weights", start, WEIGHTS_FILTER)
        if path:
            self.set_weights(path)
            self._settings.set_folder("weights", str(Path(path).parent))
            return True
        self.set_weights(self._weights_file or "imagenet")
        return False

    def set_weights(self, weights: str) -> None:
        """ "imagenet", "none", or the path of a weights file."""
        if weights in ("imagenet", "none"):
            self.weights_box.setCurrentIndex(self.weights_box.findData(weights))
            return
        self._weights_file = weights
        index = self.weights_box.findData(weights)
        if index < 0:
            # Keep one file entry at most, just above "From a file…".
            for i in range(self.weights_box.count()):
                if self.weights_box.itemData(i) not in ("imagenet", "none", "file"):
                    self.weights_box.removeItem(i)
                    break
            self.weights_box.insertItem(2, f"File: {Path(weights).name}", weights)
            self.weights_box.setItemData(2, weights, Qt.ItemDataRole.ToolTipRole)
            index = 2
        self.weights_box.setCurrentIndex(index)

    def options(self) -> dict[str, Any]:
        """The chosen options as TrainingConfig fields (plain data, no torch)."""
        try:
            lr = float(self.lr_box.currentText().replace(",", "."))
        except ValueError:
            lr = DEFAULTS["lr"]
        weights = self.weights_box.currentData()
        if weights == "file":
            weights = self._weights_file or "imagenet"
        return {
            "arch": self.arch_box.currentData() or DEFAULTS["arch"],
            "weights": weights,
            "freeze_backbone": bool(self.mode_box.currentData()),
            "epochs": self.epochs_spin.value(),
            "batch_size": self.batch_spin.value(),
            "lr": lr,
            "image_size": self.size_spin.value(),
            "val_split": self.val_spin.value() / 100.0,
            "device": self.device_box.currentData() or "auto",
        }

    def set_options(self, options: dict[str, Any]) -> None:
        merged = {**DEFAULTS, **options}
        if self.arch_box.findData(merged["arch"]) < 0 and self.arch_box.count() == 0:
            self.arch_box.addItem(merged["arch"], merged["arch"])
        self._select_data(self.arch_box, merged["arch"])
        self.set_weights(str(merged["weights"]))
        self.mode_box.setCurrentIndex(1 if merged["freeze_backbone"] else 0)
        self.epochs_spin.setValue(int(merged["epochs"]))
        self.batch_spin.setValue(int(merged["batch_size"]))
        lr_text = self._lr_text(float(merged["lr"]))
        index = self.lr_box.findText(lr_text)
        if index >= 0:
            self.lr_box.setCurrentIndex(index)
        else:
            self.lr_box.setCurrentText(lr_text)
        self.size_spin.setValue(int(merged["image_size"]))
        self.val_spin.setValue(int(round(float(merged["val_split"]) * 100)))
        if self.device_box.count() == 0:
            self.device_box.addItem("Automatic", "auto")
        self._select_data(self.device_box, merged["device"])

    @staticmethod
    def _lr_text(lr: float) -> str:
        # 0.0001 rather than 1e-04: the presets are written out in full.
        text = f"{lr:.8f}".rstrip("0").rstrip(".")
        return text if float(text or 0) == lr else f"{lr:g}"

    def restore_defaults(self) -> None:
        self.set_options(DEFAULTS)

    def _restore_options(self) -> None:
        stored = {key: self._settings.get(f"train/{key}", value) for key, value in DEFAULTS.items()}
        self.set_options(stored)

    def save_settings(self) -> None:
        for key, value in self.options().items():
            self._settings.set(f"train/{key}", value)
        self._settings.save_splitters("train", self.splitter, self.bottom_splitter)

    # -- the dataset ---------------------------------------------------------------

    def choose_folder_dialog(self) -> None:
        start = self._folder or self._settings.folder("dataset")
        folder = QFileDialog.getExistingDirectory(self, "Folder of labelled photos", start)
        if folder:
            self.set_folder(folder)

    def _on_paths_dropped(self, paths: list[str]) -> None:
        folders = [p for p in paths if Path(p).is_dir()]
        if folders:
            self.set_folder(folders[0])
        else:
            self.message_bar.show_message(
                "Drop a folder here: one subfolder per class, each with example photos.",
                "info",
            )

    def set_folder(self, folder: str) -> None:
        """Use ``folder`` as the dataset and look through it (in a worker)."""
        if self.is_training():
            return
        self._folder = folder
        self._settings.set_folder("dataset", folder)
        self._scan = None
        self.folder_label.setText(folder)
        self.folder_label.setToolTip(folder)
        self.summary_label.setText("Looking through the folder…")
        self.class_table.setRowCount(0)
        self.skipped_table.setRowCount(0)
        self.skipped_table.hide()
        self.message_bar.dismiss()
        if self._scan_job is not None:
            self._scan_job.cancel()
        job = Job(jobs.scan_dataset(folder), "looking through the folder")
        job.result.connect(self._on_scanned)
        job.failed.connect(self._on_scan_failed)
        job.finished.connect(lambda: self._on_scan_finished(job))
        self._scan_job = job
        job.start()
        self._update_buttons()

    @property
    def folder(self) -> str:
        return self._folder

    @property
    def scan(self) -> Any:
        return self._scan

    def is_scanning(self) -> bool:
        return self._scan_job is not None

    def _on_scanned(self, scan: Any) -> None:
        self._scan = scan
        counts: dict[str, int] = scan.counts()
        self.class_table.setRowCount(len(counts))
        for row, (name, count) in enumerate(counts.items()):
            self.class_table.setItem(row, 0, QTableWidgetItem(name))
            number = QTableWidgetItem(f"{count:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.class_table.setItem(row, 1, number)
        skipped = list(scan.skipped)
        self.skipped_table.setRowCount(len(skipped))
        root = Path(scan.root)
        for row, item in enumerate(skipped):
            path = Path(item.path)
            try:
                shown = str(path.relative_to(root))
            except ValueError:
                shown = str(path)
            cell = QTableWidgetItem(shown)
            cell.setToolTip(str(path))
            self.skipped_table.setItem(row, 0, cell)
            self.skipped_table.setItem(row, 1, QTableWidgetItem(item.reason))
        self.skipped_table.setVisible(bool(skipped))
        total = sum(counts.values())
        text = f"{total:,} photos in {len(counts)} classes."
        if scan.presplit is not None:
            train, val = scan.presplit
            text += (
                f" The folder is already split: {len(train):,} to learn from,"
                f" {len(val):,} to check."
            )
        if skipped:
            noun = "file" if len(skipped) == 1 else "files"
            text += f" {len(skipped)} {noun} will be skipped (listed below)."
        self.summary_label.setText(text)
        self.val_spin.setEnabled(scan.presplit is None)
        self._update_buttons()

    def _on_scan_failed(self, error: JobError) -> None:
        self.summary_label.setText("")
        self.message_bar.show_message(error.message, "error", details=error.details)

    def _on_scan_finished(self, job: Job) -> None:
        if job is self._scan_job:
            self._scan_job = None
            self._update_buttons()

    # -- training ------------------------------------------------------------------

    def is_training(self) -> bool:
        return self._train_job is not None

    def start_training(self) -> bool:
        """Start with the current options; False (and a message) when it cannot."""
        if self.is_training():
            return False
        if self._scan is None:
            text = (
                "Wait a moment: the folder is still being looked through."
                if self.is_scanning()
                else "Choose a folder of photos first: one subfolder per class."
            )
            self.message_bar.show_message(text, "info")
            return False
        options = self.options()
        self.save_settings()
        self._run(options)
        return True

    def _run(self, options: dict[str, Any]) -> None:
        self._options_in_use = options
        self.message_bar.dismiss()
        self.chart.clear(options["epochs"])
        self.progress.setValue(0)
        self.progress.setFormat("Starting…")
        self._started_at = time.monotonic()
        self._last_epoch_text = ""
        self.log(
            f"Training {options['arch']} on {self._folder}: {options['epochs']} epochs, "
            f"batch size {options['batch_size']}, learning rate {options['lr']:g}, "
            f"image size {options['image_size']}, starting weights {options['weights']}."
        )
        job = Job(jobs.train(self._scan, options), "training")
        job.progress.connect(self._on_progress)
        job.result.connect(self._on_trained)
        job.failed.connect(self._on_train_failed)
        job.finished.connect(lambda: self._on_train_finished(job))
        self._train_job = job
        job.start()
        self._update_buttons()
        self.trainingStarted.emit()
        self.busyChanged.emit(True)

    def stop_training(self) -> None:
        """Ask the trainer to stop after the current batch; its best model is kept."""
        if self._train_job is None or self._train_job.stop_request.requested:
            return
        self._train_job.request_stop()
        self.stop_button.setEnabled(False)
        self.stop_button.setText("Stopping…")
        self.progress.setFormat("Stopping after the current batch…")
        self.log("Stopping after the current batch…")

    def log(self, text: str) -> None:
        stamp = time.strftime("%H:%M:%S")
        self.log_view.appendPlainText(f"{stamp}  {text}")

    def log_text(self) -> str:
        return self.log_view.toPlainText()

    def _on_progress(self, events: list[Any]) -> None:
        steps: list[tuple[float, float]] = []
        last_step: StepEvent | StageEvent | None = None
        for event in events:
            if isinstance(event, StepEvent):
                steps.append(
                    ((event.epoch - 1) + event.step / max(event.steps_per_epoch, 1), event.loss)
                )
                last_step = event
            elif isinstance(event, EpochEvent):
                if steps:  # keep the order: these steps came before this epoch's end
                    self.chart.add_steps(steps)
                    steps = []
                self._on_epoch(event)
            elif isinstance(event, StageEvent):
                last_step = event
            elif isinstance(event, DownloadEvent):
                self._on_download(event)
            elif isinstance(event, MessageEvent):
                self.log(event.text)
        if steps:
            self.chart.add_steps(steps)
        if last_step is not None:
            self._show_step(last_step)

    def _show_step(self, event: StepEvent | StageEvent) -> None:
        if self._train_job is not None and self._train_job.stop_request.requested:
            return
        self.progress.setValue(int(round(1000 * event.fraction)))
        left = (
            f"about {format_duration(event.eta_s)} left"
            if event.eta_s is not None and math.isfinite(event.eta_s)
            else "estimating time left…"
        )
        if isinstance(event, StepEvent):
            self._last_epoch_text = f"Epoch {event.epoch} of {event.epochs}"
            where = f"{self._last_epoch_text} · step {event.step} of {event.steps_per_epoch}"
        else:
            # Validation or feature extraction: say which, within the current epoch.
            prefix = f"{self._last_epoch_text} · " if self._last_epoch_text else ""
            where = f"{prefix}{event.stage} {event.done} of {event.total}"
        self.progress.setFormat(f"{where} · {left}")

    def _on_epoch(self, event: EpochEvent) -> None:
        self.chart.add_epoch(event.epoch, event.val_loss, event.val_accuracy)
        parts = [f"Epoch {event.epoch} of {event.epochs}: training loss {event.train_loss:.4f}"]
        if event.val_loss is not None:
            parts.append(f"validation loss {event.val_loss:.4f}")
        if event.val_accuracy is not None:
            parts.append(f"validation accuracy {event.val_accuracy:.1%}")
        line = ", ".join(parts)
        if event.is_best:
            line += " (best so far)"
        if event.images_per_second:
            line += f" · {event.images_per_second:.1f} images/s"
        self.log(line)
        if event.per_class_accuracy:
            worst = sorted(event.per_class_accuracy.items(), key=lambda kv: kv[1])
            self.log("    per class: " + ", ".join(f"{name} {acc:.0%}" for name, acc in worst))
        if self._train_job is not None and not self._train_job.stop_request.requested:
            self.progress.setValue(int(round(1000 * event.fraction)))

    def _on_download(self, event: DownloadEvent) -> None:
        done = event.bytes_total is not None and event.bytes_done >= event.bytes_total
        self.download_label.setVisible(not done)
        self.download_bar.setVisible(not done)
        if done:
            self.log(f"Downloaded {event.name} ({format_megabytes(event.bytes_done)}).")
            return
        if event.bytes_total:
            self.download_bar.setRange(0, 1000)
            self.download_bar.setValue(int(1000 * event.bytes_done / event.bytes_total))
            amount = (
                f"{format_megabytes(event.bytes_done)} of {format_megabytes(event.bytes_total)}"
            )
        else:
            self.download_bar.setRange(0, 0)
            amount = format_megabytes(event.bytes_done)
        self.download_label.setText(f"Downloading starting weights {event.name}: {amount}")

    def _on_trained(self, result: Any) -> None:
        elapsed = format_duration(time.monotonic() - self._started_at)
        accuracy = result.best_val_accuracy
        best = (
            f"best validation accuracy {accuracy:.1%} (epoch {result.best_epoch})"
            if accuracy is not None
            else "no validation photos, so the last epoch is kept"
        )
        verb = "stopped" if result.stopped else "finished"
        self.log(f"Training {verb} after {elapsed}: {best}.")
        self.progress.setValue(
            self.progress.maximum() if not result.stopped else self.progress.value()
        )
        self.progress.setFormat(f"Training {verb} · {best}")
        self.message_bar.show_message(
            f"Training {verb}: {best}. The model is ready in the Predict tab; "
            "save it to keep it after the app closes.",
            "success",
            actions=[
                ("Save model as…", self.saveModelRequested.emit),
                ("Try it in Predict", self.showPredictRequested.emit),
            ],
        )
        self.trainingFinished.emit(result)

    def _on_train_failed(self, error: JobError) -> None:
        self.progress.setFormat("Training did not finish")
        self.log(error.message)
        if isinstance(error.exception, WeightsUnavailableError):
            self._weights_unavailable(error.message)
            return
        self.message_bar.show_message(error.message, "error", details=error.details)

    def _weights_unavailable(self, message: str) -> None:
        options = dict(self._options_in_use)
        choice = self.ask_weights(message)
        if choice == "file":
            if not self.choose_weights_file_dialog():
                return
            options["weights"] = self._weights_file
        elif choice == "scratch":
            self.set_weights("none")
            options["weights"] = "none"
        else:
            self.message_bar.show_message(message, "warning")
            return
        # The worker has not quite ended yet; start again as soon as it has.
        self._restart_with = options

    def ask_weights(self, message: str) -> str | None:
        """Ask what to do without ImageNet weights: "file", "scratch" or None (cancel)."""
        arch = self._options_in_use.get("arch", "this network")
        return ask_choice(
            self,
            "Starting weights not available",
            f"The ImageNet starting weights for {arch} are not on this computer and "
            "could not be downloaded.",
            [("file", "Choose a weights file…"), ("scratch", "Train from scratch")],
            informative="You can choose a weights file you already have, or let the network "
            "start from scratch (it then needs more photos and more epochs to learn well).",
            details=message,
        )

    def _on_train_finished(self, job: Job) -> None:
        if job is not self._train_job:
            return
        self._train_job = None
        self.download_label.hide()
        self.download_bar.hide()
        self.stop_button.setText("Stop")
        self._update_buttons()
        restart, self._restart_with = self._restart_with, None
        if restart is not None:
            self._run(restart)
            return
        self.busyChanged.emit(False)

    def _update_buttons(self) -> None:
        training = self.is_training()
        self.start_button.setEnabled(not training and self._scan is not None)
        self.stop_button.setEnabled(
            training and not (self._train_job and self._train_job.stop_request.requested)
        )
        self.options_box.setEnabled(not training)
        self.folder_button.setEnabled(not training)
        self.drop_filter.blockSignals(training)

    def shutdown(self) -> None:
        """Ask every worker to stop (the window waits for the threads to end)."""
        if self._scan_job is not None:
            self._scan_job.cancel()
        self._restart_with = None
        self.stop_training()
