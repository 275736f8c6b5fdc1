"""Every setting of flowerclf, its choices and its default: one torch-free source for all.

The training settings (:class:`TrainingConfig`), the table of architectures
with the numbers a person chooses by (:data:`ARCHITECTURES`), and the device,
number-format and starting-weights choices live here, and nowhere else: the
engine, the command line and the desktop app all read them from this module.
Importing it loads neither torch, torchvision, numpy nor Qt, so the command
line's ``--help`` and the app's first window stay quick.

The numbers in the architecture table are torchvision's own (``weights.meta``
of each ``IMAGENET1K_V1`` checkpoint), written out so that reading them needs
no torch; a test checks them against torchvision so that they cannot drift.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from flowerclf.core.errors import InvalidSettingError, UnknownArchitectureError


@dataclass(frozen=True)
class ArchitectureSpec:
    """One network flowerclf can train, with the numbers a person chooses by."""

    name: str
    params_millions: float  # learned numbers, in millions (with a 1000-class last layer)
    gflops: float  # billions of operations per 224 x 224 image, forward pass
    description: str  # one line, plain words, for a tooltip or --help
    imagenet_top1: float  # ImageNet top-1 accuracy (%) of the starting weights
    download_mb: float  # size of torchvision's ImageNet checkpoint, in MB
    weights_file: str  # that checkpoint's file name in torch's hub cache


ARCHITECTURES: dict[str, ArchitectureSpec] = {
    spec.name: spec
    for spec in (
        ArchitectureSpec(
            name="resnet18",
            params_millions=11.7,
            gflops=1.81,
            description="Smallest and fastest: good for quick tries and slow computers.",
            imagenet_top1=69.758,
            download_mb=44.7,
            weights_file="resnet18-f37072fd.pth",
        ),
        ArchitectureSpec(
            name="resnet34",
            params_millions=21.8,
            gflops=3.66,
            description="The default: a good balance of accuracy and speed.",
            imagenet_top1=73.314,
            download_mb=83.3,
            weights_file="resnet34-b627a593.pth",
        ),
        ArchitectureSpec(
            name="resnet50",
            params_millions=25.6,
            gflops=4.09,
            description="A little more accurate than resnet34, slower to train and needs more "
            "memory.",
            imagenet_top1=76.13,
            download_mb=97.8,
            weights_file="resnet50-0676ba61.pth",
        ),
        ArchitectureSpec(
            name="resnet101",
            params_millions=44.5,
            gflops=7.8,
            description="Deeper and more accurate; about twice as slow as resnet50.",
            imagenet_top1=77.374,
            download_mb=170.5,
            weights_file="resnet101-63fe2227.pth",
        ),
        ArchitectureSpec(
            name="resnet152",
            params_millions=60.2,
            gflops=11.51,
            description="The deepest plain ResNet: accurate but slow; best with a GPU.",
            imagenet_top1=78.312,
            download_mb=230.4,
            weights_file="resnet152-394f9c45.pth",
        ),
        ArchitectureSpec(
            name="resnext50_32x4d",
            params_millions=25.0,
            gflops=4.23,
            description="A resnet50 with grouped convolutions: more accurate at about the same "
            "cost.",
            imagenet_top1=77.618,
            download_mb=95.8,
            weights_file="resnext50_32x4d-7cdf4587.pth",
        ),
        ArchitectureSpec(
            name="resnext101_32x8d",
            params_millions=88.8,
            gflops=16.41,
            description="Large and accurate; very slow without a GPU.",
            imagenet_top1=79.312,
            download_mb=339.6,
            weights_file="resnext101_32x8d-8ba56ff5.pth",
        ),
        ArchitectureSpec(
            name="wide_resnet50_2",
            params_millions=68.9,
            gflops=11.4,
            description="A wider resnet50: accurate, but large and slow without a GPU.",
            imagenet_top1=78.468,
            download_mb=131.8,
            weights_file="wide_resnet50_2-95faca4d.pth",
        ),
    )
}
DEFAULT_ARCHITECTURE = "resnet34"

# Where the maths runs: ``auto`` picks a CUDA GPU, then Apple's MPS, then the CPU.
DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
# The number format of the heavy maths: ``auto`` is bfloat16 where the hardware
# computes it natively, else full precision (fp32).
PRECISION_CHOICES = ("auto", "fp32", "bf16", "fp16")
# Starting weights: torchvision's ImageNet checkpoint, random, or (not listed) a file path.
WEIGHTS_CHOICES = ("imagenet", "none")

# Prediction favours exact probabilities on the CPU; training favours speed.
DEFAULT_PREDICT_DEVICE = "cpu"
DEFAULT_PREDICT_PRECISION = "fp32"

MIN_IMAGE_SIZE, MAX_IMAGE_SIZE = 16, 1024

# One line per training setting, in plain words (the command line's --help uses them).
FIELD_HELP: dict[str, str] = {
    "arch": "the network to fine-tune",
    "weights": "starting weights: imagenet (downloaded once, then cached), none (random), "
    "the path of a .pth or .safetensors file, or a flowerclf model to continue from",
    "freeze_backbone": "train only the new last layer (fast)",
    "epochs": "passes over the training images",
    "batch_size": "images per training step",
    "lr": "learning rate of the Adam optimiser",
    "val_split": "share of each class's images kept aside to measure accuracy",
    "image_size": "side in pixels of the square each image is resized and cropped to",
    "device": "where the maths runs; auto picks a GPU when there is one",
    "seed": "a number that makes a CPU run repeatable",
    "workers": "image decoding workers",
    "precision": "number format; auto uses bf16 where the hardware computes it natively, else fp32",
}


# What each setting is called in a sentence ("The learning rate cannot be 'abc'.").
FIELD_LABELS: dict[str, str] = {
    "arch": "architecture",
    "weights": "starting weights",
    "freeze_backbone": "last-layer-only setting",
    "epochs": "number of epochs",
    "batch_size": "batch size",
    "lr": "learning rate",
    "val_split": "validation share",
    "image_size": "image size",
    "device": "device",
    "seed": "seed",
    "workers": "number of workers",
    "precision": "number format",
}


def architecture_spec(arch: str) -> ArchitectureSpec:
    """The table's entry for ``arch``; :class:`UnknownArchitectureError` otherwise."""
    spec = ARCHITECTURES.get(arch) if isinstance(arch, str) else None
    if spec is None:
        known = ", ".join(ARCHITECTURES)
        raise UnknownArchitectureError(
            f"Unknown architecture {arch!r}. Choose one of: {known}.",
            arch=arch,
            choices=list(ARCHITECTURES),
        )
    return spec


