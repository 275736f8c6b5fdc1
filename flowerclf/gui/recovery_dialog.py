"""At start: models an earlier run trained but never saved, with Restore, Discard and Later."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui.probability_bars import format_percent


def megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.0f} MB"


class RecoveryDialog(QDialog):
    """One row per recoverable model: name, classes, accuracy, when; all chosen at first."""

    def __init__(self, models: list[Any], folder: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models to recover"))
        self._models = list(models)
        self._choice = "later"
        text = QLabel(
            self.tr(
                "These models were trained but not saved when FlowerClf last closed. "
                "Restore them to use and save them, or discard them."
            )
        )
        text.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setHeaderLabels(
            [self.tr("Model"), self.tr("Classes"), self.tr("Accuracy"), self.tr("Trained")]
        )
        for model in self._models:
            classes = ", ".join(model.classes[:6]) + (", …" if len(model.classes) > 6 else "")
            accuracy = format_percent(model.accuracy) if model.accuracy is not None else "—"
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(model.created))
            item = QTreeWidgetItem([model.name, classes, accuracy, when])
            item.setToolTip(1, "\n".join(model.classes))
            self.table.addTopLevelItem(item)
            item.setSelected(True)
        header = self.table.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        where = QLabel(
            self.tr(
                "They are kept in {folder} ({used} of at most {limit}; the oldest go first)."
            ).format(
                folder=folder.folder,
                used=megabytes(folder.size_bytes()),
                limit=megabytes(folder.limit),
            )
        )
        where.setObjectName("Muted")
        where.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Restore"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.setToolTip(self.tr("Keep them for now and ask again at the next start"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(lambda: self._done("restore"))
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def chosen(self) -> list[Any]:
        rows = sorted(self.table.indexOfTopLevelItem(i) for i in self.table.selectedItems())
        return [self._models[row] for row in rows]

    def _refresh(self) -> None:
        some = bool(self.table.selectedItems())
        self.restore_button.setEnabled(some)
        self.discard_button.setEnabled(some)

    def _discard(self) -> None:
        count = len(self.chosen())
        answer = QMessageBox.question(
            self,
            self.tr("Discard models"),
            self.tr("Delete %n trained model(s) for good? This cannot be undone.", "", count),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._done("discard")

    def _done(self, choice: str) -> None:
        self._choice = choice
        self.accept()

    def ask(self) -> tuple[str, list[Any]]:
        """Show the dialog; ("restore" | "discard" | "later", the models chosen)."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return "later", []
        return self._choice, self.chosen()
