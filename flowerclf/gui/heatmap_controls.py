"""The Predict tab's "Show heat map": where in the picture the network found its class.

:class:`HeatMapPanel` holds the toggle, the opacity slider and a colour scale,
and drives an :class:`~flowerclf.gui.image_view.ImageView`: it computes the
Grad-CAM map of the top class (or of the class clicked in the bars) in a
task (the runner's ``heat-map`` slot: the newest wish wins), at the size the
picture is shown, and lays it over the picture. Maps are kept per (picture,
class), so going back and forth costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui import insight_tasks
from flowerclf.gui.error_words import describe
from flowerclf.gui.settings import Settings
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier
    from flowerclf.gui.image_view import ImageView

CACHE_SIZE = 24
TOP = -1  # the cache key's class for "the top class", whatever it turns out to be


class ColourScale(QWidget):
    """A thin bar of the heat map's colours, labelled low and high."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale: QPixmap | None = None
        self.setFixedHeight(10)
        self.setMinimumWidth(60)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Blue: nothing for this class · red: strongest evidence for it"))

    def has_scale(self) -> bool:
        return self._scale is not None

    def set_scale(self, image: QImage) -> None:
        self._scale = QPixmap.fromImage(image)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(120, 10)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self._scale is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(self.rect(), self._scale)
        painter.end()


