"""Moving photos to another class or out of the dataset, with Undo: headless.

The views that show photos (the dataset check, the Results tab) ask this
object to move them; it keeps the moves of this session for Undo (Ctrl+Z,
newest first) and tells everyone which dataset folder changed, so that the
Train tab can look through it again. Moves are a few renames in one folder:
they run at once. Every move is also recorded in the dataset folder by the
core, so it can be undone in a later session too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from flowerclf.core.errors import FlowerclfError
from flowerclf.core.photo_moves import MoveBatch, move_photos, undo_batch
from flowerclf.gui.error_words import describe


@dataclass(frozen=True)
class DoneMove:
    """A batch this session made, and how to say it."""

    root: Path
    batch: MoveBatch
    words: str  # "2 photos to roses", "1 photo excluded"


class PhotoMover(QObject):
    """Moves photos and undoes the moves of this session."""

    moved = Signal(str)  # the dataset folder whose photos moved (or moved back)
    problem = Signal(str)  # a move or undo that failed, in plain words; nothing changed
    undoChanged = Signal()  # noqa: N815 - what Undo would do has changed
    # {old path: new path} (absolute), and where to: a class, "" (excluded) or None (put back)
    relocated = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done: list[DoneMove] = []

    def move(self, root: str | Path, photos: list[str], destination: str | None) -> bool:
        """Move ``photos`` of the dataset at ``root`` to class ``destination`` (None: exclude)."""
        root = Path(root)
        try:
            batch = move_photos(root, photos, destination)
        except FlowerclfError as error:
            self.problem.emit(describe(error))
            return False
        if not batch.moves:
            return True
        count = len(batch.moves)
        if destination is None:
            words = self.tr("%n photo(s) excluded", "", count)
        else:
            words = self.tr("%n photo(s) to {name}", "", count).format(name=destination)
        self._done.append(DoneMove(root, batch, words))
        self.undoChanged.emit()
        self.relocated.emit({str(m.source): str(m.target) for m in batch.moves}, destination or "")
        self.moved.emit(str(root))
        return True

    def can_undo(self) -> bool:
        return bool(self._done)

    def undo_text(self) -> str:
        """The Undo menu item's words ("Undo move: 2 photos to roses")."""
        if not self._done:
            return self.tr("Undo move")
        return self.tr("Undo move: {what}").format(what=self._done[-1].words)

    def undo(self) -> bool:
        """Put the photos of the last move back; False when there is none or it fails."""
        if not self._done:
            return False
        last = self._done[-1]
        try:
            undo_batch(last.root, last.batch.batch_id)
        except FlowerclfError as error:
            self.problem.emit(describe(error))
            return False
        self._done.pop()
        self.undoChanged.emit()
        self.relocated.emit({str(m.target): str(m.source) for m in last.batch.moves}, None)
        self.moved.emit(str(last.root))
        return True
