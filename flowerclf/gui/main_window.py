"""The main window: menus, the Predict and Train tabs, the status bar, the models of the session."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import PySide6
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import flowerclf
from flowerclf.gui import jobs
from flowerclf.gui.dialogs import ask_choice
from flowerclf.gui.drop_area import DropArea
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.predict_tab import PredictTab
from flowerclf.gui.results_tab import ResultsTab
from flowerclf.gui.settings import Settings
from flowerclf.gui.train_tab import TrainTab
from flowerclf.gui.workers import Job, JobError, active_jobs

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier

APP_NAME = "FlowerClf"
MODEL_FILTER = "Models (*.safetensors *.pth *.pt);;All files (*)"


@dataclass
class ModelEntry:
    """A model of this session: opened from a file, imported, or trained here."""

    classifier: Classifier
    name: str
    path: Path | None = None
    saved: bool = True

    def label(self) -> str:
        return self.name if self.saved else f"{self.name} (not saved)"


class MainWindow(QMainWindow):
    """FlowerClf's window. Heavy work runs in :mod:`flowerclf.gui.workers` jobs."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.models: list[ModelEntry] = []
        self.current_model: ModelEntry | None = None
        self.engine: jobs.EngineInfo | None = None
        self._engine_job: Job | None = None
        self._window_jobs: list[Job] = []
        self._loading_models = 0
        self._close_requested = False
        self._close_confirmed = False
        self._close_timer: QTimer | None = None
        self._last_trained: ModelEntry | None = None
        self._engine_failed = False

        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(False)
        self._build()
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self._refresh()

    # -- construction ----------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.predict_tab = PredictTab(self.settings)
        self.train_tab = TrainTab(self.settings)
        self.results_tab = ResultsTab(self.settings)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.predict_tab, "Predict")
        self.tabs.addTab(self.train_tab, "Train")
        self.tabs.addTab(self.results_tab, "Results")
        self.tabs.setTabToolTip(0, "Classify photos with the current model")
        self.tabs.setTabToolTip(1, "Teach a model from a folder of your own photos")
        self.tabs.setTabToolTip(2, "How good the model is, and which pictures it gets wrong")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.predict_tab.openModelRequested.connect(self.open_model_dialog)
        self.predict_tab.goToTrainRequested.connect(
            lambda: self.tabs.setCurrentWidget(self.train_tab)
        )
        self.predict_tab.modelFilesDropped.connect(self._open_model_files)
        self.predict_tab.modelChosen.connect(self.set_current_model)
        self.train_tab.trainingFinished.connect(self._on_trained)
        self.train_tab.trainingFinished.connect(self.results_tab.show_training_result)
        self.results_tab.openImageRequested.connect(self._open_in_predict)
        self.train_tab.saveModelRequested.connect(
            lambda: self.save_model_as_dialog(self._last_trained)
        )
        self.train_tab.showPredictRequested.connect(
            lambda: self.tabs.setCurrentWidget(self.predict_tab)
        )
        self.train_tab.busyChanged.connect(self._on_training_busy)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_model_action = QAction("&Open model…", self)
        self.open_model_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_model_action.triggered.connect(self.open_model_dialog)
        self.open_images_action = QAction("Open &images…", self)
        self.open_images_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_images_action.triggered.connect(self._open_images)
        self.save_model_action = QAction("&Save model as…", self)
        self.save_model_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.save_model_action.triggered.connect(self.save_model_as_dialog)
        self.import_action = QAction("&Import tutorial model…", self)
        self.import_action.setToolTip("A .pth weights file and its class_indices.json")
        self.import_action.triggered.connect(self.import_tutorial_dialog)
        self.export_action = QAction("&Export tutorial model…", self)
        self.export_action.triggered.connect(self.export_tutorial_dialog)
        self.export_report_action = QAction("Export &report…", self)
        self.export_report_action.setToolTip("An HTML page on the current model and its results")
        self.export_report_action.triggered.connect(self.results_tab.export_report_dialog)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        for action in (self.open_model_action, self.open_images_action, self.save_model_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction("&About FlowerClf", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: "working"
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.device_label = QLabel("Device: …")
        self.device_label.setToolTip("Where the network runs")
        self.model_label = QLabel()
        self.classes_label = QLabel()
        self.classes_label.setMaximumWidth(420)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.busy_label)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.classes_label)
        bar.addPermanentWidget(self.device_label)

    def _restore_geometry(self) -> None:
        geometry = self.settings.get_bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 800)
        tab = self.settings.get("window/tab", 0)
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)

    # -- the engine --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Start importing torch only once the window is on screen: the import
        # holds Python's lock for long stretches and would delay the first paint.
        if self._engine_job is None and self.engine is None:
            QTimer.singleShot(100, self.start_engine)

    def start_engine(self) -> None:
        """Load the engine in a worker (idempotent); the app's first job."""
        if self._engine_job is not None or self.engine is not None or self._close_confirmed:
            return
        job = Job(jobs.warm_up(), "loading the engine")
        job.result.connect(self._on_engine_ready)
        job.failed.connect(self._on_engine_failed)
        self._engine_job = job
        self._start_window_job(job)

    def _on_engine_failed(self, error: JobError) -> None:
        self._engine_failed = True
        self._on_job_failed(error)

    def is_engine_ready(self) -> bool:
        return self.engine is not None

    def _on_engine_ready(self, info: jobs.EngineInfo) -> None:
        self.engine = info
        self.train_tab.set_engine_info(info)
        self._refresh()

    # -- jobs the window runs ---------------------------------------------------------

    def _start_window_job(self, job: Job) -> None:
        self._window_jobs.append(job)
        job.finished.connect(lambda: self._forget_job(job))
        job.start()
        self._refresh()

    def _forget_job(self, job: Job) -> None:
        if job in self._window_jobs:
            self._window_jobs.remove(job)
        if job is self._engine_job:
            self._engine_job = None
        self._refresh()

    def _on_job_failed(self, error: JobError) -> None:
        self.message_bar.show_message(error.message, "error", details=error.details)

    # -- models ------------------------------------------------------------------------

    def open_paths(self, paths: list[str]) -> None:
        """Open what a command line or a desktop "Open with" gives: models and images."""
        self.predict_tab.add_paths([str(p) for p in paths])

    def _open_model_files(self, paths: list[str]) -> None:
        for path in paths:
            self.load_model_file(path)

    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open model", self.settings.folder("models"), MODEL_FILTER
        )
        if path:
            self.load_model_file(path)

    def load_model_file(self, path: str | Path) -> Job:
        """Open a model file in a worker; it becomes the current model when loaded."""
        path = Path(path)
        self.settings.set_folder("models", str(path.parent))
        self._loading_models += 1
        job = Job(jobs.load_model(path), f"opening {path.name}")
        job.result.connect(lambda classifier: self.add_model(classifier, path.stem, path))
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_model_load_finished)
        self._start_window_job(job)
        return job

    def _on_model_load_finished(self) -> None:
        self._loading_models -= 1
        self._refresh()

    def add_model(
        self, classifier: Classifier, name: str, path: Path | None = None, saved: bool = True
    ) -> ModelEntry:
        """Make ``classifier`` the current model; other models of the session stay listed."""
        entry = None
        if path is not None:
            # Opening the same file again replaces its entry instead of listing it twice.
            entry = next((e for e in self.models if e.path == path and e.saved), None)
        if entry is None:
            entry = ModelEntry(classifier, name, path, saved)
            self.models.append(entry)
        else:
            entry.classifier = classifier
        self._make_current(entry)
        return entry

    def set_current_model(self, index: int) -> None:
        if 0 <= index < len(self.models) and self.models[index] is not self.current_model:
            self._make_current(self.models[index])

    def _make_current(self, entry: ModelEntry) -> None:
        self.current_model = entry
        self.predict_tab.set_classifier(entry.classifier)
        self.results_tab.set_classifier(entry.classifier)
        self._refresh()

    def _on_trained(self, result: Any) -> None:
        classifier = result.classifier
        name = f"{classifier.arch} trained {time.strftime('%H:%M')}"
        self._last_trained = self.add_model(classifier, name, path=None, saved=False)

    def save_model_as_dialog(self, entry: ModelEntry | None = None) -> None:
        entry = entry if isinstance(entry, ModelEntry) else self.current_model
        if entry is None:
            self.message_bar.show_message("There is no model to save yet.", "info")
            return
        start = (
            Path(self.settings.folder("models") or ".") / f"{_file_stem(entry.name)}.safetensors"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, "Save model as", str(start), "Models (*.safetensors)"
        )
        if path:
            self.save_model(entry, path)

    def save_model(self, entry: ModelEntry, path: str | Path) -> Job:
        """Write ``entry`` to ``path`` (.safetensors) in a worker."""
        path = Path(path)
        if path.suffix.lower() != ".safetensors":
            path = path.with_name(path.name + ".safetensors")
        self.settings.set_folder("models", str(path.parent))
        job = Job(jobs.save_model(entry.classifier, path), f"saving {path.name}")
        job.result.connect(lambda written: self._on_saved(entry, Path(written)))
        job.failed.connect(self._on_job_failed)
        self._start_window_job(job)
        return job

    def _on_saved(self, entry: ModelEntry, path: Path) -> None:
        entry.path, entry.saved, entry.name = path, True, path.stem
        self.statusBar().showMessage(f"Saved {path}", 8000)
        self._refresh()

    def import_tutorial_dialog(self) -> None:
        weights, _ = QFileDialog.getOpenFileName(
            self,
            "Import tutorial model: the weights (.pth)",
            self.settings.folder("models"),
            "PyTorch weights (*.pth *.pt);;All files (*)",
        )
        if not weights:
            return
        indices = Path(weights).with_name("class_indices.json")
        if not indices.exists():
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                "Import tutorial model: the class names (class_indices.json)",
                str(Path(weights).parent),
                "JSON (*.json)",
            )
            if not chosen:
                return
            indices = Path(chosen)
        self.import_tutorial(weights, indices)

    def import_tutorial(self, weights: str | Path, class_indices: str | Path) -> Job:
        weights = Path(weights)
        self.settings.set_folder("models", str(weights.parent))
        self._loading_models += 1
        job = Job(jobs.import_tutorial(weights, class_indices), f"importing {weights.name}")
        job.result.connect(
            lambda classifier: self.add_model(classifier, f"{weights.stem} (imported)", None)
        )
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_model_load_finished)
        self._start_window_job(job)
        return job

    def export_tutorial_dialog(self) -> None:
        if self.current_model is None:
            self.message_bar.show_message("There is no model to export yet.", "info")
            return
        folder = QFileDialog.getExistingDirectory(
            self, "Export tutorial model into folder", self.settings.folder("models")
        )
        if folder:
            self.export_tutorial(folder)

    def export_tutorial(self, folder: str | Path) -> Job | None:
        if self.current_model is None:
            return None
        job = Job(jobs.export_tutorial(self.current_model.classifier, folder), "exporting")
        job.result.connect(
            lambda paths: self.message_bar.show_message(
                "Exported " + " and ".join(str(p) for p in paths) + ".", "success"
            )
        )
        job.failed.connect(self._on_job_failed)
        self._start_window_job(job)
        return job

    def _open_in_predict(self, path: str) -> None:
        """Classify one file from the Results tab in the Predict tab, and show it there."""
        self.tabs.setCurrentWidget(self.predict_tab)
        self.predict_tab.add_paths([path])

    def _open_images(self) -> None:
        self.tabs.setCurrentWidget(self.predict_tab)
        self.predict_tab.open_images_dialog()

    # -- what the window shows ------------------------------------------------------------

    def _refresh(self) -> None:
        entry = self.current_model
        name = entry.name if entry is not None else "no model"
        self.setWindowTitle(f"{APP_NAME} — {name}[*]")
        self.setWindowModified(entry is not None and not entry.saved)

        if self.engine is not None:
            self.device_label.setText(f"Device: {self.engine.device}")
        if entry is not None:
            classes = list(entry.classifier.classes)
            arch = getattr(entry.classifier, "arch", "")
            shown_arch = f" ({arch})" if arch and arch not in entry.name else ""
            self.model_label.setText(f"Model: {entry.label()}{shown_arch}")
            shown = ", ".join(classes[:6]) + (", …" if len(classes) > 6 else "")
            self.classes_label.setText(f"{len(classes)} classes: {shown}")
            self.classes_label.setToolTip("\n".join(classes))
        else:
            self.model_label.setText("Model: none")
            self.classes_label.setText("")

        self.predict_tab.set_model_choices(
            [e.label() for e in self.models],
            self.models.index(entry) if entry is not None else -1,
        )
        if entry is None:
            engine_loading = self.engine is None and not self._engine_failed
            loading = engine_loading or self._loading_models > 0
            self.predict_tab.set_model_state(DropArea.LOADING if loading else DropArea.NO_MODEL)
        has_model = entry is not None
        self.save_model_action.setEnabled(has_model)
        self.export_action.setEnabled(has_model)
        self.export_report_action.setEnabled(has_model)

        if self._close_requested:
            self.busy_label.setText("Closing…")
        elif self._engine_job is not None:
            self.busy_label.setText("Loading the engine…")
        elif self._loading_models:
            self.busy_label.setText("Opening the model…")
        elif self.train_tab.is_training():
            self.busy_label.setText("Training…")
        elif self._window_jobs:
            self.busy_label.setText("Working…")
        else:
            self.busy_label.setText("Ready" if self.engine is not None else "")
        busy = bool(self._window_jobs) or self._close_requested or self.train_tab.is_training()
        self.busy_bar.setVisible(busy)

    def show_about(self) -> None:
        QMessageBox.about(self, "About FlowerClf", self.about_text())

    def about_text(self) -> str:
        """Versions and device, as shown by Help > About (rich text)."""
        device = self.engine.device if self.engine is not None else "(still loading)"
        return (
            f"<h3>FlowerClf {flowerclf.__version__}</h3>"
            "<p>Classify photos with a neural network, or teach it your own classes "
            "from a folder of labelled photos.</p>"
            "<table>"
            f"<tr><td>flowerclf&nbsp;&nbsp;</td><td>{flowerclf.__version__}</td></tr>"
            f"<tr><td>torch</td><td>{jobs.package_version('torch')}</td></tr>"
            f"<tr><td>torchvision</td><td>{jobs.package_version('torchvision')}</td></tr>"
            f"<tr><td>Qt</td><td>{qVersion()} (PySide6 {PySide6.__version__})</td></tr>"
            f"<tr><td>Device</td><td>{device}</td></tr>"
            "</table>"
        )

    # -- closing -------------------------------------------------------------------------

    def confirm_stop_training(self) -> bool:
        """Ask before stopping a running training to close the window."""
        answer = QMessageBox.question(
            self,
            "Training is running",
            "Training is still running. Stop it and close FlowerClf?\n\n"
            "The best model so far is kept, and you can save it before the app closes.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_unsaved_models(self, unsaved: list[ModelEntry]) -> str:
        """Ask about models trained here and never saved: "save", "discard" or "cancel"."""
        names = "\n".join(f"• {entry.name}" for entry in unsaved)
        answer = ask_choice(
            self,
            "Models not saved",
            "These models are not saved and will be lost:\n\n" + names,
            [("save", "Save…"), ("discard", "Close without saving")],
        )
        return answer or "cancel"

    def _on_training_busy(self, busy: bool) -> None:
        self._refresh()
        if not busy and self._close_requested:
            # The worker has stopped; go on closing (the result is in by now).
            QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._close_confirmed:
            if active_jobs():
                event.ignore()  # threads still ending; _wait_for_jobs closes again
                return
            self._save_settings()
            event.accept()
            return

        if self.train_tab.is_training():
            if not self._close_requested and not self.confirm_stop_training():
                event.ignore()
                return
            self._close_requested = True
            self.train_tab.stop_training()
            self._refresh()
            event.ignore()
            return

        unsaved = [entry for entry in self.models if not entry.saved]
        if unsaved:
            answer = self.ask_unsaved_models(unsaved)
            if answer == "cancel":
                self._close_requested = False
                self._refresh()
                event.ignore()
                return
            if answer == "save" and not self._save_before_closing(unsaved):
                event.ignore()
                return
        self._close_requested = True
        self._close_confirmed = True
        self._save_settings()
        self.predict_tab.shutdown()
        self.train_tab.shutdown()
        self.results_tab.shutdown()
        if active_jobs():
            # Threads still ending (a batch, a file being written): hide now, close
            # when they are done, so nothing is cut off halfway and no thread is left.
            event.ignore()
            self.hide()
            self._wait_for_jobs()
            return
        event.accept()

    def _save_before_closing(self, unsaved: list[ModelEntry]) -> bool:
        """Ask a file name for each unsaved model and save it; False if cancelled."""
        folder = Path(self.settings.folder("models") or ".")
        for entry in unsaved:
            path, _ = QFileDialog.getSaveFileName(
                self,
                f"Save {entry.name}",
                str(folder / f"{_file_stem(entry.name)}.safetensors"),
                "Models (*.safetensors)",
            )
            if not path:
                self._close_requested = False
                return False
            self.save_model(entry, path)
            folder = Path(path).parent
        return True

    def _wait_for_jobs(self) -> None:
        if self._close_timer is None:
            self._close_timer = QTimer(self)
            self._close_timer.setInterval(50)
            self._close_timer.timeout.connect(self._close_when_idle)
            self._close_timer.start()

    def _close_when_idle(self) -> None:
        if not active_jobs() and self._close_timer is not None:
            self._close_timer.stop()
            self.close()

    def _save_settings(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/tab", self.tabs.currentIndex())
        self.predict_tab.save_settings()
        self.train_tab.save_settings()
        self.results_tab.save_settings()
        self.settings.sync()


def _file_stem(name: str) -> str:
    """A model's name made safe as a file name."""
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip("_")
    return keep or "model"
