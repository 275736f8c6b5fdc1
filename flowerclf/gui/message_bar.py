"""A coloured strip across the top of a view for news and errors.

Errors appear here rather than in a dialog per event: nothing blocks the
window, a batch of failures does not become a pile of pop-ups, and the
message stays readable until the person closes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class MessageBar(QFrame):
    """Hidden until :meth:`show_message`; kinds: "error", "warning", "info", "success"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setProperty("kind", "info")
        self._details: str | None = None
        self._action_buttons: list[QPushButton] = []

        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setObjectName("MessageText")
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.clicked.connect(self._show_details)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(12, 6, 6, 6)
        self._layout.addWidget(self.label, 1)
        self._layout.addWidget(self.details_button)
        self._layout.addWidget(self.close_button)
        self.hide()

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def show_message(
        self,
        text: str,
        kind: str = "info",
        *,
        details: str | None = None,
        actions: list[tuple[str, Callable[[], None]]] | None = None,
    ) -> None:
        """Show ``text``; ``details`` (a traceback) goes behind a Details… button."""
        for button in self._action_buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._action_buttons = []
        for position, (label, callback) in enumerate(actions or []):
            button = QPushButton(label)
            # An action is done once: the bar goes, so it cannot be clicked again
            # for something that no longer applies.
            button.clicked.connect(self.dismiss)
            button.clicked.connect(callback)
            self._layout.insertWidget(1 + position, button)
            self._action_buttons.append(button)
        self.label.setText(text)
        self._details = details
        self.details_button.setVisible(bool(details))
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def action_buttons(self) -> list[QPushButton]:
        return list(self._action_buttons)

    def dismiss(self) -> None:
        self.hide()
        self._details = None

    def _show_details(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Details"))
        text = QPlainTextEdit(self._details or "")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(
            QLabel(
                self.tr("This looks like a bug. The text below helps to fix it; please pass it on.")
            )
        )
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.resize(760, 420)
        dialog.exec()
