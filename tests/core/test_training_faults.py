"""Faults during a run: out of memory, the photo folder vanishing, a photo deleted, a full disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from flowerclf.core import loading, training
from flowerclf.core.config import TrainingConfig
from flowerclf.core.events import EpochEvent, MemoryEvent, MessageEvent
from flowerclf.core.predict import Classifier
from flowerclf.core.training import train
from tests.gui.helpers import make_dataset


def config(**changes) -> TrainingConfig:
    settings = dict(
        # 64 px: a piece of one image still has 2 x 2 values per channel for batch norm
        arch="resnet18", weights="none", epochs=3, batch_size=4, image_size=64, seed=2,
        device="cpu",
    )  # fmt: skip
    return TrainingConfig(**{**settings, **changes})


@pytest.fixture
def data(tmp_path) -> Path:
    return make_dataset(tmp_path / "photos", per_class=6)


@pytest.fixture
def no_image_cache(monkeypatch):
    """Every epoch reads the files again, as with a folder too big to keep in memory."""
    monkeypatch.setattr(training, "DecodedImageCache", lambda: loading.DecodedImageCache(0))


def test_out_of_gpu_memory_goes_on_with_smaller_pieces_of_each_batch(data, monkeypatch):
    real = training.training_step
    calls = []

    def short_of_memory(*args, pieces=1, **kwargs):
        calls.append(pieces)
        if pieces == 1:
            raise torch.OutOfMemoryError("CUDA out of memory (injected)")
        return real(*args, pieces=pieces, **kwargs)

    monkeypatch.setattr(training, "training_step", short_of_memory)
    events = []
    result = train(data, config(epochs=2), events.append)
    assert not result.stopped and len(result.history) == 2
    memory = [e for e in events if isinstance(e, MemoryEvent)]
    assert len(memory) == 1 and memory[0].batch_size == 4 and memory[0].piece == 2
    assert any("Out of memory" in e.text for e in events if isinstance(e, MessageEvent))
    assert calls[:2] == [1, 2] and set(calls[2:]) == {2}  # one retry, then smaller pieces


def test_a_batch_in_pieces_learns_what_the_whole_batch_does():
    torch.manual_seed(0)
    network = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 3))
    twin = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(12, 3))
    twin.load_state_dict(network.state_dict())
    x, y = torch.randn(8, 3, 2, 2), torch.randint(0, 3, (8,))
    from flowerclf.core.device import choose_precision

    precision = choose_precision(torch.device("cpu"), "fp32")
    losses = []
    for model, pieces in ((network, 1), (twin, 4)):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        losses.append(
            training.training_step(
                model, x, y, optimizer, precision, torch.device("cpu"),
                torch.nn.CrossEntropyLoss(), pieces=pieces,
            )
        )  # fmt: skip
    assert losses[0] == pytest.approx(losses[1], abs=1e-6)
    for a, b in zip(network.parameters(), twin.parameters(), strict=True):
        torch.testing.assert_close(a, b, atol=1e-6, rtol=0)


def test_out_of_gpu_memory_in_prediction_halves_the_batch(data, monkeypatch):
    from flowerclf.core.models import build_model

    classifier = Classifier(build_model("resnet18", 2, "none"), "resnet18", ["blue", "red"], 32)
    photos = sorted(data.rglob("*.png"))
    expected = [p.probs for p in classifier.predict(photos, batch_size=8)]
    real = classifier._logits  # noqa: SLF001

    def short_of_memory(batch):
        if batch.shape[0] > 2:
            raise torch.OutOfMemoryError("CUDA out of memory (injected)")
        return real(batch)

    monkeypatch.setattr(classifier, "_logits", short_of_memory)
    got = [p.probs for p in classifier.predict(photos, batch_size=8)]
    assert len(got) == len(photos)
    np.testing.assert_allclose(np.array(got), np.array(expected), atol=1e-5)


def test_running_out_of_memory_keeps_the_best_model_and_the_checkpoint(data, tmp_path, monkeypatch):
    real = training.training_step
    steps = []

    def memory_runs_out(*args, **kwargs):
        steps.append(1)
        if len(steps) > 4:  # in the second epoch (3 batches an epoch)
            raise MemoryError
        return real(*args, **kwargs)

    monkeypatch.setattr(training, "training_step", memory_runs_out)
    checkpoint = tmp_path / "run.checkpoint"
    events = []
    result = train(data, config(), events.append, checkpoint=checkpoint)
    assert result.stopped and result.best_epoch == 1
    assert "ran out of memory" in result.interruption
    assert any("ran out of memory" in e.text for e in events if isinstance(e, MessageEvent))
    assert checkpoint.exists()  # it can go on once memory is free


def test_a_vanished_photo_folder_stops_the_run_and_keeps_the_best_model(
    data, tmp_path, no_image_cache
):
    checkpoint = tmp_path / "run.checkpoint"

    def unplug_after_first_epoch(event):
        if isinstance(event, EpochEvent) and event.epoch == 1:
            shutil.rmtree(data)

    result = train(data, config(), unplug_after_first_epoch, checkpoint=checkpoint)
    assert result.stopped and result.best_epoch == 1 and len(result.history) == 1
    assert "no longer there" in result.interruption and str(data) in result.interruption
    assert result.skipped == []  # not 12 "unreadable" photos: one plain reason
    assert checkpoint.exists()


def test_a_photo_deleted_during_the_run_is_skipped_and_named(data, no_image_cache):
    victim = sorted((data / "red").iterdir())[0]
    events = []

    def delete_after_first_epoch(event):
        events.append(event)
        if isinstance(event, EpochEvent) and event.epoch == 1:
            victim.unlink()

    result = train(data, config(epochs=2), delete_after_first_epoch)
    assert not result.stopped and len(result.history) == 2
    assert [s.path for s in result.skipped] == [victim]
    assert any(victim.name in e.text for e in events if isinstance(e, MessageEvent))


def test_a_checkpoint_that_cannot_be_written_does_not_end_the_run(data, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where the folder should be")
    events = []
    result = train(data, config(epochs=2), events.append, checkpoint=blocker / "run.checkpoint")
    assert not result.stopped and len(result.history) == 2
    notes = [e.text for e in events if isinstance(e, MessageEvent) and "checkpoint" in e.text]
    assert len(notes) == 2 and "Errno" not in notes[0]


def test_a_tie_in_accuracy_keeps_the_epoch_with_the_lower_validation_loss(tmp_path):
    data = make_dataset(tmp_path / "easy", per_class=8)
    result = train(
        data,
        config(freeze_backbone=True, epochs=8, lr=0.05, batch_size=8, val_split=0.25),
    )
    top = max(e.val_accuracy for e in result.history)
    tied = [e for e in result.history if e.val_accuracy == top]
    assert len(tied) > 1  # the colours are easy: several epochs reach the top accuracy
    assert result.best_epoch == min(tied, key=lambda e: e.val_loss).epoch
    assert result.best_epoch != tied[0].epoch
