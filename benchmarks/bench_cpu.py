"""CPU speed benchmark: flowerclf's way against the reference recipe, side by side.

    python benchmarks/bench_cpu.py            # the full run (about 10 minutes on 2 cores)
    python benchmarks/bench_cpu.py --quick    # a smoke run of every measurement (a few minutes)
    python benchmarks/bench_cpu.py --only finetune,latency --archs resnet34

Builds a deterministic photo-like JPEG set under benchmarks/_work, runs each
measurement in a fresh Python process (so that each peak memory figure is its
own and no measurement warms the next one's caches), prints a markdown table
with the ratios and the targets of issue 4, and prepends it, with the
machine's description, to benchmarks/results/<machine>.md (and .json).

The reference recipe lives in ``reference.py``; the pictures in ``photos.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from camera_bench import m_camera  # noqa: E402, F401 - a measurement, found by its m_ name
from cpu_table import build_table, entry_markdown  # noqa: E402
from harness import StepClock, median  # noqa: E402
from onnx_engine import m_onnx  # noqa: E402, F401 - a measurement, found by its m_ name
from photos import CLASSES, DatasetSpec, build_dataset, describe  # noqa: E402

ARCHS = ("resnet18", "resnet34", "resnet50")
# ResNet's 3x3 convolutions (channels, side) at batch 16: the work that dominates
CONV_SHAPES = ((64, 56), (128, 28), (256, 14), (512, 7))
GROUPS = (
    "ceiling",
    "finetune",
    "lastlayer",
    "latency",
    "folder",
    "accuracy",
    "gui",
    "camera",
    "onnx",
)
SEED = 0


@dataclass(frozen=True)
class Sizes:
    """How much of each measurement to do; ``FULL`` and ``QUICK`` below."""

    dataset: DatasetSpec
    warmup_steps: int = 2  # training steps left out of the steady rate (start-up costs)
    synthetic_steps: int = 8
    epoch2_archs: tuple[str, ...] = ("resnet34",)  # flowerclf also runs a 2nd epoch (decode cache)
    lastlayer_epochs: int = 3
    latency_repeats: dict = field(default_factory=lambda: {"small": 12, "phone": 6})
    latency_warmup: int = 2
    accuracy_epochs: int = 3
    accuracy_seeds: tuple[int, ...] = (0, 1)  # a second seed shows how much runs differ anyway
    gui_arch: str = "resnet34"
    gui_epochs: int = 1
    camera_arch: str = "resnet50"  # ImageNet mode's default network
    camera_seconds: float = 20.0
    ceiling_seconds: float = 2.0


FULL = Sizes(dataset=DatasetSpec(train_per_class=48, val_per_class=30, phone_images=6))
QUICK = Sizes(
    dataset=DatasetSpec(train_per_class=8, val_per_class=4, phone_images=2, predict_images=16),
    synthetic_steps=3,
    warmup_steps=1,
    lastlayer_epochs=2,
    latency_repeats={"small": 3, "phone": 2},
    latency_warmup=1,
    accuracy_epochs=1,
    accuracy_seeds=(0,),
    gui_arch="resnet18",
    camera_arch="resnet18",
    camera_seconds=4.0,
    ceiling_seconds=0.5,
)


# =========================================================================== measurements
# Each runs in its own process (see harness.run_child) and returns plain JSON data.


def m_ceiling(seconds: float) -> dict:
    """The machine's rates in fp32 and bf16, GFLOP/s: matrix multiply and ResNet's convolutions.

    The convolution rate is the one that bounds ResNet training: it runs in
    oneDNN, which may reach a very different share of the hardware than the
    BLAS behind ``torch.mm`` (on AMD processors MKL's fp32 path is far slower
    than oneDNN's). Its bf16 / fp32 quotient is the most that a change of
    number format can give the convolutions.
    """
    import torch

    def timed(fn) -> float:
        for _ in range(3):
            fn()
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            fn()
            count += 1
        return (time.perf_counter() - start) / count

    def matmul_rate(dtype, n: int = 2048) -> float:
        a = torch.randn(n, n).to(dtype)
        b = torch.randn(n, n).to(dtype)
        return 2 * n**3 / timed(lambda: torch.mm(a, b)) / 1e9

    def conv_rate(dtype, batch: int = 16) -> float:
        flop = seconds_sum = 0.0
        for channels, side in CONV_SHAPES:
            x = torch.randn(batch, channels, side, side).to(dtype)
            w = torch.randn(channels, channels, 3, 3).to(dtype) * 0.05
            x = x.contiguous(memory_format=torch.channels_last)
            w = w.contiguous(memory_format=torch.channels_last)
            with torch.inference_mode():
                seconds_sum += timed(lambda x=x, w=w: torch.conv2d(x, w, padding=1))
            flop += 2 * batch * channels * channels * 9 * side * side
        return flop / seconds_sum / 1e9

    return {
        "fp32_gflops": matmul_rate(torch.float32),
        "bf16_gflops": matmul_rate(torch.bfloat16),
        "conv_fp32_gflops": conv_rate(torch.float32),
        "conv_bf16_gflops": conv_rate(torch.bfloat16),
    }


def m_train_ref(arch: str, train_dir: str, val_dir: str, warmup_steps: int) -> dict:
    """The reference loop: one epoch of fine-tuning, then its validation."""
    import reference
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    train_set, train_loader, val_loader = reference.loaders(Path(train_dir), Path(val_dir))
    model = reference.build_model(arch, len(train_set.classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    clock, workers = StepClock(), harness.ChildMemory()

    def on_step(images: int) -> None:
        clock.step(images)
        workers.sample()

    reference.train_epoch(model, train_loader, optimizer, nn.CrossEntropyLoss(), on_step)
    epoch_s = clock.stamps[-1][0] - clock.start
    start = time.perf_counter()
    accuracy = reference.validate(model, val_loader)
    return {
        "images": clock.images(),
        "steady_ips": clock.rate(warmup_steps),
        "epoch_ips": clock.images() / epoch_s,
        "epoch_s": epoch_s,
        "val_s": time.perf_counter() - start,
        "val_accuracy": accuracy,
        "workers": reference.num_workers(),
        "worker_peak_rss_mb": workers.peak_mb,
    }


def m_synthetic_ref(arch: str, steps: int, warmup: int) -> dict:
    """The reference model and step (fp32, NCHW) on tensors already in memory."""
    import reference

    model = reference.build_model(arch, 5)
    return {"ips": reference.synthetic_steps(model, steps, warmup)}


def m_train_fc(arch: str, dataset: str, epochs: int, warmup_steps: int) -> dict:
    """flowerclf.train: fine-tuning, every layer, with its defaults (precision auto)."""
    import flowerclf
    from flowerclf.core.events import StepEvent

    clocks: dict[int, StepClock] = {}
    last_seen = [0]
    epoch_start = [time.perf_counter()]

    def progress(event) -> None:
        if isinstance(event, StepEvent):
            if event.epoch not in clocks:
                clocks[event.epoch] = StepClock()
                clocks[event.epoch].start = epoch_start[0]
            clocks[event.epoch].step(event.images_seen - last_seen[0])
            last_seen[0] = event.images_seen
        elif hasattr(event, "val_accuracy"):  # EpochEvent: the next epoch starts now
            epoch_start[0] = time.perf_counter()

    config = flowerclf.TrainingConfig(arch=arch, weights="none", epochs=epochs, seed=SEED)
    start = time.perf_counter()
    result = flowerclf.train(dataset, config, progress)
    wall = time.perf_counter() - start
    first = clocks[1]
    out = {
        "images": first.images(),
        "steady_ips": first.rate(warmup_steps),
        "epoch_ips": result.history[0].images_per_second,
        "wall_s": wall,
        "val_accuracy": result.history[0].val_accuracy,
        "precision": _precision_name("auto"),
    }
    if epochs > 1:
        out["epoch2_steady_ips"] = clocks[2].rate(warmup_steps)
        out["epoch2_ips"] = result.history[1].images_per_second
    return out


def _precision_name(requested: str) -> str:
    import torch

    from flowerclf.core.device import choose_precision

    return choose_precision(torch.device("cpu"), requested).name


def m_synthetic_fc(arch: str, steps: int, warmup: int) -> dict:
    """flowerclf's model, memory format, precision and step on tensors already in memory."""
    return harness.flowerclf_synthetic_rate(arch, 16, steps, warmup, "cpu")


def m_lastlayer_ref(arch: str, train_dir: str, val_dir: str, epochs: int) -> dict:
    """The reference loop with every layer but the last frozen: epoch times."""
    import reference
    import torch
    from torch import nn

    start = time.perf_counter()
    torch.manual_seed(SEED)
    train_set, train_loader, val_loader = reference.loaders(Path(train_dir), Path(val_dir))
    model = reference.build_model(arch, len(train_set.classes))
    optimizer = torch.optim.Adam(reference.freeze_backbone(model), lr=1e-4)
    epoch_s, accuracy, workers = [], None, harness.ChildMemory()
    for _ in range(epochs):
        t0 = time.perf_counter()
        reference.train_epoch(model, train_loader, optimizer, nn.CrossEntropyLoss(), workers.sample)
        accuracy = reference.validate(model, val_loader)
        epoch_s.append(time.perf_counter() - t0)
    return {
        "epoch_s": epoch_s,
        "wall_s": time.perf_counter() - start,
        "val_accuracy": accuracy,
        "worker_peak_rss_mb": workers.peak_mb,
    }


def m_lastlayer_fc(arch: str, dataset: str, epochs: int) -> dict:
    """flowerclf.train with freeze_backbone: features once (cached on disk), then the head."""
    import flowerclf

    config = flowerclf.TrainingConfig(
        arch=arch, weights="none", epochs=epochs, seed=SEED, freeze_backbone=True
    )
    start = time.perf_counter()
    result = flowerclf.train(dataset, config)
    wall = time.perf_counter() - start
    ends = [e.elapsed_s for e in result.history]
    epoch_s = [ends[0]] + [b - a for a, b in zip(ends, ends[1:])]
    return {
        "epoch_s": epoch_s,
        "wall_s": wall,
        "val_accuracy": result.history[-1].val_accuracy,
        "cache_dir": os.environ.get("FLOWERCLF_CACHE"),
    }


def m_latency_ref(arch: str, files: dict, repeats: dict, warmup: int) -> dict:
    """The reference predict script's path for one image: median milliseconds."""
    import reference

    model = reference.build_model(arch, 5).eval()

    def predict(path: str):
        return reference.predict_one(model, path)

    out = {}
    for kind, paths in files.items():
        times = harness.timed_runs(predict, paths, repeats[kind], warmup)
        out[kind] = {"median_ms": 1000 * median(times), "min_ms": 1000 * min(times)}
    return out


def _classifier(arch: str):
    return harness.random_classifier(arch, [c[0] for c in CLASSES])


def m_latency_fc(arch: str, files: dict, repeats: dict, warmup: int, precisions: list) -> dict:
    """Classifier.predict for one image, path to probabilities: median milliseconds."""
    classifier = _classifier(arch)
    out = {}
    for precision in precisions:
        classifier.set_precision(precision)
        for kind, paths in files.items():
            times = harness.timed_runs(
                lambda p: classifier.predict([p], batch_size=1)[0].probs,
                paths,
                repeats[kind],
                warmup,
            )
            out[f"{kind}/{precision}"] = {
                "median_ms": 1000 * median(times),
                "min_ms": 1000 * min(times),
                "precision": classifier.precision,
            }
    return out


def m_latency_app(arch: str, files: dict, repeats: dict, warmup: int) -> dict:
    """One photo dropped on the app's Predict tab until its bars show: median milliseconds.

    The same path as a person's drop: the tab queues it, a task thread decodes
    and classifies it, and the result reaches the GUI thread, which shows the
    bars. fp32, the app's default.
    """
    import threading

    from PySide6.QtCore import QEventLoop, QTimer

    app = _offscreen_app()
    from flowerclf.gui.predict_tab import PredictTab
    from flowerclf.gui.session import Session
    from flowerclf.gui.settings import Settings
    from flowerclf.gui.tasks import TaskRunner, active_tasks

    runner = TaskRunner()
    session = Session(runner)
    tab = PredictTab(session, runner, Settings())
    tab.resize(1100, 750)
    tab.show()
    # The app loads models in a job thread and runs no torch work on the GUI
    # thread. That matters: a live thread that has run torch in parallel keeps
    # its own OpenMP team, and two teams on 2 cores slow every forward pass by
    # about 30% (libgomp stops spin-waiting when it has more threads than cores).
    loaded: list = []
    loader = threading.Thread(target=lambda: loaded.append(_classifier(arch)))
    loader.start()
    loader.join()
    session.add_model(loaded[0], arch)
    loop = QEventLoop()
    # The bars are drawn in the same slot that stores the prediction; look for it
    # every millisecond (a timer on the GUI thread, as cheap as a poll can be).
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: loop.quit() if _classified(tab) else None)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)

    def drop(path: str) -> float:
        tab.clear()  # the same file again would otherwise only be selected
        _wait_until(app, lambda: not active_tasks(), 60)  # e.g. the last preview
        start = time.perf_counter()
        tab.add_paths([path])
        poll.start()
        guard.start(60_000)
        loop.exec()
        elapsed = time.perf_counter() - start
        poll.stop()
        guard.stop()
        if not _classified(tab) or not tab.bars.entries():
            raise RuntimeError(f"the app did not classify {path}")
        return elapsed

    out = {}
    for kind, paths in files.items():
        for i in range(warmup):
            drop(paths[i % len(paths)])
        # drop() times itself: clearing the list and waiting for the last preview
        # to be decoded are not part of a person's wait.
        times = [drop(paths[i % len(paths)]) for i in range(repeats[kind])]
        out[kind] = {"median_ms": 1000 * median(times), "min_ms": 1000 * min(times)}
    tab.clear()
    tab.close()
    _wait_until(app, lambda: not active_tasks(), 60)
    return out


