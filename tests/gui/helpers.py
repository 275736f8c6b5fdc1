"""Helpers for the GUI tests: generated photos and real drag-and-drop events."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

COLOURS = {"blue": (40, 60, 220), "red": (220, 40, 40)}


def make_photo(path: Path, colour: tuple[int, int, int], seed: int, size: int = 40) -> Path:
    """A noisy square of one colour: obvious to a model, cheap to make."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(colour, dtype=float)[None, None, :] + rng.normal(0, 25, (size, size, 3))
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path)
    return path


def make_dataset(root: Path, per_class: int = 8) -> Path:
    for index, (name, colour) in enumerate(COLOURS.items()):
        for i in range(per_class):
            make_photo(root / name / f"{name}_{i}.png", colour, seed=100 * index + i)
    return root


def drop_paths(widget: QWidget, paths: list[Path | str]) -> bool:
    """Drag ``paths`` onto ``widget`` and drop them, as a file manager would.

    Returns whether the widget accepted the drag.
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    # Qt's own signatures: drag-enter events take an integer point, drop events a real one
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    accepted = enter.isAccepted()
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return accepted
