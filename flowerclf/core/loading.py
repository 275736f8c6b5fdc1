"""Turning image files into batches of tensors, fast.

Images travel as uint8 tensors until the last moment: decoding, cropping and
flipping happen per image in a pool of threads (Pillow releases the GIL while
it decodes and resizes), and the conversion to floats and the ImageNet
normalisation happen once per batch, on the device. JPEGs are decoded at a
reduced size where that loses nothing (``Image.draft``), and decoded images
are kept, downscaled, in a bounded cache so that later epochs skip decoding.

Threads instead of worker processes on the CPU: nothing is forked from the
desktop app's process and nothing has to re-import torch. On a CUDA machine,
where many cores must feed a fast GPU, ``BatchLoader`` uses a torch
``DataLoader`` with spawned worker processes instead.
"""

from __future__ import annotations

import math
import os
import random
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import torch
from PIL import Image

from flowerclf.core.data import Sample, load_image, resize_size
from flowerclf.core.distributed import EpochOrder
from flowerclf.core.errors import ImageLoadError

# RandomResizedCrop's defaults, as in the training recipe
CROP_SCALE = (0.08, 1.0)
CROP_RATIO = (3.0 / 4.0, 4.0 / 3.0)


# --------------------------------------------------------------------------- views


def _resize_shorter_side(image: Image.Image, size: int) -> Image.Image:
    """torchvision's Resize(size) on a PIL image: the shorter side becomes ``size``."""
    from torchvision.transforms.functional import resize

    return resize(image, size)


def _to_uint8_tensor(image: Image.Image) -> torch.Tensor:
    from torchvision.transforms.functional import pil_to_tensor

    return pil_to_tensor(image)


def eval_crop(image: Image.Image, image_size: int) -> Image.Image:
    """Resize the shorter side to 256/224 of ``image_size`` and centre-crop (PIL in, PIL out)."""
    from torchvision.transforms.functional import center_crop

    image = _resize_shorter_side(image, resize_size(image_size))
    return center_crop(image, [image_size, image_size])


def eval_view(image: Image.Image, image_size: int) -> torch.Tensor:
    """The validation and prediction view of an image: ``eval_crop`` as uint8 CHW."""
    return _to_uint8_tensor(eval_crop(image, image_size))


def random_crop_box(width: int, height: int, rng: random.Random) -> tuple[int, int, int, int]:
    """RandomResizedCrop's box (top, left, h, w), drawn from ``rng`` so runs repeat."""
    area = width * height
    log_ratio = (math.log(CROP_RATIO[0]), math.log(CROP_RATIO[1]))
    for _ in range(10):
        target_area = area * rng.uniform(*CROP_SCALE)
        aspect = math.exp(rng.uniform(*log_ratio))
        w = int(round(math.sqrt(target_area * aspect)))
        h = int(round(math.sqrt(target_area / aspect)))
        if 0 < w <= width and 0 < h <= height:
            top = rng.randint(0, height - h)
            left = rng.randint(0, width - w)
            return top, left, h, w
    # fallback: the central crop with the ratio clamped into range
    in_ratio = width / height
    if in_ratio < CROP_RATIO[0]:
        w, h = width, int(round(width / CROP_RATIO[0]))
    elif in_ratio > CROP_RATIO[1]:
        h, w = height, int(round(height * CROP_RATIO[1]))
    else:
        w, h = width, height
    return (height - h) // 2, (width - w) // 2, h, w


def view_rng(seed: int, epoch: int, index: int) -> random.Random:
    """One generator per (seed, epoch, image): the same crop whatever the thread or device."""
    return random.Random((seed * 1_000_003 + epoch) * 10_000_019 + index)


def train_view(image: Image.Image, image_size: int, rng: random.Random) -> torch.Tensor:
    """RandomResizedCrop to ``image_size`` and a random horizontal flip: uint8 CHW."""
    top, left, h, w = random_crop_box(image.width, image.height, rng)
    crop = image.resize(
        (image_size, image_size), Image.BILINEAR, box=(left, top, left + w, top + h)
    )
    if rng.random() < 0.5:
        crop = crop.transpose(Image.FLIP_LEFT_RIGHT)
    return _to_uint8_tensor(crop)


def normalize_batch(
    batch: torch.Tensor,
    mean: Sequence[float],
    std: Sequence[float],
    device: torch.device,
    channels_last: bool = True,
) -> torch.Tensor:
    """uint8 NCHW -> normalised float32 on ``device`` (in channels-last memory order)."""
    batch = batch.to(device, non_blocking=True)
    mean_t = torch.tensor(mean, device=device, dtype=torch.float32).view(1, -1, 1, 1) * 255.0
    std_t = torch.tensor(std, device=device, dtype=torch.float32).view(1, -1, 1, 1) * 255.0
    out = (batch.float() - mean_t) / std_t
    if channels_last:
        out = out.contiguous(memory_format=torch.channels_last)
    return out


