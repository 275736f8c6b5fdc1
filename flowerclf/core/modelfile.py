"""The flowerclf model file, and the tutorial ``.pth`` + ``class_indices.json`` pair.

A flowerclf model is one ``.safetensors`` file: the weights (torchvision's
key names) and, in the file's metadata header, a JSON document with all that
is needed to use them: architecture, class names in output order, input size,
normalisation, and how the model was trained and how well it did. Opening a
model never unpickles anything.

The tutorial pair is a plain PyTorch state dict (``<arch>.pth``) and a
``class_indices.json`` mapping ``"0"``, ``"1"``, ... to class names. Both can
be imported and exported, so a model moves freely between flowerclf and a
plain torchvision script.

Reading a model's description (:func:`read_model_info`) needs neither torch
nor the weights: torch is imported only by the functions that build networks.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flowerclf.core.errors import (
    ARCHITECTURE_MISMATCH,
    CLASS_COUNT_MISMATCH,
    CLASS_NAMES_INVALID,
    CLASS_NAMES_MISSING,
    MODEL_FILE_DAMAGED,
    MODEL_FILE_MISSING,
    MODEL_FILE_UNREADABLE,
    MODEL_TOO_NEW,
    NOT_A_FILE,
    NOT_A_MODEL,
    WEIGHTS_NOT_RECOGNISED,
    ArchitectureMismatchError,
    ModelFileError,
)
from flowerclf.core.files import atomic_write, atomic_write_bytes, plain_os_reason

if TYPE_CHECKING:  # pragma: no cover
    import torch

    from flowerclf.core.predict import Classifier

FORMAT_VERSION = 1
FORMAT_NAME = "flowerclf"
MODEL_SUFFIX = ".safetensors"
CLASS_INDICES_NAME = "class_indices.json"

# Keys of the header document that describe the network itself; everything
# else in it is the classifier's ``metadata`` (training settings, accuracy...).
_STRUCTURE_KEYS = (
    "format_version",
    "architecture",
    "classes",
    "num_classes",
    "image_size",
    "mean",
    "std",
)
_MAX_HEADER_BYTES = 100 * 1024 * 1024  # safetensors' own limit
_TUTORIAL_IMAGE_SIZE = 224
_BUFFER_SUFFIXES = ("running_mean", "running_var", "num_batches_tracked")


# --------------------------------------------------------------------------- header


def _read_header(path: Path) -> dict[str, Any] | None:
    """The safetensors JSON header of ``path``, or None when it is no safetensors file."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(8)
            if len(head) < 8:
                return None
            length = int.from_bytes(head, "little")
            if length < 2 or length > _MAX_HEADER_BYTES or 8 + length > size:
                return None
            raw = f.read(length)
    except OSError as error:
        reason = plain_os_reason(error)
        raise ModelFileError(
            f"'{path.name}' could not be read: {reason}.",
            MODEL_FILE_UNREADABLE,
            path=path,
            reason=reason,
        ) from error
    if not raw.startswith(b"{"):
        return None
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return header if isinstance(header, dict) else None


def _not_a_model(path: Path) -> ModelFileError:
    return ModelFileError(
        f"'{path.name}' is not a flowerclf model file ({MODEL_SUFFIX}).", NOT_A_MODEL, path=path
    )


def _damaged(path: Path, reason: str, message: str | None = None) -> ModelFileError:
    return ModelFileError(
        message or f"'{path.name}' is a flowerclf model file with a damaged description.",
        MODEL_FILE_DAMAGED,
        path=path,
        reason=reason,
    )


def _info_from_header(path: Path, header: Mapping[str, Any]) -> dict[str, Any]:
    """The model description stored in a safetensors header, checked."""
    metadata = header.get("__metadata__") or {}
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT_NAME:
        raise _not_a_model(path)
    try:
        info = json.loads(metadata[FORMAT_NAME])
    except (KeyError, TypeError, ValueError) as error:
        raise _damaged(path, "its description is not readable") from error
    if not isinstance(info, dict):
        raise _damaged(path, "its description is not readable")
    version = info.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ModelFileError(
            f"'{path.name}' was saved by a newer flowerclf (model format {version}; this one "
            f"reads format {FORMAT_VERSION} and older). Update flowerclf to open it.",
            MODEL_TOO_NEW,
            path=path,
            version=version,
            supported=FORMAT_VERSION,
        )
    classes = info.get("classes")
    if (
        not isinstance(info.get("architecture"), str)
        or not isinstance(classes, list)
        or not classes
        or not all(isinstance(c, str) for c in classes)
    ):
        raise _damaged(
            path,
            "its description has no architecture or class names",
            f"'{path.name}' is a flowerclf model file with a damaged description "
            "(no architecture or class names).",
        )
    return info


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise ModelFileError(
            f"The model file '{path}' does not exist.", MODEL_FILE_MISSING, path=path
        )
    if not path.is_file():
        raise ModelFileError(f"'{path}' is a folder, not a model file.", NOT_A_FILE, path=path)


