"""The Results tab's pictures: the images to review (worst first) and the images of a matrix cell.

Two pages in a tab widget, with thumbnails made in the background and the
buttons to classify an image in the Predict tab or show it in its folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from flowerclf.gui import insight_tasks
from flowerclf.gui.confusion_matrix import describe_cell
from flowerclf.gui.review_list import CellImages, ReviewList
from flowerclf.gui.session import ShownEvaluation
from flowerclf.gui.tasks import TaskRunner
from flowerclf.gui.thumbnails import ThumbnailLoader

#: Thumbnails are made for this many rows of the review list (the worst ones);
#: the rest show their names only, so a big folder costs no more than this.
REVIEW_THUMBNAILS = 200
CELL_THUMBNAILS = 400


class ResultImages(QTabWidget):
    """ "Images to review" and "Images of the cell"."""

    openRequested = Signal(str)  # noqa: N815 - classify this file in the Predict tab
    warning = Signal(str)  # a file or folder that is gone

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.thumbnails = ThumbnailLoader(runner, self)
        self.thumbnails.ready.connect(self._apply_thumbnail)

        self.review_list = ReviewList()
        self.review_list.openRequested.connect(self.open_in_predict)
        self.review_list.showInFolderRequested.connect(self.show_in_folder)
        self.review_list.currentItemChanged.connect(lambda *_: self.refresh_buttons())
        self.review_list.moveRequested.connect(self.move_photo)
        self.review_hint = QLabel()
        self.review_hint.setObjectName("Muted")
        self.review_hint.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open in Predict"))
        self.open_button.setToolTip(self.tr("Classify the selected image in the Predict tab"))
        self.open_button.clicked.connect(lambda: self._with_selected(self.open_in_predict))
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.setToolTip(self.tr("Open the folder that holds the selected image"))
        self.folder_button.clicked.connect(lambda: self._with_selected(self.show_in_folder))
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_hint, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(4, 6, 4, 4)
        review_layout.addWidget(self.review_list, 1)
        review_layout.addLayout(buttons)

        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.cell_images = CellImages()
        self.cell_images.openRequested.connect(self.open_in_predict)
        self.cell_images.showInFolderRequested.connect(self.show_in_folder)
        self.cell_images.moveRequested.connect(self.move_photo)
        self.mover: Any = None  # a PhotoMover, once the window gives one
        self.other_lists: list[Any] = []  # photo lists elsewhere that show moves too
        self._classes: list[str] = []
        cell_page = QWidget()
        cell_layout = QVBoxLayout(cell_page)
        cell_layout.setContentsMargins(4, 6, 4, 4)
        cell_layout.addWidget(self.cell_label)
        cell_layout.addWidget(self.cell_images, 1)

        self.review_page_index = self.addTab(review_page, self.tr("Images to review"))
        self.cell_page_index = self.addTab(cell_page, self.tr("Images of the cell"))
        self.setTabToolTip(
            self.review_page_index,
            self.tr(
                "Every image, ranked: confident mistakes first, then right answers the model "
                "was unsure of. Often these are mislabelled or odd photos."
            ),
        )

    def show_evaluation(self, shown: ShownEvaluation | None) -> None:
        # set_items, not clear(): the lists forget their rows, so a late thumbnail finds none
        self.cell_images.set_items([])
        self.cell_label.setText(
            self.tr("Click a cell of the confusion matrix to see its images here.")
        )
        self.setTabText(self.cell_page_index, self.tr("Images of the cell"))
        self.setCurrentIndex(self.review_page_index)
        if shown is None:
            self.review_list.set_items([])
            self.refresh_buttons()
            return
        evaluation = shown.evaluation
        self._classes = list(evaluation.classes)
        if self.mover is not None:
            self.review_list.move_classes = self.cell_images.move_classes = self._classes
        self.review_list.set_items(evaluation.review)
        if shown.stored:
            self.review_hint.setText(
                self.tr(
                    "The model file keeps the {n} worst images, so a cell may list fewer "
                    "images than it counts."
                ).format(n=len(evaluation.review))
            )
        else:
            self.review_hint.setText(self.tr("Double-click an image to classify it in Predict."))
        self.thumbnails.request(self.review_list.paths()[:REVIEW_THUMBNAILS], first=False)
        self.refresh_buttons()

    def show_cell(self, shown: ShownEvaluation, true: int, predicted: int) -> None:
        """List the images behind one cell of the confusion matrix."""
        evaluation = shown.evaluation
        classes = evaluation.classes
        items = evaluation.cell_items(true, predicted)
        count = int(evaluation.confusion[true][predicted])
        what = describe_cell(classes, count, true, predicted, rich=True)
        if len(items) < count:
            what += self.tr(" (the model file keeps {n} of them)").format(n=len(items))
        if count:
            what += self.tr(". Double-click one to classify it in Predict.")
        self.cell_label.setText(what)
        self.cell_images.set_items(items)
        self.setTabText(self.cell_page_index, f"{classes[true]} → {classes[predicted]} ({count})")
        self.setCurrentIndex(self.cell_page_index)
        self.thumbnails.request(self.cell_images.paths()[:CELL_THUMBNAILS], first=True)

    def set_mover(self, mover: Any) -> None:
        """Offer "Move to class" and "Exclude" in the lists' menus, done by ``mover``."""
        self.mover = mover
        mover.relocated.connect(self._relocate)

    def move_photo(self, path: str, destination: str, classes: list[str] | None = None) -> bool:
        """Move one evaluated photo to class ``destination`` ("": out of the dataset).

        ``classes`` are the class folders of the photo's dataset (by default those
        of the evaluation these lists show).
        """
        from flowerclf.core.photo_moves import dataset_root_of

        root = dataset_root_of(path, self._classes if classes is None else classes)
        if self.mover is None or root is None:
            self.warning.emit(
                self.tr("{name} is not in a class folder.").format(name=Path(path).name)
            )
            return False
        return self.mover.move(root, [path], destination or None)  # rows follow: _relocate

    def _relocate(self, moved: dict[str, str], destination: str | None) -> None:
        """Photos moved (or put back, ``destination`` None): every list's rows follow them."""
        if destination is None:
            note = ""
        elif destination:
            note = self.tr("moved to {name}").format(name=destination)
        else:
            note = self.tr("excluded")
        for view in (self.review_list, self.cell_images, *self.other_lists):
            for old, new in moved.items():
                view.relocate(old, new, note)

    def _apply_thumbnail(self, thumbnail: insight_tasks.Thumbnail) -> None:
        self.review_list.set_thumbnail(thumbnail.path, thumbnail.image, thumbnail.error)
        self.cell_images.set_thumbnail(thumbnail.path, thumbnail.image, thumbnail.error)

    def refresh_buttons(self) -> None:
        selected = self.review_list.current_path() is not None
        self.open_button.setEnabled(selected)
        self.folder_button.setEnabled(selected)

    def _with_selected(self, action: Any) -> None:
        path = self.review_list.current_path()
        if path is not None:
            action(path)

    def open_in_predict(self, path: str) -> bool:
        """Ask for ``path`` to be classified in the Predict tab (if the file is still there)."""
        if not Path(path).is_file():
            self.warning.emit(
                self.tr("{name}: file not found ({path}).").format(name=Path(path).name, path=path)
            )
            return False
        self.openRequested.emit(path)
        return True

    def show_in_folder(self, path: str) -> bool:
        """Open the folder holding ``path`` in the desktop's file manager."""
        folder = Path(path).parent
        if not folder.is_dir():
            self.warning.emit(
                self.tr("The folder {folder} no longer exists.").format(folder=folder)
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.warning.emit(self.tr("Could not open the folder {folder}.").format(folder=folder))
            return False
        return True