# --------------------------------------------------------------------------- cache


def default_cache_bytes() -> int:
    """An eighth of the computer's memory, at most 2 GB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 8 * 1024**3
    return int(min(2 * 1024**3, total // 8))


class DecodedImageCache:
    """A thread-safe, size-bounded LRU cache of decoded, downscaled images."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = default_cache_bytes() if max_bytes is None else max_bytes
        self._items: OrderedDict[object, Image.Image] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _size_of(image: Image.Image) -> int:
        return image.width * image.height * len(image.getbands())

    def get(self, key: object) -> Image.Image | None:
        with self._lock:
            image = self._items.get(key)
            if image is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return image

    def put(self, key: object, image: Image.Image) -> None:
        size = self._size_of(image)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = image
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._bytes -= self._size_of(old)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)


def load_for_training(path: Path, image_size: int, cache: DecodedImageCache | None) -> Image.Image:
    """Decode (or fetch from the cache) an image with its shorter side near 256/224 of the crop.

    Random crops are later taken from this smaller copy: a crop of a 12-megapixel
    photo ends up as ``image_size`` pixels anyway, and keeping the copy small is
    what lets every image of a typical dataset stay in the cache.
    """
    key = (str(path), image_size)
    if cache is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    short = resize_size(image_size)
    image = load_image(path, min_size=short)
    if min(image.size) > short:
        image = _resize_shorter_side(image, short)
    if cache is not None:
        cache.put(key, image)
    return image


# --------------------------------------------------------------------------- loader


@dataclass
class Batch:
    """A batch of uint8 images, their labels and their positions in the sample list."""

    images: torch.Tensor  # uint8 N x 3 x S x S
    labels: torch.Tensor  # int64 N
    indices: list[int]


