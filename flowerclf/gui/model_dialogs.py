"""The File menu's dialogs for model files: importing the tutorial pair, exporting a model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from flowerclf.gui.dialogs import ask_choice, file_stem

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.gui.main_window import MainWindow


class ModelDialogs(QObject):
    """The translation context of the model dialogs' words: ``ModelDialogs.tr(text)``."""


def import_tutorial(window: MainWindow) -> None:
    """File > Import tutorial model…: the .pth, then its class_indices.json if not beside it."""
    weights, _ = QFileDialog.getOpenFileName(
        window,
        ModelDialogs.tr("Import tutorial model: the weights (.pth)"),
        window.settings.folder("models"),
        ModelDialogs.tr("PyTorch weights (*.pth *.pt);;All files (*)"),
    )
    if not weights:
        return
    indices = Path(weights).with_name("class_indices.json")
    if not indices.exists():
        chosen, _ = QFileDialog.getOpenFileName(
            window,
            ModelDialogs.tr("Import tutorial model: the class names (class_indices.json)"),
            str(Path(weights).parent),
            ModelDialogs.tr("JSON (*.json)"),
        )
        if not chosen:
            return
        indices = Path(chosen)
    window.settings.set_folder("models", str(Path(weights).parent))
    window.session.import_tutorial(weights, indices)


def export_model(window: MainWindow) -> None:
    """File > Export model…: for other programs (ONNX), or as the tutorial pair."""
    entry = window.session.current
    if entry is None:
        window.message_bar.show_message(ModelDialogs.tr("There is no model to export yet."), "info")
        return
    choice = window.ask_export_format()
    folder = window.settings.folder("models")
    if choice == "onnx":
        start = str(Path(folder or ".") / f"{file_stem(entry.name)}.onnx")
        path, _ = QFileDialog.getSaveFileName(
            window,
            ModelDialogs.tr("Export for other programs (ONNX)"),
            start,
            ModelDialogs.tr("ONNX (*.onnx)"),
        )
        if path:
            window.session.export_onnx(entry, path)
    elif choice == "tutorial":
        chosen = QFileDialog.getExistingDirectory(
            window, ModelDialogs.tr("Export tutorial model into folder"), folder
        )
        if chosen:
            window.session.export_tutorial(entry, chosen)


def ask_export_format(parent: QWidget) -> str | None:
    """ "onnx", "tutorial" or None (cancelled)."""
    return ask_choice(
        parent,
        ModelDialogs.tr("Export model"),
        ModelDialogs.tr("Export the model for use outside FlowerClf:"),
        [
            ("onnx", ModelDialogs.tr("For other programs (ONNX)…")),
            ("tutorial", ModelDialogs.tr("Tutorial pair (.pth + class_indices.json)…")),
        ],
        informative=ModelDialogs.tr(
            "The ONNX file is checked before it is kept: it must give the same answers "
            "as FlowerClf. To keep the model for FlowerClf itself, use Save model as…",
        ),
    )
