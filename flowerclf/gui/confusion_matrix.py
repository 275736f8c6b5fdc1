"""The confusion matrix as a grid of counts: rows are true classes, columns predicted ones.

Right answers (the diagonal) are shaded green, mistakes red, each the stronger
the larger its share of the true class's images, so the worst confusions stand
out whatever the class sizes. A table view, so that many classes simply scroll.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

RIGHT = QColor(46, 160, 67)
WRONG = QColor(215, 58, 73)
CELL_HEIGHT = 34
MIN_CELL_WIDTH = 52
MAX_CELL_WIDTH = 120


def cell_colour(count: int, row_total: int, diagonal: bool, base: QColor) -> QColor | None:
    """The shade of one cell, opaque over ``base``: None for an empty cell."""
    if count <= 0 or row_total <= 0:
        return None
    strength = 0.18 + 0.72 * min(1.0, count / row_total)
    tint = RIGHT if diagonal else WRONG
    # Opaque, so that the view's own selection fill underneath never shows through.
    return QColor.fromRgbF(
        *(
            b + (t - b) * strength
            for b, t in zip(base.getRgbF()[:3], tint.getRgbF()[:3], strict=True)
        )
    )


def describe_cell(
    classes: Sequence[str], count: int, true: int, predicted: int, rich: bool = False
) -> str:
    """ "3 images of daisy taken for rose", in plain or rich (bold, escaped) text."""
    if rich:
        true_name, predicted_name = (
            f"<b>{html.escape(classes[true])}</b>",
            f"<b>{html.escape(classes[predicted])}</b>",
        )
    else:
        true_name, predicted_name = classes[true], classes[predicted]
    if true == predicted:
        text = ConfusionMatrix.tr("%n image(s) of {true} recognised correctly", "", count)
    else:
        text = ConfusionMatrix.tr("%n image(s) of {true} taken for {predicted}", "", count)
    text = text.format(true=true_name, predicted=predicted_name)
    if rich:
        # The count in bold as well: Qt writes it where the language puts it.
        text = text.replace(str(count), f"<b>{count}</b>", 1)
    return text


class VerticalLabel(QWidget):
    """A caption written bottom to top, for the rows' axis."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = QFontMetrics(self.font())
        return QSize(metrics.height() + 6, metrics.horizontalAdvance(self._text) + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.sizeHint().width(), 40)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.translate(0, self.height())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, self.height(), self.width()), Qt.AlignmentFlag.AlignCenter, self._text
        )
        painter.end()


