"""Small generated images and dataset folders for the tests.

Classes are drawn so that a model can tell them apart at a glance: each class
has its own background colour (named colours, or one derived from the class
name), with a little noise so that no two images are identical. Look-alikes
for duplicate finders: ``draw_photo`` (textured, photo-like) and
``draw_flower`` (smooth drawings of one flower centred on blurred leaves,
which ``scripts/screenshots.py`` also trains on).
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

COLORS: dict[str, tuple[int, int, int]] = {
    "red": (220, 30, 30),
    "green": (30, 180, 40),
    "blue": (30, 60, 220),
    "yellow": (235, 220, 40),
    "purple": (140, 40, 170),
    "orange": (245, 140, 20),
    "white": (245, 245, 245),
    "black": (15, 15, 15),
    "grey": (128, 128, 128),
    "cyan": (30, 200, 210),
}

PATTERNS = ("noise", "solid", "stripes", "circle")

_FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".bmp": "BMP",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}


def color_for(name: str) -> tuple[int, int, int]:
    """The colour of a class: a named colour, or a stable one derived from the name."""
    if name in COLORS:
        return COLORS[name]
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return digest[0], digest[1], digest[2]


def draw_image(
    color: str | tuple[int, int, int] = "red",
    size: tuple[int, int] = (64, 64),
    pattern: str = "noise",
    seed: int = 0,
) -> Image.Image:
    """An RGB image of ``size`` (width, height) in a colour, with a pattern.

    Patterns: "noise" (colour plus mild noise), "solid", "stripes" (colour and
    white horizontal stripes), "circle" (a colour disc on white).
    """
    rgb = color_for(color) if isinstance(color, str) else tuple(color)
    width, height = size
    if pattern == "circle":
        img = Image.new("RGB", size, (255, 255, 255))
        r = min(width, height) // 3
        cx, cy = width // 2, height // 2
        ImageDraw.Draw(img).ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgb)
        return img
    array = np.empty((height, width, 3), dtype=np.float32)
    array[:] = rgb
    if pattern == "stripes":
        band = max(1, height // 8)
        rows = (np.arange(height) // band) % 2 == 1
        array[rows] = 255
    elif pattern == "noise":
        rng = np.random.default_rng(seed)
        array += rng.normal(0.0, 12.0, size=array.shape)
    elif pattern != "solid":
        raise ValueError(f"unknown pattern {pattern!r}; use one of {PATTERNS}")
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), "RGB")


def convert_mode(img: Image.Image, mode: str) -> Image.Image:
    """Convert an RGB image to ``mode``, including 16-bit greyscale ("I;16")."""
    if mode == img.mode:
        return img
    if mode == "I;16":
        grey = np.asarray(img.convert("L"), dtype=np.uint16) * 257
        return Image.fromarray(grey)  # uint16 -> "I;16"
    if mode == "RGBA":
        rgba = img.convert("RGBA")
        rgba.putalpha(200)
        return rgba
    if mode == "P":
        return img.convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    return img.convert(mode)


def make_image(
    path: str | Path,
    color: str | tuple[int, int, int] = "red",
    size: tuple[int, int] = (64, 64),
    mode: str = "RGB",
    fmt: str | None = None,
    *,
    pattern: str = "noise",
    seed: int = 0,
    exif_orientation: int | None = None,
    quality: int = 90,
) -> Path:
    """Write one image file and return its path (parent folders are created).

    ``fmt`` is a PIL format name ("JPEG", "PNG", ...); by default it follows
    the file extension. ``exif_orientation`` (1-8) is stored in the EXIF
    data of a JPEG, as cameras do.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = fmt or _FORMATS.get(path.suffix.lower(), "PNG")
    img = convert_mode(draw_image(color, size, pattern, seed), mode)
    options: dict[str, object] = {}
    if fmt == "JPEG":
        options["quality"] = quality
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        options["exif"] = exif
    img.save(path, format=fmt, **options)
    return path


def image_bytes(
    color: str | tuple[int, int, int] = "red",
    size: tuple[int, int] = (64, 64),
    fmt: str = "PNG",
) -> bytes:
    """An encoded image, for code that accepts bytes."""
    buffer = io.BytesIO()
    draw_image(color, size).save(buffer, format=fmt)
    return buffer.getvalue()


