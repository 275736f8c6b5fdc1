"""The Results tab: how good the current model is, and which pictures it gets wrong.

It shows a core ``Evaluation``: the one made at the end of a training run,
the one stored in a model file, or one made here on any dataset folder. The
accuracy heads the tab; below are the confusion matrix (click a cell to see
its images), the per-class metrics, and the images to review, worst first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.events import StageEvent
from flowerclf.gui import insight_tasks, results_words
from flowerclf.gui.class_metrics import class_metrics_table, fill_class_metrics
from flowerclf.gui.comparison_view import ComparisonView
from flowerclf.gui.confusion_matrix import ConfusionMatrix
from flowerclf.gui.error_words import describe
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.report_export import ReportExport
from flowerclf.gui.result_images import ResultImages
from flowerclf.gui.session import ModelEntry, Session, ShownEvaluation
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.evaluation import Evaluation


class ResultsTab(QWidget):
    """Accuracy, confusion matrix, per-class metrics, images of a cell, images to review."""

    openImageRequested = Signal(str)  # noqa: N815 - classify this file in the Predict tab

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
        self._shown: ShownEvaluation | None = None
        self._comparing = False  # the comparison page is shown
        self._cell: tuple[int, int] | None = None
        self._runner = runner
        self._evaluating = runner.slot("evaluate", Policy.EXCLUSIVE)
        self._report = ReportExport(
            runner, settings, self._on_report_written, self._show_problem, self._refresh
        )
        self._build()
        session.currentChanged.connect(self._on_current_model)
        session.evaluationChanged.connect(self._on_evaluation_changed)
        session.modelsChanged.connect(self._refresh)
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
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop evaluating; the images done so far are shown"))
        self.stop_button.clicked.connect(self.stop_evaluation)
        self.stop_button.hide()
        self.evaluate_button = QPushButton(self.tr("Evaluate on a folder…"))
        self.evaluate_button.setToolTip(
            self.tr("Check the model on a folder of labelled photos, one subfolder per class")
        )
        self.evaluate_button.clicked.connect(self.evaluate_folder_dialog)
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.setToolTip(
            self.tr(
                "Save an HTML page with the settings, curves, confusion matrix, per-class "
                "scores and the images to review"
            )
        )
        self.export_button.clicked.connect(self.export_report_dialog)
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr("Set the current model beside another of yours"))
        self.compare_button.clicked.connect(lambda: self.show_comparison(True))

        header = QHBoxLayout()
        header.addWidget(self.accuracy_label)
        header.addSpacing(12)
        header.addWidget(self.summary_label, 1)
        for button in (self.progress, self.stop_button, self.evaluate_button):
            header.addWidget(button)
        header.addWidget(self.compare_button)
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
        matrix_title = QLabel(self.tr("<b>Confusion matrix</b>"))
        matrix_hint = QLabel(
            self.tr("Green: right · red: taken for another class. Click a cell to see its images.")
        )
        matrix_hint.setObjectName("Muted")
        matrix_hint.setWordWrap(True)
        matrix_panel = QWidget()
        matrix_layout = QVBoxLayout(matrix_panel)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(matrix_title)
        matrix_layout.addWidget(matrix_hint)
        matrix_layout.addWidget(self.matrix, 1)

        self.metrics_table = class_metrics_table(self)
        metrics_panel = QWidget()
        metrics_layout = QVBoxLayout(metrics_panel)
        metrics_layout.setContentsMargins(0, 0, 0, 0)
        metrics_layout.addWidget(QLabel(self.tr("<b>Per class</b>")))
        metrics_layout.addWidget(self.metrics_table, 1)

        self.left_splitter = two_panes(
            Qt.Orientation.Vertical,
            "ResultsLeftSplitter",
            matrix_panel,
            metrics_panel,
            stretch=(3, 2),
        )

        # Images to review, and the images of the chosen cell.
        self.images = ResultImages(self._runner)
        self.images.openRequested.connect(self.openImageRequested)
        self.images.warning.connect(lambda text: self.message_bar.show_message(text, "warning"))
        self.review_list = self.images.review_list
        self.cell_images = self.images.cell_images

        self.splitter = two_panes(
            Qt.Orientation.Horizontal,
            "ResultsSplitter",
            self.left_splitter,
            self.images,
            stretch=(1, 1),
            sizes=(560, 640),
        )

        self.pages = QStackedWidget()
        self.pages.addWidget(empty)
        self.pages.addWidget(self.splitter)
        self.comparison = ComparisonView(self._session, self._runner, self._settings, self.images)
        self.comparison.backRequested.connect(lambda: self.show_comparison(False))
        self.comparison.problem.connect(self._show_problem)
        self.comparison.compared.connect(lambda _comparison: self._refresh())
        self.pages.addWidget(self.comparison)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)

        self._splitters = (self.splitter, self.left_splitter, self.comparison.splitter)
        self._settings.restore_splitters("results", *self._splitters)

    def save_settings(self) -> None:
        self._settings.save_splitters("results", *self._splitters)

    def show_comparison(self, shown: bool) -> None:
        """Show the comparison page (or back to the current model's results)."""
        self._comparing = shown
        self._refresh()

    # -- which evaluation ----------------------------------------------------------------

    def _on_current_model(self, entry: ModelEntry | None) -> None:
        self._show(entry.evaluation if entry is not None else None)

    def _on_evaluation_changed(self, entry: ModelEntry) -> None:
        if entry is self._session.current:
            self._show(entry.evaluation)

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
        if shown is None:
            self.matrix.clear()
        else:
            self.matrix.set_matrix(shown.evaluation.classes, shown.evaluation.confusion)
        fill_class_metrics(
            self.metrics_table,
            shown.evaluation if shown is not None else None,
            self.tr("Average of the classes"),
        )
        self.images.show_evaluation(shown)
        self._refresh()

    def show_cell(self, true: int, predicted: int) -> None:
        """List the images behind one cell of the confusion matrix."""
        if self._shown is not None:
            self._cell = (true, predicted)
            self.images.show_cell(self._shown, true, predicted)

    def cell(self) -> tuple[int, int] | None:
        return self._cell

    def is_loading_thumbnails(self) -> bool:
        return self.images.thumbnails.is_busy()

    # -- evaluating on a folder -------------------------------------------------------------

    def evaluate_folder_dialog(self) -> None:
        if self._session.current is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Evaluate on a folder (one sub-folder per class)"),
            self._settings.folder("dataset"),
        )
        if folder:
            self.evaluate_folder(folder)

    def evaluate_folder(self, folder: str | Path) -> bool:
        """Score the current model on every image of ``folder`` in a worker; False if refused."""
        entry = self._session.current
        if entry is None:
            return False
        folder = Path(folder)
        started = self._evaluating.start(
            insight_tasks.evaluate_folder(entry.classifier, folder),
            self.tr("evaluating on {folder}").format(folder=folder.name),
            on_progress=self._on_eval_progress,
            on_result=lambda evaluation: self._on_evaluated(entry, folder, evaluation),
            on_error=self._show_problem,
            on_done=self._refresh,
        )
        if started:
            self.message_bar.dismiss()
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Looking through the folder…"))
            self._refresh()
        return started

    def is_evaluating(self) -> bool:
        return self._evaluating.is_busy()

    def stop_evaluation(self) -> None:
        if self._evaluating.is_busy():
            self._evaluating.request_stop()
            self.progress.setFormat(self.tr("Stopping…"))
            self._refresh()

    def _on_eval_progress(self, events: list[Any]) -> None:
        stages = [e for e in events if isinstance(e, StageEvent)]
        if not stages or self._evaluating.stopping:
            return
        event = stages[-1]
        self.progress.setRange(0, max(1, int(event.total)))
        self.progress.setValue(int(event.done))
        left = ""
        if event.eta_s is not None and event.done:
            left = self.tr(" · {s} s left").format(s=max(1, round(event.eta_s)))
        self.progress.setFormat(self.tr("Evaluating %v of %m") + left)

    def _on_evaluated(self, entry: ModelEntry, folder: Path, evaluation: Evaluation) -> None:
        if evaluation.total == 0:
            self.message_bar.show_message(
                self.tr("Stopped before any image was evaluated."), "info"
            )
            return
        total = evaluation.total
        source = self.tr("all %n image(s) in {folder}", "", total)
        if evaluation.stopped:
            source = self.tr("the first %n image(s) in {folder} (stopped early)", "", total)
        source = source.format(folder=folder)
        if entry in self._session.models:
            self._session.set_evaluation(entry, ShownEvaluation(evaluation, source))
        if evaluation.skipped:
            self.message_bar.show_message(results_words.left_out(evaluation.skipped), "warning")

    def _show_problem(self, error: TaskError) -> None:
        self.message_bar.show_message(describe(error), "error", details=error.details)

    # -- the report ---------------------------------------------------------------------------

    def export_report_dialog(self) -> None:
        if self._session.current is None:
            self.message_bar.show_message(self.tr("There is no model to report on yet."), "info")
            return
        path = self._report.ask_path(self)
        if path:
            self.export_report(path)

    def export_report(self, path: str | Path) -> bool:
        """Write the HTML report of the shown evaluation (with the training curves if known)."""
        entry = self._session.current
        if entry is None:
            return False
        comparison = self.comparison.comparison_for(entry)
        started = self._report.export(path, entry, self._shown, comparison)
        if started:
            self._refresh()
        return started

    def _on_report_written(self, path: Path) -> None:
        self.message_bar.show_message(
            self.tr("Saved the report to {path}.").format(path=path), "success"
        )

    # -- state --------------------------------------------------------------------------------

    def _refresh(self) -> None:
        has_model = self._session.current is not None
        shown = self._shown
        evaluating = self._evaluating.is_busy()
        self.evaluate_button.setEnabled(has_model and not evaluating)
        self.export_button.setEnabled(has_model and not self._report.is_busy())
        self.progress.setVisible(evaluating)
        self.stop_button.setVisible(evaluating)
        self.stop_button.setEnabled(evaluating and not self._evaluating.stopping)
        self._comparing = self._comparing and has_model
        self.compare_button.setEnabled(len(self._session.models) > 1 and not self._comparing)
        if self._comparing:
            self.pages.setCurrentWidget(self.comparison)
            self.accuracy_label.setText(self.comparison.headline())
            self.summary_label.setText("")
            return
        if shown is None:
            self.pages.setCurrentIndex(0)
            self.accuracy_label.setText("")
            self.summary_label.setText("")
            self.empty_label.setText(results_words.empty(has_model))
            return
        evaluation = shown.evaluation
        self.pages.setCurrentIndex(1)
        self.accuracy_label.setText(
            self.tr("Accuracy {p}").format(p=format_percent(evaluation.accuracy))
        )
        total = evaluation.total
        mistakes = total - int(
            sum(evaluation.confusion[i][i] for i in range(len(evaluation.classes)))
        )
        parts = [
            self.tr("{right} of %n image(s) right, {mistakes}, on {source}", "", total).format(
                right=total - mistakes,
                mistakes=self.tr("%n mistake(s)", "", mistakes),
                source=shown.source,
            )
        ]
        if evaluation.skipped:
            parts.append(self.tr("%n unreadable file(s) left out", "", len(evaluation.skipped)))
        self.summary_label.setText(" · ".join(parts))
        self.summary_label.setToolTip(self.summary_label.text())
