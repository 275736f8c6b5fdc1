"""Lists of evaluated images: the images of one confusion-matrix cell, and the images to review.

Both show each image's true class, predicted class and probability, take
thumbnails as they arrive (made off the GUI thread as ``QImage``), and offer
"Open in Predict" (double-click) and "Show in folder" (context menu). Files
that no longer exist keep their row, with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QImage, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.reason_words import reason_words

PATH_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
BEFORE_MOVE_ROLE = Qt.ItemDataRole.UserRole + 2  # a moved row's own words and colours
GRID_ICON = 96
LIST_ICON = 48
WRONG_TEXT = "#b3261e"
#: A right answer given with less than this probability is called unsure.
UNSURE = 0.9


class NumericSortItem(QTreeWidgetItem):
    """Sorts by numbers where the column holds numbers (percentages), else by text."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column).lower() < other.text(column).lower()


def _data(item: QListWidgetItem | QTreeWidgetItem, role: int) -> Any:
    """A row's data (a tree row keeps it in its first column)."""
    return item.data(0, role) if isinstance(item, QTreeWidgetItem) else item.data(role)


def _set_data(item: QListWidgetItem | QTreeWidgetItem, role: int, value: Any) -> None:
    if isinstance(item, QTreeWidgetItem):
        item.setData(0, role, value)
    else:
        item.setData(role, value)


def _item_path(item: QListWidgetItem | QTreeWidgetItem | None) -> str | None:
    if item is None:
        return None
    value = _data(item, PATH_ROLE)
    return str(value) if value else None


class _ImageActions:
    """Double-click (or Enter) opens an image in Predict; the context menu offers both actions.

    Mixed into the two item views below, which declare the signals.
    """

    def _connect_actions(self) -> None:
        view: Any = self
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        # Double-click or Enter (or a single click where the desktop opens items that way).
        view.itemActivated.connect(lambda item, *_: self._activated(item))

    def _activated(self, item: QListWidgetItem | QTreeWidgetItem) -> None:
        path = _item_path(item)
        if path is not None:
            self.openRequested.emit(path)  # type: ignore[attr-defined]

    def _menu(self, position: QPoint) -> None:
        view: Any = self
        path = _item_path(view.itemAt(position))
        if path is None:
            return
        menu = self.context_menu(path)
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def context_menu(self, path: str) -> QMenu:
        """The menu of the photo at ``path``: open, show, move to another class, exclude."""
        view: Any = self
        menu = QMenu(view)
        open_action = QAction(self.tr("Open in Predict"), menu)
        open_action.triggered.connect(lambda: view.openRequested.emit(path))
        folder_action = QAction(self.tr("Show in folder"), menu)
        folder_action.triggered.connect(lambda: view.showInFolderRequested.emit(path))
        menu.addAction(open_action)
        menu.addAction(folder_action)
        classes: list[str] = getattr(view, "move_classes", [])
        if classes:
            menu.addSeparator()
            move_menu = menu.addMenu(self.tr("Move to class"))
            here = Path(path).parent.name  # the class folder it is in: not a place to go
            for name in (name for name in classes if name != here):
                move_menu.addAction(name, lambda n=name: view.moveRequested.emit(path, n))
            exclude = menu.addAction(self.tr("Exclude from the dataset"))
            exclude.triggered.connect(lambda: view.moveRequested.emit(path, ""))
        return menu

    def relocate(self, old: str, new: str, note: str) -> None:
        """The photo at ``old`` now lies at ``new``: its row follows it and says ``note``.

        An empty ``note`` (the move was undone) gives the row back its own words.
        """
        view: Any = self
        item = view._items.pop(old, None)
        if item is None:
            return
        view._items[new] = item
        _set_data(item, PATH_ROLE, new)
        if isinstance(item, QTreeWidgetItem):
            for column in range(item.columnCount()):
                item.setToolTip(column, item.toolTip(column).replace(old, new))
        else:
            item.setToolTip(item.toolTip().replace(old, new))
        if note:
            self.mark_moved(new, note)
        elif _data(item, BEFORE_MOVE_ROLE):
            _set_looks(item, _data(item, BEFORE_MOVE_ROLE))

    def mark_moved(self, path: str, note: str) -> None:
        """Say on the photo's row that it was moved (its evaluation is of where it was)."""
        view: Any = self
        item = view._items.get(path)
        if item is None:
            return
        looks = _data(item, BEFORE_MOVE_ROLE)
        if looks:
            _set_looks(item, looks)  # a second move: its note replaces the first
        else:
            _set_data(item, BEFORE_MOVE_ROLE, _looks(item))
        grey = QBrush(view.palette().color(QPalette.ColorRole.PlaceholderText))
        if isinstance(item, QTreeWidgetItem):
            item.setText(item.columnCount() - 1, note)
            for column in range(item.columnCount()):
                item.setForeground(column, grey)
        else:
            item.setText(f"{item.text()}\n({note})")
            item.setForeground(grey)


def _looks(item: QListWidgetItem | QTreeWidgetItem) -> list[tuple[str, QBrush]]:
    """A row's words and text colours, column by column."""
    if isinstance(item, QTreeWidgetItem):
        return [(item.text(c), item.foreground(c)) for c in range(item.columnCount())]
    return [(item.text(), item.foreground())]


def _set_looks(item: QListWidgetItem | QTreeWidgetItem, looks: list[tuple[str, QBrush]]) -> None:
    if isinstance(item, QTreeWidgetItem):
        for column, (text, brush) in enumerate(looks):
            item.setText(column, text)
            item.setForeground(column, brush)
    else:
        item.setText(looks[0][0])
        item.setForeground(looks[0][1])


