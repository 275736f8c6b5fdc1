"""ONNX Runtime as a predict engine, measured against flowerclf's torch path in one run.

One measurement (``m_onnx``, run by ``bench_cpu.py --only onnx``):

- a resnet34 whose last layer is trained for a few epochs on the benchmark's
  training photos (so that its answers are decided, as a real model's are),
  exported with ``flowerclf export`` (which checks parity itself);
- an int8 copy statically quantised with ``onnxruntime.quantization`` (QDQ,
  per channel, calibrated on 64 training photos);
- for one small photo, one 12-megapixel photo, and folders of each: torch
  fp32 (flowerclf's default), ONNX Runtime fp32 and int8, all from the file
  path to probabilities with flowerclf's own decoding and preprocessing;
- top-class agreement with torch fp32 and the largest probability difference,
  on every photo of the validation set.
"""

from __future__ import annotations

import time
from pathlib import Path

import harness
import numpy as np


def _trained_classifier(arch: str, dataset: str):
    import flowerclf

    config = flowerclf.TrainingConfig(
        arch=arch, weights="none", freeze_backbone=True, epochs=5, lr=0.01, seed=0
    )
    return flowerclf.train(dataset, config).classifier


def _inputs(classifier, paths: list[str]) -> np.ndarray:
    import torch

    from flowerclf.core.loading import eval_view, normalize_batch

    views = [eval_view(classifier.load(p), classifier.image_size) for p in paths]
    return normalize_batch(
        torch.stack(views), classifier.mean, classifier.std, torch.device("cpu"), False
    ).numpy()


class _Calibration:
    """onnxruntime.quantization's CalibrationDataReader over preprocessed photos."""

    def __init__(self, batches: list[np.ndarray], name: str) -> None:
        self._items = iter([{name: b} for b in batches])

    def get_next(self):
        return next(self._items, None)


def m_onnx(arch: str, dataset: str, files: dict, calibration: list, work: str) -> dict:
    import onnxruntime
    from onnxruntime.quantization import (
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    from flowerclf.core.export import export_onnx

    classifier = _trained_classifier(arch, dataset)
    folder = Path(work)
    folder.mkdir(parents=True, exist_ok=True)
    report = export_onnx(classifier, folder / "engine.onnx", calibration[:16])
    int8_path = folder / "engine-int8.onnx"
    calib = [_inputs(classifier, calibration[i : i + 8]) for i in range(0, len(calibration), 8)]
    quantize_static(
        str(report.path),
        str(int8_path),
        _Calibration(calib, "images"),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        activation_type=QuantType.QInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax,
    )
    options = onnxruntime.SessionOptions()
    engines = {
        "onnx_fp32": onnxruntime.InferenceSession(str(report.path), options),
        "onnx_int8": onnxruntime.InferenceSession(str(int8_path), options),
    }
    classifier.set_precision("fp32")

    def torch_probs(paths):
        return np.stack([p.probs for p in classifier.predict(paths, batch_size=32)])

    def onnx_probs(session):
        def run(paths):
            out = []
            for i in range(0, len(paths), 32):
                (probs,) = session.run(None, {"images": _inputs(classifier, paths[i : i + 32])})
                out.append(probs)
            return np.concatenate(out)

        return run

    runners = {"torch_fp32": torch_probs} | {k: onnx_probs(s) for k, s in engines.items()}
    results: dict = {"export_largest_difference": report.largest_difference}
    for kind, paths in files.items():
        for name, run in runners.items():
            one = harness.timed_runs(lambda p, run=run: run([p]), paths, 5, 2)
            run(paths[:2])  # warm
            start = time.perf_counter()
            run(paths)
            ips = len(paths) / (time.perf_counter() - start)
            results[f"{kind}/{name}"] = {"one_ms": 1000 * harness.median(one), "folder_ips": ips}
    # Answers on every validation photo, against torch fp32.
    photos = sorted(str(p) for p in Path(dataset, "val").rglob("*.jpg"))
    reference = torch_probs(photos)
    for name, run in runners.items():
        if name == "torch_fp32":
            continue
        got = run(photos)
        results[f"agreement/{name}"] = {
            "photos": len(photos),
            "same_top": float((got.argmax(1) == reference.argmax(1)).mean()),
            "largest_difference": float(np.abs(got - reference).max()),
        }
    return results
