"""The Predict tab's right-hand side: the selected picture, its top class, its bars and heat map.

The sharp picture is decoded in the task runner's ``preview`` slot (newest
wish wins) and a few are kept, so going back and forth costs nothing.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from flowerclf.gui import predict_tasks
from flowerclf.gui.heatmap_controls import HeatMapPanel
from flowerclf.gui.image_view import ImageView
from flowerclf.gui.predictions import ImageRow
from flowerclf.gui.probability_bars import ProbabilityBars, format_percent
from flowerclf.gui.reason_words import reason_words
from flowerclf.gui.settings import Settings
from flowerclf.gui.tasks import Policy, TaskRunner

PREVIEW_CACHE = 12
#: With many classes, the bars show this many, most probable first.
TOP_SHOWN = 10


def result_labels() -> tuple[QLabel, QLabel]:
    """The top class in large letters, and a muted line under it."""
    top = QLabel()
    top.setObjectName("TopClass")
    top.setWordWrap(True)
    detail = QLabel()
    detail.setObjectName("Muted")
    detail.setWordWrap(True)
    return top, detail


def scrolling(bars: ProbabilityBars) -> QScrollArea:
    """``bars`` in a frameless area that scrolls down when there are many classes."""
    scroll = QScrollArea()
    scroll.setWidget(bars)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the bars take the focus, not their frame
    return scroll


class PicturePanel(QWidget):
    """Top class and certainty, the heat map's controls, one bar per class; the picture beside."""

    def __init__(self, runner: TaskRunner, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._preview = runner.slot("preview", Policy.LATEST)
        self._previews: OrderedDict[int, QImage] = OrderedDict()
        self._key: int | None = None
        self.image_view = ImageView()
        self.top_label, self.detail_label = result_labels()
        self.bars = ProbabilityBars()
        self.heat_map = HeatMapPanel(self.image_view, runner, settings)
        self.bars.classClicked.connect(self.heat_map.choose_class)
        self.heat_map.classShown.connect(self.bars.set_marked)
        self.bars_scroll = scrolling(self.bars)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.top_label)
        layout.addWidget(self.detail_label)
        layout.addSpacing(6)
        layout.addWidget(self.heat_map)
        layout.addSpacing(6)
        layout.addWidget(self.bars_scroll, 1)
        self.setMinimumWidth(260)

    def remember_preview(self, key: int, image: QImage) -> None:
        """A picture already decoded (a pasted one)."""
        self._previews[key] = image
        while len(self._previews) > PREVIEW_CACHE:
            self._previews.popitem(last=False)

    def forget_previews(self) -> None:
        self._previews.clear()

    def show_row(self, row: ImageRow | None, classifying: bool) -> None:
        """Show ``row`` (None: nothing selected); ``classifying``: its bars are on their way."""
        self._key = row.key if row is not None else None
        ok = row is not None and not row.error
        self.heat_map.set_picture(row.key if ok else None, row.source if ok else None)
        if row is None:
            self.image_view.set_image(None)
            self.image_view.set_placeholder("")
            self.top_label.setText("")
            self.detail_label.setText("")
            self.bars.clear()
            return
        preview = self._previews.get(row.key)
        if preview is not None:
            self._previews.move_to_end(row.key)
            self.image_view.set_image(preview)
        else:
            # The thumbnail, enlarged, stands in while the sharp picture loads. A
            # picture about to be classified waits: decoding it for display at the
            # same time would delay its bars, which matter more (on 2 cores a
            # 12-megapixel photo's bars came after 94 ms instead of 80).
            self.image_view.set_image(row.thumbnail)
            if row.error is None and not (classifying and row.prediction is None):
                self._load_preview(row)
        if row.error:
            self.image_view.set_placeholder("")
            self.top_label.setText(self.tr("Could not read this file"))
            self.detail_label.setText(
                self.tr("{name}: {reason}").format(name=row.name, reason=reason_words(row.error))
            )
            self.bars.clear()
        elif row.ok and row.prediction is not None:
            prediction = row.prediction
            self.top_label.setText(prediction.label)
            self.detail_label.setText(
                self.tr("{p} sure · {name}").format(
                    p=format_percent(prediction.confidence), name=row.name
                )
            )
            classes, probs = list(prediction.classes), list(prediction.probs)
            if len(classes) > TOP_SHOWN * 2:  # ImageNet's 1,000: the ten likeliest
                best = sorted(range(len(probs)), key=lambda i: -probs[i])[:TOP_SHOWN]
                classes, probs = [classes[i] for i in best], [probs[i] for i in best]
            self.bars.set_probabilities(classes, probs)
        else:
            self.top_label.setText("…")
            self.detail_label.setText(
                self.tr("Waiting to be classified · {name}").format(name=row.name)
            )
            self.bars.clear()

    def _load_preview(self, row: ImageRow) -> None:
        key = row.key
        # A picture the model could read but the preview could not is rare; the
        # thumbnail stays, which is enough, so errors need no callback.
        self._preview.start(
            predict_tasks.load_preview(row.source),
            self.tr("loading the picture"),
            on_result=lambda image: self._on_preview(key, image),
        )

    def _on_preview(self, key: int, image: QImage) -> None:
        self.remember_preview(key, image)
        if key == self._key:
            self.image_view.set_image(image)