class _CellDelegate(QStyledItemDelegate):
    """Keeps a selected cell's own colour and marks it with a frame instead."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), 3)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5))
            painter.restore()


class ConfusionMatrix(QWidget):
    """Counts of (true class, predicted class) pairs; clicking a cell asks for its images."""

    cellChosen = Signal(int, int)  # noqa: N815 - true index, predicted index
    cellActivated = Signal(int, int)  # noqa: N815 - Enter or double-click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._classes: list[str] = []
        self._counts = np.zeros((0, 0), dtype=np.int64)

        self.top_title = QLabel(self.tr("Predicted class →"))
        self.top_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.top_title.font()
        font.setBold(True)
        self.top_title.setFont(font)
        self.side_title = VerticalLabel(self.tr("← True class"))

        self.table = QTableWidget()
        self.table.setObjectName("ConfusionMatrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setShowGrid(True)
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.setTabKeyNavigation(False)  # Tab leaves the matrix; arrows move in it
        # As big as its cells, no bigger (scroll bars once they do not fit).
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(
            self.tr("Confusion matrix: rows are true classes, columns predicted")
        )
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(True)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(CELL_HEIGHT)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self._changed_by_press = False
        self.table.currentCellChanged.connect(self._on_current_changed)
        self.table.cellClicked.connect(self._on_clicked)
        self.table.cellActivated.connect(lambda row, column: self.cellActivated.emit(row, column))

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.top_title, 0, 1)
        layout.addWidget(self.side_title, 1, 0)
        layout.addWidget(self.table, 1, 1)
        layout.setRowStretch(2, 1)
        layout.setColumnStretch(2, 1)

    # -- data -----------------------------------------------------------------------------

    def set_matrix(
        self, classes: Sequence[str], counts: np.ndarray | Sequence[Sequence[int]]
    ) -> None:
        """Show ``counts[i][j]``: images of ``classes[i]`` predicted as ``classes[j]``."""
        self._classes = [str(name) for name in classes]
        self._counts = np.asarray(counts, dtype=np.int64).reshape(
            len(self._classes), len(self._classes)
        )
        n = len(self._classes)
        table = self.table
        table.blockSignals(True)
        table.clear()
        table.setRowCount(n)
        table.setColumnCount(n)
        table.setHorizontalHeaderLabels(self._classes)
        table.setVerticalHeaderLabels(self._classes)
        for i, name in enumerate(self._classes):
            table.horizontalHeaderItem(i).setToolTip(
                self.tr("Predicted as {name}").format(name=name)
            )
            table.verticalHeaderItem(i).setToolTip(self.tr("Truly {name}").format(name=name))

        text = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Base)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        totals = self._counts.sum(axis=1)
        for i in range(n):
            for j in range(n):
                count = int(self._counts[i, j])
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                colour = cell_colour(count, int(totals[i]), i == j, base)
                item.setBackground(QBrush(colour if colour is not None else base))
                if colour is not None:
                    strong = colour.lightnessF() < 0.6
                    item.setForeground(QBrush(QColor("white") if strong else text))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                else:
                    item.setForeground(QBrush(muted))
                item.setToolTip(self._describe(i, j))
                table.setItem(i, j, item)

        metrics = QFontMetrics(table.horizontalHeader().font())
        longest = max((metrics.horizontalAdvance(name) for name in self._classes), default=0)
        width = max(MIN_CELL_WIDTH, min(MAX_CELL_WIDTH, longest + 18))
        table.horizontalHeader().setDefaultSectionSize(width)
        for j in range(n):
            table.setColumnWidth(j, width)
        table.blockSignals(False)

    def clear(self) -> None:
        self.set_matrix([], np.zeros((0, 0), dtype=np.int64))

    def classes(self) -> list[str]:
        return list(self._classes)

    def count(self, true: int, predicted: int) -> int:
        """The number shown in a cell."""
        return int(self.table.item(true, predicted).text())

    def counts(self) -> np.ndarray:
        """Every number shown, as a matrix (rows true, columns predicted)."""
        n = self.table.rowCount()
        return np.array(
            [[self.count(i, j) for j in range(n)] for i in range(n)], dtype=np.int64
        ).reshape(n, n)

    def select_cell(self, true: int, predicted: int) -> None:
        """Select a cell as a click would (cellChosen is sent)."""
        if (self.table.currentRow(), self.table.currentColumn()) == (true, predicted):
            self._emit_chosen(true, predicted)
        else:
            self.table.setCurrentCell(true, predicted)

    def _describe(self, true: int, predicted: int) -> str:
        count = int(self._counts[true, predicted])
        total = int(self._counts[true].sum())
        what = describe_cell(self._classes, count, true, predicted)
        if total:
            what += self.tr(" ({share:.0%} of {total})").format(share=count / total, total=total)
        return what + (self.tr("\nClick to see them") if count else "")

    # -- interaction -------------------------------------------------------------------

    def _on_current_changed(self, row: int, column: int, _row: int, _column: int) -> None:
        # A press, the arrow keys or select_cell moved to a new cell: show its images.
        self._changed_by_press = QApplication.mouseButtons() != Qt.MouseButton.NoButton
        self._emit_chosen(row, column)

    def _on_clicked(self, row: int, column: int) -> None:
        # The press that made this cell current has already said so; a click on the
        # cell that was current already (to see its images again) has not.
        if not self._changed_by_press:
            self._emit_chosen(row, column)
        self._changed_by_press = False

    def _emit_chosen(self, row: int, column: int) -> None:
        if 0 <= row < len(self._classes) and 0 <= column < len(self._classes):
            self.cellChosen.emit(row, column)
