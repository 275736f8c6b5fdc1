"""Inside the network: the ResNet paper's stage table, measured on the live model.

:func:`describe_architecture` builds the torchvision network of an
architecture (on the meta device: shapes, no storage, no weights), sends an
image of the chosen size through it, and reads every row of the table off the
modules and the shapes the forward hooks saw: nothing in the table is typed
in. The rows are the paper's: ``conv1`` (the 7x7 convolution with its batch
norm and ReLU), ``pool`` (the 3x3 max pool), ``conv2_x`` to ``conv5_x`` (the
residual stages, torchvision's ``layer1`` to ``layer4``) and ``fc`` (the global
average pool and the last layer, one output per class).

Counting rules:

- **Parameters** are the learned numbers of a row's modules (batch norm's
  scale and shift included, its running statistics not): their sum is the
  network's parameter count.
- **Multiply-adds** count convolutions and the fully connected layer only:
  one per weight per output position (``out_h * out_w * out_c * in_c / groups
  * k_h * k_w`` for a convolution, ``in * out`` for the last layer). Batch
  norm, ReLU, the pools and the residual additions are left out (together
  under 1% of the total); these are the rules behind torchvision's published
  figures, which the totals therefore match (resnet50: 4.09 G at 224 px).

:func:`feature_maps` shows what one stage computes for a photo: its most
active channels as greyscale pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from flowerclf.core.config import MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, architecture_spec
from flowerclf.core.errors import InvalidSettingError

if TYPE_CHECKING:  # pragma: no cover
    from torch import nn

#: The paper's names of torchvision's residual stages.
RESIDUAL_STAGES = {
    "layer1": "conv2_x",
    "layer2": "conv3_x",
    "layer3": "conv4_x",
    "layer4": "conv5_x",
}
#: Every row a feature map can be shown for (``fc`` has no map).
MAP_STAGES = ("conv1", "pool", *RESIDUAL_STAGES.values())

BASIC, BOTTLENECK, GROUPED, WIDE = "basic", "bottleneck", "grouped bottleneck", "wide bottleneck"


@dataclass(frozen=True)
class ConvLayer:
    """One convolution of a block: ``kernel`` x ``kernel``, ``channels`` out, in ``groups``."""

    kernel: int
    channels: int
    groups: int = 1
    stride: int = 1

    def notation(self) -> str:
        """The paper's "3×3, 64" (with ", C=32" for a grouped convolution)."""
        text = f"{self.kernel}×{self.kernel}, {self.channels}"
        return text + (f", C={self.groups}" if self.groups > 1 else "")


@dataclass(frozen=True)
class Stage:
    """One row of the stage table.

    ``block`` is "conv", "max pool", "basic", "bottleneck", "grouped bottleneck"
    (ResNeXt), "wide bottleneck" (Wide ResNet) or "fc". ``layers`` are the
    convolutions of one block (for a residual stage: of its last block, whose
    input has the stage's own width); ``channels_in`` is what the stage receives.
    ``width`` is the channels of a block's 3×3 convolution, ``cardinality`` its
    groups and ``group_width`` the channels per group; ``expansion`` is the
    block's output over its bottleneck width (4 in ResNet-50, 2 in Wide ResNet
    and ResNeXt, whose 3×3 is twice as wide) and ``widening`` the 3×3's width over a
    plain bottleneck's (2 in Wide ResNet and ResNeXt). A residual stage's first block
    has a 1×1 projection shortcut with ``stride`` when channels or size change
    (``projection``).
    """

    stage: str
    output_size: tuple[int, int]
    blocks: int
    block: str
    channels_in: int
    channels_out: int
    params: int
    macs: int
    layers: tuple[ConvLayer, ...] = ()
    stride: int = 1
    kernel: int | None = None
    width: int | None = None
    cardinality: int | None = None
    group_width: int | None = None
    expansion: float | None = None
    widening: float | None = None
    projection: bool = False

    @property
    def is_residual(self) -> bool:
        return self.block in (BASIC, BOTTLENECK, GROUPED, WIDE)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["output_size"] = list(self.output_size)
        data["layers"] = [asdict(layer) for layer in self.layers]
        return {key: value for key, value in data.items() if value is not None}


