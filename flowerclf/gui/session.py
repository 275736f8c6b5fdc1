"""The session: every model opened, imported or trained, which one is in use, and their files.

A headless QObject (signals, no widgets) that the tabs subscribe to: they never
talk to each other through the window. Each :class:`ModelEntry` knows its name,
file, saved state, training run and evaluation. File work runs through the task
runner's slots; tests drive all of it without a widget.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from flowerclf.core.recovery import RecoveryFolder
from flowerclf.gui import model_tasks
from flowerclf.gui.task_queue import TaskQueue
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.evaluation import Evaluation
    from flowerclf.core.predict import Classifier


@dataclass(frozen=True)
class ShownEvaluation:
    """An evaluation of one model and where it comes from."""

    evaluation: Evaluation
    source: str  # completes "… on <source>"
    training: Any = None  # the TrainingResult it came with, for the report's curves
    stored: bool = False  # read back from the model file (review list cut short)


@dataclass(eq=False)
class ModelEntry:
    """A model of this session: opened from a file, imported, or trained here."""

    classifier: Classifier
    name: str
    origin: str  # "opened", "imported" or "trained"
    path: Path | None = None
    saved: bool = True
    training: Any = None  # the core TrainingResult, for a model trained here
    evaluation: ShownEvaluation | None = None
    recovery_path: Path | None = None  # its copy in the recovery folder, until saved
    discarded: bool = False  # the person chose to close without saving it

    def label(self) -> str:
        unsaved = QCoreApplication.translate("Session", "{name} (not saved)")
        return self.name if self.saved else unsaved.format(name=self.name)


class Session(QObject):
    """The models of this session, the current one, and the file work on them."""

    modelsChanged = Signal()  # noqa: N815 - added, renamed, saved
    currentChanged = Signal(object)  # noqa: N815 - the ModelEntry in use, or None
    evaluationChanged = Signal(object)  # noqa: N815 - the ModelEntry whose evaluation changed
    engineChanged = Signal()  # noqa: N815 - the engine loaded, or failed to
    loadingChanged = Signal()  # noqa: N815 - model files being opened, or done
    saveFinished = Signal(object, object)  # noqa: N815 - ModelEntry, TaskError or None
    keepingChanged = Signal(bool)  # noqa: N815 - a trained model is being written to safety
    recoverableFound = Signal(list)  # noqa: N815 - RecoverableModels left by an earlier run
    problem = Signal(object)  # a TaskError the person should hear about
    notice = Signal(str)  # something done, in a sentence ("Exported …")

    def __init__(
        self,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        recovery: RecoveryFolder | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.models: list[ModelEntry] = []
        self.current: ModelEntry | None = None
        self.engine: model_tasks.EngineInfo | None = None
        self.engine_failed = False
        self.last_training: Any = None  # the newest TrainingResult of this session
        self.recovery = recovery if recovery is not None else RecoveryFolder()
        self._engine = runner.slot("engine", Policy.EXCLUSIVE)
        self._opening = TaskQueue(runner, "open-model", self)
        self._opening.busyChanged.connect(lambda _busy: self.loadingChanged.emit())
        self._keeping = TaskQueue(runner, "recovery", self)
        self._keeping.busyChanged.connect(self.keepingChanged)
        self._saving = runner.slot("save-model", Policy.EXCLUSIVE)
        self._exporting = runner.slot("export-model", Policy.EXCLUSIVE)
        self._saving_entry: ModelEntry | None = None

    # -- the engine --------------------------------------------------------------------

    def start_engine(self) -> None:
        """Import torch and find the device, in a worker (idempotent)."""
        if self.engine is not None or self._engine.is_busy():
            return
        self.engine_failed = False
        self._engine.start(
            model_tasks.warm_up(),
            self.tr("loading the engine"),
            on_result=self._on_engine_ready,
            on_error=self._on_engine_failed,
        )

    def _on_engine_ready(self, info: model_tasks.EngineInfo) -> None:
        self.engine = info
        self.engineChanged.emit()

    def _on_engine_failed(self, error: TaskError) -> None:
        self.engine_failed = True
        self.engineChanged.emit()
        self.problem.emit(error)

    def is_engine_ready(self) -> bool:
        return self.engine is not None

    # -- adding models -------------------------------------------------------------------

    def open_model(self, path: str | Path) -> None:
        """Open a model file in a worker; it becomes the current model when loaded."""
        path = Path(path)
        self._opening.add(
            model_tasks.load_model(path),
            self.tr("opening {name}").format(name=path.name),
            on_result=lambda classifier: self.add_model(classifier, path.stem, path),
            on_error=self.problem.emit,
        )

    def open_imagenet(self, arch: str = "resnet50", on_progress=None, on_error=None) -> None:
        """torchvision's ImageNet model (1,000 everyday categories): nothing to save.
        ``on_progress`` hears its weights' download; ``on_error`` (else ``problem``) a failure."""
        self._opening.add(
            model_tasks.load_imagenet(arch),
            self.tr("opening the ImageNet model"),
            lambda classifier: self.add_model(classifier, f"ImageNet {arch}", origin="imagenet"),
            on_error or self.problem.emit,
            on_progress,
        )

    def import_tutorial(self, weights: str | Path, class_indices: str | Path) -> None:
        """Import a tutorial .pth and its class_indices.json (the files stay: nothing to lose)."""
        weights = Path(weights)
        name = self.tr("{name} (imported)").format(name=weights.stem)
        self._opening.add(
            model_tasks.import_tutorial(weights, class_indices),
            self.tr("importing {name}").format(name=weights.name),
            on_result=lambda classifier: self.add_model(classifier, name, origin="imported"),
            on_error=self.problem.emit,
        )

    def is_loading(self) -> bool:
        """True while model files are being opened (or wait to be)."""
        return self._opening.is_busy()

    def add_model(
        self,
        classifier: Classifier,
        name: str,
        path: Path | None = None,
        *,
        saved: bool = True,
        origin: str = "opened",
    ) -> ModelEntry:
        """Make ``classifier`` the current model; the other models of the session stay listed."""
        entry = None
        if path is not None:
            # Opening the same file again replaces its entry instead of listing it twice.
            entry = next((e for e in self.models if e.path == path and e.saved), None)
        if entry is None:
            entry = ModelEntry(classifier, self._unique_name(name), origin, path, saved)
            self.models.append(entry)
        else:
            entry.classifier = classifier
        entry.evaluation = stored_evaluation(classifier)
        self.modelsChanged.emit()
        self.set_current(entry)
        return entry

    def add_trained(self, result: Any, continuing: ModelEntry | None = None) -> ModelEntry:
        """A training run ended: its model joins the session, unsaved, with its evaluation.

        ``continuing``: the unsaved model of the run this one continued, which the
        new model replaces (same name, same place in the list) rather than joining it.
        """
        classifier = result.classifier
        if continuing is not None and continuing in self.models and not continuing.saved:
            self._forget_copy(continuing)
            continuing.classifier, continuing.training = classifier, result
            continuing.evaluation = self._training_evaluation(result)
            self.last_training = result
            self.modelsChanged.emit()
            # The same entry with a new model: views must hear of it even if it was current.
            self.current = continuing
            self.currentChanged.emit(continuing)
            self.evaluationChanged.emit(continuing)
            self._keep_safe(continuing)
            return continuing
        stamp = time.strftime("%H:%M")
        name = self.tr("{arch} trained {time}").format(arch=classifier.arch, time=stamp)
        entry = ModelEntry(classifier, self._unique_name(name), "trained", saved=False)
        entry.training = result
        entry.evaluation = self._training_evaluation(result)
        self.last_training = result
        self.models.append(entry)
        self.modelsChanged.emit()
        self.set_current(entry)
        self._keep_safe(entry)
        return entry

    def _training_evaluation(self, result: Any) -> ShownEvaluation | None:
        if result.evaluation is None:
            return None
        total = result.evaluation.total
        words = self.tr("the %n validation image(s) of the training run", "", total)
        return ShownEvaluation(result.evaluation, words, result)

    def _unique_name(self, name: str) -> str:
        taken = {entry.name for entry in self.models}
        if name not in taken:
            return name
        number = 2
        while f"{name} ({number})" in taken:
            number += 1
        return f"{name} ({number})"

    def set_current(self, entry: ModelEntry | None) -> None:
        if entry is not None and entry not in self.models:
            raise ValueError("not a model of this session")
        if entry is self.current:
            return
        self.current = entry
        self.currentChanged.emit(entry)

    def set_evaluation(self, entry: ModelEntry, shown: ShownEvaluation) -> None:
        """Show ``shown`` for ``entry`` from now on; the training curves stay with it."""
        if shown.training is None:
            earlier = entry.evaluation.training if entry.evaluation is not None else None
            shown = replace(shown, training=earlier or entry.training)
        entry.evaluation = shown
        self.evaluationChanged.emit(entry)

    def unsaved(self) -> list[ModelEntry]:
        return [entry for entry in self.models if not entry.saved]

    # -- files -----------------------------------------------------------------------------

    def save(self, entry: ModelEntry, path: str | Path) -> bool:
        """Write ``entry`` to ``path`` (.safetensors); False if another save is running.

        ``saveFinished(entry, error)`` tells how it went; the entry is marked
        saved only once the file is complete.
        """
        path = Path(path)
        if path.suffix.lower() != ".safetensors":
            path = path.with_name(path.name + ".safetensors")
        started = self._saving.start(
            model_tasks.save_model(entry.classifier, path),
            self.tr("saving {name}").format(name=path.name),
            on_result=lambda written: self._on_saved(entry, Path(written)),
            on_error=lambda error: self._on_save_failed(entry, error),
        )
        if started:
            self._saving_entry = entry
            self.modelsChanged.emit()
        return started

    def is_saving(self, entry: ModelEntry | None = None) -> bool:
        busy = self._saving.is_busy()
        return busy if entry is None else busy and self._saving_entry is entry

    def _on_saved(self, entry: ModelEntry, path: Path) -> None:
        self._saving_entry = None
        entry.path, entry.saved, entry.name = path, True, path.stem
        self._forget_copy(entry)
        self.modelsChanged.emit()
        self.saveFinished.emit(entry, None)

    def _on_save_failed(self, entry: ModelEntry, error: TaskError) -> None:
        self._saving_entry = None
        self.modelsChanged.emit()
        self.saveFinished.emit(entry, error)

    def export_tutorial(self, entry: ModelEntry, folder: str | Path) -> bool:
        """Write the tutorial pair (<arch>.pth, class_indices.json) into ``folder``."""
        return self._exporting.start(
            model_tasks.export_tutorial(entry.classifier, folder),
            self.tr("exporting the model"),
            on_result=lambda paths: self.notice.emit(
                self.tr("Exported {first} and {second}.").format(first=paths[0], second=paths[1])
            ),
            on_error=self.problem.emit,
        )

    def export_onnx(self, entry: ModelEntry, path: str | Path) -> bool:
        """Write an ONNX copy, checked to answer as flowerclf does; the notice says how close."""
        return self._exporting.start(
            model_tasks.export_onnx(entry.classifier, path),
            self.tr("exporting the model"),
            on_result=lambda report: self.notice.emit(
                self.tr(
                    "Exported {path} (and {client} beside it to use it). Checked on %n "
                    "photo(s): same answers; largest difference {d:.5f}.",
                    "",
                    report.photos_checked,
                ).format(path=report.path, client=report.client.name, d=report.largest_difference)
            ),
            on_error=self.problem.emit,
        )

    # -- the recovery folder ---------------------------------------------------------------

    def _keep_safe(self, entry: ModelEntry) -> None:
        """Write a trained model to the recovery folder until it is saved or discarded."""
        self._keeping.add(
            model_tasks.keep_for_recovery(self.recovery, entry.classifier, entry.name),
            self.tr("keeping the new model safe"),
            on_result=lambda path: self._on_kept(entry, path),
            on_error=self.problem.emit,
        )

    def _on_kept(self, entry: ModelEntry, path: Path) -> None:
        entry.recovery_path = path
        if entry.saved or entry.discarded:  # settled while its copy was being written
            self._forget_copy(entry)

    def _forget_copy(self, entry: ModelEntry) -> None:
        if entry.recovery_path is not None:
            try:
                self.recovery.remove(entry.recovery_path)
            except OSError:
                pass  # it stays in the folder, and is offered again: nothing is lost
            entry.recovery_path = None

    def discard(self, entries: list[ModelEntry]) -> None:
        """The person closes without saving these: their recovery copies go."""
        for entry in entries:
            entry.discarded = True
            self._forget_copy(entry)

    def is_keeping_safe(self) -> bool:
        return self._keeping.is_busy()

    def check_recovery(self) -> None:
        """Look for models an earlier run left unsaved; ``recoverableFound`` lists them."""
        self._keeping.add(
            model_tasks.list_recoverable(self.recovery),
            self.tr("looking for models to recover"),
            on_result=lambda models: models and self.recoverableFound.emit(list(models)),
            on_error=self.problem.emit,
        )

    def restore(self, models: list[Any]) -> None:
        """Open recovered models as unsaved models (their copies stay until they are saved)."""
        for model in reversed(models):  # oldest first: the newest ends up the current one
            self._opening.add(
                model_tasks.load_model(model.path),
                self.tr("restoring {name}").format(name=model.name),
                on_result=lambda classifier, m=model: self._on_restored(m, classifier),
                on_error=self.problem.emit,
            )

    def _on_restored(self, model: Any, classifier: Classifier) -> None:
        from flowerclf.core.recovery import NAME_KEY

        (getattr(classifier, "metadata", None) or {}).pop(NAME_KEY, None)
        entry = ModelEntry(classifier, self._unique_name(model.name), "recovered", saved=False)
        entry.recovery_path = Path(model.path)
        entry.evaluation = stored_evaluation(classifier)
        self.models.append(entry)
        self.modelsChanged.emit()
        self.set_current(entry)

    def discard_recovered(self, models: list[Any]) -> None:
        """Remove recovered models the person does not want back."""
        for model in models:
            try:
                self.recovery.remove(model.path)
            except OSError:
                pass


def stored_evaluation(classifier: Classifier) -> ShownEvaluation | None:
    """The evaluation a model file carries (its training's validation result), if any."""
    data = (getattr(classifier, "metadata", None) or {}).get("evaluation")
    if not isinstance(data, dict):
        return None
    from flowerclf.core.evaluation import Evaluation

    try:
        evaluation = Evaluation.from_json_dict(data)
    except ValueError:
        return None
    words = QCoreApplication.translate("Session", "its validation images (stored in the model)")
    return ShownEvaluation(evaluation, words, stored=True)
