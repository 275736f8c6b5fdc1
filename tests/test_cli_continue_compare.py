"""The command line continues from a model (train --weights MODEL) and compares two models
(evaluate B --compare A)."""

from __future__ import annotations

import json

import pytest

from flowerclf.cli import main
from flowerclf.core.modelfile import read_model_info
from tests.imagegen import make_dataset


@pytest.fixture(autouse=True)
def _private_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))


QUICK = [
    "--arch",
    "resnet18",
    "--freeze-backbone",
    "--image-size",
    "32",
    "--batch-size",
    "8",
    "--lr",
    "0.05",
    "--seed",
    "0",
    "--val-split",
    "0.25",
]


@pytest.fixture(scope="module")
def two_models(tmp_path_factory):
    """A two-colour model, and a model continued from it with a third colour."""
    root = tmp_path_factory.mktemp("continue")
    first_data = make_dataset(root / "first", {"red": 8, "blue": 8}, size=(40, 40))
    more_data = make_dataset(root / "more", {"red": 8, "blue": 8, "green": 8}, size=(40, 40))
    first, second = root / "first.safetensors", root / "second.safetensors"
    args = ["train", str(first_data), "-o", str(first), "--weights", "none", *QUICK]
    assert main([*args, "--epochs", "10"]) == 0
    args = ["train", str(more_data), "-o", str(second), "--weights", str(first), *QUICK]
    assert main([*args, "--epochs", "6"]) == 0
    return first, second, more_data


def test_train_from_a_model_records_it_and_info_shows_it(two_models, capsys):
    first, second, _ = two_models
    origin = read_model_info(second)["started_from"]
    assert origin["file"] == "first.safetensors" and origin["added_classes"] == ["green"]
    assert main(["info", str(second)]) == 0
    out = capsys.readouterr().out
    assert "Started from:   first.safetensors (resnet18, 2 classes; new: green" in out


def test_train_from_a_model_of_another_network_is_refused_naming_the_flag(two_models, capsys):
    first, _, data = two_models
    args = ["train", str(data), "-o", str(data.parent / "x"), "--weights", str(first)]
    assert main([*args, "--arch", "resnet34"]) == 2
    err = capsys.readouterr().err
    assert "is a resnet18 model" in err and "--arch resnet18" in err


def test_evaluate_compare_prints_json_and_writes_the_report(two_models, tmp_path, capsys):
    first, second, data = two_models
    report = tmp_path / "r.html"
    args = ["evaluate", str(second), str(data), "--compare", str(first), "--no-save"]
    assert main([*args, "--format", "json", "--report", str(report)]) == 0
    result = json.loads(capsys.readouterr().out)
    comparison = result["comparison"]
    assert comparison["a"]["name"] == "first.safetensors"
    assert comparison["b"]["name"] == "second.safetensors"
    assert comparison["b"]["accuracy"] == result["accuracy"]
    assert comparison["only_in_b"] == ["green"] and comparison["images"] == 24
    assert comparison["per_class"]["green"]["f1_a"] is None
    # the first model cannot name green, so each green photo the second gets right is now right
    now_right = {item["path"] for item in comparison["now_right"]}
    green_right = sum(
        1 for r in result["review"] if r["true"] == "green" and r["predicted"] == "green"
    )
    assert sum("/green/" in p for p in now_right) == green_right > 0
    assert 'id="comparison"' in report.read_text(encoding="utf-8")


def test_evaluate_compare_as_a_table(two_models, capsys):
    first, second, data = two_models
    assert main(["evaluate", str(second), str(data), "--compare", str(first), "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "A = first.safetensors, B = second.safetensors" in out
    assert "Only B knows: green" in out and "Now right" in out