def _classified(tab) -> bool:
    rows = tab.rows()
    return bool(rows) and rows[0].prediction is not None


def m_folder_ref(arch: str, files: dict) -> dict:
    """The reference batch predict (batches of 8): images per second over each folder."""
    import reference

    model = reference.build_model(arch, 5).eval()
    out = {}
    for kind, paths in files.items():
        reference.predict_folder(model, [Path(p) for p in paths[:2]])  # warm-up
        start = time.perf_counter()
        reference.predict_folder(model, [Path(p) for p in paths])
        out[kind] = {"ips": len(paths) / (time.perf_counter() - start), "images": len(paths)}
    return out


def m_folder_fc(arch: str, files: dict, precisions: list) -> dict:
    """Classifier.predict over a folder's images: images per second."""
    classifier = _classifier(arch)
    out = {}
    for precision in precisions:
        classifier.set_precision(precision)
        for kind, paths in files.items():
            classifier.predict(paths[:2])  # warm-up
            start = time.perf_counter()
            classifier.predict(paths)
            out[f"{kind}/{precision}"] = {
                "ips": len(paths) / (time.perf_counter() - start),
                "images": len(paths),
                "precision": classifier.precision,
            }
    return out


def m_accuracy(
    arch: str, dataset: str, epochs: int, precision: str, seed: int, model_out: str
) -> dict:
    """Full fine-tuning with a given precision and seed (the split is fixed); the model is saved."""
    import flowerclf

    config = flowerclf.TrainingConfig(
        arch=arch, weights="none", epochs=epochs, seed=seed, precision=precision
    )
    start = time.perf_counter()
    result = flowerclf.train(dataset, config)
    flowerclf.save_model(result.classifier, model_out)
    return {
        "precision": _precision_name(precision),
        "val_accuracy": [e.val_accuracy for e in result.history],
        "best_val_accuracy": result.best_val_accuracy,
        "val_images": len(result.val_samples),
        "seed": seed,
        "wall_s": time.perf_counter() - start,
        "images_per_second": result.images_per_second,
    }


