"""The Train tab's "Photos to learn from" box: the folder, its classes and the files it skips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui.reason_words import reason_words


class DatasetSummary(QGroupBox):
    """Choose folder…, the folder's path, a one-line summary, classes, skipped files."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Photos to learn from"), parent)
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.folder_button.setToolTip(
            self.tr(
                "A folder with one subfolder per class, each full of example photos "
                "(for example flowers/roses, flowers/tulips, …). You can also drop the folder here."
            )
        )
        self.sample_button = QPushButton(self.tr("Get the flowers sample…"))
        self.sample_button.setToolTip(
            self.tr("Download 3,670 photos of 5 kinds of flowers to train on (218 MB)")
        )
        self.folder_label = QLabel(self.tr("No folder chosen yet: choose one or drop it here."))
        self.folder_label.setObjectName("Muted")
        self.folder_label.setWordWrap(True)
        self.folder_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.class_table = read_only_table([self.tr("Class"), self.tr("Images")])
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.class_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.skipped_table = read_only_table([self.tr("Skipped file"), self.tr("Why")])
        self.skipped_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.skipped_table.hide()

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.sample_button)
        layout = self._layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.class_table, 2)
        layout.addWidget(self.skipped_table, 1)

    def add_section(self, widget: QWidget) -> None:
        """A part about the same folder, under the tables (the photo check).

        Its controls come right after the tables when Tab walks the page.
        """
        self._layout.addWidget(widget)
        after = self.skipped_table.nextInFocusChain()
        previous: QWidget = self.skipped_table
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                QWidget.setTabOrder(previous, child)
                previous = child
        if after is not widget:
            QWidget.setTabOrder(previous, after)

    def add_row(self, widget: QWidget) -> None:
        """A line under the folder's (the sample's download progress)."""
        self._layout.insertWidget(1, widget)

    def show_folder(self, folder: str) -> None:
        """A new folder: looking through it (the sample is offered only to an empty tab)."""
        self.sample_button.hide()
        self.folder_label.setText(folder)
        self.folder_label.setToolTip(folder)
        self.summary_label.setText(self.tr("Looking through the folder…"))
        self.class_table.setRowCount(0)
        self.skipped_table.setRowCount(0)
        self.skipped_table.hide()

    def show_failed(self) -> None:
        self.summary_label.setText("")

    def show_scan(self, scan: Any) -> None:
        """A core DatasetScan: counts per class, what is skipped and why, the split."""
        counts: dict[str, int] = scan.counts()
        self.class_table.setRowCount(len(counts))
        for row, (name, count) in enumerate(counts.items()):
            self.class_table.setItem(row, 0, QTableWidgetItem(name))
            number = QTableWidgetItem(f"{count:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.class_table.setItem(row, 1, number)
        skipped = list(scan.skipped)
        self.skipped_table.setRowCount(len(skipped))
        for row, item in enumerate(skipped):
            path = Path(item.path)
            try:
                shown = str(path.relative_to(Path(scan.root)))
            except ValueError:
                shown = str(path)
            cell = QTableWidgetItem(shown)
            cell.setToolTip(str(path))
            self.skipped_table.setItem(row, 0, cell)
            self.skipped_table.setItem(row, 1, QTableWidgetItem(reason_words(item.reason)))
        self.skipped_table.setVisible(bool(skipped))
        text = self.tr("{photos} in {classes}.").format(
            photos=self.tr("%Ln photo(s)", "", sum(counts.values())),
            classes=self.tr("%n class(es)", "", len(counts)),
        )
        if scan.presplit is not None:
            train, val = scan.presplit
            text += self.tr(
                " The folder is already split: {train:,} to learn from, {val:,} to check."
            ).format(train=len(train), val=len(val))
        if skipped:
            text += self.tr(" %n file(s) will be skipped (listed below).", "", len(skipped))
        self.summary_label.setText(text)


def read_only_table(headers: list[str]) -> QTableWidget:
    """A read-only table that Tab moves out of, rather than through its cells."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table
