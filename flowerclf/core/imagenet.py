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
