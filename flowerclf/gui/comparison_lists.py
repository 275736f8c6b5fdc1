"""What a comparison of two models shows: a per-class F1 table and the photos whose verdict changed.

The table has one row per class, matched by name: each model's F1 and the
change in points (green up, red down; "–" where a model does not know the
class). The photos are a grid of thumbnails, each captioned with both models'
answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QStyle, QTableWidgetItem, QWidget

from flowerclf.gui.dataset_summary import read_only_table
from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.review_list import PATH_ROLE, WRONG_TEXT, CellImages

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.comparison import ChangedImage, Comparison

BETTER_TEXT = "#1a7f37"
NOT_KNOWN = "–"


def class_changes_table(parent: QWidget) -> QWidget:
    """A read-only table: class, F1 of model A, F1 of model B, change, images."""
    table = read_only_table(["", "", "", "", ""])
    table.setObjectName("ClassChanges")
    for column in range(1, 5):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents
        )
    return table


def fill_class_changes(table, comparison: Comparison | None, headers: Sequence[str]) -> None:
    """Show ``comparison``'s per-class F1 side by side (None: empty)."""
    table.setHorizontalHeaderLabels(list(headers))
    if comparison is None:
        table.setRowCount(0)
        return
    table.setRowCount(len(comparison.classes))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for row, change in enumerate(comparison.classes):
        points = None if change.change is None else 100.0 * change.change
        values = [
            change.name,
            NOT_KNOWN if change.f1_a is None else format_percent(change.f1_a),
            NOT_KNOWN if change.f1_b is None else format_percent(change.f1_b),
            NOT_KNOWN if points is None else f"{points:+.1f}",
            str(change.support),
        ]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column:
                item.setTextAlignment(right)
            if column == 3 and points is not None and abs(points) >= 0.05:
                item.setForeground(QBrush(QColor(BETTER_TEXT if points > 0 else WRONG_TEXT)))
            table.setItem(row, column, item)


class ChangedImages(CellImages):
    """Photos one model got right and the other wrong, each with both answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangedImages")

    def set_changes(self, items: Sequence[ChangedImage], name_a: str, name_b: str) -> None:
        self.clear()
        self._items.clear()
        placeholder = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for entry in items:
            path = str(entry.path)
            item = QListWidgetItem(placeholder, "")
            item.setData(PATH_ROLE, path)
            item.setText(
                f"{Path(path).name}\nA: {entry.predicted_a} {format_percent(entry.prob_a)}\n"
                f"B: {entry.predicted_b} {format_percent(entry.prob_b)}"
            )
            item.setToolTip(
                self.tr(
                    "{path}\nTrue class: {true}\n{a}: {pa} ({qa} sure)\n{b}: {pb} ({qb} sure)\n"
                    "Double-click to open it in Predict"
                ).format(
                    path=path,
                    true=entry.true,
                    a=name_a,
                    pa=entry.predicted_a,
                    qa=format_percent(entry.prob_a),
                    b=name_b,
                    pb=entry.predicted_b,
                    qb=format_percent(entry.prob_b),
                )
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
            self._items[path] = item
