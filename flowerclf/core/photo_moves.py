"""Moving photos to another class, or out of the dataset, undoably. Never deleting.

A move takes photos of a dataset folder to another class folder (in the same
split of an already-split folder) or to the "excluded" folder beside the
dataset (``<dataset> (excluded)``, keeping the class and split in the path).
A name already taken gets a new one ("rose (2).jpg"); nothing is overwritten.

Each move is a batch, recorded in ``MOVES_LOG`` inside the dataset folder (a
hidden file the dataset scan ignores), written atomically, so that moves can
be undone later, by the app (Ctrl+Z) or by ``flowerclf check DIR --undo-moves``.
A batch that cannot be completed (a read-only folder, a name taken meanwhile)
is rolled back: it changes nothing, and says why in plain words.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .errors import MOVE_FAILED, FlowerclfError
from .files import atomic_write_text, plain_os_reason

MOVES_LOG = ".flowerclf-moves.json"
EXCLUDED_SUFFIX = " (excluded)"


class MoveError(FlowerclfError):
    """Photos could not be moved (or moved back); nothing was changed."""

    kind = MOVE_FAILED


@dataclass(frozen=True)
class Move:
    """One photo moved from ``source`` to ``target`` (absolute paths)."""

    source: Path
    target: Path


@dataclass(frozen=True)
class MoveBatch:
    """Photos moved together, undone together."""

    batch_id: str
    moves: tuple[Move, ...]
    when: float


def excluded_folder(root: str | Path) -> Path:
    """The folder beside the dataset where excluded photos go."""
    root = Path(root).absolute()
    return root.parent / (root.name + EXCLUDED_SUFFIX)


def dataset_root_of(photo: str | Path, classes: list[str]) -> Path | None:
    """The dataset folder a photo belongs to, given the dataset's class names.

    The nearest folder above the photo named after a class is its class
    folder; the dataset is the folder above that (above ``train``/``val`` too,
    for an already-split dataset). None when no folder above has a class name.
    """
    names = set(classes)
    for folder in Path(photo).absolute().parents:
        if folder.name in names:
            root = folder.parent
            if root.name.lower() in ("train", "val") and (
                (root.parent / "train").is_dir() and (root.parent / "val").is_dir()
            ):
                root = root.parent
            return root
    return None


def _target_folder(root: Path, photo: Path, destination: str | None) -> Path:
    relative = photo.relative_to(root)
    if destination is None:
        return excluded_folder(root) / relative.parent
    parts = relative.parts
    is_split = len(parts) >= 3 and parts[0].lower() in ("train", "val")
    return root / parts[0] / destination if is_split else root / destination


def _free_name(folder: Path, name: str, taken: set[Path]) -> Path:
    """``folder/name``, or ``name (2)``, ``(3)``... when that is taken."""
    candidate = folder / name
    stem, suffix = os.path.splitext(name)
    number = 2
    while candidate.exists() or candidate in taken:
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def _move_file(source: Path, target: Path) -> None:
    """Move without ever overwriting: a hard link fails if the target exists."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        # No hard links here (another drive, some file systems): check, then move.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        shutil.move(str(source), str(target))
        return
    try:
        os.unlink(source)
    except OSError:
        os.unlink(target)
        raise


def _perform(moves: list[Move], what: str) -> None:
    """Do every move, or none: on a failure the done ones are reversed."""
    done: list[Move] = []
    for move in moves:
        try:
            _move_file(move.source, move.target)
        except OSError as error:
            for back in reversed(done):
                try:
                    _move_file(back.target, back.source)
                except OSError:
                    pass  # reported below as part of the same failure
            reason = plain_os_reason(error)
            if isinstance(error, FileExistsError):
                reason = "a file of that name is already there"
            raise MoveError(
                f"Could not {what} {move.source.name}: {reason}. Nothing was moved.",
                path=move.source,
                target=move.target,
                reason=reason,
            ) from None
        done.append(move)


def _log_path(root: Path) -> Path:
    return root / MOVES_LOG


