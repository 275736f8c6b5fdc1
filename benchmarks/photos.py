"""A deterministic, photo-like JPEG dataset for the benchmarks.

Flat colours would make JPEG decoding unrealistically cheap, so every picture
has what photos have: a smooth uneven background, a few soft-edged objects,
texture at several scales and sensor-like noise. The classes are learnable
from scratch (each has its own object colour and shape), so that validation
accuracies mean something even without ImageNet weights.

The same seed gives the same files, byte for byte, with the same Pillow.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# name, object colour (RGB), object shape
CLASSES: list[tuple[str, tuple[int, int, int], str]] = [
    ("daisy", (235, 235, 225), "petals"),
    ("dandelion", (240, 200, 20), "disc"),
    ("roses", (200, 30, 50), "blob"),
    ("sunflowers", (250, 170, 10), "petals"),
    ("tulips", (220, 60, 160), "cup"),
]

SMALL_SIZE = (500, 375)  # a typical photo of the flowers dataset
PHONE_SIZE = (4000, 3000)  # a 12-megapixel phone photo
JPEG_QUALITY = 90
LAYOUT_VERSION = 2  # bump when the pictures change, so old work folders are rebuilt


@dataclass(frozen=True)
class DatasetSpec:
    """How many pictures of which size; the folder is rebuilt when this changes."""

    train_per_class: int = 48
    val_per_class: int = 12
    phone_images: int = 6
    predict_images: int = 64
    seed: int = 0
    small_size: tuple[int, int] = SMALL_SIZE
    phone_size: tuple[int, int] = PHONE_SIZE
    version: int = LAYOUT_VERSION


@dataclass(frozen=True)
class DatasetPaths:
    root: Path
    train: Path  # root/dataset/train/<class>/*.jpg
    val: Path  # root/dataset/val/<class>/*.jpg
    dataset: Path  # root/dataset (a pre-split folder: train/ and val/)
    predict: Path  # root/predict/*.jpg: 500x375 pictures of every class, unseen in training
    phone: Path  # root/phone/*.jpg: 4000x3000 pictures

    @property
    def classes(self) -> list[str]:
        return [name for name, _, _ in CLASSES]

    def predict_files(self) -> list[Path]:
        return sorted(self.predict.glob("*.jpg"))

    def phone_files(self) -> list[Path]:
        return sorted(self.phone.glob("*.jpg"))


def _smooth_field(rng: np.random.Generator, size: tuple[int, int], cells: int) -> np.ndarray:
    """Random values on a coarse grid, upsampled smoothly: H x W x 3 float32 in [0, 1]."""
    width, height = size
    grid_w = max(2, cells)
    grid_h = max(2, int(round(cells * height / width)))
    coarse = (rng.random((grid_h, grid_w, 3)) * 255).astype(np.uint8)
    return np.asarray(Image.fromarray(coarse).resize(size, Image.BICUBIC), dtype=np.float32) / 255.0


def _draw_object(
    draw: ImageDraw.ImageDraw,
    rng: np.random.Generator,
    size: tuple[int, int],
    colour: tuple[int, int, int],
    shape: str,
) -> None:
    width, height = size
    scale = min(width, height)
    cx = rng.uniform(0.2, 0.8) * width
    cy = rng.uniform(0.2, 0.8) * height
    radius = rng.uniform(0.12, 0.3) * scale
    jitter = rng.integers(-25, 26, 3)
    fill = tuple(int(np.clip(c + j, 0, 255)) for c, j in zip(colour, jitter))
    if shape == "petals":
        petals = int(rng.integers(8, 14))
        for k in range(petals):
            angle = 2 * np.pi * k / petals + rng.uniform(-0.1, 0.1)
            px, py = cx + 0.6 * radius * np.cos(angle), cy + 0.6 * radius * np.sin(angle)
            r = 0.35 * radius
            draw.ellipse((px - r, py - r, px + r, py + r), fill=fill)
        r = 0.3 * radius
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(120, 80, 20))
    elif shape == "disc":
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=fill)
    elif shape == "blob":
        points = []
        for k in range(9):
            angle = 2 * np.pi * k / 9
            r = radius * rng.uniform(0.6, 1.0)
            points.append((cx + r * np.cos(angle), cy + r * np.sin(angle)))
        draw.polygon(points, fill=fill)
    else:  # cup: a tulip-like U shape
        draw.pieslice((cx - radius, cy - radius, cx + radius, cy + radius), 0, 180, fill=fill)
        draw.rectangle((cx - radius, cy - 0.6 * radius, cx + radius, cy), fill=fill)
    # a stem
    stem = max(1, int(scale * 0.015))
    draw.line((cx, cy + radius, cx + rng.uniform(-0.1, 0.1) * scale, height), (40, 120, 40), stem)


def make_photo(label: int, seed: int, size: tuple[int, int] = SMALL_SIZE) -> Image.Image:
    """One picture of class ``label``: deterministic for a given (label, seed, size)."""
    rng = np.random.default_rng([seed, label, size[0], size[1]])
    _, colour, shape = CLASSES[label]
    # background: greenery-like, uneven light, texture at several scales
    base = np.array([60, 110, 50], dtype=np.float32) / 255 + rng.uniform(-0.1, 0.1, 3)
    pixels = base * (0.6 + 0.8 * _smooth_field(rng, size, 4))
    pixels += 0.25 * (_smooth_field(rng, size, 24) - 0.5)
    pixels += 0.12 * (_smooth_field(rng, size, 120) - 0.5)
    background = Image.fromarray((np.clip(pixels, 0, 1) * 255).astype(np.uint8))

    draw = ImageDraw.Draw(background)
    for _ in range(int(rng.integers(1, 4))):
        _draw_object(draw, rng, size, colour, shape)
    # soft edges, like a lens; then fine texture and sensor noise on top
    radius = max(1, min(size) // 300)
    image = np.asarray(background.filter(ImageFilter.GaussianBlur(radius)), dtype=np.float32)
    image += 20 * (_smooth_field(rng, size, max(8, size[0] // 6)) - 0.5)
    image += rng.normal(0, 5, image.shape[:2] + (1,)).astype(np.float32)
    return Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))


def _write(task: tuple[str, int, int, tuple[int, int]]) -> None:
    path, label, seed, size = task
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    make_photo(label, seed, size).save(path, "JPEG", quality=JPEG_QUALITY)


def build_dataset(work: Path, spec: DatasetSpec, log=print, jobs: int = 1) -> DatasetPaths:
    """Write the pictures under ``work`` (or reuse them when ``spec`` is unchanged).

    ``jobs`` > 1 draws them in that many processes (the result is the same).
    """
    root = work / "photos"
    paths = DatasetPaths(
        root=root,
        train=root / "dataset" / "train",
        val=root / "dataset" / "val",
        dataset=root / "dataset",
        predict=root / "predict",
        phone=root / "phone",
    )
    stamp = root / "spec.json"
    wanted = json.dumps(asdict(spec), sort_keys=True)
    if stamp.exists() and stamp.read_text() == wanted:
        return paths
    if root.exists():
        import shutil

        shutil.rmtree(root)
    log(f"Drawing the pictures into {root} ...")
    small, phone, base = tuple(spec.small_size), tuple(spec.phone_size), spec.seed * 100_000
    tasks = []
    for label, (name, _, _) in enumerate(CLASSES):
        for i in range(spec.train_per_class):
            tasks.append((str(paths.train / name / f"{i:04d}.jpg"), label, base + i, small))
        for i in range(spec.val_per_class):
            tasks.append((str(paths.val / name / f"{i:04d}.jpg"), label, base + 50_000 + i, small))
    for i in range(spec.predict_images):
        label = i % len(CLASSES)
        path = paths.predict / f"{i:04d}-{CLASSES[label][0]}.jpg"
        tasks.append((str(path), label, base + 80_000 + i, small))
    for i in range(spec.phone_images):
        label = i % len(CLASSES)
        path = paths.phone / f"{i:04d}-{CLASSES[label][0]}.jpg"
        tasks.append((str(path), label, base + 90_000 + i, phone))
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_write, tasks, chunksize=8))
    else:
        for task in tasks:
            _write(task)
    stamp.write_text(wanted)
    return paths


def describe(paths: DatasetPaths) -> dict:
    """Counts and typical file sizes, for the results file."""

    def stats(files: list[Path]) -> dict:
        sizes = [f.stat().st_size for f in files]
        return {
            "count": len(files),
            "mean_kb": round(sum(sizes) / max(len(sizes), 1) / 1024, 1),
        }

    return {
        "train": stats(sorted(paths.train.rglob("*.jpg"))),
        "val": stats(sorted(paths.val.rglob("*.jpg"))),
        "predict": stats(paths.predict_files()),
        "phone": stats(paths.phone_files()),
    }
