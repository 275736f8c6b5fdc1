"""bench_cpu.py's report: the markdown table of ratios and targets, and the results entry.

``build_table`` turns the measurements (plain JSON, as saved in the results
files) into rows of reference | flowerclf | ratio | target | pass/fail, so a
stored run can be re-tabled without measuring again.
"""

from __future__ import annotations

import harness
from harness import fmt, median
from photos import CLASSES

# forward + backward cost of one 224x224 image in multiply-adds (3x the forward
# pass; torchvision's "GFLOPS" count multiply-adds). One multiply-add is 2 FLOP,
# the unit of the matmul and convolution rates below.
TRAIN_GMACS = {"resnet18": 5.4, "resnet34": 11.0, "resnet50": 12.3}


def _ratio(new, old) -> float | None:
    if new is None or old is None or old == 0:
        return None
    return new / old


def _check(value, target: float | None, higher_is_better: bool = True) -> str:
    if value is None or target is None:
        return ""
    ok = value >= target if higher_is_better else value <= target
    return "pass" if ok else "FAIL"


def build_table(results: dict, sizes, archs: tuple[str, ...]) -> str:
    """The markdown table: reference | flowerclf | ratio | target | pass/fail."""
    r = results.get
    rows: list[list[str]] = []

    def fc_row(name, value, target, verdict, ratio=""):
        """A row with flowerclf's number alone (no reference counterpart)."""
        rows.append([name, "", value, ratio, target, verdict])

    def row(name, ref, fc, ratio=None, target="", verdict="", digits=1, unit=""):
        rows.append(
            [
                name,
                ref if isinstance(ref, str) else fmt(ref, digits, unit),
                fc if isinstance(fc, str) else fmt(fc, digits, unit),
                fmt(ratio, 2, "x"),
                target,
                verdict,
            ]
        )

    ceiling = r("ceiling") or {}
    fp32_peak, bf16_peak = ceiling.get("fp32_gflops"), ceiling.get("bf16_gflops")
    conv32, conv16 = ceiling.get("conv_fp32_gflops"), ceiling.get("conv_bf16_gflops")
    fc_uses_bf16 = _fc_uses_bf16(results)
    if ceiling:
        row("matmul ceiling, GFLOP/s (fp32 / bf16)", fp32_peak, bf16_peak, digits=0)
    if conv32 and conv16:
        row(
            "ResNet 3x3 convolutions, GFLOP/s (fp32 / bf16); ratio = the most bf16 can give",
            conv32,
            conv16,
            _ratio(conv16, conv32),
            digits=0,
        )

    for arch in archs:
        ref, fc = r(f"train_ref/{arch}"), r(f"train_fc/{arch}")
        if not (ref or fc):
            continue
        ref_ips = (ref or {}).get("steady_ips")
        fc_ips = (fc or {}).get("steady_ips")
        ratio = _ratio(fc_ips, ref_ips)
        is_34 = arch == "resnet34"
        row(
            f"fine-tune {arch}, images/s incl. loading (epoch 1)",
            ref_ips,
            fc_ips,
            ratio,
            ">= 2.5x" if is_34 else "",
            _check(ratio, 2.5) if is_34 else "",
        )
        if fc and "epoch2_steady_ips" in fc:
            ratio2 = _ratio(fc["epoch2_steady_ips"], ref_ips)
            row(
                f"fine-tune {arch}, epoch 2 (decode cache warm)",
                ref_ips,
                fc["epoch2_steady_ips"],
                ratio2,
            )
        sref, sfc = r(f"synthetic_ref/{arch}"), r(f"synthetic_fc/{arch}")
        if sref or sfc:
            s_ref, s_fc = (sref or {}).get("ips"), (sfc or {}).get("ips")
            row(f"  {arch} on synthetic tensors, images/s", s_ref, s_fc, _ratio(s_fc, s_ref))
            fed_ref, fed_fc = _ratio(ref_ips, s_ref), _ratio(fc_ips, s_fc)
            row(
                f"  {arch} data-fed / synthetic",
                fmt(fed_ref, 2),
                fmt(fed_fc, 2),
                None,
                ">= 0.8",
                _check(fed_fc, 0.8),
            )
        gflop = 2 * TRAIN_GMACS[arch]
        if conv32 and conv16 and (ref_ips or fc_ips):
            fc_name = "bf16" if fc_uses_bf16 else "fp32"
            ref_text = _share(ref_ips, gflop, "fp32", conv32, fp32_peak)
            fc_text = _share(
                fc_ips,
                gflop,
                fc_name,
                conv16 if fc_uses_bf16 else conv32,
                bf16_peak if fc_uses_bf16 else fp32_peak,
            )
            row(f"  {arch} share of the convolution rate (and of matmul)", ref_text, fc_text)

    ll_ref, cold, warm = r("lastlayer_ref"), r("lastlayer_fc/cold"), r("lastlayer_fc/warm")
    if ll_ref or cold:
        ref_epochs = (ll_ref or {}).get("epoch_s") or []
        cold_epochs = (cold or {}).get("epoch_s") or []
        first_ratio = _ratio(
            ref_epochs[0] if ref_epochs else None, cold_epochs[0] if cold_epochs else None
        )
        row(
            "last layer only (resnet34), first epoch, s",
            ref_epochs[0] if ref_epochs else None,
            cold_epochs[0] if cold_epochs else None,
            first_ratio,
            ">= 6x",
            _check(first_ratio, 6),
        )
        if conv16 and ref_epochs:
            # The first epoch must run the backbone once over every training and
            # validation picture: at the bf16 convolution rate, with nothing else.
            spec = sizes.dataset
            pictures = len(CLASSES) * (spec.train_per_class + spec.val_per_class)
            floor_s = pictures * 2 * TRAIN_GMACS["resnet34"] / 3 / conv16
            row(
                f"  the backbone alone on {pictures} pictures at the bf16 convolution rate, s",
                ref_epochs[0],
                floor_s,
                _ratio(ref_epochs[0], floor_s),
                "the most any code could reach here",
                digits=2,
            )
        later_ref = median(ref_epochs[1:]) if len(ref_epochs) > 1 else None
        later_fc = median(cold_epochs[1:]) if len(cold_epochs) > 1 else None
        row(
            "  later epochs (median), s",
            later_ref,
            later_fc,
            _ratio(later_ref, later_fc),
            "near-instant (< 1 s)",
            _check(later_fc, 1.0, higher_is_better=False),
            digits=3,
        )
        ref_wall = (ll_ref or {}).get("wall_s")
        row(
            f"  whole run ({sizes.lastlayer_epochs} epochs), s: first run",
            ref_wall,
            (cold or {}).get("wall_s"),
            _ratio(ref_wall, (cold or {}).get("wall_s")),
        )
        row(
            "  whole run, s: second run (features cached)",
            ref_wall,
            (warm or {}).get("wall_s"),
            _ratio(ref_wall, (warm or {}).get("wall_s")),
        )

    lat_ref, lat_fc = r("latency_ref"), r("latency_fc")
    if lat_ref or lat_fc:
        for kind, label in (("small", "500x375"), ("phone", "4000x3000")):
            ref_ms = ((lat_ref or {}).get(kind) or {}).get("median_ms")
            for precision in ("fp32", "auto"):
                entry = (lat_fc or {}).get(f"{kind}/{precision}") or {}
                fc_ms = entry.get("median_ms")
                ratio = _ratio(ref_ms, fc_ms)
                wants = kind == "phone"
                shown = entry.get("precision", precision)
                row(
                    f"one {label} photo, path to probabilities, ms ({shown})",
                    ref_ms,
                    fc_ms,
                    ratio,
                    ">= 3x" if wants else "",
                    _check(ratio, 3) if wants else "",
                    digits=0,
                )
    lat_app = r("latency_app")
    if lat_app:
        ref_ms = ((lat_ref or {}).get("phone") or {}).get("median_ms")
        app_ms = (lat_app.get("phone") or {}).get("median_ms")
        row(
            "  the same photo dropped on the app's Predict tab, until its bars show, ms (fp32)",
            ref_ms,
            app_ms,
            _ratio(ref_ms, app_ms),
            digits=0,
        )
    fol_ref, fol_fc = r("folder_ref"), r("folder_fc")
    if fol_ref or fol_fc:
        for kind, label in (("small", "500x375"), ("phone", "4000x3000")):
            ref_ips = ((fol_ref or {}).get(kind) or {}).get("ips")
            for precision in ("fp32", "auto"):
                entry = (fol_fc or {}).get(f"{kind}/{precision}") or {}
                ratio = _ratio(entry.get("ips"), ref_ips)
                row(
                    f"folder of {label} photos, images/s ({entry.get('precision', precision)})",
                    ref_ips,
                    entry.get("ips"),
                    ratio,
                    ">= 3x",
                    _check(ratio, 3),
                )

    memory_rows = [
        ("fine-tune resnet34", "train_ref/resnet34", "train_fc/resnet34"),
        ("last layer only, first run", "lastlayer_ref", "lastlayer_fc/cold"),
        ("predict one photo (both sizes)", "latency_ref", "latency_fc"),
        ("predict folders", "folder_ref", "folder_fc"),
    ]
    for label, ref_key, fc_key in memory_rows:
        ref, fc = r(ref_key), r(fc_key)
        if not (ref or fc):
            continue
        ref_text = fmt((ref or {}).get("peak_rss_mb"), 0)
        if (ref or {}).get("worker_peak_rss_mb"):
            ref_text += f" + {ref['worker_peak_rss_mb']:.0f} per loader worker"
        row(f"peak memory (RSS), MiB: {label}", ref_text, fmt((fc or {}).get("peak_rss_mb"), 0))

    gaps, fp32_runs = [], []
    for seed in sizes.accuracy_seeds:
        acc32, acc_auto = r(f"accuracy/fp32/seed{seed}"), r(f"accuracy/auto/seed{seed}")
        if not (acc32 or acc_auto):
            continue
        a, b = (acc32 or {}).get("best_val_accuracy"), (acc_auto or {}).get("best_val_accuracy")
        gap = (b - a) * 100 if a is not None and b is not None else None
        if gap is not None:
            gaps.append(gap)
        if a is not None:
            fp32_runs.append(100 * a)
        name = (acc_auto or {}).get("precision", "auto")
        fc_row(
            f"validation accuracy, resnet34 from scratch, {sizes.accuracy_epochs} epochs, "
            f"seed {seed}: flowerclf fp32 / {name} (its default)",
            f"{fmt(_percent(a), 1, '%')} / {fmt(_percent(b), 1, '%')}",
            "",
            "",
            ratio=f"{fmt(gap, 1)} points",
        )
    if gaps:
        mean_gap = sum(gaps) / len(gaps)
        spread = max(fp32_runs) - min(fp32_runs) if len(fp32_runs) > 1 else None
        fc_row(
            f"  mean difference over {len(gaps)} seed(s)"
            + (f" (fp32 alone differs by {spread:.1f} points between seeds)" if spread else ""),
            "",
            # The point of the check is that bf16 costs no accuracy; a gain is not a failure.
            "not more than 1 point lower",
            _check(mean_gap, -1.0),
            ratio=f"{mean_gap:+.1f} points",
        )
    check = r("precision_check")
    if check:
        fc_row(
            f"predict fp32 vs {check['auto_precision']}: largest probability difference, "
            f"{check['images']} photos",
            fmt(check["max_abs_diff"], 4),
            "<= 0.01",
            _check(check["max_abs_diff"], 0.01, higher_is_better=False),
        )
        agreement = check["top_class_agreement"]
        fc_row("  same top class", fmt(agreement * 100, 1, "%"), "100%", _check(agreement, 1.0))
    onnx = r("onnx")
    if onnx and "error" not in onnx:
        for kind, label in (("small", "500x375"), ("phone", "12 MP")):
            base = onnx.get(f"{kind}/torch_fp32") or {}
            for engine in ("onnx_fp32", "onnx_int8"):
                got = onnx.get(f"{kind}/{engine}") or {}
                name = engine.replace("onnx_", "ONNX Runtime ")
                if base and got:
                    row(
                        f"one {label} photo, ms: torch fp32 vs {name}",
                        base["one_ms"],
                        got["one_ms"],
                        ratio=_ratio(base["one_ms"], got["one_ms"]),
                    )
                    row(
                        f"  folder of {label} photos, images/s: torch fp32 vs {name}",
                        base["folder_ips"],
                        got["folder_ips"],
                        ratio=_ratio(got["folder_ips"], base["folder_ips"]),
                    )
        for engine in ("onnx_fp32", "onnx_int8"):
            agree = onnx.get(f"agreement/{engine}") or {}
            if agree:
                fc_row(
                    f"  {engine.replace('onnx_', 'ONNX Runtime ')}: same top class as torch "
                    f"on {agree['photos']} photos; largest probability difference",
                    f"{agree['same_top'] * 100:.1f}%; {agree['largest_difference']:.5f}",
                    "",
                    "",
                )
    gui = r("gui")
    if gui:
        stall, late = gui["max_stall_ms"], gui["p99_late_ms"]
        fc_row(
            f"GUI heartbeat while training ({gui['arch']}): longest stall, ms",
            fmt(stall, 0),
            "< 100",
            _check(stall, 100, higher_is_better=False),
        )
        fc_row(
            "  99th percentile tick lateness, ms",
            fmt(late, 1),
            "< 50",
            _check(late, 50, higher_is_better=False),
        )
        api = r(f"train_fc/{gui['arch']}") or {}
        if gui.get("epoch_ips") and api.get("epoch_ips"):
            fc_row(
                "  training, images/s (epoch 1): flowerclf.train / the app's Train tab",
                f"{api['epoch_ips']:.1f} / {gui['epoch_ips']:.1f}",
                "",
                "",
                ratio=fmt(_ratio(gui["epoch_ips"], api["epoch_ips"]), 2),
            )
    camera = r("camera")
    if camera:
        stall = camera["max_stall_ms"]
        fc_row(
            f"GUI heartbeat, Camera view at {camera['frames_per_s']:.0f} fps "
            f"({camera['arch']}): longest stall, ms",
            fmt(stall, 0),
            "< 100",
            _check(stall, 100, higher_is_better=False),
        )
        idle = camera.get("idle") or {}
        if idle:
            fc_row(
                "  the same with no frames (the machine's own stalls), ms",
                fmt(idle["max_stall_ms"], 0),
                "",
                "",
            )
        fc_row(
            f"  pictures classified a second; GUI thread per {camera['frame']} frame "
            "(median / p99), ms",
            f"{camera['classified_per_s']:.1f}; "
            f"{camera['frame_gui_ms_median']:.1f} / {camera['frame_gui_ms_p99']:.1f}",
            "",
            "",
        )
    header = ["measure", "tutorial loop", "flowerclf", "ratio", "target", ""]
    return harness.markdown_table(header, rows) + _failure_list(results)


