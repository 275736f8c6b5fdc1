"""The message bar's offer to go on with a training an earlier session did not finish."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from flowerclf.gui.message_bar import MessageBar


class ResumeOffer(QObject):
    """Offers the newest interrupted run: Resume training (after ``show_train``) or Discard it."""

    def __init__(self, training: Any, message_bar: MessageBar, show_train: Callable[[], None]):
        super().__init__(message_bar)
        self._training = training
        self._message_bar = message_bar
        self._show_train = show_train

    def offer(self, runs: list) -> None:
        newest = runs[0]
        more = self.tr(" ({n} more after this one)").format(n=len(runs) - 1) if runs[1:] else ""

        def resume() -> None:
            self._show_train()
            self._training.resume(newest)

        def discard() -> None:
            self._training.discard(newest)
            self._training.find_interrupted()

        self._message_bar.show_message(
            self.tr("A training stopped before its last epoch: {what}.").format(
                what=newest.description
            )
            + more,
            "info",
            actions=[(self.tr("Resume training"), resume), (self.tr("Discard it"), discard)],
        )
