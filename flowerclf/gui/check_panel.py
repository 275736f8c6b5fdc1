"""The Train tab's photo check: the dataset check of the chosen folder, in the background.

Each time the Train tab has looked through a folder, the check runs (newest
folder wins; a big folder never blocks the window). The box says what was
found in one line; Review… opens the list of photos to fix. After photos are
moved, the folder is looked through and checked again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.events import StageEvent
from flowerclf.gui import check_words
from flowerclf.gui.error_words import describe
from flowerclf.gui.photo_mover import PhotoMover
from flowerclf.gui.tasks import Policy, TaskRunner
from flowerclf.gui.training_run import TrainingRun


def check_task(folder: str):
    """The task: check ``folder`` with the core, reporting progress and honouring Stop."""

    def run(report: Any, stop: Any) -> Any:
        from flowerclf.core.dataset_check import check_dataset

        return check_dataset(folder, progress=report, stop=stop)

    return run


class CheckPanel(QFrame):
    """One line of findings, a progress bar while checking, Review… and Check again."""

    def __init__(
        self,
        run: TrainingRun,
        runner: TaskRunner,
        mover: PhotoMover,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CheckPanel")
        self.run = run
        self.mover = mover
        self._runner = runner
        self._slot = runner.slot("dataset-check", Policy.LATEST)
        self.check: Any = None  # the last core DatasetCheck of the folder
        self.review: Any = None  # the review window, made on first use
        self.title = QLabel(self.tr("Photo check"))
        self.title.setObjectName("SectionTitle")
        self.label = QLabel(
            self.tr(
                "Choose a folder: its photos are checked for copies, photos "
                "in two classes and unreadable files."
            )
        )
        self.label.setObjectName("Muted")
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.review_button = QPushButton(self.tr("Review…"))
        self.review_button.setToolTip(
            self.tr("See the photos found, and move them to another class or out of the dataset")
        )
        self.review_button.clicked.connect(self.open_review)
        self.again_button = QPushButton(self.tr("Check again"))
        self.again_button.clicked.connect(self.start_check)
        buttons = QVBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.again_button)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.label)
        text.addWidget(self.bar)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        self._refresh_buttons()
        self._slot.busyChanged.connect(lambda _busy: self._refresh_buttons())
        run.folderChanged.connect(self._on_folder_changed)
        run.scanned.connect(lambda _scan: self.start_check())
        run.scanFailed.connect(lambda _error: self._on_folder_unusable())
        mover.moved.connect(self._on_moved)

    def start_check(self) -> None:
        folder = self.run.folder
        if not folder:
            return
        self.label.setText(self.tr("Checking the photos…"))
        self.bar.setValue(0)
        self.bar.show()
        self._slot.start(
            check_task(folder),
            self.tr("checking the photos"),
            on_result=lambda check: self._on_checked(folder, check),
            on_error=self._on_failed,
            on_progress=self._on_progress,
        )
        self._refresh_buttons()

    def is_checking(self) -> bool:
        return self._slot.is_busy()

    def _on_folder_changed(self, _folder: str) -> None:
        self._slot.cancel()
        self.check = None
        self.bar.hide()
        self.label.setText(self.tr("Waiting for the folder to be looked through…"))
        self._refresh_buttons()

    def _on_folder_unusable(self) -> None:
        self._slot.cancel()
        self.check = None
        self.bar.hide()
        self.label.setText("")
        self._refresh_buttons()

    def _on_progress(self, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, StageEvent) and event.total:
                self.bar.setValue(int(1000 * event.done / event.total))
                self.label.setText(
                    self.tr("Checking the photos… {done:,} of {total:,}").format(
                        done=event.done, total=event.total
                    )
                )

    def _on_checked(self, folder: str, check: Any) -> None:
        self.bar.hide()
        if folder != self.run.folder:
            return
        self.check = check
        self.label.setText(check_words.summary(check))
        self.label.setObjectName("" if check.found_something else "Muted")
        self.label.style().unpolish(self.label)  # apply the new name's style
        self.label.style().polish(self.label)
        self._refresh_buttons()
        if self.review is not None:
            self.review.show_check(check)

    def _on_failed(self, error: Any) -> None:
        self.bar.hide()
        self.label.setText(
            self.tr("The photos could not be checked: {why}").format(why=describe(error))
        )
        self._refresh_buttons()

    def _on_moved(self, root: str) -> None:
        folder = self.run.folder
        if not folder or Path(root).absolute() != Path(folder).absolute():
            return
        if not self.run.set_folder(folder):  # refused while training: check what is there
            self.start_check()

    def _refresh_buttons(self) -> None:
        self.review_button.setEnabled(self.check is not None and self.check.found_something)
        self.again_button.setEnabled(bool(self.run.folder) and not self._slot.is_busy())

    def open_review(self) -> None:
        if self.check is None:
            return
        if self.review is None:
            from flowerclf.gui.check_review import CheckReview

            self.review = CheckReview(self.mover, self._runner, self.window())
        self.review.show_check(self.check)
        self.review.show()
        self.review.raise_()
        self.review.activateWindow()
