"""Classifying a live picture: the newest frame whenever the worker is free, the bars eased.

Frames come far faster (30 a second) than a network classifies them on a
CPU (a few a second). :class:`LiveClassifier` never queues them: it only
notes that a new one is there, and when the task runner's ``camera`` slot is
free (and at most :data:`MAX_RATE` times a second) it takes the newest and
sends it, as a ``QImage``, to a task that turns it into a picture and
classifies it exactly as a dropped file's picture is classified.

What it says is smoothed twice: an exponential moving average of the
probabilities (time constant :data:`SMOOTHING_S`), so that one odd frame does
not make the bars jump, and bars that glide towards that average about 30
times a second (:data:`EASING_S`), so that they move rather than flicker.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from flowerclf.core.events import StopRequest
from flowerclf.gui.predict_tasks import qimage_to_pil
from flowerclf.gui.tasks import Policy, Report, TaskError, TaskFunction, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier, Prediction

#: At most this many classifications a second, so a fast computer is not kept busy for nothing.
MAX_RATE = 10.0
#: The moving average forgets a result in about this many seconds.
SMOOTHING_S = 0.35
#: The bars cover most of the way to a new average in about this many seconds.
EASING_S = 0.12
FRAME_MS = 33  # the bars' animation step


def classify_frame(classifier: Classifier, image: QImage) -> TaskFunction:
    """A task: ``image`` (a copy of a frame) as the model sees a dropped picture of it."""

    def run(report: Report, stop: StopRequest) -> Prediction:
        import torch

        from flowerclf.core.errors import ImageLoadError

        # One core stays free for the window, which shows 30 frames a second. On 2
        # busy shared cores this classified 5 times as many pictures a second (2.1
        # against 0.4 for a ResNet-50) and cut the longest GUI stall from 92 ms to
        # 56 (benchmarks/camera_bench.py; results/amd-epyc-s.md).
        threads = torch.get_num_threads()
        torch.set_num_threads(max(1, min(threads, (os.cpu_count() or 2) - 1)))
        try:
            # The classifier's own path for a picture: load (upright, RGB), crop, normalise.
            prediction = classifier.predict([qimage_to_pil(image)], batch_size=1)[0]
        finally:
            torch.set_num_threads(threads)
        if not prediction.ok:
            raise ImageLoadError(None, prediction.error or "the picture could not be read")
        return prediction

    return run


class LiveClassifier(QObject):
    """Classifies the newest frame when it can; ``shown`` follows the results smoothly."""

    shownChanged = Signal()  # noqa: N815 - the bars should be drawn again
    classified = Signal()  # a frame's result arrived (for the rate shown, and tests)
    problem = Signal(object)  # a TaskError; classifying stops until the model changes

    def __init__(
        self,
        runner: TaskRunner,
        take_image: Callable[[], QImage | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._slot = runner.slot("camera", Policy.LATEST)
        self._take_image = take_image
        self._classifier: Classifier | None = None
        self.classes: list[str] = []
        self.target: np.ndarray | None = None  # the moving average
        self.shown: np.ndarray | None = None  # what the bars show now
        self.last: Prediction | None = None  # the newest frame's own result, unsmoothed
        self._fresh = False  # a frame came since the last one was taken
        self._active = False
        self._paused = False
        self._failed = False
        self._last_start = 0.0  # monotonic seconds: long ago
        self._last_result: float | None = None
        self._last_tick = 0.0
        self._times: list[float] = []  # when the last results came, for the rate
        self._kick = QTimer(self)
        self._kick.setSingleShot(True)
        self._kick.timeout.connect(self._pump)
        self._ease = QTimer(self)
        self._ease.setInterval(FRAME_MS)
        self._ease.timeout.connect(self._step)
        # A cancelled task calls back nobody: the next frame goes once its thread has ended.
        self._slot.busyChanged.connect(lambda busy: busy or self._schedule())

    # -- what to classify with and when ---------------------------------------------------

    def set_classifier(self, classifier: Classifier | None) -> None:
        """Classify with this model from now on (None: not at all); the bars start afresh."""
        if classifier is self._classifier:
            return
        self._slot.cancel()
        self._classifier = classifier
        self._failed = False
        self.classes = list(classifier.classes) if classifier is not None else []
        self._forget()
        self._schedule()

    def set_active(self, active: bool) -> None:
        """Frames are coming (the camera runs) or not; inactive, nothing is classified.

        The bars go with the camera: they would speak of a picture no longer shown.
        """
        if active == self._active:
            return
        self._active = active
        if not active:
            self._slot.cancel()
            self._kick.stop()
            self._fresh = False
            self._forget()

    def set_paused(self, paused: bool) -> None:
        """Paused, the bars stay as they are and no frame is classified."""
        self._paused = paused
        if paused:
            self._slot.cancel()
            self._kick.stop()
            self._settle()
        else:
            # The first result after the pause counts in full (see _on_result's weight).
            self._schedule()

    def frame_ready(self) -> None:
        """A new frame is there to be taken (the newest wins; none is kept waiting)."""
        self._fresh = True
        self._schedule()

    def is_classifying(self) -> bool:
        return self._slot.is_busy()

    def rate(self) -> float:
        """Results a second over the last few seconds (0 when none came lately)."""
        now = time.monotonic()
        recent = [t for t in self._times if now - t <= 3.0]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / max(recent[-1] - recent[0], 1e-6)

    # -- the loop -------------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._can_start():
            return
        wait_s = self._last_start + 1.0 / MAX_RATE - time.monotonic()
        if not self._kick.isActive():
            self._kick.start(min(max(0, math.ceil(wait_s * 1000)), 1000))

    def _can_start(self) -> bool:
        return (
            self._active
            and self._fresh
            and not self._paused
            and not self._failed
            and self._classifier is not None
            and not self._slot.is_busy()
        )

    def _pump(self) -> None:
        if not self._can_start():
            return
        image = self._take_image()
        self._fresh = False
        if image is None or image.isNull():
            return
        classifier = self._classifier
        self._last_start = time.monotonic()
        self._slot.start(
            classify_frame(classifier, image),
            self.tr("classifying the camera picture"),
            on_result=lambda prediction: self._on_result(classifier, prediction),
            on_error=self._on_error,
        )

    def _on_result(self, classifier: Classifier, prediction: Prediction) -> None:
        if classifier is not self._classifier or self._paused:
            return
        now = time.monotonic()
        self.last = prediction
        probs = np.asarray(prediction.probs, dtype=np.float64)
        if self.target is None or self._last_result is None:
            self.target = probs
        else:
            weight = 1.0 - math.exp(-(now - self._last_result) / SMOOTHING_S)
            self.target = self.target + weight * (probs - self.target)
        self._last_result = now
        self._times = [t for t in self._times if now - t <= 3.0] + [now]
        if self.shown is None:
            self.shown = self.target.copy()
            self.shownChanged.emit()
        elif not self._ease.isActive():
            self._last_tick = now
            self._ease.start()
        self.classified.emit()

    def _on_error(self, error: TaskError) -> None:
        self._failed = True
        self.problem.emit(error)

    # -- the bars' easing -------------------------------------------------------------------

    def _step(self) -> None:
        if self.shown is None or self.target is None:
            self._ease.stop()
            return
        now = time.monotonic()
        weight = 1.0 - math.exp(-(now - self._last_tick) / EASING_S)
        self._last_tick = now
        self.shown = self.shown + weight * (self.target - self.shown)
        if float(np.max(np.abs(self.target - self.shown))) < 1e-3:
            self.shown = self.target.copy()
            self._ease.stop()
        self.shownChanged.emit()

    def _settle(self) -> None:
        """Stop the bars where they are going."""
        self._ease.stop()
        if self.target is not None and self.shown is not None:
            self.shown = self.target.copy()
            self.shownChanged.emit()

    def _forget(self) -> None:
        self._ease.stop()
        self.target = self.shown = self.last = None
        self._last_result = None
        self._times = []
        self.shownChanged.emit()
