"""Task functions behind the Predict tab: classify pictures in batches, decode a preview.

``predict_images`` is a generator: it yields :class:`ImagesFound` once (when
it expanded dropped folders) and then one :class:`PredictedBatch` per batch,
typed partial results that the task runner delivers apart from progress.
What crosses back is plain data: core ``Prediction`` objects and ``QImage``
(which, unlike ``QPixmap``, may be made in any thread).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from flowerclf.core.events import StopRequest
from flowerclf.gui.tasks import Report, TaskFunction

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

    from flowerclf.core.predict import Classifier, Prediction

THUMBNAIL_SIZE = 96
#: Pictures are shown (and their heat maps computed) at most this big.
PREVIEW_MAX_SIDE = 1600


@dataclass(frozen=True)
class ImagesFound:
    """The files a drop expanded to (folders opened), in order.

    ``errors[i]`` is None, or why file ``i`` will not be classified (it is not
    an image); it still gets a row so the person sees what happened to it.
    """

    sources: list[str]
    errors: list[str | None]


@dataclass(frozen=True)
class ImageResult:
    """One classified image (or the reason it could not be)."""

    index: int  # into the task's list of sources
    prediction: Prediction | None
    error: str | None
    thumbnail: QImage | None


@dataclass(frozen=True)
class PredictedBatch:
    results: list[ImageResult]


def pil_to_qimage(image: Image.Image) -> QImage:
    """Copy a PIL image into a QImage (safe in any thread, unlike QPixmap)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return qimage.copy()  # the QImage above only borrows `data`


def qimage_to_pil(image: QImage) -> Image.Image:
    """Copy a QImage into an RGB PIL image, pixel for pixel (safe in any thread)."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())  # rows padded to bytesPerLine
    size = (rgb.width(), rgb.height())
    return Image.frombuffer("RGB", size, data, "raw", "RGB", rgb.bytesPerLine(), 1).copy()


def encode_image(image: QImage, kind: str = "PNG") -> bytes:
    """``image`` as the bytes of a PNG (or JPEG) file (safe in any thread)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, kind, 92 if kind == "JPEG" else -1)
    data = bytes(QByteArray(buffer.data()).data())
    buffer.close()
    return data


def thumbnail_of(image: Image.Image, size: int = THUMBNAIL_SIZE) -> QImage:
    small = image.copy()
    small.thumbnail((size, size))
    return pil_to_qimage(small)


def predict_images(
    classifier: Classifier,
    sources: Sequence[str | bytes],
    *,
    expand: bool,
    batch_size: int = 8,
) -> TaskFunction:
    """Classify images in batches, yielding each batch as soon as it is done.

    With ``expand``, ``sources`` are paths as dropped (files and folders): the
    task first yields :class:`ImagesFound`, then :class:`PredictedBatch` es whose
    indices refer to that list. Without, ``sources`` are already single images
    (paths, or the encoded bytes of a pasted picture) and indices refer to them.
    """

    def run(report: Report, stop: StopRequest) -> Iterator[ImagesFound | PredictedBatch]:
        from flowerclf.core.data import find_images, load_image, resize_size
        from flowerclf.core.errors import FlowerclfError

        items: list[str | bytes] = list(sources)
        errors: list[str | None] = [None] * len(items)
        if expand:
            images, skipped = find_images([Path(s) for s in sources if isinstance(s, str)])
            dropped = {Path(s) for s in sources if isinstance(s, str)}
            # A file dropped by itself that is not an image gets an error row; files
            # inside dropped folders that are not images are just not listed.
            refused = [s for s in skipped if Path(s.path) in dropped]
            items = [str(p) for p in images] + [str(s.path) for s in refused]
            errors = [None] * len(images) + [s.reason for s in refused]
            yield ImagesFound(sources=[str(i) for i in items], errors=errors)

        todo = [i for i, error in enumerate(errors) if error is None]
        min_size = resize_size(classifier.image_size)

        def load(index: int) -> Image.Image | str:
            try:
                return load_image(items[index], min_size=min_size)
            except FlowerclfError as exc:
                return str(getattr(exc, "reason", "") or exc)

        batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
        # The next batch decodes in these threads while this one is in the network.
        pool = ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1)), "flowerclf-decode")
        try:
            pending = [pool.submit(load, i) for i in batches[0]] if batches else []
            for number, batch in enumerate(batches):
                if stop.requested:
                    break
                decoded = [future.result() for future in pending]
                pending = []
                if number + 1 < len(batches):
                    pending = [pool.submit(load, i) for i in batches[number + 1]]
                yield PredictedBatch(_classify(classifier, batch, decoded))
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return len(items)

    return run


def _classify(
    classifier: Classifier, indices: list[int], decoded: list[Image.Image | str]
) -> list[ImageResult]:
    """One batch through the network; a string in ``decoded`` is why that image failed."""
    pairs = list(zip(indices, decoded, strict=True))
    results = [ImageResult(i, None, d, None) for i, d in pairs if isinstance(d, str)]
    loaded = [(i, d) for i, d in pairs if not isinstance(d, str)]
    if loaded:
        predictions = classifier.predict([image for _, image in loaded], batch_size=len(loaded))
        for (index, image), prediction in zip(loaded, predictions, strict=True):
            error = prediction.error if not prediction.ok else None
            results.append(ImageResult(index, prediction, error, thumbnail_of(image)))
    return sorted(results, key=lambda r: r.index)


def load_preview(source: str | bytes, max_side: int = PREVIEW_MAX_SIDE) -> TaskFunction:
    """Decode one picture for display, turned upright as the model sees it."""

    def run(report: Report, stop: StopRequest) -> QImage:
        from flowerclf.core.data import load_image

        image = load_image(source, min_size=max_side // 2)
        image.thumbnail((max_side, max_side))
        return pil_to_qimage(image)

    return run


def save_image(image: QImage, path: Path) -> TaskFunction:
    """Encode ``image`` for ``path``'s suffix (JPEG or PNG) and write it all at once."""

    def run(report: Report, stop: StopRequest) -> Path:
        from flowerclf.core.files import atomic_write_bytes

        kind = "JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else "PNG"
        return atomic_write_bytes(path, encode_image(image, kind), what="the snapshot")

    return run
