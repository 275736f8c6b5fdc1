"""The Predict tab's view-model: the pictures listed, what the model said of each, and the queue.

:class:`PredictionList` is a Qt table model (Image, Prediction, Confidence)
that a view shows through a sort proxy. Drops, pastes and "classify again with
the new model" wait in line and run one at a time through the task runner's
``predict`` slot; each batch's results arrive as typed partial results and
fill their rows as they come.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QPixmap

from flowerclf.gui import predict_tasks
from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.tasks import Policy, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier, Prediction

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
THUMBNAIL_ROW = 52  # a row's height: a 48-pixel thumbnail and a little air
KEY_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (
    QT_TRANSLATE_NOOP("PredictionList", "Image"),
    QT_TRANSLATE_NOOP("PredictionList", "Prediction"),
    QT_TRANSLATE_NOOP("PredictionList", "Confidence"),
)
_Index = QModelIndex | QPersistentModelIndex


@dataclass
class ImageRow:
    """One picture in the list and what the model said about it."""

    key: int
    source: str | bytes  # a path, or the PNG bytes of a pasted picture
    name: str
    prediction: Prediction | None = None
    error: str | None = None
    thumbnail: QImage | None = None
    icon: QIcon | None = None

    @property
    def path(self) -> str | None:
        return self.source if isinstance(self.source, str) else None

    @property
    def ok(self) -> bool:
        return self.error is None and self.prediction is not None and self.prediction.ok


@dataclass
class _Request:
    """A drop (or paste, or re-run) waiting in line, in arrival order."""

    sources: list[str | bytes]
    expand: bool
    keys: list[int] | None = None  # the row of each source, once known
    done: int = field(default=0)


class PredictionList(QAbstractTableModel):
    """Rows of pictures; classifies them with the current model, one request at a time."""

    rowsFound = Signal(int)  # noqa: N815 - the key of the first row of a drop, to select it
    rowChanged = Signal(int)  # noqa: N815 - a row's prediction, error or thumbnail changed
    progressChanged = Signal()  # noqa: N815
    idle = Signal()  # every queued picture has been classified
    nothingFound = Signal()  # noqa: N815 - a drop held no picture
    problem = Signal(object)  # a TaskError

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slot = runner.slot("predict", Policy.EXCLUSIVE)
        self._classifier: Classifier | None = None
        self._rows: list[ImageRow] = []
        self._by_key: dict[int, ImageRow] = {}
        self._by_path: dict[str, int] = {}
        self._next_key = 0
        self._queue: deque[_Request] = deque()
        self._current: _Request | None = None
        self._total_in_task = 0
        # A request refused while a cancelled task was still ending goes once the slot is free.
        self._slot.busyChanged.connect(lambda busy: busy or self._start_next())

    # -- Qt's table model ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == KEY_ROLE:
            return row.key
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            if column == 0:
                return row.key  # arrival order
            if column == 2:
                return float(row.prediction.confidence) if row.ok else (-1.0 if row.error else -2.0)
            return (_display(row, column) or "").lower()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            if row.icon is None and row.thumbnail is not None and not row.error:
                row.icon = QIcon(QPixmap.fromImage(row.thumbnail))
            return row.icon
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1 and row.error:
                return row.error
            return row.path or row.name
        if role == Qt.ItemDataRole.SizeHintRole and column == 0:
            # Every row as tall as a thumbnail: the list's rows are uniform, and the
            # first row may have none (a file that could not be read).
            return QSize(0, THUMBNAIL_ROW)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- the rows -------------------------------------------------------------------------

    def rows(self) -> list[ImageRow]:
        """In arrival order."""
        return list(self._rows)

    def row(self, key: int) -> ImageRow | None:
        return self._by_key.get(key)

    def index_of(self, key: int) -> QModelIndex:
        row = self._by_key.get(key)
        return self.index(self._rows.index(row), 0) if row is not None else QModelIndex()

    def _new_row(self, source: str | bytes, name: str) -> ImageRow:
        row = ImageRow(key=self._next_key, source=source, name=name)
        self._next_key += 1
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(row)
        self._by_key[row.key] = row
        if isinstance(source, str):
            self._by_path[source] = row.key
        self.endInsertRows()
        return row

    def _changed(self, row: ImageRow) -> None:
        position = self._rows.index(row)
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))
        self.rowChanged.emit(row.key)

    def clear(self) -> None:
        """Forget every picture, and whatever was still waiting."""
        self._slot.cancel()
        self._queue.clear()
        self._current = None
        self.beginResetModel()
        self._rows.clear()
        self._by_key.clear()
        self._by_path.clear()
        self.endResetModel()
        self.progressChanged.emit()

    # -- asking ---------------------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """Classify files and folders (searched inside), after whatever is waiting."""
        if paths:
            self._queue.append(_Request(list(paths), expand=True))
            self._start_next()

    def add_image(self, data: bytes, name: str, image: QImage) -> int:
        """A picture held in memory (pasted): its encoded bytes and how it looks; the row's key."""
        row = self._new_row(data, name)
        row.thumbnail = image.scaled(
            predict_tasks.THUMBNAIL_SIZE,
            predict_tasks.THUMBNAIL_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._queue.append(_Request([data], expand=False, keys=[row.key]))
        self._start_next()
        return row.key

    def set_classifier(self, classifier: Classifier | None) -> None:
        """Use this model from now on; pictures already listed are classified again."""
        self._classifier = classifier
        if self._current is not None:
            # Whatever was in flight was for the old model: put it back in line.
            self._slot.cancel()
            if self._current.keys is None:
                self._queue.appendleft(self._current)
            self._current = None
        waiting = {key for request in self._queue for key in (request.keys or [])}
        again = [row for row in self._rows if row.error is None and row.key not in waiting]
        for row in again:
            row.prediction = None
            self._changed(row)
        if again:
            keys = [row.key for row in again]
            self._queue.appendleft(_Request([row.source for row in again], False, keys))
        self._start_next()

    # -- the queue ------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while pictures are being classified or wait for their turn."""
        return self._current is not None or bool(self._queue)

    def progress(self) -> tuple[int, int]:
        """(done, total) of the request being classified; total 0 while unknown."""
        return (self._current.done if self._current else 0), self._total_in_task

    def waiting(self) -> tuple[int, int]:
        """(photos, folders) waiting for their turn (folders are counted once opened)."""
        photos = folders = 0
        for request in self._queue:
            if request.keys is not None or not request.expand:
                photos += len(request.sources)
            else:
                dirs = sum(1 for s in request.sources if isinstance(s, str) and Path(s).is_dir())
                folders += dirs
                photos += len(request.sources) - dirs
        return photos, folders

    def _start_next(self) -> None:
        if self._current is not None or not self._queue or self._classifier is None:
            self.progressChanged.emit()
            return
        request = self._queue.popleft()
        fn = predict_tasks.predict_images(self._classifier, request.sources, expand=request.expand)
        started = self._slot.start(
            fn,
            self.tr("classifying pictures"),
            on_yielded=lambda news: self._on_news(request, news),
            on_error=self.problem.emit,
            on_done=self._on_done,
        )
        if not started:  # a cancelled task still ending: try again once it has
            self._queue.appendleft(request)
            return
        self._current = request
        self._total_in_task = len(request.sources) if not request.expand else 0
        self.progressChanged.emit()

    def _on_news(self, request: _Request, news: Any) -> None:
        if isinstance(news, predict_tasks.ImagesFound):
            self._on_found(request, news)
        elif isinstance(news, predict_tasks.PredictedBatch) and request.keys is not None:
            for result in news.results:
                row = self._by_key.get(request.keys[result.index])
                if row is None:
                    continue
                row.prediction, row.error = result.prediction, result.error
                if result.thumbnail is not None:
                    row.thumbnail, row.icon = result.thumbnail, None
                self._changed(row)
            request.done += len(news.results)
        self.progressChanged.emit()

    def _on_found(self, request: _Request, found: predict_tasks.ImagesFound) -> None:
        keys: list[int] = []
        for source, error in zip(found.sources, found.errors, strict=True):
            key = self._by_path.get(source)
            row = self._by_key.get(key) if key is not None else None
            if row is None:
                row = self._new_row(source, Path(source).name)
            row.prediction, row.error = None, error
            self._changed(row)
            keys.append(row.key)
        request.keys = keys
        self._total_in_task = len(keys) - sum(e is not None for e in found.errors)
        if not keys:
            self.nothingFound.emit()
        else:
            self.rowsFound.emit(keys[0])

    def _on_done(self) -> None:
        self._current = None
        self._total_in_task = 0
        self._start_next()
        if not self.is_busy():
            self.idle.emit()

    # -- export ---------------------------------------------------------------------------

    def csv_text(self) -> str:
        """One line per picture: path, top class, every class's probability, error."""
        classes = list(self._classifier.classes) if self._classifier is not None else []
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(["path", "top_class", *classes, "error"])
        for row in self._rows:
            where = row.path or row.name
            prediction = row.prediction
            if row.ok and prediction is not None and list(prediction.classes) == classes:
                probs = [f"{float(p):.6f}" for p in prediction.probs]
                writer.writerow([where, prediction.label, *probs, ""])
            else:
                writer.writerow([where, "", *([""] * len(classes)), row.error or ""])
        return out.getvalue()

    def export_csv(self, path: str | Path) -> int:
        """Write :meth:`csv_text` to ``path`` atomically; the number of pictures written."""
        from flowerclf.core.files import atomic_write_bytes

        atomic_write_bytes(path, self.csv_text().encode("utf-8"), what="the table")
        return len(self._rows)


def _display(row: ImageRow, column: int) -> str:
    if column == 0:
        return row.name
    if row.error:
        return QCoreApplication.translate("PredictionList", "Could not read") if column == 1 else ""
    if row.ok and row.prediction is not None:
        return row.prediction.label if column == 1 else format_percent(row.prediction.confidence)
    return "…" if column == 1 else ""
