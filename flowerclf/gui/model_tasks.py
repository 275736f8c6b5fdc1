"""Task functions for models and training: warm-up, opening, saving, scanning, training.

Each factory returns a function ``fn(report, stop)`` for a
:class:`~flowerclf.gui.tasks.TaskSlot`. The core's heavy parts are imported
inside those functions: importing this module costs nothing, so the window
can appear before torch has loaded. What crosses back to the GUI thread is
plain data.
"""

from __future__ import annotations

import importlib.metadata
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from flowerclf.core.events import MessageEvent, StopRequest
from flowerclf.gui.tasks import Report, TaskFunction

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.config import TrainingConfig
    from flowerclf.core.predict import Classifier
    from flowerclf.core.recovery import RecoverableModel, RecoveryFolder


class Engine(QObject):
    """The translation context of the engine's words: ``Engine.tr(text)`` (as lupdate reads it)."""


# The device choice that trains on every GPU at once, one process each.
ALL_GPUS = "cuda:all"

MODEL_SUFFIXES = frozenset({".safetensors", ".pth", ".pt"})


@dataclass(frozen=True)
class EngineInfo:
    """What the warm-up learned: versions, the device, the devices to offer."""

    device: str  # "CPU" or the GPU's name
    torch_version: str
    torchvision_version: str
    devices: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


def package_version(name: str) -> str:
    """The installed version of a package, without importing it."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return Engine.tr("not installed")


def device_words(device: Any) -> str:
    """The core's name for a device, with the CPU's cores counted in the app's language."""
    from flowerclf.core.device import cpu_name, describe_device

    if device.type != "cpu":
        return describe_device(device)
    cores = os.cpu_count() or 1
    words = Engine.tr("CPU ({name}, %n core(s))", "", cores)
    return words.format(name=cpu_name())


def devices_to_offer(best: Any) -> list[tuple[str, str]]:
    """(key, label) of every device a run can use here; ``best`` is the automatic one.

    Each GPU is offered on its own; with more than one, all of them together
    too (key ``ALL_GPUS``: one training process per GPU).
    """
    import torch

    from flowerclf.core.device import resolve_device

    automatic = Engine.tr("Automatic: {device}")
    devices = [("auto", automatic.format(device=device_words(best))), ("cpu", Engine.tr("CPU"))]
    gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if gpus == 1:
        devices.append(("cuda", device_words(torch.device("cuda"))))
    elif gpus > 1:
        numbered = Engine.tr("GPU {number}: {name}")
        for index in range(gpus):
            name = device_words(torch.device("cuda", index))
            devices.append((f"cuda:{index}", numbered.format(number=index + 1, name=name)))
        devices.append((ALL_GPUS, Engine.tr("All %n GPUs together", "", gpus)))
    try:
        if resolve_device("mps").type == "mps":
            devices.append(("mps", device_words(torch.device("mps"))))
    except Exception:  # noqa: BLE001 - a device that cannot be had is simply not offered
        pass
    return devices


def warm_up() -> TaskFunction:
    """Import the engine (torch and all) and find the device: the app's first task."""

    def run(report: Report, stop: StopRequest) -> EngineInfo:
        report(MessageEvent(Engine.tr("Loading the engine…")))
        from flowerclf.core import data, modelfile, predict, training  # noqa: F401
        from flowerclf.core.device import resolve_device

        device = resolve_device("auto")
        return EngineInfo(
            device=device_words(device),
            torch_version=package_version("torch"),
            torchvision_version=package_version("torchvision"),
            devices=devices_to_offer(device),
        )

    return run


def _best_device() -> str:
    from flowerclf.core.device import resolve_device

    return str(resolve_device("auto"))


def load_model(path: str | Path) -> TaskFunction:
    """Open a model file (.safetensors, or a .pth with class_indices.json beside it)."""

    def run(report: Report, stop: StopRequest) -> Classifier:
        from flowerclf.core.modelfile import load_model as core_load_model

        return core_load_model(path, device=_best_device())

    return run


def load_imagenet(arch: str) -> TaskFunction:
    """torchvision's ImageNet model, its weights downloaded (with progress) when not cached."""

    def run(report: Report, stop: StopRequest) -> Classifier:
        from flowerclf.core.imagenet import imagenet_classifier

        return imagenet_classifier(arch, progress=report).to(_best_device())

    return run


