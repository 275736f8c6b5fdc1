"""ImageNet out of the box: torchvision's ResNets with their 1,000 everyday categories.

``imagenet:resnet50`` (any architecture of the list after the colon) names
such a model wherever a model file is accepted: ``flowerclf predict
imagenet:resnet50 PHOTOS``, or the app's Predict tab before any model of the
person's own. The weights come from torch's hub cache, downloaded once (with
progress and torchvision's hash check) if absent; offline, the error says
where to copy the file. The category names are the weights' own metadata,
and the preprocessing is the weights' recipe (resize 256, centre crop 224,
ImageNet normalisation), which is flowerclf's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from flowerclf.core.events import ProgressCallback, ignore_event

PREFIX = "imagenet:"
DEFAULT_ARCH = "resnet50"


def is_imagenet_name(name: object) -> bool:
    return isinstance(name, str) and name.lower().startswith(PREFIX)


def imagenet_arch(name: str) -> str:
    """``imagenet:resnet34`` -> ``resnet34``; ``imagenet:`` alone -> the default."""
    return name[len(PREFIX) :].strip() or DEFAULT_ARCH


def imagenet_classifier(arch: str = DEFAULT_ARCH, progress: ProgressCallback = ignore_event):
    """A Classifier of torchvision's ImageNet weights for ``arch`` (1,000 categories)."""
    from flowerclf.core.models import imagenet_weights, load_imagenet_state_dict, new_network
    from flowerclf.core.predict import Classifier

    weights = imagenet_weights(arch)
    state = load_imagenet_state_dict(arch, progress)
    categories = list(weights.meta["categories"])
    network = new_network(arch, len(categories))
    network.load_state_dict(state)
    recipe = weights.transforms()
    classifier = Classifier(
        network,
        arch,
        categories,
        image_size=int(recipe.crop_size[0]),
        mean=list(recipe.mean),
        std=list(recipe.std),
        metadata={"source": f"torchvision's ImageNet weights ({weights})"},
    )
    return classifier


def install_weights_file(arch: str, path: str | Path) -> Path:
    """Copy a downloaded ImageNet weights file for ``arch`` into torch's cache; the cache path.

    For a computer without internet: the file (downloaded elsewhere) must be
    torchvision's own, which its checksum proves (the cache file's name carries
    the start of its SHA-256), else :class:`DownloadError` (``checksum_mismatch``).
    """
    from flowerclf.core.download import file_sha256
    from flowerclf.core.errors import CHECKSUM_MISMATCH, DownloadError, ModelFileError
    from flowerclf.core.files import atomic_write
    from flowerclf.core.models import imagenet_weights_file

    path = Path(path)
    target = imagenet_weights_file(arch)
    if not path.is_file():
        raise ModelFileError(
            f"The weights file '{path}' does not exist.", "model_file_missing", path=path
        )
    expected = re.search(r"-([a-f0-9]{6,})\.", target.name)
    actual = file_sha256(path)
    if expected and not actual.startswith(expected.group(1)):
        raise DownloadError(
            f"'{path.name}' is not torchvision's ImageNet weights file for {arch} "
            f"({target.name}): its checksum differs.",
            CHECKSUM_MISMATCH,
            path=path,
            expected=expected.group(1),
            actual=actual,
        )
    with open(path, "rb") as source:
        atomic_write(
            target,
            lambda out: shutil.copyfileobj(source, out, 1 << 20),
            make_parents=True,
            what="the weights file",
        )
    return target
