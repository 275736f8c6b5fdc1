"""Errors a user can cause, as data: a stable ``kind`` and the ``details`` behind it.

Every exception here carries a complete message in plain words (``str(error)``)
that names no command-line flag and shows no system jargon, so that any front
end can show it as is. A front end that wants to say more, in its own terms
(the command line names its flags, the app its buttons and its language),
reads ``error.kind`` and ``error.details`` instead of parsing the message.
Anything else that escapes the core is a bug and deserves a traceback in the log.

The kinds, with the keys of ``details`` each one carries (paths are strings):

Datasets
    ``dataset_missing``        path: the dataset folder does not exist
    ``dataset_not_folder``     path: the dataset path is a file
    ``no_class_folders``       path: the folder has no class subfolders
    ``too_few_classes``        path, classes: only one class folder
    ``empty_class``            path, classes, split: class folders without a usable image
                               (split is "train", "val" or None)
    ``no_training_images``     val_split: nothing left to train on after the split
    ``no_images``              total: nothing to evaluate, or none of ``total`` images readable
    ``classes_do_not_match``   dataset_classes, model_classes: no dataset class is the model's
    ``image_unreadable``       path (None for bytes or a picture in memory), reason

Model and weights files
    ``model_file_missing``     path: a model or weights file does not exist
    ``not_a_file``             path: a folder was given where a file is needed
    ``model_file_unreadable``  path, reason: the system refused to read it
    ``model_file_damaged``     path, reason: a model file whose contents are broken
    ``model_too_new``          path, version, supported: saved by a newer flowerclf
    ``not_a_model``            path: not a flowerclf model file
    ``not_weights``            path: not a plain PyTorch state dict (or it would run code)
    ``weights_not_recognised`` path: weights of no architecture flowerclf knows
    ``class_names_missing``    path: the class names file (class_indices.json) is absent
    ``class_names_invalid``    path, reason: the class names file cannot be used
    ``class_count_mismatch``   path, outputs, class_names_path, classes: weights and
                               class names do not belong together

Architectures and starting weights
    ``unknown_architecture``   arch, choices
    ``architecture_mismatch``  path, arch, detected (None when no known architecture fits)
    ``weights_unavailable``    arch, reason, url, cache_path: ImageNet weights neither
                               cached nor downloadable
    ``weights_damaged``        arch, reason, url, cache_path: the cached ImageNet file is broken

Devices, number formats and settings
    ``device_unavailable``     device: asked for a GPU this computer does not have
    ``unknown_device``         device, choices
    ``unknown_precision``      precision, choices
    ``precision_unavailable``  precision, device: a number format this device does not offer
    ``invalid_setting``        setting, value, and minimum/maximum where the setting has them;
                               processes where it is what several processes cannot share

Training and explaining
    ``training_diverged``      lr: the loss stopped being a number
    ``process_lost``           processes, reason: in a run of several processes, another one
                               stopped answering (it ended, or its computer went away)
    ``unknown_class``          classes and label (a name) or index (a number)
    ``not_explainable``        arch: the network has no block to draw a heat map from

Writing files
    ``write_failed``           path, reason: a model, report, export or heat map could not
                               be written; nothing was left half-written

Moving photos
    ``move_failed``            path, reason (and target where there is one): photos could not
                               be moved to another class or excluded, or moved back; nothing
                               was changed

Exporting
    ``extra_missing``          extra, missing: an optional part (``pip install flowerclf[extra]``)
                               is not installed
    ``export_mismatch``        path, largest_difference, same_top_class: the export would answer
                               differently from flowerclf, so it was not kept

Downloads and archives (the flowers sample)
    ``download_failed``        url, reason, bytes_done, bytes_total (None when unknown), partial
                               (the part kept to go on from, or None): not (fully) downloaded
    ``download_stopped``       url, bytes_done, partial: stopped on request; the part is kept
                               (path instead, when checking or unpacking was stopped)
    ``checksum_mismatch``      path, expected, actual: not the file expected (its SHA-256
                               differs); nothing was unpacked
    ``archive_unsafe``         path, member, reason: a member would land outside the folder, or
                               is a link, a device or a pipe; nothing was unpacked
    ``archive_unreadable``     path, reason: missing, or not a readable .tgz archive

Checkpoints and interrupted runs
    ``checkpoint_unreadable``  path, reason: no checkpoint there, or not one that can be read
    ``checkpoint_mismatch``    path, differences: the checkpoint is of other photos or settings
    ``checkpoint_exists``      path, description: an interrupted run would be overwritten
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATASET_MISSING = "dataset_missing"
DATASET_NOT_FOLDER = "dataset_not_folder"
NO_CLASS_FOLDERS = "no_class_folders"
TOO_FEW_CLASSES = "too_few_classes"
EMPTY_CLASS = "empty_class"
NO_TRAINING_IMAGES = "no_training_images"
NO_IMAGES = "no_images"
CLASSES_DO_NOT_MATCH = "classes_do_not_match"
IMAGE_UNREADABLE = "image_unreadable"

MODEL_FILE_MISSING = "model_file_missing"
NOT_A_FILE = "not_a_file"
MODEL_FILE_UNREADABLE = "model_file_unreadable"
MODEL_FILE_DAMAGED = "model_file_damaged"
MODEL_TOO_NEW = "model_too_new"
NOT_A_MODEL = "not_a_model"
NOT_WEIGHTS = "not_weights"
WEIGHTS_NOT_RECOGNISED = "weights_not_recognised"
CLASS_NAMES_MISSING = "class_names_missing"
CLASS_NAMES_INVALID = "class_names_invalid"
CLASS_COUNT_MISMATCH = "class_count_mismatch"

UNKNOWN_ARCHITECTURE = "unknown_architecture"
ARCHITECTURE_MISMATCH = "architecture_mismatch"
WEIGHTS_UNAVAILABLE = "weights_unavailable"
WEIGHTS_DAMAGED = "weights_damaged"

DEVICE_UNAVAILABLE = "device_unavailable"
UNKNOWN_DEVICE = "unknown_device"
UNKNOWN_PRECISION = "unknown_precision"
PRECISION_UNAVAILABLE = "precision_unavailable"
INVALID_SETTING = "invalid_setting"

TRAINING_DIVERGED = "training_diverged"
PROCESS_LOST = "process_lost"
UNKNOWN_CLASS = "unknown_class"
NOT_EXPLAINABLE = "not_explainable"

WRITE_FAILED = "write_failed"

MOVE_FAILED = "move_failed"

EXTRA_MISSING = "extra_missing"
EXPORT_MISMATCH = "export_mismatch"

DOWNLOAD_FAILED = "download_failed"
DOWNLOAD_STOPPED = "download_stopped"
CHECKSUM_MISMATCH = "checksum_mismatch"
ARCHIVE_UNSAFE = "archive_unsafe"
ARCHIVE_UNREADABLE = "archive_unreadable"

CHECKPOINT_UNREADABLE = "checkpoint_unreadable"
CHECKPOINT_MISMATCH = "checkpoint_mismatch"
CHECKPOINT_EXISTS = "checkpoint_exists"

KINDS: frozenset[str] = frozenset(
    value for name, value in list(globals().items()) if name.isupper() and isinstance(value, str)
)


def _plain(value: Any) -> Any:
    """Paths become strings, so that details are plain data."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class FlowerclfError(Exception):
    """Base class: ``str(error)`` is a complete, plain-words message.

    ``kind`` is one of the strings listed in this module's docstring (a
    subclass gives a default); ``details`` holds what the message was made of.
    """

    kind: str = "error"

    def __init__(self, message: str, kind: str | None = None, **details: Any):
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        self.details: dict[str, Any] = {key: _plain(value) for key, value in details.items()}

    @property
    def message(self) -> str:
        return str(self)


