"""The Results tab: how good the current model is, and which pictures it gets wrong.

It shows a core ``Evaluation``: the one made at the end of a training run,
the one stored in a model file, or one made here on any dataset folder. The
accuracy heads the tab; below are the confusion matrix (click a cell to see
its images), the per-class metrics, and the images to review, worst first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.events import StageEvent
from flowerclf.gui import insight_jobs
from flowerclf.gui.confusion_matrix import ConfusionMatrix, describe_cell
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.review_list import CellImages, ReviewList
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.workers import Job, JobError

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.evaluation import Evaluation
    from flowerclf.core.predict import Classifier

#: Thumbnails are made for this many rows of the review list (the worst ones);
#: the rest show their names only, so a big folder costs no more than this.
REVIEW_THUMBNAILS = 200
CELL_THUMBNAILS = 400
THUMBNAIL_CACHE = 1200


@dataclass
class ShownEvaluation:
    """An evaluation of one model and where it comes from."""

    evaluation: Evaluation
    source: str  # completes "… on <source>"
    training: Any = None  # the TrainingResult it came with, for the report's curves
    stored: bool = False  # read back from the model file (review list cut short)


class ResultsTab(QWidget):
    """Accuracy, confusion matrix, per-class metrics, images of a cell, images to review."""

    openImageRequested = Signal(str)  # noqa: N815 - classify this file in the Predict tab

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._classifier: Classifier | None = None
        self._by_model: dict[int, tuple[Classifier, ShownEvaluation]] = {}
        self._shown: ShownEvaluation | None = None
        self._cell: tuple[int, int] | None = None
        self._eval_job: Job | None = None
        self._eval_for: Classifier | None = None
        self._report_job: Job | None = None
        self._thumb_job: Job | None = None
        self._wanted: list[str] = []
        self._thumbnails: OrderedDict[str, insight_jobs.Thumbnail] = OrderedDict()
        self._build()
        self._refresh()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()

        self.accuracy_label = QLabel()
        self.accuracy_label.setObjectName("TopClass")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("Muted")
        self.summary_label.setWordWrap(True)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop evaluating; the images done so far are shown")
        self.stop_button.clicked.connect(self.stop_evaluation)
        self.stop_button.hide()
        self.evaluate_button = QPushButton("Evaluate on a folder…")
        self.evaluate_button.setToolTip(
            "Check the current model on a folder of labelled photos (one sub-folder per class)"
        )
        self.evaluate_button.clicked.connect(self.evaluate_folder_dialog)
        self.export_button = QPushButton("Export report…")
        self.export_button.setToolTip(
            "Save an HTML page with the settings, curves, confusion matrix, per-class "
            "scores and the images to review"
        )
        self.export_button.clicked.connect(self.export_report_dialog)

        header = QHBoxLayout()
        header.addWidget(self.accuracy_label)
        header.addSpacing(12)
        header.addWidget(self.summary_label, 1)
        header.addWidget(self.progress)
        header.addWidget(self.stop_button)
        header.addWidget(self.evaluate_button)
        header.addWidget(self.export_button)

        # Empty state: what to do to get results.
        self.empty_label = QLabel()
        self.empty_label.setObjectName("Muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addStretch(2)

        # The confusion matrix and the per-class table, one above the other.
        self.matrix = ConfusionMatrix()
        self.matrix.cellChosen.connect(self.show_cell)
        matrix_title = QLabel("<b>Confusion matrix</b>")
        matrix_hint = QLabel(
            "Green: recognised correctly · red: taken for another class. "
            "Click a cell to see its images."
        )
        matrix_hint.setObjectName("Muted")
        matrix_hint.setWordWrap(True)
        matrix_panel = QWidget()
        matrix_layout = QVBoxLayout(matrix_panel)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(matrix_title)
        matrix_layout.addWidget(matrix_hint)
        matrix_layout.addWidget(self.matrix, 1)

        self.metrics_table = QTableWidget(0, 5)
        self.metrics_table.setObjectName("ClassMetrics")
        self.metrics_table.setHorizontalHeaderLabels(
            ["Class", "Precision", "Recall", "F1", "Images"]
        )
        tips = (
            "",
            "Of the images predicted as this class, the share that truly are",
            "Of the images of this class, the share the model recognised",
            "Precision and recall in one number (their harmonic mean)",
            "Images of this class that were evaluated",
        )
        for column, tip in enumerate(tips):
            self.metrics_table.horizontalHeaderItem(column).setToolTip(tip)
        self.metrics_table.verticalHeader().hide()
        self.metrics_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.metrics_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.metrics_table.setAlternatingRowColors(True)
        metrics_header = self.metrics_table.horizontalHeader()
        metrics_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            metrics_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        metrics_panel = QWidget()
        metrics_layout = QVBoxLayout(metrics_panel)
        metrics_layout.setContentsMargins(0, 0, 0, 0)
        metrics_layout.addWidget(QLabel("<b>Per class</b>"))
        metrics_layout.addWidget(self.metrics_table, 1)

        self.left_splitter = two_panes(
            Qt.Orientation.Vertical,
            "ResultsLeftSplitter",
            matrix_panel,
            metrics_panel,
            stretch=(3, 2),
        )

        # Images to review, and the images of the chosen cell.
        self.review_list = ReviewList()
        self.review_list.openRequested.connect(self.open_in_predict)
        self.review_list.showInFolderRequested.connect(self.show_in_folder)
        self.review_list.currentItemChanged.connect(lambda *_: self._refresh_review_buttons())
        self.review_hint = QLabel()
        self.review_hint.setObjectName("Muted")
        self.review_hint.setWordWrap(True)
        self.open_button = QPushButton("Open in Predict")
        self.open_button.setToolTip("Classify the selected image in the Predict tab")
        self.open_button.clicked.connect(lambda: self._with_selected(self.open_in_predict))
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setToolTip("Open the folder that holds the selected image")
        self.folder_button.clicked.connect(lambda: self._with_selected(self.show_in_folder))
        review_buttons = QHBoxLayout()
        review_buttons.addWidget(self.review_hint, 1)
        review_buttons.addWidget(self.open_button)
        review_buttons.addWidget(self.folder_button)
        review_page = QWidget()
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(4, 6, 4, 4)
        review_layout.addWidget(self.review_list, 1)
        review_layout.addLayout(review_buttons)

        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.cell_images = CellImages()
        self.cell_images.openRequested.connect(self.open_in_predict)
        self.cell_images.showInFolderRequested.connect(self.show_in_folder)
        cell_page = QWidget()
        cell_layout = QVBoxLayout(cell_page)
        cell_layout.setContentsMargins(4, 6, 4, 4)
        cell_layout.addWidget(self.cell_label)
        cell_layout.addWidget(self.cell_images, 1)

        self.image_tabs = QTabWidget()
        self.image_tabs.setDocumentMode(True)
        self.review_page_index = self.image_tabs.addTab(review_page, "Images to review")
        self.cell_page_index = self.image_tabs.addTab(cell_page, "Images of the cell")
        self.image_tabs.setTabToolTip(
            self.review_page_index,
            "Every image, ranked: confident mistakes first, then right answers the model "
            "was unsure of. Often these are mislabelled or odd photos.",
        )

        self.splitter = two_panes(
            Qt.Orientation.Horizontal,
            "ResultsSplitter",
            self.left_splitter,
            self.image_tabs,
            stretch=(1, 1),
            sizes=(560, 640),
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

        self._settings.restore_splitters("results", self.splitter, self.left_splitter)

    def save_settings(self) -> None:
        self._settings.save_splitters("results", self.splitter, self.left_splitter)

    # -- which evaluation ----------------------------------------------------------------

    def set_classifier(self, classifier: Classifier | None) -> None:
        """Show the evaluation of this model: made here, at training, or stored in its file."""
        self._classifier = classifier
        shown = None
        if classifier is not None:
            known = self._by_model.get(id(classifier))
            if known is not None and known[0] is classifier:
                shown = known[1]
            else:
                shown = self._stored(classifier)
                if shown is not None:
                    self._remember(classifier, shown)
        self._show(shown)

    def _stored(self, classifier: Classifier) -> ShownEvaluation | None:
        data = (getattr(classifier, "metadata", None) or {}).get("evaluation")
        if not isinstance(data, dict):
            return None
        from flowerclf.core.evaluation import Evaluation

        try:
            evaluation = Evaluation.from_json_dict(data)
        except ValueError:
            return None
        return ShownEvaluation(
            evaluation, "its validation images (stored in the model)", stored=True
        )

    def _remember(self, classifier: Classifier, shown: ShownEvaluation) -> None:
        self._by_model[id(classifier)] = (classifier, shown)

    def show_training_result(self, result: Any) -> None:
        """A training run ended: its model was scored on the validation images."""
        evaluation = getattr(result, "evaluation", None)
        if evaluation is None:
            return
        count = evaluation.total
        shown = ShownEvaluation(
            evaluation, f"the {count} validation images of the training run", training=result
        )
        self._remember(result.classifier, shown)
        if result.classifier is self._classifier:
            self._show(shown)

    def show_evaluation(
        self, evaluation: Evaluation, source: str, classifier: Classifier | None = None
    ) -> None:
        """Show ``evaluation`` (of ``classifier``, by default the current model)."""
        owner = classifier if classifier is not None else self._classifier
        training = None
        if owner is not None:
            known = self._by_model.get(id(owner))
            if known is not None and known[0] is owner:
                training = known[1].training
        shown = ShownEvaluation(evaluation, source, training=training)
        if owner is not None:
            self._remember(owner, shown)
        if owner is self._classifier:
            self._show(shown)

    @property
    def evaluation(self) -> Evaluation | None:
        """The evaluation shown, if any."""
        return self._shown.evaluation if self._shown is not None else None

    @property
    def shown(self) -> ShownEvaluation | None:
        return self._shown

    # -- showing it --------------------------------------------------------------------------

    def _show(self, shown: ShownEvaluation | None) -> None:
        self._shown = shown
        self._cell = None
        self.cell_images.clear()
        self.cell_label.setText("Click a cell of the confusion matrix to see its images here.")
        self.image_tabs.setCurrentIndex(self.review_page_index)
        if shown is None:
            self.matrix.clear()
            self.metrics_table.setRowCount(0)
            self.review_list.clear()
            self._refresh()
            return
        evaluation = shown.evaluation
        self.matrix.set_matrix(evaluation.classes, evaluation.confusion)
        self._fill_metrics(evaluation)
        self.review_list.set_items(evaluation.review)
        if shown.stored:
            self.review_hint.setText(
                f"The model file keeps the {len(evaluation.review)} worst images, "
                "so a cell may list fewer images than it counts."
            )
        else:
            self.review_hint.setText("Double-click an image to classify it in Predict.")
        self._request_thumbnails(self.review_list.paths()[:REVIEW_THUMBNAILS], first=False)
        self._refresh()

    def _fill_metrics(self, evaluation: Evaluation) -> None:
        table = self.metrics_table
        names = list(evaluation.classes)
        table.setRowCount(len(names) + 1)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        def put(row: int, values: list[str], bold: bool = False) -> None:
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(right)
                if bold:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)

        for row, name in enumerate(names):
            m = evaluation.per_class[name]
            put(
                row,
                [
                    name,
                    format_percent(m.precision),
                    format_percent(m.recall),
                    format_percent(m.f1),
                    str(m.support),
                ],
            )
        macro = evaluation.metrics
        put(
            len(names),
            [
                "Average of the classes",
                format_percent(macro.macro_precision),
                format_percent(macro.macro_recall),
                format_percent(macro.macro_f1),
                str(evaluation.total),
            ],
            bold=True,
        )

    def show_cell(self, true: int, predicted: int) -> None:
        """List the images behind one cell of the confusion matrix."""
        if self._shown is None:
            return
        evaluation = self._shown.evaluation
        classes = evaluation.classes
        items = evaluation.cell_items(true, predicted)
        self._cell = (true, predicted)
        count = int(evaluation.confusion[true][predicted])
        what = describe_cell(classes, count, true, predicted, rich=True)
        if len(items) < count:
            what += f" (the model file keeps {len(items)} of them)"
        if count:
            what += ". Double-click one to classify it in Predict."
        self.cell_label.setText(what)
        self.cell_images.set_items(items)
        self.image_tabs.setTabText(
            self.cell_page_index, f"{classes[true]} → {classes[predicted]} ({count})"
        )
        self.image_tabs.setCurrentIndex(self.cell_page_index)
        self._request_thumbnails(self.cell_images.paths()[:CELL_THUMBNAILS], first=True)

    def cell(self) -> tuple[int, int] | None:
        return self._cell

    # -- thumbnails ------------------------------------------------------------------------

    def _request_thumbnails(self, paths: list[str], first: bool) -> None:
        """Make the thumbnails of ``paths`` (cached ones at once, the rest in a job)."""
        for path in paths:
            cached = self._thumbnails.get(path)
            if cached is not None:
                self._apply_thumbnail(cached)
        new = [p for p in dict.fromkeys(paths) if p not in self._thumbnails]
        rest = [p for p in self._wanted if p not in self._thumbnails and p not in set(new)]
        wanted = new + rest if first else rest + new
        if wanted == self._wanted and self._thumb_job is not None:
            return
        if self._thumb_job is not None:
            self._thumb_job.cancel()
            self._thumb_job = None
        self._wanted = wanted
        if wanted:
            job = Job(insight_jobs.thumbnails(list(wanted)), "making thumbnails")
            job.progress.connect(self._on_thumbnails)
            job.finished.connect(lambda: self._on_thumbnails_finished(job))
            self._thumb_job = job
            job.start()

    def _on_thumbnails(self, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, insight_jobs.ThumbnailBatch):
                for thumbnail in event.thumbnails:
                    self._thumbnails[thumbnail.path] = thumbnail
                    self._apply_thumbnail(thumbnail)
        while len(self._thumbnails) > THUMBNAIL_CACHE:
            self._thumbnails.popitem(last=False)

    def _apply_thumbnail(self, thumbnail: insight_jobs.Thumbnail) -> None:
        self._thumbnails.move_to_end(thumbnail.path)
        self.review_list.set_thumbnail(thumbnail.path, thumbnail.image, thumbnail.error)
        self.cell_images.set_thumbnail(thumbnail.path, thumbnail.image, thumbnail.error)

    def _on_thumbnails_finished(self, job: Job) -> None:
        if job is self._thumb_job:
            self._thumb_job = None
            self._wanted = []

    def is_loading_thumbnails(self) -> bool:
        return self._thumb_job is not None

    # -- opening images ----------------------------------------------------------------------

    def _with_selected(self, action: Any) -> None:
        path = self.review_list.current_path()
        if path is not None:
            action(path)

    def open_in_predict(self, path: str) -> bool:
        """Ask the window to classify ``path`` in the Predict tab (if the file is still there)."""
        if not Path(path).is_file():
            self.message_bar.show_message(f"{Path(path).name}: file not found ({path}).", "warning")
            return False
        self.openImageRequested.emit(path)
        return True

    def show_in_folder(self, path: str) -> bool:
        """Open the folder holding ``path`` in the desktop's file manager."""
        folder = Path(path).parent
        if not folder.is_dir():
            self.message_bar.show_message(f"The folder {folder} no longer exists.", "warning")
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.message_bar.show_message(f"Could not open the folder {folder}.", "warning")
            return False
        return True

    # -- evaluating on a folder -------------------------------------------------------------

    def evaluate_folder_dialog(self) -> None:
        if self._classifier is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            "Evaluate on a folder (one sub-folder per class)",
            self._settings.folder("dataset"),
        )
        if folder:
            self.evaluate_folder(folder)

    def evaluate_folder(self, folder: str | Path) -> Job | None:
        """Score the current model on every image of ``folder`` in a worker."""
        if self._classifier is None or self._eval_job is not None:
            return None
        folder = Path(folder)
        classifier = self._classifier
        job = Job(insight_jobs.evaluate_folder(classifier, folder), f"evaluating on {folder.name}")
        job.progress.connect(self._on_eval_progress)
        job.result.connect(lambda evaluation: self._on_evaluated(classifier, folder, evaluation))
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda: self._on_eval_finished(job))
        self._eval_job = job
        self._eval_for = classifier
        self.message_bar.dismiss()
        self.progress.setRange(0, 0)
        self.progress.setFormat("Looking through the folder…")
        job.start()
        self._refresh()
        return job

    def is_evaluating(self) -> bool:
        return self._eval_job is not None

    def stop_evaluation(self) -> None:
        if self._eval_job is not None:
            self._eval_job.request_stop()
            self.stop_button.setEnabled(False)
            self.progress.setFormat("Stopping…")

    def _on_eval_progress(self, events: list[Any]) -> None:
        stages = [e for e in events if isinstance(e, StageEvent)]
        if not stages or self._eval_job is None or self._eval_job.stop_request.requested:
            return
        event = stages[-1]
        self.progress.setRange(0, max(1, int(event.total)))
        self.progress.setValue(int(event.done))
        left = ""
        if event.eta_s is not None and event.done:
            left = f" · {max(1, round(event.eta_s))} s left"
        self.progress.setFormat(f"Evaluating %v of %m{left}")

    def _on_evaluated(self, classifier: Classifier, folder: Path, evaluation: Evaluation) -> None:
        if evaluation.total == 0:
            self.message_bar.show_message("Stopped before any image was evaluated.", "info")
            return
        source = f"all {evaluation.total} images in {folder}"
        if evaluation.stopped:
            source = f"the first {evaluation.total} images in {folder} (stopped early)"
        self.show_evaluation(evaluation, source, classifier)
        if evaluation.skipped:
            names = ", ".join(path.name for path, _ in evaluation.skipped[:5])
            more = "…" if len(evaluation.skipped) > 5 else ""
            self.message_bar.show_message(
                f"{len(evaluation.skipped)} file(s) could not be read and were left out: "
                f"{names}{more}",
                "warning",
            )

    def _on_failed(self, error: JobError) -> None:
        self.message_bar.show_message(error.message, "error", details=error.details)

    def _on_eval_finished(self, job: Job) -> None:
        if job is self._eval_job:
            self._eval_job = None
            self._eval_for = None
        self._refresh()

    # -- the report ---------------------------------------------------------------------------

    def export_report_dialog(self) -> None:
        if self._classifier is None:
            self.message_bar.show_message("There is no model to report on yet.", "info")
            return
        start = Path(self._settings.folder("export") or ".") / "flowerclf-report.html"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export report", str(start), "Web page (*.html)"
        )
        if path:
            self.export_report(path)

    def export_report(self, path: str | Path) -> Job | None:
        """Write the HTML report of the shown evaluation (with the training curves if known)."""
        if self._classifier is None or self._report_job is not None:
            return None
        path = Path(path)
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        self._settings.set_folder("export", str(path.parent))
        shown = self._shown
        job = Job(
            insight_jobs.write_report(
                path,
                shown.evaluation if shown is not None else None,
                self._classifier,
                shown.training if shown is not None else None,
            ),
            "writing the report",
        )
        job.result.connect(
            lambda written: self.message_bar.show_message(
                f"Saved the report to {written}.", "success"
            )
        )
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda: self._on_report_finished(job))
        self._report_job = job
        job.start()
        self._refresh()
        return job

    def _on_report_finished(self, job: Job) -> None:
        if job is self._report_job:
            self._report_job = None
        self._refresh()

    # -- state --------------------------------------------------------------------------------

    def _refresh(self) -> None:
        has_model = self._classifier is not None
        shown = self._shown
        evaluating = self._eval_job is not None
        self.evaluate_button.setEnabled(has_model and not evaluating)
        self.export_button.setEnabled(has_model and self._report_job is None)
        self.progress.setVisible(evaluating)
        self.stop_button.setVisible(evaluating)
        self.stop_button.setEnabled(evaluating and not self._eval_job.stop_request.requested)
        if shown is None:
            self.pages.setCurrentIndex(0)
            self.accuracy_label.setText("")
            self.summary_label.setText("")
            if not has_model:
                self.empty_label.setText(
                    "Open or train a model to see how well it does: which classes it "
                    "confuses, and which pictures it gets wrong."
                )
            else:
                self.empty_label.setText(
                    "This model has not been evaluated yet.\n\nClick “Evaluate on a folder…” "
                    "and choose a folder of labelled photos (one sub-folder per class) to see "
                    "where it goes wrong."
                )
            self._refresh_review_buttons()
            return
        evaluation = shown.evaluation
        self.pages.setCurrentIndex(1)
        self.accuracy_label.setText(f"Accuracy {format_percent(evaluation.accuracy)}")
        total = evaluation.total
        mistakes = total - int(
            sum(evaluation.confusion[i][i] for i in range(len(evaluation.classes)))
        )
        parts = [
            f"{total - mistakes} of {total} images right, {mistakes} "
            f"{'mistake' if mistakes == 1 else 'mistakes'}, on {shown.source}"
        ]
        if evaluation.skipped:
            parts.append(f"{len(evaluation.skipped)} unreadable file(s) left out")
        self.summary_label.setText(" · ".join(parts))
        self.summary_label.setToolTip(self.summary_label.text())
        self._refresh_review_buttons()

    def _refresh_review_buttons(self) -> None:
        selected = self.review_list.current_path() is not None
        self.open_button.setEnabled(selected)
        self.folder_button.setEnabled(selected)

    def shutdown(self) -> None:
        """Stop everything this tab started (the window waits for the threads)."""
        for job in (self._eval_job, self._thumb_job, self._report_job):
            if job is not None:
                job.cancel()
