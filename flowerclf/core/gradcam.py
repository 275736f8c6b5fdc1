"""Why the model chose a class: Grad-CAM heat maps over the picture.

Grad-CAM weighs the feature maps of the network's last convolutional block
(``network.layer4`` of a ResNet) by how much each one raises the class score,
and keeps the positive part: bright where the picture holds evidence for the
class. The map is computed on the *whole* picture, resized so that its shorter
side is the one the model sees, without the centre crop (a ResNet's adaptive
pooling takes any input size), and then scaled to the picture's own size, so
it lies exactly over what the user sees.

Safe to call from a worker thread while the same model predicts elsewhere:
gradients are enabled only inside the call, the hook only listens to the
calling thread, and it is removed before returning.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from flowerclf.core.data import load_image, resize_size
from flowerclf.core.errors import (
    NOT_EXPLAINABLE,
    UNKNOWN_CLASS,
    FlowerclfError,
    WriteError,
)
from flowerclf.core.files import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier

#: The longer side of the Grad-CAM input is at most this many times the shorter one
#: (a panorama would otherwise make a needlessly large input).
MAX_ASPECT = 4.0


@dataclass(frozen=True)
class GradCamResult:
    """A heat map (float32, height x width of the picture, 0..1) for one class.

    ``prob`` is the model's probability for that class on the picture, as
    :meth:`Classifier.predict` reports it.
    """

    heatmap: np.ndarray
    class_index: int
    label: str
    prob: float


def _turbo_lut() -> np.ndarray:
    """256 x 3 uint8: a perceptual rainbow from dark blue through green to dark red.

    A polynomial fit of the "Turbo" colour map (public domain approximation).
    """
    x = np.linspace(0.0, 1.0, 256)
    r = 0.13572138 + x * (
        4.61539260 + x * (-42.66032258 + x * (132.13108234 + x * (-152.94239396 + x * 59.28637943)))
    )
    g = 0.09140261 + x * (
        2.19418839 + x * (4.84296658 + x * (-14.18503333 + x * (4.27729857 + x * 2.82956604)))
    )
    b = 0.10667330 + x * (
        12.64194608 + x * (-60.58204836 + x * (110.36276771 + x * (-89.90310912 + x * 27.34824973)))
    )
    return (np.clip(np.stack([r, g, b], axis=1), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


TURBO_LUT: np.ndarray = _turbo_lut()


def colormap(values: np.ndarray) -> np.ndarray:
    """Colour values in 0..1 (any shape) with the Turbo map: uint8 array of shape ``(..., 3)``."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0.0)
    index = np.clip(np.rint(v * 255.0), 0, 255).astype(np.uint8)
    return TURBO_LUT[index]


def _class_index(classifier: Classifier, wanted: int | str) -> int:
    classes = list(classifier.classes)
    if isinstance(wanted, str):
        if wanted in classes:
            return classes.index(wanted)
        folded = [name.casefold() for name in classes]
        if wanted.casefold() in folded:
            return folded.index(wanted.casefold())
        raise FlowerclfError(
            f"The model has no class {wanted!r}. Its classes are: {', '.join(classes)}.",
            UNKNOWN_CLASS,
            label=wanted,
            classes=classes,
        )
    index = int(wanted)
    if not 0 <= index < len(classes):
        raise FlowerclfError(
            f"Class number {index} does not exist (the model has {len(classes)}).",
            UNKNOWN_CLASS,
            index=index,
            classes=classes,
        )
    return index


def _cam_input(classifier: Classifier, image: Image.Image) -> torch.Tensor:
    """The whole picture, shorter side at the model's resize size, normalised: 1 x 3 x h x w."""
    short = resize_size(classifier.image_size)
    width, height = image.size
    scale = short / min(width, height)
    new_w = max(1, round(min(width * scale, short * MAX_ASPECT)))
    new_h = max(1, round(min(height * scale, short * MAX_ASPECT)))
    resized = image.resize((new_w, new_h), Image.Resampling.BILINEAR, reducing_gap=3.0)
    array = np.asarray(resized, dtype=np.float32) / 255.0
    mean = np.asarray(classifier.mean, dtype=np.float32)
    std = np.asarray(classifier.std, dtype=np.float32)
    array = (array - mean) / std
    return torch.from_numpy(np.ascontiguousarray(array.transpose(2, 0, 1))).unsqueeze(0)


def _target_layer(network: torch.nn.Module) -> torch.nn.Module:
    layer = getattr(network, "layer4", None)
    if not isinstance(layer, torch.nn.Module):
        raise FlowerclfError(
            "Heat maps need a ResNet-style network (with a 'layer4' block).",
            NOT_EXPLAINABLE,
            arch=type(network).__name__,
        )
    return layer


