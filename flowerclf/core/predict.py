"""A loaded model: preprocessing, batched forward passes, probabilities."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from flowerclf.core.data import IMAGENET_MEAN, IMAGENET_STD, load_image, resize_size
from flowerclf.core.device import Precision, choose_precision
from flowerclf.core.errors import ImageLoadError
from flowerclf.core.events import StopRequest
from flowerclf.core.loading import eval_view, normalize_batch
from flowerclf.core.models import fold_batchnorm

ImageSource = str | Path | Image.Image


@dataclass
class Prediction:
    """The result for one image: a probability per class, or why it failed."""

    source: str | Path | None
    classes: list[str]
    probs: np.ndarray | None = None
    error: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.probs is not None

    @property
    def label(self) -> str:
        """The most probable class."""
        return self.classes[int(np.argmax(self.probs))]

    @property
    def confidence(self) -> float:
        """The probability of the most probable class."""
        return float(np.max(self.probs))

    def top(self, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` most probable classes with their probabilities, most probable first."""
        if self.probs is None:
            return []
        order = np.argsort(-self.probs, kind="stable")[:k]
        return [(self.classes[i], float(self.probs[i])) for i in order]

    def as_dict(self) -> dict[str, float]:
        """Every class's probability, in class order."""
        if self.probs is None:
            return {}
        return {name: float(p) for name, p in zip(self.classes, self.probs, strict=False)}


