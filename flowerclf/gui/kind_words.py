"""Every kind of the core's errors in the app's words, from its ``details``.

The core's own message is English and complete; the window words each kind
itself so that it speaks the interface's language (``error_words.describe``
uses this table). A test checks that every kind in ``core.errors.KINDS`` is here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from flowerclf.gui.reason_words import reason_words

Details = dict[str, Any]


class Errors(QObject):
    """The translation context of the app's words for errors: ``Errors.tr(text)``.

    A class, so that ``pyside6-lupdate`` files these sentences under "Errors"
    and reads their plural forms, which it does for ``X.tr(...)`` calls only.
    """


#: what each training setting is called in a sentence (the core's FIELD_LABELS, in words)
SETTING_NAMES = {
    "arch": QT_TRANSLATE_NOOP("Settings", "architecture"),
    "weights": QT_TRANSLATE_NOOP("Settings", "starting weights"),
    "freeze_backbone": QT_TRANSLATE_NOOP("Settings", "last-layer-only setting"),
    "epochs": QT_TRANSLATE_NOOP("Settings", "number of epochs"),
    "batch_size": QT_TRANSLATE_NOOP("Settings", "batch size"),
    "lr": QT_TRANSLATE_NOOP("Settings", "learning rate"),
    "val_split": QT_TRANSLATE_NOOP("Settings", "validation share"),
    "image_size": QT_TRANSLATE_NOOP("Settings", "image size"),
    "device": QT_TRANSLATE_NOOP("Settings", "device"),
    "seed": QT_TRANSLATE_NOOP("Settings", "seed"),
    "workers": QT_TRANSLATE_NOOP("Settings", "number of workers"),
    "precision": QT_TRANSLATE_NOOP("Settings", "number format"),
}


def setting_name(setting: str) -> str:
    words = SETTING_NAMES.get(setting)
    return QCoreApplication.translate("Settings", words) if words else setting


def _name(details: Details, key: str = "path") -> str:
    """A file or folder as a person knows it: its name (the full path is in the details)."""
    value = details.get(key)
    return Path(str(value)).name or str(value) if value else ""


def _listed(values: Any, limit: int = 8) -> str:
    names = [str(v) for v in (values or [])]
    # The list separator is a word too: Chinese lists with "、".
    return Errors.tr(", ").join(names[:limit]) + ("…" if len(names) > limit else "")


class _Blank(dict):
    """Details a kind usually carries but this error did not: left blank, never a crash."""

    def __missing__(self, key: str) -> str:
        return ""


def _t(text: str) -> Callable[[Details], str]:
    """Words that need only the details' names: ``{path}`` is the file's name."""

    def words(details: Details) -> str:
        values = {key: value for key, value in details.items() if value is not None}
        for key in ("path", "class_names_path", "cache_path"):
            if details.get(key):
                values[key] = _name(details, key)
        return Errors.tr(text).format_map(_Blank(values))

    return words


def _dataset_missing(d: Details) -> str:
    return Errors.tr("The folder {path} does not exist.").format(path=d.get("path"))


def _too_few_classes(d: Details) -> str:
    return Errors.tr(
        "The photos need at least two classes (subfolders); this folder has only one: {name}.",
    ).format(name=_listed(d.get("classes")))


def _empty_class(d: Details) -> str:
    split = d.get("split")
    names = _listed(d.get("classes"))
    if split == "train":
        text = Errors.tr("These class folders have no usable photo to learn from: {names}.")
    elif split == "val":
        text = Errors.tr("These class folders have no usable photo to check with: {names}.")
    else:
        text = Errors.tr("These class folders have no usable photo: {names}.")
    return text.format(names=names)


def _no_images(d: Details) -> str:
    total = int(d.get("total") or 0)
    if total:
        return Errors.tr("None of the %n image(s) could be read.", "", total)
    return Errors.tr("There are no images to use.")


def _classes_do_not_match(d: Details) -> str:
    return Errors.tr(
        "None of the folder's classes ({dataset}) is one the model knows ({model}). "
        "The subfolders must be named like the model's classes.",
    ).format(dataset=_listed(d.get("dataset_classes")), model=_listed(d.get("model_classes")))


def _image_unreadable(d: Details) -> str:
    reason = reason_words(str(d.get("reason") or ""))
    if d.get("path"):
        return Errors.tr("Could not read {name}: {reason}.").format(name=_name(d), reason=reason)
    return Errors.tr("Could not read the picture: {reason}.").format(reason=reason)


def _model_file_unreadable(d: Details) -> str:
    return Errors.tr("Could not read {name}: {reason}.").format(
        name=_name(d), reason=reason_words(str(d.get("reason") or ""))
    )


def _move_failed(d: Details) -> str:
    return Errors.tr("Could not move {name}: {reason}. Nothing was moved.").format(
        name=_name(d), reason=reason_words(str(d.get("reason") or ""))
    )


def _architecture_mismatch(d: Details) -> str:
    if d.get("detected"):
        return Errors.tr(
            "{name} holds a {detected}, not a {arch}: choose {detected} to use it."
        ).format(name=_name(d), detected=d["detected"], arch=d.get("arch"))
    return Errors.tr(
        "{name} holds none of the networks FlowerClf knows, so it cannot be a {arch}."
    ).format(name=_name(d), arch=d.get("arch"))


def _unknown_class(d: Details) -> str:
    which = d.get("label") if d.get("label") is not None else d.get("index")
    return Errors.tr("The model has no class {which}; its classes are {classes}.").format(
        which=which, classes=_listed(d.get("classes"))
    )


def _invalid_setting(d: Details) -> str:
    name = setting_name(str(d.get("setting", "")))
    if d.get("processes") is not None:  # what several GPUs together cannot share
        if d.get("setting") == "freeze_backbone":
            return Errors.tr(
                "Training only the last layer takes a moment on one device: choose one "
                "device rather than all GPUs together, or fine-tune all layers."
            )
        return Errors.tr(
            "With {processes} GPUs together, the batch size must be a multiple of "
            "{processes}, so that each takes the same share; {value} cannot work."
        ).format(processes=d["processes"], value=d.get("value"))
    if d.get("minimum") is not None and d.get("maximum") is not None:
        return Errors.tr(
            "The {name} must be between {minimum} and {maximum}; {value} cannot work."
        ).format(name=name, minimum=d["minimum"], maximum=d["maximum"], value=d.get("value"))
    if d.get("minimum") is not None:
        return Errors.tr("The {name} must be at least {minimum}; {value} cannot work.").format(
            name=name, minimum=d["minimum"], value=d.get("value")
        )
    return Errors.tr("The {name} cannot be {value}.").format(name=name, value=d.get("value"))


def _checkpoint_unreadable(d: Details) -> str:
    reason = d.get("reason")
    if reason == "missing":
        return Errors.tr("There is no interrupted training to continue.")
    if reason == "too new":
        return Errors.tr(
            "The interrupted training was saved by a newer FlowerClf; update it first."
        )
    return Errors.tr("The interrupted training in {name} cannot be read.").format(name=_name(d))


def _checkpoint_mismatch(d: Details) -> str:
    count = len(d.get("differences") or [])
    return Errors.tr(
        "The interrupted training cannot go on with these photos and settings: "
        "%n setting(s) or file(s) differ.",
        "",
        count,
    )


def _export_mismatch(d: Details) -> str:
    return Errors.tr(
        "The ONNX export does not answer as FlowerClf does (largest difference {difference:.6f}), "
        "so it was not kept.",
    ).format(difference=float(d.get("largest_difference") or 0.0))


#: kind -> words; error_words adds its own for the kinds that name the app's buttons
KIND_WORDS: dict[str, Callable[[Details], str]] = {
    "dataset_missing": _dataset_missing,
    "dataset_not_folder": _t(
        QT_TRANSLATE_NOOP(
            "Errors", "{path} is a file, not a folder: choose the folder of the classes."
        )
    ),
    "no_class_folders": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The folder {path} has no class subfolders: put the photos of each class in a "
            "subfolder named after the class.",
        )
    ),
    "too_few_classes": _too_few_classes,
    "empty_class": _empty_class,
    "no_training_images": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "No photo is left to learn from once the validation share is set aside: "
            "lower the validation share or add photos.",
        )
    ),
    "no_images": _no_images,
    "classes_do_not_match": _classes_do_not_match,
    "image_unreadable": _image_unreadable,
    "model_file_missing": _t(QT_TRANSLATE_NOOP("Errors", "The file {path} does not exist.")),
    "not_a_file": _t(QT_TRANSLATE_NOOP("Errors", "{path} is a folder; choose a file.")),
    "model_file_unreadable": _model_file_unreadable,
    "model_file_damaged": _t(
        QT_TRANSLATE_NOOP("Errors", "The model file {path} is damaged and cannot be opened.")
    ),
    "model_too_new": _t(
        QT_TRANSLATE_NOOP(
            "Errors", "{path} was saved by a newer FlowerClf; update FlowerClf to open it."
        )
    ),
    "not_a_model": _t(QT_TRANSLATE_NOOP("Errors", "{path} is not a FlowerClf model file.")),
    "not_weights": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} does not hold plain network weights (or holds code, which is never run).",
        )
    ),
    "weights_not_recognised": _t(
        QT_TRANSLATE_NOOP("Errors", "{path} holds weights of no network FlowerClf knows.")
    ),
    "class_names_missing": _t(
        QT_TRANSLATE_NOOP(
            "Errors", "The class names file (class_indices.json) is missing beside {path}."
        )
    ),
    "class_names_invalid": _t(
        QT_TRANSLATE_NOOP("Errors", "The class names file {path} cannot be used.")
    ),
    "class_count_mismatch": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The weights in {path} give {outputs} classes, but {class_names_path} names {classes}: "
            "they do not belong together.",
        )
    ),
    "unknown_architecture": _t(
        QT_TRANSLATE_NOOP("Errors", "FlowerClf does not know the network {arch}.")
    ),
    "architecture_mismatch": _architecture_mismatch,
    "weights_damaged": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "The downloaded ImageNet weights for {arch} are damaged. Delete {cache_path} to "
            "download them again, or let the network start from scratch.",
        )
    ),
    "unknown_precision": _t(
        QT_TRANSLATE_NOOP("Errors", "FlowerClf does not know the number format {precision}.")
    ),
    "precision_unavailable": _t(
        QT_TRANSLATE_NOOP(
            "Errors", "This device does not offer the number format {precision}: choose Automatic."
        )
    ),
    "invalid_setting": _invalid_setting,
    "training_diverged": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Training went numerically wrong (the loss is not a number). "
            "Try a smaller learning rate than {lr}.",
        )
    ),
    "unknown_class": _unknown_class,
    "not_explainable": _t(
        QT_TRANSLATE_NOOP("Errors", "The network {arch} has no layer to draw a heat map from.")
    ),
    "move_failed": _move_failed,
    "export_mismatch": _export_mismatch,
    "checkpoint_unreadable": _checkpoint_unreadable,
    "checkpoint_mismatch": _checkpoint_mismatch,
    "process_lost": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Another of the {processes} training processes stopped answering (it ended, or "
            "its computer went away), so this one stopped too.",
        )
    ),
    "download_stopped": _t(
        QT_TRANSLATE_NOOP(
            "Errors", "Stopped. What came is kept, and trying again goes on from there."
        )
    ),
    "archive_unsafe": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} holds {member}, which would land outside the folder or is not a plain "
            "file, so nothing was unpacked. Get the archive again.",
        )
    ),
    "archive_unreadable": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "{path} could not be opened as an archive: it is missing, damaged or not a .tgz file.",
        )
    ),
    "checkpoint_exists": _t(
        QT_TRANSLATE_NOOP(
            "Errors",
            "An interrupted training ({description}) would be overwritten: resume it, or "
            "discard it to start again.",
        )
    ),
}
