"""Batches decoded and augmented on the GPU, so that loading keeps a large GPU busy.

On CUDA, JPEG files travel as bytes: threads read them into one pinned buffer
per batch, and the GPU decodes the whole batch at once (nvJPEG, through
``torchvision.io.decode_jpeg(..., device="cuda")``), turns each picture upright
from its EXIF orientation, crops, resizes (antialiased bilinear) and flips it.
A background thread prepares the next batches on a CUDA stream of its own
while the current one trains. Other formats, and JPEGs the GPU cannot decode
(CMYK, say), take the CPU path (:class:`~flowerclf.core.loading.BatchLoader`'s
reader) and join the same batch.

The crops are the CPU path's: the same random box for the same (seed, epoch,
image), drawn by :func:`~flowerclf.core.loading.random_crop_box`; the box is
taken from the full-size picture rather than from a reduced copy, so the pixels
differ a little, not the augmentation.

Everything here also runs with ``device="cpu"`` (torchvision decodes on the
CPU then), which is how it is tested on machines without a GPU.
``FLOWERCLF_DEVICE_DECODE``: ``auto`` (the default: on CUDA only), ``off``
(the CPU path everywhere) or ``on`` (this path on any device).
"""

from __future__ import annotations

import io
import os
import queue
import threading
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import torch
from torch.nn import functional as F  # noqa: N812

from flowerclf.core.data import Sample, resize_size
from flowerclf.core.errors import ImageLoadError
from flowerclf.core.loading import Batch, BatchLoader, random_crop_box, view_rng

JPEG_MAGIC = b"\xff\xd8\xff"
AHEAD = 3  # batches prepared ahead of the one training
DECODE_GROUP = 64  # pictures decoded at full size at once
GPU_MODES = ("RGB", "L")  # JPEG colour modes nvJPEG turns into RGB faithfully
_ORIENTATION_TAG = 0x0112


def device_decoding(device: torch.device, environ: dict | None = None) -> bool:
    """Whether training on ``device`` decodes its photos there (see the module's text)."""
    setting = (environ if environ is not None else os.environ).get(
        "FLOWERCLF_DEVICE_DECODE", "auto"
    )
    setting = setting.strip().lower()
    if setting in ("off", "0", "no"):
        return False
    if setting in ("on", "1", "yes"):
        return True
    return device.type == "cuda"


# --------------------------------------------------------------------------- pictures


def jpeg_header(data: bytes) -> tuple[str, int] | None:
    """A JPEG's colour mode ('RGB', 'L', 'CMYK'...) and EXIF orientation (1 to 8).

    Reads the header only, nothing is decoded; None when it cannot be read.
    The GPU decodes RGB and grey JPEGs; others (CMYK) take the CPU path.
    """
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            mode = image.mode
            value = 1
            if b"Exif" in data[:65536]:
                value = int(image.getexif().get(_ORIENTATION_TAG, 1))
    except Exception:  # noqa: BLE001 - a damaged header: the CPU path says what is wrong
        return None
    return mode, value if 1 <= value <= 8 else 1


def upright(image: torch.Tensor, orientation: int) -> torch.Tensor:
    """A C x H x W picture turned as its EXIF orientation asks (as PIL's exif_transpose)."""
    if orientation == 2:
        return image.flip(-1)
    if orientation == 3:
        return image.flip(-1).flip(-2)
    if orientation == 4:
        return image.flip(-2)
    if orientation == 5:
        return image.transpose(-1, -2)
    if orientation == 6:
        return image.transpose(-1, -2).flip(-1)
    if orientation == 7:
        return image.transpose(-1, -2).flip(-1).flip(-2)
    if orientation == 8:
        return image.transpose(-1, -2).flip(-2)
    return image


def view_box(
    height: int, width: int, image_size: int, train: bool, seed: int, epoch: int, index: int
) -> tuple[int, int, int, int, bool]:
    """(top, left, h, w, flip) of the view of one picture: the CPU path's crop.

    Training: RandomResizedCrop's box and a coin for the flip, from the same
    generator as the CPU path. Validation: the centre square that "resize the
    shorter side to 256/224 of the size, then centre-crop" keeps.
    """
    if train:
        rng = view_rng(seed, epoch, index)
        top, left, h, w = random_crop_box(width, height, rng)
        return top, left, h, w, rng.random() < 0.5
    side = max(1, round(min(height, width) * image_size / resize_size(image_size)))
    return (height - side) // 2, (width - side) // 2, side, side, False


