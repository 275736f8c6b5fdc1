"""Where a run trains: automatic, the CPU, one GPU, or every GPU together.

The engine lists what this computer has once it has loaded (a GPU cannot be
asked for sooner without loading torch on the window's thread); until then
only "Automatic" and "CPU" are offered. A choice remembered from an earlier
start that is not offered yet is kept waiting, and taken if the engine
offers it; on a computer that no longer has it, "Automatic" stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from flowerclf.gui.model_tasks import ALL_GPUS


class DeviceBox(QComboBox):
    """The device choice of the Train tab: ``device()`` for the config, ``processes()``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(self.tr("Automatic"), "auto")
        self.addItem(self.tr("CPU"), "cpu")
        self.setToolTip(
            self.tr(
                "Where the work runs. Automatic uses a graphics card when there is one; "
                "with several, all of them can train together."
            )
        )
        # A device's name can be long ("Automatic: NVIDIA H200 NVL"): it is cut short in
        # the box, never allowed to widen the window past a small screen; the list and
        # each item's tip show it whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self._gpus = 0
        self._waiting: str | None = None  # a choice not offered (yet)
        self.activated.connect(self._on_chosen)

    def _on_chosen(self) -> None:
        self._waiting = None  # the person's own choice wins over a remembered one

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """Offer the devices the engine found: (key, label)."""
        wanted = self._waiting or self.choice()
        self.clear()
        for key, label in devices:
            self.addItem(label, key)
            self.setItemData(self.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.view().setMinimumWidth(self.view().sizeHintForColumn(0) + 24)
        self._gpus = sum(1 for key, _ in devices if key.startswith("cuda") and key != ALL_GPUS)
        self._waiting = None
        self.choose(wanted)

    def choice(self) -> str:
        """The key of what is chosen: auto, cpu, cuda, cuda:N, mps, or ALL_GPUS."""
        return self.currentData() or "auto"

    def choose(self, key: str) -> None:
        """Choose ``key``; one not offered waits for the engine's list, with Automatic meanwhile."""
        index = self.findData(key)
        if index < 0:
            self._waiting = key
            index = max(0, self.findData("auto"))
        else:
            self._waiting = None
        self.setCurrentIndex(index)

    def device(self) -> str:
        """The device of each training process (every GPU together: CUDA)."""
        return "cuda" if self.choice() == ALL_GPUS else self.choice()

    def processes(self) -> int:
        """How many processes train together: one, or one per GPU."""
        return self._gpus if self.choice() == ALL_GPUS and self._gpus > 1 else 1
