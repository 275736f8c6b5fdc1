"""ONNX export: one self-contained file that answers as flowerclf does, proven when written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest.importorskip("onnxruntime", reason="the optional export extra is not installed")
pytest.importorskip("onnxscript", reason="the optional export extra is not installed")

from flowerclf.core import export  # noqa: E402
from flowerclf.core.errors import FlowerclfError  # noqa: E402
from flowerclf.core.models import build_model  # noqa: E402
from flowerclf.core.predict import Classifier  # noqa: E402

CLIENT = Path(export.__file__).parents[1] / "predict_onnx.py"


@pytest.fixture(scope="module")
def classifier():
    import torch

    torch.manual_seed(0)
    return Classifier(
        build_model("resnet18", 3, "none"), "resnet18", ["cat", "dog", "fox"], image_size=64
    )


@pytest.fixture(scope="module")
def exported(classifier, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return export.export_onnx(classifier, folder / "pets.onnx")


def odd_photos(folder: Path) -> list[Path]:
    """The pictures preprocessing goes wrong on: rotated, transparent, big, 16-bit."""
    rng = np.random.default_rng(3)
    folder.mkdir(parents=True, exist_ok=True)
    photos = []
    plain = Image.fromarray(rng.integers(0, 255, (150, 220, 3), dtype=np.uint8))
    plain.save(folder / "plain.jpg", quality=90)
    photos.append(folder / "plain.jpg")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90°": the app turns it upright
    plain.save(folder / "rotated.jpg", quality=90, exif=exif)
    photos.append(folder / "rotated.jpg")
    palette = plain.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    palette.info["transparency"] = 3
    palette.save(folder / "palette.png", transparency=3)
    photos.append(folder / "palette.png")
    big = Image.fromarray(rng.integers(0, 255, (900, 1300, 3), dtype=np.uint8))
    big.save(folder / "big.jpg", quality=85)  # decoded at a reduced scale first
    photos.append(folder / "big.jpg")
    deep = Image.fromarray(rng.integers(0, 65535, (120, 160), dtype=np.uint16))
    deep.save(folder / "deep.png")
    photos.append(folder / "deep.png")
    return photos


def test_one_file_with_its_description_and_any_batch_size(exported, classifier):
    import onnx
    import onnxruntime

    model = onnx.load(str(exported.path))
    described = json.loads({p.key: p.value for p in model.metadata_props}["flowerclf"])
    assert described["classes"] == ["cat", "dog", "fox"]
    assert described["image_size"] == 64 and described["resize_size"] == 73
    assert described["architecture"] == "resnet18" and "flowerclf_version" in described
    assert described["mean"] == pytest.approx(list(classifier.mean))
    assert sorted(p.name for p in exported.path.parent.iterdir()) == [
        "pets.onnx",
        "predict_onnx.py",
    ]  # no external data file
    session = onnxruntime.InferenceSession(str(exported.path))
    for batch in (1, 5):
        (probs,) = session.run(None, {"images": np.zeros((batch, 3, 64, 64), np.float32)})
        assert probs.shape == (batch, 3)
        np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert exported.same_top_class and exported.largest_difference <= export.TOLERANCE
    assert exported.photos_checked == 16


def test_the_client_answers_as_flowerclf_on_awkward_photos(exported, classifier, tmp_path):
    sys.path.insert(0, str(exported.client.parent))
    try:
        import predict_onnx  # the file written beside the export, not flowerclf's copy
    finally:
        sys.path.pop(0)
    assert Path(predict_onnx.__file__).resolve() == exported.client.resolve()
    assert exported.client.read_bytes() == CLIENT.read_bytes()
    photos = odd_photos(tmp_path / "photos")
    classes, got = predict_onnx.predict(exported.path, photos)
    want = np.stack([p.probs for p in classifier.predict(photos)])
    assert classes == list(classifier.classes)
    assert np.abs(got - want).max() <= 1e-4
    assert (got.argmax(axis=1) == want.argmax(axis=1)).all()


def test_an_export_that_answers_differently_is_not_kept(classifier, tmp_path, monkeypatch):
    real = export._probabilities_module  # noqa: SLF001

    def sharper(model):
        import torch

        module = real(model)
        forward = module.forward
        module.forward = lambda images: torch.softmax(torch.log(forward(images)) * 3, dim=1)
        return module

    monkeypatch.setattr(export, "_probabilities_module", sharper)
    with pytest.raises(FlowerclfError) as refused:
        export.export_onnx(classifier, tmp_path / "out" / "bad.onnx")
    assert refused.value.kind == "export_mismatch"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_without_the_extra_the_message_says_what_to_install(classifier, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_onnx(name, *args, **kwargs):
        if name.startswith("onnx"):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnx)
    with pytest.raises(FlowerclfError) as missing:
        export.export_onnx(classifier, tmp_path / "m.onnx")
    from flowerclf.cli import cli_message

    assert missing.value.kind == "extra_missing"
    assert "pip install 'flowerclf[export]'" in cli_message(missing.value)
    assert not (tmp_path / "m.onnx").exists()


def test_the_command_line_refuses_a_differing_export_with_status_1(
    classifier, tmp_path, monkeypatch, capsys
):
    from flowerclf.cli import main
    from flowerclf.core.modelfile import save_model

    model = save_model(classifier, tmp_path / "pets.safetensors")
    real = export._probabilities_module  # noqa: SLF001

    def halved(model):
        import torch

        module = real(model)
        forward = module.forward
        module.forward = lambda images: torch.softmax(torch.log(forward(images)) / 2, dim=1)
        return module

    monkeypatch.setattr(export, "_probabilities_module", halved)
    assert main(["export", str(model), "-o", str(tmp_path / "pets.onnx")]) == 1
    err = capsys.readouterr().err
    assert "does not answer as flowerclf does" in err and "not kept" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pets.safetensors"]
