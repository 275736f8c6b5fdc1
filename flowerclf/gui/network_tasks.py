"""Task functions behind the Network tab: the stage table and a stage's feature maps.

Each factory returns ``fn(report, stop)`` for a
:class:`~flowerclf.gui.tasks.TaskSlot`; torch and the core's measuring code
are imported inside, in the worker thread. What comes back is plain data and
``QImage`` (safe off the GUI thread); the tab makes pixmaps of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QImage

from flowerclf.core.events import StopRequest
from flowerclf.gui.tasks import Report, TaskFunction

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.architecture import ArchitectureTable
    from flowerclf.core.predict import Classifier

#: Where the weights of a feature map came from, when there is no model of the person's own.
IMAGENET, UNTRAINED = "imagenet", "untrained"


def stage_table(arch: str, image_size: int, num_classes: int) -> TaskFunction:
    """The stage table of ``arch`` (an ArchitectureTable), measured on a meta-device network."""

    def run(report: Report, stop: StopRequest) -> ArchitectureTable:
        from flowerclf.core.architecture import describe_architecture

        return describe_architecture(arch, image_size, num_classes)

    return run


@dataclass(frozen=True)
class StandIn:
    """A network to show feature maps with before the person has a model: ImageNet's
    weights when they are on this computer, else untrained ones (``weights``)."""

    arch: str
    image_size: int
    weights: str  # IMAGENET or UNTRAINED
    classifier: Any


@dataclass(frozen=True)
class FeatureGrid:
    """A stage's most active channels for one photo, ready to paint."""

    stage: str
    maps: list[QImage]
    channels: list[int]
    activations: list[float]
    picture: QImage  # what the network saw: the photo resized and centre-cropped
    channels_total: int
    output_size: tuple[int, int]
    stand_in: StandIn | None  # the network used when there was no model


def gray_image(array: np.ndarray) -> QImage:
    """A uint8 height x width array as a greyscale QImage (any thread)."""
    data = np.ascontiguousarray(array, dtype=np.uint8)
    height, width = data.shape
    return QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def rgb_image(array: np.ndarray) -> QImage:
    data = np.ascontiguousarray(array, dtype=np.uint8)
    height, width = data.shape[:2]
    return QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def _stand_in(arch: str, image_size: int) -> StandIn:
    """ImageNet's weights for ``arch`` if they are cached (never downloaded here), else random."""
    from flowerclf.core.models import imagenet_weights_file, load_imagenet_state_dict, new_network
    from flowerclf.core.predict import Classifier

    network = new_network(arch, 1000)
    weights = UNTRAINED
    if imagenet_weights_file(arch).is_file():
        try:
            network.load_state_dict(load_imagenet_state_dict(arch))
            weights = IMAGENET
        except Exception:  # noqa: BLE001 - a damaged cache: untrained, and the tab says so
            network = new_network(arch, 1000)
    classes = [str(i) for i in range(1000)]
    return StandIn(arch, image_size, weights, Classifier(network, arch, classes, image_size))


def feature_grid(
    classifier: Classifier | None,
    source: str | bytes,
    stage: str,
    count: int,
    stand_in: StandIn | tuple[str, int],
) -> TaskFunction:
    """The ``count`` most active channels of ``stage`` for the photo ``source``.

    With no ``classifier``, ``stand_in`` is a StandIn made earlier (reused) or
    the (arch, image size) to make one for.
    """

    def run(report: Report, stop: StopRequest) -> FeatureGrid:
        from flowerclf.core.architecture import feature_maps
        from flowerclf.core.data import load_image

        used = None
        model = classifier
        if model is None:
            used = stand_in if isinstance(stand_in, StandIn) else _stand_in(*stand_in)
            model = used.classifier
        picture = load_image(source, min_size=model.image_size)
        maps = feature_maps(model, picture, stage, count)
        return FeatureGrid(
            stage=maps.stage,
            maps=[gray_image(image) for image in maps.maps],
            channels=maps.channels,
            activations=maps.activations,
            picture=rgb_image(maps.picture),
            channels_total=maps.channels_total,
            output_size=maps.output_size,
            stand_in=used,
        )

    return run
