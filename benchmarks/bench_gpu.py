"""GPU speed benchmark: does flowerclf keep CUDA GPUs fed? One command, under 8 minutes.

    python benchmarks/bench_gpu.py              # on a machine with NVIDIA GPUs
    python benchmarks/bench_gpu.py --dry-run    # the same code on the CPU, tiny sizes

Measures, each in its own process: flowerclf's fine-tuning (``flowerclf.train``
with device cuda, its precision) fed from JPEG files, with the photos decoded
on the GPU (its default on CUDA) and with spawned CPU workers instead, against
the same model, precision and batch fed tensors already on the GPU (data-fed /
synthetic should be at least 0.8); the same on all GPUs through torchrun and
DistributedDataParallel, when there is more than one; the reference recipe's
loop on the GPU (fp32, batch 16, forked workers) fed and synthetic; prediction
throughput over a folder; and the latency of one photo from path to
probabilities. Nothing is downloaded: random weights, pictures drawn into a
work folder. Results go to benchmarks/results/<gpu>.md and .json, newest first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import StepClock, fmt, median  # noqa: E402
from photos import DatasetSpec, build_dataset, describe  # noqa: E402

SEED = 0


@dataclass(frozen=True)
class GpuSizes:
    dataset: DatasetSpec
    archs: tuple[str, ...] = ("resnet50",)
    batch_size: int = 256  # per GPU
    reference_batch: int = 16  # the recipe's own batch size
    epochs: int = 2  # epoch 1 starts the workers; epoch 2 is the steady state
    warmup_steps: int = 5
    synthetic_steps: int = 40
    latency_repeats: int = 20
    latency_warmup: int = 5
    predict_images: int = 2048
    device: str = "cuda"


FULL = GpuSizes(
    dataset=DatasetSpec(train_per_class=1200, val_per_class=20, phone_images=4, predict_images=64)
)
DRY_RUN = GpuSizes(
    dataset=DatasetSpec(train_per_class=4, val_per_class=2, phone_images=1, predict_images=4),
    archs=("resnet18",),
    batch_size=8,
    reference_batch=8,
    epochs=2,
    warmup_steps=1,
    synthetic_steps=2,
    latency_repeats=2,
    latency_warmup=1,
    predict_images=16,
    device="cpu",
)


# =========================================================================== measurements


def _gpu_memory() -> dict:
    import torch

    if not torch.cuda.is_available():
        return {}
    return {"gpu_peak_mb": round(torch.cuda.max_memory_allocated() / 1024**2, 1)}


def g_train_fc(arch: str, dataset: str, batch: int, epochs: int, warmup: int, device: str) -> dict:
    """flowerclf.train from JPEG files: steady images/s of each epoch."""
    import flowerclf
    from flowerclf.core.events import StepEvent

    clocks: dict[int, StepClock] = {}
    seen = [0]

    def progress(event) -> None:
        if isinstance(event, StepEvent):
            clock = clocks.setdefault(event.epoch, StepClock())
            clock.step(event.images_seen - seen[0])
            seen[0] = event.images_seen

    config = flowerclf.TrainingConfig(
        arch=arch, weights="none", epochs=epochs, batch_size=batch, seed=SEED, device=device
    )
    start = time.perf_counter()
    result = flowerclf.train(dataset, config, progress)
    out = {
        "wall_s": time.perf_counter() - start,
        "epoch_ips": [e.images_per_second for e in result.history],
        "steady_ips": [clocks[e].rate(warmup) for e in sorted(clocks)],
        "precision": _precision(device),
        **_gpu_memory(),
    }
    return out


def g_loader(dataset: str, batch: int, epochs: int, warmup: int, device: str) -> dict:
    """The trainer's loader on its own, set up as ``train`` sets it up on CUDA.

    Spawned worker processes, min(8, cores) of them, the decoded-image cache,
    pinned memory on a GPU: how many images per second it can deliver with no
    model to feed. Runs on the CPU too (``--dry-run``), which checks the
    spawned-worker path that ``train`` only takes on a GPU.
    """
    import torch

    from flowerclf.core.data import scan_dataset
    from flowerclf.core.loading import BatchLoader, DecodedImageCache

    scan = scan_dataset(dataset)
    samples = scan.presplit[0] if scan.presplit else scan.samples
    loader = BatchLoader(
        samples,
        224,
        batch,
        train=True,
        seed=SEED,
        workers=min(8, os.cpu_count() or 1),
        cache=DecodedImageCache(),
        use_processes=True,
        pin_memory=torch.cuda.is_available() and device.startswith("cuda"),
    )
    rates = []
    try:
        for epoch in range(1, epochs + 1):
            clock = StepClock()
            for batch_ in loader.epoch(epoch):
                clock.step(len(batch_.indices))
            rates.append(clock.rate(warmup))
    finally:
        loader.close()
    return {"steady_ips": rates, "workers": loader.workers}


def _precision(device: str) -> str:
    import torch

    from flowerclf.core.device import choose_precision

    return choose_precision(torch.device(device), "auto").name


def g_synthetic_fc(
    arch: str, batch: int, steps: int, warmup: int, device: str, cudnn_benchmark: bool
) -> dict:
    """flowerclf's model, memory format, precision and step, fed tensors already on the device."""
    import torch

    torch.backends.cudnn.benchmark = cudnn_benchmark
    return {**harness.flowerclf_synthetic_rate(arch, batch, steps, warmup, device), **_gpu_memory()}


