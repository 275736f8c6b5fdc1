"""The Results tab's longer sentences (in the tab's translation context)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject


class Results(QObject):
    """The translation context of the Results tab's sentences: ``Results.tr(text)``."""


def empty(has_model: bool) -> str:
    """What to do to get results: open or train a model, or evaluate the one there is."""
    if not has_model:
        return Results.tr(
            "Open or train a model to see how well it does: which classes it "
            "confuses, and which pictures it gets wrong."
        )
    return Results.tr(
        "This model has not been evaluated yet.\n\nClick “Evaluate on a "
        "folder…” and choose a folder of labelled photos (one sub-folder per "
        "class) to see where it goes wrong."
    )


def left_out(skipped: Sequence[tuple[Path, str]]) -> str:
    """The files an evaluation could not read, the first few by name."""
    names = ", ".join(path.name for path, _ in skipped[:5])
    more = "…" if len(skipped) > 5 else ""
    text = Results.tr("%n file(s) could not be read and were left out: {names}", "", len(skipped))
    return text.format(names=names + more)
