"""The work the app does off the GUI thread, one factory per kind of job.

Each factory returns a function ``fn(report, stop)`` for :class:`~flowerclf.gui.workers.Job`.
This is the only GUI module that touches the core's heavy parts, and it
imports them inside those functions: importing this module costs nothing, so
the window can appear before torch has loaded.

What crosses back to the GUI thread is plain data: dataclasses, strings,
numpy arrays inside core ``Prediction`` objects, and ``QImage`` (which, unlike
``QPixmap``, may be made in any thread).
"""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from flowerclf.core.events import MessageEvent, StopRequest

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

    from flowerclf.core.predict import Classifier, Prediction

from flowerclf.gui.workers import JobFunction, Report

MODEL_SUFFIXES = frozenset({".safetensors", ".pth", ".pt"})
THUMBNAIL_SIZE = 96


@dataclass(frozen=True)
class ArchitectureChoice:
    """One network the Train tab offers, with what a person needs to choose it."""

    name: str
    description: str
    params_millions: float
    gflops: float


@dataclass(frozen=True)
class EngineInfo:
    """What the warm-up learned: versions, the device, the choices for training."""

    device: str  # "CPU" or the GPU's name
    torch_version: str
    torchvision_version: str
    architectures: list[ArchitectureChoice] = field(default_factory=list)
    devices: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


def package_version(name: str) -> str:
    """The installed version of a package, without importing it."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def warm_up() -> JobFunction:
    """Import the engine (torch and all) and find the device: the app's first job."""

    def run(report: Report, stop: StopRequest) -> EngineInfo:
        report(MessageEvent("Loading the engine…"))
        from flowerclf.core import data, modelfile, predict, training  # noqa: F401
        from flowerclf.core.device import describe_device, resolve_device
        from flowerclf.core.models import ARCHITECTURES

        device = resolve_device("auto")
        devices = [("auto", f"Automatic: {describe_device(device)}"), ("cpu", "CPU")]
        for key in ("cuda", "mps"):
            try:
                candidate = resolve_device(key)
            except Exception:  # noqa: BLE001 - a device that cannot be had is simply not offered
                continue
            if candidate.type == key:
                devices.append((key, describe_device(candidate)))
        architectures = [
            ArchitectureChoice(
                name=name,
                description=str(getattr(info, "description", "")),
                params_millions=float(getattr(info, "params_millions", 0.0)),
                gflops=float(getattr(info, "gflops", 0.0)),
            )
            for name, info in ARCHITECTURES.items()
        ]
        return EngineInfo(
            device=describe_device(device),
            torch_version=package_version("torch"),
            torchvision_version=package_version("torchvision"),
            architectures=architectures,
            devices=devices,
        )

    return run


def _best_device() -> str:
    from flowerclf.core.device import resolve_device

    return str(resolve_device("auto"))


def load_model(path: str | Path) -> JobFunction:
    """Open a model file (.safetensors, or a .pth with class_indices.json beside it)."""

    def run(report: Report, stop: StopRequest) -> Classifier:
        from flowerclf.core.modelfile import load_model as core_load_model

        report(MessageEvent(f"Opening {Path(path).name}…"))
        return core_load_model(path, device=_best_device())

    return run


def import_tutorial(weights_path: str | Path, class_indices_path: str | Path) -> JobFunction:
    """Import a tutorial model: a plain state_dict .pth and its class_indices.json."""

    def run(report: Report, stop: StopRequest) -> Classifier:
        from flowerclf.core.device import resolve_device
        from flowerclf.core.modelfile import import_tutorial as core_import

        report(MessageEvent(f"Importing {Path(weights_path).name}…"))
        return core_import(weights_path, class_indices_path).to(resolve_device("auto"))

    return run


def save_model(classifier: Classifier, path: str | Path) -> JobFunction:
    """Write the model to a .safetensors file; the result is the path written."""

    def run(report: Report, stop: StopRequest) -> Path:
        from flowerclf.core.modelfile import save_model as core_save

        return Path(core_save(classifier, path))

    return run


def export_tutorial(classifier: Classifier, out_dir: str | Path) -> JobFunction:
    """Write <arch>.pth and class_indices.json into a folder."""

    def run(report: Report, stop: StopRequest) -> tuple[Path, Path]:
        from flowerclf.core.modelfile import export_tutorial as core_export

        return core_export(classifier, out_dir)

    return run


def scan_dataset(folder: str | Path) -> JobFunction:
    """Look through a dataset folder: classes, image counts, files to skip."""

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.data import scan_dataset as core_scan

        return core_scan(folder)

    return run


