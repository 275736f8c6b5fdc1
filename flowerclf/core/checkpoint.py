"""Checkpoints: everything a training run needs to go on after a crash, written after every epoch.

A checkpoint holds the network's weights, the optimizer's state, the epoch
reached, the best weights so far and their score, the exact train/validation
split, the random-number states, the configuration and a fingerprint of the
dataset (every file's path, size and time). It is written atomically, so a
kill mid-write leaves the previous checkpoint whole, and read back with
``torch.load(weights_only=True)``: it holds tensors and plain data only, never
code.

Resuming checks that the checkpoint belongs to the same run: the same
settings (the number of worker threads and the device aside) and the same
photos. What differs is said in plain words.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch

from flowerclf.core.config import FIELD_LABELS, TrainingConfig
from flowerclf.core.data import Sample
from flowerclf.core.errors import CHECKPOINT_MISMATCH, CHECKPOINT_UNREADABLE, FlowerclfError
from flowerclf.core.files import atomic_write_bytes

FORMAT = "flowerclf-checkpoint"
VERSION = 1
SUFFIX = ".checkpoint"
#: Settings that may differ on resume: they change how fast, not what is learned.
FREE_SETTINGS = ("workers", "device")


def checkpoint_path_for(output: str | Path) -> Path:
    """Where the command line keeps the checkpoint of a run writing ``output``: beside it."""
    output = Path(output)
    return output.with_name(output.name.removesuffix(".safetensors") + SUFFIX)


def relative(path: Path, root: Path) -> str:
    """``path`` inside the dataset folder, so that a folder moved elsewhere is the same folder."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def fingerprint(samples: Sequence[Sample], root: Path) -> list[list[Any]]:
    """Every file of the run: [path in the folder, label, size, time in ns], sorted by path."""
    rows = []
    for sample in samples:
        try:
            stat = os.stat(sample.path)
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        rows.append([relative(sample.path, root), int(sample.label), int(size), int(mtime)])
    return sorted(rows)


def state_of(run: Any, epoch: int) -> dict[str, Any]:
    """Everything a training run (the trainer's ``_Run``) needs to go on after ``epoch``."""
    root = Path(run.scan.root)
    return {
        "epoch": epoch,
        "config": run.config.as_metadata(),
        "dataset": str(root),
        "classes": list(run.classes),
        "files": run.files,
        "train": [[relative(s.path, root), int(s.label)] for s in run.train_samples],
        "val": [[relative(s.path, root), int(s.label)] for s in run.val_samples],
        "seed": run.seed,
        "network": {k: v.detach().cpu() for k, v in run.network.state_dict().items()},
        "optimizer": run.optimizer.state_dict() if run.optimizer else None,
        "scaler": run.scaler.state_dict() if run.scaler else None,
        "generator": run.generator.get_state() if run.generator else None,
        "torch_rng": torch.get_rng_state(),
        "best_state": run.best_state,
        "best_accuracy": run.best_accuracy,
        "best_loss": run.best_loss,
        "best_epoch": run.best_epoch,
        "history": [asdict(e) for e in run.history],
        "step_losses": list(run.step_losses),
        "images_trained": run.images_trained,
    }


def restore(run: Any, state: dict[str, Any]) -> None:
    """Put a training run back where :func:`state_of` found it (the history aside)."""
    run.network.load_state_dict(state["network"])
    if run.optimizer is not None and state["optimizer"] is not None:
        run.optimizer.load_state_dict(state["optimizer"])
    if run.scaler is not None and state["scaler"] is not None:
        run.scaler.load_state_dict(state["scaler"])
    if run.generator is not None and state["generator"] is not None:
        run.generator.set_state(state["generator"])
    torch.set_rng_state(state["torch_rng"])
    run.best_state = state["best_state"]
    run.best_accuracy = state["best_accuracy"]
    run.best_loss = state.get("best_loss")
    run.best_epoch = int(state["best_epoch"])
    run.step_losses = list(state["step_losses"])
    run.images_trained = int(state["images_trained"])


