"""The one task runner: every piece of the app's background work goes through here.

A *task function* ``fn(report, stop)`` runs in a worker QObject on its own
QThread: it reports core events through ``report``, checks ``stop`` (a core
``StopRequest``) between pieces of work, and returns its result. A generator
task function yields typed partial results (a batch of predictions, a few
thumbnails), delivered apart from progress; its ``return`` value is the result.

Views never hold tasks: they ask a :class:`TaskSlot` (one per kind of work,
made by the :class:`TaskRunner`) to start one, with callbacks. A slot runs one
task at a time, under one of two policies:

- ``LATEST``: the newest wish wins. Starting cancels the running task (its
  news is dropped from then on) and the new one starts as soon as the old
  thread has ended; a wish replaced before it starts never runs.
- ``EXCLUSIVE``: a start request while a task runs is refused (``start``
  returns False), never queued. Training, evaluating, saving.

Callbacks run on the GUI thread; a cancelled task calls none of them;
``on_progress`` and ``on_yielded`` keep their order; ``on_result`` or
``on_error`` and then ``on_done`` come once the thread has ended and the slot
is free again, so they may open a dialog or start the next task in the slot.
Step, stage and download events are throttled to one batch every
``interval_s``; anything else is sent at once with what waited before it.
"""

from __future__ import annotations

import enum
import inspect
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from flowerclf.core.errors import FlowerclfError
from flowerclf.core.events import DownloadEvent, StageEvent, StepEvent, StopRequest

log = logging.getLogger(__name__)

Report = Callable[[Any], None]
TaskFunction = Callable[[Report, StopRequest], Any]

# Events that may arrive many times a second and can wait a little.
_COALESCED = (StepEvent, StageEvent, DownloadEvent)

# Tasks whose thread has not finished yet. Holding them here keeps the Python
# wrappers alive while Qt still uses them, and lets tests check for leaks.
_ACTIVE: set[Task] = set()


class Policy(enum.Enum):
    LATEST = "latest"
    EXCLUSIVE = "exclusive"


@dataclass(frozen=True)
class TaskError:
    """What went wrong in a task, ready to word.

    ``exception`` is the error itself: a core ``FlowerclfError`` (with its
    ``kind`` and details) for errors a user can cause, anything else for a bug.
    ``details`` is the traceback of a bug, None otherwise.
    """

    exception: BaseException
    details: str | None
    description: str  # what the task was doing: "saving flowers.safetensors"

    @property
    def is_bug(self) -> bool:
        return self.details is not None

    @property
    def kind(self) -> str:
        return str(getattr(self.exception, "kind", "") or "")


class _Worker(QObject):
    """Runs the function in the worker thread; its signals cross to the Task."""

    progress = Signal(object)  # list of events
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)  # TaskError
    done = Signal()

    def __init__(self, fn: TaskFunction, description: str, stop: StopRequest, interval_s: float):
        super().__init__()
        self._fn = fn
        self._description = description
        self._stop = stop
        self._interval_s = interval_s
        self._pending: list[Any] = []
        self._last_sent = 0.0

    def _report(self, event: Any) -> None:
        # Runs in the worker thread, called by the core for every event.
        self._pending.append(event)
        now = time.monotonic()
        if not isinstance(event, _COALESCED) or now - self._last_sent >= self._interval_s:
            self._flush(now)

    def _flush(self, now: float | None = None) -> None:
        if self._pending:
            events, self._pending = self._pending, []
            self._last_sent = time.monotonic() if now is None else now
            self.progress.emit(events)

    def _run_generator(self, generator: Any) -> Any:
        while True:
            try:
                item = next(generator)
            except StopIteration as end:
                return end.value
            self._flush()
            self.yielded.emit(item)
            if self._stop.requested:
                generator.close()
                return None

    @Slot()
    def run(self) -> None:
        try:
            value = self._fn(self._report, self._stop)
            if inspect.isgenerator(value):
                value = self._run_generator(value)
        except FlowerclfError as exc:
            self._flush()
            self.errored.emit(TaskError(exc, None, self._description))
        except BaseException as exc:  # noqa: BLE001 - a bug must reach the window, not vanish
            details = traceback.format_exc()
            log.error("%s failed:\n%s", self._description, details)
            self._flush()
            self.errored.emit(TaskError(exc, details, self._description))
        else:
            self._flush()
            self.returned.emit(value)
        finally:
            self.done.emit()


