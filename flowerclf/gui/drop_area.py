"""Dropping files on the app: what a drop holds, and the big "drop here" panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders in a drop or a paste, in order."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def mime_image(mime: QMimeData) -> QImage | None:
    """A picture carried as data (dragged from a browser, copied in an editor)."""
    if not mime.hasImage():
        return None
    data = mime.imageData()
    if isinstance(data, QImage) and not data.isNull():
        return data
    return None


class FileDropFilter(QObject):
    """Makes a widget accept dropped files/folders/pictures without subclassing it.

    Installed as an event filter so that the same behaviour serves a whole tab
    (drops land on the tab whichever child is under the pointer, as long as
    that child does not take drops itself).
    """

    pathsDropped = Signal(list)  # noqa: N815 - list[str]
    imageDropped = Signal(QImage)  # noqa: N815
    dragActive = Signal(bool)  # noqa: N815 - True while something droppable hovers

    def __init__(self, widget: QWidget, *, accept_images: bool = True) -> None:
        super().__init__(widget)
        self._accept_images = accept_images
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def _usable(self, mime: QMimeData) -> bool:
        return bool(local_paths(mime)) or (self._accept_images and mime_image(mime) is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDropEvent)  # QDragEnter/MoveEvent derive from it
            if self._usable(event.mimeData()):
                event.acceptProposedAction()
                if kind == QEvent.Type.DragEnter:
                    self.dragActive.emit(True)
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.DragLeave:
            self.dragActive.emit(False)
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.dragActive.emit(False)
            mime = event.mimeData()
            paths = local_paths(mime)
            if paths:
                event.acceptProposedAction()
                self.pathsDropped.emit(paths)
            elif self._accept_images and (image := mime_image(mime)) is not None:
                event.acceptProposedAction()
                self.imageDropped.emit(image)
            else:
                event.ignore()
            return True
        return super().eventFilter(watched, event)


class DropArea(QFrame):
    """The large empty-state panel of the Predict tab.

    It explains what to do in each state: the engine is still loading, no
    model is loaded yet (offer to open one or to go and train one), or ready
    for pictures.
    """

    openImagesClicked = Signal()  # noqa: N815
    pasteClicked = Signal()  # noqa: N815
    openModelClicked = Signal()  # noqa: N815
    goToTrainClicked = Signal()  # noqa: N815
    imagenetClicked = Signal()  # noqa: N815 - use torchvision's 1,000-category model

    LOADING = "loading"
    NO_MODEL = "no_model"
    READY = "ready"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DropArea")
        self.setProperty("dragActive", False)
        self.setMinimumSize(320, 220)

        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        app_icon = QApplication.windowIcon()
        if not app_icon.isNull():
            self.icon.setPixmap(app_icon.pixmap(96, 96))
        else:
            self.icon.hide()
        self.title = QLabel()
        self.title.setObjectName("DropTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("DropText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)

        self.open_images_button = QPushButton(self.tr("Open images…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.open_model_button = QPushButton(self.tr("Open model…"))
        self.train_button = QPushButton(self.tr("Go to Train"))
        self.imagenet_button = QPushButton(self.tr("Try ImageNet: 1,000 everyday things"))
        self.imagenet_button.clicked.connect(self.imagenetClicked)
        self.imagenet_button.setToolTip(
            self.tr(
                "A network that already knows 1,000 everyday things (dogs, cars, fruit…): "
                "drop any photo and see what it thinks. Downloaded once if it is not here yet."
            )
        )
        self.open_images_button.clicked.connect(self.openImagesClicked)
        self.paste_button.clicked.connect(self.pasteClicked)
        self.open_model_button.clicked.connect(self.openModelClicked)
        self.train_button.clicked.connect(self.goToTrainClicked)
        self.open_images_button.setToolTip(self.tr("Choose photos to classify"))
        self.paste_button.setToolTip(self.tr("Classify a picture copied to the clipboard (Ctrl+V)"))
        self.open_model_button.setToolTip(self.tr("Open a model file (.safetensors or .pth)"))
        self.train_button.setToolTip(self.tr("Teach a new model from a folder of your own photos"))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.open_images_button,
            self.paste_button,
            self.open_model_button,
            self.train_button,
            self.imagenet_button,
        ):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addStretch(2)
        layout.addWidget(self.icon)
        layout.addSpacing(12)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addStretch(3)
        self.state = ""
        self._waiting: tuple[int, int] = (0, 0)
        self.set_state(self.LOADING)

    def set_state(self, state: str, *, waiting: tuple[int, int] = (0, 0)) -> None:
        """Switch the wording and buttons; ``waiting``: (photos, folders) kept for later."""
        if (state, waiting) == (self.state, self._waiting):
            return  # called on every batch's progress: restyling buttons then is wasted work
        self.state, self._waiting = state, waiting
        if state == self.LOADING:
            self.title.setText(self.tr("Getting ready…"))
            self.text.setText(
                self.tr(
                    "The classifier engine is starting. You can already drop photos here: "
                    "they will be classified as soon as a model is ready."
                )
            )
        elif state == self.NO_MODEL:
            self.title.setText(self.tr("No model loaded"))
            self.text.setText(
                self.tr(
                    "Open a model file, or train one on your own photos in the Train tab. "
                    "You can also drop a model file (.safetensors or .pth) here."
                )
            )
        else:
            self.title.setText(self.tr("Drop photos here"))
            self.text.setText(
                self.tr(
                    "Drop pictures or whole folders on this window, open them, "
                    "or paste a picture with Ctrl+V."
                )
            )
        if any(waiting) and state != self.READY:
            self.text.setText(self.text.text() + "\n\n" + waiting_text(*waiting))
        has_model = state == self.READY
        # The one thing to do next stands out.
        self.open_model_button.setObjectName("" if has_model else "PrimaryButton")
        self.open_images_button.setObjectName("PrimaryButton" if has_model else "")
        for button in (self.open_model_button, self.open_images_button):
            button.style().unpolish(button)
            button.style().polish(button)
        self.open_model_button.setVisible(not has_model)
        self.train_button.setVisible(state == self.NO_MODEL)
        self.imagenet_button.setVisible(state == self.NO_MODEL)
        self.open_images_button.setVisible(has_model)
        self.paste_button.setVisible(has_model)

    def set_drag_active(self, active: bool) -> None:
        """Highlight the panel while files hover over the window (styled in the QSS)."""
        self.setProperty("dragActive", active)
        self.style().unpolish(self)
        self.style().polish(self)


def waiting_text(photos: int, folders: int) -> str:
    """ "3 photos and 1 folder waiting to be classified": photos, not drops, are counted."""
    parts = []
    if photos:
        parts.append(DropArea.tr("%n photo(s)", "", photos))
    if folders:
        parts.append(DropArea.tr("%n folder(s)", "", folders))
    return DropArea.tr("{what} waiting to be classified.").format(
        what=DropArea.tr(" and ").join(parts)
    )