def train(data: Any, options: dict[str, Any]) -> JobFunction:
    """Train with ``options`` (TrainingConfig's fields); the result is a TrainingResult.

    The config is built here, in the worker, so that the GUI thread never
    imports the training module (and torch with it).
    """

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.training import TrainingConfig
        from flowerclf.core.training import train as core_train

        return core_train(data, TrainingConfig(**options), progress=report, stop=stop)

    return run


# -- prediction -------------------------------------------------------------------


@dataclass(frozen=True)
class ImagesFound:
    """The files a drop expanded to (folders opened), in order.

    ``errors[i]`` is None, or why file ``i`` will not be classified (it is not
    an image); it still gets a row so the person sees what happened to it.
    """

    sources: list[str]
    errors: list[str | None]


@dataclass(frozen=True)
class ImageResult:
    """One classified image (or the reason it could not be)."""

    index: int  # into the job's list of sources
    prediction: Prediction | None
    error: str | None
    thumbnail: QImage | None


@dataclass(frozen=True)
class PredictedBatch:
    results: list[ImageResult]


def pil_to_qimage(image: Image.Image) -> QImage:
    """Copy a PIL image into a QImage (safe in any thread, unlike QPixmap)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return qimage.copy()  # the QImage above only borrows `data`


def _thumbnail(image: Image.Image) -> QImage:
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    return pil_to_qimage(small)


def predict_images(
    classifier: Classifier,
    sources: Sequence[str | bytes],
    *,
    expand: bool,
    batch_size: int = 8,
) -> JobFunction:
    """Classify images in batches, reporting each batch as soon as it is done.

    With ``expand``, ``sources`` are paths as dropped (files and folders): the
    job first reports :class:`ImagesFound`, then :class:`PredictedBatch` es whose
    indices refer to that list. Without, ``sources`` are already single images
    (paths, or the encoded bytes of a pasted picture) and indices refer to them.
    """

    def run(report: Report, stop: StopRequest) -> int:
        from flowerclf.core.data import find_images, load_image, resize_size
        from flowerclf.core.errors import FlowerclfError

        items: list[str | bytes] = list(sources)
        errors: list[str | None] = [None] * len(items)
        if expand:
            images, skipped = find_images([Path(s) for s in sources if isinstance(s, str)])
            dropped = {Path(s) for s in sources if isinstance(s, str)}
            # A file dropped by itself that is not an image gets an error row; files
            # inside dropped folders that are not images are just not listed.
            refused = [s for s in skipped if Path(s.path) in dropped]
            items = [str(p) for p in images] + [str(s.path) for s in refused]
            errors = [None] * len(images) + [s.reason for s in refused]
            report(ImagesFound(sources=[str(i) for i in items], errors=errors))

        todo = [i for i, error in enumerate(errors) if error is None]
        min_size = resize_size(classifier.image_size)

        def load(index: int) -> Image.Image | str:
            try:
                return load_image(items[index], min_size=min_size)
            except FlowerclfError as exc:
                return _reason(exc)

        batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
        # The next batch decodes in these threads while this one is in the network.
        pool = ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1)), "flowerclf-decode")
        try:
            pending = [pool.submit(load, i) for i in batches[0]] if batches else []
            for number, batch in enumerate(batches):
                if stop.requested:
                    break
                decoded = [future.result() for future in pending]
                pending = []
                if number + 1 < len(batches):
                    pending = [pool.submit(load, i) for i in batches[number + 1]]
                report(PredictedBatch(_classify(classifier, batch, decoded)))
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return len(items)

    return run


def _classify(
    classifier: Classifier, indices: list[int], decoded: list[Image.Image | str]
) -> list[ImageResult]:
    """One batch through the network; a string in ``decoded`` is why that image failed."""
    pairs = list(zip(indices, decoded, strict=True))
    results = [ImageResult(i, None, d, None) for i, d in pairs if isinstance(d, str)]
    loaded = [(i, d) for i, d in pairs if not isinstance(d, str)]
    if loaded:
        predictions = classifier.predict([image for _, image in loaded], batch_size=len(loaded))
        for (index, image), prediction in zip(loaded, predictions, strict=True):
            error = prediction.error if not prediction.ok else None
            results.append(ImageResult(index, prediction, error, _thumbnail(image)))
    return sorted(results, key=lambda r: r.index)


def _reason(exc: Exception) -> str:
    # ImageLoadError carries a short reason; the file name is already on the row.
    return str(getattr(exc, "reason", "") or exc)


def load_preview(source: str | bytes, max_side: int = 1600) -> JobFunction:
    """Decode one picture for display, turned upright as the model sees it."""

    def run(report: Report, stop: StopRequest) -> QImage:
        from flowerclf.core.data import load_image

        image = load_image(source, min_size=max_side // 2)
        image.thumbnail((max_side, max_side))
        return pil_to_qimage(image)

    return run
