"""Errors a user can cause.

Every exception here carries a message in plain words that the command line
prints on one line and the desktop app shows in a dialog, as is. Anything
else that escapes the core is a bug and deserves a traceback in the log.
"""

from __future__ import annotations

from pathlib import Path


class FlowerclfError(Exception):
    """Base class: ``str(error)`` is a complete, plain-words message."""


class DatasetError(FlowerclfError):
    """The dataset folder cannot be used (missing, too few classes, empty class...)."""


class ImageLoadError(FlowerclfError):
    """One image could not be read; ``reason`` says why in a few words."""

    def __init__(self, path: str | Path | None, reason: str):
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = f"{self.path.name}: " if self.path is not None else ""
        super().__init__(f"{where}{reason}")


class ModelFileError(FlowerclfError):
    """A file is not a flowerclf model (or a tutorial model) that can be opened."""


class UnknownArchitectureError(FlowerclfError):
    """An architecture name that flowerclf does not know."""


class ArchitectureMismatchError(FlowerclfError):
    """A weights file holds a different architecture from the one asked for."""


class WeightsUnavailableError(FlowerclfError):
    """ImageNet weights are neither cached nor downloadable."""
