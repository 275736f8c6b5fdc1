"""What both benchmark scripts share: the machine's description, one process per
measurement (so that each peak memory figure is its own), and the results files.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WORK_DIR = BENCH_DIR / "_work"  # git-ignored

# the instruction sets that decide CPU speed, as torch names them
ISA_KEYS = ("avx2", "avx512_f", "avx512_bf16", "amx_tile", "amx_bf16", "avx512_fp16")


# --------------------------------------------------------------------------- the machine


def cpu_model() -> str:
    from flowerclf.core.device import cpu_name

    return cpu_name()


def instruction_sets() -> dict[str, bool]:
    """The instruction sets that matter for torch on the CPU, as torch sees them."""
    import torch

    try:
        caps = torch._C._cpu._get_cpu_capability()  # noqa: SLF001 - torch's own detection
        return {key: bool(caps.get(key)) for key in ISA_KEYS}
    except Exception:  # older torch: read the kernel's flags
        try:
            flags = set(Path("/proc/cpuinfo").read_text().split())
        except OSError:
            flags = set()
        names = {"avx512_f": "avx512f"}
        return {key: names.get(key, key) in flags for key in ISA_KEYS}


def machine_info() -> dict:
    """CPU, cores, memory, versions and instruction sets: what to record beside the numbers."""
    import PIL
    import torch
    import torchvision

    caps: dict = {}
    try:
        caps = torch._C._cpu._get_cpu_capability()  # noqa: SLF001
    except Exception:
        pass
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        memory_gb = None
    info = {
        "cpu": cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": caps.get("num_physical_cores"),
        "memory_gb": round(memory_gb, 1) if memory_gb else None,
        "torch_threads": torch.get_num_threads(),
        "instruction_sets": instruction_sets(),
        "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "pillow": PIL.__version__,
        "python": platform.python_version(),
        "os": platform.platform(),
        "gpu": None,
    }
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info["gpu"] = {
            "name": props.name,
            "memory_gb": round(props.total_memory / 1024**3, 1),
            "count": torch.cuda.device_count(),
            "cuda": torch.version.cuda,
            "cudnn": torch.backends.cudnn.version(),
            "bf16": torch.cuda.is_bf16_supported(),
        }
    return info


def machine_slug(info: dict, name: str | None = None) -> str:
    """A file name for the machine: the name given, or the CPU (or GPU) and its cores."""
    if name:
        base = name
    elif info.get("gpu"):
        base = f"{info['gpu']['name']}"
    else:
        base = f"{info['cpu']}-{info['logical_cores']}-cores"
    base = re.sub(r"\((?:R|TM)\)|CPU|Processor|\d+-Core", "", base, flags=re.I)
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    return slug or "machine"


def describe_machine(info: dict) -> str:
    sets = info["instruction_sets"]
    isa = ", ".join(k for k, v in sets.items() if v) or "none of note"
    missing = [k for k, v in sets.items() if not v]
    if missing:
        isa += f" (not: {', '.join(missing)})"
    text = (
        f"{info['cpu']}, {info['logical_cores']} logical cores "
        f"({info.get('physical_cores') or '?'} physical), {info.get('memory_gb')} GB; "
        f"instruction sets: {isa}; torch {info['torch']} "
        f"({info['torch_threads']} threads), torchvision {info['torchvision']}, "
        f"Pillow {info['pillow']}, Python {info['python']}"
    )
    if info.get("gpu"):
        gpu = info["gpu"]
        text += f"; GPU: {gpu['name']} ({gpu['memory_gb']} GB, CUDA {gpu['cuda']})"
    return text


# --------------------------------------------------------------------------- processes


def _vm_hwm_mb(pid: int | str = "self") -> float | None:
    """A process's peak resident memory (VmHWM), MiB; None where /proc is missing."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory, MiB.

    VmHWM rather than ``getrusage``: on Linux ``ru_maxrss`` survives ``exec``, so
    a fresh child would report its parent's peak.
    """
    hwm = _vm_hwm_mb()
    if hwm is not None:
        return round(hwm, 1)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(own / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class ChildMemory:
    """The largest peak memory among this process's child processes (loader workers).

    Sampled while they run (call ``sample``): a finished worker's peak is lost.
    A forked worker's figure counts the pages it still shares with its parent.
    """

    def __init__(self) -> None:
        self.peak_mb: float | None = None

    def sample(self, *_args) -> None:
        for pid in _child_pids():
            hwm = _vm_hwm_mb(pid)
            if hwm is not None and (self.peak_mb is None or hwm > self.peak_mb):
                self.peak_mb = round(hwm, 1)


def _child_pids() -> list[int]:
    pids: list[int] = []
    try:
        tasks = list(Path("/proc/self/task").iterdir())
    except OSError:
        return pids
    for task in tasks:
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except (OSError, ValueError):
            pass
    return pids


def run_child(
    script: Path,
    name: str,
    params: dict,
    env: dict | None = None,
    log=print,
    launcher: Sequence[str] = (),
) -> dict:
    """Run one measurement in a fresh Python process: its JSON result.

    A failed measurement gives ``{"error": ...}`` (its traceback is printed above).
    ``launcher``: what starts the script instead of plain Python (torchrun's
    arguments, say); then only the first process's result is read.
    """
    out = WORK_DIR / "last-result.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        *launcher,
        str(script),
        "--child",
        name,
        "--params",
        json.dumps(params),
        "--result",
        str(out),
    ]
    started = time.perf_counter()
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), full_env.get("PYTHONPATH", "")) if p
    )
    completed = subprocess.run(command, env=full_env, cwd=str(REPO))
    seconds = time.perf_counter() - started
    if not out.exists():
        log(f"  ! {name} failed (exit code {completed.returncode}); see the messages above")
        return {"error": f"exit code {completed.returncode}", "process_seconds": round(seconds, 1)}
    result = json.loads(out.read_text())
    result["process_seconds"] = round(seconds, 1)
    if "error" in result:
        log(f"  ! {name} failed: {result['error']}")
    return result


def child_main(measurements: dict[str, Callable[..., dict]], argv: list[str]) -> None:
    """The child side of ``run_child``: run one measurement, write its result as JSON."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True)
    parser.add_argument("--params", required=True)
    parser.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    rank = os.environ.get("RANK", "0")
    if rank != "0":  # one of several processes (torchrun): the first one's result is the run's
        args.result = f"{args.result}.rank{rank}"
    try:
        result = measurements[args.child](**json.loads(args.params))
    except BaseException as error:
        # the parent reports the failure and goes on with the other measurements
        Path(args.result).write_text(json.dumps({"error": f"{type(error).__name__}: {error}"}))
        raise
    result["peak_rss_mb"] = peak_rss_mb()
    Path(args.result).write_text(json.dumps(result))


