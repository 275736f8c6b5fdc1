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
