"""``--progress json``: every event, the result and the error survive the trip through a line."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from flowerclf.cli import build_parser, training_config
from flowerclf.core.config import TrainingConfig
from flowerclf.core.data import Sample, SkippedFile
from flowerclf.core.errors import PROCESS_LOST, FlowerclfError
from flowerclf.core.events import (
    DownloadEvent,
    EpochEvent,
    MemoryEvent,
    MessageEvent,
    StageEvent,
    StepEvent,
    StopRequest,
)
from flowerclf.core.run_events import (
    EVENT_TYPES,
    JsonLinesPrinter,
    RunRecord,
    error_line,
    event_line,
    read_line,
    result_line,
    stop_when_exists,
)
from flowerclf.core.training import TrainingResult

EVENTS = [
    MessageEvent("Training resnet18 — 数据"),
    DownloadEvent("resnet18.pth", 10, 100, 5.0, 18.0),
    DownloadEvent("flowers.tgz", 10, None),
    StepEvent(1, 3, 2, 7, 0.69, 16, 0.1, 1.5, None),
    EpochEvent(2, 3, 0.4, 0.5, 0.75, {"red": 1.0, "blue": 0.5}, True, 0.6, 9.0, 3.0, 41.5),
    EpochEvent(1, 3, 0.4, None, None),
    StageEvent("Evaluating", 3, 6, 0.9, 1.0, 0.2),
    MemoryEvent(1, 4, 32, 8),
]


def test_every_kind_of_event_is_tested_here():
    assert {type(event).__name__ for event in EVENTS} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_an_event_comes_back_equal_from_its_line(event):
    line = event_line(event)
    assert "\n" not in line
    assert read_line(line) == event


def test_lines_that_are_not_ours_are_ignored():
    for line in ("", "Training in 2 processes", "[1, 2]", '{"event": "Unknown"}', "{"):
        assert read_line(line) is None


def test_the_result_line_gives_back_the_run(tmp_path):
    root = tmp_path / "photos"
    history = [EpochEvent(1, 2, 0.9, 0.8, 0.5, {"a": 0.5}), EpochEvent(2, 2, 0.5, 0.4, 1.0)]
    result = TrainingResult(
        classifier=None,
        history=history,
        step_losses=[1.0, 0.5],
        best_epoch=2,
        best_val_accuracy=1.0,
        stopped=True,
        train_samples=[Sample(root / "a" / "1.jpg", 0), Sample(root / "b" / "2 (copy).jpg", 1)],
        val_samples=[Sample(root / "b" / "3.png", 1)],
        skipped=[SkippedFile(root / "a" / "broken.jpg", "not a picture")],
        seconds=12.5,
        images_per_second=40.0,
        interruption="The computer ran out of memory.",
    )
    checkpoint = tmp_path / "m.checkpoint"
    record = read_line(result_line(result, root, tmp_path / "m.safetensors", checkpoint))
    assert isinstance(record, RunRecord)
    assert record.model == str(tmp_path / "m.safetensors")
    assert record.checkpoint == str(checkpoint)
    assert record.history == history
    assert record.train == [["a/1.jpg", 0], ["b/2 (copy).jpg", 1]]  # inside the folder
    moved = tmp_path / "elsewhere"
    assert record.samples(moved, "train") == [
        Sample(moved / "a" / "1.jpg", 0),
        Sample(moved / "b" / "2 (copy).jpg", 1),
    ]
    assert record.samples(moved, "val") == [Sample(moved / "b" / "3.png", 1)]
    assert record.skipped_files() == result.skipped
    assert (record.best_epoch, record.best_val_accuracy, record.stopped) == (2, 1.0, True)
    assert (record.seconds, record.images_per_second) == (12.5, 40.0)
    assert record.step_losses == [1.0, 0.5] and record.interruption == result.interruption


def test_an_error_comes_back_with_its_kind_and_details():
    error = FlowerclfError("Another process stopped.", PROCESS_LOST, processes=2, reason="gone")
    back = read_line(error_line(error))
    assert isinstance(back, FlowerclfError)
    assert (back.kind, back.details, str(back)) == (
        PROCESS_LOST,
        {"processes": 2, "reason": "gone"},
        "Another process stopped.",
    )


def test_the_printer_writes_one_line_per_event_and_a_closed_reader_stops_the_run():
    out = io.StringIO()
    stop = StopRequest()
    printer = JsonLinesPrinter(stop, out)
    printer(EVENTS[0])
    printer(EVENTS[3])
    assert [json.loads(line)["event"] for line in out.getvalue().splitlines()] == [
        "MessageEvent",
        "StepEvent",
    ]
    assert not stop.requested
    out.close()  # the program reading went away
    printer(EVENTS[3])
    assert stop.requested and printer.reader_gone


def test_a_stop_file_stops_the_run_and_every_event_still_goes_through(tmp_path):
    seen, stop = [], StopRequest()
    stop_file = tmp_path / "run.stop"
    report = stop_when_exists(stop_file, stop, seen.append)
    report(EVENTS[3])
    assert not stop.requested
    stop_file.touch()
    time.sleep(0.25)  # the file is looked for at most five times a second
    report(EVENTS[4])
    assert stop.requested and seen == [EVENTS[3], EVENTS[4]]


@pytest.mark.parametrize(
    "config",
    [
        TrainingConfig(),
        TrainingConfig(
            arch="resnet18",
            weights=str(Path("/data/my model.safetensors")),
            freeze_backbone=True,
            epochs=7,
            batch_size=6,
            lr=3e-5,
            val_split=0.25,
            image_size=96,
            device="cpu",
            seed=11,
            workers=0,
            precision="fp32",
        ),
    ],
)
def test_a_config_as_command_line_options_parses_back_to_itself(config):
    args = build_parser().parse_args(["train", "photos", "-o", "m", *config.command_line()])
    assert training_config(args) == config