def recorded_batches(root: str | Path) -> list[MoveBatch]:
    """The batches in the dataset's log, oldest first (an unreadable log reads as empty)."""
    root = Path(root).absolute()
    try:
        entries = json.loads(_log_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    batches = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            moves = tuple(
                Move(
                    Path(os.path.normpath(root / m["from"])),
                    Path(os.path.normpath(root / m["to"])),
                )
                for m in entry["moves"]
            )
            batches.append(MoveBatch(str(entry["id"]), moves, float(entry.get("time", 0))))
        except (KeyError, TypeError, ValueError):
            continue  # a damaged entry cannot be undone; the others still can
    return batches


def _write_log(root: Path, batches: list[MoveBatch]) -> None:
    entries = [
        {
            "id": batch.batch_id,
            "time": batch.when,
            "moves": [
                {"from": os.path.relpath(m.source, root), "to": os.path.relpath(m.target, root)}
                for m in batch.moves
            ],
        }
        for batch in batches
    ]
    path = _log_path(root)
    if not entries:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        return
    atomic_write_text(path, json.dumps(entries, indent=1) + "\n", what="the list of moves")


def _log_or_undo(root: Path, batches: list[MoveBatch], undo: list[Move]) -> None:
    """Write the log; if it cannot be written, put the files back and say so."""
    try:
        _write_log(root, batches)
    except (FlowerclfError, OSError) as error:
        _perform(undo, "move back")
        reason = getattr(error, "reason", None) or "the dataset folder cannot be written"
        raise MoveError(
            f"Could not record the move in the dataset folder ({reason}). Nothing was moved.",
            path=root,
            reason=reason,
        ) from None


def move_photos(root: str | Path, photos: list[str | Path], destination: str | None) -> MoveBatch:
    """Move photos of the dataset at ``root`` to class ``destination`` (None: excluded).

    Photos already in the destination class are left where they are. Returns
    the batch (possibly with no moves). Raises MoveError, changing nothing,
    when a photo is not in the dataset or a move cannot be made.
    """
    root = Path(root).absolute()
    moves: list[Move] = []
    taken: set[Path] = set()
    for photo in photos:
        source = Path(photo).absolute()
        try:
            folder = _target_folder(root, source, destination)
        except ValueError:
            raise MoveError(
                f"{source.name} is not in the dataset folder {root}. Nothing was moved.",
                path=source,
                reason="not in the dataset folder",
            ) from None
        if folder == source.parent:
            continue
        target = _free_name(folder, source.name, taken)
        taken.add(target)
        moves.append(Move(source, target))
    batch = MoveBatch(uuid.uuid4().hex, tuple(moves), time.time())
    if not moves:
        return batch
    what = "exclude" if destination is None else f"move to {destination}:"
    _perform(moves, what)
    undo = [Move(m.target, m.source) for m in reversed(moves)]
    _log_or_undo(root, [*recorded_batches(root), batch], undo)
    return batch


def undo_batch(root: str | Path, batch_id: str | None = None) -> MoveBatch | None:
    """Move a recorded batch's photos back (the last batch when ``batch_id`` is None).

    Each photo returns to its exact name; if that name is taken meanwhile, the
    batch is left as it is and MoveError says which. Returns the batch undone,
    or None when the log has nothing (left) to undo.
    """
    root = Path(root).absolute()
    batches = recorded_batches(root)
    if batch_id is None:
        batch = batches[-1] if batches else None
    else:
        batch = next((b for b in batches if b.batch_id == batch_id), None)
    if batch is None:
        return None
    back = [Move(m.target, m.source) for m in reversed(batch.moves)]
    for move in back:
        if move.target.exists():
            raise MoveError(
                f"Could not move {move.source.name} back: {move.target} is taken by another "
                "file. Nothing was moved.",
                path=move.source,
                target=move.target,
                reason="the old name is taken by another file",
            )
    _perform(back, "move back")
    rest = [b for b in batches if b.batch_id != batch.batch_id]
    _log_or_undo(root, rest, [Move(m.target, m.source) for m in reversed(back)])
    return batch


def undo_all(root: str | Path) -> list[MoveBatch]:
    """Undo every recorded batch, newest first; returns those undone."""
    undone = []
    while (batch := undo_batch(root)) is not None:
        undone.append(batch)
    return undone
