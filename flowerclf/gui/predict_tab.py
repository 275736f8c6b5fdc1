"""The Predict tab: drop photos, see what the model thinks of each.

A view of the session's current model and of a
:class:`~flowerclf.gui.predictions.PredictionList`: the list of pictures on
the left, the selected one with its bars on the right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui.camera_view import CameraView
from flowerclf.gui.dialogs import image_filter
from flowerclf.gui.drop_area import DropArea, FileDropFilter, local_paths, mime_image
from flowerclf.gui.error_words import describe
from flowerclf.gui.imagenet_opener import ImagenetOpener
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.model_tasks import MODEL_SUFFIXES
from flowerclf.gui.picture_panel import PicturePanel
from flowerclf.gui.predict_tasks import encode_image
from flowerclf.gui.predictions import KEY_ROLE, SORT_ROLE, ImageRow, PredictionList
from flowerclf.gui.session import ModelEntry, Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.tasks import TaskError, TaskRunner


class PredictTab(QWidget):
    """Model choice, drop area, list of pictures, the selected picture and its class bars."""

    openModelRequested = Signal()  # noqa: N815 - the drop area's "Open model…"
    goToTrainRequested = Signal()  # noqa: N815
    currentPhotoChanged = Signal(object, str)  # noqa: N815 - the selected photo's source and name

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self.predictions = PredictionList(runner, self)
        self._build(runner)
        session.currentChanged.connect(self._on_current_model)
        session.modelsChanged.connect(self._fill_model_box)
        session.engineChanged.connect(self._refresh_state)
        session.loadingChanged.connect(self._refresh_state)
        model = self.predictions
        model.rowsFound.connect(self.select_key)
        model.rowChanged.connect(self._on_row_changed)
        model.progressChanged.connect(self._refresh_state)
        model.nothingFound.connect(
            lambda: self.message_bar.show_message(
                self.tr("No pictures were found in what was dropped."), "info"
            )
        )
        model.problem.connect(self._show_problem)
        self._fill_model_box()
        self._refresh_state()

    # -- layout --------------------------------------------------------------------

    def _build(self, runner: TaskRunner) -> None:
        self.message_bar = MessageBar()
        self.model_box = QComboBox()
        self.model_box.setMinimumContentsLength(18)
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.model_box.setToolTip(
            self.tr(
                "The model that classifies the pictures. Models trained in this session stay "
                "here until the app closes."
            )
        )
        self.model_box.activated.connect(self._on_model_chosen)
        self.classes_label = QLabel()
        self.classes_label.setObjectName("Muted")
        self.classes_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.tr("Open images…"))
        self.open_button.setToolTip(self.tr("Choose photos to classify (Ctrl+Shift+O)"))
        self.open_button.clicked.connect(self.open_images_dialog)
        self.paste_action = QAction(self.tr("Paste image"), self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        # Anywhere in the window while this tab shows (a text field being edited
        # still takes Ctrl+V for itself).
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.paste_action.triggered.connect(self.paste)
        self.addAction(self.paste_action)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(
            self.tr(
                "Save every picture's top class and all class probabilities as a spreadsheet (CSV)"
            )
        )
        self.export_button.clicked.connect(self.export_csv_dialog)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Remove all pictures from the list"))
        self.clear_button.clicked.connect(self.clear)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("Model:")))
        header.addWidget(self.model_box)
        header.addWidget(self.classes_label, 1)
        header.addWidget(self.progress)
        self.camera_button = QPushButton(self.tr("Camera"))
        self.camera_button.setCheckable(True)
        self.camera_button.setToolTip(self.tr("Classify the camera's live picture"))
        self.camera_button.toggled.connect(lambda _on: self._refresh_state())
        header.addWidget(self.camera_button)
        header.addWidget(self.open_button)
        header.addWidget(self.export_button)
        header.addWidget(self.clear_button)

        self.drop_area = DropArea()
        self.drop_area.openImagesClicked.connect(self.open_images_dialog)
        self.drop_area.pasteClicked.connect(self.paste)
        self.drop_area.openModelClicked.connect(self.openModelRequested)
        self.drop_area.goToTrainClicked.connect(self.goToTrainRequested)
        self.imagenet = ImagenetOpener(
            self._session, runner, self.message_bar, self._settings, self
        )
        self.drop_area.imagenetClicked.connect(lambda: self.imagenet.open())

        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.predictions)
        self.sorted.setSortRole(SORT_ROLE)
        self.image_list = QTreeView()
        self.image_list.setObjectName("ImageList")
        self.image_list.setModel(self.sorted)
        self.image_list.setRootIsDecorated(False)
        self.image_list.setUniformRowHeights(True)
        self.image_list.setIconSize(QSize(48, 48))
        self.image_list.setAlternatingRowColors(True)
        self.image_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.image_list.setSortingEnabled(True)
        self.image_list.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # arrival order at first
        self.image_list.setMinimumWidth(220)
        list_header = self.image_list.header()
        list_header.setStretchLastSection(False)
        list_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        list_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        list_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.image_list.selectionModel().currentChanged.connect(self._on_current_row)

        self.panel = PicturePanel(runner, self._settings)
        self.image_view = self.panel.image_view
        self.bars = self.panel.bars
        self.heat_map = self.panel.heat_map
        # Picture and bars side by side: screens are wide, and the bars need the
        # height to show many classes without scrolling.
        self.right_splitter = two_panes(
            Qt.Orientation.Horizontal,
            "PredictRightSplitter",
            self.image_view,
            self.panel,
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
        self.camera = CameraView(self._session, runner, self._settings)
        self.camera.snapshotTaken.connect(self.add_image)
        self.pages.addWidget(self.camera)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(header)
        layout.addWidget(self.imagenet.download_line)
        layout.addWidget(self.pages, 1)

        # The whole tab takes drops, whichever part the pointer is over.
        self.drop_filter = FileDropFilter(self)
        self.drop_filter.pathsDropped.connect(self.add_paths)
        self.drop_filter.imageDropped.connect(self.add_image)
        self.drop_filter.dragActive.connect(self._set_drag_active)
        self._settings.restore_splitters("predict", self.splitter, self.right_splitter)

    def _set_drag_active(self, active: bool) -> None:
        """Show where a drop will land: the big panel, or the list once it has rows."""
        self.drop_area.set_drag_active(active)
        self.image_list.setProperty("dragActive", active)
        self.image_list.style().unpolish(self.image_list)
        self.image_list.style().polish(self.image_list)

    def save_settings(self) -> None:
        self._settings.save_splitters("predict", self.splitter, self.right_splitter)
        self._settings.save_splitters("camera", self.camera.splitter)

    # -- the model -------------------------------------------------------------------

    def _fill_model_box(self) -> None:
        models = self._session.models
        self.model_box.clear()
        self.model_box.addItems([entry.label() for entry in models])
        current = self._session.current
        self.model_box.setCurrentIndex(models.index(current) if current in models else -1)
        self.model_box.setEnabled(bool(models))

    def _on_model_chosen(self, index: int) -> None:
        if 0 <= index < len(self._session.models):
            self._session.set_current(self._session.models[index])

    def _on_current_model(self, entry: ModelEntry | None) -> None:
        classifier = entry.classifier if entry is not None else None
        self._fill_model_box()
        self.heat_map.set_classifier(classifier)
        self.predictions.set_classifier(classifier)
        classes = list(classifier.classes) if classifier is not None else []
        self.classes_label.setText(
            self.tr("%n class(es): {names}", "", len(classes)).format(names=", ".join(classes))
            if classes
            else ""
        )
        self.classes_label.setToolTip("\n".join(classes))
        self._show_current()
        self._refresh_state()

    # -- adding pictures -----------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        """Model files among ``paths`` are opened; the rest are classified, after what waits."""
        paths = [str(p) for p in paths]
        models = [p for p in paths if Path(p).suffix.lower() in MODEL_SUFFIXES]
        others = [p for p in paths if p not in models]
        for path in models:
            self._settings.set_folder("models", str(Path(path).parent))
            self._session.open_model(path)
        if others:
            self._settings.set_folder("images", str(Path(others[0]).parent))
            self.predictions.add_paths(others)
        self._refresh_state()

    def add_image(self, image: QImage, name: str = "") -> None:
        """A picture held in memory (pasted or dragged from a browser)."""
        data = encode_image(image)
        key = self.predictions.add_image(data, name or self.tr("Pasted picture"), image)
        self.panel.remember_preview(key, image)
        self.select_key(key)
        self._refresh_state()

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
            self.message_bar.show_message(
                self.tr("The clipboard holds no picture to classify."), "info"
            )

    def open_images_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open images"), self._settings.folder("images"), image_filter()
        )
        if paths:
            self.add_paths(paths)

    def clear(self) -> None:
        """Forget every picture, and whatever was still waiting."""
        self.predictions.clear()
        self.panel.forget_previews()
        self._show_current()
        self._refresh_state()

    # -- the selected picture ------------------------------------------------------------

    def rows(self) -> list[ImageRow]:
        """The rows as listed, top to bottom."""
        keys = [self.sorted.index(i, 0).data(KEY_ROLE) for i in range(self.sorted.rowCount())]
        return [row for row in map(self.predictions.row, keys) if row is not None]

    def current_row(self) -> ImageRow | None:
        key = self.image_list.currentIndex().data(KEY_ROLE)
        return self.predictions.row(key) if key is not None else None

    def select_key(self, key: int) -> None:
        index = self.sorted.mapFromSource(self.predictions.index_of(key))
        if index.isValid():
            self.image_list.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def select_row(self, row: ImageRow) -> None:
        self.select_key(row.key)

    def _on_current_row(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _on_row_changed(self, key: int) -> None:
        current = self.current_row()
        if current is not None and current.key == key:
            self._show_current()

    def _show_current(self) -> None:
        classifying = self._session.current is not None
        row = self.current_row()
        self.panel.show_row(row, classifying)
        self.currentPhotoChanged.emit(*((row.source, row.name) if row else (None, "")))

    # -- export -----------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> int:
        return self.predictions.export_csv(path)

    def export_csv_dialog(self) -> None:
        if not self.predictions.rows():
            self.message_bar.show_message(self.tr("There are no pictures to export yet."), "info")
            return
        start = str(Path(self._settings.folder("export") or ".") / "predictions.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), start, self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            count = self.export_csv(path)
        except Exception as error:  # noqa: BLE001 - worded for the window, nothing is lost
            self.message_bar.show_message(describe(error), "error")
            return
        self._settings.set_folder("export", str(Path(path).parent))
        self.message_bar.show_message(
            self.tr("Saved %n row(s) to {path}.", "", count).format(path=path), "success"
        )

    # -- state ----------------------------------------------------------------------------

    def _show_problem(self, error: TaskError) -> None:
        self.message_bar.show_message(describe(error), "error", details=error.details)

    def _refresh_state(self) -> None:
        session = self._session
        if session.current is not None:
            state = DropArea.READY
        elif (session.engine is None and not session.engine_failed) or session.is_loading():
            state = DropArea.LOADING
        else:
            state = DropArea.NO_MODEL
        self.drop_area.set_state(state, waiting=self.predictions.waiting())
        has_rows = bool(self.predictions.rows())
        self.pages.setCurrentIndex(2 if self.camera_button.isChecked() else int(has_rows))
        self.export_button.setEnabled(has_rows)
        self.clear_button.setEnabled(has_rows)
        done, total = self.predictions.progress()
        if self.predictions.is_busy() and session.current is not None:
            photos, folders = self.predictions.waiting()
            more = self.tr(" (+{n} waiting)").format(n=photos + folders) if photos + folders else ""
            self.progress.setRange(0, max(total, 1) if total else 0)
            self.progress.setValue(min(done, max(total, 1)))
            self.progress.setFormat(self.tr("Classifying %v of %m") + more)
            self.progress.show()
        else:
            self.progress.hide()
