"""Dataset folders, the train/validation split, safe image loading and transforms.

A dataset is a folder with one subfolder per class (the ImageFolder layout).
A folder that holds ``train/<class>/`` and ``val/<class>/`` is taken as
already split, and that split is used as is.

Nothing here imports torch at module import time: ``scan_dataset`` and
``load_image`` are cheap to import, and torchvision is imported only by the
transform functions.
"""

from __future__ import annotations

import io
import os
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import (
    DATASET_MISSING,
    DATASET_NOT_FOLDER,
    EMPTY_CLASS,
    NO_CLASS_FOLDERS,
    TOO_FEW_CLASSES,
    DatasetError,
    ImageLoadError,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)

# Folder names of the already-split layout (compared case-insensitively).
_TRAIN_DIR = "train"
_VAL_DIR = "val"

REASON_EMPTY = "the file is empty"
REASON_NOT_IMAGE = "not an image or damaged"
REASON_TRUNCATED = "the image file is cut short (truncated)"
REASON_MISSING = "no such file or folder"


@dataclass(frozen=True)
class Sample:
    """One labelled image: ``label`` indexes ``DatasetScan.classes``."""

    path: Path
    label: int


@dataclass(frozen=True)
class SkippedFile:
    """A file that was left out, and why (plain words)."""

    path: Path
    reason: str


