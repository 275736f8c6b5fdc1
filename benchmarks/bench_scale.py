"""Scale without loss: a 50,000-photo folder scanned, 20,000 photos predicted to a file.

    python benchmarks/bench_scale.py              # the full run (about 5 minutes on 2 cores)
    python benchmarks/bench_scale.py --quick      # a smoke run with fewer photos

What it measures, each in its own process:

- **scan**: ``scan_dataset`` on a folder of small JPEGs (two classes), seconds.
- **scan in the app**: the Train tab's TrainingRun looking through the same
  folder in its task thread while a 10 ms QTimer ticks on the GUI thread: the
  longest stall and the 99th percentile of lateness, which say whether the
  window stays responsive.
- **predict to CSV and to JSON**: ``flowerclf predict MODEL FOLDER --format csv``
  (and json) written to a file as the rows come: seconds, and the growth of the
  process's memory from just after the model is loaded to its peak, sampled
  from /proc every 50 ms. The model is a resnet18 with random weights and a
  64-pixel input: the point is the streaming, not the network.
- **interrupted predict**: the same command sent SIGINT after a few seconds;
  the rows written by then must all be whole (every CSV line parses, with the
  right number of fields).

Targets (issue "Nothing lost", item 7): scan under 20 s, app stall under
100 ms, memory growth under 300 MB. Results go to benchmarks/results/ with
the machine they were measured on.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import harness  # noqa: E402

TARGET_SCAN_S = 20.0
TARGET_STALL_MS = 100.0
TARGET_GROWTH_MB = 300.0


def make_photos(root: Path, count: int) -> Path:
    """``count`` small JPEGs in two class folders (kept between runs)."""
    from PIL import Image

    marker = root / f".complete-{count}"
    if marker.exists():
        return root
    for index in range(count):
        label = ("red", "blue")[index % 2]
        folder = root / label / f"{index // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        shade = (index * 37) % 200
        colour = (220, shade, 40) if label == "red" else (40, shade, 220)
        Image.new("RGB", (64, 48), colour).save(folder / f"{index:06d}.jpg", quality=80)
    marker.write_text("done")
    return root


def m_scan(folder: str) -> dict:
    from flowerclf.core.data import scan_dataset

    start = time.perf_counter()
    scan = scan_dataset(folder)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "images": len(scan.samples), "skipped": len(scan.skipped)}


def m_scan_app(folder: str, interval_ms: int = 10) -> dict:
    """The Train tab's scan in its task thread, with a heartbeat on the GUI thread."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from flowerclf.gui.session import Session
    from flowerclf.gui.tasks import TaskRunner
    from flowerclf.gui.training_run import TrainingRun

    app = QApplication.instance() or QApplication([])
    import flowerclf.core.data  # noqa: F401 - loaded before, as the app's warm-up does

    runner = TaskRunner()
    run = TrainingRun(Session(runner), runner)
    heartbeat = harness.Heartbeat(interval_ms)
    loop = QEventLoop()
    run.scanned.connect(lambda scan: loop.quit())
    run.scanFailed.connect(lambda error: loop.quit())
    start = heartbeat.start()
    run.set_folder(folder)
    loop.exec()
    seconds = time.perf_counter() - start
    heartbeat.stop()
    app.processEvents()
    return {
        "seconds": seconds,
        "images": len(run.scan.samples) if run.scan is not None else 0,
        **heartbeat.stats(),
    }


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def predict_to_file(model: Path, folder: Path, fmt: str, out: Path, stop_after: float | None):
    """Run the CLI, sampling its memory; SIGINT after ``stop_after`` seconds if given."""
    command = [sys.executable, "-m", "flowerclf", "predict", str(model), str(folder)]
    command += ["--format", fmt, "--batch-size", "64"]
    with open(out, "w", encoding="utf-8") as handle:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=handle, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[float, float, int]] = []
        while child.poll() is None:
            rss = _rss_mb(child.pid)
            elapsed = time.perf_counter() - start
            if rss is not None:
                samples.append((elapsed, rss, out.stat().st_size))
            if stop_after is not None and elapsed > stop_after:
                child.send_signal(signal.SIGINT)
                stop_after = None
            time.sleep(0.05)
        stderr = child.stderr.read() if child.stderr else ""
        seconds = time.perf_counter() - start
    return child.returncode, seconds, samples, stderr


def m_predict(model: str, folder: str, fmt: str, out: str) -> dict:
    code, seconds, samples, stderr = predict_to_file(
        Path(model), Path(folder), fmt, Path(out), None
    )
    rows = _count_rows(Path(out), fmt)
    # Memory "after the model is loaded": the first sample once rows started to flow
    # is late; take the RSS when the output file first grew, from the samples.
    rss = [r for _, r, _ in samples]
    baseline = _baseline(samples)
    return {
        "exit": code,
        "seconds": seconds,
        "rows": rows,
        "images_per_second": rows / seconds if seconds else 0.0,
        "peak_rss_mb": max(rss) if rss else None,
        "rss_when_rows_start_mb": baseline,
        "growth_mb": (max(rss) - baseline) if rss and baseline is not None else None,
        "stderr": stderr.strip()[-300:],
    }


def _baseline(samples: list[tuple[float, float, int]]) -> float | None:
    """The memory once the first rows are out: torch, the model and the first batch loaded.

    What grows after that is what streaming must keep flat.
    """
    flowing = [rss for _, rss, size in samples if size > 200]
    return flowing[0] if flowing else None


