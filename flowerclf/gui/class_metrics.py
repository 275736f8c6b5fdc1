"""The Results tab's per-class table: precision, recall, F1 and count for each class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidgetItem, QWidget

from flowerclf.gui.dataset_summary import read_only_table
from flowerclf.gui.probability_bars import format_percent

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.evaluation import Evaluation

HEADERS = (
    QT_TRANSLATE_NOOP("ClassMetrics", "Class"),
    QT_TRANSLATE_NOOP("ClassMetrics", "Precision"),
    QT_TRANSLATE_NOOP("ClassMetrics", "Recall"),
    QT_TRANSLATE_NOOP("ClassMetrics", "F1"),
    QT_TRANSLATE_NOOP("ClassMetrics", "Images"),
)
TIPS = (
    "",
    QT_TRANSLATE_NOOP(
        "ClassMetrics", "Of the images predicted as this class, the share that truly are"
    ),
    QT_TRANSLATE_NOOP(
        "ClassMetrics", "Of the images of this class, the share the model recognised"
    ),
    QT_TRANSLATE_NOOP("ClassMetrics", "Precision and recall in one number (their harmonic mean)"),
    QT_TRANSLATE_NOOP("ClassMetrics", "Images of this class that were evaluated"),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate("ClassMetrics", text) if text else ""


def class_metrics_table(parent: QWidget) -> QWidget:
    """A read-only table, one row per class and a bold "Average of the classes" row."""
    table = read_only_table([_translate(h) for h in HEADERS])
    table.setObjectName("ClassMetrics")
    for column, tip in enumerate(TIPS):
        table.horizontalHeaderItem(column).setToolTip(_translate(tip))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for column in range(1, len(HEADERS)):
        table.horizontalHeader().setSectionResizeMode(
            column, QHeaderView.ResizeMode.ResizeToContents
        )
    return table


def fill_class_metrics(table, evaluation: Evaluation | None, average_label: str) -> None:
    """Show ``evaluation``'s per-class metrics (None: empty)."""
    if evaluation is None:
        table.setRowCount(0)
        return
    names = list(evaluation.classes)
    table.setRowCount(len(names) + 1)
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def put(row: int, values: list[str], bold: bool = False) -> None:
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column:
                item.setTextAlignment(right)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(row, column, item)

    for row, name in enumerate(names):
        m = evaluation.per_class[name]
        put(
            row,
            [
                name,
                format_percent(m.precision),
                format_percent(m.recall),
                format_percent(m.f1),
                str(m.support),
            ],
        )
    macro = evaluation.metrics
    put(
        len(names),
        [
            average_label,
            format_percent(macro.macro_precision),
            format_percent(macro.macro_recall),
            format_percent(macro.macro_f1),
            str(evaluation.total),
        ],
        bold=True,
    )
