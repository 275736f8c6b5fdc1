"""The ResNet paper's stage table as a Qt table: one row per stage, then the totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from flowerclf.core.architecture import (
    BASIC,
    BOTTLENECK,
    GROUPED,
    WIDE,
    ArchitectureTable,
    Stage,
    block_notation,
    format_macs,
)

STAGE_ROLE = Qt.ItemDataRole.UserRole


def block_words(stage: Stage) -> str:
    """The kind of a row in a few words, in the app's language."""
    if stage.block == BASIC:
        return StageTable.tr("basic block")
    if stage.block == BOTTLENECK:
        return StageTable.tr("bottleneck")
    if stage.block == GROUPED:
        return StageTable.tr("grouped bottleneck, {c}×{w}").format(
            c=stage.cardinality, w=stage.group_width
        )
    if stage.block == WIDE:
        return StageTable.tr("wide bottleneck, ×{f:g}").format(f=stage.widening)
    if stage.block == "conv":
        return StageTable.tr("{k}×{k} conv, stride {s}").format(k=stage.kernel, s=stage.stride)
    if stage.block == "max pool":
        return StageTable.tr("{k}×{k} max pool, stride {s}").format(k=stage.kernel, s=stage.stride)
    return StageTable.tr("average pool, fc")


class StageTable(QTableWidget):
    """Stage, output size, block, blocks, channels, parameters, multiply-adds; totals last."""

    COLUMNS = 7

    def __init__(self, parent=None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Stage"),
                self.tr("Output size"),
                self.tr("Block"),
                self.tr("Blocks"),
                self.tr("Channels"),
                self.tr("Parameters"),
                self.tr("Multiply-adds"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Stage table"))
        self._table: ArchitectureTable | None = None

    def set_table(self, table: ArchitectureTable | None) -> None:
        """Show ``table``; the selected stage stays selected when it still exists."""
        chosen = self.chosen_stage()
        self._table = table
        self.setRowCount(0)
        if table is None:
            return
        stages = list(table.stages)
        self.setRowCount(len(stages) + 1)
        for row, stage in enumerate(stages):
            height, width = stage.output_size
            cells = [
                stage.stage,
                f"{height}×{width}",
                block_words(stage),
                str(stage.blocks) if stage.is_residual else "",
                str(stage.channels_out),
                f"{stage.params:,}",
                format_macs(stage.macs),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(STAGE_ROLE, stage.stage)
                if stage.is_residual:  # the paper's notation: [1×1, 64; 3×3, 64; 1×1, 256] ×3
                    item.setToolTip(block_notation(stage))
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)
        total = len(stages)
        bold = QFont(self.font())
        bold.setBold(True)
        for column, text in {
            0: self.tr("Total"),
            5: f"{table.total_params:,}",
            6: format_macs(table.total_macs),
        }.items():
            item = QTableWidgetItem(text)
            item.setFont(bold)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not a stage: cannot be chosen
            if column >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(total, column, item)
        if chosen is not None:
            self.choose(chosen)

    def table(self) -> ArchitectureTable | None:
        return self._table

    def stages(self) -> list[str]:
        """The stage names, top to bottom."""
        return [stage.stage for stage in self._table.stages] if self._table else []

    def row_of(self, stage: str) -> int:
        return self.stages().index(stage)

    def choose(self, stage: str) -> None:
        """Select the row of ``stage`` (as a click would)."""
        if stage in self.stages():
            self.setCurrentCell(self.row_of(stage), 0)

    def chosen_stage(self) -> str | None:
        item = self.item(self.currentRow(), 0) if self.currentRow() >= 0 else None
        return item.data(STAGE_ROLE) if item is not None else None

    def chosen(self) -> Stage | None:
        name = self.chosen_stage()
        return self._table.stage(name) if name is not None and self._table else None