def _count_rows(path: Path, fmt: str) -> int:
    with open(path, encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            return max(0, sum(1 for _ in csv.reader(handle)) - 1)
        return sum(1 for line in handle if line.strip())


def m_interrupt(model: str, folder: str, out: str, after_s: float) -> dict:
    code, seconds, _, stderr = predict_to_file(Path(model), Path(folder), "csv", Path(out), after_s)
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    whole = all(len(row) == len(header) for row in body)
    return {
        "exit": code,
        "seconds": seconds,
        "rows_written": len(body),
        "all_rows_whole": whole,
        "message": stderr.strip()[-200:],
    }


def make_model(path: Path) -> Path:
    from flowerclf.core.modelfile import save_model
    from flowerclf.core.models import build_model
    from flowerclf.core.predict import Classifier

    if not path.exists():
        classifier = Classifier(build_model("resnet18", 2, "none"), "resnet18", ["blue", "red"], 64)
        save_model(classifier, path)
    return path


MEASUREMENTS = {
    "scan": m_scan,
    "scan_app": m_scan_app,
    "predict": m_predict,
    "interrupt": m_interrupt,
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        harness.child_main(MEASUREMENTS, argv)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--machine-name", default=None)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    scan_count, predict_count = (5_000, 2_000) if args.quick else (50_000, 20_000)
    work = harness.WORK_DIR / "scale"
    work.mkdir(parents=True, exist_ok=True)
    info = harness.machine_info()
    print(f"Machine: {harness.describe_machine(info)}", flush=True)
    started = time.perf_counter()
    big = make_photos(work / f"photos-{scan_count}", scan_count)
    medium = make_photos(work / f"photos-{predict_count}", predict_count)
    model = make_model(work / "random-resnet18-64px.safetensors")
    print(f"Photos ready ({time.perf_counter() - started:.0f} s).", flush=True)
    script = Path(__file__).resolve()
    results = {
        "scan": harness.run_child(script, "scan", {"folder": str(big)}),
        "scan_app": harness.run_child(script, "scan_app", {"folder": str(big)}),
    }
    for fmt in ("csv", "json"):
        out = work / f"predictions.{fmt}"
        results[f"predict_{fmt}"] = harness.run_child(
            script,
            "predict",
            {"model": str(model), "folder": str(medium), "fmt": fmt, "out": str(out)},
        )
    results["interrupt"] = harness.run_child(
        script,
        "interrupt",
        {"model": str(model), "folder": str(medium), "out": str(work / "cut.csv"), "after_s": 8.0},
    )
    table = build_table(results, scan_count, predict_count)
    print("\n" + table)
    if not args.no_save:
        record = {
            "date": harness.now_utc(),
            "script": "bench_scale.py",
            "quick": args.quick,
            "machine": info,
            "results": results,
        }
        slug = harness.machine_slug(info, args.machine_name) + "-scale"
        title = f"scale, {args.machine_name or info['cpu']}"
        entry = (
            f"## {record['date']}: bench_scale.py{' --quick' if args.quick else ''}\n\n"
            f"Machine: {harness.describe_machine(info)}\n\n{table}\n\n"
            f"Whole run: {(time.perf_counter() - started) / 60:.1f} minutes, photos made "
            "beforehand (64 x 48 JPEGs; page cache warm). Predictions: a resnet18 with "
            "random weights and a 64-pixel input, batches of 64.\n"
        )
        harness.save_results(slug, title, entry, record)
    return 0


def build_table(results: dict, scan_count: int, predict_count: int) -> str:
    fmt = harness.fmt
    scan, app = results["scan"], results["scan_app"]
    rows = [
        [f"scan {scan_count:,} photos, s", fmt(scan.get("seconds")), f"< {TARGET_SCAN_S:g}",
         _verdict(scan.get("seconds"), TARGET_SCAN_S)],
        ["the same scan in the app, s", fmt(app.get("seconds")), "", ""],
        ["  GUI heartbeat: longest stall, ms", fmt(app.get("max_stall_ms")),
         f"< {TARGET_STALL_MS:g}", _verdict(app.get("max_stall_ms"), TARGET_STALL_MS)],
        ["  GUI heartbeat: p99 lateness, ms", fmt(app.get("p99_late_ms")), "", ""],
    ]  # fmt: skip
    for kind in ("csv", "json"):
        r = results[f"predict_{kind}"]
        rows.append(
            [f"predict {predict_count:,} photos to {kind.upper()}: rows, images/s",
             f"{r.get('rows')} rows, {fmt(r.get('images_per_second'))}", "", ""]
        )  # fmt: skip
        rows.append(
            [f"  memory growth while streaming {kind.upper()}, MB", fmt(r.get("growth_mb")),
             f"< {TARGET_GROWTH_MB:g}", _verdict(r.get("growth_mb"), TARGET_GROWTH_MB)]
        )  # fmt: skip
    cut = results["interrupt"]
    rows.append(
        ["Ctrl+C after 8 s: rows kept, all whole", f"{cut.get('rows_written')}, "
         f"{'yes' if cut.get('all_rows_whole') else 'NO'}", "all whole",
         "pass" if cut.get("all_rows_whole") and cut.get("rows_written") else "FAIL"]
    )  # fmt: skip
    return harness.markdown_table(["", "measured", "target", ""], rows)


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "pass" if value < limit else "FAIL"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
