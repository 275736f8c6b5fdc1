"""Training, headless: the chosen folder and its scan, and one training run at a time.

The Train tab shows what this object says and asks it to act; it holds no
task of its own. A start request while a run is starting, running or
stopping is refused, never queued, so one click can only ever start one
run. A finished run's model joins the :class:`~flowerclf.gui.session.Session`
before anyone hears that the run ended.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from flowerclf.gui import model_tasks
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.config import TrainingConfig
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

    def __init__(self, session: Session, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self._scan_slot = runner.slot("scan-dataset", Policy.LATEST)
        self._train_slot = runner.slot("train", Policy.EXCLUSIVE)
        self.folder = ""
        self.scan: Any = None  # the core DatasetScan of ``folder``, once looked through
        self.config: TrainingConfig | None = None  # of the current or last run
        self.state = IDLE

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
            "looking through the folder",
            on_result=self._on_scanned,
            on_error=self.scanFailed.emit,
        )
        return True

    def is_scanning(self) -> bool:
        return self._scan_slot.is_busy()

    def _on_scanned(self, scan: Any) -> None:
        self.scan = scan
        self.scanned.emit(scan)

    # -- training --------------------------------------------------------------------------

    def start(self, config: TrainingConfig) -> bool:
        """Train on the scanned folder; False (nothing starts) when busy or not ready."""
        if self.state != IDLE or self.scan is None:
            return False
        if not self._train_slot.start(
            model_tasks.train(self.scan, config),
            "training",
            on_progress=self.progress.emit,
            on_result=self._on_trained,
            on_error=self._on_failed,
            on_done=self._on_done,
        ):
            return False
        self.config = config
        self._set_state(RUNNING)
        self.started.emit(config)
        return True

    def stop(self) -> None:
        """Stop after the current batch; the best model so far still arrives."""
        if self.state == RUNNING:
            self._train_slot.request_stop()
            self._set_state(STOPPING)

    def cancel(self) -> None:
        """Drop the run and whatever it would still send (closing the app)."""
        self._scan_slot.cancel()
        self._train_slot.cancel()

    def is_training(self) -> bool:
        return self.state != IDLE

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # The slot calls these after the worker thread has ended, so the run is over
    # (state IDLE) before anyone hears how it went: a listener may start the next.
    def _on_trained(self, result: Any) -> None:
        self._set_state(IDLE)
        self._session.add_trained(result)
        self.finished.emit(result)

    def _on_failed(self, error: TaskError) -> None:
        self._set_state(IDLE)
        self.failed.emit(error)

    def _on_done(self) -> None:
        self._set_state(IDLE)
