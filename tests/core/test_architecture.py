"""The stage table, measured on the live network, and the feature maps of a stage."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from flowerclf.core.architecture import (
    MAP_STAGES,
    block_notation,
    describe_architecture,
    feature_maps,
)
from flowerclf.core.config import ARCHITECTURES
from flowerclf.core.errors import InvalidSettingError, UnknownArchitectureError
from flowerclf.core.models import new_network
from flowerclf.core.predict import Classifier

STAGE_NAMES = ["conv1", "pool", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "fc"]

# torchvision's published figures (weights.meta: num_params, _ops in GFLOPS).
PUBLISHED = {
    "resnet18": (11_689_512, 1.81),
    "resnet34": (21_797_672, 3.66),
    "resnet50": (25_557_032, 4.09),
    "resnet101": (44_549_160, 7.80),
    "resnet152": (60_192_808, 11.51),
    "resnext50_32x4d": (25_028_904, 4.23),
    "resnext101_32x8d": (88_791_336, 16.41),
    "wide_resnet50_2": (68_883_240, 11.40),
}

BLOCKS = {
    "resnet18": [2, 2, 2, 2],
    "resnet34": [3, 4, 6, 3],
    "resnet50": [3, 4, 6, 3],
    "resnet101": [3, 4, 23, 3],
    "resnet152": [3, 8, 36, 3],
    "resnext50_32x4d": [3, 4, 6, 3],
    "resnext101_32x8d": [3, 4, 23, 3],
    "wide_resnet50_2": [3, 4, 6, 3],
}


def test_every_architecture_of_the_table_is_covered():
    assert set(PUBLISHED) == set(BLOCKS) == set(ARCHITECTURES)


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_totals_match_torchvisions_published_figures(arch):
    params, gmacs = PUBLISHED[arch]
    table = describe_architecture(arch, 224, 1000)
    assert table.total_params == params
    assert round(table.total_macs / 1e9, 2) == pytest.approx(gmacs, abs=0.005)
    assert table.total_params == sum(stage.params for stage in table.stages)
    assert table.total_macs == sum(stage.macs for stage in table.stages)


@pytest.mark.parametrize("arch", list(ARCHITECTURES))
def test_stage_table_at_224_pixels(arch):
    table = describe_architecture(arch, 224, 1000)
    assert [stage.stage for stage in table.stages] == STAGE_NAMES
    assert [stage.blocks for stage in table.residual_stages()] == BLOCKS[arch]
    sizes = [stage.output_size for stage in table.stages[:-1]]
    assert sizes == [(112, 112), (56, 56), (56, 56), (28, 28), (14, 14), (7, 7)]
    conv1, pool = table.stage("conv1"), table.stage("pool")
    assert (conv1.kernel, conv1.stride, conv1.channels_out) == (7, 2, 64)
    assert (pool.kernel, pool.stride, pool.params, pool.macs) == (3, 2, 0, 0)
    fc = table.stage("fc")
    assert (fc.channels_out, fc.channels_in) == (1000, table.stage("conv5_x").channels_out)


def test_the_sizes_follow_the_image_size():
    table = describe_architecture("resnet34", 160, 5)
    sizes = [stage.output_size[0] for stage in table.stages[:-1]]
    assert sizes == [80, 40, 40, 20, 10, 5]
    odd = describe_architecture("resnet18", 100, 5)
    assert [stage.output_size[0] for stage in odd.stages[:-1]] == [50, 25, 25, 13, 7, 4]
    # Fewer pixels, fewer multiply-adds; the same parameters.
    assert table.total_macs < describe_architecture("resnet34", 224, 5).total_macs
    assert table.total_params == describe_architecture("resnet34", 320, 5).total_params


def test_the_last_layer_has_one_output_per_class():
    five = describe_architecture("resnet50", 224, 5)
    thousand = describe_architecture("resnet50", 224, 1000)
    assert five.stage("fc").channels_out == 5
    assert five.stage("fc").params == 2048 * 5 + 5
    assert thousand.total_params - five.total_params == 2048 * 995 + 995
    assert five.stage("fc").macs == 2048 * 5


def test_blocks_come_from_the_modules():
    basic = describe_architecture("resnet18").stage("conv2_x")
    assert basic.block == "basic"
    assert [(c.kernel, c.channels) for c in basic.layers] == [(3, 64), (3, 64)]
    assert block_notation(basic) == "[3×3, 64; 3×3, 64] ×2"

    bottleneck = describe_architecture("resnet50").stage("conv2_x")
    assert bottleneck.block == "bottleneck"
    assert [(c.kernel, c.channels) for c in bottleneck.layers] == [(1, 64), (3, 64), (1, 256)]
    assert bottleneck.expansion == 4
    assert bottleneck.projection and bottleneck.channels_in == 64

    resnext = describe_architecture("resnext50_32x4d").stage("conv2_x")
    assert resnext.block == "grouped bottleneck"
    assert (resnext.cardinality, resnext.group_width, resnext.width) == (32, 4, 128)
    assert describe_architecture("resnext101_32x8d").stage("conv2_x").group_width == 8

    wide = describe_architecture("wide_resnet50_2").stage("conv3_x")
    assert wide.block == "wide bottleneck"
    assert wide.width == 2 * describe_architecture("resnet50").stage("conv3_x").width
    assert wide.cardinality == 1 and wide.channels_out == 512
    assert (wide.widening, resnext.widening, bottleneck.widening) == (2, 2, 1)


def test_json_has_the_documented_shape():
    data = describe_architecture("resnet18", 224, 10).as_json()
    assert data["arch"] == "resnet18" and data["image_size"] == 224
    assert set(data["total"]) == {"params", "macs"}
    for row in data["stages"]:
        assert {"stage", "output_size", "blocks", "block", "channels_out", "params", "macs"} <= set(
            row
        )
        assert isinstance(row["output_size"], list) and len(row["output_size"]) == 2


def test_mistakes_are_refused_plainly():
    with pytest.raises(UnknownArchitectureError):
        describe_architecture("resnet19")
    with pytest.raises(InvalidSettingError) as caught:
        describe_architecture("resnet18", 8)
    assert caught.value.details["setting"] == "image_size"
    with pytest.raises(InvalidSettingError):
        describe_architecture("resnet18", 224, 0)


def test_the_table_reads_a_real_network_too():
    network = new_network("resnet18", 3)
    table = describe_architecture("resnet18", 64, 3)
    from flowerclf.core.architecture import network_table

    assert network_table(network, "resnet18", 64) == table


# -- feature maps ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny() -> Classifier:
    torch.manual_seed(0)
    return Classifier(new_network("resnet18", 2), "resnet18", ["a", "b"], image_size=64)


def _photo() -> Image.Image:
    # Left half bright, right half dark: the first layers' maps must see that edge.
    pixels = np.zeros((80, 100, 3), dtype=np.uint8)
    pixels[:, :50] = 230
    return Image.fromarray(pixels)


@pytest.mark.parametrize("stage", MAP_STAGES)
def test_feature_maps_are_the_most_active_channels(tiny, stage):
    maps = feature_maps(tiny, _photo(), stage, count=16)
    table = describe_architecture("resnet18", 64, 2).stage(stage)
    assert maps.output_size == table.output_size
    assert maps.channels_total == table.channels_out
    assert len(maps.maps) == len(maps.channels) == 16
    assert len(set(maps.channels)) == 16
    assert maps.activations == sorted(maps.activations, reverse=True)
    for image in maps.maps:
        assert image.dtype == np.uint8 and image.shape == table.output_size
    assert maps.picture.shape == (64, 64, 3)


def test_feature_maps_rank_by_mean_activation(tiny):
    photo = _photo()
    maps = feature_maps(tiny, photo, "conv1", count=64)
    batch = tiny.preprocess(photo).unsqueeze(0)
    with torch.no_grad():
        out = tiny.network.relu(tiny.network.bn1(tiny.network.conv1(batch)))[0]
    means = out.mean(dim=(1, 2))
    assert maps.channels[0] == int(torch.argmax(means))
    assert maps.activations[0] == pytest.approx(float(means.max()), rel=1e-5)
    assert len(maps.maps) == 64
    few = feature_maps(tiny, photo, "conv5_x", count=4)
    assert len(few.maps) == 4


def test_feature_maps_refuse_an_unknown_stage(tiny):
    with pytest.raises(ValueError):
        feature_maps(tiny, _photo(), "fc")