class HeatMapPanel(QWidget):
    """Toggle, opacity and status of the heat map laid over ``view``."""

    mapShown = Signal(object)  # noqa: N815 - the HeatMap now on the picture
    classShown = Signal(object)  # noqa: N815 - the class of the map on the picture, or None

    def __init__(
        self,
        view: ImageView,
        runner: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._settings = settings
        self._slot = runner.slot("heat-map", Policy.LATEST)
        self._classifier: Classifier | None = None
        self._picture: tuple[int, str | bytes] | None = None  # (row key, source)
        self._wanted_class = TOP
        self._cache: OrderedDict[tuple[int, int], insight_tasks.HeatMap] = OrderedDict()
        self._current: insight_tasks.HeatMap | None = None
        self._build()

    def _build(self) -> None:
        self.toggle = QCheckBox(self.tr("Show heat map"))
        self.toggle.setToolTip(
            self.tr(
                "Colour the parts of the picture that made the model choose its class "
                "(Grad-CAM). Click a class in the bars to see where that class was found."
            )
        )
        self.toggle.toggled.connect(self._on_toggled)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(self._settings.get("predict/heatmap_opacity", 50))
        self.opacity.setMaximumWidth(160)
        self.opacity.setToolTip(self.tr("How strongly the heat map covers the picture"))
        self.opacity.setAccessibleName(self.tr("Heat map opacity"))
        self.opacity.valueChanged.connect(self._on_opacity)
        self.opacity_label = QLabel(self.tr("Opacity"))
        self.opacity_label.setObjectName("Muted")
        self.scale = ColourScale()
        self.low_label = QLabel(self.tr("low"))
        self.high_label = QLabel(self.tr("high"))
        for label in (self.low_label, self.high_label):
            label.setObjectName("Muted")
        self.status_label = QLabel()
        self.status_label.setObjectName("Muted")
        self.status_label.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.toggle)
        row.addSpacing(10)
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity)
        row.addStretch(1)
        scale_row = QHBoxLayout()
        scale_row.setContentsMargins(0, 0, 0, 0)
        scale_row.addWidget(self.low_label)
        scale_row.addWidget(self.scale, 1)
        scale_row.addWidget(self.high_label)
        self.scale_box = QWidget()
        self.scale_box.setLayout(scale_row)
        self.scale_box.setMaximumWidth(260)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.scale_box)
        layout.addWidget(self.status_label)
        self._refresh_controls()

    # -- what to explain ----------------------------------------------------------------------

    def set_classifier(self, classifier: Classifier | None) -> None:
        """A new model: maps of the old one no longer apply."""
        self._classifier = classifier
        self._cache.clear()
        self._slot.cancel()
        self._wanted_class = TOP
        self._update()

    def set_picture(self, key: int | None, source: str | bytes | None) -> None:
        """The picture now shown (None when none, or when it could not be read)."""
        picture = (key, source) if key is not None and source is not None else None
        if picture != self._picture:
            self._wanted_class = TOP
        self._picture = picture
        self._update()

    def choose_class(self, name: str) -> None:
        """Show the map of class ``name`` (clicked in the bars); turns the heat map on."""
        if self._classifier is None or name not in self._classifier.classes:
            return
        self._wanted_class = list(self._classifier.classes).index(name)
        if not self.toggle.isChecked():
            self.toggle.setChecked(True)  # _on_toggled updates
        else:
            self._update()

    def is_on(self) -> bool:
        return self.toggle.isChecked()

    def current(self) -> insight_tasks.HeatMap | None:
        """The map on the picture now, if any."""
        return self._current

    def is_busy(self) -> bool:
        return self._slot.is_busy()

    # -- reacting ---------------------------------------------------------------------------

    def _on_toggled(self, on: bool) -> None:
        if not on:
            self._wanted_class = TOP
        self._update()
        self._refresh_controls()

    def _on_opacity(self, value: int) -> None:
        self._settings.set("predict/heatmap_opacity", value)
        self._view.set_overlay_opacity(value / 100)

    def _update(self) -> None:
        """Show the wanted map if it is known, else ask for it."""
        if not self.toggle.isChecked() or self._picture is None or self._classifier is None:
            self._slot.cancel()
            self._show(None)
            if self.toggle.isChecked() and self._classifier is None:
                self.status_label.setText(self.tr("Open or train a model to see heat maps."))
            return
        key, source = self._picture
        wanted = self._wanted_class
        cached = self._cache.get((key, wanted))
        if cached is not None:
            self._cache.move_to_end((key, wanted))
            self._slot.cancel()
            self._show(cached)
            return
        self._show(None, waiting=True)
        classifier = self._classifier
        self._slot.start(
            insight_tasks.heat_map(classifier, source, None if wanted == TOP else wanted),
            self.tr("computing the heat map"),
            on_result=lambda result: self._on_result(key, wanted, result),
            on_error=self._on_failed,
        )

    def _on_result(self, key: int, wanted: int, result: insight_tasks.HeatMap) -> None:
        # The newest wish, made with the current model: older ones were cancelled.
        if not self.scale.has_scale():
            self.scale.set_scale(result.scale)
        for cls in {wanted, result.class_index}:
            self._cache[(key, cls)] = result
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self._show(result)

    def _on_failed(self, error: TaskError) -> None:
        self._show(None)
        self.status_label.setText(self.tr("No heat map: {why}").format(why=describe(error)))

    # -- showing ------------------------------------------------------------------------------

    def _show(self, result: insight_tasks.HeatMap | None, waiting: bool = False) -> None:
        self._current = result
        opacity = self.opacity.value() / 100
        self._view.set_overlay(result.image if result is not None else None, opacity)
        self.classShown.emit(result.label if result is not None else None)
        if result is not None:
            self.mapShown.emit(result)
            # No percentage here: the bars beside show the class's probability already.
            if self._wanted_class == TOP:
                text = self.tr(
                    "Where the model sees “{label}” (the top class). "
                    "Click a class in the bars for its map."
                )
            else:
                text = self.tr(
                    "Where the model sees “{label}”. Click a class in the bars for its map."
                )
            self.status_label.setText(text.format(label=result.label))
        elif waiting:
            self.status_label.setText(self.tr("Computing the heat map…"))
        elif self.toggle.isChecked() and self._picture is None:
            self.status_label.setText(self.tr("Choose a picture to see its heat map."))
        else:
            self.status_label.setText("")

    def _refresh_controls(self) -> None:
        on = self.toggle.isChecked()
        # Same row as the toggle, and room kept for the rest: showing them moves nothing
        # (a click aimed at a bar must land on it).
        self.status_label.setMinimumHeight(3 * self.status_label.fontMetrics().lineSpacing())
        for widget in (self.opacity, self.opacity_label, self.scale_box, self.status_label):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.opacity.setVisible(on)
        self.opacity_label.setVisible(on)
        self.scale_box.setVisible(on)
        self.status_label.setVisible(on)
