"""Batch loading: repeatable random crops, the bounded decode cache, skipped files."""

from __future__ import annotations

import random

import torch
from PIL import Image

from flowerclf.core.data import Sample
from flowerclf.core.loading import (
    BatchLoader,
    DecodedImageCache,
    eval_view,
    random_crop_box,
    train_view,
)
from tests.imagegen import make_image, truncate_file


def test_random_crops_repeat_with_the_same_generator_and_stay_inside():
    boxes = [random_crop_box(500, 375, random.Random(7)) for _ in range(2)]
    assert boxes[0] == boxes[1]
    for seed in range(200):
        top, left, h, w = random_crop_box(500, 375, random.Random(seed))
        assert 0 <= top and 0 <= left and top + h <= 375 and left + w <= 500


def test_views_have_the_model_input_shape():
    image = Image.new("RGB", (300, 200), "red")
    assert train_view(image, 64, random.Random(0)).shape == (3, 64, 64)
    view = eval_view(image, 64)
    assert view.dtype == torch.uint8 and view.shape == (3, 64, 64)


def test_cache_stays_within_its_budget():
    cache = DecodedImageCache(max_bytes=3 * 10 * 10 * 3)
    for i in range(10):
        cache.put(i, Image.new("RGB", (10, 10)))
    assert len(cache) == 3 and cache.nbytes <= cache.max_bytes
    assert cache.get(9) is not None and cache.get(0) is None


def test_loader_skips_unreadable_images_once_and_repeats_its_order(tmp_path):
    samples = [
        Sample(make_image(tmp_path / f"{i}.jpg", "red", (80, 80), seed=i), i % 2) for i in range(9)
    ]
    broken = truncate_file(make_image(tmp_path / "bad.jpg", "red", (300, 300)), keep=0.2)
    samples.append(Sample(broken, 0))
    reported = []
    loader = BatchLoader(
        samples,
        32,
        4,
        train=True,
        seed=5,
        workers=2,
        cache=DecodedImageCache(),
        on_unreadable=lambda s, m: reported.append(s),
    )
    with loader:
        first = [b.indices for b in loader.epoch(1)]
        again = [b.indices for b in loader.epoch(1)]
        other = [b.indices for b in loader.epoch(2)]
    assert reported == [samples[-1]]
    assert sorted(i for b in first for i in b) == list(range(9))
    assert [[i for i in b] for b in first] != [[i for i in b] for b in other]
    flat = [i for b in first for i in b]
    assert flat == [i for b in again for i in b]


def test_spawned_worker_processes_load_the_same_batches(tmp_path):
    """The loader used on CUDA machines: worker processes started with spawn, never fork."""
    samples = [
        Sample(make_image(tmp_path / f"{i}.jpg", "red", (70, 60), seed=i), i % 2) for i in range(6)
    ]
    cache = DecodedImageCache()
    with BatchLoader(
        samples, 32, 3, train=False, workers=1, cache=cache, use_processes=True
    ) as loader:
        spawned = [b.images for b in loader.epoch(0)]
    with BatchLoader(samples, 32, 3, train=False, workers=1, cache=None) as loader:
        threaded = [b.images for b in loader.epoch(0)]
    assert len(spawned) == 2
    for a, b in zip(spawned, threaded):
        assert torch.equal(a, b)
