"""The Train tab's options: a form that reads and writes a core ``TrainingConfig``.

Choices and defaults come from :mod:`flowerclf.core.config`, the one source
the command line and the core use too, so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flowerclf.core.config import ARCHITECTURES, TrainingConfig
from flowerclf.gui.arch_words import arch_description
from flowerclf.gui.device_box import DeviceBox
from flowerclf.gui.settings import Settings

LEARNING_RATES = ["0.001", "0.0003", "0.0001", "0.00003", "0.00001"]
WEIGHTS_FILTER = QT_TRANSLATE_NOOP(
    "TrainOptions", "Models and PyTorch weights (*.safetensors *.pth *.pt);;All files (*)"
)
#: The weights choice that starts from the session's current model.
THIS_MODEL = "model"
#: The TrainingConfig fields this form shows (and remembers between runs).
SHOWN_FIELDS = (
    "arch",
    "weights",
    "freeze_backbone",
    "epochs",
    "batch_size",
    "lr",
    "image_size",
    "val_split",
    "device",
)


def lr_text(lr: float) -> str:
    """0.0001 rather than 1e-04: the presets are written out in full."""
    text = f"{lr:.8f}".rstrip("0").rstrip(".")
    return text if float(text or 0) == lr else f"{lr:g}"


class TrainOptions(QGroupBox):
    """Network, starting weights, mode, epochs, batch, learning rate, size, validation, device."""

    changed = Signal()  # the network or the image size changed

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Options"), parent)
        self._settings = settings
        self._weights_file = ""
        self._model: tuple[str, str, int] | None = None  # the offered model: file, arch, size
        self._build()
        self.restore()

    def _build(self) -> None:
        self.arch_box = QComboBox()
        self.arch_box.setToolTip(
            self.tr(
                "The kind of network. Bigger networks can be more accurate but train and "
                "answer more slowly. resnet18 and resnet34 are good first choices."
            )
        )
        for name, spec in ARCHITECTURES.items():
            label = self.tr("{name}  ({params:.1f} M parameters)").format(
                name=name, params=spec.params_millions
            )
            self.arch_box.addItem(label, name)
            self.arch_box.setItemData(
                self.arch_box.count() - 1, arch_description(name), Qt.ItemDataRole.ToolTipRole
            )
        self.weights_box = QComboBox()
        self.weights_box.addItem(self.tr("ImageNet (recommended)"), "imagenet")
        self.weights_box.addItem(self.tr("None: start from scratch"), "none")
        self.weights_box.addItem(self.tr("From a model or weights file…"), "file")
        self.weights_box.setToolTip(
            self.tr(
                "What the network already knows before it sees your photos. Starting from "
                "ImageNet (a million everyday photos) needs far fewer photos of your own; "
                "from scratch needs many more photos and epochs. Starting from a model of "
                "yours continues it: its classes keep what they learnt, new classes are added."
            )
        )
        self.weights_box.activated.connect(self._on_weights_activated)
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Fine-tune all layers"), False)
        self.mode_box.addItem(self.tr("Train the last layer only (faster)"), True)
        self.mode_box.setToolTip(
            self.tr(
                "Fine-tuning all layers usually gives the best accuracy. Training only the "
                "last layer is quicker and works well when your photos look like everyday photos."
            )
        )
        self.epochs_spin = _spin(
            1,
            1000,
            self.tr(
                "How many times the network looks at every training photo. More epochs take "
                "longer and can help, up to a point."
            ),
        )
        self.batch_spin = _spin(
            1,
            1024,
            self.tr(
                "How many photos the network looks at together before it adjusts itself. "
                "Lower it if the computer runs out of memory."
            ),
        )
        self.lr_box = QComboBox()
        self.lr_box.setEditable(True)
        self.lr_box.addItems(LEARNING_RATES)
        validator = QDoubleValidator(1e-8, 10.0, 8, self.lr_box)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lr_box.setValidator(validator)
        self.lr_box.setToolTip(
            self.tr(
                "How big each adjustment is. Too big and learning goes wild; too small and it "
                "crawls. 0.0001 suits fine-tuning."
            )
        )
        self.size_spin = _spin(
            32,
            1024,
            self.tr(
                "Photos are resized to this many pixels square. 224 is what these networks "
                "were made for; smaller is faster but sees less detail."
            ),
        )
        self.size_spin.setSingleStep(32)
        # What the network is changes with these two (the Network tab listens).
        self.arch_box.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.size_spin.valueChanged.connect(lambda _value: self.changed.emit())
        self.size_spin.setSuffix(self.tr(" px"))
        self.val_spin = _spin(
            0,
            50,
            self.tr(
                "The share of photos kept aside to check the network on photos it has not "
                "learnt from. That check picks the best epoch."
            ),
        )
        self.val_spin.setSuffix(" %")
        self.device_box = DeviceBox()
        self.hint_label = QLabel(
            self.tr(
                "A network that starts from scratch knows nothing yet: training only its "
                "last layer learns little. Fine-tune all layers, or start from ImageNet."
            )
        )
        self.hint_label.setObjectName("Muted")
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        self.weights_box.currentIndexChanged.connect(self._refresh_hint)
        self.mode_box.currentIndexChanged.connect(self._refresh_hint)
        self.defaults_button = QPushButton(self.tr("Restore defaults"))
        self.defaults_button.setToolTip(self.tr("Back to the recommended settings"))
        self.defaults_button.clicked.connect(self.restore_defaults)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (self.tr("Network"), self.arch_box),
            (self.tr("Starting weights"), self.weights_box),
            (self.tr("Mode"), self.mode_box),
            (self.tr("Epochs"), self.epochs_spin),
            (self.tr("Batch size"), self.batch_spin),
            (self.tr("Learning rate"), self.lr_box),
            (self.tr("Image size"), self.size_spin),
            (self.tr("Validation share"), self.val_spin),
            (self.tr("Device"), self.device_box),
        ):
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        defaults_row = QHBoxLayout()
        defaults_row.addStretch(1)
        defaults_row.addWidget(self.defaults_button)
        layout.addLayout(defaults_row)

    def _refresh_hint(self) -> None:
        scratch = self.weights_box.currentData() == "none"
        self.hint_label.setVisible(scratch and bool(self.mode_box.currentData()))

    # -- devices -----------------------------------------------------------------------------

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """Offer the devices the engine found: (key, label)."""
        self.device_box.set_devices(devices)

    def processes(self) -> int:
        """How many processes train together: one per GPU with "all GPUs", else one."""
        return self.device_box.processes()

    # -- weights -----------------------------------------------------------------------------

    def _on_weights_activated(self, index: int) -> None:
        if self.weights_box.itemData(index) == "file":
            self.choose_weights_file_dialog()
        elif self.weights_box.itemData(index) == THIS_MODEL and self._model is not None:
            self._follow_model(self._model[1], self._model[2])

    def offer_model(self, name: str | None, path: str | None, arch: str = "", size: int = 0):
        """Offer "Start from: this model" for the session's current model (None: no offer).

        ``path`` is a flowerclf model file holding it (its own file, or its copy in
        the recovery folder while it is unsaved).
        """
        index = self.weights_box.findData(THIS_MODEL)
        chosen = self.weights_box.currentData() == THIS_MODEL
        if path is None or name is None:
            self._model = None
            if index >= 0:
                self.weights_box.removeItem(index)
            if chosen:
                self.weights_box.setCurrentIndex(self.weights_box.findData("imagenet"))
            return
        self._model = (path, arch, size)
        label = self.tr("Start from: this model ({name})").format(name=name)
        if index < 0:
            self.weights_box.insertItem(0, label, THIS_MODEL)
            index = 0
        self.weights_box.setItemText(index, label)
        tip = self.tr(
            "Continue training {name}: its classes keep what they learnt, new classes are "
            "added, and classes no longer in the folder are dropped. Uses its network ({arch}) "
            "and image size ({size} px)."
        ).format(name=name, arch=arch, size=size)
        self.weights_box.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        if chosen:
            self._follow_model(arch, size)

    def start_from_model(self) -> bool:
        """Choose "Start from: this model"; False when no model is offered."""
        index = self.weights_box.findData(THIS_MODEL)
        if index < 0 or self._model is None:
            return False
        self.weights_box.setCurrentIndex(index)
        self._follow_model(self._model[1], self._model[2])
        return True

    def _follow_model(self, arch: str, size: int) -> None:
        """A model is continued as the same network, on pictures of the size it learnt on."""
        if arch:
            _select(self.arch_box, arch)
        if size:
            self.size_spin.setValue(int(size))

    def choose_weights_file_dialog(self) -> bool:
        """Pick a starting weights file; False (and the old choice kept) if cancelled."""
        start = self._weights_file or self._settings.folder("weights")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Starting weights"), start, self.tr(WEIGHTS_FILTER)
        )
        if path:
            self.set_weights(path)
            self._settings.set_folder("weights", str(Path(path).parent))
            model = _model_file_info(path)
            if model is not None:
                self._follow_model(*model)
            return True
        self.set_weights(self._weights_file or "imagenet")
        return False

    def set_weights(self, weights: str) -> None:
        """ "imagenet", "none", or the path of a weights file."""
        if weights in ("imagenet", "none"):
            self.weights_box.setCurrentIndex(self.weights_box.findData(weights))
            return
        self._weights_file = weights
        index = self.weights_box.findData(weights)
        if index < 0:
            # Keep one file entry at most, just above "From a model or weights file…".
            for i in range(self.weights_box.count()):
                if self.weights_box.itemData(i) not in ("imagenet", "none", "file", THIS_MODEL):
                    self.weights_box.removeItem(i)
                    break
            label = self.tr("File: {name}").format(name=Path(weights).name)
            index = self.weights_box.findData("file")
            self.weights_box.insertItem(index, label, weights)
            self.weights_box.setItemData(index, weights, Qt.ItemDataRole.ToolTipRole)
        self.weights_box.setCurrentIndex(index)

    # -- the config ----------------------------------------------------------------------------

    def config(self) -> TrainingConfig:
        """The chosen options as a core TrainingConfig (the other fields at their defaults)."""
        defaults = TrainingConfig()
        try:
            lr = float(self.lr_box.currentText().replace(",", "."))
        except ValueError:
            lr = defaults.lr
        weights = self.weights_box.currentData()
        if weights == "file":
            weights = self._weights_file or defaults.weights
        elif weights == THIS_MODEL:
            weights = self._model[0] if self._model is not None else defaults.weights
        return replace(
            defaults,
            arch=self.arch_box.currentData() or defaults.arch,
            weights=weights,
            freeze_backbone=bool(self.mode_box.currentData()),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            lr=lr,
            image_size=self.size_spin.value(),
            val_split=self.val_spin.value() / 100.0,
            device=self.device_box.device(),
        )

    def set_config(self, config: TrainingConfig) -> None:
        _select(self.arch_box, config.arch)
        self.set_weights(str(config.weights))
        self.mode_box.setCurrentIndex(1 if config.freeze_backbone else 0)
        self.epochs_spin.setValue(int(config.epochs))
        self.batch_spin.setValue(int(config.batch_size))
        text = lr_text(float(config.lr))
        index = self.lr_box.findText(text)
        if index >= 0:
            self.lr_box.setCurrentIndex(index)
        else:
            self.lr_box.setCurrentText(text)
        self.size_spin.setValue(int(config.image_size))
        self.val_spin.setValue(int(round(float(config.val_split) * 100)))
        self.device_box.choose(config.device)

    def set_presplit(self, presplit: bool) -> None:
        """A folder that is already split needs no validation share."""
        self.val_spin.setEnabled(not presplit)

    def restore_defaults(self) -> None:
        self.set_config(TrainingConfig())

    def restore(self) -> None:
        """The options of the last run, as remembered."""
        defaults = TrainingConfig().as_metadata()
        stored: dict[str, Any] = {
            key: self._settings.get(f"train/{key}", defaults[key]) for key in SHOWN_FIELDS
        }
        weights = str(stored.get("weights") or "")
        if weights not in ("imagenet", "none") and not Path(weights).is_file():
            stored["weights"] = defaults["weights"]  # a file since moved, or a model since saved
        self.set_config(TrainingConfig.from_mapping(stored, lenient=True))

    def save(self) -> None:
        config = self.config().as_metadata()
        config["device"] = self.device_box.choice()  # "every GPU" is more than a device
        for key in SHOWN_FIELDS:
            self._settings.set(f"train/{key}", config[key])


def _model_file_info(path: str) -> tuple[str, int] | None:
    """The network and image size of a flowerclf model file (its header only), else None."""
    if not path.lower().endswith(".safetensors"):
        return None
    from flowerclf.core.errors import FlowerclfError
    from flowerclf.core.modelfile import read_model_info

    try:
        info = read_model_info(path)
    except FlowerclfError:
        return None  # a plain weights file: nothing to follow
    return str(info.get("architecture") or ""), int(info.get("image_size") or 0)


def _spin(low: int, high: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setToolTip(tip)
    return spin


def _select(box: QComboBox, value: Any) -> None:
    index = box.findData(value)
    if index < 0:
        box.addItem(str(value), value)
        index = box.count() - 1
    box.setCurrentIndex(index)