def truncate_file(path: str | Path, keep: float = 0.5) -> Path:
    """Cut a file short, keeping the first ``keep`` fraction of its bytes."""
    path = Path(path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# Modes that keep the class colour, so that mixed datasets stay separable.
_MIXED_MODES = (("RGB", ".jpg"), ("RGBA", ".png"), ("P", ".gif"), ("CMYK", ".jpg"))


def _write_class(
    folder: Path,
    name: str,
    count: int,
    size: tuple[int, int],
    fmt: str,
    pattern: str,
    seed: int,
    mixed: bool,
) -> None:
    for i in range(count):
        mode, suffix = "RGB", "." + fmt.lstrip(".").lower()
        img_size = size
        if mixed:
            mode, suffix = _MIXED_MODES[i % len(_MIXED_MODES)]
            img_size = (size[0] + 8 * (i % 3), size[1] + 4 * (i % 2))
        make_image(
            folder / f"{name}_{i:03d}{suffix}",
            name,
            img_size,
            mode,
            pattern=pattern,
            seed=seed * 100_003 + i,
        )


def make_dataset(
    root: str | Path,
    classes: Mapping[str, int] | None = None,
    size: tuple[int, int] = (64, 64),
    layout: str = "flat",
    *,
    val_counts: int | Mapping[str, int] | None = None,
    fmt: str = "jpg",
    pattern: str = "noise",
    mixed: bool = False,
    seed: int = 0,
) -> Path:
    """Write a dataset folder and return its root.

    ``classes`` maps class name to image count (default ``{"red": 6, "blue": 6}``);
    each class is drawn in its own colour (see ``color_for``).
    ``layout="flat"``: ``ROOT/<class>/``. ``layout="presplit"``: the counts go to
    ``ROOT/train/<class>/`` and ``val_counts`` (an int for every class, or a
    mapping; default a quarter, at least one) to ``ROOT/val/<class>/``.
    ``mixed=True`` varies sizes, modes and formats (jpg, RGBA png, palette gif, CMYK jpg).
    """
    root = Path(root)
    classes = dict(classes) if classes is not None else {"red": 6, "blue": 6}
    if layout not in ("flat", "presplit"):
        raise ValueError(f"unknown layout {layout!r}; use 'flat' or 'presplit'")
    root.mkdir(parents=True, exist_ok=True)
    for index, (name, count) in enumerate(classes.items()):
        class_seed = seed * 1000 + index
        if layout == "flat":
            _write_class(root / name, name, count, size, fmt, pattern, class_seed, mixed)
            continue
        if isinstance(val_counts, Mapping):
            n_val = val_counts.get(name, 0)
        elif val_counts is not None:
            n_val = val_counts
        else:
            n_val = max(1, count // 4)
        _write_class(root / "train" / name, name, count, size, fmt, pattern, class_seed, mixed)
        if n_val:
            _write_class(
                root / "val" / name, name, n_val, size, fmt, pattern, class_seed + 500, mixed
            )
    return root


def draw_photo(seed: int, size: tuple[int, int] = (240, 180)) -> Image.Image:
    """A photo-like picture: random structure at every scale (a 1/f spectrum, as
    natural photos have) under a few shapes. Different seeds give different
    pictures that are still alike in their statistics, so that duplicate finders
    are tested against look-alikes rather than against flat colours."""
    rng = np.random.default_rng(seed)
    width, height = size
    fy = np.fft.fftfreq(height)[:, None]
    fx = np.fft.rfftfreq(width)[None, :]
    falloff = np.sqrt(fx**2 + fy**2)
    falloff[0, 0] = 1.0
    channels = []
    for _ in range(3):
        spectrum = (
            rng.normal(size=falloff.shape) + 1j * rng.normal(size=falloff.shape)
        ) / falloff**1.1
        layer = np.fft.irfft2(spectrum, s=(height, width))
        channels.append((layer - layer.mean()) / layer.std())
    array = np.stack(channels, axis=-1) * 40 + 128
    img = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(3):
        x, y = rng.integers(0, width), rng.integers(0, height)
        r = int(rng.integers(8, max(9, min(width, height) // 4)))
        fill = tuple(int(v) for v in rng.integers(0, 256, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    return img


def save_photo(img: Image.Image, path: str | Path, quality: int = 92) -> Path:
    """Save a picture as JPEG (or by extension) and return the path; folders are created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = _FORMATS.get(path.suffix.lower(), "JPEG")
    options = {"quality": quality} if fmt == "JPEG" else {}
    img.save(path, fmt, **options)
    return path


# class -> (petal colours, centre colour, petal count, petal length/width ratio)
FLOWERS: dict[str, tuple[list[tuple[int, int, int]], tuple[int, int, int], int, float]] = {
    "daisy": ([(250, 250, 245), (240, 240, 235)], (245, 200, 40), 14, 3.2),
    "rose": ([(200, 20, 45), (170, 10, 40)], (120, 10, 25), 7, 1.3),
    "sunflower": ([(250, 200, 20), (240, 175, 10)], (90, 55, 20), 18, 2.6),
    "tulip": ([(235, 90, 160), (200, 60, 190)], (240, 190, 80), 5, 1.6),
}


def draw_flower(name: str, seed: int, size: int = 160) -> Image.Image:
    """One synthetic flower photo: petals around a centre, on leaves or sky, with noise."""
    rnd = random.Random(seed)
    petals, centre, count, ratio = FLOWERS[name]
    background = rnd.choice([(70, 130, 60), (90, 150, 80), (120, 170, 220), (60, 100, 50)])
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    for _ in range(6):  # blurry leaves and light in the background
        x, y, r = rnd.randrange(size), rnd.randrange(size), rnd.randrange(15, 50)
        shade = tuple(max(0, min(255, c + rnd.randrange(-40, 40))) for c in background)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    image = image.filter(ImageFilter.GaussianBlur(6))
    draw = ImageDraw.Draw(image)
    cx = size / 2 + rnd.uniform(-20, 20)
    cy = size / 2 + rnd.uniform(-20, 20)
    radius = rnd.uniform(0.28, 0.4) * size
    turn = rnd.uniform(0, math.pi)
    width = radius / ratio
    for i in range(count):
        angle = turn + 2 * math.pi * i / count
        colour = rnd.choice(petals)
        for step in range(12):  # a petal as a row of overlapping discs, tapering outwards
            t = step / 11
            px = cx + math.cos(angle) * radius * (0.3 + 0.7 * t)
            py = cy + math.sin(angle) * radius * (0.3 + 0.7 * t)
            r = width * (0.55 + 0.45 * math.sin(math.pi * (0.2 + 0.7 * t)))
            draw.ellipse((px - r, py - r, px + r, py + r), fill=colour)
    core = radius * rnd.uniform(0.25, 0.35)
    draw.ellipse((cx - core, cy - core, cx + core, cy + core), fill=centre)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.effect_noise((size, size), 18).convert("RGB")
    return Image.blend(image, noise, 0.08)
