"""Checkpoints: a resumed run ends where an uninterrupted one would; another run's is refused."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
import torch

from flowerclf.core.checkpoint import checkpoint_path_for, load_checkpoint
from flowerclf.core.config import TrainingConfig
from flowerclf.core.errors import FlowerclfError
from flowerclf.core.events import EpochEvent, StopRequest
from flowerclf.core.training import train
from tests.gui.helpers import make_dataset, make_photo


def config(**changes) -> TrainingConfig:
    settings = dict(
        arch="resnet18",
        weights="none",
        epochs=3,
        batch_size=4,
        image_size=32,
        seed=3,
        device="cpu",
    )
    return TrainingConfig(**{**settings, **changes})


def stop_after_epoch(stop: StopRequest, epoch: int):
    def progress(event):
        if isinstance(event, EpochEvent) and event.epoch == epoch:
            stop.request()

    return progress


def max_difference(a, b) -> float:
    first, second = a.classifier.network.state_dict(), b.classifier.network.state_dict()
    assert first.keys() == second.keys()
    return max(float((first[k].float() - second[k].float()).abs().max()) for k in first)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("photos"), per_class=6)


@pytest.mark.parametrize("freeze", [False, True], ids=["fine-tune", "last-layer"])
def test_resuming_ends_with_the_weights_of_an_uninterrupted_run(data, tmp_path, freeze):
    settings = config(freeze_backbone=freeze)
    whole = train(data, settings)
    checkpoint = tmp_path / "run.checkpoint"
    stop = StopRequest()
    part = train(data, settings, stop_after_epoch(stop, 1), stop, checkpoint=checkpoint)
    assert part.stopped and checkpoint.exists()  # a stopped run can be continued
    assert load_checkpoint(checkpoint)["epoch"] == 1
    seen = []
    resumed = train(data, settings, seen.append, checkpoint=checkpoint, resume=True)
    assert max_difference(whole, resumed) <= 1e-6
    assert [e.epoch for e in resumed.history] == [1, 2, 3]
    assert [e.val_accuracy for e in resumed.history] == [e.val_accuracy for e in whole.history]
    # The epochs done before come back, so the curves show the whole run.
    assert [e.epoch for e in seen if isinstance(e, EpochEvent)] == [1, 2, 3]
    assert not checkpoint.exists()  # the run ended normally: the checkpoint goes


def test_a_finished_run_keeps_its_checkpoint_only_when_asked(data, tmp_path):
    checkpoint = tmp_path / "kept.checkpoint"
    train(data, config(epochs=1), checkpoint=checkpoint, keep_checkpoint=True)
    assert load_checkpoint(checkpoint)["epoch"] == 1


def test_an_interrupted_run_is_never_overwritten_by_a_new_one(data, tmp_path):
    checkpoint = tmp_path / "run.checkpoint"
    train(data, config(epochs=1), checkpoint=checkpoint, keep_checkpoint=True)
    before = checkpoint.read_bytes()
    with pytest.raises(FlowerclfError) as refused:
        train(data, config(epochs=1), checkpoint=checkpoint)
    assert refused.value.kind == "checkpoint_exists"
    assert "epoch 1 of 1" in refused.value.details["description"]
    assert checkpoint.read_bytes() == before


def test_other_settings_or_photos_are_refused_saying_what_differs(data, tmp_path):
    # A copy that keeps the files' times: the same photos, moved to another folder.
    moved = tmp_path / "moved"
    shutil.copytree(data, moved, copy_function=shutil.copy2)
    checkpoint = tmp_path / "run.checkpoint"
    train(data, config(epochs=1), checkpoint=checkpoint, keep_checkpoint=True)
    with pytest.raises(FlowerclfError) as other_settings:
        train(data, config(epochs=1, lr=0.01), checkpoint=checkpoint, resume=True)
    assert other_settings.value.kind == "checkpoint_mismatch"
    assert "learning rate was 0.0001, now 0.01" in str(other_settings.value)
    # A faster device or more worker threads change nothing that is learned: allowed.
    train(
        data, config(epochs=1, workers=2), checkpoint=checkpoint, resume=True, keep_checkpoint=True
    )

    more = tmp_path / "more"
    make_dataset(more, per_class=6)
    make_photo(more / "red" / "new.png", (220, 40, 40), seed=999)
    with pytest.raises(FlowerclfError) as other_photos:
        train(more, config(epochs=1), checkpoint=checkpoint, resume=True)
    assert "1 photo added" in str(other_photos.value)


def test_a_damaged_or_foreign_checkpoint_is_refused_without_running_code(tmp_path, data):
    damaged = tmp_path / "damaged.checkpoint"
    damaged.write_bytes(b"not a checkpoint at all")
    with pytest.raises(FlowerclfError) as error:
        train(data, config(epochs=1), checkpoint=damaged, resume=True)
    assert error.value.kind == "checkpoint_unreadable"

    class Evil:
        def __reduce__(self):
            return (Path("pwned").touch, ())

    evil = tmp_path / "evil.checkpoint"
    evil.write_bytes(pickle.dumps({"format": "flowerclf-checkpoint", "x": Evil()}))
    with pytest.raises(FlowerclfError):
        load_checkpoint(evil)
    assert not Path("pwned").exists()
    plain = tmp_path / "plain.checkpoint"
    torch.save({"weights": torch.zeros(2)}, plain)
    with pytest.raises(FlowerclfError):
        load_checkpoint(plain)


def test_the_command_lines_checkpoint_sits_beside_the_output():
    assert checkpoint_path_for("out/flowers.safetensors") == Path("out/flowers.checkpoint")
