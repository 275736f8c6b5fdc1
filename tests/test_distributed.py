"""Training in several processes (torchrun, gloo on the CPU): one model, same accuracy, resume.

Each run here starts real processes (``flowerclf train --gpus 2 --device cpu``
runs torchrun in two gloo processes), so they are few and tiny.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safetensors import safe_open
from safetensors.torch import load_file

from tests.imagegen import make_dataset

ROOT = Path(__file__).resolve().parents[1]
VAL_IMAGES = 9  # odd: a padded share would count one image twice
SETTINGS = [
    "--arch", "resnet18", "--weights", "none", "--epochs", "2", "--batch-size", "8",
    "--image-size", "32", "--seed", "5", "--device", "cpu", "--val-split", "0.15",
]  # fmt: skip


def flowerclf(*args: str, env: dict | None = None, timeout: float = 240):
    environ = {**os.environ, "OMP_NUM_THREADS": "1", **(env or {})}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "flowerclf", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=environ,
    )


def metadata(path: Path) -> dict:
    with safe_open(str(path), "pt") as model:
        return json.loads(model.metadata()["flowerclf"])


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> Path:
    # 3 classes of 20: 3 x 3 = 9 validation images
    return make_dataset(
        tmp_path_factory.mktemp("photos") / "data",
        {"red": 20, "green": 20, "blue": 20},
        size=(48, 40),
    )


@pytest.fixture(scope="module")
def together(photos, tmp_path_factory):
    """One run in two processes: (its folder, the finished process)."""
    out = tmp_path_factory.mktemp("together")
    done = flowerclf(
        "train", str(photos), "-o", str(out / "m.safetensors"), *SETTINGS, "--gpus", "2"
    )
    return out, done


@pytest.mark.timeout(600)
def test_two_processes_write_one_model_as_accurate_as_one_process(photos, together, tmp_path):
    out, done = together
    assert done.returncode == 0, done.stderr
    log = done.stdout + done.stderr
    assert "2 processes together (gloo" in log and "4 images each per step" in log
    assert log.count("Model written to") == 1 and log.count("epoch 2/2: train loss") == 1
    assert sorted(p.name for p in out.iterdir()) == ["m.safetensors"]  # no checkpoint left
    assert "Traceback" not in done.stderr

    alone = flowerclf("train", str(photos), "-o", str(tmp_path / "one.safetensors"), *SETTINGS)
    assert alone.returncode == 0, alone.stderr
    shared, single = metadata(out / "m.safetensors"), metadata(tmp_path / "one.safetensors")
    assert shared["processes"] == 2 and single["processes"] == 1
    assert shared["val_images"] == single["val_images"] == VAL_IMAGES
    assert single["best_val_accuracy"] >= 0.75
    assert abs(shared["best_val_accuracy"] - single["best_val_accuracy"]) <= 2 / VAL_IMAGES
    # The validation sums cover every image exactly once: the score of the epoch and the
    # kept model's evaluation (all images, by the first process alone) agree.
    assert shared["evaluation"]["images"] == VAL_IMAGES
    assert shared["evaluation"]["accuracy"] == pytest.approx(shared["best_val_accuracy"])
    for row in shared["history"]:
        assert row["val_accuracy"] * VAL_IMAGES == pytest.approx(
            round(row["val_accuracy"] * VAL_IMAGES)
        )


@pytest.mark.timeout(600)
def test_a_lost_process_ends_the_run_plainly_and_it_resumes_to_the_same_weights(
    photos, together, tmp_path
):
    output = tmp_path / "m.safetensors"
    started = time.monotonic()
    # the second process dies at step 2 of epoch 2: by then every process has voted on
    # step 1, so the first one has written the checkpoint of epoch 1
    lost = flowerclf(
        "train", str(photos), "-o", str(output), *SETTINGS, "--gpus", "2",
        env={"FLOWERCLF_TEST_EXIT_AT": "1:2:2"},
    )  # fmt: skip
    assert time.monotonic() - started < 150  # ended, not hung
    assert lost.returncode == 1
    assert "training process 2 of 2 ended unexpectedly" in lost.stderr
    assert "--resume" in lost.stderr
    assert "Traceback" not in lost.stderr and "Error" not in lost.stderr
    checkpoint = tmp_path / "m.checkpoint"
    assert checkpoint.exists() and not output.exists()

    resumed = flowerclf(
        "train", str(photos), "-o", str(output), *SETTINGS, "--gpus", "2", "--resume"
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Continuing the interrupted training after epoch 1" in resumed.stdout + resumed.stderr
    assert not checkpoint.exists()
    expected, got = load_file(together[0] / "m.safetensors"), load_file(output)
    assert expected.keys() == got.keys()
    for key in expected:
        assert float((expected[key].float() - got[key].float()).abs().max()) <= 1e-5, key


def test_more_gpus_than_the_computer_has_are_refused_before_anything_starts(photos, tmp_path):
    done = flowerclf("train", str(photos), "-o", str(tmp_path / "m.safetensors"), "--gpus", "2")
    assert done.returncode == 2
    assert "--gpus" in done.stderr and "--device cpu" in done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.iterdir())


def test_a_batch_that_does_not_divide_among_the_processes_is_refused(photos, tmp_path):
    args = [*SETTINGS, "--batch-size", "7", "--gpus", "2"]
    done = flowerclf("train", str(photos), "-o", str(tmp_path / "m.safetensors"), *args)
    assert done.returncode == 2
    assert (
        "--batch-size" in done.stderr and "multiple of the number of processes (2)" in done.stderr
    )
    assert "Training in 2 processes" not in done.stdout  # said once, before any process starts


def test_a_mistake_every_process_makes_is_said_once(photos, tmp_path):
    (tmp_path / "m.checkpoint").write_bytes(b"an interrupted run")
    args = [*SETTINGS, "--gpus", "2"]
    done = flowerclf("train", str(photos), "-o", str(tmp_path / "m.safetensors"), *args)
    assert done.returncode == 2
    assert done.stderr.count("An interrupted training writes the same output") == 1, done.stderr
    assert "process 2 of 2" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.timeout(300)
def test_progress_as_json_lines_and_a_stop_file_for_programs(photos, tmp_path):
    output, stop_file = tmp_path / "m.safetensors", tmp_path / "stop"
    environ = {**os.environ, "OMP_NUM_THREADS": "1"}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environ.get("PYTHONPATH")]))
    args = [*SETTINGS, "--gpus", "2", "--progress", "json", "--stop-file", str(stop_file)]
    child = subprocess.Popen(
        [sys.executable, "-m", "flowerclf", "train", str(photos), "-o", str(output), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=environ,
    )
    lines = []
    for line in child.stdout:
        lines.append(json.loads(line))  # nothing but JSON on standard output
        if lines[-1]["event"] == "StepEvent" and lines[-1]["epoch"] == 2:
            stop_file.touch()  # as a program asking the run to stop
    assert child.wait(timeout=120) == 0, child.stderr.read()
    kinds = [line["event"] for line in lines]
    assert kinds[0] == "MessageEvent" and "in 2 processes together" in lines[0]["text"]
    assert kinds.count("result") == 1 and kinds[-1] == "result"
    assert kinds.count("EpochEvent") == 1  # stopped in the second epoch
    result = lines[-1]
    assert result["stopped"] and result["model"] == str(output) and output.exists()
    assert result["checkpoint"] == str(tmp_path / "m.checkpoint")
    assert (tmp_path / "m.checkpoint").exists()  # kept for going on
    assert len(result["val"]) == VAL_IMAGES and len(result["history"]) == 1


@pytest.mark.timeout(300)
def test_two_computers_train_one_model_through_a_rendezvous(photos, tmp_path):
    """Two 'computers' (two torchrun agents here, one process each) meet at HOST:PORT."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = tmp_path / "shared" / "m.safetensors"
    output.parent.mkdir()
    environ = {**os.environ, "OMP_NUM_THREADS": "1"}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environ.get("PYTHONPATH")]))
    agents = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "torch.distributed.run",
                "--nnodes=2",
                "--nproc-per-node=1",
                "--rdzv-backend=c10d",
                f"--rdzv-endpoint=127.0.0.1:{port}",
                "--rdzv-id=flowerclf-test",
                "-m",
                "flowerclf",
                "train",
                str(photos),
                "-o",
                str(output),
                *SETTINGS,
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=environ,
        )
        for _ in range(2)
    ]
    outs = [agent.communicate(timeout=240) for agent in agents]
    assert [agent.returncode for agent in agents] == [0, 0], [err for _, err in outs]
    log = "".join(out + err for out, err in outs)
    assert log.count("Model written to") == 1  # by the first process of the two computers
    assert "in 2 processes together (gloo" in log
    assert sorted(p.name for p in output.parent.iterdir()) == ["m.safetensors"]
    assert metadata(output)["processes"] == 2
