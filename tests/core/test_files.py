"""Files are written all at once or not at all, with usual permissions and plain reasons."""

from __future__ import annotations

import errno
import os
import stat

import pytest
import torch
from torchvision.models import resnet18

from flowerclf.core import files
from flowerclf.core.errors import FlowerclfError, WriteError
from flowerclf.core.files import atomic_write, atomic_write_bytes, plain_os_reason
from flowerclf.core.modelfile import export_tutorial, load_model, save_model
from flowerclf.core.predict import Classifier
from tests.imagegen import make_image


@pytest.fixture(scope="module")
def classifier():
    torch.manual_seed(0)
    return Classifier(resnet18(num_classes=2), "resnet18", ["a", "b"], image_size=32)


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _assert_plain(error: FlowerclfError) -> None:
    message = str(error)
    assert "Errno" not in message and "errno" not in message
    assert "--" not in message


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.EEXIST, "a file is in the way of the folder"),
        (errno.ENOTDIR, "a file is in the way of the folder"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.ENOSPC, "the disk is full"),
        (errno.ENOENT, "the folder does not exist"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EBADF, "the system refused to write it"),
    ],
)
def test_plain_os_reason_never_shows_the_number(code, words):
    reason = plain_os_reason(OSError(code, os.strerror(code)))
    assert reason == words
    assert str(code) not in reason


def test_a_model_saved_where_a_folder_is_a_file_fails_plainly(classifier, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list")
    with pytest.raises(WriteError) as caught:
        save_model(classifier, notes / "lost.safetensors")
    error = caught.value
    assert error.kind == "write_failed"
    assert error.details == {
        "path": str(notes / "lost.safetensors"),
        "reason": f"the folder {notes} is a file",
    }
    assert str(notes) in str(error) and "is a file" in str(error)
    _assert_plain(error)
    assert notes.read_text() == "shopping list"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "model.safetensors"
    target.write_bytes(b"the old model")

    def fills_the_disk(file):
        file.write(b"half of the new")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(WriteError) as caught:
        atomic_write(target, fills_the_disk)
    assert caught.value.details["reason"] == "the disk is full"
    _assert_plain(caught.value)
    assert target.read_bytes() == b"the old model"
    assert _leftovers(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


def test_saving_a_model_onto_a_full_disk_keeps_the_saved_one(classifier, tmp_path, monkeypatch):
    path = save_model(classifier, tmp_path / "m.safetensors")
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    classifier.metadata["note"] = "a second save"
    try:
        with pytest.raises(WriteError, match="the disk is full"):
            save_model(classifier, path)
    finally:
        del classifier.metadata["note"]
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []
    assert load_model(path).classes == ["a", "b"]


def test_a_failing_writer_that_is_a_bug_still_removes_the_temporary_file(tmp_path):
    def broken(file):
        file.write(b"x")
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "out.bin", broken)
    assert list(tmp_path.iterdir()) == []


def test_a_saved_model_gets_the_usual_permissions(classifier, tmp_path, umask_022):
    path = save_model(classifier, tmp_path / "m.safetensors")
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o644  # not -rw------- : others read it as they read any saved file
    weights, indices = export_tutorial(classifier, tmp_path / "tutorial")
    assert stat.S_IMODE(weights.stat().st_mode) == 0o644
    assert stat.S_IMODE(indices.stat().st_mode) == 0o644


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("old")
    assert atomic_write_bytes(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_a_missing_folder_is_made_only_when_asked(tmp_path):
    with pytest.raises(WriteError) as caught:
        atomic_write_bytes(tmp_path / "missing" / "x.bin", b"x")
    assert caught.value.details["reason"] == f"the folder {tmp_path / 'missing'} does not exist"
    made = atomic_write_bytes(tmp_path / "a" / "b" / "x.bin", b"x", make_parents=True)
    assert made.read_bytes() == b"x"


def test_a_folder_with_the_files_name_is_refused(tmp_path):
    (tmp_path / "taken.bin").mkdir()
    with pytest.raises(WriteError) as caught:
        atomic_write_bytes(tmp_path / "taken.bin", b"x")
    assert caught.value.details["reason"] == "a folder has that name"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_read_only_folder_says_permission_denied(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(WriteError) as caught:
            atomic_write_bytes(locked / "x.bin", b"x")
    finally:
        locked.chmod(0o700)
    assert caught.value.details["reason"] == "permission denied"
    _assert_plain(caught.value)


def test_export_report_and_heat_map_into_a_file_fail_plainly(classifier, tmp_path):
    from flowerclf.core.gradcam import save_explanation
    from flowerclf.core.report import write_report

    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    photo = make_image(tmp_path / "photo.png", "red", (40, 40))
    attempts = [
        lambda: export_tutorial(classifier, blocker / "tutorial"),
        lambda: write_report(blocker / "report.html", metadata={}),
        lambda: save_explanation(classifier, photo, blocker / "heat.png"),
    ]
    for attempt in attempts:
        with pytest.raises(WriteError) as caught:
            attempt()
        assert caught.value.kind == "write_failed"
        assert caught.value.details["reason"] == f"the folder {blocker} is a file"
        _assert_plain(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "photo.png"]


def test_a_heat_map_needs_an_image_file_name(classifier, tmp_path):
    from flowerclf.core.gradcam import save_explanation

    photo = make_image(tmp_path / "photo.png", "red", (40, 40))
    with pytest.raises(WriteError) as caught:
        save_explanation(classifier, photo, tmp_path / "heat.txt")
    assert ".png" in caught.value.details["reason"]
    assert not (tmp_path / "heat.txt").exists()