def crop_resize(
    images: Sequence[torch.Tensor],
    boxes: Sequence[tuple[int, int, int, int, bool]],
    image_size: int,
) -> torch.Tensor:
    """Each picture's box, resized to ``image_size`` square and flipped as asked: uint8 NCHW.

    Works on whatever device the pictures are on.
    """
    if not images:
        return torch.zeros(0, 3, image_size, image_size, dtype=torch.uint8)
    device = images[0].device
    out = torch.empty(len(images), 3, image_size, image_size, dtype=torch.float32, device=device)
    for row, (image, (top, left, h, w, _)) in enumerate(zip(images, boxes, strict=True)):
        crop = image[:, top : top + h, left : left + w].unsqueeze(0).float()
        out[row] = F.interpolate(
            crop,
            size=(image_size, image_size),
            mode="bilinear",
            antialias=True,
            align_corners=False,
        )[0]
    # the rest once for the whole batch: a few kernels, not a few per picture
    flips = [row for row, box in enumerate(boxes) if box[4]]
    if flips:
        rows = torch.tensor(flips, device=device)
        out[rows] = out[rows].flip(-1)
    return out.round_().clamp_(0, 255).to(torch.uint8)


def decode_jpegs(datas: Sequence[torch.Tensor], device: torch.device) -> list[torch.Tensor | None]:
    """Decode JPEG bytes (1-D uint8 CPU tensors) to RGB C x H x W on ``device``, all at once.

    A picture the decoder refuses is None (the batch's others are still decoded).
    """
    from torchvision.io import ImageReadMode, decode_jpeg

    if not datas:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # torchvision's note on its decoders
        try:
            return list(decode_jpeg(list(datas), mode=ImageReadMode.RGB, device=device))
        except RuntimeError:
            pass  # one bad picture fails the whole call: decode them one by one
        decoded: list[torch.Tensor | None] = []
        for data in datas:
            try:
                decoded.append(decode_jpeg(data, mode=ImageReadMode.RGB, device=device))
            except RuntimeError:
                decoded.append(None)
        return decoded


def pinned_views(datas: Sequence[bytes], pin: bool) -> list[torch.Tensor]:
    """The files' bytes as 1-D uint8 tensors, views of one (pinned, on CUDA) buffer."""
    total = sum(len(d) for d in datas)
    buffer = torch.empty(total, dtype=torch.uint8, pin_memory=pin)
    raw = buffer.numpy()
    views, start = [], 0
    for data in datas:
        raw[start : start + len(data)] = memoryview(data)
        views.append(buffer[start : start + len(data)])
        start += len(data)
    return views


# --------------------------------------------------------------------------- the loader


class _Prepared:
    """One batch made ready by the background thread, with what it found unreadable."""

    def __init__(self, batch: Batch | None, unreadable: list, event=None, error=None):
        self.batch = batch
        self.unreadable = unreadable
        self.event = event
        self.error = error


_END = object()


