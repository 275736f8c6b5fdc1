"""Continue from a model: a flowerclf model file as the starting point of a new run.

Its classes are matched to the new run's by name, in any order. With the same
classes the last layer is kept whole (its rows put in the new class order), so
the network answers exactly as before until it takes its first step. With
other or more classes the backbone is kept, the last layer keeps the rows of
the classes that remain, and a class new to the model gets a freshly
initialised row. A model of another architecture is refused in plain words.

What the run started from goes into the new model's description
(``started_from``): the file's name, SHA-256, architecture, classes, image size
and creation time, and which classes were added or dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flowerclf.core.errors import (
    ARCHITECTURE_MISMATCH,
    MODEL_FILE_DAMAGED,
    ArchitectureMismatchError,
    ModelFileError,
)
from flowerclf.core.events import MessageEvent, ProgressCallback, ignore_event
from flowerclf.core.wording import words as _w

if TYPE_CHECKING:  # pragma: no cover
    from torch import nn

__all__ = ["continue_from", "describe_origin", "file_sha256", "is_model_file"]

_HASH_CHUNK = 1 << 20


def is_model_file(weights: str | Path) -> bool:
    """True when ``weights`` names a flowerclf model file (not a plain state dict or a choice)."""
    if isinstance(weights, str) and weights.strip().lower() in ("imagenet", "none", "random", ""):
        return False
    path = Path(weights)
    if not path.is_file():
        return False
    from flowerclf.core.modelfile import read_model_info

    try:
        return read_model_info(path).get("format") == "flowerclf"
    except ModelFileError:
        return False


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_HASH_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def continue_from(
    path: str | Path,
    arch: str,
    classes: Sequence[str],
    image_size: int,
    progress: ProgressCallback = ignore_event,
) -> tuple[nn.Module, dict[str, Any]]:
    """A network of ``arch`` for ``classes`` that starts from the model file at ``path``.

    Returns the network and the ``started_from`` record for the new model's
    description. Differences that change what the network sees (another image
    size, another normalisation) are said through ``progress``.
    """
    from flowerclf.core.data import IMAGENET_MEAN, IMAGENET_STD
    from flowerclf.core.modelfile import read_model_info
    from flowerclf.core.models import load_state_dict_file, new_network

    path = Path(path)
    info = read_model_info(path)
    old_arch = str(info["architecture"])
    if old_arch != arch:
        raise ArchitectureMismatchError(
            f"'{path.name}' is a {old_arch} model, and this run trains {arch}: a model can only "
            f"be continued as the same network. Choose {old_arch} as the architecture, or "
            "another starting point.",
            ARCHITECTURE_MISMATCH,
            path=path,
            arch=arch,
            detected=old_arch,
        )
    old_classes = [str(c) for c in info["classes"]]
    new_classes = [str(c) for c in classes]
    state = load_state_dict_file(path)
    network = new_network(arch, len(new_classes))
    own = network.state_dict()
    body = {k: v for k, v in state.items() if not k.startswith("fc.")}
    for key in own:
        if key.endswith("num_batches_tracked") and key not in body:
            body[key] = own[key]
    weight, bias = state.get("fc.weight"), state.get("fc.bias")
    wrong = [k for k in own if not k.startswith("fc.") and k not in body] + [
        k for k in body if k not in own or own[k].shape != body[k].shape
    ]
    if wrong or weight is None or bias is None or weight.shape[0] != len(old_classes):
        raise ModelFileError(
            f"'{path.name}' is damaged: its weights do not fit {arch} with "
            f"{len(old_classes)} classes.",
            MODEL_FILE_DAMAGED,
            path=path,
            reason=f"its weights do not fit {arch} with {len(old_classes)} classes",
        )
    head_weight = own["fc.weight"].clone()
    head_bias = own["fc.bias"].clone()
    row_of = {name: i for i, name in enumerate(old_classes)}
    for i, name in enumerate(new_classes):
        j = row_of.get(name)
        if j is not None:
            head_weight[i] = weight[j]
            head_bias[i] = bias[j]
    network.load_state_dict({**body, "fc.weight": head_weight, "fc.bias": head_bias}, strict=True)

    added = [name for name in new_classes if name not in row_of]
    dropped = [name for name in old_classes if name not in set(new_classes)]
    origin = {
        "file": path.name,
        "sha256": file_sha256(path),
        "architecture": old_arch,
        "classes": old_classes,
        "image_size": info.get("image_size"),
        "created": info.get("created"),
        "added_classes": added,
        "dropped_classes": dropped,
    }
    name = info.get("recovery_name")
    if isinstance(name, str) and name:
        origin["name"] = name  # what the model was called in the app (a recovery copy)
    progress(MessageEvent(f"Starting from the model {describe_origin(origin)}."))
    old_size = info.get("image_size")
    if isinstance(old_size, int) and old_size != image_size:
        progress(
            MessageEvent(
                f"That model was trained on {old_size}-pixel images; this run uses {image_size}. "
                f"Choose {old_size} as the image size to keep what it saw the same."
            )
        )
    mean, std = info.get("mean"), info.get("std")
    if _differs(mean, IMAGENET_MEAN) or _differs(std, IMAGENET_STD):
        progress(
            MessageEvent(
                "That model normalised its images differently from flowerclf's training "
                "(ImageNet's mean and spread); this run uses ImageNet's."
            )
        )
    return network, origin


def _differs(values: Any, reference: Sequence[float]) -> bool:
    if not isinstance(values, (list, tuple)) or len(values) != len(reference):
        return False
    return any(abs(float(a) - float(b)) > 1e-6 for a, b in zip(values, reference, strict=True))


def describe_origin(origin: dict[str, Any]) -> str:
    """One line for a person: which model, and what became of its classes.

    In English, or in the words of the page being written (:mod:`flowerclf.core.wording`).
    """
    classes = origin.get("classes") or []
    details = f"{origin.get('architecture', '?')}, " + _w("{n} classes", n=len(classes))
    added, dropped = origin.get("added_classes") or [], origin.get("dropped_classes") or []
    if not added and not dropped:
        details += ", " + _w("all kept")
    if added:
        details += "; " + _w("new: {names}", names=", ".join(added))
    if dropped:
        details += "; " + _w("dropped: {names}", names=", ".join(dropped))
    sha = origin.get("sha256")
    if isinstance(sha, str) and sha:
        details += f"; SHA-256 {sha[:12]}…"
    return f"{origin.get('file', '?')} ({details})"