def _looks_like_torch_file(path: Path) -> bool:
    """A PyTorch zip archive or a legacy pickle (checked by content, not by name)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError:
        return False
    return head.startswith(b"PK\x03\x04") or head[:1] == b"\x80"


def _is_tutorial_weights(path: Path) -> bool:
    return path.suffix.lower() in (".pth", ".pt") or _looks_like_torch_file(path)


def read_model_info(path: str | Path) -> dict[str, Any]:
    """A model's description, from the file header alone (no weights, no unpickling).

    For a flowerclf file: ``architecture``, ``classes``, ``num_classes``,
    ``image_size``, ``mean``, ``std``, ``created``, ``flowerclf_version``,
    ``format_version`` and whatever the training stored (``training``,
    ``best_val_accuracy``, ``evaluation``...), plus ``path``,
    ``file_size_bytes`` and ``num_parameters``. For a tutorial ``.pth`` with
    its ``class_indices.json`` beside it: ``format`` is ``"tutorial"``, and
    the weights are opened (with ``weights_only``: a pickle that would run
    code is refused) so that what is described is what is there: the
    architecture they hold (None if no known one fits) and their size.
    """
    path = Path(path)
    _check_exists(path)
    header = _read_header(path)
    if header is None:
        indices = path.with_name(CLASS_INDICES_NAME)
        if _is_tutorial_weights(path) and indices.is_file():
            classes = read_class_indices(indices)
            from flowerclf.core.models import detect_architecture, load_state_dict_file

            state = load_state_dict_file(path)  # verified: plain tensors only, never code
            return {
                "format": "tutorial",
                "architecture": detect_architecture(state),
                "classes": classes,
                "num_classes": len(classes),
                "image_size": _TUTORIAL_IMAGE_SIZE,
                "path": str(path),
                "file_size_bytes": path.stat().st_size,
                "num_parameters": sum(
                    int(v.numel()) for k, v in state.items() if not k.endswith(_BUFFER_SUFFIXES)
                ),
            }
        raise _not_a_model(path)
    info = _info_from_header(path, header)
    num_parameters = 0  # learned numbers: batch-norm statistics are not parameters
    for key, entry in header.items():
        if key == "__metadata__" or not isinstance(entry, dict) or key.endswith(_BUFFER_SUFFIXES):
            continue
        count = 1
        for dim in entry.get("shape", []):
            count *= int(dim)
        num_parameters += count
    info = {"format": FORMAT_NAME, **info}
    info.setdefault("num_classes", len(info["classes"]))
    info.update(path=str(path), file_size_bytes=path.stat().st_size, num_parameters=num_parameters)
    return info


# --------------------------------------------------------------------------- save / load


def _jsonable(value: Any) -> Any:
    """``json.dumps`` fallback for what training settings tend to hold."""
    import dataclasses

    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if hasattr(value, "tolist"):  # numpy arrays and scalars, tensors
        return value.tolist()
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    return str(value)


def _utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def description(classifier: Classifier, extra: Mapping[str, Any] | None = None) -> dict:
    """Everything needed to use the weights: what a model file (or an ONNX export) carries."""
    import flowerclf

    metadata = {**(classifier.metadata or {}), **(extra or {})}
    return {
        **metadata,
        "created": metadata.get("created") or _utc_now(),
        "flowerclf_version": flowerclf.__version__,
        "format_version": FORMAT_VERSION,
        "architecture": classifier.arch,
        "classes": list(classifier.classes),
        "num_classes": len(classifier.classes),
        "image_size": int(classifier.image_size),
        "mean": [float(m) for m in classifier.mean],
        "std": [float(s) for s in classifier.std],
    }


def description_json(classifier: Classifier, extra: Mapping[str, Any] | None = None) -> str:
    return json.dumps(description(classifier, extra), ensure_ascii=False, default=_jsonable)


def save_model(
    classifier: Classifier, path: str | Path, *, extra: Mapping[str, Any] | None = None
) -> Path:
    """Write ``classifier`` to one ``.safetensors`` file; returns its path.

    ``extra`` adds entries to the file's description (the recovery folder
    stores the name a model had in the app) without touching the classifier.

    ``.safetensors`` is appended to a name without it. The file is written
    beside its final name and moved into place, so an existing model is never
    left half-overwritten. The parent folder is created when needed. A file
    that cannot be written raises :class:`~flowerclf.core.errors.WriteError`
    (kind ``write_failed``) with the path and a plain reason.
    """
    from safetensors.torch import save

    path = Path(path)
    if path.suffix.lower() != MODEL_SUFFIX:
        path = path.with_name(path.name + MODEL_SUFFIX)
    header = {
        "format": FORMAT_NAME,
        FORMAT_NAME: description_json(classifier, extra),
    }
    tensors = {k: v.detach().cpu().contiguous() for k, v in classifier.state_dict().items()}
    # save() rather than save_file(): the bytes go through atomic_write, whose file
    # gets the user's usual permissions (save_file creates its files -rw-------).
    data = save(tensors, metadata=header)
    return atomic_write_bytes(path, data, make_parents=True, what="the model")


def _network_from_state(arch: str, num_classes: int, state: dict[str, torch.Tensor], name: str):
    """A network of ``arch`` holding exactly ``state`` (no random initialisation first)."""
    from flowerclf.core.models import _is_counter_key, new_network

    network = new_network(arch, num_classes, device="meta")
    expected = network.state_dict()
    for key in expected:
        if _is_counter_key(key) and key not in state:
            import torch

            state[key] = torch.tensor(0, dtype=torch.long)
    missing = sorted(set(expected) - set(state))
    unexpected = sorted(set(state) - set(expected))
    wrong = sorted(k for k in set(expected) & set(state) if expected[k].shape != state[k].shape)
    if missing or unexpected or wrong:
        example = (missing or unexpected or wrong)[0]
        raise ModelFileError(
            f"'{name}' is damaged: its weights do not fit {arch} with {num_classes} classes "
            f"(first problem: {example!r}).",
            MODEL_FILE_DAMAGED,
            path=name,
            reason=f"its weights do not fit {arch} with {num_classes} classes",
        )
    network.load_state_dict(state, strict=True, assign=True)
    return network.float()


def load_model(path: str | Path, device: str = "cpu") -> Classifier:
    """Open a model: a flowerclf ``.safetensors`` file, or a tutorial ``.pth`` whose
    ``class_indices.json`` lies beside it; or ``imagenet:ARCH``, torchvision's ImageNet
    weights with their 1,000 categories. ``device`` is "cpu", "cuda", "mps" or "auto".
    """
    from flowerclf.core.imagenet import imagenet_arch, imagenet_classifier, is_imagenet_name

    if is_imagenet_name(str(path)):
        classifier = imagenet_classifier(imagenet_arch(str(path)))
        if str(device) != "cpu":
            classifier.to(device)
        return classifier
    path = Path(path)
    _check_exists(path)
    header = _read_header(path)
    if header is None:
        if _is_tutorial_weights(path):
            indices = path.with_name(CLASS_INDICES_NAME)
            if not indices.is_file():
                raise ModelFileError(
                    f"'{path.name}' holds only weights, without class names. Put its "
                    f'{CLASS_INDICES_NAME} (which maps "0", "1", ... to class names) in the '
                    "same folder and open it again.",
                    CLASS_NAMES_MISSING,
                    path=indices,
                    weights=path,
                )
            classifier = import_tutorial(path, indices)
        else:
            raise _not_a_model(path)
    else:
        info = _info_from_header(path, header)
        classifier = _classifier_from_file(path, info)
    if str(device) != "cpu":
        classifier.to(device)
    return classifier


def _classifier_from_file(path: Path, info: dict[str, Any]) -> Classifier:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from flowerclf.core.models import architecture_info
    from flowerclf.core.predict import Classifier

    arch = architecture_info(info["architecture"]).name
    classes = info["classes"]
    try:
        state = load_file(str(path), device="cpu")
    except (SafetensorError, OSError, ValueError) as error:
        raise ModelFileError(
            f"'{path.name}' is damaged: its weights cannot be read.",
            MODEL_FILE_DAMAGED,
            path=path,
            reason="its weights cannot be read",
        ) from error
    network = _network_from_state(arch, len(classes), state, path.name)
    metadata = {k: v for k, v in info.items() if k not in _STRUCTURE_KEYS}
    kwargs = {k: info[k] for k in ("image_size", "mean", "std") if k in info}
    return Classifier(network, arch, classes, metadata=metadata, **kwargs)


# --------------------------------------------------------------------------- tutorial pair


def read_class_indices(path: str | Path) -> list[str]:
    """Class names in output order from a ``class_indices.json`` (``{"0": "daisy", ...}``)."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(
            f"The class names file '{path}' does not exist.", CLASS_NAMES_MISSING, path=path
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ModelFileError(
            f"'{path.name}' is not a readable class names file (JSON such as "
            '{"0": "daisy", "1": "roses"}).',
            CLASS_NAMES_INVALID,
            path=path,
            reason="it is not readable JSON",
        ) from error
    if isinstance(data, list):
        data = {str(i): name for i, name in enumerate(data)}
    by_index: dict[int, str] = {}
    if isinstance(data, dict):
        for key, name in data.items():
            try:
                index = int(key)
            except (TypeError, ValueError):
                break
            if not isinstance(name, str) or not name:
                break
            by_index[index] = name
    if not by_index or sorted(by_index) != list(range(len(data))):
        raise ModelFileError(
            f'\'{path.name}\' must map "0", "1", ... (every number from 0 up, once) to class '
            'names, such as {"0": "daisy", "1": "roses"}.',
            CLASS_NAMES_INVALID,
            path=path,
            reason="it does not map every number from 0 up to a class name",
        )
    names = [by_index[i] for i in range(len(by_index))]
    if len(set(names)) != len(names):
        raise ModelFileError(
            f"'{path.name}' names the same class twice.",
            CLASS_NAMES_INVALID,
            path=path,
            reason="it names the same class twice",
        )
    return names


