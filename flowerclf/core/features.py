"""Backbone features for last-layer training, computed once and kept.

With a frozen backbone, an image's feature vector depends only on the image's
bytes, the backbone's weights and the input size. Vectors are therefore stored
on disk under a fingerprint of the backbone (one ``.safetensors`` file per
backbone, keyed by a hash of each file's content), so that a second run on the
same folder, or with other settings for the last layer, skips the backbone
altogether. Images are seen as the validation transform shows them (resize and
centre crop): random crops would give a new vector every epoch and defeat the
reuse, and a horizontal flip barely changes a globally pooled feature.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from torch import nn

from flowerclf.core.data import IMAGENET_MEAN, IMAGENET_STD, Sample
from flowerclf.core.device import Precision
from flowerclf.core.events import ProgressCallback, StageEvent, StopRequest
from flowerclf.core.loading import normalize_batch

_MAX_STORE_FILES = 8

# A forward pass costs about a third of a training step (forward + backward).
FORWARD_COST = 0.35


def feature_cache_dir() -> Path:
    """Where stored features live: $FLOWERCLF_CACHE/features or ~/.cache/flowerclf/features."""
    root = os.environ.get("FLOWERCLF_CACHE")
    if root:
        return Path(root) / "features"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "flowerclf" / "features"


def file_digest(path: Path) -> str:
    """A short hash of a file's bytes (the cache key: renaming a file keeps its vector)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backbone_fingerprint(backbone: nn.Module, arch: str, image_size: int, precision: str) -> str:
    """A hash of everything that decides the vectors: weights, architecture, size, format."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{arch}|{image_size}|{precision}|v1".encode())
    for name, tensor in backbone.state_dict().items():
        digest.update(name.encode())
        digest.update(tensor.detach().to("cpu").contiguous().numpy().tobytes())
    return digest.hexdigest()


class FeatureStore:
    """Feature vectors by file digest, in memory, loaded from and saved to one file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.vectors: dict[str, torch.Tensor] = {}
        self._dirty = False
        if path is not None and path.exists():
            try:
                from safetensors.torch import load_file

                self.vectors = dict(load_file(str(path)))
            except Exception:  # a damaged cache file is only a lost speed-up
                self.vectors = {}

    def __contains__(self, key: str) -> bool:
        return key in self.vectors

    def get(self, key: str) -> torch.Tensor:
        return self.vectors[key]

    def put(self, key: str, vector: torch.Tensor) -> None:
        self.vectors[key] = vector.contiguous()
        self._dirty = True

    def save(self) -> None:
        if self.path is None or not self._dirty:
            return
        from safetensors.torch import save_file

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            save_file(self.vectors, str(temporary))
            os.replace(temporary, self.path)
            self._dirty = False
            _prune(self.path.parent)
        except OSError:
            pass  # a read-only or full disk only costs the speed-up next time


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.safetensors"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[_MAX_STORE_FILES:]:
        old.unlink(missing_ok=True)


class FeatureExtractor:
    """Computes (or fetches) the pooled backbone features of a list of samples."""

    def __init__(
        self,
        network: nn.Module,
        arch: str,
        image_size: int,
        device: torch.device,
        precision: Precision,
        make_loader: Callable,
        progress: ProgressCallback,
        stop: StopRequest,
        use_disk_cache: bool = True,
    ):
        # everything up to and including the global average pool; fc is left out
        self.backbone = nn.Sequential(*list(network.children())[:-1]).eval()
        self.device = device
        self.precision = precision
        self.make_loader = make_loader
        self.progress = progress
        self.stop = stop
        path = None
        if use_disk_cache:
            fingerprint = backbone_fingerprint(self.backbone, arch, image_size, precision.name)
            path = feature_cache_dir() / f"{arch}-{image_size}-{fingerprint}.safetensors"
        self.store = FeatureStore(path)

    @torch.inference_mode()
    def features(self, samples: Sequence[Sample], clock) -> tuple[torch.Tensor, torch.Tensor]:
        """Feature vectors (N x D, float32, CPU) and labels of the readable samples."""
        keys: list[str | None] = []
        for sample in samples:
            try:
                keys.append(file_digest(sample.path))
            except OSError:
                keys.append(None)
        missing = [i for i, key in enumerate(keys) if key is not None and key not in self.store]
        clock.advance(FORWARD_COST * (len(samples) - len(missing)))
        if missing:
            loader = self.make_loader([samples[i] for i in missing], False, 64)
            done = 0
            try:
                for batch in loader.epoch(0):
                    if self.stop.requested:
                        break
                    x = normalize_batch(batch.images, IMAGENET_MEAN, IMAGENET_STD, self.device)
                    with self.precision.autocast(self.device):
                        vectors = self.backbone(x).flatten(1)
                    vectors = vectors.float().cpu()
                    for row, local_index in enumerate(batch.indices):
                        self.store.put(keys[missing[local_index]], vectors[row].clone())
                    done += len(batch.indices)
                    clock.advance(FORWARD_COST * len(batch.indices))
                    self.progress(
                        StageEvent(
                            "Computing features",
                            done,
                            len(missing),
                            clock.fraction,
                            clock.elapsed,
                            clock.eta,
                        )
                    )
            finally:
                loader.close()
            self.store.save()
        rows = [i for i, key in enumerate(keys) if key is not None and key in self.store]
        if not rows:
            return torch.zeros(0, 1), torch.zeros(0, dtype=torch.long)
        feats = torch.stack([self.store.get(keys[i]) for i in rows])
        labels = torch.tensor([samples[i].label for i in rows], dtype=torch.long)
        return feats, labels