def _share(
    ips: float | None, gflop: float, name: str, conv_rate: float, matmul_rate: float | None
) -> str:
    """'590 GFLOP/s = 60% of bf16 (65% of matmul)': training's rate against both ceilings."""
    if not ips:
        return "–"
    rate = ips * gflop
    text = f"{rate:.0f} GFLOP/s = {rate / conv_rate:.0%} of {name}"
    return text + (f" ({rate / matmul_rate:.0%} of matmul)" if matmul_rate else "")


def _failure_list(results: dict) -> str:
    failed = harness.failures(results)
    if not failed:
        return ""
    return "\n\nFailed measurements:\n" + "\n".join(f"- {line}" for line in failed)


def _percent(value: float | None) -> float | None:
    return None if value is None else 100 * value


def _fc_uses_bf16(results: dict) -> bool:
    for key, value in results.items():
        if key.startswith(("train_fc/", "synthetic_fc/")) and value.get("precision") == "bf16":
            return True
    return False


def entry_markdown(info: dict, table: str, run, args, seconds: float) -> str:
    data = run.dataset_info
    subset = "" if args.only is None else f"; only: {args.only}"
    lines = [
        f"## {harness.now_utc()} · bench_cpu.py{' --quick' if args.quick else ''}{subset}",
        "",
        f"Machine: {harness.describe_machine(info)}.",
        "",
        f"Pictures: {data['train']['count']} training and {data['val']['count']} validation "
        f"500x375 JPEGs (about {data['train']['mean_kb']:.0f} KB each), "
        f"{data['predict']['count']} more to predict, {data['phone']['count']} "
        f"4000x3000 JPEGs (about {data['phone']['mean_kb'] / 1024:.1f} MB each). "
        f"Weights: random (no ImageNet download), which does not change speed. "
        f"Whole run: {seconds / 60:.1f} minutes.",
        "",
        table,
        "",
        "Tutorial loop: ImageFolder + PIL, RandomResizedCrop/flip, fp32 NCHW, batch 16, "
        "DataLoader with min(cores, 8) forked workers; predict: full decode, batch 1 "
        "(folders: batches of 8). flowerclf: `flowerclf.train` and `Classifier.predict` "
        "with their defaults (the precision is in brackets where it matters). "
        "Training rates leave out the first "
        f"{run.sizes.warmup_steps} steps of the epoch (start-up); ratios are always "
        "'times faster'. GPU: not measured by this script (see bench_gpu.py and its "
        "results files).",
    ]
    if "gui" in run.results:
        lines += ["", f"GUI heartbeat: {run.results['gui']['mode']}."]
    camera = run.results.get("camera") or {}
    if "mode" in camera:
        load = camera.get("load_before")
        lines += [
            "",
            f"Camera: {camera['mode']}; 1,000 classes; 1-minute load average before: "
            f"{load if load is None else round(load, 1)}.",
        ]
    return "\n".join(lines)