class DeviceBatchLoader(BatchLoader):
    """A :class:`BatchLoader` whose batches are decoded and augmented on ``device``.

    Same order, same shares, same unreadable-photo handling; its batches' images
    are already on ``device`` (uint8 NCHW).
    """

    def __init__(
        self, samples: Sequence[Sample], image_size: int, batch_size: int, *, device, **kwargs
    ):
        kwargs["use_processes"] = False
        kwargs["pin_memory"] = False
        super().__init__(samples, image_size, batch_size, **kwargs)
        self.device = torch.device(device)
        self._thread: threading.Thread | None = None
        self._quit = threading.Event()

    # -- per file, in the reading threads

    def _fetch(self, index: int, epoch: int):
        """('jpeg', bytes, orientation), or ('view', uint8 view) from the CPU path, or an error."""
        path = self.reader.samples[index].path
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            data = b""
        header = jpeg_header(data) if data[:3] == JPEG_MAGIC else None
        if header is not None and header[0] in GPU_MODES:
            return "jpeg", data, header[1]
        return "view", self.reader.read(index, epoch)  # words the error, if any

    # -- per batch, in the background thread

    def _prepare(
        self, chunk: list[tuple[int, int]], fetched: list
    ) -> tuple[Batch | None, list[tuple[int, str]]]:
        """The batch of ``chunk`` (None if nothing could be read) and what could not be read."""
        size = self.reader.image_size
        results: list[object] = [item[1] if item[0] == "view" else None for item in fetched]
        crops: dict[int, torch.Tensor] = {}
        jpegs = [pos for pos, item in enumerate(fetched) if item[0] == "jpeg"]
        # a group at a time: full-size phone photos take room on the GPU until cropped
        for start in range(0, len(jpegs), DECODE_GROUP):
            group = jpegs[start : start + DECODE_GROUP]
            on_cuda = self.device.type == "cuda"
            datas = pinned_views([fetched[pos][1] for pos in group], on_cuda)
            decoded = decode_jpegs(datas, self.device)
            if on_cuda:
                # nvJPEG may still be reading the pinned buffer, which nothing else knows:
                # wait (this thread only) before it can be freed and handed out again
                torch.cuda.current_stream(self.device).synchronize()
            del datas
            pictures, boxes, rows = [], [], []
            for pos, image in zip(group, decoded, strict=True):
                index, epoch = chunk[pos]
                if image is None:  # the GPU could not: the CPU path can, or says why not
                    results[pos] = self.reader.read(index, epoch)
                    continue
                image = upright(image, fetched[pos][2])
                height, width = image.shape[-2:]
                pictures.append(image)
                boxes.append(view_box(height, width, size, self.train, self.seed, epoch, index))
                rows.append(pos)
            for pos, view in zip(rows, crop_resize(pictures, boxes, size), strict=True):
                crops[pos] = view
        views, labels, indices, unreadable = [], [], [], []
        for pos, (index, _) in enumerate(chunk):
            if pos in crops:
                view, label = crops[pos], self.reader.samples[index].label
            elif isinstance(results[pos], ImageLoadError):
                unreadable.append((index, str(results[pos])))
                continue
            else:
                view, label = results[pos]
                view = view.to(self.device, non_blocking=True)
            views.append(view)
            labels.append(label)
            indices.append(index)
        if not views:
            return None, unreadable
        images = torch.stack(views)
        return Batch(images, torch.tensor(labels, dtype=torch.long), indices), unreadable

    def _prepared(self, chunks: list[list[tuple[int, int]]]) -> Iterator[_Prepared]:
        """Every chunk's batch, the files of the next ones read ahead by threads."""
        stream = torch.cuda.Stream(self.device) if self.device.type == "cuda" else None
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="flowerclf-read")
        try:
            pending: list[list[Future]] = []
            next_chunk = 0
            for chunk in chunks:
                while next_chunk < len(chunks) and len(pending) < AHEAD:
                    pending.append([pool.submit(self._fetch, i, e) for i, e in chunks[next_chunk]])
                    next_chunk += 1
                fetched = [f.result() for f in pending.pop(0)]
                if self._quit.is_set():
                    return
                if stream is None:
                    yield _Prepared(*self._prepare(chunk, fetched))
                    continue
                with torch.cuda.stream(stream):
                    batch, unreadable = self._prepare(chunk, fetched)
                    event = torch.cuda.Event()
                    event.record(stream)
                yield _Prepared(batch, unreadable, event)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _offer(self, out: queue.Queue, item: object) -> None:
        """Hand ``item`` to the training thread, unless it has stopped listening."""
        while not self._quit.is_set():
            try:
                out.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _produce(self, chunks: list[list[tuple[int, int]]], out: queue.Queue) -> None:
        try:
            # the current GPU is per thread: this one's must be the trainer's (its local rank's)
            torch.cuda.set_device(self.device)
            for item in self._prepared(chunks):
                self._offer(out, item)
        except BaseException as error:  # noqa: BLE001 - handed to the training thread
            self._offer(out, _Prepared(None, [], error=error))
        finally:
            self._offer(out, _END)

    # -- in the training thread

    def _ahead(self, chunks: list[list[tuple[int, int]]]) -> Iterator[_Prepared]:
        """On CUDA, batches made by a thread of their own while the current one trains.

        On the CPU they are made in turn: a second thread computing there would
        only compete with the training for the same cores.
        """
        if self.device.type != "cuda":
            yield from self._prepared(chunks)
            return
        self._stop_thread()
        self._quit.clear()
        ready: queue.Queue = queue.Queue(maxsize=AHEAD)
        self._thread = threading.Thread(
            target=self._produce, args=(chunks, ready), name="flowerclf-device-load", daemon=True
        )
        self._thread.start()
        try:
            while (item := ready.get()) is not _END:
                if item.error is not None:
                    raise item.error
                yield item
        finally:
            self._stop_thread()

    def _batches(self, chunks: list[list[tuple[int, int]]]) -> Iterator[Batch]:
        for item in self._ahead(chunks):
            for index, message in item.unreadable:
                self._report(index, message)
            batch = item.batch
            if batch is None:
                if self.order is None:
                    continue
                batch = self._empty_batch(self.device)
            elif item.event is not None:
                current = torch.cuda.current_stream(self.device)
                current.wait_event(item.event)
                batch.images.record_stream(current)  # made on the loader's stream
            yield batch

    def _stop_thread(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._quit.set()
        thread.join(timeout=30)

    def close(self) -> None:
        self._stop_thread()
        super().close()
