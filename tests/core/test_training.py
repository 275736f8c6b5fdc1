"""The trainer: it learns, it stops when asked, it repeats with a seed, it skips bad files."""

from __future__ import annotations

import pytest
import torch

from flowerclf.core.errors import FlowerclfError
from flowerclf.core.events import EpochEvent, StageEvent, StepEvent, StopRequest
from flowerclf.core.training import TrainingConfig, train
from tests.imagegen import make_dataset, truncate_file

SMALL = dict(arch="resnet18", weights="none", image_size=64, device="cpu")


@pytest.fixture(autouse=True)
def _private_feature_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def colours(tmp_path_factory):
    return make_dataset(
        tmp_path_factory.mktemp("colours"), {"red": 20, "green": 20, "blue": 20}, size=(72, 64)
    )


def test_fine_tuning_learns_a_separable_set_and_reports_progress(colours):
    events = []
    result = train(colours, TrainingConfig(epochs=2, seed=3, **SMALL), events.append)

    assert result.best_val_accuracy >= 0.9
    assert not result.stopped
    steps = [e for e in events if isinstance(e, StepEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert len(epochs) == 2 and [e.epoch for e in epochs] == [1, 2]
    assert len(steps) == len(result.step_losses) == 2 * 4  # 54 training images / 16
    assert steps[-1].images_seen == 2 * 54
    fractions = [e.fraction for e in steps]
    assert fractions == sorted(fractions) and 0 < fractions[-1] <= 1
    assert set(epochs[0].per_class_accuracy) == {"blue", "green", "red"}
    # the kept model is the best epoch's
    best = max(epochs, key=lambda e: e.val_accuracy)
    assert result.best_val_accuracy == best.val_accuracy
    assert result.classifier.classes == ["blue", "green", "red"]
    assert result.classifier.metadata["training"]["arch"] == "resnet18"
    # the kept model is scored on the validation images, and the score travels with it
    assert result.evaluation.total == len(result.val_samples)
    assert result.evaluation.accuracy == result.best_val_accuracy
    assert result.classifier.metadata["evaluation"]["accuracy"] == result.evaluation.accuracy


def test_the_trained_model_predicts_the_right_colour(colours, tmp_path):
    result = train(colours, TrainingConfig(epochs=2, seed=3, **SMALL))
    predictions = result.classifier.predict([s.path for s in result.val_samples])
    right = sum(
        p.label == result.classifier.classes[s.label]
        for p, s in zip(predictions, result.val_samples)
    )
    assert right / len(predictions) >= 0.9


def test_a_seed_makes_a_cpu_run_repeatable(colours):
    config = TrainingConfig(epochs=1, seed=11, precision="fp32", **SMALL)
    first = train(colours, config)
    second = train(colours, config)
    assert first.step_losses == second.step_losses
    assert [s.path for s in first.val_samples] == [s.path for s in second.val_samples]


def test_stop_request_ends_the_run_and_still_returns_a_model(colours):
    stop = StopRequest()

    def stop_after_two_steps(event):
        if isinstance(event, StepEvent) and event.step == 2:
            stop.request()

    result = train(colours, TrainingConfig(epochs=3, seed=1, **SMALL), stop_after_two_steps, stop)
    assert result.stopped
    assert len(result.step_losses) == 2
    prediction = result.classifier.predict([result.val_samples[0].path])[0]
    assert prediction.ok and abs(prediction.probs.sum() - 1) < 1e-5


def test_last_layer_only_leaves_the_backbone_alone_and_reuses_features(colours, tmp_path):
    torch.manual_seed(0)
    from torchvision.models import resnet18

    start = resnet18(num_classes=1000)
    weights = tmp_path / "start.pth"
    torch.save(start.state_dict(), weights)
    config = TrainingConfig(
        arch="resnet18",
        weights=str(weights),
        image_size=64,
        freeze_backbone=True,
        epochs=3,
        lr=1e-2,
        seed=2,
        device="cpu",
    )
    events = []
    result = train(colours, config, events.append)
    trained, initial = result.classifier.state_dict(), start.state_dict()
    assert torch.equal(trained["layer1.0.conv1.weight"], initial["layer1.0.conv1.weight"])
    assert torch.equal(trained["bn1.running_mean"], initial["bn1.running_mean"])
    assert trained["fc.weight"].shape == (3, 512)
    assert any(isinstance(e, StageEvent) and e.stage == "Computing features" for e in events)
    assert result.best_val_accuracy >= 0.9

    again = []
    train(colours, config, again.append)
    # the second run finds every vector in the cache: no backbone pass at all
    assert not any(isinstance(e, StageEvent) and e.stage == "Computing features" for e in again)


def test_an_image_that_breaks_while_decoding_is_skipped_and_reported(tmp_path):
    root = make_dataset(tmp_path / "data", {"red": 8, "blue": 8}, size=(256, 256))
    broken = truncate_file(root / "red" / "red_000.jpg", keep=0.3)
    result = train(root, TrainingConfig(epochs=1, seed=0, val_split=0.25, **SMALL))
    # Its header is fine, so the scan keeps it; decoding it fails during the run,
    # whether the split put it among the training or the validation images.
    assert broken in {s.path for s in result.train_samples + result.val_samples}
    skipped = [s for s in result.skipped if s.path == broken]
    assert skipped, "the truncated image was not reported"
    assert "truncated" in skipped[0].reason
    assert len(result.history) == 1


@pytest.mark.parametrize(
    "change, words",
    [
        (dict(epochs=0), "epochs"),
        (dict(batch_size=0), "batch size"),
        (dict(lr=0), "learning rate"),
        (dict(val_split=1.5), "validation"),
        (dict(image_size=4), "image size"),
    ],
)
def test_impossible_settings_get_a_plain_message(colours, change, words):
    with pytest.raises(FlowerclfError, match=words) as caught:
        train(colours, TrainingConfig(**{**SMALL, **change}))
    assert caught.value.kind == "invalid_setting"
    assert caught.value.details["setting"] == next(iter(change))


def test_time_left_after_resuming_counts_only_this_runs_pace(monkeypatch):
    import flowerclf.core.training as training

    now = [100.0]
    monkeypatch.setattr(training.time, "perf_counter", lambda: now[0])
    clock = training._Clock(6.0)  # six epochs
    clock.skip(3.0)  # three done by the interrupted run
    assert clock.eta is None and clock.fraction == 0.5
    now[0] += 10.0
    clock.advance(1.0)  # one epoch in 10 s here: two more take 20 s
    assert clock.eta == pytest.approx(20.0)