# --------------------------------------------------------------------------- synthetic training


def flowerclf_synthetic_rate(
    arch: str, batch: int, steps: int, warmup: int, device: str, together: bool = False
) -> dict:
    """flowerclf's training step on tensors already on the device: images/s after warm-up.

    The same model, memory format (channels-last), precision ("auto") and step
    as ``flowerclf.train`` (its own ``training_step``), so that the only
    difference from a data-fed run is where the images come from. With
    ``together`` (under torchrun), every process takes ``batch`` images per step
    through DistributedDataParallel, and the rate is that of all of them.
    """
    import torch
    from torch import nn

    from flowerclf.core import distributed
    from flowerclf.core.device import choose_precision
    from flowerclf.core.models import build_model
    from flowerclf.core.training import keep_batchnorm_fp32, training_step

    dev = torch.device(device)
    world = distributed.SINGLE
    if together:
        world, dev = distributed.start(dev)
    precision = choose_precision(dev, "auto")
    torch.manual_seed(0)
    network = build_model(arch, 5, "none").to(dev, memory_format=torch.channels_last)
    model = network
    if world.active:
        from torch.nn.parallel import DistributedDataParallel

        model = DistributedDataParallel(network, device_ids=[dev] if dev.type == "cuda" else None)
    optimizer = torch.optim.Adam(network.parameters(), lr=1e-4)
    scaler = torch.amp.GradScaler(dev.type) if precision.use_grad_scaler else None
    loss_fn = nn.CrossEntropyLoss()
    images = torch.randn(batch, 3, 224, 224, device=dev)
    images = images.contiguous(memory_format=torch.channels_last)
    labels = torch.randint(0, 5, (batch,), device=dev)
    network.train()
    keep_batchnorm_fp32(network, precision, dev)  # exactly as the trainer does
    start = 0.0
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        training_step(model, images, labels, optimizer, precision, dev, loss_fn, scaler)
    seconds = time.perf_counter() - start
    distributed.finish(world)
    return {
        "ips": steps * batch * world.world_size / seconds,
        "precision": precision.name,
        "processes": world.world_size,
    }


