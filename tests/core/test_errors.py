"""Errors are data: a documented kind, plain details, and messages without flags or jargon."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

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

CORE = Path(errors.__file__).parent


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


def _message_texts(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings (f-string parts included)."""
    kinds = {tokenize.STRING} | {getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        if token.type in kinds and not token.string.lstrip("rbfuRBFU").startswith('"""'):
            found.append((token.start[0], token.string))
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in CORE.glob("*.py")))
def test_core_messages_name_no_flag_and_show_no_system_jargon(module):
    """Flags are the command line's to add; errno text and 'decompression bomb' are no words."""
    bad = re.compile(r"--[a-z]|\[Errno|strerror|decompression bomb", re.IGNORECASE)
    offending = [(line, text) for line, text in _message_texts(CORE / module) if bad.search(text)]
    assert offending == []
