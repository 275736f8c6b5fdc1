"""The CPU benchmark's report, built from stored measurements (the benchmark is run by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_cpu
        import cpu_table

        yield bench_cpu, cpu_table
    finally:
        sys.path.remove(str(BENCHMARKS))


def _rows(table: str) -> dict[str, list[str]]:
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = cells[1:]
    return rows


def test_table_bounds_and_verdicts(bench):
    bench_cpu, cpu_table = bench
    results = {
        "ceiling": {
            "fp32_gflops": 200.0,
            "bf16_gflops": 900.0,
            "conv_fp32_gflops": 500.0,
            "conv_bf16_gflops": 1000.0,
        },
        "train_ref/resnet34": {"steady_ips": 10.0},
        "train_fc/resnet34": {"steady_ips": 20.0, "precision": "bf16"},
        "lastlayer_ref": {"epoch_s": [12.0, 11.0, 11.0], "wall_s": 34.0},
        "lastlayer_fc/cold": {"epoch_s": [4.0, 0.01, 0.01], "wall_s": 5.0},
        "accuracy/fp32/seed0": {"best_val_accuracy": 0.80},
        "accuracy/auto/seed0": {"best_val_accuracy": 0.83, "precision": "bf16"},
    }
    sizes = bench_cpu.FULL
    rows = _rows(cpu_table.build_table(results, sizes, archs=("resnet34",)))

    conv = next(v for k, v in rows.items() if k.startswith("ResNet 3x3 convolutions"))
    assert conv[:3] == ["500", "1000", "2.00x"]
    # 22 GFLOP per training image (2 x 11 G multiply-adds) against the conv rates
    share = rows["resnet34 share of the convolution rate (and of matmul)"]
    assert share[0] == "220 GFLOP/s = 44% of fp32 (110% of matmul)"
    assert share[1] == "440 GFLOP/s = 44% of bf16 (49% of matmul)"
    assert rows["fine-tune resnet34, images/s incl. loading (epoch 1)"][2:] == [
        "2.00x",
        ">= 2.5x",
        "FAIL",
    ]
    # The floor of a first last-layer epoch: every picture once through the backbone.
    pictures = 5 * (sizes.dataset.train_per_class + sizes.dataset.val_per_class)
    floor = next(v for k, v in rows.items() if k.startswith("the backbone alone on"))
    assert float(floor[1]) == pytest.approx(pictures * 2 * 11.0 / 3 / 1000.0, abs=0.01)
    # bf16 three points *better* than fp32 passes the 'costs no accuracy' check
    mean = next(v for k, v in rows.items() if k.startswith("mean difference"))
    assert mean[2:] == ["+3.0 points", "not more than 1 point lower", "pass"]


def test_accuracy_check_fails_when_bf16_costs_accuracy(bench):
    bench_cpu, cpu_table = bench
    results = {
        "accuracy/fp32/seed0": {"best_val_accuracy": 0.90},
        "accuracy/auto/seed0": {"best_val_accuracy": 0.88, "precision": "bf16"},
    }
    rows = _rows(cpu_table.build_table(results, bench_cpu.FULL, archs=()))
    mean = next(v for k, v in rows.items() if k.startswith("mean difference"))
    assert mean[2:] == ["-2.0 points", "not more than 1 point lower", "FAIL"]


@pytest.fixture(scope="module")
def bench_gpu():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_gpu

        yield bench_gpu
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_gpu_table_compares_data_fed_with_synthetic_on_one_gpu_and_all(bench_gpu):
    results = {
        "train_fc/resnet50/gpu-decode": {"steady_ips": [2000.0, 2700.0], "precision": "bf16"},
        "train_fc/resnet50/cpu-workers": {"steady_ips": [900.0, 1500.0], "precision": "bf16"},
        "synthetic_fc/resnet50/default": {"ips": 2500.0},
        "synthetic_fc/resnet50/cudnn-benchmark": {"ips": 3000.0},
        "train_all/resnet50": {"steady_ips": [6000.0, 10000.0], "processes": 4},
        "synthetic_all/resnet50": {"ips": 11000.0, "processes": 4},
        "predict_folder": {
            "fp32": 1200.0,
            "auto": 2100.0,
            "auto_precision": "bf16",
            "images": 2048,
        },
    }
    rows = _rows(bench_gpu.build_table(results, bench_gpu.FULL))
    fed = next(v for k, v in rows.items() if "decoded on the GPU" in k)
    assert fed == ["2700.0 / 3000.0", "0.90", ">= 0.8", "pass"]
    workers = next(v for k, v in rows.items() if "decoded by CPU workers" in k)
    assert workers[1:] == ["0.50", ">= 0.8", "FAIL"]
    everywhere = next(v for k, v in rows.items() if "on 4 GPUs (torchrun" in k)
    assert everywhere == ["10000.0 / 11000.0", "0.91", ">= 0.8", "pass"]
    assert rows["synthetic on 4 GPUs / 4 x one GPU (scaling)"][1] == "0.92"
    assert rows["predict 2048 500x375 photos (batch 256), images/s: fp32 / bf16"][0] == (
        "1200.0 / 2100.0"
    )
    one_gpu = _rows(
        bench_gpu.build_table({"synthetic_fc/resnet50/default": {"ips": 1.0}}, bench_gpu.FULL)
    )
    assert one_gpu["resnet50 on all GPUs"][0] == "one GPU here: the rows above"


def test_without_cuda_the_gpu_benchmark_says_so_plainly():
    import subprocess

    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_gpu.py"), "--no-save"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "CUDA_VISIBLE_DEVICES": ""},
    )
    assert done.returncode == 2
    assert "needs an NVIDIA GPU with CUDA" in done.stderr and "--dry-run" in done.stderr
    assert "Traceback" not in done.stderr