@dataclass
class DatasetScan:
    """What ``scan_dataset`` found in a dataset folder."""

    root: Path
    classes: list[str]
    samples: list[Sample]
    skipped: list[SkippedFile]
    presplit: tuple[list[Sample], list[Sample]] | None = None

    def counts(self) -> dict[str, int]:
        """Images per class, in class order (classes with no image count 0)."""
        counts = dict.fromkeys(self.classes, 0)
        for sample in self.samples:
            counts[self.classes[sample.label]] += 1
        return counts

    def summary(self) -> str:
        """A multi-line, plain-words description for the command line."""
        counts = self.counts()
        width = max((len(name) for name in self.classes), default=0)
        lines = [f"Dataset: {self.root}", f"{len(self.classes)} classes:"]
        split_counts: tuple[dict[int, int], dict[int, int]] | None = None
        if self.presplit is not None:
            split_counts = (_label_counts(self.presplit[0]), _label_counts(self.presplit[1]))
        for label, name in enumerate(self.classes):
            line = f"  {name:<{width}}  {counts[name]:>6}"
            if split_counts is not None:
                n_train = split_counts[0].get(label, 0)
                n_val = split_counts[1].get(label, 0)
                line += f"  (train {n_train}, val {n_val})"
            lines.append(line)
        lines.append(f"Total: {len(self.samples)} images")
        if self.presplit is not None:
            train, val = self.presplit
            lines.append(
                f"Split: {len(train)} for training, {len(val)} for validation "
                f"(from the {_TRAIN_DIR} and {_VAL_DIR} folders)"
            )
        if self.skipped:
            files = "file" if len(self.skipped) == 1 else "files"
            lines.append(f"Skipped {len(self.skipped)} {files}:")
            for item in self.skipped:
                lines.append(f"  {self._relative(item.path)}: {item.reason}")
        return "\n".join(lines)

    def _relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _label_counts(samples: Iterable[Sample]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for sample in samples:
        counts[sample.label] = counts.get(sample.label, 0) + 1
    return counts


# ---------------------------------------------------------------------------
# Scanning


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _not_image_reason(path: Path) -> str:
    suffix = path.suffix
    return f"not an image file ({suffix})" if suffix else "not an image file (no extension)"


def is_image_file(path: str | Path) -> bool:
    """Whether the file name has one of ``IMAGE_EXTENSIONS`` (any case)."""
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS


def _walk_files(folder: Path) -> Iterator[Path]:
    """Every non-hidden file under ``folder``, recursively, in sorted order."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        base = Path(dirpath)
        for name in sorted(filenames):
            if not _is_hidden(name):
                yield base / name


def _pixel_limit() -> int | None:
    return Image.MAX_IMAGE_PIXELS


def _too_large_reason(limit: int | None) -> str:
    # Pillow's guard against files built to exhaust memory when decoded
    if not limit:
        return "the image is too large to open safely"
    return f"the image is too large to open safely (over {limit / 1e6:.0f} megapixels)"


def _check_pixels(img: Image.Image, path: Path | None) -> None:
    # PIL only warns between its limit and twice that (an error above). The
    # warning becomes an error here by checking the size ourselves, rather than
    # with warnings.catch_warnings(), which is not thread-safe and images are
    # decoded on several threads. Under "-W error" PIL's warning is raised
    # first and turned into the same ImageLoadError.
    limit = _pixel_limit()
    if limit is not None and img.size[0] * img.size[1] > limit:
        raise ImageLoadError(path, _too_large_reason(limit))


def _check_header(path: Path) -> str | None:
    """Open the image header only; return why it is unusable, or None."""
    try:
        with open(path, "rb") as fp:
            img = Image.open(fp)
            _check_pixels(img, path)
    except ImageLoadError as error:
        return error.reason
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_large_reason(_pixel_limit())
    except UnidentifiedImageError:
        return REASON_NOT_IMAGE
    except PermissionError:
        return "permission denied: the file cannot be read"
    except Exception:  # any decoder failure means the file cannot be used
        return REASON_NOT_IMAGE
    return None


def _scan_class_folder(
    folder: Path, label: int, check_images: bool, skipped: list[SkippedFile]
) -> list[Sample]:
    samples = []
    for path in _walk_files(folder):
        if not is_image_file(path):
            skipped.append(SkippedFile(path, _not_image_reason(path)))
            continue
        try:
            size = path.stat().st_size
        except OSError:
            skipped.append(SkippedFile(path, "the file cannot be read"))
            continue
        if size == 0:
            skipped.append(SkippedFile(path, REASON_EMPTY))
            continue
        if check_images:
            reason = _check_header(path)
            if reason is not None:
                skipped.append(SkippedFile(path, reason))
                continue
        samples.append(Sample(path, label))
    return samples


def _subfolders(folder: Path, skipped: list[SkippedFile], stray_reason: str) -> list[Path]:
    """Non-hidden subfolders sorted by name; stray files go to ``skipped``."""
    folders = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if _is_hidden(entry.name):
            continue
        if entry.is_dir():
            folders.append(entry)
        else:
            skipped.append(SkippedFile(entry, stray_reason))
    return folders


def _split_folders(root: Path) -> tuple[Path, Path] | None:
    """``(root/train, root/val)`` when the folder uses the already-split layout."""
    found: dict[str, Path] = {}
    for entry in root.iterdir():
        key = entry.name.lower()
        if key in (_TRAIN_DIR, _VAL_DIR) and entry.is_dir():
            # Prefer the exact lower-case spelling if both exist.
            if key not in found or entry.name == key:
                found[key] = entry
    if _TRAIN_DIR in found and _VAL_DIR in found:
        return found[_TRAIN_DIR], found[_VAL_DIR]
    return None


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _check_class_count(root: Path, classes: list[str]) -> None:
    if not classes:
        raise DatasetError(
            f"The folder {root} has no class subfolders: "
            "put the images of each class in a subfolder named after the class.",
            NO_CLASS_FOLDERS,
            path=root,
        )
    if len(classes) == 1:
        raise DatasetError(
            f"The dataset needs at least two classes, found one: '{classes[0]}' (in {root}).",
            TOO_FEW_CLASSES,
            path=root,
            classes=classes,
        )


def _check_no_empty_class(
    root: Path, classes: list[str], samples: list[Sample], split: str | None
) -> None:
    present = {sample.label for sample in samples}
    empty = [name for label, name in enumerate(classes) if label not in present]
    if not empty:
        return
    where = f" in {split}" if split else ""
    if len(empty) == 1:
        message = f"The class folder '{empty[0]}'{where} has no usable images."
    else:
        message = f"The class folders {_quoted(empty)}{where} have no usable images."
    raise DatasetError(message, EMPTY_CLASS, path=root, classes=empty, split=split)


def check_dataset_folder(root: Path) -> None:
    """Raise DatasetError unless ``root`` is an existing folder."""
    if not root.exists():
        raise DatasetError(f"The dataset folder {root} does not exist.", DATASET_MISSING, path=root)
    if not root.is_dir():
        raise DatasetError(
            f"{root} is not a folder: choose the folder that holds the classes.",
            DATASET_NOT_FOLDER,
            path=root,
        )


def scan_dataset(root: str | Path, *, check_images: bool = True) -> DatasetScan:
    """Find the classes and images of a dataset folder.

    ``root`` holds one subfolder per class (searched recursively), or
    ``train/<class>/`` and ``val/<class>/`` for a dataset that is already split.
    Hidden files and folders are ignored; files that are not images, empty, or
    (with ``check_images``) whose header cannot be read are listed in
    ``DatasetScan.skipped`` with the reason.

    Raises DatasetError with a plain-words message when the folder cannot be
    used: missing, not a folder, fewer than two classes, or a class with no
    usable image.
    """
    root = Path(root).expanduser().absolute()
    check_dataset_folder(root)

    skipped: list[SkippedFile] = []
    split = _split_folders(root)
    if split is None:
        folders = _subfolders(root, skipped, "not inside a class folder")
        classes = [folder.name for folder in folders]
        _check_class_count(root, classes)
        samples: list[Sample] = []
        for label, folder in enumerate(folders):
            samples.extend(_scan_class_folder(folder, label, check_images, skipped))
        _check_no_empty_class(root, classes, samples, None)
        return DatasetScan(root, classes, samples, skipped, None)

    train_dir, val_dir = split
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry not in (train_dir, val_dir) and not _is_hidden(entry.name):
            reason = (
                f"not used: only the {_TRAIN_DIR} and {_VAL_DIR} folders are read"
                if entry.is_dir()
                else "not inside a class folder"
            )
            skipped.append(SkippedFile(entry, reason))
    stray = "not inside a class folder"
    train_folders = _subfolders(train_dir, skipped, stray)
    val_folders = _subfolders(val_dir, skipped, stray)
    classes = sorted({f.name for f in train_folders} | {f.name for f in val_folders})
    _check_class_count(root, classes)
    index = {name: label for label, name in enumerate(classes)}
    train: list[Sample] = []
    for folder in train_folders:
        train.extend(_scan_class_folder(folder, index[folder.name], check_images, skipped))
    val: list[Sample] = []
    for folder in val_folders:
        val.extend(_scan_class_folder(folder, index[folder.name], check_images, skipped))
    _check_no_empty_class(root, classes, train, train_dir.name)
    return DatasetScan(root, classes, train + val, skipped, (train, val))


def find_images(paths: Iterable[str | Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Collect image files from files and folders (folders searched recursively).

    Returns the image paths (in the order given, each folder's contents sorted,
    duplicates dropped) and the files left out with the reason: a path that
    does not exist, or a file that is not an image by its extension. Image
    contents are not checked here; ``load_image`` reports unreadable ones.
    """
    images: list[Path] = []
    skipped: list[SkippedFile] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            images.append(path)

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for file in _walk_files(path):
                if is_image_file(file):
                    add(file)
                else:
                    skipped.append(SkippedFile(file, _not_image_reason(file)))
        elif path.is_file():
            if is_image_file(path):
                add(path)
            else:
                skipped.append(SkippedFile(path, _not_image_reason(path)))
        else:
            skipped.append(SkippedFile(path, REASON_MISSING))
    return images, skipped


# ---------------------------------------------------------------------------
# Split


def split_samples(
    samples: list[Sample], val_fraction: float = 0.1, seed: int = 0
) -> tuple[list[Sample], list[Sample]]:
    """Split samples into (train, val), stratified by class and repeatable.

    Each class with ``n >= 2`` images gives ``max(1, round(n * val_fraction))``
    images to validation, always keeping at least one for training; a class
    with a single image keeps it for training. ``val_fraction == 0`` puts
    everything in training. The result depends only on the set of samples and
    the seed (not their order); both lists are sorted by class, then path.
    """
    if not 0.0 <= val_fraction < 1.0:
        raise ValueError(f"val_fraction must be in [0, 1), got {val_fraction}")
    by_label: dict[int, list[Sample]] = {}
    for sample in samples:
        by_label.setdefault(sample.label, []).append(sample)
    rng = random.Random(seed)
    train: list[Sample] = []
    val: list[Sample] = []
    for label in sorted(by_label):
        group = sorted(by_label[label], key=_sample_key)
        rng.shuffle(group)
        n = len(group)
        n_val = 0
        if val_fraction > 0 and n >= 2:
            n_val = min(n - 1, max(1, round(n * val_fraction)))
        val.extend(group[:n_val])
        train.extend(group[n_val:])
    train.sort(key=_sample_key)
    val.sort(key=_sample_key)
    return train, val


def _sample_key(sample: Sample) -> tuple[int, str]:
    return sample.label, str(sample.path)


# ---------------------------------------------------------------------------
# Loading


def _reason_for(error: BaseException) -> str:
    text = str(error).lower()
    if "truncat" in text or isinstance(error, EOFError):
        return REASON_TRUNCATED
    return REASON_NOT_IMAGE


def _composite_on_white(img: Image.Image) -> Image.Image:
    rgba = img.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _scale_to_8bit(img: Image.Image) -> Image.Image:
    """16-bit, 32-bit integer and float greyscale to 8-bit RGB."""
    array = np.asarray(img)
    if img.mode.startswith("I;16"):
        scaled = array.astype(np.float32) / 257.0
    else:
        values = array.astype(np.float64)
        low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
        if img.mode == "F" and low >= 0.0 and high <= 1.0:
            scaled = values * 255.0
        elif low >= 0.0 and high <= 255.0:
            scaled = values
        elif low >= 0.0 and high <= 65535.0:
            scaled = values / 257.0
        else:  # unknown range: stretch what is there
            scaled = (values - low) * (255.0 / (high - low)) if high > low else values * 0
    grey = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
    return Image.fromarray(grey, "L").convert("RGB")


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGB":
        return img
    if mode.startswith("I") or mode == "F":
        return _scale_to_8bit(img)
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in img.info:
        return _composite_on_white(img)
    return img.convert("RGB")


def _draft(img: Image.Image, min_size: int | None) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 size, keeping the shorter side >= min_size."""
    if not min_size or img.format != "JPEG":
        return
    width, height = img.size
    if min(width, height) < 2 * min_size:
        return
    # draft() picks the largest scale s with size // s >= the request on both
    # sides, so asking for a square of min_size keeps the shorter side, in
    # either orientation, at min_size or more.
    img.draft("RGB", (min_size, min_size))


def _decode(fp: Any, path: Path | None, min_size: int | None) -> Image.Image:
    img = Image.open(fp)
    _check_pixels(img, path)
    _draft(img, min_size)
    img.load()  # inside the caller's try: truncation shows up here
    ImageOps.exif_transpose(img, in_place=True)  # after draft: it may swap width and height
    return _to_rgb(img)


def _guarded(path: Path | None, action: Callable[[], Image.Image]) -> Image.Image:
    try:
        return action()
    except ImageLoadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageLoadError(path, _too_large_reason(_pixel_limit())) from None
    except UnidentifiedImageError:
        raise ImageLoadError(path, REASON_NOT_IMAGE) from None
    except PermissionError:
        raise ImageLoadError(path, "permission denied: the file cannot be read") from None
    except MemoryError:
        raise ImageLoadError(path, "not enough memory to decode the image") from None
    except Exception as error:  # a bad file must never stop a training run
        raise ImageLoadError(path, _reason_for(error)) from error


def load_image(
    source: str | Path | Image.Image | bytes, *, min_size: int | None = None
) -> Image.Image:
    """Load an image as RGB, whatever its format, mode or orientation.

    ``source`` is a file path, encoded image bytes, or a PIL image (converted).
    EXIF orientation is applied; transparency is composited on white; CMYK,
    greyscale, 16-bit and 1-bit images become 8-bit RGB. With ``min_size``,
    JPEGs are decoded at a reduced scale (1/2, 1/4 or 1/8) that keeps the
    shorter side at ``min_size`` pixels or more: much faster for big photos.

    Raises ImageLoadError (with the path and a plain reason) for a missing,
    empty, damaged, truncated or overly large file.
    """
    if isinstance(source, Image.Image):
        image = source
        # A copy, so that the caller's image is left as it was.
        return _guarded(None, lambda: _to_rgb(ImageOps.exif_transpose(image)))
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if not data:
            raise ImageLoadError(None, REASON_EMPTY)
        return _guarded(None, lambda: _decode(io.BytesIO(data), None, min_size))

    path = Path(source)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImageLoadError(path, "the file does not exist") from None
    except OSError:
        raise ImageLoadError(path, "the file cannot be read") from None
    if path.is_dir():
        raise ImageLoadError(path, "this is a folder, not an image file")
    if size == 0:
        raise ImageLoadError(path, REASON_EMPTY)

    def read() -> Image.Image:
        with open(path, "rb") as fp:
            return _decode(fp, path, min_size)

    return _guarded(path, read)


# ---------------------------------------------------------------------------
# Transforms


def resize_size(image_size: int) -> int:
    """The size of the shorter side before the centre crop (256 for 224)."""
    return int(round(image_size * 256 / 224))


def train_transform(image_size: int = 224) -> Callable[[Image.Image], Any]:
    """Training augmentation: random resized crop, horizontal flip, ImageNet normalisation."""
    from torchvision import transforms

    return transforms.Compose(
        [
            transforms.RandomResizedCrop(image_size),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
        ]
    )


def eval_transform(image_size: int = 224) -> Callable[[Image.Image], Any]:
    """Evaluation preprocessing: resize, centre crop, ImageNet normalisation."""
    from torchvision import transforms

    return transforms.Compose(
        [
            transforms.Resize(resize_size(image_size)),
            transforms.CenterCrop(image_size),
            transforms.ToTensor(),
            transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
        ]
    )
