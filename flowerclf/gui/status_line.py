"""The status bar: what runs now, the model in use, its classes, and the device."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from flowerclf.gui.session import Session
from flowerclf.gui.tasks import TaskRunner

#: What the status bar says while a slot is busy, most telling first.
BUSY_WORDS = (
    ("train", QT_TRANSLATE_NOOP("StatusLine", "Training…")),
    ("save-model", QT_TRANSLATE_NOOP("StatusLine", "Saving the model…")),
    ("engine", QT_TRANSLATE_NOOP("StatusLine", "Loading the engine…")),
    ("open-model", QT_TRANSLATE_NOOP("StatusLine", "Opening the model…")),
    ("recovery", QT_TRANSLATE_NOOP("StatusLine", "Keeping the new model safe…")),
    ("export-model", QT_TRANSLATE_NOOP("StatusLine", "Exporting the model…")),
    ("evaluate", QT_TRANSLATE_NOOP("StatusLine", "Evaluating…")),
    ("predict", QT_TRANSLATE_NOOP("StatusLine", "Classifying…")),
    ("sample-data", QT_TRANSLATE_NOOP("StatusLine", "Getting the flowers sample…")),
    ("imagenet-weights", QT_TRANSLATE_NOOP("StatusLine", "Copying the ImageNet weights…")),
)
#: Slots busy on and off many times a second that show their own activity (the camera's).
QUIET_SLOTS = frozenset({"camera"})


class StatusLine(QObject):
    """Fills a window's status bar from the session and the task runner."""

    def __init__(self, bar: QStatusBar, session: Session, runner: TaskRunner) -> None:
        super().__init__(bar)
        self._session = session
        self._runner = runner
        self._override = ""
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate: "working"
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.device_label = QLabel(self.tr("Device: …"))
        self.device_label.setToolTip(self.tr("Where the network runs"))
        self.model_label = QLabel()
        self.classes_label = QLabel()
        self.classes_label.setMaximumWidth(420)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.busy_label)
        bar.addPermanentWidget(self.model_label)
        bar.addPermanentWidget(self.classes_label)
        bar.addPermanentWidget(self.device_label)
        self._bar = bar
        for signal in (session.modelsChanged, session.currentChanged, session.engineChanged):
            signal.connect(self.refresh)
        runner.busyChanged.connect(self.refresh)
        self.refresh()

    def set_override(self, text: str) -> None:
        """Words that win over the running tasks' ("Saving …" while closing); "" to stop."""
        self._override = text
        self.refresh()

    def refresh(self) -> None:
        entry = self._session.current
        engine = self._session.engine
        if engine is not None:
            self.device_label.setText(self.tr("Device: {d}").format(d=engine.device))
        if entry is not None:
            classes = list(entry.classifier.classes)
            arch = getattr(entry.classifier, "arch", "")
            shown_arch = f" ({arch})" if arch and arch not in entry.name else ""
            self.model_label.setText(self.tr("Model: ") + entry.label() + shown_arch)
            shown = ", ".join(classes[:6]) + (", …" if len(classes) > 6 else "")
            self.classes_label.setText(
                self.tr("%n class(es): {names}", "", len(classes)).format(names=shown)
            )
            self.classes_label.setToolTip("\n".join(classes))
        else:
            self.model_label.setText(self.tr("Model: none"))
            self.classes_label.setText("")
        busy = [s.name for s in self._runner.busy_slots() if s.name not in QUIET_SLOTS]
        text = self._override or next(
            (self.tr(words) for name, words in BUSY_WORDS if name in busy),
            self.tr("Working…") if busy else "",
        )
        if not text and engine is not None:
            text = self.tr("Ready")
        self.busy_label.setText(text)
        self.busy_bar.setVisible(bool(busy) or bool(self._override))
