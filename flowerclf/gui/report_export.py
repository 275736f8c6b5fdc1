"""Export report…: the HTML report of the model shown in the Results tab, written in a worker.

The report holds the shown evaluation, the training curves when the model was
trained in this session, and the newest comparison of the model with another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from flowerclf.gui import insight_tasks
from flowerclf.gui.session import ModelEntry, ShownEvaluation
from flowerclf.gui.settings import Settings
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner


class ReportExport:
    """One report at a time; ``done`` hears of the path written, ``failed`` of a problem."""

    def __init__(
        self,
        runner: TaskRunner,
        settings: Settings,
        done: Callable[[Path], None],
        failed: Callable[[TaskError], None],
        finished: Callable[[], None],
    ) -> None:
        self._slot = runner.slot("report", Policy.EXCLUSIVE)
        self._settings = settings
        self._done, self._failed, self._finished = done, failed, finished

    def is_busy(self) -> bool:
        return self._slot.is_busy()

    def ask_path(self, parent: QWidget) -> str:
        """Where to write it, from a save dialog ("" when cancelled)."""
        start = Path(self._settings.folder("export") or ".") / "flowerclf-report.html"
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ResultsTab", "Export report"),
            str(start),
            QCoreApplication.translate("ResultsTab", "Web page (*.html)"),
        )
        return path

    def export(
        self,
        path: str | Path,
        entry: ModelEntry,
        shown: ShownEvaluation | None,
        comparison: Any = None,
    ) -> bool:
        """Write ``entry``'s report to ``path`` (.html added); False if one is being written."""
        path = Path(path)
        if path.suffix.lower() not in (".html", ".htm"):
            path = path.with_name(path.name + ".html")
        started = self._slot.start(
            insight_tasks.write_report(
                path,
                shown.evaluation if shown is not None else None,
                entry.classifier,
                shown.training if shown is not None else None,
                comparison,
            ),
            QCoreApplication.translate("ResultsTab", "writing the report"),
            on_result=self._done,
            on_error=self._failed,
            on_done=self._finished,
        )
        if started:
            self._settings.set_folder("export", str(path.parent))
        return started
