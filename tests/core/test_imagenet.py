"""ImageNet out of the box: the weights' own categories and recipe, or plain words offline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision
from PIL import Image

from flowerclf.core.errors import FlowerclfError
from flowerclf.core.modelfile import load_model
from flowerclf.core.models import imagenet_weights, imagenet_weights_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cached_resnet18(tmp_path, monkeypatch):
    """A stand-in for torchvision's resnet18 checkpoint, in a private hub cache."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    torch.manual_seed(1)
    network = torchvision.models.resnet18(weights=None).eval()
    path = imagenet_weights_file("resnet18")
    path.parent.mkdir(parents=True)
    torch.save(network.state_dict(), path)
    return network


def photos(folder: Path) -> list[Path]:
    rng = np.random.default_rng(5)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, size in enumerate([(300, 200), (640, 480), (180, 260)]):
        path = folder / f"p{i}.jpg"
        Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)).save(path)
        out.append(path)
    return out


def test_imagenet_names_1000_categories_and_agrees_with_torchvisions_recipe(
    cached_resnet18, tmp_path
):
    classifier = load_model("imagenet:resnet18")
    weights = imagenet_weights("resnet18")
    assert list(classifier.classes) == list(weights.meta["categories"])
    assert len(classifier.classes) == 1000
    recipe = weights.transforms()
    for path in photos(tmp_path / "photos"):
        image = Image.open(path).convert("RGB")
        with torch.no_grad():
            expected = torch.softmax(cached_resnet18(recipe(image)[None]), dim=1)[0].numpy()
        got = classifier.predict([path])[0].probs
        assert np.abs(np.asarray(got) - expected).max() < 1e-4


def test_predict_on_the_command_line_with_the_same_formats(cached_resnet18, tmp_path):
    (photo, *_) = photos(tmp_path / "photos")
    done = subprocess.run(
        [sys.executable, "-m", "flowerclf", "predict", "imagenet:resnet18", str(photo),
         "--format", "json", "--top-k", "10"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert len(record["top"]) == 10 and len(record["probs"]) >= 999


def test_offline_without_the_cached_weights_says_where_they_go(tmp_path, monkeypatch):
    from flowerclf.core import models

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "empty"))

    def offline(url, timeout):
        import urllib.error

        raise urllib.error.URLError("no network")

    monkeypatch.setattr(models, "_open_url", offline)
    with pytest.raises(FlowerclfError) as unavailable:
        load_model("imagenet:resnet18")
    assert unavailable.value.kind == "weights_unavailable"
    assert unavailable.value.details["cache_path"].startswith(str(tmp_path / "empty"))
