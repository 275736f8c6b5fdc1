"""Closing the window without losing work.

The window stays on screen until everything is settled: a running training
is stopped (after asking) and its model kept, every unsaved model is saved or
knowingly left, saves run to their end with a line in the status bar, and
only then do the remaining tasks end and the window close. A save that fails
keeps the window, says why in plain words and asks again.

:class:`ClosingFlow` is the state machine; the window provides the questions
(``confirm_stop_training``, ``ask_unsaved_models``, ``ask_save_path``) so
tests can answer them without dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from flowerclf.gui.dialogs import file_stem
from flowerclf.gui.error_words import describe
from flowerclf.gui.training_run import IDLE

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.gui.session import ModelEntry, Session
    from flowerclf.gui.tasks import TaskError, TaskRunner
    from flowerclf.gui.training_run import TrainingRun


class ClosingFlow(QObject):
    """From "the person asked to close" to "nothing is left to lose"."""

    statusChanged = Signal(str)  # noqa: N815 - "Stopping the training…", "Saving …", ""
    problem = Signal(str)  # a save failed: why, in plain words
    ready = Signal()  # everything is settled: the window may close now

    def __init__(
        self,
        window: Any,
        session: Session,
        run: TrainingRun,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._session = session
        self._run = run
        self._runner = runner
        self.active = False
        self.done = False
        self._saving_all = False
        self._folder: Path | None = None  # "Save all in a folder…": where
        self._stop_asked = False
        self._discarded: set[int] = set()
        self._error = ""
        self._finishing = False
        self._asking = False  # a question is on screen: news waits for its answer
        self._again = False  # news came while it was: look again afterwards
        run.stateChanged.connect(self._on_run_state)
        session.saveFinished.connect(self._on_saved)
        session.keepingChanged.connect(lambda busy: busy or self._step())
        runner.idle.connect(self._on_idle)

    def begin(self) -> None:
        """The person asked to close (again, perhaps: a second request changes nothing)."""
        if self.active or self.done:
            return
        self.active = True
        self._saving_all = False
        self._folder = None
        self._stop_asked = False
        self._discarded.clear()
        self._error = ""
        self._step()

    def _cancel(self) -> None:
        """The person changed their mind: the window stays, as it is."""
        self.active = False
        self.statusChanged.emit("")

    def _step(self) -> None:
        # A question's dialog runs its own event loop, where news (a save, the run's
        # end, a copy kept) arrives: that news must not open a second question.
        if self._asking:
            self._again = True  # looked at once the question is answered
            return
        if not self.active or self._finishing:
            return
        self._asking, self._again = True, False
        try:
            self._next_step()
        finally:
            self._asking = False
        if self._again:
            QTimer.singleShot(0, self._step)

    def _next_step(self) -> None:
        if self._run.is_training():
            if not self._stop_asked:
                if not self._window.confirm_stop_training():
                    self._cancel()
                    return
                self._stop_asked = True
                self._run.stop()
            self.statusChanged.emit(self.tr("Stopping the training…"))
            return  # _on_run_state goes on once the best model so far has arrived
        if self._session.is_saving():
            return  # _on_saved goes on
        pending = [e for e in self._session.unsaved() if id(e) not in self._discarded]
        if pending and not self._saving_all:
            self.statusChanged.emit("")
            answer = self._window.ask_unsaved_models(pending, self._error)
            if not self.active:
                return
            if answer == "discard":
                # Their recovery copies go only once the window really closes (_finish).
                self._discarded.update(id(e) for e in pending)
                self._next_step()
                return
            if answer == "save_all":
                folder = self._window.ask_save_folder()
                if not folder:
                    self._cancel()
                    return
                self._folder = Path(folder)
            elif answer != "save":
                self._cancel()
                return
            self._saving_all = True
        if pending:
            self._save(pending[0])
            return
        if self._session.is_keeping_safe():
            # A copy still being written would outlive a discard, or stay behind a save.
            self.statusChanged.emit(self.tr("Keeping the new model safe…"))
            return  # keepingChanged goes on
        self._finish()

    def _save(self, entry: ModelEntry) -> None:
        self.statusChanged.emit("")
        if self._folder is not None:
            path = str(free_path(self._folder, file_stem(entry.name)))
        else:
            path = self._window.ask_save_path(entry)
        if not path:
            self._cancel()
            return
        if self._session.save(entry, path):
            self.statusChanged.emit(self.tr("Saving {name}…").format(name=entry.name))
        else:  # cannot happen while nothing else saves; stay safe all the same
            QTimer.singleShot(100, self._step)

    def _on_saved(self, entry: ModelEntry, error: TaskError | None) -> None:
        if not self.active:
            return
        if error is not None:
            self._error = describe(error)
            self._saving_all = False  # ask again, saying what went wrong
            self._folder = None
            self.problem.emit(self._error)
        else:
            self._error = ""
        self._step()

    def _on_run_state(self, state: str) -> None:
        if self.active and state == IDLE:
            # The run's model joins the session first; then it is asked about.
            QTimer.singleShot(0, self._step)

    def _finish(self) -> None:
        """Nothing left to lose: end the remaining tasks (previews, thumbnails), then close."""
        self._finishing = True
        self._session.discard([e for e in self._session.models if id(e) in self._discarded])
        self.statusChanged.emit(self.tr("Closing…"))
        self._runner.cancel_all()
        if not self._runner.is_busy():
            self._on_idle()

    def _on_idle(self) -> None:
        if self.active and self._finishing:
            self.active = False
            self.done = True
            self.ready.emit()


def free_path(folder: Path, stem: str) -> Path:
    """``folder/stem.safetensors``, or ``stem (2).safetensors``...: never over an existing file."""
    path = folder / f"{stem}.safetensors"
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}).safetensors"
        number += 1
    return path
