"""The Camera view's right-hand side: what the model says of the live picture.

The top class and how sure, one bar per class (the ten likeliest of
ImageNet's 1,000) following the :class:`~flowerclf.gui.live_classifier.LiveClassifier`'s
smoothed probabilities, and, without a model, the way to one: the ImageNet
network that already knows 1,000 everyday things.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from flowerclf.gui.live_classifier import LiveClassifier
from flowerclf.gui.picture_panel import TOP_SHOWN, result_labels, scrolling
from flowerclf.gui.probability_bars import ProbabilityBars, format_percent
from flowerclf.gui.session import ModelEntry, Session


class LivePanel(QWidget):
    """Top class, certainty and bars of the live picture, or the offer of a model."""

    def __init__(self, session: Session, live: LiveClassifier, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._live = live
        self.top_label, self.detail_label = result_labels()
        self.imagenet_button = QPushButton(self.tr("Try ImageNet: 1,000 everyday things"))
        self.imagenet_button.setToolTip(
            self.tr("Classify the picture with a network that already knows 1,000 everyday things")
        )
        self.imagenet_button.clicked.connect(self.use_imagenet)
        self.bars = ProbabilityBars()
        self.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.top_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.imagenet_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(scrolling(self.bars), 1)
        live.shownChanged.connect(self.show_bars)
        session.currentChanged.connect(self._on_model)
        session.loadingChanged.connect(self.show_model_state)
        self._on_model(session.current)

    def _on_model(self, entry: ModelEntry | None) -> None:
        self._live.set_classifier(entry.classifier if entry is not None else None)
        self.show_model_state()

    def use_imagenet(self) -> None:
        """The ImageNet model: the one already open, or opened now."""
        opened = [e for e in self._session.models if e.origin == "imagenet"]
        if opened:
            self._session.set_current(opened[0])
        else:
            self._session.open_imagenet()
            self.show_model_state()

    def show_model_state(self) -> None:
        current = self._session.current
        button = self.imagenet_button
        button.setVisible(current is None or current.origin != "imagenet")
        button.setEnabled(not self._session.is_loading())
        # Without a model it is the one thing to do next.
        primary = "PrimaryButton" if current is None else ""
        if button.objectName() != primary:
            button.setObjectName(primary)
            button.style().unpolish(button)
            button.style().polish(button)
        if current is not None:
            self.show_bars()
            return
        self.bars.clear()
        if self._session.is_loading():
            self.top_label.setText(self.tr("Opening the model…"))
            self.detail_label.setText("")
        else:
            self.top_label.setText(self.tr("No model yet"))
            self.detail_label.setText(
                self.tr(
                    "Open a model or train one, or try a network that already knows "
                    "1,000 everyday things."
                )
            )

    def show_bars(self) -> None:
        shown = self._live.shown
        current = self._session.current
        if current is None:
            return
        if shown is None:
            self.bars.clear()
            self.top_label.setText("…")
            self.detail_label.setText(
                self.tr("Waiting for the picture · {model}").format(model=current.name)
            )
            return
        classes = self._live.classes
        order = np.argsort(-shown, kind="stable")
        if len(classes) > TOP_SHOWN * 2:  # ImageNet's 1,000: the ten likeliest
            order = order[:TOP_SHOWN]
        self.bars.set_probabilities([classes[i] for i in order], [float(shown[i]) for i in order])
        best = int(order[0])
        self.top_label.setText(classes[best])
        self.detail_label.setText(
            self.tr("{p} sure · {model}").format(p=format_percent(shown[best]), model=current.name)
        )
