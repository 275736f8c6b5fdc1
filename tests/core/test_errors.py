"""Errors are data: a documented kind, plain details, and messages without flags or jargon."""

from __future__ import annotations

import re
from pathlib import Path

from flowerclf.core import errors
from flowerclf.core.errors import (
    KINDS,
    ArchitectureMismatchError,
    DatasetError,
    FlowerclfError,
    ImageLoadError,
    ModelFileError,
    WeightsUnavailableError,
    WriteError,
)


def test_every_kind_is_documented_and_every_documented_kind_exists():
    documented = set(re.findall(r"^    ``([a-z_]+)``", errors.__doc__, re.MULTILINE))
    assert documented == KINDS
    assert "write_failed" in KINDS and "weights_unavailable" in KINDS


def test_an_error_keeps_its_message_kind_and_plain_details(tmp_path):
    error = DatasetError("The dataset folder is gone.", "dataset_missing", path=tmp_path)
    assert str(error) == error.message == "The dataset folder is gone."
    assert error.kind == "dataset_missing"
    assert error.details == {"path": str(tmp_path)}
    assert isinstance(error, FlowerclfError)


def test_the_old_classes_still_catch_and_give_a_default_kind():
    assert WeightsUnavailableError("offline").kind == "weights_unavailable"
    assert ModelFileError("not a model").kind == "not_a_model"
    assert ArchitectureMismatchError("other").kind == "architecture_mismatch"
    assert FlowerclfError("anything").details == {}
    image = ImageLoadError(Path("/photos/rose.jpg"), "the file is empty")
    assert (image.path, image.reason, str(image)) == (
        Path("/photos/rose.jpg"),
        "the file is empty",
        "rose.jpg: the file is empty",
    )
    assert image.kind == "image_unreadable"
    assert image.details == {"path": "/photos/rose.jpg", "reason": "the file is empty"}
    written = WriteError("/m/x.safetensors", "the disk is full", "the model")
    assert str(written) == "Could not write the model /m/x.safetensors: the disk is full."
