"""Training in several processes from a program: real runs (two gloo processes on the CPU).

What the app does on "all GPUs": ``flowerclf train --gpus N --progress json`` as a
child, read back as if it had trained in the app's own process. Each run is tiny.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from flowerclf.core.child_training import model_path_for, train_in_processes
from flowerclf.core.config import TrainingConfig
from flowerclf.core.data import scan_dataset
from flowerclf.core.errors import PROCESS_LOST, FlowerclfError
from flowerclf.core.events import EpochEvent, MessageEvent, StepEvent, StopRequest
from tests.imagegen import make_dataset

CONFIG = TrainingConfig(
    arch="resnet18",
    weights="none",
    epochs=2,
    batch_size=8,
    image_size=32,
    seed=5,
    device="cpu",
    val_split=0.15,
)


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    folder = make_dataset(
        tmp_path_factory.mktemp("photos") / "data",
        {"red": 20, "green": 20, "blue": 20},
        size=(48, 40),
    )
    return scan_dataset(folder)


@pytest.fixture(autouse=True)
def one_thread_each(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")


@pytest.mark.timeout(300)
def test_a_run_in_two_processes_comes_back_as_a_whole_result(scan, tmp_path):
    events = []
    checkpoint = tmp_path / "runs" / "first.checkpoint"
    result = train_in_processes(scan, CONFIG, 2, events.append, checkpoint=checkpoint)

    assert result.classifier.classes == ["blue", "green", "red"]
    assert [epoch.epoch for epoch in result.history] == [1, 2]
    assert result.best_epoch in (1, 2) and result.best_val_accuracy >= 0.75
    assert len(result.val_samples) == 9 and len(result.train_samples) == 51
    assert {s.path.parent.parent for s in result.train_samples} == {scan.root}
    assert not result.stopped and result.seconds > 0 and result.images_per_second > 0
    # scored again here, by this process, on the same validation photos
    assert result.evaluation is not None and len(result.evaluation.review) == 9
    assert result.evaluation.accuracy == pytest.approx(result.best_val_accuracy)
    # its events arrived as they happened, as if trained here
    assert any(isinstance(e, StepEvent) for e in events)
    assert [e.epoch for e in events if isinstance(e, EpochEvent)] == [1, 2]
    texts = " ".join(e.text for e in events if isinstance(e, MessageEvent))
    assert "in 2 processes together (gloo" in texts
    assert list((tmp_path / "runs").iterdir()) == []  # no model, checkpoint or stop file left


@pytest.mark.timeout(300)
def test_stop_keeps_the_best_model_and_the_run_goes_on_in_two_processes(scan, tmp_path):
    stop = StopRequest()
    checkpoint = tmp_path / "runs" / "stopped.checkpoint"

    def report(event):
        if isinstance(event, StepEvent) and event.epoch == 2:
            stop.request()  # as the Stop button does, in the second epoch

    stopped = train_in_processes(scan, CONFIG, 2, report, stop, checkpoint=checkpoint)
    assert stopped.stopped and [e.epoch for e in stopped.history] == [1]
    assert stopped.classifier.classes == ["blue", "green", "red"]
    assert checkpoint.exists()  # kept for going on
    assert not model_path_for(checkpoint).exists()

    events = []
    resumed = train_in_processes(scan, CONFIG, 2, events.append, checkpoint=checkpoint, resume=True)
    assert not resumed.stopped and [e.epoch for e in resumed.history] == [1, 2]
    assert [e.replayed for e in resumed.history] == [True, False]
    assert not checkpoint.exists()


@pytest.mark.timeout(300)
def test_a_lost_process_ends_in_plain_words_not_a_hang(scan, tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_TEST_EXIT_AT", "1:1:2")  # process 2 dies at epoch 1, step 2
    started = time.monotonic()
    with pytest.raises(FlowerclfError) as caught:
        train_in_processes(scan, CONFIG, 2, checkpoint=tmp_path / "runs" / "lost.checkpoint")
    assert time.monotonic() - started < 150
    assert caught.value.kind == PROCESS_LOST and caught.value.details["processes"] == 2
    # Said by whichever noticed first: the launcher, or the first process itself.
    words = str(caught.value)
    assert "Traceback" not in words and "Error" not in words
    assert "process 2 of 2 ended unexpectedly" in words or "Another of the 2 training" in words


@pytest.mark.timeout(300)
def test_a_mistake_of_the_child_arrives_as_its_own_error(scan, tmp_path):
    checkpoint = tmp_path / "runs" / "mistake.checkpoint"
    with pytest.raises(FlowerclfError) as caught:
        train_in_processes(scan, replace(CONFIG, batch_size=7), 2, checkpoint=checkpoint)
    assert caught.value.kind == "invalid_setting"
    assert caught.value.details["setting"] == "batch_size"


PARENT = r"""
import json
import sys
from pathlib import Path

from flowerclf.core.child_training import train_in_processes
from flowerclf.core.config import TrainingConfig
from flowerclf.core.data import scan_dataset

config = TrainingConfig(**json.loads(sys.argv[3]))
train_in_processes(scan_dataset(sys.argv[1]), config, 2, checkpoint=Path(sys.argv[2]))
"""


@pytest.mark.timeout(300)
def test_a_killed_program_leaves_a_run_that_stops_itself_and_can_be_continued(scan, tmp_path):
    import dataclasses
    import json
    import os
    import signal
    import subprocess
    import sys

    checkpoint = tmp_path / "runs" / "orphan.checkpoint"
    settings = dataclasses.asdict(replace(CONFIG, epochs=30))
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(scan.root), str(checkpoint), json.dumps(settings)],
        cwd=Path(__file__).resolve().parents[2],
    )
    deadline = time.monotonic() + 120
    while not checkpoint.exists() and time.monotonic() < deadline:
        time.sleep(0.2)  # the first epoch's checkpoint
    assert checkpoint.exists(), "the run never finished an epoch"
    os.kill(parent.pid, signal.SIGKILL)  # the app is killed: nobody reads the run's output
    parent.wait()
    model = model_path_for(checkpoint)
    while not model.exists() and time.monotonic() < deadline + 60:
        time.sleep(0.2)
    # The run noticed, stopped after its batch and wrote what it had; nothing trains on.
    assert model.exists() and checkpoint.exists()

    def still_running() -> bool:
        found = subprocess.run(
            ["pgrep", "-f", str(checkpoint.with_suffix(""))], capture_output=True
        )
        return bool(found.stdout.strip())

    while still_running() and time.monotonic() < deadline + 90:
        time.sleep(0.5)  # the launcher ends once its processes have
    assert not still_running()
    # What the app offers at its next start: "Resume training".
    from flowerclf.core.checkpoint import interrupted_runs

    assert [path for path, _ in interrupted_runs(checkpoint.parent)] == [checkpoint]
