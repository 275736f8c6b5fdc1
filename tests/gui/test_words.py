"""What the app says: errors in its own words, training lines, axis labels, waiting counts."""

from __future__ import annotations

import pytest

from flowerclf.core import errors
from flowerclf.core.errors import FlowerclfError, WeightsUnavailableError, WriteError
from flowerclf.core.events import EpochEvent, StepEvent
from flowerclf.gui import training_words as words
from flowerclf.gui.drop_area import waiting_text
from flowerclf.gui.error_words import describe
from flowerclf.gui.loss_chart import plain_log_labels
from flowerclf.gui.tasks import TaskError

JARGON = ("--", "Errno", "errno", "bf16", "fp16", "decompression bomb", "Traceback")


def test_weights_unavailable_points_at_the_apps_own_choices():
    error = WeightsUnavailableError(
        "The ImageNet starting weights for resnet34 are not on this computer.",
        arch="resnet34",
        reason="no internet connection",
        url="https://example.invalid/resnet34.pth",
        cache_path="/home/me/.cache/torch/hub/checkpoints/resnet34.pth",
    )
    text = describe(TaskError(error, None, "training"))
    assert "resnet34" in text and "no internet connection" in text
    assert "weights file" in text and "scratch" in text
    assert not any(word in text for word in JARGON)


def test_a_failed_write_names_the_file_and_the_reason_in_plain_words(tmp_path):
    error = WriteError(tmp_path / "notes.txt" / "lost.safetensors", "a file is in the way")
    text = describe(error)
    assert "lost.safetensors" in text and "a file is in the way" in text
    assert not any(word in text for word in JARGON)


def test_a_bug_gets_one_plain_line_without_errno():
    exc = FileExistsError(17, "File exists", "/tmp/notes.txt")
    text = describe(TaskError(exc, "Traceback ...", "saving lost.safetensors"))
    assert text.startswith("Something went wrong while saving lost.safetensors")
    assert "notes.txt" in text and "Errno" not in text and "[" not in text


@pytest.mark.parametrize("kind", sorted(errors.KINDS))
def test_no_kind_reaches_the_window_with_command_line_words(kind):
    # Every kind, with details shaped like the core's, is worded without flags.
    details = {
        "arch": "resnet34",
        "device": "cuda",
        "path": "/photos/x",
        "reason": "a reason",
        "setting": "epochs",
        "value": "0",
    }
    text = describe(FlowerclfError("A plain message.", kind, **details))
    assert text and not any(word in text for word in JARGON)


def test_training_lines_read_like_sentences():
    step = StepEvent(2, 3, 5, 10, 0.5, 80, 0.5, 30.0, 95.0)
    assert words.progress_text(step, words.epoch_text(step)) == (
        "Epoch 2 of 3 · step 5 of 10 · about 1 min 35 s left"
    )
    epoch = EpochEvent(1, 3, 0.61, 0.52, 0.875, {"red": 0.75, "blue": 1.0}, True)
    lines = words.epoch_lines(epoch)
    assert lines[0] == (
        "Epoch 1 of 3: training loss 0.6100, validation loss 0.5200, "
        "validation accuracy 87.5% (best so far)"
    )
    assert lines[1].strip() == "per class: red 75%, blue 100%"
    assert words.format_duration(3725) == "1 h 02 min"


def test_a_narrow_loss_range_keeps_its_axis_numbers():
    # A wide range: only 1, 2 and 5 are labelled.
    assert plain_log_labels([0.1, 0.2, 0.3, 0.5, 1.0]) == ["0.1", "0.2", "", "0.5", "1"]
    # Between 0.3 and 0.45 none of those falls: every tick is labelled instead.
    labels = plain_log_labels([0.32, 0.35, 0.4, 0.45])
    assert all(labels) and len(set(labels)) == 4


def test_waiting_counts_photos_and_folders():
    assert waiting_text(1, 0) == "1 photo waiting to be classified."
    assert waiting_text(3, 2) == "3 photos and 2 folders waiting to be classified."


def test_last_layer_epochs_say_no_meaningless_speed():
    epoch = EpochEvent(2, 3, 0.4, 0.3, 1.0, {}, True, images_per_second=16383.0)
    assert "images/s" in words.epoch_lines(epoch)[0]
    assert "images/s" not in words.epoch_lines(epoch, show_speed=False)[0]


def test_a_run_stopped_before_its_first_epoch_says_no_model_was_kept():
    from types import SimpleNamespace

    result = SimpleNamespace(
        history=[], best_val_accuracy=None, best_epoch=0, stopped=True, interruption=None
    )
    text = words.finished_message(result)
    assert "no epoch was finished" in text and "no validation photos" not in text
    assert "Predict" not in text


def test_the_loss_axis_never_shows_exponents():
    from flowerclf.gui.loss_chart import plain_number

    assert plain_number(1e-06) == "0.000001" and plain_number(0.5) == "0.5"
    assert plain_number(10.0) == "10"
    assert all("e" not in label for label in plain_log_labels([1e-6, 1e-5, 1e-4]))


def test_epochs_done_before_an_interruption_are_said_once_as_such():
    epoch = EpochEvent(1, 3, 0.4, 0.3, 1.0, {"a": 1.0}, True, images_per_second=20.0, replayed=True)
    (line,) = words.epoch_lines(epoch)
    assert "done before the interruption" in line and "best so far" not in line