def import_tutorial(
    weights_path: str | Path, class_indices_path: str | Path, arch: str | None = None
) -> Classifier:
    """A :class:`Classifier` from a plain state dict ``.pth`` and its ``class_indices.json``.

    The architecture is detected from the weights when ``arch`` is None, and
    checked otherwise. The images are expected at 224 pixels with ImageNet
    normalisation, as torchvision's ImageNet models are.
    """
    from flowerclf.core.models import architecture_info, detect_architecture, load_state_dict_file
    from flowerclf.core.predict import Classifier

    weights_path = Path(weights_path)
    classes = read_class_indices(class_indices_path)
    state = load_state_dict_file(weights_path)
    detected = detect_architecture(state)
    if arch is not None:
        arch = architecture_info(arch).name
        if detected != arch:
            if detected is None:
                message = (
                    f"This weights file ('{weights_path.name}') does not hold {arch} weights, "
                    "nor those of any other architecture flowerclf knows. Choose another file."
                )
            else:
                message = (
                    f"This weights file ('{weights_path.name}') seems to hold {detected} "
                    f"weights, not {arch}. Choose {detected} as the architecture, or another "
                    "file."
                )
            raise ArchitectureMismatchError(
                message, ARCHITECTURE_MISMATCH, path=weights_path, arch=arch, detected=detected
            )
    elif detected is None:
        raise ModelFileError(
            f"'{weights_path.name}' does not hold the weights of an architecture flowerclf "
            "knows (torchvision ResNets and ResNeXts).",
            WEIGHTS_NOT_RECOGNISED,
            path=weights_path,
        )
    arch = detected
    head = state.get("fc.weight")
    if head is None or head.ndim != 2:
        raise ModelFileError(
            f"'{weights_path.name}' has no last layer (fc) to classify with.",
            MODEL_FILE_DAMAGED,
            path=weights_path,
            reason="it has no last layer to classify with",
        )
    if head.shape[0] != len(classes):
        raise ModelFileError(
            f"'{weights_path.name}' has {head.shape[0]} outputs, but "
            f"'{Path(class_indices_path).name}' names {len(classes)} classes. "
            "They do not belong together.",
            CLASS_COUNT_MISMATCH,
            path=weights_path,
            outputs=int(head.shape[0]),
            class_names_path=class_indices_path,
            classes=classes,
        )
    network = _network_from_state(arch, len(classes), state, weights_path.name)
    metadata = {"imported_from": weights_path.name, "created": _utc_now()}
    return Classifier(network, arch, classes, image_size=_TUTORIAL_IMAGE_SIZE, metadata=metadata)


def export_tutorial(classifier: Classifier, out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``OUT_DIR/<arch>.pth`` (a plain state dict) and ``OUT_DIR/class_indices.json``.

    The state dict loads with ``torchvision.models.<arch>(num_classes=N)
    .load_state_dict(torch.load(path, weights_only=True))``, strictly. The
    folder is created when needed; each file is written all at once or not at
    all, and a failure raises :class:`~flowerclf.core.errors.WriteError`.
    """
    import torch

    out_dir = Path(out_dir)
    weights_path = out_dir / f"{classifier.arch}.pth"
    indices_path = out_dir / CLASS_INDICES_NAME
    state = {k: v.detach().cpu().contiguous().clone() for k, v in classifier.state_dict().items()}
    indices = {str(i): name for i, name in enumerate(classifier.classes)}

    atomic_write(
        weights_path, lambda file: torch.save(state, file), make_parents=True, what="the weights"
    )
    text = json.dumps(indices, indent=4, ensure_ascii=False)
    atomic_write_bytes(indices_path, text.encode("utf-8"), what="the class names")
    return weights_path, indices_path
