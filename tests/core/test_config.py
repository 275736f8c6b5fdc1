"""The one source of settings: torch-free, the classic recipe's defaults, checked values."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import fields

import pytest

from flowerclf.core import config
from flowerclf.core.config import ARCHITECTURES, TrainingConfig
from flowerclf.core.errors import InvalidSettingError, UnknownArchitectureError

HEAVY = {"torch", "torchvision", "numpy", "PIL", "PySide6", "shiboken6", "pyqtgraph"}


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_the_config_module_imports_nothing_heavy():
    loaded = _loaded_after("import flowerclf.core.config")
    assert not loaded & HEAVY


def test_the_package_gives_the_settings_without_torch():
    loaded = _loaded_after(
        "import flowerclf\n"
        "from flowerclf import TrainingConfig\n"
        "TrainingConfig().validate()\n"
        "assert flowerclf.ARCHITECTURES[flowerclf.DEFAULT_ARCHITECTURE].gflops > 0\n"
    )
    assert "torch" not in loaded and "numpy" not in loaded


def test_one_object_wherever_it_is_imported_from():
    import flowerclf
    from flowerclf.core import device, models, training

    assert flowerclf.TrainingConfig is training.TrainingConfig is TrainingConfig
    assert flowerclf.ARCHITECTURES is models.ARCHITECTURES is ARCHITECTURES
    assert flowerclf.DEFAULT_ARCHITECTURE == models.DEFAULT_ARCHITECTURE == "resnet34"
    assert device.DEVICE_CHOICES is config.DEVICE_CHOICES
    assert device.PRECISION_CHOICES is config.PRECISION_CHOICES


def test_the_defaults_are_the_classic_recipe():
    assert TrainingConfig() == TrainingConfig(
        arch="resnet34",
        weights="imagenet",
        freeze_backbone=False,
        epochs=3,
        batch_size=16,
        lr=1e-4,
        val_split=0.1,
        image_size=224,
        device="auto",
        seed=None,
        workers=None,
        precision="auto",
    )
    TrainingConfig().validate()
    assert config.DEVICE_CHOICES == ("auto", "cpu", "cuda", "mps")
    assert config.PRECISION_CHOICES == ("auto", "fp32", "bf16", "fp16")
    assert config.WEIGHTS_CHOICES == ("imagenet", "none")
    assert TrainingConfig().device in config.DEVICE_CHOICES
    assert TrainingConfig().precision in config.PRECISION_CHOICES
    assert TrainingConfig().weights in config.WEIGHTS_CHOICES


def test_the_architecture_table_is_torchvisions_metadata():
    """The literals in config.py must equal torchvision's own numbers, so they cannot drift."""
    from flowerclf.core import models

    assert list(ARCHITECTURES) == [
        "resnet18",
        "resnet34",
        "resnet50",
        "resnet101",
        "resnet152",
        "resnext50_32x4d",
        "resnext101_32x8d",
        "wide_resnet50_2",
    ]
    for name, spec in ARCHITECTURES.items():
        weights = models.imagenet_weights(name)
        meta = weights.meta
        assert spec.name == name
        assert spec.params_millions == round(meta["num_params"] / 1e6, 1), name
        assert spec.gflops == round(float(meta["_ops"]), 2), name
        assert spec.imagenet_top1 == float(meta["_metrics"]["ImageNet-1K"]["acc@1"]), name
        assert spec.download_mb == round(float(meta["_file_size"]), 1), name
        assert spec.weights_file == weights.url.rsplit("/", 1)[-1], name
        assert spec.description and "\n" not in spec.description


@pytest.mark.parametrize(
    "change, words",
    [
        (dict(epochs=0), "number of epochs"),
        (dict(epochs=2.5), "number of epochs"),
        (dict(epochs="3"), "number of epochs"),
        (dict(batch_size=0), "batch size"),
        (dict(lr=0), "learning rate"),
        (dict(lr=1.5), "learning rate"),
        (dict(lr=math.nan), "learning rate"),
        (dict(val_split=1.0), "validation share"),
        (dict(val_split=-0.1), "validation share"),
        (dict(image_size=8), "image size"),
        (dict(image_size=4096), "image size"),
        (dict(workers=-1), "number of workers"),
        (dict(seed=1.5), "seed"),
        (dict(device="tpu"), "device"),
        (dict(precision="fp8"), "number format"),
    ],
)
def test_validate_names_the_setting_that_cannot_work(change, words):
    (setting, value), *_ = change.items()
    with pytest.raises(InvalidSettingError) as caught:
        TrainingConfig(**change).validate()
    error = caught.value
    assert error.kind == "invalid_setting"
    assert error.details["setting"] == setting
    if isinstance(value, float) and math.isnan(value):
        assert math.isnan(error.details["value"])
    else:
        assert error.details["value"] == value
    assert words in str(error).lower()


def test_validate_accepts_the_edges_and_a_numbered_gpu():
    TrainingConfig(val_split=0.0, image_size=16, workers=0, seed=7, device="cuda:1").validate()
    TrainingConfig(image_size=1024, lr=0.5, precision="bf16", freeze_backbone=True).validate()


def test_an_unknown_architecture_lists_the_known_ones():
    with pytest.raises(UnknownArchitectureError) as caught:
        TrainingConfig(arch="vgg16").validate()
    assert caught.value.kind == "unknown_architecture"
    assert caught.value.details == {"arch": "vgg16", "choices": list(ARCHITECTURES)}
    assert "vgg16" in str(caught.value) and "resnet34" in str(caught.value)


def test_from_mapping_round_trips_as_metadata():
    original = TrainingConfig(
        arch="resnet18",
        weights="/data/start.pth",
        freeze_backbone=True,
        epochs=7,
        batch_size=8,
        lr=3e-4,
        val_split=0.2,
        image_size=160,
        device="cpu",
        seed=42,
        workers=0,
        precision="fp32",
    )
    assert TrainingConfig.from_mapping(original.as_metadata()) == original
    assert TrainingConfig.from_mapping(TrainingConfig().as_metadata()) == TrainingConfig()


def test_from_mapping_reads_an_ini_files_strings_and_ignores_unknown_keys():
    """INI files (and QSettings) give every value back as text."""
    original = TrainingConfig(freeze_backbone=True, lr=3e-4, seed=5)
    as_text = {name: str(value) for name, value in original.as_metadata().items()}
    as_text["window_geometry"] = "AdnQywADAAAAAA"
    assert TrainingConfig.from_mapping(as_text) == original
    assert TrainingConfig.from_mapping({"seed": "None", "workers": ""}).seed is None
    assert TrainingConfig.from_mapping({"freeze_backbone": "false"}).freeze_backbone is False
    assert TrainingConfig.from_mapping({"epochs": "5.0", "lr": "1e-3"}) == TrainingConfig(
        epochs=5, lr=1e-3
    )
    assert TrainingConfig.from_mapping({}) == TrainingConfig()
    assert {f.name for f in fields(TrainingConfig)} == set(TrainingConfig().as_metadata())


def test_from_mapping_refuses_or_skips_what_it_cannot_read():
    with pytest.raises(InvalidSettingError) as caught:
        TrainingConfig.from_mapping({"epochs": "three"})
    assert caught.value.details == {"setting": "epochs", "value": "three"}
    assert "number of epochs" in str(caught.value)
    lenient = TrainingConfig.from_mapping({"epochs": "three", "lr": "0.01"}, lenient=True)
    assert lenient == TrainingConfig(lr=0.01)
