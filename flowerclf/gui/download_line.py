"""A line with a bar while weights download (under the Train tab's progress bar, or in Predict)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from flowerclf.core.events import DownloadEvent
from flowerclf.gui import training_words as words


class DownloadLine(QWidget):
    """ "Downloading starting weights …: 12.0 MB of 87.0 MB" and a bar; hidden when done."""

    def __init__(
        self,
        parent: QWidget | None = None,
        describe: Callable[[DownloadEvent], str] = words.download_text,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumHeight(16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self.hide()

    def show_event(self, event: DownloadEvent) -> bool:
        """Show the download's progress; True once it is complete (and the line hidden)."""
        done = event.bytes_total is not None and event.bytes_done >= event.bytes_total
        self.setVisible(not done)
        if done:
            return True
        if event.bytes_total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * event.bytes_done / event.bytes_total))
        else:
            self.bar.setRange(0, 0)
        self.label.setText(self._describe(event))
        return False