class _SampleReader:
    """Reads one sample into a uint8 view; shared by the thread pool and spawned workers."""

    def __init__(self, samples: Sequence[Sample], image_size: int, train: bool, seed: int):
        self.samples = list(samples)
        self.image_size = image_size
        self.train = train
        self.seed = seed
        self.cache: DecodedImageCache | None = None

    def __getstate__(self) -> dict:
        # Spawned workers get their own copy of the reader: the cache (and its lock)
        # stays in this process. Workers keep a small cache of their own instead.
        state = dict(self.__dict__)
        state["cache"] = None
        state["_worker_cache"] = True
        return state

    def __setstate__(self, state: dict) -> None:
        if state.pop("_worker_cache", False):
            state["cache"] = DecodedImageCache(default_cache_bytes() // 4)
        self.__dict__.update(state)

    def read(self, index: int, epoch: int) -> tuple[torch.Tensor, int] | ImageLoadError:
        sample = self.samples[index]
        try:
            if self.train:
                image = load_for_training(sample.path, self.image_size, self.cache)
                view = train_view(image, self.image_size, view_rng(self.seed, epoch, index))
            else:
                key = ("eval", str(sample.path), self.image_size)
                cached = self.cache.get(key) if self.cache is not None else None
                if cached is None:
                    image = load_image(sample.path, min_size=resize_size(self.image_size))
                    cached = eval_crop(image, self.image_size)
                    if self.cache is not None:
                        self.cache.put(key, cached)
                view = _to_uint8_tensor(cached)
        except ImageLoadError as error:
            return error
        return view, sample.label


class _SpawnDataset(torch.utils.data.Dataset):
    """Map-style dataset over a ``_SampleReader`` for spawned DataLoader workers."""

    def __init__(self, reader: _SampleReader):
        self.reader = reader

    def __len__(self) -> int:
        return len(self.reader.samples)

    def __getitem__(self, key: tuple[int, int]):
        index, epoch = key
        result = self.reader.read(index, epoch)
        if isinstance(result, ImageLoadError):
            return None, -1, index, str(result)
        return result[0], result[1], index, ""


def _collate_spawned(items):
    return items


class _CurrentChunks:
    """A batch sampler that yields whatever order its loader set for this epoch."""

    def __init__(self, loader: BatchLoader):
        self.loader = loader

    def __iter__(self):
        return iter(self.loader._current_chunks)

    def __len__(self) -> int:
        return len(self.loader._current_chunks)


class BatchLoader:
    """Iterates over batches of a sample list, skipping unreadable images.

    ``workers``: number of decoding threads on the CPU (default: the number of
    cores), or of spawned worker processes when ``use_processes`` is set (the
    default on CUDA). Images that cannot be read are reported once through
    ``on_unreadable`` and left out of their batch.
    """

    def __init__(
        self,
        samples: Sequence[Sample],
        image_size: int,
        batch_size: int,
        *,
        train: bool,
        seed: int = 0,
        workers: int | None = None,
        cache: DecodedImageCache | None = None,
        use_processes: bool = False,
        pin_memory: bool = False,
        on_unreadable: Callable[[Sample, str], None] | None = None,
        order: EpochOrder | None = None,
    ):
        self.reader = _SampleReader(samples, image_size, train, seed)
        self.order = order
        self.reader.cache = cache
        self.batch_size = batch_size
        self.train = train
        self.seed = seed
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.use_processes = use_processes
        self.pin_memory = pin_memory
        self.on_unreadable = on_unreadable
        self._reported: set[int] = set()
        self._bad: set[int] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._dataloader = None
        self._current_chunks: list[list[tuple[int, int]]] = []

    def __len__(self) -> int:
        count = len(self.order) if self.order is not None else len(self.reader.samples)
        return math.ceil(count / self.batch_size)

    @property
    def num_samples(self) -> int:
        return len(self.reader.samples)

    def _order(self, epoch: int) -> list[int]:
        if self.order is not None:
            # This process's share in a run of several: every share has the same length
            # and nothing is left out, so that every process takes the same steps.
            return self.order.order(epoch)
        order = list(range(len(self.reader.samples)))
        if self.train:
            random.Random(self.seed * 1_000_003 + epoch).shuffle(order)
        # filtering after shuffling keeps an epoch's order whatever was found unreadable
        return [i for i in order if i not in self._bad]

    def _report(self, index: int, message: str) -> None:
        self._bad.add(index)
        if index not in self._reported:
            self._reported.add(index)
            if self.on_unreadable is not None:
                self.on_unreadable(self.reader.samples[index], message)

    def epoch(self, epoch: int = 0) -> Iterator[Batch]:
        """The batches of one epoch, in a shuffled order when training."""
        order = self._order(epoch)
        chunks = [
            [(i, epoch) for i in order[start : start + self.batch_size]]
            for start in range(0, len(order), self.batch_size)
        ]
        yield from self._batches(chunks)

    def _batches(self, chunks: list[list[tuple[int, int]]]) -> Iterator[Batch]:
        if self.use_processes:
            yield from self._epoch_processes(chunks)
        else:
            yield from self._epoch_threads(chunks)

    def _assemble(self, results: list[tuple[int, object]]) -> Batch | None:
        views, labels, indices = [], [], []
        for index, result in results:
            if isinstance(result, ImageLoadError):
                self._report(index, str(result))
                continue
            view, label = result
            views.append(view)
            labels.append(label)
            indices.append(index)
        if not views:
            # in a run of several processes every one takes every step: an empty batch
            return self._empty_batch() if self.order is not None else None
        images = torch.stack(views)
        if self.pin_memory:
            images = images.pin_memory()
        return Batch(images, torch.tensor(labels, dtype=torch.long), indices)

    def _empty_batch(self, device: torch.device | str = "cpu") -> Batch:
        size = self.reader.image_size
        return Batch(
            torch.zeros(0, 3, size, size, dtype=torch.uint8, device=device),
            torch.zeros(0, dtype=torch.long, device=device),
            [],
        )

    def _epoch_threads(self, chunks: list[list[tuple[int, int]]]) -> Iterator[Batch]:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="flowerclf-load")
        pool = self._pool
        # keep two batches in flight ahead of the one being consumed
        pending: list[list[tuple[int, Future]]] = []
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < 3:
                pending.append(
                    [(i, pool.submit(self.reader.read, i, e)) for i, e in chunks[next_chunk]]
                )
                next_chunk += 1
            futures = pending.pop(0)
            batch = self._assemble([(i, f.result()) for i, f in futures])
            if batch is not None:
                yield batch

    def _epoch_processes(self, chunks: list[list[tuple[int, int]]]) -> Iterator[Batch]:
        from torch.utils.data import DataLoader

        self._current_chunks = chunks
        if self._dataloader is None:
            # persistent spawned workers: started once, fed a new order every epoch
            self._dataloader = DataLoader(
                _SpawnDataset(self.reader),
                batch_sampler=_CurrentChunks(self),
                num_workers=self.workers,
                multiprocessing_context="spawn",
                persistent_workers=True,
                prefetch_factor=4,
                collate_fn=_collate_spawned,
            )
        for items in self._dataloader:
            results: list[tuple[int, object]] = []
            for view, label, index, error in items:
                if error:
                    results.append((index, ImageLoadError(None, error)))
                else:
                    results.append((index, (view, label)))
            batch = self._assemble(results)
            if batch is not None:
                yield batch

    def close(self) -> None:
        if self._dataloader is not None:
            iterator = getattr(self._dataloader, "_iterator", None)
            if iterator is not None and hasattr(iterator, "_shutdown_workers"):
                iterator._shutdown_workers()  # persistent workers: end them now, not at exit
            self._dataloader = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> BatchLoader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
