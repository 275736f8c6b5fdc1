"""The Results tab's comparison: the current model beside another of the session, on one folder.

Pick the other model (A, say the one before) from a list of the session's
models and a labelled folder; both are evaluated on it in the background and
shown side by side: the accuracy of each, a per-class F1 table with the
change, and the photos now right (wrong with A, right with the current model)
and now wrong, as thumbnails. The newest comparison of the current model goes
into its HTML report.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.events import StageEvent
from flowerclf.gui import insight_tasks
from flowerclf.gui.comparison_lists import ChangedImages, class_changes_table, fill_class_changes
from flowerclf.gui.probability_bars import format_percent
from flowerclf.gui.result_images import ResultImages
from flowerclf.gui.session import ModelEntry, Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.tasks import Policy, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.comparison import Comparison

#: Thumbnails are made for this many photos of each list.
CHANGED_THUMBNAILS = 300


class ComparisonView(QWidget):
    """Two models of the session on the same labelled folder, side by side.

    ``images`` is the tab's ResultImages: its thumbnails (one cache) and its way to
    open a photo in Predict or show it in its folder.
    """

    openRequested = Signal(str)  # noqa: N815 - classify this file in the Predict tab
    showInFolderRequested = Signal(str)  # noqa: N815
    backRequested = Signal()  # noqa: N815 - back to the current model's results
    problem = Signal(object)  # a TaskError to tell
    compared = Signal(object)  # noqa: N815 - a core Comparison, shown

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        settings: Settings,
        images: ResultImages,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._slot = runner.slot("compare", Policy.EXCLUSIVE)
        self._thumbnails = thumbnails = images.thumbnails  # one cache for the whole tab
        self._images = images
        self._folder = ""
        self._pass = 0
        self.comparison: Comparison | None = None
        self._of: tuple[ModelEntry, ModelEntry] | None = None  # (B, A) of the comparison shown
        self._build()
        thumbnails.ready.connect(self._apply_thumbnail)
        session.modelsChanged.connect(self._fill_models)
        session.currentChanged.connect(lambda _entry: self._fill_models())
        self._fill_models()
        self.openRequested.connect(images.open_in_predict)
        self.showInFolderRequested.connect(images.show_in_folder)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.current_label = QLabel()
        self.current_label.setTextFormat(Qt.TextFormat.RichText)
        self.other_box = QComboBox()
        self.other_box.setToolTip(self.tr("The model to compare with (A); any of this session's"))
        self.other_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.folder_button = QPushButton()
        self.folder_button.setToolTip(
            self.tr("The labelled folder (one sub-folder per class) both models are checked on")
        )
        self.folder_button.clicked.connect(self.choose_folder_dialog)
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Check both models on every photo of the folder"))
        self.compare_button.clicked.connect(lambda: self.compare())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.back_button = QPushButton(self.tr("Back to results"))
        self.back_button.clicked.connect(self.backRequested)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)

        choose = QHBoxLayout()
        choose.addWidget(self.current_label)
        choose.addWidget(QLabel(self.tr("compared with <b>A</b>:")))
        choose.addWidget(self.other_box, 1)
        choose.addWidget(QLabel(self.tr("on")))
        choose.addWidget(self.folder_button, 1)
        choose.addWidget(self.compare_button)
        choose.addWidget(self.progress)
        choose.addWidget(self.stop_button)
        choose.addWidget(self.back_button)

        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note_label = QLabel()
        self.note_label.setObjectName("Muted")
        self.note_label.setWordWrap(True)

        self.class_table = class_changes_table(self)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>Per class (F1)</b>")))
        left_layout.addWidget(self.class_table, 1)
        left_layout.addWidget(self.note_label)

        self.now_right = ChangedImages()
        self.now_wrong = ChangedImages()
        self.changes = QTabWidget()
        self.changes.setDocumentMode(True)
        for changed in (self.now_right, self.now_wrong):
            changed.openRequested.connect(self.openRequested)
            changed.showInFolderRequested.connect(self.showInFolderRequested)
            # "Move to class" and "Exclude", done as in the tab's other photo lists
            changed.moveRequested.connect(
                lambda path, to: self._images.move_photo(path, to, self._dataset_classes())
            )
            self.changes.addTab(changed, "")
        self._images.other_lists += [self.now_right, self.now_wrong]

        self.splitter = two_panes(
            Qt.Orientation.Horizontal,
            "ComparisonSplitter",
            left,
            self.changes,
            stretch=(2, 3),
            sizes=(420, 640),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choose)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        self._show(None)

    # -- the two models and the folder ----------------------------------------------------

    def _fill_models(self) -> None:
        current = self._session.current
        chosen = self.other_box.currentData()
        self.other_box.clear()
        for entry in self._session.models:
            if entry is not current:
                self.other_box.addItem(entry.label(), id(entry))  # the entry, by identity
        index = self.other_box.findData(chosen)
        if index >= 0:
            self.other_box.setCurrentIndex(index)
        name = current.name if current is not None else self.tr("No model")
        self.current_label.setText(self.tr("<b>B</b>: {name}").format(name=html.escape(name)))
        if self._of is not None and self._of[0] is not current:
            self._show(None)  # the comparison shown is of another model
        self._refresh()

    def other(self) -> ModelEntry | None:
        """The model chosen to compare with (A)."""
        chosen = self.other_box.currentData()
        return next((e for e in self._session.models if id(e) == chosen), None)

    def set_other(self, entry: ModelEntry) -> bool:
        index = self.other_box.findData(id(entry))
        if index >= 0:
            self.other_box.setCurrentIndex(index)
        return index >= 0

    def folder(self) -> str:
        if self._folder:
            return self._folder
        current = self._session.current
        trained_on = (current.classifier.metadata or {}).get("dataset") if current else None
        if isinstance(trained_on, str) and Path(trained_on).is_dir():
            return trained_on
        return self._settings.folder("dataset")

    def set_folder(self, folder: str | Path) -> None:
        self._folder = str(folder)
        self._refresh()

    def choose_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Compare on a folder (one sub-folder per class)"), self.folder()
        )
        if folder:
            self.set_folder(folder)

    # -- comparing ------------------------------------------------------------------------

    def compare(self, other: ModelEntry | None = None, folder: str | Path | None = None) -> bool:
        """Evaluate the current model and ``other`` on ``folder`` in a worker; False if refused."""
        current = self._session.current
        other = other if other is not None else self.other()
        folder = str(folder) if folder is not None else self.folder()
        if current is None or other is None or not folder:
            return False
        started = self._slot.start(
            insight_tasks.compare_models(
                other.classifier, current.classifier, Path(folder), other.name, current.name
            ),
            self.tr("comparing two models"),
            on_progress=self._on_progress,
            on_result=lambda comparison: self._on_compared(current, other, comparison),
            on_error=self.problem.emit,
            on_done=self._refresh,
        )
        if started:
            self._folder, self._pass = folder, 0
            self._settings.set_folder("compare", folder)
            self.progress.setRange(0, 0)
            self._refresh()
        return started

    def is_comparing(self) -> bool:
        return self._slot.is_busy()

    def stop(self) -> None:
        if self._slot.is_busy():
            self._slot.request_stop()
            self._refresh()

    def _on_progress(self, events: list[Any]) -> None:
        for event in events:
            if isinstance(event, StageEvent) and event.done == 0:
                self._pass += 1  # each model's pass over the folder starts at 0
        stages = [e for e in events if isinstance(e, StageEvent)]
        if not stages:
            return
        event = stages[-1]
        self.progress.setRange(0, max(1, int(event.total)))
        self.progress.setValue(int(event.done))
        self.progress.setFormat(self.tr("Model {i} of 2: %v of %m").format(i=max(1, self._pass)))

    def _on_compared(self, current: ModelEntry, other: ModelEntry, comparison: Comparison) -> None:
        if current is not self._session.current or current not in self._session.models:
            return  # the current model changed meanwhile: this is not what the page is about
        self._of = (current, other)
        self._show(comparison)
        self.compared.emit(comparison)

    def headline(self) -> str:
        """The two accuracies in a few characters ("" before a comparison)."""
        c = self.comparison
        if c is None:
            return self.tr("Compare two models")
        return self.tr("A {a} → B {b}").format(
            a=format_percent(c.accuracy_a), b=format_percent(c.accuracy_b)
        )

    def _dataset_classes(self) -> list[str]:
        """The class folders of the compared folder (its photos' true classes)."""
        if self.comparison is None:
            return []
        return sorted(change.name for change in self.comparison.classes if change.support)

    def comparison_for(self, entry: ModelEntry | None) -> Comparison | None:
        """The comparison shown, if it is of ``entry`` (for its report)."""
        if self._of is None or entry is None or self._of[0] is not entry:
            return None
        return self.comparison

    # -- showing it -----------------------------------------------------------------------

    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        if comparison is None:
            self._of = None
        names = (comparison.name_a, comparison.name_b) if comparison else ("A", "B")
        fill_class_changes(
            self.class_table,
            comparison,
            [
                self.tr("Class"),
                self.tr("A: {name}").format(name=_short(names[0])),
                self.tr("B: {name}").format(name=_short(names[1])),
                self.tr("Change"),
                self.tr("Images"),
            ],
        )
        for column, name in ((1, names[0]), (2, names[1])):
            self.class_table.horizontalHeaderItem(column).setToolTip(
                self.tr("F1 of {name}: precision and recall in one number").format(name=name)
            )
        right = comparison.now_right if comparison else []
        wrong = comparison.now_wrong if comparison else []
        movable = self._dataset_classes() if self._images.mover is not None else []
        self.now_right.move_classes = self.now_wrong.move_classes = movable
        self.now_right.set_changes(right, *names)
        self.now_wrong.set_changes(wrong, *names)
        self.changes.setTabText(0, self.tr("Now right ({n})").format(n=len(right)))
        self.changes.setTabText(1, self.tr("Now wrong ({n})").format(n=len(wrong)))
        self.changes.setTabToolTip(0, self.tr("Wrong with A, right with B"))
        self.changes.setTabToolTip(1, self.tr("Right with A, wrong with B"))
        if comparison is None:
            self.summary_label.setText(
                self.tr(
                    "Choose another model of this session (A) and a labelled folder, then "
                    "Compare: both are checked on the same photos."
                )
            )
            self.note_label.setText("")
            return
        points = 100.0 * (comparison.accuracy_b - comparison.accuracy_a)
        summary = self.tr(
            "On the same {n} photos: <b>B</b> {b} <b>{pb}</b> · <b>A</b> {a} <b>{pa}</b> · "
            "{points:+.1f} points · {right} now right, {wrong} now wrong"
        ).format(
            n=comparison.images,
            b=html.escape(comparison.name_b),
            pb=format_percent(comparison.accuracy_b),
            a=html.escape(comparison.name_a),
            pa=format_percent(comparison.accuracy_a),
            points=points,
            right=len(right),
            wrong=len(wrong),
        )
        if comparison.evaluation_a.stopped or comparison.evaluation_b.stopped:
            summary += self.tr(" (stopped early)")
        self.summary_label.setText(summary)
        notes = []
        if comparison.only_a:
            notes.append(self.tr("Only A knows: {c}.").format(c=", ".join(comparison.only_a)))
        if comparison.only_b:
            notes.append(self.tr("Only B knows: {c}.").format(c=", ".join(comparison.only_b)))
        if comparison.unchanged and comparison.images:
            notes.append(self.tr("Both models are right and wrong on exactly the same photos."))
        self.note_label.setText(" ".join(notes))
        self.changes.setCurrentIndex(0 if right or not wrong else 1)
        paths = [str(c.path) for c in [*right, *wrong][:CHANGED_THUMBNAILS]]
        self._thumbnails.request(paths, first=True)

    def _apply_thumbnail(self, thumbnail: insight_tasks.Thumbnail) -> None:
        for images in (self.now_right, self.now_wrong):
            images.set_thumbnail(thumbnail.path, thumbnail.image, thumbnail.error)

    def _refresh(self) -> None:
        busy = self._slot.is_busy()
        folder = self.folder()
        self.folder_button.setText(Path(folder).name if folder else self.tr("Choose a folder…"))
        self.folder_button.setToolTip(folder or self.tr("The labelled folder to compare on"))
        ready = self._session.current is not None and self.other() is not None and bool(folder)
        self.compare_button.setEnabled(ready and not busy)
        self.other_box.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        self.stop_button.setEnabled(busy and not self._slot.stopping)


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
