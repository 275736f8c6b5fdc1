"""Decoding and augmenting a batch on the device: the same functions, run here on the CPU.

On CUDA the same code decodes with nvJPEG; here torchvision decodes on the CPU,
which checks everything but the GPU itself: orientation, crops, flips, the
fallback to the CPU path, unreadable files, the shares of a run of several.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from flowerclf.core.data import Sample, load_image
from flowerclf.core.gpu_loading import (
    DeviceBatchLoader,
    crop_resize,
    decode_jpegs,
    device_decoding,
    jpeg_header,
    pinned_views,
    upright,
    view_box,
)
from flowerclf.core.loading import BatchLoader, eval_view
from flowerclf.core.training import TrainingConfig, train
from tests.core.test_distributed import FixedOrder
from tests.imagegen import make_dataset, make_image, truncate_file

CPU = torch.device("cpu")


def _stripes(path, size=(60, 40), orientation=None):
    """A picture whose every side differs, so that a wrong turn or flip shows."""
    width, height = size
    image = Image.new("RGB", size, (20, 20, 20))
    for x in range(width):
        for y in range(height):
            image.putpixel((x, y), (x * 255 // width, y * 255 // height, 128 if x < y else 30))
    options = {"quality": 95}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif
    image.save(path, "JPEG", **options)
    return path


def _decode(path):
    data = path.read_bytes()
    (image,) = decode_jpegs(pinned_views([data], pin=False), CPU)
    mode, orientation = jpeg_header(data)
    assert mode == "RGB"
    return upright(image, orientation)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_turns_as_pil_does(tmp_path, orientation):
    path = _stripes(tmp_path / "p.jpg", orientation=orientation)
    turned = _decode(path)
    expected = torch.from_numpy(np.array(load_image(path))).permute(2, 0, 1)
    assert turned.shape == expected.shape
    assert (turned.float() - expected.float()).abs().mean() < 3  # two JPEG decoders agree


def test_the_validation_view_is_the_cpu_paths_centre_crop(tmp_path):
    path = _stripes(tmp_path / "p.jpg", size=(120, 80))
    image = _decode(path)
    box = view_box(*image.shape[-2:], 64, False, 0, 0, 0)
    on_device = crop_resize([image], [box], 64)[0]
    on_cpu = eval_view(load_image(path), 64)
    assert on_device.shape == on_cpu.shape == (3, 64, 64) and on_device.dtype == torch.uint8
    assert (on_device.float() - on_cpu.float()).abs().mean() < 4


def test_training_views_take_the_cpu_paths_boxes_and_flips(tmp_path):
    # pictures no bigger than the crop's resize size, so that both paths start from all pixels
    paths = [_stripes(tmp_path / f"{i}.jpg", size=(36, 30)) for i in range(6)]
    samples = [Sample(p, 0) for p in paths]
    with BatchLoader(samples, 32, 6, train=True, seed=4, workers=1) as cpu_loader:
        (cpu_batch,) = cpu_loader.epoch(3)
    with DeviceBatchLoader(samples, 32, 6, train=True, seed=4, workers=1, device=CPU) as loader:
        (batch,) = loader.epoch(3)
    assert batch.indices == cpu_batch.indices
    for row in range(6):
        same = (batch.images[row].float() - cpu_batch.images[row].float()).abs().mean()
        mirrored = (batch.images[row].float() - cpu_batch.images[row].flip(-1).float()).abs().mean()
        assert same < 12 and same < mirrored / 2, row
    flips = [view_box(30, 36, 32, True, 4, 3, i)[4] for i in batch.indices]
    assert True in flips and False in flips  # both cases were compared


def test_a_batch_mixes_gpu_decoded_jpegs_the_cpu_path_and_leaves_out_the_unreadable(tmp_path):
    jpeg = make_image(tmp_path / "a.jpg", "red", size=(50, 40))
    png = make_image(tmp_path / "b.png", "blue", size=(50, 40))
    cmyk = make_image(tmp_path / "c.jpg", "green", size=(50, 40), mode="CMYK")
    broken = truncate_file(make_image(tmp_path / "d.jpg", "red", size=(50, 40)), 0.3)
    missing = tmp_path / "gone.jpg"
    samples = [Sample(p, i) for i, p in enumerate([jpeg, png, cmyk, broken, missing])]
    heard = []
    with DeviceBatchLoader(
        samples,
        32,
        5,
        train=False,
        workers=2,
        device=CPU,
        on_unreadable=lambda s, m: heard.append(s),
    ) as loader:
        batches = list(loader.epoch(0))
        again = list(loader.epoch(0))
    (batch,) = batches
    readable = batch.indices
    assert 0 in readable and 1 in readable and 2 in readable and 4 not in readable
    assert batch.images.shape == (len(readable), 3, 32, 32) and batch.images.dtype == torch.uint8
    assert batch.labels.tolist() == readable
    red, blue = batch.images[readable.index(0)].float(), batch.images[readable.index(1)].float()
    assert red[0].mean() > red[2].mean() + 50 and blue[2].mean() > blue[0].mean() + 50
    assert missing in [s.path for s in heard]
    assert len(heard) == len({s.path for s in heard})  # each said once
    assert jpeg_header(cmyk.read_bytes())[0] == "CMYK"  # not one for the GPU: the CPU path's
    assert again[0].indices == readable


def test_a_share_of_a_run_of_several_keeps_its_steps(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8\xff not really")
    good = make_image(tmp_path / "good.jpg", size=(40, 40))

    samples = [Sample(bad, 0), Sample(bad, 0), Sample(good, 1), Sample(good, 1)]
    share = FixedOrder(4)
    with DeviceBatchLoader(samples, 32, 2, train=True, workers=1, device=CPU, order=share) as ld:
        assert [len(b.indices) for b in ld.epoch(1)] == [0, 2]


def test_stopping_mid_epoch_ends_the_reading_at_once(tmp_path):
    paths = [make_image(tmp_path / f"{i}.jpg", size=(40, 40), seed=i) for i in range(12)]
    loader = DeviceBatchLoader([Sample(p, 0) for p in paths], 32, 2, train=True, device=CPU)
    first = next(iter(loader.epoch(1)))
    assert len(first.indices) == 2
    loader.close()
    assert loader._thread is None


def test_which_devices_decode_their_photos():
    assert device_decoding(torch.device("cuda"), {}) is True
    assert device_decoding(CPU, {}) is False
    assert device_decoding(torch.device("cuda"), {"FLOWERCLF_DEVICE_DECODE": "off"}) is False
    assert device_decoding(CPU, {"FLOWERCLF_DEVICE_DECODE": "on"}) is True


def test_training_fed_by_the_device_path_learns(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_DEVICE_DECODE", "on")
    monkeypatch.setenv("FLOWERCLF_CACHE", str(tmp_path / "cache"))
    data = make_dataset(tmp_path / "c", {"red": 16, "green": 16, "blue": 16}, size=(48, 40))
    config = TrainingConfig(
        arch="resnet18", weights="none", image_size=32, epochs=2, seed=3, device="cpu"
    )
    result = train(data, config)
    assert result.best_val_accuracy >= 0.8
