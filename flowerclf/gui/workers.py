"""Run core calls off the GUI thread and bring their news back as Qt signals.

A :class:`Job` wraps one plain function ``fn(report, stop) -> value``. The
function runs in a worker QObject moved to its own QThread; it reports
progress by calling ``report(event)`` and honours ``stop`` (a core
``StopRequest``) between pieces of work.

Why two QObjects per job: the worker lives in the worker thread, the
:class:`Job` lives in the GUI thread. The worker's signals reach the Job's
slots through queued connections, and the Job re-emits them from the GUI
thread, so whatever a caller connects (bound methods, lambdas) always runs on
the GUI thread, whatever PySide's rules for plain callables are.

Progress is throttled in the worker: step, stage and download events are gathered
and sent together at most every ``interval_s`` seconds; any other event
(epoch results, messages, prediction batches) is sent at once, together with
what was waiting before it, so nothing is lost and order is kept.
"""

from __future__ import annotations

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
JobFunction = Callable[[Report, StopRequest], Any]

# Events that may arrive many times a second and can wait a little.
_COALESCED = (StepEvent, StageEvent, DownloadEvent)

# Jobs whose thread has not finished yet. Holding them here keeps the Python
# wrappers alive while Qt still uses them, and lets tests check for leaks.
_ACTIVE: set[Job] = set()


@dataclass(frozen=True)
class JobError:
    """What went wrong in a job, ready to show.

    ``message`` is plain words for the window; ``details`` is the traceback for
    unexpected errors (bugs), None for errors a user can cause.
    """

    message: str
    details: str | None
    exception: BaseException


class _Worker(QObject):
    """Runs the function in the worker thread; its signals cross to the Job."""

    progress = Signal(object)  # list of events
    result = Signal(object)
    error = Signal(object)  # JobError
    done = Signal()

    def __init__(self, fn: JobFunction, name: str, stop: StopRequest, interval_s: float) -> None:
        super().__init__()
        self._fn = fn
        self._name = name
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

    @Slot()
    def run(self) -> None:
        try:
            value = self._fn(self._report, self._stop)
        except FlowerclfError as exc:
            self._flush()
            self.error.emit(JobError(str(exc) or type(exc).__name__, None, exc))
        except BaseException as exc:  # noqa: BLE001 - a bug must reach the window, not vanish
            details = traceback.format_exc()
            log.error("%s failed:\n%s", self._name, details)
            self._flush()
            message = f"Something went wrong while {self._name}: {exc!s}".rstrip(": ")
            self.error.emit(JobError(message, details, exc))
        else:
            self._flush()
            self.result.emit(value)
        finally:
            self.done.emit()


class Job(QObject):
    """One function run on its own QThread; signals arrive on the GUI thread.

    Signals, in this order: ``progress`` (a list of events, any number of
    times), then either ``result`` (the return value) or ``failed`` (a
    :class:`JobError`), then ``finished`` once the thread has really ended.
    After :meth:`cancel`, progress, result and failed are no longer emitted:
    stale news never reaches a view that has moved on.
    """

    progress = Signal(object)
    result = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: JobFunction, name: str, *, interval_s: float = 0.05) -> None:
        """``name`` completes "Something went wrong while ..." (e.g. "loading the model")."""
        super().__init__()
        self.name = name
        self.stop_request = StopRequest()
        self._cancelled = False
        self._running = False
        self._thread: QThread | None = None
        self._worker = _Worker(fn, name, self.stop_request, interval_s)

    # -- control ---------------------------------------------------------------

    def start(self) -> Job:
        """Start the thread; connect to the signals before calling this."""
        if self._thread is not None:
            raise RuntimeError("a Job can be started only once")
        thread = QThread()
        thread.setObjectName(f"flowerclf: {self.name}")
        self._thread = thread
        self._worker.moveToThread(thread)
        self._worker.progress.connect(self._on_progress)
        self._worker.result.connect(self._on_result)
        self._worker.error.connect(self._on_error)
        # quit() is thread-safe; calling it directly from the worker thread ends
        # the thread's event loop without a round trip through the GUI thread.
        self._worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.started.connect(self._worker.run)
        thread.finished.connect(self._on_thread_finished)
        _ACTIVE.add(self)
        self._running = True
        thread.start()
        return self

    def request_stop(self) -> None:
        """Ask the function to stop at its next check; its result still arrives."""
        self.stop_request.request()

    def cancel(self) -> None:
        """Stop, and drop everything the job would still report except ``finished``."""
        self._cancelled = True
        self.stop_request.request()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def is_running(self) -> bool:
        """True from :meth:`start` until the thread has finished."""
        return self._running

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the thread ends (for shutdown paths only)."""
        if self._thread is None or not self._running:
            return True
        return self._thread.wait(timeout_ms)

    # -- relays, on the GUI thread -----------------------------------------------

    @Slot(object)
    def _on_progress(self, events: list[Any]) -> None:
        if not self._cancelled:
            self.progress.emit(events)

    @Slot(object)
    def _on_result(self, value: Any) -> None:
        if not self._cancelled:
            self.result.emit(value)

    @Slot(object)
    def _on_error(self, error: JobError) -> None:
        if not self._cancelled:
            self.failed.emit(error)

    @Slot()
    def _on_thread_finished(self) -> None:
        # QThread.finished is sent a moment before the thread has fully ended;
        # wait for that (it is immediate) so that no QThread is ever destroyed
        # while running, then let Python own and free both objects.
        if self._thread is not None:
            self._thread.wait()
        self._running = False
        self.finished.emit()
        # Let go of this Job only after the current event has been handled:
        # freeing a QObject inside its own slot is a use-after-free in waiting.
        QTimer.singleShot(0, self._release)

    def _release(self) -> None:
        _ACTIVE.discard(self)


def run_job(
    fn: JobFunction,
    name: str,
    *,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[JobError], None] | None = None,
    on_progress: Callable[[list[Any]], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> Job:
    """Create, connect and start a :class:`Job` in one call."""
    job = Job(fn, name)
    if on_progress is not None:
        job.progress.connect(on_progress)
    if on_result is not None:
        job.result.connect(on_result)
    if on_error is not None:
        job.failed.connect(on_error)
    if on_finished is not None:
        job.finished.connect(on_finished)
    return job.start()


def active_jobs() -> list[Job]:
    """Jobs whose thread is still running (used at shutdown and by tests)."""
    return [job for job in _ACTIVE if job.is_running()]
