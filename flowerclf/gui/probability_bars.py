"""One horizontal bar per class, most probable first, the winner highlighted.

A click on a bar (or Up/Down to a bar, then Enter) asks for that class's heat
map; the bar of the class whose map is shown is framed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


def format_percent(probability: float) -> str:
    """99.4 % rather than 0.994; one decimal so close calls stay visible."""
    return f"{probability * 100:.1f} %"


class ProbabilityBars(QWidget):
    """Painted bars: class name, bar, percentage. Put it in a QScrollArea for many classes.

    Painted rather than built from QProgressBars because hundreds of classes
    must stay cheap, and because a progress bar says "wait", not "how sure".
    """

    classClicked = Signal(str)  # noqa: N815 - Qt naming for signals

    ROW_SPACING = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, float]] = []
        self._cursor = 0  # the row the keyboard is on
        self._marked: str | None = None  # the class whose heat map is shown
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Up/Down, then Enter: as a click
        self.setAccessibleName(self.tr("Class probabilities"))

    # -- data ----------------------------------------------------------------------

    def set_probabilities(self, classes: Sequence[str], probs: Sequence[float]) -> None:
        """Show ``probs`` (class order); they are sorted here, most probable first."""
        pairs = [(str(c), float(p)) for c, p in zip(classes, probs, strict=True)]
        # Stable sort: equal probabilities keep the model's class order.
        self._entries = sorted(pairs, key=lambda pair: -pair[1])
        self._cursor = 0
        self.setToolTip("")
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._entries = []
        self.updateGeometry()
        self.update()

    def entries(self) -> list[tuple[str, float]]:
        """(class, probability) pairs as shown, top first."""
        return list(self._entries)

    def set_marked(self, name: str | None) -> None:
        """Frame the bar of class ``name`` (whose heat map is shown); None: no frame."""
        self._marked = name
        self.update()

    def marked(self) -> str | None:
        return self._marked

    def cursor_class(self) -> str | None:
        """The class of the row the keyboard is on."""
        return self._entries[self._cursor][0] if self._entries else None

    # -- geometry ------------------------------------------------------------------

    def _row_height(self) -> int:
        return max(26, int(QFontMetrics(self.font()).height() * 1.9))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows = len(self._entries)
        height = rows * self._row_height() + max(0, rows - 1) * self.ROW_SPACING
        return QSize(320, max(height, 0))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.sizeHint().height())

    def _row_at(self, y: float) -> int | None:
        pitch = self._row_height() + self.ROW_SPACING
        row = int(y // pitch)
        if 0 <= row < len(self._entries) and y - row * pitch <= self._row_height():
            return row
        return None

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._entries:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        text_color = palette.color(QPalette.ColorRole.WindowText)
        track = QColor(text_color)
        track.setAlphaF(0.07)
        other = QColor(accent)
        other.setAlphaF(0.35)

        normal = QFont(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = self.width()
        percent_width = metrics.horizontalAdvance("100.0 %") + 12
        longest = max(metrics.horizontalAdvance(name) for name, _ in self._entries)
        name_width = min(max(longest + 16, 80), int(width * 0.4))
        bar_left = name_width
        bar_width = max(10, width - name_width - percent_width)
        row_h = self._row_height()
        bar_h = max(10, int(row_h * 0.6))

        for row, (name, prob) in enumerate(self._entries):
            top = row * (row_h + self.ROW_SPACING)
            is_top = row == 0
            painter.setFont(bold if is_top else normal)
            painter.setPen(text_color)
            elided = QFontMetrics(painter.font()).elidedText(
                name, Qt.TextElideMode.ElideRight, name_width - 12
            )
            painter.drawText(
                QRectF(0, top, name_width - 10, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                elided,
            )
            bar_top = top + (row_h - bar_h) / 2
            radius = bar_h / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(bar_left, bar_top, bar_width, bar_h), radius, radius)
            filled = bar_width * min(max(prob, 0.0), 1.0)
            if filled > 0.5:
                painter.setBrush(accent if is_top else other)
                painter.drawRoundedRect(
                    QRectF(bar_left, bar_top, max(filled, bar_h), bar_h), radius, radius
                )
            if name == self._marked or (row == self._cursor and self.hasFocus()):
                frame = QPen(accent if name == self._marked else text_color, 2)
                if name != self._marked:
                    frame.setStyle(Qt.PenStyle.DotLine)  # where the keyboard is
                painter.setPen(frame)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(1, top + 1, width - 2, row_h - 2), 4, 4)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(bar_left + bar_width + 8, top, percent_width - 8, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                format_percent(prob),
            )
        painter.end()

    # -- interaction ---------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        row = self._row_at(event.position().y())
        if row is None:
            self.setToolTip("")
        else:
            name, prob = self._entries[row]
            self.setToolTip(f"{name}: {format_percent(prob)}")
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if self._entries and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self._cursor = min(max(self._cursor + step, 0), len(self._entries) - 1)
            self.update()
        elif self._entries and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.classClicked.emit(self._entries[self._cursor][0])
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusOutEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        row = self._row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.classClicked.emit(self._entries[row][0])
        super().mouseReleaseEvent(event)