def save_checkpoint(path: str | Path, state: dict[str, Any]) -> Path:
    """Write ``state`` (tensors and plain data) to ``path`` all at once or not at all."""
    buffer = io.BytesIO()
    torch.save({"format": FORMAT, "version": VERSION, **state}, buffer)
    return atomic_write_bytes(path, buffer.getvalue(), make_parents=True, what="the checkpoint")


def load_checkpoint(path: str | Path) -> dict[str, Any]:
    """Read a checkpoint back (no code runs); a plain error if it is not one or is damaged."""
    path = Path(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # pickle-protocol notes: noise
            state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise FlowerclfError(
            f"There is no interrupted training to continue ({path.name} does not exist).",
            CHECKPOINT_UNREADABLE,
            path=path,
            reason="missing",
        ) from None
    except Exception as error:  # noqa: BLE001 - any unpickling failure means "not usable"
        raise FlowerclfError(
            f"The checkpoint {path.name} is damaged or not a flowerclf checkpoint.",
            CHECKPOINT_UNREADABLE,
            path=path,
            reason="damaged",
        ) from error
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise FlowerclfError(
            f"{path.name} is not a flowerclf checkpoint.",
            CHECKPOINT_UNREADABLE,
            path=path,
            reason="not a checkpoint",
        )
    if int(state.get("version", 0)) > VERSION:
        raise FlowerclfError(
            f"{path.name} was written by a newer flowerclf; update flowerclf to continue it.",
            CHECKPOINT_UNREADABLE,
            path=path,
            reason="too new",
        )
    return state


def check_same_run(
    state: dict[str, Any], config: TrainingConfig, files: list[list[Any]], path: Path
) -> None:
    """Refuse a checkpoint of another run: the differences, in plain words."""
    differences = []
    saved = TrainingConfig.from_mapping(state["config"], lenient=True)
    for name, label in FIELD_LABELS.items():
        if name in FREE_SETTINGS:
            continue
        mine, theirs = getattr(config, name), getattr(saved, name)
        if mine != theirs:
            differences.append(f"the {label} was {theirs}, now {mine}")
    differences += _file_differences(state["files"], files)
    if differences:
        raise FlowerclfError(
            f"The interrupted training in {path.name} cannot be continued with these photos "
            f"and settings: {'; '.join(differences)}.",
            CHECKPOINT_MISMATCH,
            path=path,
            differences=differences,
        )


def _file_differences(before: list[list[Any]], now: list[list[Any]]) -> list[str]:
    old = {row[0]: row for row in before}
    new = {row[0]: row for row in now}
    added = len(new.keys() - old.keys())
    removed = len(old.keys() - new.keys())
    changed = sum(1 for key in old.keys() & new.keys() if old[key] != new[key])
    words = []
    for count, what in ((added, "added"), (removed, "removed"), (changed, "changed")):
        if count:
            words.append(f"{count} photo{'s' if count != 1 else ''} {what}")
    return [f"since then {', '.join(words)}"] if words else []


def describe(state: dict[str, Any]) -> str:
    """One line for a person: what the interrupted run was and how far it got."""
    config = state.get("config", {})
    return (
        f"{config.get('arch', '?')} on {state.get('dataset', '?')}, "
        f"epoch {state.get('epoch', 0)} of {config.get('epochs', '?')} done"
    )


def interrupted_runs(folder: str | Path) -> list[tuple[Path, dict[str, Any]]]:
    """The checkpoints in ``folder`` that can be read, newest first: (path, state).

    The state is memory-mapped, so listing costs little even for big networks.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            state = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
        except Exception:  # noqa: BLE001 - a damaged file is simply not offered
            continue
        if isinstance(state, dict) and state.get("format") == FORMAT:
            found.append((path, state))
    return sorted(found, key=lambda item: item[0].stat().st_mtime, reverse=True)
