"""The Predict tab: drop photos, see what the model thinks of each."""

from __future__ import annotations

import csv
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui import jobs
from flowerclf.gui.drop_area import DropArea, FileDropFilter, local_paths, mime_image
from flowerclf.gui.heatmap_controls import HeatMapPanel
from flowerclf.gui.image_view import ImageView
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.probability_bars import ProbabilityBars, format_percent
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.workers import Job, JobError

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier, Prediction

IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole
PREVIEW_CACHE = 12


@dataclass
class ImageRow:
    """One picture in the list and what the model said about it."""

    key: int
    source: str | bytes  # a path, or the PNG bytes of a pasted picture
    name: str
    item: QTreeWidgetItem
    prediction: Prediction | None = None
    error: str | None = None
    thumbnail: QImage | None = None

    @property
    def path(self) -> str | None:
        return self.source if isinstance(self.source, str) else None


@dataclass
class _Request:
    """A drop (or paste, or re-run) waiting in line, in arrival order."""

    sources: list[str | bytes]
    expand: bool
    keys: list[int] | None = None  # row per source, once known
    extra: dict[str, Any] = field(default_factory=dict)


class _RowItem(QTreeWidgetItem):
    """Sorts by numbers where the column shows numbers (percentages)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column).lower() < other.text(column).lower()


class PredictTab(QWidget):
    """Drop area, list of images, the selected picture and its class bars."""

    openModelRequested = Signal()  # noqa: N815
    goToTrainRequested = Signal()  # noqa: N815
    modelFilesDropped = Signal(list)  # noqa: N815 - model files found in a drop
    modelChosen = Signal(int)  # noqa: N815 - index in the model choice box
    idle = Signal()  # every queued picture has been classified

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._classifier: Classifier | None = None
        self._rows: dict[int, ImageRow] = {}
        self._by_path: dict[str, int] = {}
        self._next_key = 0
        self._queue: deque[_Request] = deque()
        self._job: Job | None = None
        self._current: _Request | None = None
        self._done_in_job = 0
        self._total_in_job = 0
        self._preview_job: Job | None = None
        self._previews: OrderedDict[int, QImage] = OrderedDict()
        self._model_state = DropArea.LOADING
        self._build()

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()

        self.model_box = QComboBox()
        self.model_box.setMinimumContentsLength(24)
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_box.setToolTip(
            "The model that classifies the pictures. Models trained in this session stay "
            "here until the app closes."
        )
        self.model_box.activated.connect(self.modelChosen)
        self.model_box.setEnabled(False)
        self.classes_label = QLabel()
        self.classes_label.setObjectName("Muted")
        self.classes_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.open_button = QPushButton("Open images…")
        self.open_button.setToolTip("Choose photos to classify")
        self.open_button.clicked.connect(self.open_images_dialog)
        self.paste_action = QAction("Paste image", self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        # Anywhere in the window while this tab shows (a text field being edited
        # still takes Ctrl+V for itself).
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.paste_action.triggered.connect(self.paste)
        self.addAction(self.paste_action)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip(
            "Save every picture's top class and all class probabilities as a spreadsheet (CSV)"
        )
        self.export_button.clicked.connect(self.export_csv_dialog)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Remove all pictures from the list")
        self.clear_button.clicked.connect(self.clear)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()

        header = QHBoxLayout()
        header.addWidget(QLabel("Model:"))
        header.addWidget(self.model_box)
        header.addWidget(self.classes_label, 1)
        header.addWidget(self.progress)
        header.addWidget(self.open_button)
        header.addWidget(self.export_button)
        header.addWidget(self.clear_button)

        self.drop_area = DropArea()
        self.drop_area.openImagesClicked.connect(self.open_images_dialog)
        self.drop_area.pasteClicked.connect(self.paste)
        self.drop_area.openModelClicked.connect(self.openModelRequested)
        self.drop_area.goToTrainClicked.connect(self.goToTrainRequested)

        self.image_list = QTreeWidget()
        self.image_list.setObjectName("ImageList")
        self.image_list.setHeaderLabels(["Image", "Prediction", "Confidence"])
        self.image_list.setRootIsDecorated(False)
        self.image_list.setUniformRowHeights(True)
        self.image_list.setIconSize(QSize(48, 48))
        self.image_list.setAlternatingRowColors(True)
        self.image_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.image_list.setSortingEnabled(True)
        self.image_list.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # arrival order at first
        list_header = self.image_list.header()
        list_header.setStretchLastSection(False)
        list_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        list_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        list_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.image_list.currentItemChanged.connect(self._on_current_changed)
        self.image_list.setMinimumWidth(240)

        self.image_view = ImageView()
        self.top_label = QLabel()
        self.top_label.setObjectName("TopClass")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("Muted")
        self.detail_label.setWordWrap(True)
        self.bars = ProbabilityBars()
        self.heat_map = HeatMapPanel(self.image_view, self._settings)
        self.bars.classClicked.connect(self.heat_map.choose_class)
        self.bars_scroll = QScrollArea()
        self.bars_scroll.setWidget(self.bars)
        self.bars_scroll.setWidgetResizable(True)
        self.bars_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.bars_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        result_panel = QWidget()
        result_layout = QVBoxLayout(result_panel)
        result_layout.setContentsMargins(12, 8, 8, 8)
        result_layout.addWidget(self.top_label)
        result_layout.addWidget(self.detail_label)
        result_layout.addSpacing(6)
        result_layout.addWidget(self.heat_map)
        result_layout.addSpacing(6)
        result_layout.addWidget(self.bars_scroll, 1)

        result_panel.setMinimumWidth(280)
        # Picture and bars side by side: screens are wide, and the bars need the
        # height to show many classes without scrolling.
        self.right_splitter = two_panes(
            Qt.Orientation.Horizontal,
            "PredictRightSplitter",
            self.image_view,
            result_panel,
            stretch=(3, 2),
            sizes=(520, 380),
        )
        self.splitter = two_panes(
            Qt.Orientation.Horizontal,
            "PredictSplitter",
            self.image_list,
            self.right_splitter,
            stretch=(1, 3),
            sizes=(420, 860),
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(self.drop_area)
        self.pages.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

        # The whole tab takes drops, whichever part the pointer is over.
        self.drop_filter = FileDropFilter(self)
        self.drop_filter.pathsDropped.connect(self.add_paths)
        self.drop_filter.imageDropped.connect(self.add_image)
        self.drop_filter.dragActive.connect(self._set_drag_active)

        self._settings.restore_splitters("predict", self.splitter, self.right_splitter)
        self._refresh_state()

    def _set_drag_active(self, active: bool) -> None:
        """Show where a drop will land: the big panel, or the list once it has rows."""
        self.drop_area.set_drag_active(active)
        self.image_list.setProperty("dragActive", active)
        self.image_list.style().unpolish(self.image_list)
        self.image_list.style().polish(self.image_list)

    def save_settings(self) -> None:
        self._settings.save_splitters("predict", self.splitter, self.right_splitter)

    # -- the model -------------------------------------------------------------------

    def set_model_choices(self, names: list[str], current: int) -> None:
        """Fill the model box (the window keeps the models themselves)."""
        self.model_box.clear()
        self.model_box.addItems(names)
        self.model_box.setCurrentIndex(current)
        self.model_box.setEnabled(bool(names))

    def set_model_state(self, state: str) -> None:
        """DropArea.LOADING while the engine or a model loads, NO_MODEL, or READY."""
        self._model_state = state
        self._refresh_state()

    def set_classifier(self, classifier: Classifier | None) -> None:
        """Use this model from now on; pictures already listed are classified again."""
        self._classifier = classifier
        self.heat_map.set_classifier(classifier)
        if classifier is None:
            self.classes_label.setText("")
            self._refresh_state()
            return
        classes = list(classifier.classes)
        self.classes_label.setText(f"{len(classes)} classes: " + ", ".join(classes))
        self.classes_label.setToolTip("\n".join(classes))
        self._model_state = DropArea.READY

        # Whatever was in flight was for the old model: put it back in line.
        if self._job is not None:
            self._job.cancel()
            self._job = None
            if self._current is not None and self._current.keys is None:
                self._queue.appendleft(self._current)
            self._current = None
        pending = [r for r in self._queue if r.keys is None]
        self._queue = deque(pending)
        if self._rows:
            keys = [self._key_at(i) for i in range(self.image_list.topLevelItemCount())]
            for key in keys:
                row = self._rows[key]
                row.prediction, row.error = None, None
                self._update_item(row)
            self._queue.appendleft(
                _Request([self._rows[k].source for k in keys], expand=False, keys=keys)
            )
            self._show_row(self._current_key())
        self._refresh_state()
        self._start_next()

    @property
    def classifier(self) -> Classifier | None:
        return self._classifier

    # -- adding pictures --------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """Files and folders, as dropped: model files go to the window, the rest is queued."""
        models = [p for p in paths if Path(p).suffix.lower() in jobs.MODEL_SUFFIXES]
        others = [p for p in paths if p not in models]
        if models:
            self.modelFilesDropped.emit(models)
        if others:
            self._settings.set_folder("images", str(Path(others[0]).parent))
            self._queue.append(_Request(list(others), expand=True))
            self._refresh_state()
            self._start_next()

    def add_image(self, image: QImage, name: str = "Pasted picture") -> None:
        """A picture held in memory (pasted or dragged from a browser)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        data = bytes(QByteArray(buffer.data()).data())
        buffer.close()
        row = self._new_row(data, name)
        row.thumbnail = image.scaled(
            jobs.THUMBNAIL_SIZE,
            jobs.THUMBNAIL_SIZE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._previews[row.key] = image
        self._update_item(row)
        self.image_list.setCurrentItem(row.item)
        self._queue.append(_Request([data], expand=False, keys=[row.key]))
        self._refresh_state()
        self._start_next()

    def paste(self) -> None:
        """Ctrl+V: a copied picture, or copied files."""
        mime = QGuiApplication.clipboard().mimeData()
        paths = local_paths(mime) if mime is not None else []
        image = mime_image(mime) if mime is not None else None
        if paths:
            self.add_paths(paths)
        elif image is not None:
            self.add_image(image)
        else:
            self.message_bar.show_message("The clipboard holds no picture to classify.", "info")

    def open_images_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open images", self._settings.folder("images"), IMAGE_FILTER
        )
        if paths:
            self.add_paths(paths)

    def clear(self) -> None:
        """Forget every picture, and whatever was still waiting."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._current = None
        self._queue.clear()
        self.image_list.clear()
        self._rows.clear()
        self._by_path.clear()
        self._previews.clear()
        self._show_row(None)
        self._refresh_state()

    # -- the queue ----------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while pictures are being classified or wait for their turn."""
        return self._job is not None or bool(self._queue)

    def _start_next(self) -> None:
        if self._job is not None or not self._queue or self._classifier is None:
            self._update_progress()
            return
        request = self._queue.popleft()
        self._current = request
        self._done_in_job = 0
        self._total_in_job = len(request.sources) if not request.expand else 0
        job = Job(
            jobs.predict_images(self._classifier, request.sources, expand=request.expand),
            "classifying pictures",
        )
        job.progress.connect(lambda events: self._on_progress(request, events))
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda: self._on_job_finished(job))
        self._job = job
        job.start()
        self._update_progress()

    def _on_progress(self, request: _Request, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, jobs.ImagesFound):
                self._on_found(request, event)
            elif isinstance(event, jobs.PredictedBatch) and request.keys is not None:
                for result in event.results:
                    row = self._rows.get(request.keys[result.index])
                    if row is None:
                        continue
                    row.prediction = result.prediction
                    row.error = result.error
                    if result.thumbnail is not None:
                        row.thumbnail = result.thumbnail
                    self._update_item(row)
                    if row.key == self._current_key():
                        self._show_row(row.key)
                self._done_in_job += len(event.results)
        self._update_progress()

    def _on_found(self, request: _Request, event: jobs.ImagesFound) -> None:
        keys: list[int] = []
        for source, error in zip(event.sources, event.errors, strict=True):
            key = self._by_path.get(source)
            row = self._rows.get(key) if key is not None else None
            if row is None:
                row = self._new_row(source, Path(source).name)
            row.prediction, row.error = None, error
            self._update_item(row)
            keys.append(row.key)
        request.keys = keys
        self._total_in_job = len(keys) - sum(e is not None for e in event.errors)
        if not event.sources:
            self.message_bar.show_message("No pictures were found in what was dropped.", "info")
        elif keys:
            self.image_list.setCurrentItem(self._rows[keys[0]].item)
        self._refresh_state()

    def _on_failed(self, error: JobError) -> None:
        self.message_bar.show_message(error.message, "error", details=error.details)

    def _on_job_finished(self, job: Job) -> None:
        if job is not self._job:
            return  # a cancelled job; its successor is already running
        self._job = None
        self._current = None
        self._start_next()
        if not self.is_busy():
            self.idle.emit()

    def _update_progress(self) -> None:
        if self._job is None:
            self.progress.hide()
            return
        waiting = sum(len(r.sources) for r in self._queue)
        total = max(self._total_in_job, 1)
        self.progress.setRange(0, total if self._total_in_job else 0)
        self.progress.setValue(min(self._done_in_job, total))
        more = f" (+{waiting} waiting)" if waiting else ""
        self.progress.setFormat(f"Classifying %v of %m{more}")
        self.progress.show()

    # -- rows ---------------------------------------------------------------------------

    def _new_row(self, source: str | bytes, name: str) -> ImageRow:
        key = self._next_key
        self._next_key += 1
        item = _RowItem()
        item.setData(0, KEY_ROLE, key)
        item.setData(0, SORT_ROLE, key)
        item.setText(0, name)
        item.setToolTip(0, source if isinstance(source, str) else name)
        item.setSizeHint(0, QSize(0, 54))
        row = ImageRow(key=key, source=source, name=name, item=item)
        self._rows[key] = row
        if isinstance(source, str):
            self._by_path[source] = key
        self.image_list.addTopLevelItem(item)
        return row

    def _update_item(self, row: ImageRow) -> None:
        item = row.item
        if row.thumbnail is not None:
            item.setIcon(0, QIcon(QPixmap.fromImage(row.thumbnail)))
        if row.error:
            item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setText(1, "Could not read")
            item.setToolTip(1, row.error)
            item.setText(2, "")
            item.setData(1, SORT_ROLE, None)
            item.setData(2, SORT_ROLE, -1.0)
            item.setForeground(1, self.palette().brush(self.palette().ColorRole.PlaceholderText))
        elif row.prediction is not None and row.prediction.ok:
            item.setText(1, row.prediction.label)
            item.setToolTip(1, "")
            item.setText(2, format_percent(row.prediction.confidence))
            item.setData(2, SORT_ROLE, float(row.prediction.confidence))
            item.setData(1, SORT_ROLE, None)
            item.setForeground(1, self.palette().brush(self.palette().ColorRole.Text))
        else:
            item.setText(1, "…")
            item.setText(2, "")
            item.setData(2, SORT_ROLE, -2.0)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def rows(self) -> list[ImageRow]:
        """The rows as listed, top to bottom."""
        return [self._rows[self._key_at(i)] for i in range(self.image_list.topLevelItemCount())]

    def _key_at(self, index: int) -> int:
        return int(self.image_list.topLevelItem(index).data(0, KEY_ROLE))

    def _current_key(self) -> int | None:
        item = self.image_list.currentItem()
        return int(item.data(0, KEY_ROLE)) if item is not None else None

    def current_row(self) -> ImageRow | None:
        key = self._current_key()
        return self._rows.get(key) if key is not None else None

    def select_row(self, row: ImageRow) -> None:
        self.image_list.setCurrentItem(row.item)

    # -- the selected picture ------------------------------------------------------------

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        self._show_row(int(current.data(0, KEY_ROLE)) if current is not None else None)

    def _show_row(self, key: int | None) -> None:
        row = self._rows.get(key) if key is not None else None
        ok = row is not None and not row.error
        self.heat_map.set_picture(row.key if ok else None, row.source if ok else None)
        if row is None:
            self.image_view.set_image(None)
            self.image_view.set_placeholder("")
            self.top_label.setText("")
            self.detail_label.setText("")
            self.bars.clear()
            return
        preview = self._previews.get(row.key)
        if preview is not None:
            self._previews.move_to_end(row.key)
            self.image_view.set_image(preview)
        else:
            # The thumbnail, enlarged, stands in while the sharp picture loads. A
            # picture about to be classified waits: decoding it for display at the
            # same time would delay its bars, which matter more (on 2 cores a
            # 12-megapixel photo's bars came after 94 ms instead of 80).
            self.image_view.set_image(row.thumbnail)
            waiting = self._classifier is not None and row.prediction is None
            if row.error is None and not waiting:
                self._load_preview(row)
        if row.error:
            self.image_view.set_placeholder("")
            self.top_label.setText("Could not read this file")
            self.detail_label.setText(f"{row.name}: {row.error}")
            self.bars.clear()
        elif row.prediction is not None and row.prediction.ok:
            prediction = row.prediction
            self.top_label.setText(prediction.label)
            self.detail_label.setText(f"{format_percent(prediction.confidence)} sure · {row.name}")
            self.bars.set_probabilities(prediction.classes, list(prediction.probs))
        else:
            self.top_label.setText("…")
            self.detail_label.setText(f"Waiting to be classified · {row.name}")
            self.bars.clear()

    def _load_preview(self, row: ImageRow) -> None:
        if self._preview_job is not None:
            self._preview_job.cancel()
        key = row.key
        job = Job(jobs.load_preview(row.source), "loading the picture")
        job.result.connect(lambda image: self._on_preview(key, image))
        # A picture that the model could read but the preview could not is rare;
        # the thumbnail stays, which is enough.
        self._preview_job = job
        job.finished.connect(lambda: self._on_preview_finished(job))
        job.start()

    def _on_preview(self, key: int, image: QImage) -> None:
        self._previews[key] = image
        while len(self._previews) > PREVIEW_CACHE:
            self._previews.popitem(last=False)
        if key == self._current_key():
            self.image_view.set_image(image)

    def _on_preview_finished(self, job: Job) -> None:
        if job is self._preview_job:
            self._preview_job = None

    # -- export -----------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> int:
        """Write one line per picture: path, top class, every class's probability.

        Returns the number of pictures written. Rows that could not be read
        are written too, with their error and no probabilities.
        """
        rows = self.rows()
        classes = list(self._classifier.classes) if self._classifier is not None else []
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["path", "top_class", *classes, "error"])
            for row in rows:
                where = row.path or row.name
                prediction = row.prediction
                if prediction is not None and prediction.ok and list(prediction.classes) == classes:
                    probs = [f"{float(p):.6f}" for p in prediction.probs]
                    writer.writerow([where, prediction.label, *probs, ""])
                else:
                    writer.writerow([where, "", *([""] * len(classes)), row.error or ""])
        return len(rows)

    def export_csv_dialog(self) -> None:
        if not self._rows:
            self.message_bar.show_message("There are no pictures to export yet.", "info")
            return
        start = str(Path(self._settings.folder("export") or ".") / "predictions.csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export CSV", start, "CSV files (*.csv)")
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            count = self.export_csv(path)
        except OSError as exc:
            self.message_bar.show_message(f"Could not write {path}: {exc.strerror}", "error")
            return
        self._settings.set_folder("export", str(Path(path).parent))
        self.message_bar.show_message(f"Saved {count} rows to {path}.", "success")

    # -- state ----------------------------------------------------------------------------

    def _refresh_state(self) -> None:
        waiting = len(self._queue) + (1 if self._job is not None else 0)
        state = self._model_state if self._classifier is None else DropArea.READY
        self.drop_area.set_state(state, waiting=waiting)
        has_rows = bool(self._rows)
        self.pages.setCurrentIndex(1 if has_rows else 0)
        self.export_button.setEnabled(has_rows)
        self.clear_button.setEnabled(has_rows)
        self.open_button.setEnabled(self._classifier is not None)

    def shutdown(self) -> None:
        """Stop everything this tab started (the window waits for the threads)."""
        for job in (self._job, self._preview_job):
            if job is not None:
                job.cancel()
        self.heat_map.shutdown()
        self._queue.clear()
