"""Work that must all be done, one piece after another: a queue in front of an exclusive slot.

Opening three dropped model files, or keeping two trained models safe, are
not "newest wins" and must not be refused either: they wait their turn and
run one at a time, each with its own callbacks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from flowerclf.gui.tasks import Policy, TaskError, TaskFunction, TaskRunner


class TaskQueue(QObject):
    """Runs queued task functions in order through the runner's slot ``name``."""

    busyChanged = Signal(bool)  # noqa: N815 - something runs or waits, or nothing does

    def __init__(self, runner: TaskRunner, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = runner.slot(name, Policy.EXCLUSIVE)
        self._waiting: deque[tuple[TaskFunction, str, Any, Any, Any]] = deque()
        # A piece refused while a cancelled task was still ending goes once the slot is free.
        self._slot.busyChanged.connect(lambda busy: busy or self._next())

    def add(
        self,
        fn: TaskFunction,
        description: str,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskError], None] | None = None,
        on_progress: Callable[[list[Any]], None] | None = None,
    ) -> None:
        was_busy = self.is_busy()
        self._waiting.append((fn, description, on_result, on_error, on_progress))
        self._next()
        if not was_busy:
            self.busyChanged.emit(True)

    def is_busy(self) -> bool:
        return self._slot.is_busy() or bool(self._waiting)

    def _next(self) -> None:
        if self._slot.is_busy() or not self._waiting:
            return
        fn, description, on_result, on_error, on_progress = self._waiting.popleft()
        self._slot.start(
            fn,
            description,
            on_result=on_result,
            on_error=on_error,
            on_progress=on_progress,
            on_done=self._on_done,
        )

    def _on_done(self) -> None:
        self._next()
        if not self.is_busy():
            self.busyChanged.emit(False)