def m_precision_check(model_path: str, files: list) -> dict:
    """The probabilities shown: Classifier fp32 against bf16/auto over the predicted images."""
    import numpy as np

    import flowerclf

    classifier = flowerclf.load_model(model_path)
    probs = {}
    for precision in ("fp32", "auto"):
        classifier.set_precision(precision)
        probs[precision] = np.stack([p.probs for p in classifier.predict(files)])
    auto_name = classifier.precision
    diff = np.abs(probs["fp32"] - probs["auto"])
    top32, top_auto = probs["fp32"].argmax(1), probs["auto"].argmax(1)
    truth = np.array([classifier.classes.index(Path(f).stem.split("-", 1)[1]) for f in files])
    return {
        "auto_precision": auto_name,
        "images": len(files),
        "max_abs_diff": float(diff.max()),
        "mean_abs_diff": float(diff.mean()),
        "top_class_agreement": float((top32 == top_auto).mean()),
        "accuracy_fp32": float((top32 == truth).mean()),
        "accuracy_auto": float((top_auto == truth).mean()),
    }


def m_gui(dataset: str, arch: str, epochs: int, interval_ms: int) -> dict:
    """A 10 ms QTimer heartbeat on the GUI thread while the app trains in its worker thread."""
    from PySide6.QtCore import QEventLoop

    app = _offscreen_app()
    import flowerclf.core.training  # noqa: F401 - the app loads torch before anyone can train
    from flowerclf.core.config import TrainingConfig
    from flowerclf.gui.session import Session
    from flowerclf.gui.settings import Settings
    from flowerclf.gui.tasks import TaskRunner
    from flowerclf.gui.train_tab import TrainTab
    from flowerclf.gui.training_run import TrainingRun

    config = TrainingConfig(arch=arch, weights="none", epochs=epochs, device="cpu")
    heartbeat = harness.Heartbeat(interval_ms)
    loop = QEventLoop()
    outcome: dict = {}
    # The real Train tab: its progress handling, chart and log run on the GUI thread.
    mode = "the app's Train tab (TrainTab over TrainingRun and the task runner)"
    runner = TaskRunner()
    session = Session(runner)
    run = TrainingRun(session, runner)
    tab = TrainTab(run, Settings())
    tab.resize(1100, 750)
    tab.show()
    tab.set_folder(dataset)
    _wait_until(app, lambda: run.scan is not None, 60)
    tab.options.set_config(config)
    run.finished.connect(lambda result: outcome.setdefault("result", result))
    run.failed.connect(lambda error: outcome.setdefault("error", str(error.exception)))
    run.stateChanged.connect(lambda state: loop.quit() if state == "idle" else None)
    start = heartbeat.start()
    if not tab.start_training():
        raise RuntimeError("the Train tab refused to start")
    loop.exec()
    heartbeat.stop()
    seconds = time.perf_counter() - start
    if "result" not in outcome:
        raise RuntimeError(f"training did not finish: {outcome.get('error', 'no result')}")
    return {
        "mode": mode,
        "interval_ms": interval_ms,
        "training_s": seconds,
        **heartbeat.stats(),
        "arch": arch,
        # the epoch's training rate as the app's own worker reports it
        "epoch_ips": outcome["result"].history[0].images_per_second,
    }


