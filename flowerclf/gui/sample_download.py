"""The flowers sample from the app: where to put it, the download with time left, the Train tab.

Help › Get the flowers sample… and the empty Train tab's button ask where the
sample should go (a sensible default is offered), then download, check and
unpack it in the background through the task runner, with a progress bar, the
time left and Cancel. Once it is there, the Train tab holds the folder as if
the person had chosen it. "I already have the archive…" unpacks a ``.tgz``
the person has, with the same checks. What goes wrong is said in plain words
with the way out as a button.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from flowerclf.core.events import DownloadEvent, StageEvent, StopRequest
from flowerclf.gui import training_words as words
from flowerclf.gui.dialogs import ask_choice
from flowerclf.gui.error_words import describe
from flowerclf.gui.tasks import Policy, Report, TaskError, TaskFunction, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.sample_data import SampleSource
    from flowerclf.gui.main_window import MainWindow


def _download(folder: Path, source: SampleSource | None) -> TaskFunction:
    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.sample_data import get_sample, sample_source

        return get_sample(folder, source or sample_source(), progress=report, stop=stop)

    return run


def _unpack(archive: Path, folder: Path, source: SampleSource | None) -> TaskFunction:
    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.sample_data import sample_source, unpack_archive_file

        sha256 = (source or sample_source()).sha256
        return unpack_archive_file(archive, folder, sha256, progress=report, stop=stop)

    return run


class SampleDownload(QObject):
    """Headless: one download or unpacking of the sample at a time, through the task runner.

    ``source`` is where the archive comes from; None: ``FLOWERCLF_SAMPLE_URL`` and
    ``FLOWERCLF_SAMPLE_SHA256`` when set, else the flowers archive itself.
    """

    progress = Signal(object)  # the newest DownloadEvent or StageEvent
    finished = Signal(object)  # the core's SampleData
    failed = Signal(object)  # TaskError
    busyChanged = Signal(bool)  # noqa: N815

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: SampleSource | None = None
        self._slot = runner.slot("sample-data", Policy.EXCLUSIVE)
        self._slot.busyChanged.connect(self.busyChanged)

    def start(self, folder: str | Path) -> bool:
        """Download the sample into ``folder``; False while one is already running."""
        return self._run(
            _download(Path(folder), self.source), self.tr("downloading the flowers sample")
        )

    def start_archive(self, archive: str | Path, folder: str | Path) -> bool:
        """Check and unpack an archive the person has into ``folder``."""
        work = _unpack(Path(archive), Path(folder), self.source)
        return self._run(work, self.tr("unpacking the flowers sample"))

    def _run(self, work: TaskFunction, description: str) -> bool:
        return self._slot.start(
            work,
            description,
            on_result=self.finished.emit,
            on_error=self.failed.emit,
            on_progress=self._on_progress,
        )

    def _on_progress(self, events: list[Any]) -> None:
        shown = [e for e in events if isinstance(e, (DownloadEvent, StageEvent))]
        if shown:
            self.progress.emit(shown[-1])

    def cancel(self) -> None:
        """Stop now; what was downloaded stays, and the next start goes on from it."""
        self._slot.cancel()

    def is_busy(self) -> bool:
        return self._slot.is_busy()


class SampleProgress(QWidget):
    """ "Downloading the flowers sample: 45.1 of 228.8 MB · 5.2 MB/s · about 40 s left" [Cancel]."""

    def __init__(self, download: SampleDownload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(16)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the download; what came is kept, and getting the sample again goes on")
        )
        self.cancel_button.clicked.connect(download.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        download.progress.connect(self.show_event)
        download.busyChanged.connect(self._on_busy)
        self.hide()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.label.setText(self.tr("Getting the flowers sample…"))
            self.bar.setRange(0, 0)
        self.setVisible(busy)

    def show_event(self, event: DownloadEvent | StageEvent) -> None:
        if isinstance(event, StageEvent):
            self.bar.setRange(0, max(event.total, 1))
            self.bar.setValue(event.done)
            if event.stage == "Unpacking":
                text = self.tr("Unpacking the flowers sample: {done:,} of {total:,} files")
            else:
                text = self.tr("Checking the archive…")
            self.label.setText(text.format(done=event.done, total=event.total))
            return
        if event.bytes_total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * event.bytes_done / event.bytes_total))
        else:
            self.bar.setRange(0, 0)
        self.label.setText(sample_download_text(event))


def sample_download_text(event: DownloadEvent) -> str:
    return QCoreApplication.translate(
        "SampleProgress", "Downloading the flowers sample: {amount}"
    ).format(amount=words.download_amount(event))


class SampleFlow(QObject):
    """The questions and answers around a :class:`SampleDownload`, wired to the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._folder = ""  # where the last download went: trying again goes on there
        self._from_archive = False  # the last attempt unpacked the person's own archive
        self.download = SampleDownload(window.runner, self)
        self.progress = SampleProgress(self.download)
        window.train_tab.dataset.add_row(self.progress)
        self.get_action = QAction(self.tr("Get the &flowers sample…"), self)
        self.get_action.setToolTip(
            self.tr("Download 3,670 photos of 5 kinds of flowers to train on (218 MB)")
        )
        self.get_action.triggered.connect(self.get_sample)
        self.archive_action = QAction(self.tr("I already have the flowers &archive…"), self)
        self.archive_action.triggered.connect(lambda: self.unpack_archive())
        window.train_tab.dataset.sample_button.clicked.connect(self.get_sample)
        self.progress.cancel_button.clicked.connect(self._on_cancelled)
        self.download.finished.connect(self._on_finished)
        self.download.failed.connect(self._on_failed)
        self.download.busyChanged.connect(self._on_busy)

    def fill_menu(self, menu: QMenu) -> QMenu:
        """Put the sample's two actions at the top of ``menu`` (Help); returns it."""
        menu.addActions([self.get_action, self.archive_action])
        menu.addSeparator()
        return menu

    @property
    def _message_bar(self):
        return self._window.train_tab.message_bar

    def default_folder(self) -> str:
        """Where the sample goes unless the person says otherwise: the last place, or Documents."""
        remembered = self._window.settings.folder("samples")
        if remembered:
            return remembered
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(Path(documents or Path.home()) / "FlowerClf")

    def get_sample(self) -> None:
        """Ask where, then download (or unpack an archive the person has)."""
        self._window.show_train()
        if self.download.is_busy():
            return  # its progress is in sight now
        folder = self.default_folder()
        while True:
            choice = self.ask_start(folder)
            if choice == "elsewhere":
                chosen = self.ask_folder(folder)
                folder = chosen or folder
                continue
            if choice == "archive":
                self.unpack_archive(folder)
            elif choice == "download":
                self._start(folder)
            return

    def ask_start(self, folder: str) -> str | None:
        """ "download", "elsewhere", "archive" or None (cancelled); tests answer it."""
        return ask_choice(
            self._window,
            self.tr("Get the flowers sample"),
            self.tr(
                "Download the flowers sample: 3,670 photos of daisies, dandelions, roses, "
                "sunflowers and tulips (218 MB), to train a model on."
            ),
            [
                ("download", self.tr("Download")),
                ("elsewhere", self.tr("Choose another folder…")),
                ("archive", self.tr("I already have the archive…")),
            ],
            informative=self.tr("It will be put in {folder}.").format(
                folder=str(Path(folder) / "flower_photos")
            ),
            icon=QMessageBox.Icon.Question,
        )

    def ask_folder(self, start: str) -> str | None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Where should the flowers sample go?"), start
        )
        return folder or None

    def ask_archive(self) -> str | None:
        """The ``.tgz`` the person has, or None; tests answer it."""
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("The flowers archive (flower_photos.tgz)"),
            self._window.settings.folder("archives"),
            self.tr("Archives (*.tgz *.tar.gz *.tar);;All files (*)"),
        )
        return path or None

    def unpack_archive(self, folder: str | None = None) -> None:
        """ "I already have the archive…": unpack it into ``folder``, or beside itself."""
        self._window.show_train()
        archive = self.ask_archive()
        if not archive:
            return
        self._window.settings.set_folder("archives", str(Path(archive).parent))
        target = folder or str(Path(archive).parent)
        self._from_archive = True
        if self.download.start_archive(archive, target):
            self._window.settings.set_folder("samples", target)

    def _again(self) -> None:
        """Go on with the last download, in the same place (or ask, if there was none)."""
        if self._folder:
            self._start(self._folder)
        else:
            self.get_sample()

    def _start(self, folder: str) -> None:
        self._folder, self._from_archive = folder, False
        if self.download.start(folder):
            self._window.settings.set_folder("samples", folder)
            self._message_bar.dismiss()

    def _on_cancelled(self) -> None:
        self._message_bar.show_message(
            self.tr(
                "The download was cancelled. What came is kept: getting the sample again goes "
                "on from there."
            ),
            "info",
            actions=[(self.tr("Go on"), self._again)],
        )

    def _on_busy(self, busy: bool) -> None:
        button = self._window.train_tab.dataset.sample_button
        for control in (self.get_action, self.archive_action, button):
            control.setEnabled(not busy)

    def _on_finished(self, sample: Any) -> None:
        self._window.show_train()
        self._window.train_tab.set_folder(str(sample.folder))
        text = (
            self.tr("The flowers sample was already in {folder}.")
            if sample.already_there
            else self.tr("The flowers sample is ready in {folder}. Press Start training.")
        )
        self._message_bar.show_message(text.format(folder=sample.folder), "success")

    def _on_failed(self, error: TaskError) -> None:
        if self._from_archive:
            actions = [
                (self.tr("Choose another archive…"), self.unpack_archive),
                (self.tr("Download it instead…"), self.get_sample),
            ]
        else:
            actions = [
                (self.tr("Try again"), self._again),
                (self.tr("I already have the archive…"), self.unpack_archive),
            ]
        self._message_bar.show_message(
            describe(error), "error", details=error.details, actions=actions
        )
