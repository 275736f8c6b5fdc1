"""The selected picture, scaled to fit and centred, never stretched."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class ImageView(QWidget):
    """Shows one image as large as the widget allows, keeping its proportions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self._overlay: QPixmap | None = None
        self._overlay_opacity = 0.5
        self._placeholder = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setAccessibleName(self.tr("Selected picture"))

    def set_image(self, image: QImage | QPixmap | None) -> None:
        """Show ``image`` (made into a pixmap here, on the GUI thread); None clears."""
        if image is None or image.isNull():
            self._pixmap = None
        elif isinstance(image, QImage):
            self._pixmap = QPixmap.fromImage(image)
        else:
            self._pixmap = image
        self.update()

    def has_image(self) -> bool:
        return self._pixmap is not None

    def image_size(self) -> QSize:
        return self._pixmap.size() if self._pixmap is not None else QSize()

    def set_overlay(self, image: QImage | None, opacity: float = 0.5) -> None:
        """Lay ``image`` (a heat map) over the picture, stretched to it; None removes it."""
        shown = image is not None and not image.isNull()
        self._overlay = QPixmap.fromImage(image) if shown else None
        self._overlay_opacity = min(max(float(opacity), 0.0), 1.0)
        self.update()

    def set_overlay_opacity(self, opacity: float) -> None:
        self._overlay_opacity = min(max(float(opacity), 0.0), 1.0)
        self.update()

    def overlay_size(self) -> QSize:
        """The size of the overlay image (not as drawn); empty when there is none."""
        return self._overlay.size() if self._overlay is not None else QSize()

    def overlay_opacity(self) -> float:
        return self._overlay_opacity

    def set_placeholder(self, text: str) -> None:
        """Text shown when there is no picture."""
        self._placeholder = text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, 360)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        if self._pixmap is None:
            if self._placeholder:
                color = self.palette().color(QPalette.ColorRole.PlaceholderText)
                painter.setPen(color)
                painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._placeholder)
            painter.end()
            return
        source = QSize(self._pixmap.size())
        # Enlarge small pictures too (thumbnails shown while the full one loads),
        # so that the layout does not jump when the sharp version arrives.
        scaled = source.scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(0, 0, scaled.width(), scaled.height())
        target.moveCenter(area.center())
        clip = QPainterPath()
        clip.addRoundedRect(target, 6, 6)
        painter.setClipPath(clip)
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        if self._overlay is not None and self._overlay_opacity > 0:
            painter.setOpacity(self._overlay_opacity)
            painter.drawPixmap(target, self._overlay, QRectF(self._overlay.rect()))
        painter.end()
