"""Moving photos between classes and out of the dataset: undoable, never overwriting."""

from __future__ import annotations

import hashlib
import json
import os
import sys

import pytest

from flowerclf.core.data import scan_dataset
from flowerclf.core.photo_moves import (
    MOVES_LOG,
    MoveError,
    excluded_folder,
    move_photos,
    recorded_batches,
    undo_all,
    undo_batch,
)
from tests.imagegen import make_dataset

as_root = sys.platform != "win32" and os.geteuid() == 0


def _snapshot(*folders):
    """Every file under the folders, relative path -> SHA-256 (the log left out)."""
    found = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != MOVES_LOG:
                found[str(path.relative_to(folder.parent))] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


@pytest.fixture
def dataset(tmp_path):
    return make_dataset(tmp_path / "flowers", {"red": 4, "blue": 4, "green": 4})


def test_move_to_another_class_and_undo_restores_bytes_and_names(dataset):
    before = _snapshot(dataset)
    photos = sorted((dataset / "red").iterdir())[:2]
    batch = move_photos(dataset, photos, "blue")
    assert [m.target.parent.name for m in batch.moves] == ["blue", "blue"]
    assert not photos[0].exists() and batch.moves[0].target.exists()
    counts = scan_dataset(dataset).counts()
    assert counts == {"blue": 6, "green": 4, "red": 2}
    assert len(recorded_batches(dataset)) == 1

    assert undo_batch(dataset).batch_id == batch.batch_id
    assert _snapshot(dataset) == before
    assert not (dataset / MOVES_LOG).exists()


def test_excluded_photos_go_beside_the_dataset_and_the_scan_ignores_the_log(dataset):
    photo = sorted((dataset / "green").iterdir())[0]
    batch = move_photos(dataset, [photo], None)
    target = batch.moves[0].target
    assert target == excluded_folder(dataset) / "green" / photo.name
    assert target.parent.parent.name == "flowers (excluded)"
    scan = scan_dataset(dataset)
    assert scan.counts()["green"] == 3
    assert all(MOVES_LOG not in str(s.path) for s in scan.skipped)


def test_a_name_clash_gets_a_new_name_and_nothing_is_overwritten(dataset):
    red = sorted((dataset / "red").iterdir())[0]
    clash = dataset / "blue" / red.name
    clash.write_bytes(b"the blue one")
    batch = move_photos(dataset, [red], "blue")
    new = batch.moves[0].target
    assert new.name == f"{red.stem} (2){red.suffix}"
    assert clash.read_bytes() == b"the blue one"
    undo_batch(dataset)
    assert red.exists() and clash.read_bytes() == b"the blue one"


def test_undo_all_from_a_later_session_in_reverse_order(dataset):
    before = _snapshot(dataset)
    red = sorted((dataset / "red").iterdir())
    move_photos(dataset, red[:1], "blue")
    moved_again = dataset / "blue" / red[0].name
    move_photos(dataset, [moved_again], None)  # the same photo moved twice
    move_photos(dataset, red[1:3], "green")
    log = json.loads((dataset / MOVES_LOG).read_text())
    assert len(log) == 3 and all(not os.path.isabs(m["from"]) for b in log for m in b["moves"])

    assert len(undo_all(dataset)) == 3
    assert _snapshot(dataset, excluded_folder(dataset)) == before


@pytest.mark.skipif(as_root, reason="root can write into read-only folders")
def test_a_move_into_a_read_only_folder_changes_nothing(dataset):
    before = _snapshot(dataset)
    photos = sorted((dataset / "red").iterdir())[:3]
    (dataset / "blue").chmod(0o555)
    try:
        with pytest.raises(MoveError) as caught:
            move_photos(dataset, photos, "blue")
    finally:
        (dataset / "blue").chmod(0o755)
    assert "Nothing was moved" in str(caught.value)
    assert "errno" not in str(caught.value).lower()
    assert _snapshot(dataset) == before
    assert recorded_batches(dataset) == []


def test_a_failure_midway_rolls_back_the_moves_already_made(dataset, monkeypatch):
    from flowerclf.core import photo_moves

    before = _snapshot(dataset)
    photos = sorted((dataset / "red").iterdir())[:3]
    real = photo_moves._move_file
    calls = []

    def third_fails(source, target):
        calls.append(source)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(photo_moves, "_move_file", third_fails)
    with pytest.raises(MoveError):
        move_photos(dataset, photos, "green")
    assert _snapshot(dataset) == before


def test_a_log_that_cannot_be_written_undoes_the_move(dataset, monkeypatch):
    from flowerclf.core import photo_moves
    from flowerclf.core.errors import WriteError

    before = _snapshot(dataset)

    def cannot_write(*args, **kwargs):
        raise WriteError(dataset / MOVES_LOG, "the disk is full")

    monkeypatch.setattr(photo_moves, "atomic_write_text", cannot_write)
    with pytest.raises(MoveError) as caught:
        move_photos(dataset, sorted((dataset / "red").iterdir())[:2], "blue")
    assert "the disk is full" in str(caught.value)
    assert _snapshot(dataset) == before


def test_undo_refuses_when_the_old_name_is_taken(dataset):
    photo = sorted((dataset / "red").iterdir())[0]
    move_photos(dataset, [photo], "blue")
    photo.write_bytes(b"a new photo with the old name")
    with pytest.raises(MoveError) as caught:
        undo_batch(dataset)
    assert "taken" in str(caught.value)
    assert photo.read_bytes() == b"a new photo with the old name"
    assert len(recorded_batches(dataset)) == 1  # still undoable once the name is free


def test_photos_outside_the_dataset_are_refused(dataset, tmp_path):
    stranger = tmp_path / "elsewhere.jpg"
    stranger.write_bytes(b"x")
    with pytest.raises(MoveError):
        move_photos(dataset, [stranger], "red")
    assert stranger.exists()


def test_moves_in_a_split_folder_stay_in_their_split(tmp_path):
    root = tmp_path / "split"
    make_dataset(root / "train", {"red": 3, "blue": 3})
    make_dataset(root / "val", {"red": 2, "blue": 2})
    photo = sorted((root / "val" / "red").iterdir())[0]
    batch = move_photos(root, [photo], "blue")
    assert batch.moves[0].target.parent == root / "val" / "blue"
    excluded = move_photos(root, [batch.moves[0].target], None)
    assert excluded.moves[0].target.parent == excluded_folder(root) / "val" / "blue"
