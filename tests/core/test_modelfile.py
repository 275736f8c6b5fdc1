"""The .safetensors model file and the tutorial .pth + class_indices.json pair."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from PIL import Image
from safetensors.torch import save_file

import flowerclf
from flowerclf.core import modelfile
from flowerclf.core.errors import ArchitectureMismatchError, ModelFileError
from flowerclf.core.modelfile import (
    FORMAT_VERSION,
    export_tutorial,
    import_tutorial,
    load_model,
    read_model_info,
    save_model,
)
from flowerclf.core.models import build_model
from flowerclf.core.predict import Classifier

CLASSES = ["daisy", "rosé", "向日葵", "tulips"]


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    torch.manual_seed(1)
    network = build_model("resnet18", len(CLASSES), weights="none")
    for module in network.modules():  # batch-norm statistics must travel too
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 1.5)
            module.num_batches_tracked.fill_(7)
    metadata = {
        "training": {"epochs": 2, "lr": 1e-4, "batch_size": 16, "data": Path("/photos")},
        "best_val_accuracy": 0.75,
        "evaluation": {"accuracy": 0.8, "per_class": {"rosé": 0.5}},
    }
    return Classifier(
        network,
        "resnet18",
        CLASSES,
        image_size=64,
        mean=(0.5, 0.4, 0.3),
        std=(0.2, 0.25, 0.3),
        metadata=metadata,
    )


@pytest.fixture(scope="module")
def batch() -> torch.Tensor:
    return torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(2))


def assert_same_weights(a: Classifier, b: Classifier) -> None:
    sa, sb = a.state_dict(), b.state_dict()
    assert list(sa) == list(sb)
    for key in sa:
        assert sa[key].dtype == sb[key].dtype, key
        assert torch.equal(sa[key], sb[key]), key


# --------------------------------------------------------------------------- model file


def test_round_trip_keeps_weights_classes_and_metadata(classifier, batch, tmp_path):
    path = save_model(classifier, tmp_path / "models" / "flowers")
    assert path == tmp_path / "models" / "flowers.safetensors"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left

    loaded = load_model(path)
    assert_same_weights(classifier, loaded)
    assert loaded.arch == "resnet18"
    assert loaded.classes == CLASSES
    assert loaded.image_size == 64
    assert loaded.mean == pytest.approx((0.5, 0.4, 0.3))
    assert loaded.std == pytest.approx((0.2, 0.25, 0.3))
    expected = json.loads(json.dumps(classifier.metadata, default=str))
    for key, value in expected.items():
        assert loaded.metadata[key] == value
    assert loaded.metadata["flowerclf_version"] == flowerclf.__version__
    assert loaded.metadata["created"].endswith("+00:00")
    torch.testing.assert_close(loaded.predict_tensor(batch), classifier.predict_tensor(batch))

    # Saving again keeps the creation date and replaces the file in place.
    again = save_model(loaded, path)
    assert load_model(again).metadata["created"] == loaded.metadata["created"]


def test_read_model_info_reads_the_header_only(classifier, tmp_path, monkeypatch):
    path = save_model(classifier, tmp_path / "m.safetensors")

    def forbidden(*args, **kwargs):
        raise AssertionError("read_model_info must not load weights")

    monkeypatch.setattr(torch, "load", forbidden)
    monkeypatch.setattr("safetensors.torch.load_file", forbidden)
    info = read_model_info(path)
    assert info["format"] == "flowerclf"
    assert info["format_version"] == FORMAT_VERSION
    assert info["architecture"] == "resnet18"
    assert info["classes"] == CLASSES and info["num_classes"] == 4
    assert info["image_size"] == 64
    assert info["best_val_accuracy"] == 0.75
    assert info["evaluation"]["per_class"] == {"rosé": 0.5}
    assert info["training"]["data"] == "/photos"
    assert info["num_parameters"] == sum(p.numel() for p in classifier.network.parameters())
    assert info["file_size_bytes"] == path.stat().st_size


def test_read_model_info_does_not_import_torch(classifier, tmp_path):
    path = save_model(classifier, tmp_path / "m.safetensors")
    code = (
        "import sys; from flowerclf.core.modelfile import read_model_info; "
        f"info = read_model_info({str(path)!r}); "
        "assert info['architecture'] == 'resnet18'; assert 'torch' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def _png(path: Path) -> None:
    Image.new("RGB", (8, 8), "red").save(path)


@pytest.mark.parametrize(
    "name, make",
    [
        ("notes.txt", lambda p: p.write_text("not a model")),
        ("photo.png", _png),
        ("noise.bin", lambda p: p.write_bytes(bytes(range(256)) * 16)),
        ("empty.safetensors", lambda p: p.write_bytes(b"")),
        ("plain.safetensors", lambda p: save_file({"w": torch.zeros(2)}, str(p))),
    ],
)
def test_files_that_are_not_models(tmp_path, name, make):
    path = tmp_path / name
    make(path)
    for opener in (load_model, read_model_info):
        with pytest.raises(ModelFileError) as caught:
            opener(path)
        assert str(caught.value) == f"'{name}' is not a flowerclf model file (.safetensors)."
        assert caught.value.kind == "not_a_model"
        assert caught.value.details == {"path": str(path)}


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelFileError, match="does not exist") as caught:
        load_model(tmp_path / "nope.safetensors")
    assert caught.value.kind == "model_file_missing"
    with pytest.raises(ModelFileError, match="folder") as caught:
        load_model(tmp_path)
    assert caught.value.kind == "not_a_file"


def test_newer_format_is_refused_in_plain_words(tmp_path):
    path = tmp_path / "future.safetensors"
    info = {"format_version": FORMAT_VERSION + 1, "architecture": "resnet18", "classes": ["a"]}
    save_file(
        {"w": torch.zeros(1)},
        str(path),
        metadata={"format": "flowerclf", "flowerclf": json.dumps(info)},
    )
    with pytest.raises(ModelFileError, match="newer flowerclf") as caught:
        read_model_info(path)
    assert caught.value.kind == "model_too_new"
    assert caught.value.details == {
        "path": str(path),
        "version": FORMAT_VERSION + 1,
        "supported": FORMAT_VERSION,
    }


def test_damaged_weights_are_a_model_file_error(classifier, tmp_path):
    path = save_model(classifier, tmp_path / "m.safetensors")
    header = modelfile._read_header(path)["__metadata__"]
    state = classifier.state_dict()
    del state["layer4.1.conv2.weight"]
    save_file(state, str(path), metadata=header)
    with pytest.raises(ModelFileError, match="damaged") as caught:
        load_model(path)
    assert caught.value.kind == "model_file_damaged"


# --------------------------------------------------------------------------- tutorial pair


def test_export_loads_strictly_in_torchvision_with_identical_logits(classifier, batch, tmp_path):
    weights, indices = export_tutorial(classifier, tmp_path / "out")
    assert weights == tmp_path / "out" / "resnet18.pth"
    assert indices == tmp_path / "out" / "class_indices.json"
    text = indices.read_text(encoding="utf-8")
    assert json.loads(text) == {"0": "daisy", "1": "rosé", "2": "向日葵", "3": "tulips"}
    assert '\n    "0": "daisy"' in text  # indent 4

    plain = torchvision.models.resnet18(num_classes=len(CLASSES))
    plain.load_state_dict(torch.load(weights, weights_only=True), strict=True)
    plain.eval()
    with torch.no_grad():
        torch.testing.assert_close(plain(batch), classifier.network(batch))


def test_import_of_an_exported_pair_gives_the_same_outputs(classifier, batch, tmp_path):
    weights, indices = export_tutorial(classifier, tmp_path)
    imported = import_tutorial(weights, indices)
    assert imported.arch == "resnet18"
    assert imported.classes == CLASSES
    assert imported.image_size == 224
    assert imported.mean == pytest.approx((0.485, 0.456, 0.406))
    assert_same_weights(classifier, imported)
    with torch.no_grad():
        torch.testing.assert_close(imported.network(batch), classifier.network(batch))

    # load_model finds class_indices.json beside the .pth; read_model_info reads its names.
    opened = load_model(weights)
    assert opened.arch == "resnet18" and opened.classes == CLASSES
    info = read_model_info(weights)
    assert info["format"] == "tutorial" and info["classes"] == CLASSES

    # A plain .pth can be saved as a flowerclf model file.
    assert load_model(save_model(opened, tmp_path / "converted")).classes == CLASSES


def test_import_checks_the_architecture_and_the_class_count(classifier, tmp_path):
    weights, indices = export_tutorial(classifier, tmp_path)
    with pytest.raises(
        ArchitectureMismatchError, match="seems to hold resnet18 weights, not resnet34"
    ) as caught:
        import_tutorial(weights, indices, arch="resnet34")
    assert caught.value.details == {
        "path": str(weights),
        "arch": "resnet34",
        "detected": "resnet18",
    }
    assert import_tutorial(weights, indices, arch="resnet18").arch == "resnet18"

    three = tmp_path / "three.json"
    three.write_text(json.dumps({"0": "a", "1": "b", "2": "c"}))
    with pytest.raises(ModelFileError, match="4 outputs.*3 classes") as caught:
        import_tutorial(weights, three)
    assert caught.value.kind == "class_count_mismatch"
    assert (caught.value.details["outputs"], len(caught.value.details["classes"])) == (4, 3)


@pytest.mark.parametrize(
    "content",
    ['{"0": "a", "2": "b"}', '{"x": "a"}', "[]", "{not json", '{"0": "a", "1": "a"}'],
)
def test_bad_class_indices(classifier, tmp_path, content):
    weights, _ = export_tutorial(classifier, tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(ModelFileError, match="bad.json") as caught:
        import_tutorial(weights, bad)
    assert caught.value.kind == "class_names_invalid"
    assert caught.value.details["path"] == str(bad)


def test_pth_without_class_indices_says_what_is_needed(classifier, tmp_path):
    weights, indices = export_tutorial(classifier, tmp_path)
    indices.unlink()
    with pytest.raises(ModelFileError, match="class_indices.json") as caught:
        load_model(weights)
    assert caught.value.kind == "class_names_missing"
    assert caught.value.details == {"path": str(indices), "weights": str(weights)}
