"""The task runner: signal order, errors, throttled progress, partial results, slots' policies."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from flowerclf.core.errors import DatasetError
from flowerclf.core.events import EpochEvent, MessageEvent, StepEvent
from flowerclf.gui.tasks import Policy, Task, TaskError, TaskRunner, active_tasks

TIMEOUT_MS = 10_000


def step(i: int) -> StepEvent:
    return StepEvent(1, 1, i, 10_000, 1.0 / i, i, i / 10_000, 0.0, None)


def gui_thread():
    return QApplication.instance().thread()


def blocked_until(release: threading.Event, value: object = None):
    """A task function that waits for ``release`` (or a stop), then returns ``value``."""

    def work(report, stop):
        while not release.is_set() and not stop.requested:
            QThread.msleep(5)
        return value

    return work


# -- one task -----------------------------------------------------------------------------


def test_result_then_finished_off_the_gui_thread(qtbot):
    seen = {}

    def work(report, stop):
        seen["thread"] = threading.current_thread()
        return 42

    task = Task(work, "testing")
    got = []
    task.returned.connect(got.append)
    with qtbot.waitSignals([task.returned, task.finished], order="strict", timeout=TIMEOUT_MS):
        task.start()
    assert got == [42]
    assert seen["thread"] is not threading.main_thread()
    assert not task.is_running()


def test_generator_results_arrive_as_yielded_apart_from_progress(qtbot):
    def work(report, stop):
        report(MessageEvent("first"))
        yield "batch 1"
        report(MessageEvent("second"))
        yield "batch 2"
        return "all done"

    task = Task(work, "testing")
    order = []
    task.progress.connect(lambda events: order.extend(e.text for e in events))
    task.yielded.connect(order.append)
    task.returned.connect(lambda value: order.append(("returned", value)))
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start()
    assert order == ["first", "batch 1", "second", "batch 2", ("returned", "all done")]


def test_callbacks_run_on_the_gui_thread(qtbot):
    where = []
    task = Task(lambda report, stop: report(MessageEvent("hi")) or 1, "testing")
    task.progress.connect(lambda events: where.append(QThread.currentThread()))
    task.returned.connect(lambda value: where.append(QThread.currentThread()))
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start()
    assert len(where) == 2 and all(t is gui_thread() for t in where)


def test_user_error_is_data_without_a_traceback(qtbot):
    def work(report, stop):
        raise DatasetError("The folder has no class subfolders.")

    task = Task(work, "looking through the folder")
    with qtbot.waitSignal(task.errored, timeout=TIMEOUT_MS) as got:
        task.start()
    error: TaskError = got.args[0]
    assert isinstance(error.exception, DatasetError)
    assert str(error.exception) == "The folder has no class subfolders."
    assert error.details is None and not error.is_bug
    qtbot.waitUntil(lambda: not task.is_running(), timeout=TIMEOUT_MS)


def test_bug_carries_its_traceback_and_is_logged(qtbot, caplog):
    def work(report, stop):
        return {}["missing"]

    task = Task(work, "doing sums")
    with qtbot.waitSignal(task.errored, timeout=TIMEOUT_MS) as got:
        task.start()
    error: TaskError = got.args[0]
    assert error.is_bug and error.description == "doing sums"
    assert "KeyError" in error.details and "Traceback" in error.details
    assert "doing sums failed" in caplog.text
    qtbot.waitUntil(lambda: not task.is_running(), timeout=TIMEOUT_MS)


def test_progress_is_throttled_but_nothing_is_lost(qtbot):
    batches: list[list] = []

    def work(report, stop):
        for i in range(1, 5001):
            report(step(i))
            if i == 2500:
                report(EpochEvent(1, 2, 0.5, 0.4, 0.9))
        return "done"

    task = Task(work, "testing", interval_s=0.05)
    task.progress.connect(batches.append)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        task.start()
    events = [event for batch in batches for event in batch]
    steps = [e.step for e in events if isinstance(e, StepEvent)]
    assert steps == list(range(1, 5001))  # every loss reaches the chart, in order
    assert len(batches) < 200  # but in few signals, not one per batch
    epoch_at = next(i for i, e in enumerate(events) if isinstance(e, EpochEvent))
    assert events[epoch_at - 1].step == 2500  # the epoch arrives in its place


def test_cancelled_task_reports_nothing_but_finished(qtbot):
    release = threading.Event()
    got = []

    def work(report, stop):
        release.wait(5)
        report(MessageEvent("late"))
        return "late"

    task = Task(work, "testing")
    task.progress.connect(got.append)
    task.returned.connect(got.append)
    task.start()
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT_MS):
        release.set()
    assert got == []


# -- slots ---------------------------------------------------------------------------------


def test_exclusive_slot_refuses_a_second_start_and_never_queues_it(qtbot):
    runner = TaskRunner()
    slot = runner.slot("train", Policy.EXCLUSIVE)
    release = threading.Event()
    results, done = [], []
    assert slot.start(blocked_until(release, "first"), "testing", on_result=results.append)
    assert not slot.start(lambda r, s: "second", "testing", on_result=results.append)
    release.set()
    qtbot.waitUntil(lambda: not slot.is_busy(), timeout=TIMEOUT_MS)
    qtbot.wait(50)
    assert results == ["first"] and not done


def test_request_stop_keeps_the_result(qtbot):
    runner = TaskRunner()
    slot = runner.slot("train", Policy.EXCLUSIVE)
    got = []
    slot.start(blocked_until(threading.Event(), "best so far"), "testing", on_result=got.append)
    slot.request_stop()
    assert slot.stopping
    qtbot.waitUntil(lambda: got == ["best so far"], timeout=TIMEOUT_MS)
    assert not slot.is_busy()


def test_latest_wish_wins_and_stale_results_never_arrive(qtbot):
    runner = TaskRunner()
    slot = runner.slot("preview", Policy.LATEST)
    release = threading.Event()
    got = []
    slot.start(blocked_until(release, "old"), "testing", on_result=got.append)
    slot.start(lambda r, s: "replaced before it ran", "testing", on_result=got.append)
    slot.start(lambda r, s: "newest", "testing", on_result=got.append)
    release.set()
    qtbot.waitUntil(lambda: not slot.is_busy(), timeout=TIMEOUT_MS)
    assert got == ["newest"]
    # One thread at a time: the newest started only once the old one had ended.
    assert not active_tasks()


def test_callbacks_come_after_the_slot_is_free(qtbot):
    runner = TaskRunner()
    slot = runner.slot("train", Policy.EXCLUSIVE)
    seen = []

    def on_error(error):
        # A dialog here, or the next start, must find the slot free.
        seen.append(slot.is_busy())
        seen.append(slot.start(lambda r, s: "again", "testing", on_result=seen.append))

    def fail(report, stop):
        raise DatasetError("no")

    slot.start(fail, "testing", on_error=on_error)
    qtbot.waitUntil(lambda: "again" in seen, timeout=TIMEOUT_MS)
    assert seen == [False, True, "again"]


def test_runner_says_when_all_is_quiet(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    runner.slot("a", Policy.EXCLUSIVE).start(blocked_until(release), "testing")
    runner.slot("b", Policy.LATEST).start(blocked_until(release), "testing")
    assert [slot.name for slot in runner.busy_slots()] == ["a", "b"]
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT_MS):
        release.set()
    assert not runner.is_busy()


def test_cancel_all_ends_every_task_without_news(qtbot):
    runner = TaskRunner()
    got = []
    for name in ("a", "b"):
        runner.slot(name).start(
            blocked_until(threading.Event(), name), "testing", on_result=got.append
        )
    with qtbot.waitSignal(runner.idle, timeout=TIMEOUT_MS):
        runner.cancel_all()
    assert got == []