# --------------------------------------------------------------------------- prediction


def random_classifier(arch: str, classes: list[str], device: str = "cpu", precision: str = "fp32"):
    """A flowerclf Classifier with random weights (seed 0): the speed of a trained one."""
    import torch

    from flowerclf.core.models import build_model
    from flowerclf.core.predict import Classifier

    torch.manual_seed(0)
    network = build_model(arch, len(classes), "none").to(device)
    return Classifier(network, arch, classes, precision=precision)


def timed_runs(fn: Callable[[str], object], files: list[str], repeats: int, warmup: int) -> list:
    """Seconds for each of ``repeats`` calls of ``fn(file)``, after ``warmup`` untimed ones."""
    for i in range(warmup):
        fn(files[i % len(files)])
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        fn(files[i % len(files)])
        times.append(time.perf_counter() - start)
    return times


# --------------------------------------------------------------------------- statistics


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return float("nan")
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest-rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


class StepClock:
    """Time stamps after each training step: the rate once the first steps are past."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.stamps: list[tuple[float, int]] = []  # (time, images in that step)

    def step(self, images: int) -> None:
        self.stamps.append((time.perf_counter(), images))

    def rate(self, warmup_steps: int) -> float | None:
        """Images/s over the steps after ``warmup_steps`` (which absorb start-up costs)."""
        if len(self.stamps) <= warmup_steps + 1:
            warmup_steps = 0
        if warmup_steps == 0:
            t0 = self.start
            counted = self.stamps
        else:
            t0 = self.stamps[warmup_steps - 1][0]
            counted = self.stamps[warmup_steps:]
        if not counted:
            return None
        return sum(n for _, n in counted) / max(counted[-1][0] - t0, 1e-9)

    def images(self) -> int:
        return sum(n for _, n in self.stamps)


# --------------------------------------------------------------------------- results files


def fmt(value, digits: int = 1, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        return f"{value:.{digits}f}{suffix}"
    return f"{value}{suffix}"


def failures(results: dict) -> list[str]:
    """'name: error' for each measurement that failed."""
    return [f"{key}: {value['error']}" for key, value in results.items() if "error" in value]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def save_results(
    slug: str, title: str, entry_markdown: str, record: dict, log=print
) -> tuple[Path, Path]:
    """Prepend a run to results/<slug>.md and results/<slug>.json (newest first)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    md_path = RESULTS_DIR / f"{slug}.md"
    json_path = RESULTS_DIR / f"{slug}.json"
    header = (
        f"# flowerclf speed: {title}\n\nRuns of the benchmarks on this machine, newest first.\n"
    )
    old_entries = ""
    if md_path.exists():
        text = md_path.read_text(encoding="utf-8")
        cut = text.find("\n## ")
        old_entries = text[cut + 1 :] if cut >= 0 else ""
    body = header + "\n" + entry_markdown.strip() + "\n"
    if old_entries:
        body += "\n" + old_entries.strip() + "\n"
    md_path.write_text(body, encoding="utf-8")
    runs = []
    if json_path.exists():
        try:
            runs = json.loads(json_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            runs = []
    json_path.write_text(json.dumps([record, *runs], indent=1) + "\n", encoding="utf-8")
    log(f"Results written to {md_path.relative_to(REPO)} and {json_path.relative_to(REPO)}")
    return md_path, json_path


def now_utc() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# --------------------------------------------------------------------------- the app


def offscreen_app():
    """The QApplication for a measurement of the app, with settings in a fresh folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="fc-app-")
    )
    return app


def wait_until(app, condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for the app")
        app.processEvents()
        time.sleep(0.01)


class Heartbeat:
    """A precise QTimer on the GUI thread that records when it fires: is the window responsive?

    ``start()`` returns the start time; after ``stop()``, ``stats()`` gives the
    longest gap between ticks and the 99th percentile of their lateness, in ms.
    """

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.interval_ms = interval_ms
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> float:
        self.ticks.append(time.perf_counter())
        self.timer.start()
        return self.ticks[0]

    def stop(self) -> None:
        self.timer.stop()

    def stats(self) -> dict:
        intervals = [1000 * (b - a) for a, b in zip(self.ticks, self.ticks[1:])]
        lateness = [max(0.0, i - self.interval_ms) for i in intervals]
        return {
            "ticks": len(self.ticks),
            "max_stall_ms": max(intervals),
            "p99_late_ms": percentile(lateness, 99),
            "median_interval_ms": median(intervals),
        }
