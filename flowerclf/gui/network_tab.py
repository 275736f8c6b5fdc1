"""The Network tab: what is inside the network, stage by stage.

For the current model's architecture (or, with no model, the one chosen in the
Train tab) it shows the ResNet paper's stage table, measured on the network in
the background, a drawing of the chosen stage's block, and what that stage
computes for a photo: its most active channels as a grid. The photo is the one
selected in the Predict tab, or one chosen here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.architecture import BASIC, GROUPED, MAP_STAGES, WIDE, Stage
from flowerclf.gui import network_tasks
from flowerclf.gui.block_drawing import BlockDrawing
from flowerclf.gui.dialogs import image_filter
from flowerclf.gui.error_words import describe
from flowerclf.gui.feature_grid import FeatureGridView
from flowerclf.gui.session import Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.stage_table import StageTable
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner

PLANNED_CLASSES = 1000  # before there is a model: a last layer as ImageNet's
DEFAULT_MAPS = 16


class NetworkTab(QWidget):
    """Stage table, block drawing and feature maps of the network in use."""

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._tables = runner.slot("network-table", Policy.LATEST)
        self._maps = runner.slot("feature-maps", Policy.LATEST)
        self._planned: tuple[str, int] | None = None
        self._shown_key: tuple[str, int, int] | None = None  # what the table was made for
        self._stand_in: network_tasks.StandIn | None = None
        self._photo: str | bytes | None = None
        self._photo_name = ""
        self._maps_key: tuple[Any, ...] | None = None  # what the grid was made for
        self._build()
        session.currentChanged.connect(lambda _entry: self.refresh())
        session.modelsChanged.connect(self._show_title)  # a model saved under a new name
        self._tables.busyChanged.connect(lambda _busy: self._show_state())
        self._maps.busyChanged.connect(lambda _busy: self._show_state())

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.stage_table = StageTable()
        self.stage_table.currentCellChanged.connect(lambda *_: self._on_stage_chosen())
        self.drawing = BlockDrawing()
        self.caption_label = QLabel()
        self.caption_label.setWordWrap(True)
        self.caption_label.setObjectName("Muted")
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        block = QWidget()
        block_layout = QVBoxLayout(block)
        block_layout.setContentsMargins(0, 0, 0, 0)
        block_layout.addWidget(self.drawing, 1)
        block_layout.addWidget(self.caption_label)

        self.photo_button = QPushButton(self.tr("Choose photo…"))
        self.photo_button.setToolTip(
            self.tr(
                "The photo whose feature maps are shown (otherwise the one selected in Predict)"
            )
        )
        self.photo_button.clicked.connect(self.choose_photo_dialog)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 64)
        self.count_spin.setValue(DEFAULT_MAPS)
        self.count_spin.setPrefix(self.tr("Show "))
        self.count_spin.setSuffix(self.tr(" channels"))
        self.count_spin.setToolTip(self.tr("How many of the most active channels are shown"))
        self.count_spin.valueChanged.connect(lambda _value: self._update_maps())
        self.maps_label = QLabel()
        self.maps_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("Muted")
        self.note_label.setWordWrap(True)
        self.grid_view = FeatureGridView()
        controls = QHBoxLayout()
        controls.addWidget(self.photo_button)
        controls.addWidget(self.count_spin)
        controls.addWidget(self.maps_label, 1)
        maps = QWidget()
        maps_layout = QVBoxLayout(maps)
        maps_layout.setContentsMargins(0, 0, 0, 0)
        maps_layout.addLayout(controls)
        maps_layout.addWidget(self.note_label)
        maps_layout.addWidget(self.grid_view, 1)

        self.top_splitter = two_panes(
            Qt.Orientation.Horizontal,
            "NetworkTopSplitter",
            self.stage_table,
            block,
            stretch=(3, 2),
            sizes=(700, 420),
        )
        self.splitter = two_panes(
            Qt.Orientation.Vertical,
            "NetworkSplitter",
            self.top_splitter,
            maps,
            stretch=(1, 1),
            sizes=(400, 320),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.splitter, 1)
        self._settings.restore_splitters("network", self.splitter, self.top_splitter)

    def save_settings(self) -> None:
        self._settings.save_splitters("network", self.splitter, self.top_splitter)

    # -- what to show ----------------------------------------------------------------------

    def set_planned(self, arch: str, image_size: int) -> None:
        """The architecture and image size chosen in the Train tab (shown with no model)."""
        if self._planned == (arch, image_size):
            return
        self._planned = (arch, image_size)
        if self._stand_in is not None and (arch, image_size) != (
            self._stand_in.arch,
            self._stand_in.image_size,
        ):
            self._stand_in = None
        self.refresh()

    def follow_options(self, options: Any) -> None:
        """Show the network chosen in the Train tab's ``options`` (a TrainOptions) from now on."""

        def planned() -> None:
            config = options.config()
            self.set_planned(config.arch, config.image_size)

        options.changed.connect(planned)
        planned()

    def set_photo(self, source: str | bytes | None, name: str = "") -> None:
        """The photo whose feature maps are shown (the one selected in Predict, or chosen)."""
        if source == self._photo:
            return
        self._photo, self._photo_name = source, name
        if self.isVisible():
            self._update_maps()

    def choose_photo_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a photo"), self._settings.folder("images"), image_filter()
        )
        if path:
            self._settings.set_folder("images", str(Path(path).parent))
            self.set_photo(path, Path(path).name)

    def _network(self) -> tuple[str, int, int] | None:
        """(arch, image size, classes) of the current model, else of the Train tab's choice."""
        entry = self._session.current
        if entry is not None:
            model = entry.classifier
            return model.arch, model.image_size, len(model.classes)
        if self._planned is not None:
            return (*self._planned, PLANNED_CLASSES)
        return None

    def refresh(self) -> None:
        """Measure the table for what is in use now (once the tab is seen)."""
        if not self.isVisible():
            return  # showEvent comes back here
        key = self._network()
        if key is None or key == self._shown_key:
            self._show_title()  # another model of the same shape
            self._update_maps()
            return
        self._tables.start(
            network_tasks.stage_table(*key),
            self.tr("measuring the network"),
            on_result=lambda table: self._on_table(key, table),
            on_error=self._on_error,
        )
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def _on_table(self, key: tuple[str, int, int], table: Any) -> None:
        self._shown_key = key
        self.stage_table.set_table(table)
        if self.stage_table.chosen_stage() is None:
            self.stage_table.choose("conv2_x")
        self._show_title()
        self._on_stage_chosen()

    def _on_error(self, error: TaskError) -> None:
        self.maps_label.setText(describe(error))

    def _show_title(self) -> None:
        table = self.stage_table.table()
        if table is None:
            return
        entry = self._session.current
        if entry is not None:
            text = self.tr("{arch} of the current model, “{name}”: {size}×{size} px in, {n} out")
        else:
            text = self.tr("{arch}, as chosen in the Train tab (no model yet): {size}×{size} px in")
        self.title_label.setText(
            text.format(
                arch=table.arch,
                name=entry.name if entry is not None else "",
                size=table.image_size,
                n=self.tr("%n class(es)", "", table.num_classes),
            )
        )

    # -- the chosen stage ----------------------------------------------------------------

    def _on_stage_chosen(self) -> None:
        stage = self.stage_table.chosen()
        self.drawing.set_stage(stage)
        self.caption_label.setText(self.caption(stage) if stage is not None else "")
        self._update_maps()

    def caption(self, stage: Stage) -> str:
        """What the stage does, in a few sentences made of its measured numbers."""
        h, w = stage.output_size
        if stage.block == "conv":
            return self.tr(
                "The stem: one {k}×{k} convolution with stride {s} turns the picture into {c} "
                "channels of {h}×{w}."
            ).format(k=stage.kernel, s=stage.stride, c=stage.channels_out, h=h, w=w)
        if stage.block == "max pool":
            return self.tr("A {k}×{k} max pool with stride {s} halves the maps to {h}×{w}.").format(
                k=stage.kernel, s=stage.stride, h=h, w=w
            )
        if stage.block == "fc":
            return self.tr(
                "An average over each of the {cin} maps, then a fully connected layer: one "
                "output per class ({c})."
            ).format(cin=stage.channels_in, c=stage.channels_out)
        first, middle, last = stage.layers[0], stage.layers[1], stage.layers[-1]
        if stage.block == BASIC:
            text = self.tr(
                "Basic block: two {k}×{k} convolutions of {c} channels, the input added back."
            ).format(k=middle.kernel, c=middle.channels)
        else:
            text = self.tr(
                "Bottleneck: a 1×1 convolution narrows {cin} channels to {w}, the 3×3 works at "
                "that width, and a 1×1 widens it {e:g}× to {c}."
            ).format(cin=stage.channels_out, w=first.channels, e=stage.expansion, c=last.channels)
        if stage.block == GROUPED:
            text += " " + self.tr(
                "ResNeXt: the 3×3 is split into {g} groups (the cardinality) of {gw} channels; "
                "each group sees only its own."
            ).format(g=stage.cardinality, gw=stage.group_width)
        if stage.block == WIDE:
            text += " " + self.tr(
                "Wide ResNet: its 3×3 is {f:g}× as wide as a plain bottleneck's ({w}, not {p})."
            ).format(f=stage.widening, w=stage.width, p=round(stage.width / stage.widening))
        if stage.stride > 1:
            text += " " + self.tr(
                "The first of the {n} blocks halves the size (stride {s}) and its shortcut is a "
                "1×1 convolution to {c} channels."
            ).format(n=stage.blocks, s=stage.stride, c=stage.channels_out)
        elif stage.projection:
            text += " " + self.tr(
                "The first of the {n} blocks widens its shortcut to {c} channels with a 1×1 "
                "convolution."
            ).format(n=stage.blocks, c=stage.channels_out)
        return text

    # -- feature maps ------------------------------------------------------------------------

    def _update_maps(self) -> None:
        stage = self.stage_table.chosen_stage()
        key_network = self._network()
        if stage is None or key_network is None or not self.isVisible():
            return
        if stage not in MAP_STAGES or self._photo is None:
            self.maps_label.setText("")  # the caption of maps no longer shown
            self.note_label.hide()
        if stage not in MAP_STAGES:
            self.grid_view.set_grid(None)
            self.grid_view.set_placeholder(
                self.tr("The last layer gives one number per class: choose another stage.")
            )
            self._maps_key = None
            return
        if self._photo is None:
            self.grid_view.set_grid(None)
            self.grid_view.set_placeholder(
                self.tr(
                    "Select a photo in the Predict tab, or choose one, to see what {stage} "
                    "computes for it."
                ).format(stage=stage)
            )
            self._maps_key = None
            return
        entry = self._session.current
        classifier = entry.classifier if entry is not None else None
        key = (id(classifier), key_network, self._photo, stage, self.count_spin.value())
        if key == self._maps_key:
            return
        self._maps_key = key
        stand_in = self._stand_in or key_network[:2]
        self._maps.start(
            network_tasks.feature_grid(
                classifier, self._photo, stage, self.count_spin.value(), stand_in
            ),
            self.tr("computing feature maps"),
            on_result=self._on_grid,
            on_error=self._on_maps_failed,
        )
        self._show_state()

    def _on_grid(self, grid: network_tasks.FeatureGrid) -> None:
        if grid.stand_in is not None:
            self._stand_in = grid.stand_in
        self.grid_view.set_grid(grid)
        h, w = grid.output_size
        self.maps_label.setText(
            self.tr("{stage}: the {n} most active of its {total} channels, {h}×{w} each").format(
                stage=grid.stage, n=len(grid.maps), total=grid.channels_total, h=h, w=w
            )
        )
        self.note_label.setText(self._weights_note(grid))
        self.note_label.setVisible(bool(self.note_label.text()))

    def _weights_note(self, grid: network_tasks.FeatureGrid) -> str:
        if grid.stand_in is None:
            return ""
        if grid.stand_in.weights == network_tasks.IMAGENET:
            return self.tr("No model yet: these are the ImageNet weights of {arch}.").format(
                arch=grid.stand_in.arch
            )
        return self.tr(
            "No model yet, and no ImageNet weights for {arch} on this computer: the network is "
            "untrained, so these maps come from random filters."
        ).format(arch=grid.stand_in.arch)

    def _on_maps_failed(self, error: TaskError) -> None:
        self._maps_key = None
        self.grid_view.set_grid(None)
        self.grid_view.set_placeholder(describe(error))

    def _show_state(self) -> None:
        if self._tables.is_busy() and self.stage_table.table() is None:
            self.title_label.setText(self.tr("Measuring the network…"))
        if self._maps.is_busy():
            self.maps_label.setText(self.tr("Computing feature maps…"))

    def is_busy(self) -> bool:
        return self._tables.is_busy() or self._maps.is_busy()
