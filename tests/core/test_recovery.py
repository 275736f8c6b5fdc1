"""The recovery folder: models kept whole, listed with what a person recognises, bounded."""

from __future__ import annotations

import os
import time

import pytest

from flowerclf.core import recovery
from flowerclf.core.recovery import RecoveryFolder


@pytest.fixture(scope="module")
def small_classifier():
    from flowerclf.core.models import build_model
    from flowerclf.core.predict import Classifier

    network = build_model("resnet18", 3, "none")
    return Classifier(
        network,
        "resnet18",
        ["cat", "dog", "fox"],
        image_size=32,
        metadata={"best_val_accuracy": 0.875},
    )


def test_the_data_folder_can_be_moved_and_defaults_to_the_apps(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOWERCLF_DATA_DIR", str(tmp_path / "elsewhere"))
    assert recovery.data_dir() == tmp_path / "elsewhere"
    assert RecoveryFolder().folder == tmp_path / "elsewhere" / "recovery"
    monkeypatch.delenv("FLOWERCLF_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    if os.name == "posix" and not recovery.sys.platform == "darwin":
        # Where Qt's AppDataLocation is for the app's organisation and name.
        assert recovery.data_dir() == tmp_path / "share" / "flowerclf" / "FlowerClf"


def test_a_kept_model_is_listed_by_name_classes_and_accuracy(small_classifier, tmp_path):
    folder = RecoveryFolder(tmp_path / "recovery")
    path = folder.keep(small_classifier, "resnet18 trained 14:05")
    assert path.parent == folder.folder and path.suffix == ".safetensors"
    assert [p.name for p in folder.folder.iterdir()] == [path.name]  # no temporary file left
    (model,) = folder.models()
    assert model.name == "resnet18 trained 14:05" and model.path == path
    assert model.classes == ["cat", "dog", "fox"] and model.architecture == "resnet18"
    assert model.accuracy == pytest.approx(0.875)
    assert abs(model.created - time.time()) < 60 and model.size_bytes == path.stat().st_size
    assert small_classifier.metadata == {"best_val_accuracy": 0.875}  # the model is untouched
    folder.remove(path)
    assert folder.models() == []
    folder.remove(path)  # already gone: fine


def test_files_that_are_not_whole_models_are_not_offered(small_classifier, tmp_path):
    folder = RecoveryFolder(tmp_path / "recovery")
    folder.keep(small_classifier, "good")
    (folder.folder / "half.safetensors").write_bytes(b"\x10\x00\x00")
    (folder.folder / ".tmp-write").write_bytes(b"partial")
    assert [m.name for m in folder.models()] == ["good"]


def test_only_files_in_the_folder_can_be_removed(tmp_path):
    folder = RecoveryFolder(tmp_path / "recovery")
    precious = tmp_path / "mine.safetensors"
    precious.write_bytes(b"keep me")
    with pytest.raises(ValueError):
        folder.remove(precious)
    assert precious.exists()


def test_the_oldest_go_first_past_the_limit_but_never_the_newest(small_classifier, tmp_path):
    folder = RecoveryFolder(tmp_path / "recovery")
    first = folder.keep(small_classifier, "first")
    size = first.stat().st_size
    os.utime(first, (time.time() - 100, time.time() - 100))
    folder.limit = int(size * 2.5)
    second = folder.keep(small_classifier, "second")
    os.utime(second, (time.time() - 50, time.time() - 50))
    third = folder.keep(small_classifier, "third")
    assert not first.exists() and second.exists() and third.exists()
    assert folder.size_bytes() <= folder.limit
    folder.limit = 1  # smaller than any model: the one just kept still stays
    fourth = folder.keep(small_classifier, "fourth")
    assert [m.name for m in folder.models()] == ["fourth"] and fourth.exists()


def test_the_limit_can_be_set_in_megabytes(monkeypatch):
    monkeypatch.setenv("FLOWERCLF_RECOVERY_LIMIT_MB", "500")
    assert RecoveryFolder().limit == 500_000_000
    monkeypatch.setenv("FLOWERCLF_RECOVERY_LIMIT_MB", "lots")
    assert RecoveryFolder().limit == recovery.DEFAULT_LIMIT_BYTES
