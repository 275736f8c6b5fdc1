"""Opening means verifying: a .pth whose pickle would run code is refused before it is described."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import torch

from flowerclf.core.models import build_model

ROOT = Path(__file__).resolve().parents[1]


class RunsCode:
    """Unpickling this would create a file: the proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def write_pair(folder: Path, weights: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "resnet18.pth"
    if isinstance(weights, dict) and all(isinstance(v, torch.Tensor) for v in weights.values()):
        torch.save(weights, path)
    else:
        path.write_bytes(pickle.dumps(weights))
    (folder / "class_indices.json").write_text(json.dumps({"0": "cat", "1": "dog"}))
    return path


def flowerclf(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flowerclf", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_info_and_predict_refuse_a_pickle_that_would_run_code(tmp_path):
    marker = tmp_path / "code-ran"
    evil = write_pair(tmp_path / "evil", {"fc.weight": RunsCode(marker)})
    photo = tmp_path / "photo.png"
    from PIL import Image

    Image.new("RGB", (40, 40), (200, 30, 30)).save(photo)
    for args in (["info", str(evil)], ["predict", str(evil), str(photo)]):
        done = flowerclf(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
        assert "run code" in done.stderr
        assert not marker.exists()


def test_info_describes_the_weights_it_opened(tmp_path):
    state = build_model("resnet18", 2, "none").state_dict()
    path = write_pair(tmp_path / "good", state)
    done = flowerclf("info", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert info["format"] == "tutorial" and info["architecture"] == "resnet18"
    assert info["classes"] == ["cat", "dog"] and info["num_parameters"] > 11_000_000
