"""The session, headless: models, the current one, saving, training runs — no widget anywhere."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from flowerclf.gui.session import Session, ShownEvaluation
from flowerclf.gui.tasks import TaskRunner
from flowerclf.gui.training_run import IDLE, TrainingRun
from tests.gui.conftest import THREAD_TIMEOUT_MS


@pytest.fixture
def session(qapp):
    runner = TaskRunner()
    made = Session(runner)
    made._runner_kept = runner  # noqa: SLF001 - the runner lives as long as the session
    yield made
    assert not QApplication.topLevelWidgets() or all(
        not w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_opening_a_model_file_makes_it_current(qtbot, session, model_file):
    current = []
    session.currentChanged.connect(current.append)
    session.open_model(model_file)
    assert session.is_loading()
    qtbot.waitUntil(lambda: session.current is not None, timeout=THREAD_TIMEOUT_MS)
    entry = session.current
    assert current == [entry] and entry.path == model_file and entry.saved
    assert entry.origin == "opened" and entry.name == "colours"
    assert entry.evaluation is not None and entry.evaluation.stored  # from the file
    qtbot.waitUntil(lambda: not session.is_loading(), timeout=THREAD_TIMEOUT_MS)
    # The same file again replaces its entry rather than listing it twice.
    session.open_model(model_file)
    qtbot.waitUntil(lambda: not session.is_loading(), timeout=THREAD_TIMEOUT_MS)
    assert len(session.models) == 1


def test_a_file_that_is_not_a_model_is_a_problem_not_a_model(qtbot, session, tmp_path):
    bad = tmp_path / "fake.safetensors"
    bad.write_bytes(b"nothing useful")
    with qtbot.waitSignal(session.problem, timeout=THREAD_TIMEOUT_MS) as got:
        session.open_model(bad)
    assert not got.args[0].is_bug and got.args[0].kind
    assert session.current is None and session.models == []


def test_trained_models_are_unsaved_and_get_names_one_can_tell_apart(session, training_result):
    first = session.add_trained(training_result)
    second = session.add_trained(training_result)
    assert session.unsaved() == [first, second]
    assert first.name != second.name and second.name.endswith("(2)")
    assert session.current is second and session.last_training is training_result
    assert first.evaluation.training is training_result  # the report's curves go with it


def test_saving_marks_the_entry_saved_only_when_the_file_is_complete(
    qtbot, session, training_result, tmp_path
):
    entry = session.add_trained(training_result)
    outcomes = []
    session.saveFinished.connect(lambda e, error: outcomes.append((e, error)))
    assert session.save(entry, tmp_path / "mine")
    assert not entry.saved and session.is_saving(entry)
    assert not session.save(entry, tmp_path / "twice")  # one save at a time
    qtbot.waitUntil(lambda: bool(outcomes), timeout=THREAD_TIMEOUT_MS)
    assert outcomes == [(entry, None)]
    assert entry.saved and entry.path == tmp_path / "mine.safetensors" and entry.name == "mine"
    assert not (tmp_path / "twice.safetensors").exists()


def test_a_failed_save_says_why_and_keeps_the_model_unsaved(
    qtbot, session, training_result, tmp_path
):
    entry = session.add_trained(training_result)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file")
    with qtbot.waitSignal(session.saveFinished, timeout=THREAD_TIMEOUT_MS) as got:
        session.save(entry, blocker / "lost.safetensors")
    error = got.args[1]
    assert error is not None and error.kind == "write_failed" and not error.is_bug
    assert not entry.saved and session.unsaved() == [entry]


def test_an_evaluation_keeps_the_training_curves_of_its_model(session, training_result):
    entry = session.add_trained(training_result)
    changed = []
    session.evaluationChanged.connect(changed.append)
    session.set_evaluation(entry, ShownEvaluation(training_result.evaluation, "a folder"))
    assert changed == [entry]
    assert entry.evaluation.source == "a folder" and entry.evaluation.training is training_result


def test_a_training_run_adds_its_model_before_anyone_hears_it_ended(qtbot, session, dataset):
    from flowerclf.core.config import TrainingConfig

    run = TrainingRun(session, session._runner_kept)  # noqa: SLF001
    assert not run.start(TrainingConfig())  # nothing scanned yet: refused
    run.set_folder(str(dataset))
    qtbot.waitUntil(lambda: run.scan is not None, timeout=THREAD_TIMEOUT_MS)
    config = TrainingConfig(
        arch="resnet18", weights="none", freeze_backbone=True, epochs=1, image_size=32
    )
    seen = []
    run.finished.connect(
        lambda result: seen.append(session.current.classifier is result.classifier)
    )
    assert run.start(config)
    assert not run.start(config)  # while it runs, a second start is refused
    assert not run.set_folder(str(dataset))  # and the folder stays
    qtbot.waitUntil(lambda: bool(seen), timeout=120_000)
    assert seen == [True] and run.state == IDLE and len(session.models) == 1


def test_a_pth_that_would_run_code_is_refused_by_the_app(qtbot, session, tmp_path):
    from tests.test_opening_verifies import RunsCode, write_pair

    marker = tmp_path / "code-ran"
    evil = write_pair(tmp_path / "evil", {"fc.weight": RunsCode(marker)})
    with qtbot.waitSignal(session.problem, timeout=THREAD_TIMEOUT_MS) as got:
        session.open_model(evil)
    assert got.args[0].kind == "not_weights" and not got.args[0].is_bug
    assert not marker.exists() and session.models == []
