"""A drawing of one stage's block, painted from the measured stage table.

A residual stage is drawn as its block: the convolutions top to bottom (each
box as wide as the log of its channels, so a bottleneck visibly narrows and
widens again; a grouped 3×3 as a stack of groups), the shortcut beside them
and the addition below. Every number comes from the core's
:class:`~flowerclf.core.architecture.Stage`, read off the live network.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from flowerclf.core.architecture import Stage

CONV = QColor(66, 133, 214)
GROUPED = QColor(142, 84, 196)
POOL = QColor(46, 160, 67)
FC = QColor(230, 140, 30)


class BlockDrawing(QWidget):
    """The block of the selected stage, or a hint when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stage: Stage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 240)
        self.setAccessibleName(self.tr("Drawing of the block"))

    def set_stage(self, stage: Stage | None) -> None:
        self._stage = stage
        self.update()

    def stage(self) -> Stage | None:
        return self._stage

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 380)

    # -- what is drawn ---------------------------------------------------------------------

    def boxes(self) -> list[tuple[str, int, QColor, int]]:
        """(text, channels, colour, groups) of each box, top to bottom."""
        stage = self._stage
        if stage is None:
            return []
        if stage.block == "conv":
            layer = stage.layers[0]
            text = self.tr("{k}×{k} conv, {c}, stride {s}").format(
                k=layer.kernel, c=layer.channels, s=stage.stride
            )
            return [(text, layer.channels, CONV, 1)]
        if stage.block == "max pool":
            text = self.tr("{k}×{k} max pool, stride {s}").format(k=stage.kernel, s=stage.stride)
            return [(text, stage.channels_out, POOL, 1)]
        if stage.block == "fc":
            return [
                (self.tr("average pool"), stage.channels_in, POOL, 1),
                (
                    self.tr("fc, {c} outputs").format(c=stage.channels_out),
                    stage.channels_out,
                    FC,
                    1,
                ),
            ]
        found = []
        for layer in stage.layers:
            if layer.groups > 1:
                text = self.tr("{k}×{k} conv, {c}, {g} groups of {w}").format(
                    k=layer.kernel,
                    c=layer.channels,
                    g=layer.groups,
                    w=layer.channels // layer.groups,
                )
                found.append((text, layer.channels, GROUPED, layer.groups))
            else:
                text = self.tr("{k}×{k} conv, {c}").format(k=layer.kernel, c=layer.channels)
                found.append((text, layer.channels, CONV, 1))
        return found

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        boxes = self.boxes()
        if not boxes:
            painter.setPen(muted)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Choose a stage in the table to see its block."),
            )
            return
        stage = self._stage
        assert stage is not None
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        residual = stage.is_residual
        margin = 10.0
        width = float(self.width())
        # Room on the right for the shortcut of a residual block.
        centre = (width - (60.0 if residual else 0.0)) / 2.0
        most = max(math.log2(max(2, channels)) for _, channels, _, _ in boxes)
        text_w = max(metrics.horizontalAdvance(b[0]) for b in boxes) + 24.0
        room = width - (100.0 if residual else 20.0)
        widest = min(room, max(text_w, 0.6 * room))
        count = len(boxes)
        # Boxes and gaps grow with the room there is, within readable bounds.
        fixed = 2 * margin + 2 * line + (2 * line if residual else 0.0)
        units = count + 0.9 * (count + 1) + (0.9 if residual else 0.0)
        box_h = min(line * 2.6, max(line * 1.5, (self.height() - fixed) / units))
        gap = max(line * 1.1, box_h * 0.9)
        needed = 2 * line + count * box_h + (count + 1) * gap + (2 * line if residual else 0)
        top = max(margin, (self.height() - needed) / 2.0)

        painter.setPen(text)
        incoming = stage.channels_out if residual else stage.channels_in
        label = self.tr("{c} channels in").format(c=incoming)
        painter.drawText(QRectF(0, top, 2 * centre, line), Qt.AlignmentFlag.AlignCenter, label)
        y = top + line
        entry_y = y
        arrow_pen = QPen(text, 1.4)
        for text_label, channels, colour, groups in boxes:
            painter.setPen(arrow_pen)
            self._arrow(painter, QPointF(centre, y), QPointF(centre, y + gap))
            y += gap
            scale = 0.45 + 0.55 * math.log2(max(2, channels)) / most
            box_w = max(metrics.horizontalAdvance(text_label) + 16.0, widest * scale)
            rect = QRectF(centre - box_w / 2.0, y, box_w, box_h)
            if groups > 1:  # a stack: the groups work side by side, each on its own channels
                for shift in (6.0, 3.0):
                    painter.setPen(QPen(colour.darker(130), 1.0))
                    painter.setBrush(colour.lighter(150))
                    painter.drawRoundedRect(rect.translated(shift, -shift), 5, 5)
            painter.setPen(QPen(colour.darker(130), 1.2))
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 5, 5)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text_label)
            y += box_h
        painter.setPen(arrow_pen)
        if residual:
            plus_r = line * 0.7
            self._arrow(painter, QPointF(centre, y), QPointF(centre, y + gap - plus_r))
            y += gap
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(centre, y), plus_r, plus_r)
            painter.drawLine(QPointF(centre - plus_r / 2, y), QPointF(centre + plus_r / 2, y))
            painter.drawLine(QPointF(centre, y - plus_r / 2), QPointF(centre, y + plus_r / 2))
            # The shortcut: from the input, down the right side, into the addition.
            side = centre + widest / 2.0 + 24.0
            path = QPainterPath(QPointF(centre, entry_y + gap * 0.4))
            path.lineTo(side, entry_y + gap * 0.4)
            path.lineTo(side, y)
            painter.setPen(QPen(muted, 1.4, Qt.PenStyle.DashLine))
            painter.drawPath(path)
            painter.setPen(arrow_pen)
            self._arrow(painter, QPointF(side, y), QPointF(centre + plus_r, y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(side + 4, (entry_y + y) / 2 - line, width - side - 4, 2 * line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.tr("identity"),
            )
            painter.setPen(arrow_pen)
            self._arrow(
                painter, QPointF(centre, y + plus_r), QPointF(centre, y + plus_r + gap * 0.8)
            )
            y += plus_r + gap * 0.8
            out_text = self.tr("ReLU, {c} channels out").format(c=stage.channels_out)
        else:
            self._arrow(painter, QPointF(centre, y), QPointF(centre, y + gap))
            y += gap
            out_text = self.tr("{c} channels out").format(c=stage.channels_out)
        painter.setPen(text)
        painter.drawText(QRectF(0, y, 2 * centre, line), Qt.AlignmentFlag.AlignCenter, out_text)

    @staticmethod
    def _arrow(painter: QPainter, start: QPointF, end: QPointF) -> None:
        painter.drawLine(start, end)
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = 6.0
        left = QPointF(end.x() - size * ux + size * 0.5 * uy, end.y() - size * uy - size * 0.5 * ux)
        right = QPointF(
            end.x() - size * ux - size * 0.5 * uy, end.y() - size * uy + size * 0.5 * ux
        )
        painter.drawLine(end, left)
        painter.drawLine(end, right)