def _cam(network: torch.nn.Module, batch: torch.Tensor, class_index: int) -> torch.Tensor:
    """Grad-CAM at the target layer's resolution (h' x w', not normalised, >= 0)."""
    layer = _target_layer(network)
    caller = threading.get_ident()
    captured: dict[str, torch.Tensor] = {}

    def keep_activation(module: torch.nn.Module, inputs: object, output: torch.Tensor) -> None:
        if threading.get_ident() == caller:  # another thread may be predicting meanwhile
            captured["activation"] = output

    handle = layer.register_forward_hook(keep_activation)
    was_training = network.training
    try:
        network.eval()
        device_type = batch.device.type
        with (
            torch.inference_mode(False),
            torch.enable_grad(),
            torch.autocast(device_type, enabled=False),
        ):
            # The input asks for gradients so that a frozen backbone still passes them on.
            batch = batch.clone().requires_grad_(True)
            logits = network(batch)
            if "activation" not in captured:
                raise FlowerclfError(
                    "The network's last convolutional block was not reached.",
                    NOT_EXPLAINABLE,
                    arch=type(network).__name__,
                )
            activation = captured["activation"]
            (gradient,) = torch.autograd.grad(logits[0, class_index], activation)
    finally:
        handle.remove()
        if was_training:
            network.train()
    with torch.no_grad():
        weights = gradient.float().mean(dim=(2, 3), keepdim=True)
        return F.relu((weights * activation.detach().float()).sum(dim=1))[0]


def grad_cam(
    classifier: Classifier,
    image: Image.Image | str | Path,
    class_index: int | str | None = None,
    size: tuple[int, int] | None = None,
) -> GradCamResult:
    """Where in ``image`` the network found evidence for a class.

    ``class_index`` is a class number or name; by default the predicted class.
    The heat map covers the whole picture (EXIF orientation applied) at its own
    size, or at ``size`` (width, height) when given, scaled so its maximum is 1
    (all zeros when nothing speaks for the class).

    Raises :class:`~flowerclf.core.errors.ImageLoadError` for an unreadable
    file and :class:`FlowerclfError` for an unknown class.
    """
    picture = load_image(image)
    width, height = size if size is not None else picture.size
    network = classifier.network
    device = next(network.parameters()).device

    probs = classifier.predict_tensor(classifier.preprocess(picture).unsqueeze(0))[0]
    index = (
        int(torch.argmax(probs)) if class_index is None else _class_index(classifier, class_index)
    )

    cam = _cam(network, _cam_input(classifier, picture).to(device), index)
    heat = F.interpolate(
        cam[None, None], size=(height, width), mode="bilinear", align_corners=False
    )[0, 0]
    peak = float(heat.max())
    heat = heat / peak if peak > 0 else torch.zeros_like(heat)
    return GradCamResult(
        heatmap=heat.clamp_(0.0, 1.0).cpu().numpy().astype(np.float32, copy=False),
        class_index=index,
        label=classifier.classes[index],
        prob=float(probs[index]),
    )


def overlay(
    image: Image.Image | str | Path, heatmap: np.ndarray, opacity: float = 0.5
) -> Image.Image:
    """The picture with the heat map laid over it in colour (``opacity`` 0..1).

    The heat map is rescaled to the picture's size if the two differ.
    """
    picture = load_image(image)
    heat = np.asarray(heatmap, dtype=np.float32)
    if heat.shape != (picture.height, picture.width):
        heat = np.asarray(
            Image.fromarray(heat, mode="F").resize(picture.size, Image.Resampling.BILINEAR),
            dtype=np.float32,
        )
    alpha = float(np.clip(opacity, 0.0, 1.0))
    base = np.asarray(picture, dtype=np.float32)
    mixed = base * (1.0 - alpha) + colormap(heat).astype(np.float32) * alpha
    return Image.fromarray(np.clip(mixed + 0.5, 0, 255).astype(np.uint8), mode="RGB")


def save_explanation(
    classifier: Classifier,
    image: str | Path,
    out_path: str | Path,
    class_index: int | str | None = None,
    opacity: float = 0.5,
) -> GradCamResult:
    """Compute the heat map of ``image`` and write the overlay to ``out_path`` (PNG, JPEG...)."""
    out = Path(out_path)
    image_format = Image.registered_extensions().get(out.suffix.lower())
    if image_format is None or image_format not in Image.SAVE:
        raise WriteError(
            out, "the name must end in an image type such as .png or .jpg", "the heat map"
        )
    result = grad_cam(classifier, image, class_index)
    picture = overlay(image, result.heatmap, opacity)
    try:
        atomic_write(out, lambda file: picture.save(file, format=image_format), what="the heat map")
    except (ValueError, KeyError) as error:  # an image type that cannot hold this picture
        raise WriteError(
            out, f"a {out.suffix} file cannot hold this picture", "the heat map"
        ) from error
    return result
