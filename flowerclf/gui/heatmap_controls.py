"""The Predict tab's "Show heat map": where in the picture the network found its class.

:class:`HeatMapPanel` holds the toggle, the opacity slider and a colour scale,
and drives an :class:`~flowerclf.gui.image_view.ImageView`: it computes the
Grad-CAM map of the top class (or of the class clicked in the bars) in a
worker, at the size the picture is shown, and lays it over the picture. Maps
are kept per (picture, class), so going back and forth costs nothing; only one
is computed at a time, and the latest wish waits its turn rather than piling
threads up.
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

from flowerclf.gui import insight_jobs
from flowerclf.gui.settings import Settings
from flowerclf.gui.workers import Job, JobError

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
        self.setToolTip("Blue: nothing for this class · red: strongest evidence for it")

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

    busyChanged = Signal(bool)  # noqa: N815
    mapShown = Signal(object)  # noqa: N815 - the HeatMap now on the picture

    def __init__(self, view: ImageView, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._settings = settings
        self._classifier: Classifier | None = None
        self._picture: tuple[int, str | bytes] | None = None  # (row key, source)
        self._wanted_class = TOP
        self._cache: OrderedDict[tuple[int, int], insight_jobs.HeatMap] = OrderedDict()
        self._job: Job | None = None
        self._running: tuple[int, int] | None = None
        self._pending: tuple[int, str | bytes, int] | None = None
        self._current: insight_jobs.HeatMap | None = None
        self._build()

    def _build(self) -> None:
        self.toggle = QCheckBox("Show heat map")
        self.toggle.setToolTip(
            "Colour the parts of the picture that made the model choose its class "
            "(Grad-CAM). Click a class in the bars to see where that class was found."
        )
        self.toggle.toggled.connect(self._on_toggled)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(self._settings.get("predict/heatmap_opacity", 50))
        self.opacity.setMaximumWidth(160)
        self.opacity.setToolTip("How strongly the heat map covers the picture")
        self.opacity.setAccessibleName("Heat map opacity")
        self.opacity.valueChanged.connect(self._on_opacity)
        self.opacity_label = QLabel("Opacity")
        self.opacity_label.setObjectName("Muted")
        self.scale = ColourScale()
        self.low_label = QLabel("low")
        self.high_label = QLabel("high")
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
        self._pending = None
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

    def current(self) -> insight_jobs.HeatMap | None:
        """The map on the picture now, if any."""
        return self._current

    def is_busy(self) -> bool:
        return self._job is not None

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
            self._pending = None
            self._show(None)
            if self.toggle.isChecked() and self._classifier is None:
                self.status_label.setText("Open or train a model to see heat maps.")
            return
        key, source = self._picture
        cached = self._cache.get((key, self._wanted_class))
        if cached is not None:
            self._cache.move_to_end((key, self._wanted_class))
            self._pending = None
            self._show(cached)
            return
        self._show(None, waiting=True)
        self._pending = (key, source, self._wanted_class)
        self._start_next()

    def _start_next(self) -> None:
        if self._job is not None or self._pending is None or self._classifier is None:
            return
        key, source, wanted = self._pending
        self._pending = None
        classifier = self._classifier
        job = Job(
            insight_jobs.heat_map(classifier, source, None if wanted == TOP else wanted),
            "computing the heat map",
        )
        job.result.connect(lambda result: self._on_result(classifier, key, wanted, result))
        job.failed.connect(lambda error: self._on_failed(key, wanted, error))
        job.finished.connect(lambda: self._on_finished(job))
        self._job = job
        self._running = (key, wanted)
        job.start()
        self.busyChanged.emit(True)

    def _on_result(
        self, classifier: Classifier, key: int, wanted: int, result: insight_jobs.HeatMap
    ) -> None:
        if classifier is not self._classifier:
            return  # made with a model that is no longer the current one
        if not self.scale.has_scale():
            self.scale.set_scale(result.scale)
        for cls in {wanted, result.class_index}:
            self._cache[(key, cls)] = result
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        if self._pending is None and self._is_wanted(key, wanted):
            self._show(result)

    def _on_failed(self, key: int, wanted: int, error: JobError) -> None:
        if self._pending is None and self._is_wanted(key, wanted):
            self._show(None)
            self.status_label.setText(f"No heat map: {error.message}")

    def _is_wanted(self, key: int, wanted: int) -> bool:
        return (
            self.toggle.isChecked()
            and self._picture is not None
            and self._picture[0] == key
            and self._wanted_class == wanted
        )

    def _on_finished(self, job: Job) -> None:
        if job is not self._job:
            return
        self._job = None
        self._running = None
        self._start_next()
        if self._job is None:
            self.busyChanged.emit(False)

    # -- showing ------------------------------------------------------------------------------

    def _show(self, result: insight_jobs.HeatMap | None, waiting: bool = False) -> None:
        self._current = result
        opacity = self.opacity.value() / 100
        self._view.set_overlay(result.image if result is not None else None, opacity)
        if result is not None:
            self.mapShown.emit(result)
            # No percentage here: the bars beside show the class's probability already.
            which = " (the top class)" if self._wanted_class == TOP else ""
            self.status_label.setText(
                f"Where the model sees “{result.label}”{which}. "
                "Click a class in the bars for its map."
            )
        elif waiting:
            self.status_label.setText("Computing the heat map…")
        elif self.toggle.isChecked() and self._picture is None:
            self.status_label.setText("Choose a picture to see its heat map.")
        else:
            self.status_label.setText("")

    def _refresh_controls(self) -> None:
        on = self.toggle.isChecked()
        # Same row as the toggle: showing them moves nothing else.
        self.opacity.setVisible(on)
        self.opacity_label.setVisible(on)
        self.scale_box.setVisible(on)
        self.status_label.setVisible(on)

    def shutdown(self) -> None:
        self._pending = None
        if self._job is not None:
            self._job.cancel()