class Classifier:
    """A network with everything needed to use it: classes, input size, normalisation.

    ``precision`` is the number format of the forward pass. ``fp32`` (the
    default) gives the exact probabilities. ``auto`` uses bfloat16 for the
    backbone where the processor computes it natively (about 1.7x faster over
    a folder on such CPUs) and keeps the last layer and the softmax in fp32:
    the top class stayed the same on every benchmark photo, but probabilities
    moved by up to 0.011 to 0.024 depending on the model, which a person
    comparing percentages could notice; so it is opt-in.
    """

    def __init__(
        self,
        network: torch.nn.Module,
        arch: str,
        classes: Sequence[str],
        image_size: int = 224,
        mean: Sequence[float] = IMAGENET_MEAN,
        std: Sequence[float] = IMAGENET_STD,
        metadata: dict | None = None,
        precision: str = "fp32",
    ):
        self.network = network.eval()
        self.arch = arch
        self.classes = list(classes)
        self.image_size = int(image_size)
        self.mean = tuple(float(m) for m in mean)
        self.std = tuple(float(s) for s in std)
        self.metadata: dict = dict(metadata or {})
        self.device = next(network.parameters()).device
        self._precision_name = precision
        self._precision: Precision = choose_precision(self.device, precision)
        self.network.to(memory_format=torch.channels_last)
        # What fp32 predictions run through: a copy with batch norm folded into
        # the convolutions, made on first use and remade whenever the weights of
        # ``network`` change (each tensor counts its in-place writes).
        self._folded: torch.nn.Module | None = None
        self._folded_from: tuple[int, ...] = ()
        self._backbone: torch.nn.Module | None = None  # built on first reduced-precision use

    def __repr__(self) -> str:
        return (
            f"Classifier(arch={self.arch!r}, classes={self.classes!r}, "
            f"image_size={self.image_size}, device={self.device})"
        )

    @property
    def precision(self) -> str:
        return self._precision.name

    def set_precision(self, precision: str) -> None:
        self._precision_name = precision
        self._precision = choose_precision(self.device, precision)

    def to(self, device: str | torch.device) -> Classifier:
        from flowerclf.core.device import resolve_device

        self.device = resolve_device(device)
        self.network.to(self.device)
        self._folded = self._backbone = None
        self._precision = choose_precision(self.device, self._precision_name)
        return self

    def state_dict(self) -> dict[str, torch.Tensor]:
        """The weights as CPU tensors with torchvision's key names."""
        return {k: v.detach().cpu().contiguous() for k, v in self.network.state_dict().items()}

    # ----------------------------------------------------------------- preprocessing

    def load(self, source: ImageSource) -> Image.Image:
        """Open an image (path or PIL) as RGB, decoding big JPEGs at a reduced size."""
        return load_image(source, min_size=resize_size(self.image_size))

    def preprocess(self, image: Image.Image) -> torch.Tensor:
        """The model's input for one RGB image: normalised float32 3 x S x S."""
        view = eval_view(image.convert("RGB"), self.image_size).unsqueeze(0)
        return normalize_batch(view, self.mean, self.std, torch.device("cpu"), False)[0]

    # ----------------------------------------------------------------- inference

    def _folded_network(self) -> torch.nn.Module:
        """``network`` with batch norm folded in, remade if its weights were changed since."""
        state = _write_counts(self.network)
        if self._folded is None or state != self._folded_from:
            self._folded = fold_batchnorm(self.network).to(memory_format=torch.channels_last)
            self._folded_from = state
        return self._folded

    def _logits(self, batch: torch.Tensor) -> torch.Tensor:
        """The forward pass.

        In fp32 it runs through a copy of the network with batch norm folded
        into the convolutions: the same numbers to about 1e-7, 9% sooner over
        a batch. Not in bf16, where the folded scales and shifts would be
        rounded to bf16 too (batch norm itself computes them in fp32): the
        largest probability difference from fp32 grew from under 0.02 to 0.025.

        In reduced precision, only the backbone runs in it. The last layer
        turns small rounding differences in the features into differences in
        the logits; computing it (and the softmax) in fp32 costs nothing
        measurable and keeps the probabilities shown close to the exact ones.
        """
        if self._precision.autocast_dtype is None:
            return self._folded_network()(batch).float()
        if not hasattr(self.network, "fc"):
            with self._precision.autocast(self.device):
                return self.network(batch).float()
        if self._backbone is None:
            self._backbone = torch.nn.Sequential(*list(self.network.children())[:-1])
        with self._precision.autocast(self.device):
            features = self._backbone(batch)
        return self.network.fc(torch.flatten(features, 1).float())

    @torch.inference_mode()
    def predict_tensor(self, batch: torch.Tensor) -> torch.Tensor:
        """Probabilities for a batch of preprocessed images (N x 3 x S x S floats)."""
        batch = batch.to(self.device).contiguous(memory_format=torch.channels_last)
        return torch.softmax(self._logits(batch), dim=1).cpu()

    @torch.inference_mode()
    def _predict_views(self, views: list[torch.Tensor]) -> np.ndarray:
        """Probabilities of decoded views; out of GPU memory, the batch is halved and retried."""
        try:
            batch = normalize_batch(torch.stack(views), self.mean, self.std, self.device)
            return torch.softmax(self._logits(batch), dim=1).cpu().numpy()
        except torch.OutOfMemoryError:
            if len(views) == 1:
                raise
            free_device_memory(self.device)
            half = len(views) // 2
            return np.concatenate(
                [self._predict_views(views[:half]), self._predict_views(views[half:])]
            )

    def _read_view(self, source: ImageSource) -> torch.Tensor | str:
        try:
            return eval_view(self.load(source), self.image_size)
        except ImageLoadError as error:
            return error.reason
        except Exception as error:  # a reader bug must not lose the other images
            return f"could not be read ({error})"

    def predict(
        self,
        images: Sequence[ImageSource],
        batch_size: int = 32,
        stop: StopRequest | None = None,
    ) -> list[Prediction]:
        """Predict every image, in batches; unreadable ones come back with ``error`` set.

        Decoding runs in a small thread pool while the previous batch is in the
        network, so big photos cost little more than small ones. A single image
        is decoded on the calling thread: there is nothing to overlap it with.
        """
        images = list(images)
        if len(images) == 1:
            view = self._read_view(images[0])
            if stop is not None and stop.requested:
                return []
            return self._predict_chunk(images, [view])
        return [p for batch in self.predict_batches(images, batch_size, stop) for p in batch]

    def predict_batches(
        self,
        images: Sequence[ImageSource],
        batch_size: int = 32,
        stop: StopRequest | None = None,
    ) -> Iterator[list[Prediction]]:
        """Like :meth:`predict`, one batch at a time, in order: results stream out as they come.

        Memory stays flat however many images there are, and what was yielded
        before an interruption is kept by whoever wrote it down.
        """
        images = list(images)
        if not images:
            return
        workers = max(1, min(4, os.cpu_count() or 1))
        with ThreadPoolExecutor(workers, thread_name_prefix="flowerclf-predict") as pool:
            starts = range(0, len(images), batch_size)
            pending = pool.map(self._read_view, images[0:batch_size])
            for start in starts:
                views = list(pending)
                chunk = images[start : start + batch_size]
                following = images[start + batch_size : start + 2 * batch_size]
                if following:
                    pending = pool.map(self._read_view, following)
                if stop is not None and stop.requested:
                    break
                yield self._predict_chunk(chunk, views)

    def _predict_chunk(
        self, chunk: Sequence[ImageSource], views: list[torch.Tensor | str]
    ) -> list[Prediction]:
        """Predictions for decoded views; a string in ``views`` is why that image failed."""
        good = [v for v in views if isinstance(v, torch.Tensor)]
        probs = iter(self._predict_views(good)) if good else iter(())
        results = []
        for source, view in zip(chunk, views, strict=True):
            label = source if isinstance(source, str | Path) else None
            if isinstance(view, torch.Tensor):
                results.append(Prediction(label, self.classes, next(probs)))
            else:
                results.append(Prediction(label, self.classes, error=view))
        return results

    def predict_one(self, image: ImageSource) -> Prediction:
        """Predict a single image (path or PIL image)."""
        return self.predict([image], batch_size=1)[0]


def free_device_memory(device: torch.device) -> None:
    """Give the memory of failed work back to the GPU before trying again smaller."""
    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "mps" and hasattr(torch, "mps"):
        torch.mps.empty_cache()


def _write_counts(network: torch.nn.Module) -> tuple[int, ...]:
    """How often each weight and buffer has been written in place (``load_state_dict``, a step).

    Tensors made under ``torch.inference_mode`` keep no count; they cannot be
    changed in place outside it either, so they count as never written.
    """
    counts = []
    for tensor in itertools.chain(network.parameters(), network.buffers()):
        try:
            counts.append(tensor._version)  # noqa: SLF001 - torch's own write counter
        except RuntimeError:
            counts.append(0)
    return tuple(counts)
