"""The main window: menus, the three tabs, the status bar, and closing without loss.

The window owns the app's three headless objects, the task runner, the
session and the training run, and hands them to the tabs. The tabs listen to
those objects, not to each other; the window only wires what a menu, the
status bar or one tab's button asks of another tab (show it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui import model_dialogs
from flowerclf.gui.check_panel import CheckPanel
from flowerclf.gui.closing import ClosingFlow
from flowerclf.gui.dialogs import about_text, ask_choice, file_stem
from flowerclf.gui.error_words import describe
from flowerclf.gui.language import LanguageMenu
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.network_tab import NetworkTab
from flowerclf.gui.photo_mover import PhotoMover
from flowerclf.gui.predict_tab import PredictTab
from flowerclf.gui.results_tab import ResultsTab
from flowerclf.gui.resume_offer import ResumeOffer
from flowerclf.gui.sample_download import SampleFlow
from flowerclf.gui.session import ModelEntry, Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.status_line import StatusLine
from flowerclf.gui.tasks import TaskError, TaskRunner
from flowerclf.gui.train_tab import TrainTab
from flowerclf.gui.training_run import TrainingRun

APP_NAME = "FlowerClf"
MODEL_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Models (*.safetensors *.pth *.pt);;All files (*)")


class MainWindow(QMainWindow):
    """FlowerClf's window."""

    closed = Signal()  # the window really closed: nothing is left to lose or wait for

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.runner = TaskRunner(self)
        self.session = Session(self.runner, self)
        self.training = TrainingRun(self.session, self.runner, self)
        self.photo_mover = PhotoMover(self)
        self.closing = ClosingFlow(self, self.session, self.training, self.runner, self)
        self._recovery_checked = False
        self.setAcceptDrops(False)
        self._build()
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()
        self._connect()
        self._refresh()

    # -- construction ----------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.predict_tab = PredictTab(self.session, self.runner, self.settings)
        self.train_tab = TrainTab(self.training, self.settings)
        self.results_tab = ResultsTab(self.session, self.runner, self.settings)
        self.check_panel = CheckPanel(self.training, self.runner, self.photo_mover)
        self.train_tab.dataset.add_section(self.check_panel)
        self.results_tab.images.set_mover(self.photo_mover)
        self.network_tab = NetworkTab(self.session, self.runner, self.settings)
        self.sample = SampleFlow(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.predict_tab, self.tr("Predict"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.tabs.addTab(self.results_tab, self.tr("Results"))
        self.tabs.addTab(self.network_tab, self.tr("Network"))
        self.tabs.setTabToolTip(0, self.tr("Classify photos with the current model"))
        self.tabs.setTabToolTip(1, self.tr("Teach a model from a folder of your own photos"))
        self.tabs.setTabToolTip(
            2, self.tr("How good the model is, and which pictures it gets wrong")
        )
        self.tabs.setTabToolTip(3, self.tr("Inside the network: stages, blocks, feature maps"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_model_action = self._action(
            self.tr("&Open model…"), self.open_model_dialog, keys.Open
        )
        self.open_images_action = self._action(
            self.tr("Open &images…"), self.open_images_dialog, "Ctrl+Shift+O"
        )
        self.save_model_action = self._action(
            self.tr("&Save model as…"), self.save_model_as_dialog, keys.SaveAs
        )
        self.import_action = self._action(
            self.tr("&Import tutorial model…"), self.import_tutorial_dialog
        )
        self.export_action = self._action(self.tr("&Export model…"), self.export_model_dialog)
        self.export_report_action = self._action(
            self.tr("Export &report…"), self.results_tab.export_report_dialog
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.open_model_action, self.open_images_action, self.save_model_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.import_action, self.export_action, self.export_report_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_move_action = self._action(self.tr("Undo move"), self.photo_mover.undo, keys.Undo)
        self.undo_move_action.setEnabled(False)
        self.photo_mover.undoChanged.connect(self._refresh_undo)
        edit_menu.addAction(self.undo_move_action)
        train_menu = self.menuBar().addMenu(self.tr("&Train"))
        train_menu.addAction(self.train_tab.start_action)
        train_menu.addAction(self.train_tab.stop_action)
        self.train_tab.start_action.triggered.connect(self.show_train)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.language_menu = LanguageMenu(self.settings, self.message_bar, self.view_menu)
        self.view_menu.addMenu(self.language_menu)
        help_menu = self.sample.fill_menu(self.menuBar().addMenu(self.tr("&Help")))
        self.about_action = self._action(self.tr("&About FlowerClf"), self.show_about)
        help_menu.addAction(self.about_action)

    def _refresh_undo(self) -> None:
        self.undo_move_action.setEnabled(self.photo_mover.can_undo())
        self.undo_move_action.setText(self.photo_mover.undo_text())

    def _build_status_bar(self) -> None:
        self.status_line = StatusLine(self.statusBar(), self.session, self.runner)
        self.busy_label = self.status_line.busy_label
        self.device_label = self.status_line.device_label
        self.classes_label = self.status_line.classes_label

    def _restore_geometry(self) -> None:
        geometry = self.settings.get_bytes("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            # 1200 x 800, or less on a small screen (a classroom projector's 1024 x 768).
            space = self.screen().availableGeometry()
            self.resize(min(1200, space.width() * 19 // 20), min(800, space.height() * 9 // 10))
        tab = self.settings.get("window/tab", 0)
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)

    def _connect(self) -> None:
        session = self.session
        for signal in (session.modelsChanged, session.currentChanged, session.engineChanged):
            signal.connect(self._refresh)
        session.problem.connect(self._show_problem)
        session.notice.connect(lambda text: self.message_bar.show_message(text, "success"))
        session.saveFinished.connect(self._on_save_finished)
        session.engineChanged.connect(self._check_recovery_once)
        session.recoverableFound.connect(self._offer_recovery)
        resume = ResumeOffer(self.training, self.message_bar, self.show_train)
        self.training.interruptedFound.connect(resume.offer)
        self.predict_tab.openModelRequested.connect(self.open_model_dialog)
        self.predict_tab.goToTrainRequested.connect(self.show_train)
        self.train_tab.saveModelRequested.connect(self.save_model_as_dialog)
        self.train_tab.showPredictRequested.connect(self.show_predict)
        self.results_tab.openImageRequested.connect(self._open_in_predict)
        self.network_tab.follow_options(self.train_tab.options)
        self.predict_tab.currentPhotoChanged.connect(self.network_tab.set_photo)
        self.closing.statusChanged.connect(self.status_line.set_override)
        self.closing.problem.connect(lambda text: self.message_bar.show_message(text, "error"))
        self.closing.ready.connect(self.close)
        self.photo_mover.problem.connect(lambda text: self.message_bar.show_message(text, "error"))

    # -- the engine --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Start importing torch only once the window is on screen: the import
        # holds Python's lock for long stretches and would delay the first paint.
        if not self.session.is_engine_ready() and not self.closing.done:
            QTimer.singleShot(100, self.session.start_engine)

    def is_engine_ready(self) -> bool:
        return self.session.is_engine_ready()

    def _check_recovery_once(self) -> None:
        if self.session.is_engine_ready() and not self._recovery_checked:
            self._recovery_checked = True
            self.session.check_recovery()
            self.training.find_interrupted()

    def _offer_recovery(self, models: list) -> None:
        if self.closing.active or self.closing.done:
            return
        choice, chosen = self.ask_recovery(models)
        if choice == "restore":
            self.session.restore(chosen)
            self.show_predict()
        elif choice == "discard":
            self.session.discard_recovered(chosen)

    def ask_recovery(self, models: list) -> tuple[str, list]:
        """Restore, discard, or decide later: ("restore" | "discard" | "later", models)."""
        from flowerclf.gui.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(models, self.session.recovery, self)
        return dialog.ask()

    # -- tabs -------------------------------------------------------------------------

    def show_predict(self) -> None:
        self.tabs.setCurrentWidget(self.predict_tab)

    def show_train(self) -> None:
        self.tabs.setCurrentWidget(self.train_tab)

    def open_paths(self, paths: list[str]) -> None:
        """Open what a command line or a desktop "Open with" gives: models and images."""
        self.show_predict()
        self.predict_tab.add_paths([str(p) for p in paths])

    def _open_in_predict(self, path: str) -> None:
        """Classify one file from the Results tab in the Predict tab, and show it there."""
        self.show_predict()
        self.predict_tab.add_paths([path])

    def open_images_dialog(self) -> None:
        self.show_predict()
        self.predict_tab.open_images_dialog()

    # -- models ------------------------------------------------------------------------

    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open model"), self.settings.folder("models"), self.tr(MODEL_FILTER)
        )
        if path:
            self.settings.set_folder("models", str(Path(path).parent))
            self.session.open_model(path)
            if self.tabs.currentWidget() is self.train_tab:
                self.show_predict()  # the Train tab does not show models; the others do

    def ask_save_path(self, entry: ModelEntry) -> str | None:
        """Where to save ``entry``: a .safetensors path, or None when cancelled."""
        folder = Path(self.settings.folder("models") or ".")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save {name}").format(name=entry.name),
            str(folder / f"{file_stem(entry.name)}.safetensors"),
            self.tr("Models (*.safetensors)"),
        )
        if path:
            self.settings.set_folder("models", str(Path(path).parent))
        return path or None

    def save_model_as_dialog(self) -> None:
        entry = self.session.current
        if entry is None:
            self.message_bar.show_message(self.tr("There is no model to save yet."), "info")
            return
        path = self.ask_save_path(entry)
        if path and not self.session.save(entry, path):
            self.message_bar.show_message(
                self.tr("Another model is being saved; try again in a moment."), "info"
            )

    def _on_save_finished(self, entry: ModelEntry, error: TaskError | None) -> None:
        if self.closing.active:
            return  # the closing flow words it and asks again
        if error is None:
            self.statusBar().showMessage(self.tr("Saved {path}").format(path=entry.path), 8000)
            return
        self.message_bar.show_message(
            describe(error),
            "error",
            details=error.details,
            actions=[(self.tr("Save elsewhere…"), self.save_model_as_dialog)],
        )

    def import_tutorial_dialog(self) -> None:
        model_dialogs.import_tutorial(self)

    def export_model_dialog(self) -> None:
        model_dialogs.export_model(self)

    def ask_export_format(self) -> str | None:
        """ "onnx", "tutorial" or None (cancelled)."""
        return model_dialogs.ask_export_format(self)

    def _show_problem(self, error: TaskError) -> None:
        self.message_bar.show_message(describe(error), "error", details=error.details)

    # -- what the window shows ------------------------------------------------------------

    def _refresh(self) -> None:
        entry = self.session.current
        # The platform adds " — FlowerClf" itself (the application's display name).
        self.setWindowTitle(f"{entry.name}[*]" if entry is not None else "")
        self.setWindowModified(entry is not None and not entry.saved)
        for action in (self.save_model_action, self.export_action, self.export_report_action):
            action.setEnabled(entry is not None)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About FlowerClf"), self.about_text())

    def about_text(self) -> str:
        """Versions and device, as shown by Help > About (rich text)."""
        engine = self.session.engine
        return about_text(engine.device if engine is not None else None)

    # -- closing -------------------------------------------------------------------------

    def confirm_stop_training(self) -> bool:
        """Ask before stopping a running training to close the window."""
        answer = QMessageBox.question(
            self,
            self.tr("Training is running"),
            self.tr(
                "Training is still running. Stop it and close FlowerClf?\n\n"
                "The best model so far is kept, and you can save it before the app closes."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_unsaved_models(self, unsaved: list[ModelEntry], problem: str = "") -> str:
        """Ask about unsaved models: "save", "discard" or "cancel".

        ``problem`` says why the last save failed, if one did.
        """
        names = "\n".join(f"• {entry.name}" for entry in unsaved)
        choices = [("save", self.tr("Save…"))]
        if len(unsaved) > 1:
            choices.append(("save_all", self.tr("Save all in a folder…")))
        choices.append(("discard", self.tr("Close without saving")))
        answer = ask_choice(
            self,
            self.tr("Models not saved"),
            (
                self.tr("These models are not saved and will be lost:\n\n")
                if len(unsaved) > 1
                else self.tr("This model is not saved and will be lost:\n\n")
            )
            + names,
            choices,
            informative=problem,
        )
        return answer or "cancel"

    def ask_save_folder(self) -> str | None:
        """A folder to save every unsaved model in, each under its own name; None: cancelled."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save all models in this folder"), self.settings.folder("models")
        )
        if folder:
            self.settings.set_folder("models", folder)
        return folder or None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.closing.done:
            self._save_settings()
            event.accept()
            self.closed.emit()
            return
        event.ignore()
        self.predict_tab.camera.stop()  # no new frame may start work while closing waits
        # Dialogs open after this event has returned, never inside it.
        QTimer.singleShot(0, self.closing.begin)

    def _save_settings(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/tab", self.tabs.currentIndex())
        self.predict_tab.save_settings()
        self.train_tab.save_settings()
        self.results_tab.save_settings()
        self.network_tab.save_settings()
        self.settings.sync()