# The app's measurements share these with camera_bench.py.
_offscreen_app = harness.offscreen_app
_wait_until = harness.wait_until


MEASUREMENTS = {name[2:]: fn for name, fn in globals().items() if name.startswith("m_")}


# =========================================================================== the run


class Run:
    """Runs the chosen groups of measurements, each in its own process, and keeps the results."""

    def __init__(self, sizes: Sizes, work: Path, groups: list[str], archs: list[str]):
        self.sizes = sizes
        self.work = work
        self.groups = groups
        self.archs = archs
        self.results: dict[str, dict] = {}
        self.cache_dir = work / "feature-cache"
        self.script = Path(__file__).resolve()

    def child(self, key: str, name: str, env: dict | None = None, **params) -> dict:
        print(f"- {key} ...", flush=True)
        env = {"FLOWERCLF_CACHE": str(self.cache_dir), **(env or {})}
        result = harness.run_child(self.script, name, params, env)
        self.results[key] = result if "error" not in result else {"error": result["error"]}
        if "error" not in result:
            shown = {k: v for k, v in result.items() if not isinstance(v, (dict, list))}
            print(f"  {json.dumps(_rounded(shown))}", flush=True)
        return result

    def execute(self) -> None:
        self.paths = build_dataset(self.work, self.sizes.dataset, jobs=os.cpu_count() or 1)
        self.dataset_info = describe(self.paths)
        for group in self.groups:
            getattr(self, f"run_{group}")()

    # -- groups

    def run_ceiling(self) -> None:
        self.child("ceiling", "ceiling", seconds=self.sizes.ceiling_seconds)

    def run_finetune(self) -> None:
        s, p = self.sizes, self.paths
        for arch in self.archs:
            self.child(
                f"train_ref/{arch}",
                "train_ref",
                arch=arch,
                train_dir=str(p.train),
                val_dir=str(p.val),
                warmup_steps=s.warmup_steps,
            )
            self.child(
                f"train_fc/{arch}",
                "train_fc",
                arch=arch,
                dataset=str(p.dataset),
                epochs=2 if arch in s.epoch2_archs else 1,
                warmup_steps=s.warmup_steps,
            )
            for side in ("ref", "fc"):
                self.child(
                    f"synthetic_{side}/{arch}",
                    f"synthetic_{side}",
                    arch=arch,
                    steps=s.synthetic_steps,
                    warmup=s.warmup_steps,
                )

    def run_lastlayer(self) -> None:
        s, p = self.sizes, self.paths
        arch = "resnet34"
        self.child(
            "lastlayer_ref",
            "lastlayer_ref",
            arch=arch,
            train_dir=str(p.train),
            val_dir=str(p.val),
            epochs=s.lastlayer_epochs,
        )
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        for run in ("cold", "warm"):
            self.child(
                f"lastlayer_fc/{run}",
                "lastlayer_fc",
                arch=arch,
                dataset=str(p.dataset),
                epochs=s.lastlayer_epochs,
            )

    def _files(self) -> dict:
        return {
            "small": [str(f) for f in self.paths.predict_files()],
            "phone": [str(f) for f in self.paths.phone_files()],
        }

    def run_latency(self) -> None:
        s = self.sizes
        common = dict(
            arch="resnet34", files=self._files(), repeats=s.latency_repeats, warmup=s.latency_warmup
        )
        self.child("latency_ref", "latency_ref", **common)
        self.child("latency_fc", "latency_fc", precisions=["fp32", "auto"], **common)
        self.child("latency_app", "latency_app", **common)

    def run_folder(self) -> None:
        files = self._files()
        self.child("folder_ref", "folder_ref", arch="resnet34", files=files)
        self.child(
            "folder_fc", "folder_fc", arch="resnet34", files=files, precisions=["fp32", "auto"]
        )

    def run_accuracy(self) -> None:
        models = self.work / "models"
        models.mkdir(parents=True, exist_ok=True)
        for seed in self.sizes.accuracy_seeds:
            for precision in ("fp32", "auto"):
                self.child(
                    f"accuracy/{precision}/seed{seed}",
                    "accuracy",
                    arch="resnet34",
                    dataset=str(self.paths.dataset),
                    epochs=self.sizes.accuracy_epochs,
                    precision=precision,
                    seed=seed,
                    model_out=str(models / f"resnet34-{precision}-seed{seed}.safetensors"),
                )
        files = self._files()
        first = self.sizes.accuracy_seeds[0]
        self.child(
            "precision_check",
            "precision_check",
            model_path=str(models / f"resnet34-auto-seed{first}.safetensors"),
            files=files["small"] + files["phone"],
        )

    def run_onnx(self) -> None:
        try:
            import onnxruntime  # noqa: F401
            import onnxscript  # noqa: F401
        except ImportError:
            print("  onnx: skipped (pip install 'flowerclf[export]' to measure ONNX Runtime)")
            return
        train = sorted(str(p) for p in Path(self.paths.train).rglob("*.jpg"))
        self.child(
            "onnx",
            "onnx",
            arch="resnet34",
            dataset=str(self.paths.dataset),
            files=self._files(),
            calibration=train[:: max(1, len(train) // 64)][:64],
            work=str(self.work / "onnx"),
        )

    def run_gui(self) -> None:
        self.child(
            "gui",
            "gui",
            dataset=str(self.paths.dataset),
            arch=self.sizes.gui_arch,
            epochs=self.sizes.gui_epochs,
            interval_ms=10,
        )

    def run_camera(self) -> None:
        try:
            from PySide6 import QtMultimedia  # noqa: F401
        except ImportError:
            print("  camera: skipped (pip install 'flowerclf[camera]' to measure the Camera view)")
            return
        self.child(
            "camera",
            "camera",
            arch=self.sizes.camera_arch,
            seconds=self.sizes.camera_seconds,
            fps=30,
            interval_ms=10,
        )


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


# =========================================================================== main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run (a few minutes)")
    parser.add_argument(
        "--only", help=f"comma-separated groups to run, of: {', '.join(GROUPS)}", default=None
    )
    parser.add_argument(
        "--archs", default=",".join(ARCHS), help="architectures for the fine-tuning group"
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="work folder (default benchmarks/_work)"
    )
    parser.add_argument(
        "--accuracy-seeds",
        default=None,
        help="comma-separated seeds for the accuracy group (default 0,1); more seeds: firmer",
    )
    parser.add_argument("--machine-name", default=None, help="names the results file")
    parser.add_argument("--no-save", action="store_true", help="print the table only")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        harness.child_main(MEASUREMENTS, argv)
        return 0
    args = parse_args(argv)
    groups = GROUPS if args.only is None else [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    archs = [a.strip() for a in args.archs.split(",") if a.strip()]
    if unknown or any(a not in ARCHS for a in archs):
        print(
            f"Unknown group or architecture; groups: {', '.join(GROUPS)}; archs: {', '.join(ARCHS)}"
        )
        return 2
    sizes = QUICK if args.quick else FULL
    if args.accuracy_seeds:
        seeds = tuple(int(x) for x in args.accuracy_seeds.split(",") if x.strip())
        sizes = replace(sizes, accuracy_seeds=seeds)
    work = (args.work or harness.WORK_DIR) / ("quick" if args.quick else "full")
    started = time.perf_counter()
    info = harness.machine_info()
    print(f"Machine: {harness.describe_machine(info)}\n", flush=True)
    run = Run(sizes, work, list(groups), archs)
    run.execute()
    seconds = time.perf_counter() - started
    table = build_table(run.results, sizes, archs=ARCHS)
    print("\n" + table + "\n")
    print(f"Whole run: {seconds / 60:.1f} minutes.")
    if not args.no_save:
        slug = harness.machine_slug(info, args.machine_name)
        record = {
            "date": harness.now_utc(),
            "script": "bench_cpu.py",
            "quick": args.quick,
            "only": args.only,
            "machine": info,
            "sizes": _rounded(asdict(replace(sizes))),
            "dataset": run.dataset_info,
            "seconds": round(seconds, 1),
            "results": _rounded(run.results),
        }
        title = args.machine_name or info["cpu"]
        harness.save_results(slug, title, entry_markdown(info, table, run, args, seconds), record)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
