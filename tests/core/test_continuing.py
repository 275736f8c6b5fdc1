"""Continuing from a model: the last layer kept by class name, new rows added, the origin kept."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
import torch

from flowerclf.core.continuing import continue_from, is_model_file
from flowerclf.core.errors import ArchitectureMismatchError
from flowerclf.core.evaluation import evaluate_folder
from flowerclf.core.events import MessageEvent
from flowerclf.core.modelfile import read_model_info, save_model
from flowerclf.core.predict import Classifier
from flowerclf.core.training import TrainingConfig, train
from tests.imagegen import make_dataset, make_image

SIZE = 32
QUICK = dict(
    arch="resnet18",
    freeze_backbone=True,
    batch_size=8,
    lr=0.05,
    image_size=SIZE,
    val_split=0.25,
    device="cpu",
    seed=0,
)


@pytest.fixture(autouse=True)
def _private_feature_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def first_model(tmp_path_factory):
    """A three-colour model saved to a file: (its path, the classifier)."""
    root = tmp_path_factory.mktemp("first")
    data = make_dataset(root / "data", {"red": 12, "green": 12, "blue": 12}, size=(40, 40))
    result = train(data, TrainingConfig(weights="none", epochs=15, **QUICK))
    path = save_model(result.classifier, root / "first.safetensors")
    return path, result.classifier


@pytest.fixture(scope="module")
def held_out(tmp_path_factory):
    """Photos of the three first colours that no model trained on."""
    return make_dataset(
        tmp_path_factory.mktemp("held_out"),
        {"red": 10, "green": 10, "blue": 10},
        size=(40, 40),
        seed=7,
    )


def _probs(network, classes, image) -> dict[str, float]:
    classifier = Classifier(network.eval(), "resnet18", classes, image_size=SIZE)
    prediction = classifier.predict([image])[0]
    return dict(zip(classes, prediction.probs, strict=True))


def test_same_classes_in_another_order_keep_the_head_exactly(first_model, tmp_path):
    path, original = first_model
    image = make_image(tmp_path / "probe.png", "green", (40, 40), seed=99)
    before = _probs(original.network, original.classes, image)
    shuffled = ["red", "blue", "green"]
    network, origin = continue_from(path, "resnet18", shuffled, SIZE)

    after = _probs(network, shuffled, image)
    assert set(after) == set(before)
    for name in before:
        assert after[name] == pytest.approx(before[name], abs=1e-6), name
    old_rows = dict(zip(original.classes, original.network.fc.weight.detach(), strict=True))
    for row, name in zip(network.fc.weight.detach(), shuffled, strict=True):
        assert torch.equal(row, old_rows[name])
    assert origin["added_classes"] == [] and origin["dropped_classes"] == []


def test_a_removed_class_drops_its_row_and_a_new_one_gets_a_fresh_row(first_model):
    path, original = first_model
    old_rows = dict(zip(original.classes, original.network.fc.weight.detach(), strict=True))
    network, origin = continue_from(path, "resnet18", ["blue", "red", "yellow"], SIZE)

    rows = network.fc.weight.detach()
    assert rows.shape[0] == 3
    assert torch.equal(rows[0], old_rows["blue"]) and torch.equal(rows[1], old_rows["red"])
    assert not any(torch.equal(rows[2], old) for old in old_rows.values())
    assert origin["dropped_classes"] == ["green"]
    assert origin["added_classes"] == ["yellow"]
    # the backbone is the model's own
    first_conv = original.network.state_dict()["conv1.weight"]
    assert torch.equal(network.state_dict()["conv1.weight"], first_conv)


def test_another_architecture_is_refused_in_plain_words(first_model):
    path, _ = first_model
    with pytest.raises(ArchitectureMismatchError) as caught:
        continue_from(path, "resnet34", ["red", "green", "blue"], SIZE)
    assert caught.value.kind == "architecture_mismatch"
    assert caught.value.details["detected"] == "resnet18"
    assert "resnet18 model" in str(caught.value) and "Choose resnet18" in str(caught.value)


def test_another_image_size_is_said(first_model):
    path, _ = first_model
    events = []
    continue_from(path, "resnet18", ["red", "green", "blue"], 64, events.append)
    words = " ".join(e.text for e in events if isinstance(e, MessageEvent))
    assert f"trained on {SIZE}-pixel images; this run uses 64" in words


def test_only_a_flowerclf_model_counts_as_one(first_model, tmp_path):
    path, original = first_model
    plain = tmp_path / "plain.pth"
    torch.save(original.state_dict(), plain)
    assert is_model_file(path)
    assert not is_model_file(plain)
    assert not is_model_file("imagenet") and not is_model_file("none")
    assert not is_model_file(tmp_path / "missing.safetensors")


def test_one_added_class_keeps_the_old_classes_accuracy(first_model, held_out, tmp_path):
    path, original = first_model
    data = make_dataset(
        tmp_path / "more",
        {"red": 12, "green": 12, "blue": 12, "yellow": 12},
        size=(40, 40),
        seed=3,
    )
    result = train(data, TrainingConfig(weights=str(path), epochs=8, **QUICK))
    continued = result.classifier
    assert continued.classes == ["blue", "green", "red", "yellow"]

    before = evaluate_folder(original, held_out).accuracy
    after = evaluate_folder(continued, held_out).accuracy
    assert before >= 0.9
    assert after >= before - 0.05, (before, after)
    # and the new class is learnt
    yellow = make_dataset(tmp_path / "yellow_check", {"yellow": 6}, size=(40, 40), seed=11)
    predictions = continued.predict(sorted((yellow / "yellow").iterdir()))
    assert np.mean([p.label == "yellow" for p in predictions]) >= 0.8


def test_the_new_model_file_records_what_it_started_from(first_model, tmp_path):
    path, _ = first_model
    data = make_dataset(tmp_path / "again", {"red": 8, "green": 8, "blue": 8}, size=(40, 40))
    result = train(data, TrainingConfig(weights=str(path), epochs=1, **QUICK))
    saved = save_model(result.classifier, tmp_path / "second.safetensors")

    origin = read_model_info(saved)["started_from"]
    assert origin["file"] == "first.safetensors"
    assert origin["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert origin["classes"] == ["blue", "green", "red"]
    assert origin["architecture"] == "resnet18"
    assert read_model_info(saved)["training"]["weights"] == str(path)