class CellImages(_ImageActions, QListWidget):
    """The images behind one confusion-matrix cell, as a grid of thumbnails."""

    openRequested = Signal(str)  # noqa: N815 - a path to classify in the Predict tab
    showInFolderRequested = Signal(str)  # noqa: N815
    moveRequested = Signal(str, str)  # noqa: N815 - path, class ("" to exclude)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CellImages")
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(GRID_ICON, GRID_ICON))
        self.setGridSize(QSize(GRID_ICON + 64, GRID_ICON + 64))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._connect_actions()
        self._items: dict[str, QListWidgetItem] = {}

    def set_items(self, items: Sequence[object]) -> None:
        """``items``: core ReviewItems (path, true, predicted, prob)."""
        self.clear()
        self._items.clear()
        placeholder = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for entry in items:
            path = str(entry.path)  # type: ignore[attr-defined]
            item = QListWidgetItem(placeholder, "")
            item.setData(PATH_ROLE, path)
            item.setText(
                f"{Path(path).name}\n{entry.predicted} · {format_percent(entry.prob)}"  # type: ignore[attr-defined]
            )
            tip = self.tr(
                "{path}\nTrue class: {true}\nPredicted: {predicted} ({sure} sure)\n"
                "Double-click to open it in Predict"
            )
            item.setToolTip(
                tip.format(
                    path=path,
                    true=entry.true,  # type: ignore[attr-defined]
                    predicted=entry.predicted,  # type: ignore[attr-defined]
                    sure=format_percent(entry.prob),  # type: ignore[attr-defined]
                )
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
            self._items[path] = item

    def paths(self) -> list[str]:
        return [str(self.item(i).data(PATH_ROLE)) for i in range(self.count())]

    def item_for(self, path: str) -> QListWidgetItem | None:
        return self._items.get(path)

    def set_thumbnail(self, path: str, image: QImage | None, error: str | None) -> None:
        item = self._items.get(path)
        if item is None:
            return
        if image is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))
        elif error:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            name = Path(path).name
            error = reason_words(error)
            item.setText(f"{name}\n({error})")
            item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
            item.setToolTip(f"{path}\n{error[:1].upper()}{error[1:]}")


class ReviewList(_ImageActions, QTreeWidget):
    """Images ranked by how wrong the model was: confident mistakes first, then unsure hits."""

    openRequested = Signal(str)  # noqa: N815
    showInFolderRequested = Signal(str)  # noqa: N815
    moveRequested = Signal(str, str)  # noqa: N815 - path, class ("" to exclude)

    COLUMNS = (
        "#",
        QT_TRANSLATE_NOOP("ReviewList", "Image"),
        QT_TRANSLATE_NOOP("ReviewList", "True class"),
        QT_TRANSLATE_NOOP("ReviewList", "Predicted"),
        QT_TRANSLATE_NOOP("ReviewList", "Probability"),
        QT_TRANSLATE_NOOP("ReviewList", "Note"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewList")
        self.setHeaderLabels([self.tr(column) for column in self.COLUMNS])
        self.headerItem().setToolTip(0, self.tr("Rank: the worst first"))
        self.headerItem().setToolTip(4, self.tr("How sure the model was of the class it predicted"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(LIST_ICON, LIST_ICON))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._connect_actions()
        self._items: dict[str, QTreeWidgetItem] = {}

    def set_items(self, items: Sequence[object]) -> None:
        """``items``: core ReviewItems, worst first."""
        self.setSortingEnabled(False)
        self.clear()
        self._items.clear()
        wrong = QBrush(QColor(WRONG_TEXT))
        rows = []
        for rank, entry in enumerate(items, start=1):
            path = str(entry.path)  # type: ignore[attr-defined]
            correct = entry.true == entry.predicted  # type: ignore[attr-defined]
            item = NumericSortItem()
            item.setData(0, PATH_ROLE, path)
            item.setText(0, str(rank))
            item.setData(0, SORT_ROLE, rank)
            item.setText(1, Path(path).name)
            item.setToolTip(
                1, self.tr("{path}\nDouble-click to open it in Predict").format(path=path)
            )
            item.setText(2, str(entry.true))  # type: ignore[attr-defined]
            item.setText(3, str(entry.predicted))  # type: ignore[attr-defined]
            item.setText(4, format_percent(entry.prob))  # type: ignore[attr-defined]
            item.setData(4, SORT_ROLE, float(entry.prob))  # type: ignore[attr-defined]
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if correct:
                unsure = entry.prob < UNSURE  # type: ignore[attr-defined]
                item.setText(5, self.tr("right, but unsure") if unsure else self.tr("right"))
            else:
                item.setText(5, self.tr("mistake"))
                item.setForeground(3, wrong)
                font = item.font(3)
                font.setBold(True)
                item.setFont(3, font)
            item.setSizeHint(1, QSize(0, LIST_ICON + 6))
            rows.append(item)
            self._items[path] = item
        self.addTopLevelItems(rows)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def paths(self) -> list[str]:
        """Paths as listed, top to bottom."""
        return [
            str(self.topLevelItem(i).data(0, PATH_ROLE)) for i in range(self.topLevelItemCount())
        ]

    def item_for(self, path: str) -> QTreeWidgetItem | None:
        return self._items.get(path)

    def current_path(self) -> str | None:
        return _item_path(self.currentItem())

    def set_thumbnail(self, path: str, image: QImage | None, error: str | None) -> None:
        item = self._items.get(path)
        if item is None:
            return
        if image is not None:
            item.setIcon(1, QIcon(QPixmap.fromImage(image)))
        elif error:
            item.setIcon(1, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            kind = item.text(5)
            error = reason_words(error)
            item.setText(5, f"{kind} · {error}")
            muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
            item.setForeground(1, muted)
            item.setToolTip(5, f"{path}: {error}")
