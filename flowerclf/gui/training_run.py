"""Training, headless: the chosen folder and its scan, and one training run at a time.

The Train tab shows what this object says and asks it to act; it holds no
task of its own. A start request while a run is starting, running or
stopping is refused, never queued, so one click can only ever start one
run. A finished run's model joins the :class:`~flowerclf.gui.session.Session`
before anyone hears that the run ended.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from flowerclf.core.config import TrainingConfig
from flowerclf.core.recovery import checkpoint_folder
from flowerclf.gui import model_tasks
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.gui.session import Session

IDLE, RUNNING, STOPPING = "idle", "running", "stopping"


class TrainingRun(QObject):
    """The dataset being looked at and the training being run."""

    folderChanged = Signal(str)  # noqa: N815 - scanning starts
    scanned = Signal(object)  # a core DatasetScan
    scanFailed = Signal(object)  # noqa: N815 - a TaskError
    started = Signal(object)  # the TrainingConfig in use
    progress = Signal(list)  # core events, a few at a time
    stateChanged = Signal(str)  # noqa: N815 - IDLE, RUNNING or STOPPING
    finished = Signal(object)  # the TrainingResult, once its model is in the session
    failed = Signal(object)  # a TaskError, once the run's thread has ended
    interruptedFound = Signal(list)  # noqa: N815 - InterruptedRuns that can be continued

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        checkpoints: Path | None = None,
    ):
        super().__init__(parent)
        self._session = session
        self._scan_slot = runner.slot("scan-dataset", Policy.LATEST)
        self._train_slot = runner.slot("train", Policy.EXCLUSIVE)
        self._find_slot = runner.slot("find-interrupted", Policy.LATEST)
        self.checkpoints = checkpoints if checkpoints is not None else checkpoint_folder()
        self.folder = ""
        self.scan: Any = None  # the core DatasetScan of ``folder``, once looked through
        self.config: TrainingConfig | None = None  # of the current or last run
        self.checkpoint: Path | None = None  # of the current or last run
        self.processes = 1  # that train together in the current or last run
        self.state = IDLE
        self._resume_when_scanned: model_tasks.InterruptedRun | None = None
        self.entry: Any = None  # the session's model of the last run, if it kept one
        self._continuing: Any = None  # the model a continued run replaces

    @property
    def session(self) -> Session:
        """The session a finished run's model joins."""
        return self._session

    # -- the dataset -----------------------------------------------------------------------

    def set_folder(self, folder: str) -> bool:
        """Look through ``folder`` (in a worker); refused while training."""
        if self.state != IDLE:
            return False
        self.folder = folder
        self.scan = None
        self.folderChanged.emit(folder)
        self._scan_slot.start(
            model_tasks.scan_dataset(folder),
            self.tr("looking through the folder"),
            on_result=self._on_scanned,
            on_error=self._on_scan_failed,
        )
        return True

    def _on_scan_failed(self, error: Any) -> None:
        self._resume_when_scanned = None
        self.scanFailed.emit(error)

    def is_scanning(self) -> bool:
        return self._scan_slot.is_busy()

    def _on_scanned(self, scan: Any) -> None:
        self.scan = scan
        self.scanned.emit(scan)
        interrupted, self._resume_when_scanned = self._resume_when_scanned, None
        if interrupted is not None:
            config = TrainingConfig.from_mapping(interrupted.config, lenient=True)
            self.start(config, resume_from=interrupted.path)

    # -- training --------------------------------------------------------------------------

    def start(
        self, config: TrainingConfig, resume_from: Path | None = None, processes: int = 1
    ) -> bool:
        """Train on the scanned folder; False (nothing starts) when busy or not ready.

        Every epoch's end is written to a checkpoint in the app's folder;
        ``resume_from`` (a checkpoint) goes on from where that run stopped.
        ``processes`` above 1 trains in that many processes together (every GPU).
        """
        if self.state != IDLE or self.scan is None:
            return False
        checkpoint = resume_from or self.checkpoints / (
            f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}.checkpoint"
        )
        if not self._train_slot.start(
            model_tasks.train(
                self.scan, config, checkpoint, resume=resume_from is not None, processes=processes
            ),
            "training",
            on_progress=self.progress.emit,
            on_result=self._on_trained,
            on_error=self._on_failed,
        ):
            return False
        self.config, self.checkpoint, self.processes = config, checkpoint, processes
        self._set_state(RUNNING)
        self.started.emit(config)
        return True

    def start_again(self, **changes: Any) -> bool:
        """The last run's training again, from the start, with some settings changed."""
        if self.config is None:
            return False
        return self.start(replace(self.config, **changes), processes=self.processes)

    def can_continue(self) -> bool:
        """The last run was stopped and its checkpoint is there: it can go on."""
        return self.state == IDLE and self.checkpoint is not None and self.checkpoint.exists()

    def continue_last(self) -> bool:
        """Go on with the last, stopped run from its last finished epoch."""
        if not self.can_continue() or self.config is None:
            return False
        started = self.start(self.config, resume_from=self.checkpoint, processes=self.processes)
        if started:
            self._continuing = self.entry  # its model is replaced, not joined by another
        return started

    # -- runs an earlier session left --------------------------------------------------

    def find_interrupted(self) -> None:
        """Look for checkpoints of runs that never finished; ``interruptedFound`` lists them."""
        self._find_slot.start(
            model_tasks.find_interrupted(self.checkpoints),
            self.tr("looking for interrupted trainings"),
            on_result=lambda runs: runs and self.interruptedFound.emit(list(runs)),
        )

    def resume(self, interrupted: model_tasks.InterruptedRun) -> bool:
        """Look through the run's folder again, then go on from its checkpoint."""
        if self.state != IDLE:
            return False
        self._resume_when_scanned = interrupted
        if not self.set_folder(interrupted.dataset):
            self._resume_when_scanned = None
            return False
        return True

    def discard(self, interrupted: model_tasks.InterruptedRun) -> None:
        try:
            Path(interrupted.path).unlink(missing_ok=True)
        except OSError:
            pass

    def stop(self) -> None:
        """Stop after the current batch; the best model so far still arrives."""
        if self.state == RUNNING:
            self._train_slot.request_stop()
            self._set_state(STOPPING)

    def is_training(self) -> bool:
        return self.state != IDLE

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # The slot calls these after the worker thread has ended, so the run is over
    # (state IDLE) before anyone hears how it went: a listener may start the next
    # run right there (after asking about missing weights), and nothing here may
    # touch the state after that.
    def _on_trained(self, result: Any) -> None:
        self._set_state(IDLE)
        if result.history:
            continuing, self._continuing = self._continuing, None
            self.entry = self._session.add_trained(result, continuing)
        # else: stopped before its first epoch ended, the network has barely learnt:
        # not a model to list, to keep safe or to ask about at closing.
        self.finished.emit(result)

    def _on_failed(self, error: TaskError) -> None:
        self._set_state(IDLE)
        self._continuing = None
        self.failed.emit(error)
