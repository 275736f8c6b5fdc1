"""Thumbnails for the Results tab's lists, made in the background and kept for a while.

Newest wish wins: asking for other pictures replaces the task that was making
the old ones (the ones already made stay cached), so scrolling through cells
never piles threads up.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal

from flowerclf.gui import insight_tasks
from flowerclf.gui.tasks import Policy, TaskRunner

CACHE_SIZE = 1200


class ThumbnailLoader(QObject):
    """Ask for paths; ``ready`` brings each Thumbnail (at once when it is cached)."""

    ready = Signal(object)  # an insight_tasks.Thumbnail

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = runner.slot("thumbnails", Policy.LATEST)
        self._cache: OrderedDict[str, insight_tasks.Thumbnail] = OrderedDict()
        self._wanted: list[str] = []

    def request(self, paths: list[str], first: bool) -> None:
        """Make the thumbnails of ``paths``; ``first``: before those still wanted from earlier."""
        for path in paths:
            cached = self._cache.get(path)
            if cached is not None:
                self._cache.move_to_end(path)
                self.ready.emit(cached)
        new = [p for p in dict.fromkeys(paths) if p not in self._cache]
        fresh = set(new)
        rest = [p for p in self._wanted if p not in self._cache and p not in fresh]
        wanted = new + rest if first else rest + new
        if wanted == self._wanted and self._slot.is_busy():
            return
        self._wanted = wanted
        if not wanted:
            self._slot.cancel()
            return
        self._slot.start(
            insight_tasks.thumbnails(list(wanted)),
            self.tr("making thumbnails"),
            on_yielded=self._on_batch,
            on_done=self._on_done,
        )

    def is_busy(self) -> bool:
        return self._slot.is_busy()

    def _on_batch(self, batch: insight_tasks.ThumbnailBatch) -> None:
        for thumbnail in batch.thumbnails:
            self._cache[thumbnail.path] = thumbnail
            self.ready.emit(thumbnail)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _on_done(self) -> None:
        self._wanted = []