class DatasetError(FlowerclfError):
    """The dataset folder cannot be used (missing, too few classes, empty class...)."""

    kind = DATASET_MISSING


class ImageLoadError(FlowerclfError):
    """One image could not be read; ``reason`` says why in a few words."""

    kind = IMAGE_UNREADABLE

    def __init__(self, path: str | Path | None, reason: str):
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = f"{self.path.name}: " if self.path is not None else ""
        super().__init__(f"{where}{reason}", path=self.path, reason=reason)


class ModelFileError(FlowerclfError):
    """A file is not a flowerclf model (or a tutorial model) that can be opened."""

    kind = NOT_A_MODEL


class UnknownArchitectureError(FlowerclfError):
    """An architecture name that flowerclf does not know."""

    kind = UNKNOWN_ARCHITECTURE


class ArchitectureMismatchError(FlowerclfError):
    """A weights file holds a different architecture from the one asked for."""

    kind = ARCHITECTURE_MISMATCH


class WeightsUnavailableError(FlowerclfError):
    """ImageNet weights are neither cached nor downloadable (or the cached file is broken)."""

    kind = WEIGHTS_UNAVAILABLE


class DownloadError(FlowerclfError):
    """A download failed, was stopped, or brought a file other than the one expected."""

    kind = DOWNLOAD_FAILED


class ArchiveError(FlowerclfError):
    """An archive that cannot be unpacked safely (or at all); nothing was unpacked."""

    kind = ARCHIVE_UNSAFE


class InvalidSettingError(FlowerclfError):
    """A training setting that cannot work; ``details['setting']`` names the field."""

    kind = INVALID_SETTING


class DeviceError(FlowerclfError):
    """A device or number format that this computer does not offer, or an unknown name."""

    kind = DEVICE_UNAVAILABLE


class WriteError(FlowerclfError):
    """A file could not be written; ``path`` and ``reason`` say which and why, plainly."""

    kind = WRITE_FAILED

    def __init__(self, path: str | Path, reason: str, what: str = "the file"):
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"Could not write {what} {self.path}: {reason}.", path=self.path, reason=reason
        )