@dataclass(frozen=True)
class ArchitectureTable:
    """The stage table of ``arch`` for ``image_size`` px inputs and ``num_classes`` outputs."""

    arch: str
    image_size: int
    num_classes: int
    stages: tuple[Stage, ...]
    total_params: int = field(default=0)
    total_macs: int = field(default=0)

    def stage(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.stage == name:
                return stage
        raise KeyError(name)

    def residual_stages(self) -> list[Stage]:
        return [stage for stage in self.stages if stage.is_residual]

    def as_json(self) -> dict[str, Any]:
        """``{"arch", "image_size", "num_classes", "stages": [...], "total": {...}}``."""
        return {
            "arch": self.arch,
            "image_size": self.image_size,
            "num_classes": self.num_classes,
            "stages": [stage.as_json() for stage in self.stages],
            "total": {"params": self.total_params, "macs": self.total_macs},
        }

    def format_table(self) -> str:
        """The table as text, one row per stage, with the block in the paper's notation."""
        head = ("stage", "output", "block", "channels", "params", "multiply-adds")
        rows = [head]
        for stage in self.stages:
            rows.append(
                (
                    stage.stage,
                    f"{stage.output_size[0]}×{stage.output_size[1]}",
                    block_notation(stage),
                    str(stage.channels_out),
                    f"{stage.params:,}",
                    format_macs(stage.macs),
                )
            )
        rows.append(("total", "", "", "", f"{self.total_params:,}", format_macs(self.total_macs)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        right = {3, 4, 5}
        lines = []
        for row in rows:
            cells = [
                cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                for i, cell in enumerate(row)
            ]
            lines.append("  ".join(cells).rstrip())
        return "\n".join(lines)


def format_macs(macs: int) -> str:
    """4089184256 -> "4.09 G"; small counts in M or as they are."""
    if macs >= 1e9:
        return f"{macs / 1e9:.2f} G"
    if macs >= 1e6:
        return f"{macs / 1e6:.1f} M"
    return f"{macs:,}"


def block_notation(stage: Stage) -> str:
    """What a row does, as in the paper: "7×7, 64, stride 2", "[3×3, 64; 3×3, 64] ×2"."""
    if stage.block == "conv" and stage.layers:
        return f"{stage.layers[0].notation()}, stride {stage.stride}"
    if stage.block == "max pool":
        return f"{stage.kernel}×{stage.kernel} max pool, stride {stage.stride}"
    if stage.block == "fc":
        return f"average pool, {stage.channels_out}-d fc"
    inner = "; ".join(layer.notation() for layer in stage.layers)
    return f"[{inner}] ×{stage.blocks}"


# --------------------------------------------------------------------------- measuring


def _check_size(image_size: Any) -> int:
    if (
        isinstance(image_size, bool)
        or not isinstance(image_size, int)
        or not MIN_IMAGE_SIZE <= image_size <= MAX_IMAGE_SIZE
    ):
        raise InvalidSettingError(
            f"The image size must be between {MIN_IMAGE_SIZE} and {MAX_IMAGE_SIZE} pixels "
            "(try 224).",
            setting="image_size",
            value=image_size,
            minimum=MIN_IMAGE_SIZE,
            maximum=MAX_IMAGE_SIZE,
        )
    return image_size


def _check_classes(num_classes: Any) -> int:
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
        raise InvalidSettingError(
            "The number of classes must be a whole number, at least 1.",
            setting="classes",
            value=num_classes,
            minimum=1,
        )
    return num_classes


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _pair(value: Any) -> int:
    return int(value[0] if isinstance(value, tuple) else value)


def _conv_layers(block: nn.Module) -> tuple[ConvLayer, ...]:
    from torch import nn

    convs = [m for name, m in block.named_children() if isinstance(m, nn.Conv2d)]
    return tuple(
        ConvLayer(_pair(c.kernel_size), c.out_channels, c.groups, _pair(c.stride)) for c in convs
    )


def _residual_stage(name: str, layer: nn.Module, shape: tuple[int, ...], counts: dict) -> Stage:
    blocks = list(layer.children())
    first, last = blocks[0], blocks[-1]
    layers = _conv_layers(last)
    middle = layers[1]  # the 3×3 of a bottleneck; a basic block's second 3×3
    channels_out = layers[-1].channels
    # torchvision's blocks say how much wider their output is than a plain bottleneck's 3×3.
    planes = channels_out // getattr(type(last), "expansion", 1)
    width = middle.channels
    if len(layers) == 2:
        kind = BASIC
    elif middle.groups > 1:
        kind = GROUPED
    elif width > planes:
        kind = WIDE
    else:
        kind = BOTTLENECK
    first_conv = next(m for m in first.modules() if hasattr(m, "in_channels"))
    downsample = getattr(first, "downsample", None)
    stride = 1
    if downsample is not None:
        stride = _pair(next(iter(downsample.children())).stride)
    return Stage(
        stage=RESIDUAL_STAGES[name],
        output_size=(shape[2], shape[3]),
        blocks=len(blocks),
        block=kind,
        channels_in=first_conv.in_channels,
        channels_out=channels_out,
        params=_params(layer),
        macs=counts.get(name, 0),
        layers=layers,
        stride=stride,
        width=width,
        cardinality=middle.groups,
        group_width=width // middle.groups,
        expansion=None if kind == BASIC else round(channels_out / width, 4),
        widening=None if kind == BASIC else round(width / planes, 4),
        projection=downsample is not None,
    )


def network_table(network: nn.Module, arch: str, image_size: int) -> ArchitectureTable:
    """The stage table of a torchvision ResNet ``network`` (any device, meta included)."""
    import torch
    from torch import nn

    image_size = _check_size(image_size)
    top = dict(network.named_children())
    shapes: dict[str, tuple[int, ...]] = {}
    macs: dict[str, int] = {}
    handles = []

    def count(owner: str):
        def hook(module: nn.Module, inputs: Any, output: torch.Tensor) -> None:
            if isinstance(module, nn.Conv2d):
                out_c, out_h, out_w = output.shape[1:4]
                k_h, k_w = module.kernel_size
                per = (module.in_channels // module.groups) * k_h * k_w
                macs[owner] = macs.get(owner, 0) + out_c * out_h * out_w * per
            elif isinstance(module, nn.Linear):
                macs[owner] = macs.get(owner, 0) + module.in_features * module.out_features

        return hook

    def keep_shape(owner: str):
        def hook(module: nn.Module, inputs: Any, output: torch.Tensor) -> None:
            shapes[owner] = tuple(output.shape)

        return hook

    for owner, child in top.items():
        handles.append(child.register_forward_hook(keep_shape(owner)))
        for module in child.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                handles.append(module.register_forward_hook(count(owner)))
    device = next(network.parameters()).device
    was_training = network.training
    network.eval()  # batch norm must not learn from the probe (nor fail on a 1 x 1 map)
    try:
        with torch.no_grad():
            network(torch.zeros(1, 3, image_size, image_size, device=device))
    finally:
        for handle in handles:
            handle.remove()
        network.train(was_training)

    stages: list[Stage] = []
    conv1 = top["conv1"]
    shape = shapes["relu"]
    stages.append(
        Stage(
            stage="conv1",
            output_size=(shape[2], shape[3]),
            blocks=1,
            block="conv",
            channels_in=conv1.in_channels,
            channels_out=conv1.out_channels,
            params=_params(conv1) + _params(top["bn1"]),
            macs=macs.get("conv1", 0),
            layers=_conv_layers(network)[:1],
            stride=_pair(conv1.stride),
            kernel=_pair(conv1.kernel_size),
        )
    )
    pool = top["maxpool"]
    shape = shapes["maxpool"]
    stages.append(
        Stage(
            stage="pool",
            output_size=(shape[2], shape[3]),
            blocks=1,
            block="max pool",
            channels_in=shape[1],
            channels_out=shape[1],
            params=0,
            macs=0,
            stride=_pair(pool.stride),
            kernel=_pair(pool.kernel_size),
        )
    )
    for name in RESIDUAL_STAGES:
        stages.append(_residual_stage(name, top[name], shapes[name], macs))
    fc = top["fc"]
    stages.append(
        Stage(
            stage="fc",
            output_size=(1, 1),
            blocks=1,
            block="fc",
            channels_in=fc.in_features,
            channels_out=fc.out_features,
            params=_params(fc),
            macs=macs.get("fc", 0),
        )
    )
    return ArchitectureTable(
        arch=arch,
        image_size=image_size,
        num_classes=fc.out_features,
        stages=tuple(stages),
        total_params=sum(stage.params for stage in stages),
        total_macs=sum(stage.macs for stage in stages),
    )


def describe_architecture(
    arch: str, image_size: int = 224, num_classes: int = 1000
) -> ArchitectureTable:
    """The stage table of ``arch`` at ``image_size`` px with ``num_classes`` outputs.

    The network is built on the meta device (no weights, no memory) and measured
    with forward hooks. Raises :class:`UnknownArchitectureError` for an
    architecture flowerclf does not know and :class:`InvalidSettingError` for an
    image size or class count that cannot work.
    """
    from flowerclf.core.models import new_network

    spec = architecture_spec(arch)
    _check_size(image_size)
    network = new_network(spec.name, _check_classes(num_classes), device="meta")
    return network_table(network, spec.name, image_size)


# --------------------------------------------------------------------------- feature maps


@dataclass(frozen=True)
class FeatureMaps:
    """The most active channels of one stage for one photo.

    ``maps`` are uint8 arrays (height x width, each channel stretched to 0..255
    on its own), most active first; ``channels`` their channel numbers and
    ``activations`` their mean activations. ``picture`` is what the network
    saw: the photo resized and centre-cropped, as uint8 RGB.
    """

    stage: str
    channels: list[int]
    activations: list[float]
    maps: list[Any]
    picture: Any
    channels_total: int
    output_size: tuple[int, int]


def _stage_outputs(network: nn.Module, batch: Any) -> Iterator[tuple[str, Any]]:
    """Each map stage's output in turn, computed by calling the network's stages in order.

    No hooks: the same network may predict in another thread meanwhile.
    """
    x = network.relu(network.bn1(network.conv1(batch)))
    yield "conv1", x
    x = network.maxpool(x)
    yield "pool", x
    for name, paper in RESIDUAL_STAGES.items():
        x = getattr(network, name)(x)
        yield paper, x


def feature_maps(classifier: Any, image: Any, stage: str, count: int = 16) -> FeatureMaps:
    """What ``stage`` of the classifier's network computes for ``image`` (path or PIL image).

    The photo is prepared as for a prediction (shorter side resized, centre
    crop); the ``count`` channels with the highest mean activation are returned,
    each scaled to 0..255 between its own minimum and maximum.
    """
    import numpy as np
    import torch

    from flowerclf.core.loading import eval_crop

    if stage not in MAP_STAGES:
        raise ValueError(f"no feature maps for stage {stage!r}; choose one of {MAP_STAGES}")
    picture = classifier.load(image) if not hasattr(image, "convert") else image
    crop = eval_crop(picture.convert("RGB"), classifier.image_size)
    batch = classifier.preprocess(picture).unsqueeze(0)
    network = classifier.network
    batch = batch.to(next(network.parameters()).device)
    with torch.inference_mode(), torch.autocast(batch.device.type, enabled=False):
        for name, output in _stage_outputs(network, batch):
            if name == stage:
                maps = output[0].float().cpu()
                break
    means = maps.mean(dim=(1, 2))
    order = torch.argsort(means, descending=True, stable=True)[: max(1, count)]
    chosen = maps[order]
    low = chosen.amin(dim=(1, 2), keepdim=True)
    high = chosen.amax(dim=(1, 2), keepdim=True)
    scaled = (chosen - low) / (high - low).clamp_min(1e-12)
    images = (scaled * 255.0 + 0.5).clamp(0, 255).to(torch.uint8).numpy()
    return FeatureMaps(
        stage=stage,
        channels=[int(i) for i in order],
        activations=[float(means[i]) for i in order],
        maps=[np.ascontiguousarray(image) for image in images],
        picture=np.asarray(crop, dtype=np.uint8),
        channels_total=int(maps.shape[0]),
        output_size=(int(maps.shape[1]), int(maps.shape[2])),
    )
