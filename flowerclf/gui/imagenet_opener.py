"""Opening the ImageNet model from the Predict tab: its download in sight, offline's ways out.

When torchvision's weights are not in torch's cache they are downloaded once,
with a progress bar and the time left. Offline, the tab says so in plain
words with the two ways out: copy the file into the cache folder shown, or
choose the file downloaded elsewhere (checked, then copied there).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from flowerclf.core.events import DownloadEvent
from flowerclf.gui import model_tasks
from flowerclf.gui import training_words as words
from flowerclf.gui.download_line import DownloadLine
from flowerclf.gui.error_words import describe
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.session import Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

WEIGHTS_KINDS = ("weights_unavailable", "weights_damaged")


def imagenet_download_text(event: DownloadEvent) -> str:
    return QCoreApplication.translate(
        "ImagenetOpener", "Downloading the ImageNet model ({name}): {amount}"
    ).format(name=event.name, amount=words.download_amount(event))


class ImagenetOpener(QObject):
    """Opens ``imagenet:ARCH`` through the session, showing its download and its failures."""

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        message_bar: MessageBar,
        settings: Settings,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._session, self._message_bar, self._settings = session, message_bar, settings
        self._parent = parent
        self._installing = runner.slot("imagenet-weights", Policy.EXCLUSIVE)
        self.download_line = DownloadLine(describe=imagenet_download_text)

    def open(self, arch: str = "resnet50") -> None:
        self._message_bar.dismiss()
        self._session.open_imagenet(
            arch,
            on_progress=self._on_progress,
            on_error=lambda error: self._on_failed(arch, error),
        )

    def _on_progress(self, events: list) -> None:
        for event in events:
            if isinstance(event, DownloadEvent):
                self.download_line.show_event(event)

    def _on_failed(self, arch: str, error: TaskError) -> None:
        self.download_line.hide()
        if error.kind not in WEIGHTS_KINDS:
            self._message_bar.show_message(describe(error), "error", details=error.details)
            return
        self._message_bar.show_message(
            self.unavailable_text(error),
            "error",
            actions=[
                (self.tr("Choose the weights file…"), lambda: self.choose_file(arch)),
                (self.tr("Try again"), lambda: self.open(arch)),
            ],
        )

    def unavailable_text(self, error: TaskError) -> str:
        """What is missing, where it goes, and the two ways out, in plain words."""
        details = getattr(error.exception, "details", {}) or {}
        cache = Path(str(details.get("cache_path") or ""))
        if error.kind == "weights_damaged":
            first = self.tr("The ImageNet model's weights file {path} is damaged.").format(
                path=cache
            )
        else:
            reason = details.get("reason") or self.tr("no internet connection")
            first = self.tr(
                "The ImageNet model's weights are not on this computer and could not be "
                "downloaded ({reason})."
            ).format(reason=reason)
        return first + self.tr(
            " Either copy {name} (from {url}) into the folder {folder} and try again, or "
            "choose the file if you have downloaded it."
        ).format(name=cache.name, url=details.get("url", ""), folder=cache.parent)

    def ask_weights_file(self) -> str | None:
        """The downloaded weights file, or None; tests answer it."""
        path, _ = QFileDialog.getOpenFileName(
            self._parent,
            self.tr("The ImageNet weights file"),
            self._settings.folder("models"),
            self.tr("Weights (*.pth *.pt);;All files (*)"),
        )
        return path or None

    def choose_file(self, arch: str) -> None:
        path = self.ask_weights_file()
        if not path:
            return
        self._installing.start(
            model_tasks.install_imagenet_weights(arch, path),
            self.tr("copying the ImageNet weights"),
            on_result=lambda _cached: self.open(arch),
            on_error=lambda error: self._message_bar.show_message(
                describe(error), "error", details=error.details
            ),
        )
