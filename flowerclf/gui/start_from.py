"""Offer the session's current model as a starting point in the Train tab's options.

A model can be continued when a flowerclf model file holds it: the file it was
opened from or saved to, or, while it is unsaved, its copy in the recovery
folder (an ordinary model file, written moments after a run ends). ImageNet's
own model and imported tutorial weights are not offered: their starting
points are the "ImageNet" and "From a model or weights file…" choices.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flowerclf.gui.session import ModelEntry, Session
from flowerclf.gui.train_options import TrainOptions


def model_file(entry: ModelEntry | None) -> Path | None:
    """The flowerclf model file that holds ``entry``'s model as it is now, if there is one."""
    if entry is None or entry.origin == "imagenet":
        return None
    if entry.saved:
        path = entry.path
        return path if path is not None and path.suffix.lower() == ".safetensors" else None
    return entry.recovery_path


def offer_current_model(session: Session, options: TrainOptions) -> None:
    """Keep ``options``' "Start from: this model" in step with the session's current model."""

    def refresh(*_: Any) -> None:
        entry = session.current
        if entry is not None and not entry.saved and entry.recovery_path is None:
            if session.is_keeping_safe():
                return  # its copy is being written; keepingChanged comes back once it is there
        path = model_file(entry)
        if entry is None or path is None:
            options.offer_model(None, None)
            return
        classifier = entry.classifier
        options.offer_model(entry.name, str(path), classifier.arch, int(classifier.image_size))

    session.currentChanged.connect(refresh)
    session.modelsChanged.connect(refresh)
    session.keepingChanged.connect(refresh)  # an unsaved model's copy has been written
    refresh()