def g_train_all(arch: str, dataset: str, batch: int, epochs: int, warmup: int, device: str):
    """``flowerclf.train`` in every process torchrun started: ``batch`` images per process.

    With all GPUs an epoch of the drawn pictures is only a few steps, so the
    run takes more epochs and the rate is taken within epochs, after the first
    one: images of every step but each epoch's first, over the time between
    them (validation and each epoch's start left out, as the warm-up is on one GPU).
    """
    import flowerclf
    from flowerclf.core.events import StepEvent

    world = int(os.environ.get("WORLD_SIZE", "1"))
    stamps: list[tuple[int, float, int]] = []  # (epoch, time, images in all processes)
    seen = [0]

    def progress(event) -> None:
        if isinstance(event, StepEvent):
            stamps.append((event.epoch, time.perf_counter(), event.images_seen - seen[0]))
            seen[0] = event.images_seen

    config = flowerclf.TrainingConfig(
        arch=arch, weights="none", epochs=epochs, batch_size=batch * world, seed=SEED, device=device
    )
    start = time.perf_counter()
    result = flowerclf.train(dataset, config, progress)
    images, seconds = 0, 0.0
    for (e0, t0, _), (e1, t1, n1) in zip(stamps, stamps[1:]):
        if e0 == e1 and e1 > 1:
            images, seconds = images + n1, seconds + (t1 - t0)
    return {
        "wall_s": time.perf_counter() - start,
        "epoch_ips": [e.images_per_second for e in result.history],
        "steady_ips": [images / seconds] if seconds else [],
        "precision": _precision(device),
        "processes": world,
        **_gpu_memory(),
    }


def g_synthetic_all(arch: str, batch: int, steps: int, warmup: int, device: str) -> dict:
    """The synthetic step in every process torchrun started, through DistributedDataParallel."""
    import torch

    torch.backends.cudnn.benchmark = True  # as the trainer sets it
    rate = harness.flowerclf_synthetic_rate(arch, batch, steps, warmup, device, together=True)
    return {**rate, **_gpu_memory()}


def g_predict_folder(arch: str, files: list[str], batch: int, device: str) -> dict:
    """Classifier.predict over a folder's photos: images/s, fp32 and the faster format."""
    import torch
    from photos import CLASSES

    torch.manual_seed(SEED)
    classifier = harness.random_classifier(arch, [c[0] for c in CLASSES], device)
    out = {}
    for precision in ("fp32", "auto"):
        classifier.set_precision(precision)
        classifier.predict(files[: 2 * batch], batch_size=batch)  # warm-up
        start = time.perf_counter()
        classifier.predict(files, batch_size=batch)
        out[precision] = len(files) / (time.perf_counter() - start)
    out["auto_precision"] = classifier.precision
    out["images"] = len(files)
    return out