class Task(QObject):
    """One function run on its own QThread; its signals arrive on the GUI thread.

    ``progress`` and ``yielded`` any number of times, then ``returned`` or
    ``errored``, then ``finished`` once the thread has really ended. After
    :meth:`cancel` only ``finished`` is still emitted. Slots use this; views
    use slots.
    """

    progress = Signal(object)
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(self, fn: TaskFunction, description: str, *, interval_s: float = 0.05) -> None:
        super().__init__()
        self.description = description
        self.stop_request = StopRequest()
        self._cancelled = False
        self._running = False
        self._thread: QThread | None = None
        self._worker = _Worker(fn, description, self.stop_request, interval_s)

    def start(self) -> Task:
        if self._thread is not None:
            raise RuntimeError("a Task can be started only once")
        thread = QThread()
        thread.setObjectName(f"flowerclf: {self.description}")
        self._thread = thread
        self._worker.moveToThread(thread)
        worker = self._worker
        # Bound slots of this object, which lives in the GUI thread: queued
        # connections, so the relays (and whatever they call) run there.
        worker.progress.connect(self._on_progress)
        worker.yielded.connect(self._on_yielded)
        worker.returned.connect(self._on_returned)
        worker.errored.connect(self._on_errored)
        # quit() is thread-safe; calling it straight from the worker thread ends
        # the thread's event loop without a round trip through the GUI thread.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.started.connect(worker.run)
        thread.finished.connect(self._on_thread_finished)
        _ACTIVE.add(self)
        self._running = True
        thread.start()
        return self

    @Slot(object)
    def _on_progress(self, events: list[Any]) -> None:
        if not self._cancelled:
            self.progress.emit(events)

    @Slot(object)
    def _on_yielded(self, value: Any) -> None:
        if not self._cancelled:
            self.yielded.emit(value)

    @Slot(object)
    def _on_returned(self, value: Any) -> None:
        if not self._cancelled:
            self.returned.emit(value)

    @Slot(object)
    def _on_errored(self, error: TaskError) -> None:
        if not self._cancelled:
            self.errored.emit(error)

    def request_stop(self) -> None:
        """Ask the function to stop at its next check; its result still arrives."""
        self.stop_request.request()

    def cancel(self) -> None:
        """Stop, and drop everything the task would still send except ``finished``."""
        self._cancelled = True
        self.stop_request.request()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def is_running(self) -> bool:
        return self._running

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the thread ends (for shutdown paths only)."""
        if self._thread is None or not self._running:
            return True
        return self._thread.wait(timeout_ms)

    @Slot()
    def _on_thread_finished(self) -> None:
        # QThread.finished comes a moment before the thread has fully ended: wait
        # for that (it is immediate) so no QThread is destroyed while running.
        if self._thread is not None:
            self._thread.wait()
        self._running = False
        self.finished.emit()
        # Let go only after this event: freeing a QObject inside its own slot
        # is a use-after-free in waiting.
        QTimer.singleShot(0, lambda: _ACTIVE.discard(self))


@dataclass
class _Wish:
    fn: TaskFunction
    description: str
    on_result: Callable[[Any], None] | None
    on_error: Callable[[TaskError], None] | None
    on_progress: Callable[[list[Any]], None] | None
    on_yielded: Callable[[Any], None] | None
    on_done: Callable[[], None] | None


class TaskSlot(QObject):
    """One kind of work: one task at a time, newest-wins or refuse-while-busy."""

    busyChanged = Signal(bool)  # noqa: N815

    def __init__(self, name: str, policy: Policy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.policy = policy
        self._task: Task | None = None
        self._wish: _Wish | None = None  # the running task's callbacks
        self._next: _Wish | None = None  # LATEST: waits for the cancelled task to end
        self._outcome: tuple[str, Any] | None = None

    def start(
        self,
        fn: TaskFunction,
        description: str,
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskError], None] | None = None,
        on_progress: Callable[[list[Any]], None] | None = None,
        on_yielded: Callable[[Any], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> bool:
        """Run ``fn``; False when refused (an EXCLUSIVE slot that is busy).

        ``description`` completes "Something went wrong while …" and names the
        thread ("saving flowers.safetensors").
        """
        wish = _Wish(fn, description, on_result, on_error, on_progress, on_yielded, on_done)
        if self._task is None:
            self._launch(wish)
            return True
        if self.policy is Policy.EXCLUSIVE:
            return False
        self._task.cancel()
        self._next = wish  # a wish not yet started is simply replaced
        return True

    def cancel(self) -> None:
        """Drop the running task's news and any waiting wish (the slot frees as it ends)."""
        self._next = None
        if self._task is not None:
            self._task.cancel()

    def request_stop(self) -> None:
        """Ask the running task to stop soon; its result (the best model so far) still arrives."""
        if self._task is not None:
            self._task.request_stop()

    def is_busy(self) -> bool:
        return self._task is not None

    @property
    def stopping(self) -> bool:
        return self._task is not None and self._task.stop_request.requested

    def _launch(self, wish: _Wish) -> None:
        task = Task(wish.fn, wish.description)
        self._task, self._wish, self._outcome = task, wish, None
        if wish.on_progress is not None:
            task.progress.connect(wish.on_progress)
        if wish.on_yielded is not None:
            task.yielded.connect(wish.on_yielded)
        task.returned.connect(lambda value: self._keep(task, "result", value))
        task.errored.connect(lambda error: self._keep(task, "error", error))
        task.finished.connect(lambda: self._on_finished(task))
        task.start()
        self.busyChanged.emit(True)

    def _keep(self, task: Task, what: str, value: Any) -> None:
        if task is self._task:
            self._outcome = (what, value)

    def _on_finished(self, task: Task) -> None:
        if task is not self._task:
            return
        wish, outcome = self._wish, self._outcome
        self._task, self._wish, self._outcome = None, None, None
        waiting, self._next = self._next, None
        if waiting is not None:
            self._launch(waiting)
        else:
            self.busyChanged.emit(False)
        if task.cancelled or wish is None:
            return
        if outcome is not None:
            what, value = outcome
            callback = wish.on_result if what == "result" else wish.on_error
            if callback is not None:
                callback(value)
            elif what == "error":
                log.warning("%s failed and nobody listened: %s", task.description, value)
        if wish.on_done is not None:
            wish.on_done()


