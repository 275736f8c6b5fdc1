"""The dataset check's review window: the photos found, and moving them where they belong.

A tree of what was found (exact copies, near copies, photos in two classes,
photos in both train and val, unreadable files, small pictures), each group
with its photos and their thumbnails. Selected photos can be moved to another
class or excluded (moved beside the dataset); nothing is ever deleted, and
Undo (Ctrl+Z) puts the last move back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui import check_words
from flowerclf.gui.photo_mover import PhotoMover
from flowerclf.gui.reason_words import reason_words
from flowerclf.gui.tasks import TaskRunner
from flowerclf.gui.thumbnails import ThumbnailLoader

PATH_ROLE = Qt.ItemDataRole.UserRole
ICON = 48
THUMBNAILS = 400  # thumbnails made for at most this many photos


class CheckReview(QDialog):
    """The findings as a tree; Move to class, Exclude, Undo, Show in folder."""

    def __init__(self, mover: PhotoMover, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo check"))
        self.resize(760, 560)
        self.mover = mover
        self.check: Any = None
        self._items: dict[str, list[QTreeWidgetItem]] = {}
        self.thumbnails = ThumbnailLoader(runner, self)
        self.thumbnails.ready.connect(self._apply_thumbnail)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Photo"), self.tr("Class"), self.tr("Note")])
        self.tree.setIconSize(QSize(ICON, ICON))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setTabKeyNavigation(False)
        self.tree.setColumnWidth(0, 360)
        self.tree.itemSelectionChanged.connect(self._refresh_buttons)
        self.tree.itemActivated.connect(lambda item, _column: self._show_in_folder(item))

        self.class_box = QComboBox()
        self.class_box.setToolTip(self.tr("The class folder to move the selected photos to"))
        self.move_button = QPushButton(self.tr("Move to class"))
        self.move_button.clicked.connect(self.move_selected)
        self.exclude_button = QPushButton(self.tr("Exclude"))
        self.exclude_button.setToolTip(
            self.tr(
                "Move the selected photos out of the dataset, to a folder beside it. "
                "Nothing is deleted."
            )
        )
        self.exclude_button.clicked.connect(self.exclude_selected)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Put the last moved photos back (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.mover.undo)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_key.activated.connect(self.mover.undo)
        self.folder_button = QPushButton(self.tr("Show in folder"))
        self.folder_button.clicked.connect(lambda: self._show_in_folder(self.tree.currentItem()))
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)
        self.problem = QLabel()
        self.problem.setObjectName("Error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.class_box)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.exclude_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        mover.problem.connect(self._on_problem)
        mover.moved.connect(lambda _root: self.problem.hide())
        mover.undoChanged.connect(self._refresh_buttons)
        self._refresh_buttons()

    # -- showing a check -------------------------------------------------------------

    def show_check(self, check: Any) -> None:
        self.check = check
        self.summary.setText(check_words.summary(check))
        current = self.class_box.currentText()
        self.class_box.clear()
        self.class_box.addItems(list(check.classes))
        if current in check.classes:
            self.class_box.setCurrentText(current)
        self.tree.clear()
        self._items.clear()
        for kind, _, _ in check_words.GROUP_KINDS:
            self._add_groups(kind, getattr(check, kind))
        self._add_list(
            self.tr("Cannot be read"), [(path, reason_words(why)) for path, why in check.unreadable]
        )
        self._add_list(
            self.tr("Smaller than 64 pixels on a side"), [(path, "") for path in check.small]
        )
        self.tree.expandAll()
        self.thumbnails.request(list(self._items)[:THUMBNAILS], first=True)
        self._refresh_buttons()

    def _add_groups(self, kind: str, groups: list[list[Path]]) -> None:
        if not groups:
            return
        top = QTreeWidgetItem([f"{check_words.title(kind)} ({len(groups)})"])
        top.setToolTip(0, check_words.meaning(kind))
        top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.tree.addTopLevelItem(top)
        for number, group in enumerate(groups, 1):
            node = QTreeWidgetItem(
                top, [self.tr("Group {number}: %n photo(s)", "", len(group)).format(number=number)]
            )
            node.setFlags(node.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for path in group:
                self._add_photo(node, path, "")

    def _add_list(self, title: str, photos: list[tuple[Path, str]]) -> None:
        if not photos:
            return
        top = QTreeWidgetItem([f"{title} ({len(photos)})"])
        top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.tree.addTopLevelItem(top)
        for path, note in photos:
            self._add_photo(top, path, note)

    def _add_photo(self, parent: QTreeWidgetItem, path: Path, note: str) -> None:
        label = self.check.photo_labels.get(path, "")
        try:
            shown = str(Path(path).relative_to(self.check.root))
        except ValueError:
            shown = str(path)
        item = QTreeWidgetItem(parent, [shown, label, note])
        item.setData(0, PATH_ROLE, str(path))
        item.setToolTip(0, str(path))
        item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self._items.setdefault(str(path), []).append(item)

    def _apply_thumbnail(self, thumbnail: Any) -> None:
        for item in self._items.get(thumbnail.path, []):
            if thumbnail.image is not None:
                item.setIcon(0, QIcon(QPixmap.fromImage(thumbnail.image)))

    # -- acting on the selection -----------------------------------------------------

    def selected_paths(self) -> list[str]:
        paths = (item.data(0, PATH_ROLE) for item in self.tree.selectedItems())
        return list(dict.fromkeys(str(p) for p in paths if p))

    def move_selected(self) -> bool:
        destination = self.class_box.currentText()
        paths = self.selected_paths()
        if not paths or not destination or self.check is None:
            return False
        return self.mover.move(self.check.root, paths, destination)

    def exclude_selected(self) -> bool:
        paths = self.selected_paths()
        if not paths or self.check is None:
            return False
        return self.mover.move(self.check.root, paths, None)

    def _show_in_folder(self, item: QTreeWidgetItem | None) -> None:
        path = item.data(0, PATH_ROLE) if item is not None else None
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def _on_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def _refresh_buttons(self) -> None:
        selected = bool(self.selected_paths())
        self.move_button.setEnabled(selected and self.class_box.count() > 0)
        self.exclude_button.setEnabled(selected)
        self.folder_button.setEnabled(selected)
        self.undo_button.setEnabled(self.mover.can_undo())
        self.undo_button.setToolTip(self.mover.undo_text() + " (Ctrl+Z)")
