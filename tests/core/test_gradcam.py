"""Grad-CAM: the heat map points at the object that decided the class, not at decoration."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch
import torchvision
from PIL import Image

from flowerclf.core.device import cpu_has_native_bf16
from flowerclf.core.errors import FlowerclfError
from flowerclf.core.gradcam import TURBO_LUT, colormap, grad_cam, overlay, save_explanation
from flowerclf.core.predict import Classifier
from tests.imagegen import make_image

SIZE = 128  # the model's input; its last block then sees a 5 x 5 grid
OBJECT = SIZE // 4
COLORS = {"red": (220, 30, 30), "blue": (30, 60, 220), "nothing": None}
CLASSES = list(COLORS)


def draw(name: str, quadrant: int, rng: np.random.Generator, centred: bool = False) -> np.ndarray:
    """A grey noisy picture with the class's coloured square somewhere in one quadrant.

    Quadrants: 0 top left, 1 top right, 2 bottom left, 3 bottom right.
    """
    picture = 128.0 + rng.normal(0.0, 20.0, (SIZE, SIZE, 3))
    color = COLORS[name]
    if color is not None:
        half = SIZE // 2
        row, col = divmod(quadrant, 2)
        if centred:
            dy = dx = (half - OBJECT) // 2
        else:
            dy, dx = rng.integers(0, half - OBJECT + 1, size=2)
        y, x = row * half + dy, col * half + dx
        patch = np.asarray(color, dtype=np.float64) + rng.normal(0.0, 20.0, (OBJECT, OBJECT, 3))
        picture[y : y + OBJECT, x : x + OBJECT] = patch
    return np.clip(picture, 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def model() -> Classifier:
    """A resnet18 from scratch that tells a red square from a blue one from none (~10 s).

    The square moves around, so the network must find it; a plain loop on tensors
    (no random crops, which would cut the square out of the picture).
    """
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    network = torchvision.models.resnet18(num_classes=len(CLASSES))
    network = network.to(memory_format=torch.channels_last)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    optimizer = torch.optim.Adam(network.parameters(), lr=1e-3)
    fast_bf16 = cpu_has_native_bf16()  # emulated bf16 would be slower than fp32
    network.train()
    for _ in range(40):
        labels = np.arange(16) % len(CLASSES)
        pictures = np.stack([draw(CLASSES[i], int(rng.integers(4)), rng) for i in labels])
        x = torch.from_numpy(pictures).permute(0, 3, 1, 2).float().div(255).sub(mean).div(std)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=fast_bf16):
            logits = network(x.contiguous(memory_format=torch.channels_last))
        loss = torch.nn.functional.cross_entropy(logits.float(), torch.from_numpy(labels))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return Classifier(network, "resnet18", CLASSES, image_size=SIZE)


def quadrant_masses(heatmap: np.ndarray) -> list[float]:
    h, w = heatmap.shape
    total = float(heatmap.sum())
    return [
        float(heatmap[r * h // 2 : (r + 1) * h // 2, c * w // 2 : (c + 1) * w // 2].sum()) / total
        for r in (0, 1)
        for c in (0, 1)
    ]


@pytest.mark.parametrize("name", ["red", "blue"])
def test_heat_map_mass_lies_in_the_quadrant_of_the_object(model, name):
    for quadrant in range(4):
        picture = Image.fromarray(draw(name, quadrant, np.random.default_rng(100 + quadrant), True))
        result = grad_cam(model, picture)
        assert result.label == name and result.prob > 0.9
        assert result.heatmap.shape == (SIZE, SIZE) and result.heatmap.dtype == np.float32
        assert result.heatmap.min() >= 0.0 and result.heatmap.max() == pytest.approx(1.0)
        masses = quadrant_masses(result.heatmap)
        assert masses[quadrant] > 0.5, (name, quadrant, masses)  # chance would be 0.25
        peak = np.unravel_index(int(np.argmax(result.heatmap)), result.heatmap.shape)
        assert (peak[0] >= SIZE // 2) * 2 + (peak[1] >= SIZE // 2) == quadrant


def test_map_covers_the_whole_picture_at_its_own_size(model, tmp_path):
    # a wide picture: red square at the far right, outside any centre crop
    rng = np.random.default_rng(7)
    wide = np.clip(128.0 + rng.normal(0.0, 20.0, (SIZE, 3 * SIZE, 3)), 0, 255).astype(np.uint8)
    wide[48 : 48 + OBJECT, 3 * SIZE - 40 : 3 * SIZE - 8] = COLORS["red"]
    path = tmp_path / "wide.png"
    Image.fromarray(wide).save(path)

    result = grad_cam(model, path, class_index="red")
    assert result.heatmap.shape == (SIZE, 3 * SIZE)
    right_third = result.heatmap[:, 2 * SIZE :].sum() / result.heatmap.sum()
    assert right_third > 0.5
    assert result.class_index == CLASSES.index("red") and result.label == "red"

    smaller = grad_cam(model, path, class_index=0, size=(96, 32))
    assert smaller.heatmap.shape == (32, 96)

    # a camera photo stored sideways: the map follows the picture as it is shown
    rotated = make_image(tmp_path / "phone.jpg", "red", (90, 60), exif_orientation=6)
    assert grad_cam(model, rotated).heatmap.shape == (90, 60)


def test_any_class_can_be_explained_and_unknown_ones_are_refused(model):
    picture = Image.fromarray(draw("blue", 1, np.random.default_rng(3), True))
    red = grad_cam(model, picture, class_index="RED")
    assert red.label == "red" and red.prob < 0.1
    assert np.all(np.isfinite(red.heatmap))
    with pytest.raises(FlowerclfError, match="no class 'tulip'"):
        grad_cam(model, picture, class_index="tulip")
    with pytest.raises(FlowerclfError):
        grad_cam(model, picture, class_index=7)


def test_no_hooks_or_gradients_are_left_behind_and_threads_do_not_mix(model):
    picture = Image.fromarray(draw("red", 2, np.random.default_rng(5), True))
    expected = grad_cam(model, picture).heatmap
    layer4 = model.network.layer4
    assert not layer4._forward_hooks and not layer4._backward_hooks
    assert all(p.grad is None for p in model.network.parameters())
    assert torch.is_grad_enabled()

    # frozen weights (as after last-layer training) still give a map
    for p in model.network.parameters():
        p.requires_grad_(False)
    try:
        assert np.allclose(grad_cam(model, picture).heatmap, expected, atol=1e-4)
    finally:
        for p in model.network.parameters():
            p.requires_grad_(True)

    # another thread predicting through the same network must not disturb the map
    other = Image.fromarray(draw("blue", 1, np.random.default_rng(6), True))
    done = threading.Event()

    def predict_meanwhile() -> None:
        while not done.is_set():
            model.predict([other])

    thread = threading.Thread(target=predict_meanwhile)
    thread.start()
    try:
        maps = [grad_cam(model, picture).heatmap for _ in range(3)]
    finally:
        done.set()
        thread.join()
    for heatmap in maps:
        assert np.allclose(heatmap, expected, atol=1e-4)


def test_overlay_blends_the_colour_map_over_the_picture(model, tmp_path):
    assert TURBO_LUT.shape == (256, 3) and TURBO_LUT.dtype == np.uint8
    cold, warm, hot = colormap(np.array([0.1, 0.5, 0.9]))
    assert cold[2] > cold[0] and warm[1] > warm[2] and hot[0] > hot[2]  # blue, green, red

    picture = Image.fromarray(draw("red", 0, np.random.default_rng(9), True))
    heat = np.zeros((SIZE, SIZE), np.float32)
    heat[:10, :10] = 1.0
    assert np.array_equal(np.asarray(overlay(picture, heat, 0.0)), np.asarray(picture))
    full = np.asarray(overlay(picture, heat, 1.0))
    assert np.array_equal(full, colormap(heat))
    half = overlay(picture, heat[::2, ::2], 0.5)  # a smaller map is scaled to the picture
    assert half.size == picture.size and half.mode == "RGB"

    path = tmp_path / "in.png"
    picture.save(path)
    result = save_explanation(model, path, tmp_path / "heat.png", class_index="red")
    with Image.open(tmp_path / "heat.png") as written:
        assert written.size == picture.size
    assert result.label == "red"
    with pytest.raises(FlowerclfError):
        save_explanation(model, path, tmp_path / "heat.unknown-format")
