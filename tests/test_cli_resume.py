"""The command line: a killed run resumes to the same weights; a bad output is refused first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safetensors.torch import load_file

from tests.gui.helpers import make_dataset

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = [
    "--arch", "resnet18", "--weights", "none", "--epochs", "3", "--batch-size", "4",
    "--image-size", "32", "--seed", "11", "--device", "cpu",
]  # fmt: skip


def flowerclf(*args: str) -> list[str]:
    return [sys.executable, "-m", "flowerclf", *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(flowerclf(*args), capture_output=True, text=True, timeout=300, cwd=ROOT)


@pytest.mark.timeout(600)
def test_a_run_killed_after_an_epoch_resumes_to_the_same_weights(tmp_path):
    data = make_dataset(tmp_path / "photos", per_class=6)
    whole = tmp_path / "whole.safetensors"
    assert run("train", str(data), "-o", str(whole), *SETTINGS).returncode == 0

    output = tmp_path / "resumed.safetensors"
    child = subprocess.Popen(
        flowerclf("train", str(data), "-o", str(output), *SETTINGS),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 240
    for line in child.stdout:  # one line per epoch; the checkpoint is on disk before it
        if line.startswith("epoch 1/3") or time.monotonic() > deadline:
            break
    os.kill(child.pid, signal.SIGKILL)  # no chance to tidy up, as in a crash
    child.wait()
    checkpoint = tmp_path / "resumed.checkpoint"
    assert checkpoint.exists() and not output.exists()

    again = run("train", str(data), "-o", str(output), *SETTINGS)
    assert again.returncode == 2 and "--resume" in again.stderr  # nothing overwritten
    resumed = run("train", str(data), "-o", str(output), *SETTINGS, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "Continuing the interrupted training after epoch" in resumed.stdout + resumed.stderr
    expected, got = load_file(whole), load_file(output)
    assert expected.keys() == got.keys()
    for key in expected:
        assert float((expected[key].float() - got[key].float()).abs().max()) <= 1e-6, key
    assert not checkpoint.exists()


def test_an_output_that_cannot_be_written_is_refused_before_training(tmp_path):
    data = make_dataset(tmp_path / "photos", per_class=3)
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder")
    started = time.monotonic()
    done = run("train", str(data), "-o", str(notes / "lost.safetensors"), *SETTINGS)
    assert done.returncode == 2
    assert "notes.txt" in done.stderr and "is a file" in done.stderr
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr
    assert "epoch" not in done.stdout  # refused at once, not after the training
    assert time.monotonic() - started < 60
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "photos"]


def test_resume_without_an_interrupted_run_says_so(tmp_path):
    data = make_dataset(tmp_path / "photos", per_class=3)
    done = run("train", str(data), "-o", str(tmp_path / "m.safetensors"), *SETTINGS, "--resume")
    assert done.returncode == 2
    assert "no interrupted training" in done.stderr.lower()
