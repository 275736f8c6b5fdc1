"""Classify photos with a model exported by ``flowerclf export``: the same answers as the app.

    python predict_onnx.py model.onnx photo.jpg [more photos...] [--top-k 3]

Needs only onnxruntime, pillow and numpy. The model file carries what this
script needs (classes, image size, normalisation) in its metadata, and this
script prepares each photo exactly as flowerclf does: the EXIF orientation
applied, big JPEGs decoded at a reduced scale first, transparency laid on
white, 16-bit pictures scaled to 8 bits, the shorter side resized (bilinear,
as torchvision does for PIL images), a centre crop, and the normalisation.

flowerclf writes this file beside every ONNX export; it imports nothing of
flowerclf, so it can travel with the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

METADATA_KEY = "flowerclf"


def read_description(session) -> dict:
    """The model's description: classes, image_size, resize_size, mean, std..."""
    meta = session.get_modelmeta().custom_metadata_map
    return json.loads(meta[METADATA_KEY])


def _to_rgb(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode == "RGB":
        return image
    if mode.startswith("I") or mode == "F":
        array = np.asarray(image)
        if mode.startswith("I;16"):
            scaled = array.astype(np.float32) / 257.0
        else:
            values = array.astype(np.float64)
            low, high = (float(values.min()), float(values.max())) if values.size else (0, 0)
            if mode == "F" and low >= 0.0 and high <= 1.0:
                scaled = values * 255.0
            elif low >= 0.0 and high <= 255.0:
                scaled = values
            elif low >= 0.0 and high <= 65535.0:
                scaled = values / 257.0
            else:
                scaled = (values - low) * (255.0 / (high - low)) if high > low else values * 0
        grey = Image.fromarray(np.clip(np.rint(scaled), 0, 255).astype(np.uint8), "L")
        return grey.convert("RGB")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def load(path: str | Path, resize_size: int) -> Image.Image:
    """Open a photo the way flowerclf does, as RGB."""
    image = Image.open(path)
    if image.format == "JPEG" and min(image.size) >= 2 * resize_size:
        image.draft("RGB", (resize_size, resize_size))
    image.load()
    ImageOps.exif_transpose(image, in_place=True)
    return _to_rgb(image)


def preprocess(image: Image.Image, description: dict) -> np.ndarray:
    """One photo as the network's input: float32, 3 x S x S, normalised."""
    size, crop = int(description["resize_size"]), int(description["image_size"])
    width, height = image.size
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    new_size = (new_short, new_long) if width <= height else (new_long, new_short)
    if new_size != image.size:
        image = image.resize(new_size, Image.BILINEAR)
    width, height = image.size
    top = int(round((height - crop) / 2.0))
    left = int(round((width - crop) / 2.0))
    image = image.crop((left, top, left + crop, top + crop))
    pixels = np.asarray(image, dtype=np.uint8).transpose(2, 0, 1).astype(np.float32)
    mean = np.asarray(description["mean"], dtype=np.float32).reshape(3, 1, 1) * 255.0
    std = np.asarray(description["std"], dtype=np.float32).reshape(3, 1, 1) * 255.0
    return (pixels - mean) / std


def predict(model: str | Path, photos: list[str | Path]) -> tuple[list[str], np.ndarray]:
    """The classes, and one row of probabilities per photo."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    description = read_description(session)
    resize_size = int(description["resize_size"])
    batch = np.stack([preprocess(load(p, resize_size), description) for p in photos])
    (probabilities,) = session.run(None, {session.get_inputs()[0].name: batch})
    return list(description["classes"]), probabilities


def main(argv: list[str]) -> int:
    top_k = 3
    if "--top-k" in argv:
        at = argv.index("--top-k")
        top_k = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    classes, probabilities = predict(argv[0], argv[1:])
    for photo, row in zip(argv[1:], probabilities, strict=True):
        best = np.argsort(-row)[:top_k]
        print(photo + "  " + "  ".join(f"{classes[i]} {100 * row[i]:.1f}%" for i in best))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