# --------------------------------------------------------------------------- conversions


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError("not a whole number")
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if number.is_integer():
            return int(number)
        raise ValueError("not a whole number") from None


def _to_optional_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in _NONE_WORDS):
        return None
    return _to_int(value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a yes/no value is not a number")
    number = float(value.strip() if isinstance(value, str) else value)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0", ""):
        return False
    raise ValueError("not yes or no")


def _to_text(value: Any) -> str:
    if value is None:
        raise ValueError("missing")
    return str(value).strip()


_NONE_WORDS = ("", "none", "null")

_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "arch": _to_text,
    "weights": _to_text,
    "freeze_backbone": _to_bool,
    "epochs": _to_int,
    "batch_size": _to_int,
    "lr": _to_float,
    "val_split": _to_float,
    "image_size": _to_int,
    "device": _to_text,
    "seed": _to_optional_int,
    "workers": _to_optional_int,
    "precision": _to_text,
}

_CUDA_INDEX = re.compile(r"cuda:\d+")


def _invalid(message: str, setting: str, value: Any, **limits: Any) -> InvalidSettingError:
    return InvalidSettingError(message, setting=setting, value=value, **limits)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


# --------------------------------------------------------------------------- the settings


@dataclass
class TrainingConfig:
    """Every setting of a training run; the defaults are the classic recipe's."""

    arch: str = DEFAULT_ARCHITECTURE
    weights: str = "imagenet"  # "imagenet", "none", or a path to a .pth/.safetensors file
    freeze_backbone: bool = False
    epochs: int = 3
    batch_size: int = 16
    lr: float = 1e-4
    val_split: float = 0.1
    image_size: int = 224
    device: str = "auto"  # one of DEVICE_CHOICES, or "cuda:N"
    seed: int | None = None
    workers: int | None = None  # decoding threads (CPU) or spawned processes (CUDA)
    precision: str = "auto"  # one of PRECISION_CHOICES

    def validate(self) -> None:
        """Raise :class:`InvalidSettingError` (kind ``invalid_setting``) for a setting that
        cannot work, or :class:`UnknownArchitectureError` for an unknown architecture.

        ``details['setting']`` names the field, ``details['value']`` holds what it
        was, and ``minimum``/``maximum`` the limits where the setting has them.
        """
        architecture_spec(self.arch)
        if not isinstance(self.weights, str) and not hasattr(self.weights, "__fspath__"):
            raise _invalid(
                "The starting weights must be imagenet, none or a file.", "weights", self.weights
            )
        if not _is_int(self.epochs) or self.epochs < 1:
            raise _invalid(
                "The number of epochs must be a whole number, at least 1.",
                "epochs",
                self.epochs,
                minimum=1,
            )
        if not _is_int(self.batch_size) or self.batch_size < 1:
            raise _invalid(
                "The batch size must be a whole number, at least 1.",
                "batch_size",
                self.batch_size,
                minimum=1,
            )
        if not _is_number(self.lr) or not (0 < self.lr < 1):
            raise _invalid(
                "The learning rate must be between 0 and 1 (try 0.0001).",
                "lr",
                self.lr,
                minimum=0,
                maximum=1,
            )
        if not _is_number(self.val_split) or not (0 <= self.val_split < 1):
            raise _invalid(
                "The validation share must be at least 0 and below 1 (try 0.1).",
                "val_split",
                self.val_split,
                minimum=0,
                maximum=1,
            )
        if not _is_int(self.image_size) or not (
            MIN_IMAGE_SIZE <= self.image_size <= MAX_IMAGE_SIZE
        ):
            raise _invalid(
                f"The image size must be between {MIN_IMAGE_SIZE} and {MAX_IMAGE_SIZE} pixels "
                "(try 224).",
                "image_size",
                self.image_size,
                minimum=MIN_IMAGE_SIZE,
                maximum=MAX_IMAGE_SIZE,
            )
        if self.seed is not None and not _is_int(self.seed):
            raise _invalid("The seed must be a whole number.", "seed", self.seed)
        if self.workers is not None and (not _is_int(self.workers) or self.workers < 0):
            raise _invalid(
                "The number of workers must be a whole number, 0 or more.",
                "workers",
                self.workers,
                minimum=0,
            )
        device = str(self.device).strip().lower()
        if device not in DEVICE_CHOICES and not _CUDA_INDEX.fullmatch(device):
            raise _invalid(
                f"Unknown device {self.device!r}. Choose one of: {', '.join(DEVICE_CHOICES)}.",
                "device",
                self.device,
            )
        if str(self.precision).strip().lower() not in PRECISION_CHOICES:
            raise _invalid(
                f"Unknown number format {self.precision!r}. Choose one of: "
                f"{', '.join(PRECISION_CHOICES)}.",
                "precision",
                self.precision,
            )

    def as_metadata(self) -> dict[str, Any]:
        """The settings as plain JSON-friendly values, for the model file."""
        data = asdict(self)
        data["weights"] = str(self.weights)
        return data

    def command_line(self) -> list[str]:
        """The ``flowerclf train`` options that make a run with these settings."""
        options: list[str] = []
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or value is False:
                continue  # the option's default: none given, or off
            options.append(option_name(item.name))
            if value is not True:
                options.append(str(value))
        return options

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, lenient: bool = False) -> TrainingConfig:
        """Settings from a mapping such as :meth:`as_metadata`'s or an INI file's section.

        Unknown keys are ignored and missing ones keep their defaults. Values are
        converted to each field's type: ``"3"`` to 3, ``"1e-4"`` to 0.0001,
        ``"true"``/``"false"`` to a bool, ``""``/``"none"`` to None where a field
        may be None. A value that cannot be converted raises
        :class:`InvalidSettingError` naming the setting, or with ``lenient`` keeps
        that field's default (for settings read back from a file a person may
        have edited). The result is not validated: call :meth:`validate`.
        """
        values: dict[str, Any] = {}
        for name, convert in _CONVERTERS.items():
            if name not in data:
                continue
            raw = data[name]
            try:
                values[name] = convert(raw)
            except (TypeError, ValueError) as error:
                if lenient:
                    continue
                raise _invalid(
                    f"The {FIELD_LABELS[name]} cannot be {raw!r}.", name, str(raw)
                ) from error
        return cls(**values)


def option_name(setting: str) -> str:
    """The command-line option of a TrainingConfig field: 'batch_size' -> '--batch-size'."""
    return "--" + setting.replace("_", "-")


assert (
    set(_CONVERTERS)
    == {f.name for f in fields(TrainingConfig)}
    == set(FIELD_HELP)
    == set(FIELD_LABELS)
)