class TaskRunner(QObject):
    """Owns the slots; tells the window what is running and when all is quiet."""

    busyChanged = Signal()  # noqa: N815 - a slot started or ended
    idle = Signal()  # no slot is busy any more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slots: dict[str, TaskSlot] = {}

    def slot(self, name: str, policy: Policy = Policy.LATEST) -> TaskSlot:
        """The slot called ``name``, made on first use."""
        slot = self._slots.get(name)
        if slot is None:
            slot = TaskSlot(name, policy, self)
            slot.busyChanged.connect(self._on_busy_changed)
            self._slots[name] = slot
        elif slot.policy is not policy:
            raise ValueError(f"slot {name!r} is {slot.policy.value}, not {policy.value}")
        return slot

    def busy_slots(self) -> list[TaskSlot]:
        return [slot for slot in self._slots.values() if slot.is_busy()]

    def is_busy(self) -> bool:
        return bool(self.busy_slots())

    def cancel_all(self) -> None:
        for slot in self._slots.values():
            slot.cancel()

    def _on_busy_changed(self, _busy: bool) -> None:
        self.busyChanged.emit()
        if not self.is_busy():
            self.idle.emit()


def active_tasks() -> list[Task]:
    """Tasks whose thread is still running (shutdown and tests)."""
    return [task for task in _ACTIVE if task.is_running()]
