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


@pytest.mark.timeout(300)
def test_predictions_stream_and_an_interrupt_keeps_whole_rows(tmp_path):
    import csv

    from PIL import Image

    from flowerclf.core.modelfile import save_model
    from flowerclf.core.models import build_model
    from flowerclf.core.predict import Classifier

    model = save_model(
        Classifier(build_model("resnet18", 2, "none"), "resnet18", ["blue", "red"], 32),
        tmp_path / "tiny.safetensors",
    )
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(1500):
        Image.new("RGB", (40, 30), (i % 255, 80, 160)).save(folder / f"{i:05d}.jpg")
    child = subprocess.Popen(
        flowerclf("predict", str(model), str(folder), "--format", "csv", "--batch-size", "16"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    first = [child.stdout.readline() for _ in range(3)]  # rows come as they are made
    child.send_signal(signal.SIGINT)
    # The same buffered reader: communicate() would skip what readline() read ahead.
    rest, errors = child.stdout.read(), child.stderr.read()
    child.wait(timeout=120)
    rows = list(csv.reader("".join([*first, rest]).splitlines()))
    header, body = rows[0], rows[1:]
    assert child.returncode == 130, errors
    assert 2 <= len(body) < 1500  # cut short, and what was written is kept
    assert all(len(row) == len(header) and row[1] in ("blue", "red") for row in body)
    assert f"{len(body)} of 1500 rows were written" in errors


def test_a_model_that_cannot_be_written_after_training_is_kept_for_recovery(
    tmp_path, monkeypatch, capsys
):
    from flowerclf.cli import main
    from flowerclf.core import modelfile
    from flowerclf.core.errors import WriteError
    from flowerclf.core.recovery import RecoveryFolder

    data = make_dataset(tmp_path / "photos", per_class=3)
    output = tmp_path / "flowers.safetensors"
    real_save = modelfile.save_model

    def disk_full_at_the_end(classifier, path, **kwargs):
        if Path(path) == output:
            raise WriteError(path, "the disk is full", "the model")
        return real_save(classifier, path, **kwargs)

    monkeypatch.setattr(modelfile, "save_model", disk_full_at_the_end)
    settings = [s if s != "3" else "1" for s in SETTINGS]  # one epoch is enough here
    assert main(["train", str(data), "-o", str(output), *settings]) == 2
    err = capsys.readouterr().err
    (kept,) = RecoveryFolder().models()
    assert "the disk is full" in err and str(kept.path) in err and "Errno" not in err
    assert kept.name == "flowers" and not output.exists()
