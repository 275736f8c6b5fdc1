"""Jobs: signal order, errors that reach the window, throttled progress, stop and cancel."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from flowerclf.core.errors import DatasetError
from flowerclf.core.events import EpochEvent, MessageEvent, StepEvent
from flowerclf.gui.workers import Job, JobError, active_jobs

TIMEOUT_MS = 10_000


def step(i: int) -> StepEvent:
    return StepEvent(1, 1, i, 10_000, 1.0 / i, i, i / 10_000, 0.0, None)


def test_result_then_finished_off_the_gui_thread(qtbot):
    seen = {}

    def work(report, stop):
        seen["thread"] = threading.current_thread()
        return 42

    job = Job(work, "testing")
    got = []
    job.result.connect(got.append)
    with qtbot.waitSignals([job.result, job.finished], order="strict", timeout=TIMEOUT_MS):
        job.start()
    assert got == [42]
    assert seen["thread"] is not threading.main_thread()
    assert not job.is_running()


def test_slots_run_on_the_gui_thread(qtbot):
    where = []
    job = Job(lambda report, stop: report(MessageEvent("hi")) or 1, "testing")
    job.progress.connect(lambda events: where.append(QThread.currentThread()))
    job.result.connect(lambda value: where.append(QThread.currentThread()))
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        job.start()
    assert where and all(t is qtbot_thread() for t in where)


def qtbot_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_user_error_is_its_plain_message(qtbot):
    def work(report, stop):
        raise DatasetError("The folder has no class subfolders.")

    job = Job(work, "looking through the folder")
    got: list[JobError] = []
    job.failed.connect(got.append)
    with qtbot.waitSignals([job.failed, job.finished], order="strict", timeout=TIMEOUT_MS):
        job.start()
    error = got[0]
    assert error.message == "The folder has no class subfolders."
    assert error.details is None


def test_bug_becomes_a_message_with_a_traceback(qtbot, caplog):
    def work(report, stop):
        return {}["missing"]

    job = Job(work, "doing sums")
    with qtbot.waitSignal(job.failed, timeout=TIMEOUT_MS) as got:
        job.start()
    error: JobError = got.args[0]
    assert error.message.startswith("Something went wrong while doing sums")
    assert "KeyError" in error.details and "Traceback" in error.details
    assert "doing sums failed" in caplog.text  # and the log has it too
    qtbot.waitUntil(lambda: not job.is_running(), timeout=TIMEOUT_MS)


def test_progress_is_throttled_but_nothing_is_lost(qtbot):
    batches: list[list] = []

    def work(report, stop):
        for i in range(1, 5001):
            report(step(i))
            if i == 2500:
                report(EpochEvent(1, 2, 0.5, 0.4, 0.9))
        return "done"

    job = Job(work, "testing", interval_s=0.05)
    job.progress.connect(batches.append)
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        job.start()
    events = [event for batch in batches for event in batch]
    steps = [e.step for e in events if isinstance(e, StepEvent)]
    assert steps == list(range(1, 5001))  # every loss reaches the chart, in order
    assert len(batches) < 200  # but in few signals, not one per batch
    epoch_at = next(i for i, e in enumerate(events) if isinstance(e, EpochEvent))
    assert events[epoch_at - 1].step == 2500  # the epoch arrives in its place


def test_stop_request_reaches_the_function_and_result_still_arrives(qtbot):
    started = threading.Event()

    def work(report, stop):
        started.set()
        while not stop.requested:
            QThread.msleep(5)
        return "stopped"

    job = Job(work, "testing")
    job.start()
    assert started.wait(5)
    with qtbot.waitSignal(job.result, timeout=TIMEOUT_MS) as got:
        job.request_stop()
    assert got.args == ["stopped"]
    qtbot.waitUntil(lambda: not active_jobs(), timeout=TIMEOUT_MS)


def test_cancelled_job_reports_nothing_but_finished(qtbot):
    release = threading.Event()
    got = []

    def work(report, stop):
        release.wait(5)
        report(MessageEvent("late"))
        return "late"

    job = Job(work, "testing")
    job.progress.connect(got.append)
    job.result.connect(got.append)
    job.start()
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=TIMEOUT_MS):
        release.set()
    assert got == []