def install_imagenet_weights(arch: str, path: str | Path) -> TaskFunction:
    """Copy a downloaded ImageNet weights file into torch's cache, checked."""

    def run(report: Report, stop: StopRequest) -> Path:
        from flowerclf.core.imagenet import install_weights_file

        return install_weights_file(arch, path)

    return run


def import_tutorial(weights_path: str | Path, class_indices_path: str | Path) -> TaskFunction:
    """Import a tutorial model: a plain state_dict .pth and its class_indices.json."""

    def run(report: Report, stop: StopRequest) -> Classifier:
        from flowerclf.core.modelfile import import_tutorial as core_import

        return core_import(weights_path, class_indices_path).to(_best_device())

    return run


def save_model(classifier: Classifier, path: str | Path) -> TaskFunction:
    """Write the model to a .safetensors file; the result is the path written."""

    def run(report: Report, stop: StopRequest) -> Path:
        from flowerclf.core.modelfile import save_model as core_save

        return Path(core_save(classifier, path))

    return run


def export_tutorial(classifier: Classifier, out_dir: str | Path) -> TaskFunction:
    """Write <arch>.pth and class_indices.json into a folder."""

    def run(report: Report, stop: StopRequest) -> tuple[Path, Path]:
        from flowerclf.core.modelfile import export_tutorial as core_export

        return core_export(classifier, out_dir)

    return run


def export_onnx(classifier: Classifier, path: str | Path) -> TaskFunction:
    """Write an ONNX copy checked on photos; the result is the core's ExportReport."""

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.export import export_onnx as core_export

        return core_export(classifier, path, progress=report)

    return run


def scan_dataset(folder: str | Path) -> TaskFunction:
    """Look through a dataset folder: classes, image counts, files to skip."""

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.data import scan_dataset as core_scan

        return core_scan(folder)

    return run


def train(
    data: Any,
    config: TrainingConfig,
    checkpoint: Path | None = None,
    resume: bool = False,
    processes: int = 1,
) -> TaskFunction:
    """Train on ``data`` (a folder or a DatasetScan); the result is a TrainingResult.

    With ``checkpoint``, every epoch's end is written there; ``resume`` goes on from it.
    ``processes`` above 1 trains in that many processes together, one per GPU
    (on the CPU, one per share of it), started as a child of the app.
    """

    def run(report: Report, stop: StopRequest) -> Any:
        if processes > 1:
            from flowerclf.core.child_training import train_in_processes
            from flowerclf.core.data import scan_dataset as core_scan
            from flowerclf.core.training import check_processes

            check_processes(config, processes)  # at once, not after the processes start
            scan = data if not isinstance(data, (str, Path)) else core_scan(data)
            return train_in_processes(
                scan, config, processes, report, stop, checkpoint=checkpoint, resume=resume
            )
        from flowerclf.core.training import train as core_train

        return core_train(
            data, config, progress=report, stop=stop, checkpoint=checkpoint, resume=resume
        )

    return run


@dataclass(frozen=True)
class InterruptedRun:
    """A training the app did not finish: its checkpoint, settings, folder and progress."""

    path: Path
    config: dict
    dataset: str
    epoch: int
    description: str


def find_interrupted(folder: Path) -> TaskFunction:
    """The app's checkpoints that can be continued, newest first."""

    def run(report: Report, stop: StopRequest) -> list[InterruptedRun]:
        from flowerclf.core.checkpoint import describe, interrupted_runs

        return [
            InterruptedRun(
                path,
                dict(state["config"]),
                str(state["dataset"]),
                int(state["epoch"]),
                describe(state),
            )
            for path, state in interrupted_runs(folder)
        ]

    return run


def keep_for_recovery(folder: RecoveryFolder, classifier: Classifier, name: str) -> TaskFunction:
    """Write a trained model to the recovery folder; the result is the file's path."""

    def run(report: Report, stop: StopRequest) -> Path:
        return folder.keep(classifier, name)

    return run


def list_recoverable(folder: RecoveryFolder) -> TaskFunction:
    """The models an earlier run left in the recovery folder, newest first."""

    def run(report: Report, stop: StopRequest) -> list[RecoverableModel]:
        return folder.models()

    return run