def g_train_ref(arch: str, train_dir: str, val_dir: str, batch: int, warmup: int, device: str):
    """The reference loop on the GPU: fp32, forked workers, one epoch."""
    import reference
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    train_set, train_loader, _ = reference.loaders(Path(train_dir), Path(val_dir), batch)
    model = reference.build_model(arch, len(train_set.classes)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    clock = StepClock()
    reference.train_epoch(
        model, train_loader, optimizer, nn.CrossEntropyLoss(), clock.step, device=device
    )
    return {
        "steady_ips": clock.rate(warmup),
        "workers": reference.num_workers(),
        **_gpu_memory(),
    }


def g_synthetic_ref(arch: str, batch: int, steps: int, warmup: int, device: str) -> dict:
    import reference

    model = reference.build_model(arch, 5).to(device)
    return {"ips": reference.synthetic_steps(model, steps, warmup, batch, device), **_gpu_memory()}


def g_latency(arch: str, files: dict, repeats: int, warmup: int, device: str) -> dict:
    """One photo, path to probabilities: the reference predict script and Classifier.predict."""
    import reference
    import torch
    from photos import CLASSES

    def timed(fn, paths: list[str]) -> float:
        return 1000 * median(harness.timed_runs(fn, paths, repeats, warmup))

    torch.manual_seed(SEED)
    model = reference.build_model(arch, len(CLASSES)).to(device).eval()
    classifier = harness.random_classifier(arch, [c[0] for c in CLASSES], device)
    out = {}
    for kind, paths in files.items():
        out[f"ref/{kind}"] = timed(lambda p: reference.predict_one(model, p, device), paths)
        for precision in ("fp32", "auto"):
            classifier.set_precision(precision)
            out[f"fc/{kind}/{precision}"] = timed(
                lambda p: classifier.predict([p], batch_size=1)[0].probs, paths
            )
        out["auto_precision"] = classifier.precision
    return out


MEASUREMENTS = {name[2:]: fn for name, fn in globals().items() if name.startswith("g_")}


# =========================================================================== the run


def gpu_count(sizes: GpuSizes) -> int:
    """The GPUs to use at once; a dry run on the CPU tries the torchrun path with 2 processes."""
    import torch

    return torch.cuda.device_count() if sizes.device == "cuda" else 2


def run_all(sizes: GpuSizes, work: Path) -> tuple[dict, dict]:
    paths = build_dataset(work, sizes.dataset, jobs=os.cpu_count() or 1)
    script = Path(__file__).resolve()
    results: dict[str, dict] = {}
    env = {"FLOWERCLF_CACHE": str(work / "feature-cache")}
    gpus = gpu_count(sizes)

    def child(key: str, name: str, extra_env: dict | None = None, processes: int = 1, **params):
        print(f"- {key} ...", flush=True)
        launcher = ()
        if processes > 1:
            launcher = (
                "-m",
                "torch.distributed.run",
                "--standalone",
                f"--nproc-per-node={processes}",
            )
        result = harness.run_child(
            script, name, params, {**env, **(extra_env or {})}, launcher=launcher
        )
        results[key] = result
        if "error" not in result:
            print(f"  {result}", flush=True)

    fc = dict(batch=sizes.batch_size, warmup=sizes.warmup_steps, device=sizes.device)
    ref = dict(batch=sizes.reference_batch, warmup=sizes.warmup_steps, device=sizes.device)
    child("loader", "loader", dataset=str(paths.dataset), epochs=sizes.epochs, **fc)
    for arch in sizes.archs:
        for decode, setting in (("gpu-decode", "on"), ("cpu-workers", "off")):
            child(
                f"train_fc/{arch}/{decode}",
                "train_fc",
                {"FLOWERCLF_DEVICE_DECODE": setting},
                arch=arch,
                dataset=str(paths.dataset),
                epochs=sizes.epochs,
                **fc,
            )
        for bench in (False, True):
            key = f"synthetic_fc/{arch}/{'cudnn-benchmark' if bench else 'default'}"
            steps = sizes.synthetic_steps
            child(key, "synthetic_fc", arch=arch, steps=steps, cudnn_benchmark=bench, **fc)
        if gpus > 1:
            child(
                f"train_all/{arch}",
                "train_all",
                processes=gpus,
                arch=arch,
                dataset=str(paths.dataset),
                epochs=sizes.epochs + 2 * gpus,  # an epoch is only a few steps on all GPUs
                **fc,
            )
            child(
                f"synthetic_all/{arch}",
                "synthetic_all",
                processes=gpus,
                arch=arch,
                steps=sizes.synthetic_steps,
                **fc,
            )
        child(
            f"train_ref/{arch}",
            "train_ref",
            arch=arch,
            train_dir=str(paths.train),
            val_dir=str(paths.val),
            **ref,
        )
        child(
            f"synthetic_ref/{arch}", "synthetic_ref", arch=arch, steps=sizes.synthetic_steps, **ref
        )
    first = dict(arch=sizes.archs[0], device=sizes.device)
    folder = sorted(str(f) for f in Path(paths.train).rglob("*.jpg"))[: sizes.predict_images]
    child("predict_folder", "predict_folder", files=folder, batch=sizes.batch_size, **first)
    files = {
        "small": [str(f) for f in paths.predict_files()],
        "phone": [str(f) for f in paths.phone_files()],
    }
    repeats = dict(repeats=sizes.latency_repeats, warmup=sizes.latency_warmup)
    child("latency", "latency", files=files, **repeats, **first)
    return results, describe(paths)


def _all_gpu_rows(r, arch: str, sizes: GpuSizes, one_synthetic: float | None) -> list[list[str]]:
    """Every GPU at once (torchrun, DistributedDataParallel): fed, synthetic, and the scaling."""
    fed_all = r(f"train_all/{arch}") or {}
    synth_all = r(f"synthetic_all/{arch}") or {}
    if not fed_all and not synth_all:
        return [[f"{arch} on all GPUs", "one GPU here: the rows above", "", "", ""]]
    gpus = synth_all.get("processes") or fed_all.get("processes") or "?"
    steady = fed_all.get("steady_ips") or []
    fed = steady[-1] if steady else None
    synth = synth_all.get("ips")
    ratio = fed / synth if fed and synth else None
    rows = [
        [
            f"{arch} fine-tune on {gpus} GPUs (torchrun, batch {sizes.batch_size} per GPU), "
            "images/s: data-fed (last epoch) / synthetic",
            f"{fmt(fed)} / {fmt(synth)}",
            fmt(ratio, 2),
            ">= 0.8",
            "" if ratio is None else ("pass" if ratio >= 0.8 else "FAIL"),
        ]
    ]
    if synth and one_synthetic and isinstance(gpus, int):
        rows.append(
            [
                f"  synthetic on {gpus} GPUs / {gpus} x one GPU (scaling)",
                "",
                fmt(synth / (gpus * one_synthetic), 2),
                "",
                "",
            ]
        )
    return rows


def build_table(results: dict, sizes: GpuSizes) -> str:
    rows: list[list[str]] = []
    r = results.get
    loader = (r("loader") or {}).get("steady_ips") or []
    if loader:
        rows.append(
            [
                f"flowerclf's loader alone ({r('loader')['workers']} spawned workers), images/s: "
                "first epoch / last epoch",
                " / ".join(fmt(v) for v in loader),
                "",
                "",
                "",
            ]
        )
    for arch in sizes.archs:
        synth = (r(f"synthetic_fc/{arch}/default") or {}).get("ips")
        synth_bench = (r(f"synthetic_fc/{arch}/cudnn-benchmark") or {}).get("ips")
        # the trainer turns cudnn.benchmark on: its synthetic twin is that one
        synth_train = synth_bench or synth
        fed = None
        for decode, words in (
            ("gpu-decode", "photos decoded on the GPU"),
            ("cpu-workers", "photos decoded by CPU workers"),
        ):
            fc = r(f"train_fc/{arch}/{decode}") or {}
            steady = fc.get("steady_ips") or []
            last = steady[-1] if steady else None  # the last epoch: workers started, caches warm
            fed = fed or last
            ratio = last / synth_train if last and synth_train else None
            precision = fc.get("precision", "")
            rows.append(
                [
                    f"{arch} fine-tune, flowerclf ({precision}, batch {sizes.batch_size}, "
                    f"{words}), images/s: data-fed (last epoch) / synthetic",
                    f"{fmt(last)} / {fmt(synth_train)}",
                    fmt(ratio, 2),
                    ">= 0.8",
                    "" if ratio is None else ("pass" if ratio >= 0.8 else "FAIL"),
                ]
            )
            if len(steady) > 1:
                rows.append(["  data-fed, first epoch", fmt(steady[0]), "", "", ""])
        if synth and synth_bench:
            rows.append(
                [
                    "  synthetic with cudnn.benchmark off / on",
                    f"{fmt(synth)} / {fmt(synth_bench)}",
                    fmt(synth_bench / synth, 2),
                    "",
                    "",
                ]
            )
        rows += _all_gpu_rows(r, arch, sizes, synth_train)
        ref = (r(f"train_ref/{arch}") or {}).get("steady_ips")
        ref_synth = (r(f"synthetic_ref/{arch}") or {}).get("ips")
        rows.append(
            [
                f"{arch} fine-tune, tutorial loop (fp32, batch {sizes.reference_batch}), "
                "images/s: data-fed / synthetic",
                f"{fmt(ref)} / {fmt(ref_synth)}",
                fmt(ref / ref_synth, 2) if ref and ref_synth else "",
                "",
                "",
            ]
        )
        if fed and ref:
            rows.append(
                ["  flowerclf / tutorial loop, data-fed", "", fmt(fed / ref, 2, "x"), "", ""]
            )
    folder = r("predict_folder") or {}
    if folder.get("fp32"):
        rows.append(
            [
                f"predict {folder['images']} 500x375 photos (batch {sizes.batch_size}), images/s: "
                f"fp32 / {folder.get('auto_precision')}",
                f"{fmt(folder['fp32'])} / {fmt(folder.get('auto'))}",
                "",
                "",
                "",
            ]
        )
    lat = r("latency") or {}
    for kind, label in (("small", "500x375"), ("phone", "4000x3000")):
        if f"ref/{kind}" not in lat:
            continue
        ref_ms = lat[f"ref/{kind}"]
        for precision in ("fp32", "auto"):
            fc_ms = lat[f"fc/{kind}/{precision}"]
            name = lat.get("auto_precision") if precision == "auto" else "fp32"
            rows.append(
                [
                    f"one {label} photo, ms: tutorial / flowerclf ({name})",
                    f"{ref_ms:.1f} / {fc_ms:.1f}",
                    fmt(ref_ms / fc_ms, 2, "x"),
                    "",
                    "",
                ]
            )
    table = harness.markdown_table(["measure", "value", "ratio", "target", ""], rows)
    failed = harness.failures(results)
    if failed:
        table += "\n\nFailed measurements:\n" + "\n".join(f"- {line}" for line in failed)
    return table


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        harness.child_main(MEASUREMENTS, argv)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dry-run", action="store_true", help="run the same code on the CPU with tiny sizes"
    )
    parser.add_argument("--archs", default=None, help="comma-separated (default resnet50)")
    parser.add_argument("--batch-size", type=int, default=None, help="flowerclf's batch (64)")
    parser.add_argument("--work", type=Path, default=None, help="work folder")
    parser.add_argument("--machine-name", default=None, help="names the results file")
    parser.add_argument("--no-save", action="store_true", help="print the table only")
    args = parser.parse_args(argv)

    import torch

    if not args.dry_run and not torch.cuda.is_available():
        print(
            "bench_gpu.py needs an NVIDIA GPU with CUDA, and torch here sees none "
            f"(torch {torch.__version__}, CUDA build: {torch.version.cuda or 'no'}).\n"
            "Run it on a CUDA machine, or use --dry-run to check the script on this CPU.",
            file=sys.stderr,
        )
        return 2
    sizes = DRY_RUN if args.dry_run else FULL
    if args.archs:
        sizes = replace(sizes, archs=tuple(a.strip() for a in args.archs.split(",")))
    if args.batch_size:
        sizes = replace(sizes, batch_size=args.batch_size)
    work = (args.work or harness.WORK_DIR) / ("gpu-dry-run" if args.dry_run else "gpu")
    started = time.perf_counter()
    info = harness.machine_info()
    print(f"Machine: {harness.describe_machine(info)}\n", flush=True)
    results, dataset = run_all(sizes, work)
    seconds = time.perf_counter() - started
    table = build_table(results, sizes)
    print("\n" + table + f"\n\nWhole run: {seconds / 60:.1f} minutes.")
    if args.dry_run or args.no_save:
        return 0
    gpu = info["gpu"]["name"]
    entry = "\n".join(
        [
            f"## {harness.now_utc()} · bench_gpu.py",
            "",
            f"Machine: {harness.describe_machine(info)}.",
            "",
            f"Pictures: {dataset['train']['count']} training 500x375 JPEGs; "
            f"{dataset['phone']['count']} 4000x3000. Whole run: {seconds / 60:.1f} minutes.",
            "",
            table,
        ]
    )
    record = {
        "date": harness.now_utc(),
        "script": "bench_gpu.py",
        "machine": info,
        "sizes": asdict(sizes),
        "dataset": dataset,
        "seconds": round(seconds, 1),
        "results": results,
    }
    harness.save_results(
        harness.machine_slug(info, args.machine_name), args.machine_name or gpu, entry, record
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
