"""The photo as the network saw it, beside a grid of one stage's most active channels."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from flowerclf.gui.network_tasks import FeatureGrid


class FeatureGridView(QWidget):
    """Paints a :class:`FeatureGrid`: the cropped photo on the left, the maps in a grid.

    Maps are scaled without smoothing: a 7×7 map shows its 49 cells, not a blur.
    """

    SPACING = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: FeatureGrid | None = None
        self._picture: QPixmap | None = None
        self._maps: list[QPixmap] = []
        self._placeholder = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 140)
        self.setAccessibleName(self.tr("Feature maps"))

    def set_grid(self, grid: FeatureGrid | None) -> None:
        """Show ``grid`` (pixmaps are made here, on the GUI thread); None clears."""
        self._grid = grid
        self._picture = QPixmap.fromImage(grid.picture) if grid is not None else None
        self._maps = [QPixmap.fromImage(image) for image in grid.maps] if grid else []
        self.update()

    def grid(self) -> FeatureGrid | None:
        return self._grid

    def count(self) -> int:
        """How many maps are shown."""
        return len(self._maps)

    def set_placeholder(self, text: str) -> None:
        self._placeholder = text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 300)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        if self._grid is None or self._picture is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self._placeholder,
            )
            return
        gap = self.SPACING
        line = QFontMetrics(self.font()).height()
        height = float(self.height())
        # The photo: a square as tall as the widget, at most a third of its width.
        side = max(40.0, min(height - line - gap, self.width() / 3.0))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawPixmap(QRectF(0, 0, side, side), self._picture, QRectF(self._picture.rect()))
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRectF(0, side + 2, side, line),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("what the network sees"),
        )
        left = side + 3 * gap
        area_w, area_h = self.width() - left, height
        count = len(self._maps)
        if count == 0 or area_w <= 0:
            return
        # As many columns as keep the cells largest.
        best = (1, 1, 0.0)
        for columns in range(1, count + 1):
            rows = math.ceil(count / columns)
            cell = min(
                (area_w - (columns - 1) * gap) / columns,
                (area_h - rows * (line + gap)) / rows,
            )
            if cell > best[2]:
                best = (columns, rows, cell)
        columns, _rows, cell = best
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for index, (pixmap, channel) in enumerate(
            zip(self._maps, self._grid.channels, strict=False)
        ):
            row, column = divmod(index, columns)
            x = left + column * (cell + gap)
            y = row * (cell + line + gap)
            painter.drawPixmap(QRectF(x, y, cell, cell), pixmap, QRectF(pixmap.rect()))
            painter.setPen(text)
            painter.drawText(
                QRectF(x, y + cell, cell, line),
                Qt.AlignmentFlag.AlignHCenter,
                self.tr("#{n}").format(n=channel),
            )
