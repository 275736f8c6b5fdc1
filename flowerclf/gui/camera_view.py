"""The Predict tab's Camera view: the live picture and the bars that follow it.

The camera runs while the view is on screen and stops when it goes (another
tab, back to the pictures, the window closing). Frames arrive on the GUI
thread as ``QVideoFrame`` s; each is turned into a ``QImage`` once, which is
both what is shown and, now and then, what the
:class:`~flowerclf.gui.live_classifier.LiveClassifier` sends to its task.
Pause freezes picture and bars; Snapshot puts the picture in the Predict list
(``snapshotTaken``) and keeps it to be saved as an image file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QImage, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from flowerclf.gui import camera_feed, predict_tasks
from flowerclf.gui.camera_feed import CameraFeed
from flowerclf.gui.camera_words import camera_status_words
from flowerclf.gui.error_words import describe
from flowerclf.gui.image_view import ImageView
from flowerclf.gui.live_classifier import LiveClassifier
from flowerclf.gui.live_panel import LivePanel
from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.session import Session
from flowerclf.gui.settings import Settings
from flowerclf.gui.splitters import two_panes
from flowerclf.gui.tasks import Policy, TaskError, TaskRunner


class CameraView(QWidget):
    """Choose a camera; the live picture beside its top class and bars; Pause, Snapshot, Save."""

    snapshotTaken = Signal(QImage, str)  # noqa: N815 - the picture and a name for the list

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
        self._image: QImage | None = None  # the newest frame, as shown
        self._snapshot: QImage | None = None
        self._frame: Any = None  # the newest QVideoFrame, not shown yet
        self._showing = QTimer(self)
        self._showing.setSingleShot(True)
        self._showing.setInterval(0)
        self._showing.timeout.connect(lambda: self.show_frame())  # looked up when it fires
        self._save_slot = runner.slot("snapshot-save", Policy.EXCLUSIVE)
        self.feed = CameraFeed(self)
        self.live = LiveClassifier(runner, self.current_image, self)
        self._build()
        self.feed.frameArrived.connect(self._on_frame)
        self.feed.statusChanged.connect(self._show_status)
        self.feed.camerasChanged.connect(self._on_cameras_changed)
        self.live.classified.connect(self._show_rate)
        self.live.problem.connect(self._show_problem)
        self._show_status(self.feed.status)

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.camera_box = QComboBox()
        self.camera_box.setMinimumContentsLength(16)
        self.camera_box.setToolTip(self.tr("The camera to use"))
        self.camera_box.activated.connect(self._on_camera_chosen)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(self.tr("Freeze the picture and the bars"))
        self.pause_button.toggled.connect(self.set_paused)
        self.snapshot_button = QPushButton(self.tr("Snapshot"))
        self.snapshot_button.setObjectName("PrimaryButton")
        self.snapshot_button.setToolTip(
            self.tr("Add the picture to the list of pictures, to keep and compare it")
        )
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.save_button = QPushButton(self.tr("Save snapshot…"))
        self.save_button.setToolTip(self.tr("Save the last snapshot as an image file"))
        self.save_button.clicked.connect(self.save_snapshot_dialog)
        self.rate_label = QLabel()
        self.rate_label.setObjectName("Muted")
        controls = QHBoxLayout()
        self.camera_label = QLabel(self.tr("Camera:"))
        controls.addWidget(self.camera_label)
        controls.addWidget(self.camera_box)
        controls.addWidget(self.pause_button)
        controls.addWidget(self.snapshot_button)
        controls.addWidget(self.save_button)
        controls.addStretch(1)
        controls.addWidget(self.rate_label)

        # Left: the picture, or why there is none (selectable, to copy the install command).
        self.picture = ImageView()
        self.picture.setAccessibleName(self.tr("Camera picture"))
        self.picture.set_placeholder(self.tr("Waiting for the picture…"))
        self.status_text = QLabel()
        self.status_text.setObjectName("DropText")
        self.status_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_text.setWordWrap(True)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.start)
        status_page = QWidget()
        status_layout = QVBoxLayout(status_page)
        status_layout.addStretch(1)
        status_layout.addWidget(self.status_text)
        status_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        status_layout.addStretch(2)
        self.left = QStackedWidget()
        self.left.addWidget(status_page)
        self.left.addWidget(self.picture)

        # Right: what the model says, or the way to a model.
        self.panel = LivePanel(self._session, self.live)
        self.top_label, self.detail_label = self.panel.top_label, self.panel.detail_label
        self.bars, self.imagenet_button = self.panel.bars, self.panel.imagenet_button
        self.splitter = two_panes(
            Qt.Orientation.Horizontal,
            "CameraSplitter",
            self.left,
            self.panel,
            stretch=(3, 2),
            sizes=(640, 380),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message_bar)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)
        self._settings.restore_splitters("camera", self.splitter)
        self._update_buttons()

    # -- the camera ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self.feed.is_running():
            self.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        if not event.spontaneous():  # not merely the window minimised
            self.stop()

    def start(self) -> None:
        """Open the chosen camera (the last one used, or the system's default)."""
        self._fill_camera_box()
        self.feed.start(max(self.camera_box.currentIndex(), 0))

    def start_input(self, frame_input: Any, name: str = "") -> None:
        """Show and classify frames sent to ``frame_input`` (a ``QVideoFrameInput``).

        ``name`` stands in the camera list while they come.
        """
        self.camera_box.clear()
        self.camera_box.addItem(name or self.tr("Camera"))
        self.camera_box.setEnabled(False)
        self.feed.start_input(frame_input)
        self._update_buttons()

    def stop(self) -> None:
        """Close the camera; nothing more is classified (the last picture and bars stay)."""
        self.feed.stop()
        self.live.set_active(False)

    def _fill_camera_box(self) -> None:
        names = self.feed.cameras()
        wanted = self._settings.get("camera/name", "")
        self.camera_box.clear()
        self.camera_box.addItems(names)
        index = names.index(wanted) if wanted in names else self.feed.default_camera()
        self.camera_box.setCurrentIndex(index if names else -1)
        self.camera_box.setEnabled(len(names) > 1)

    def _on_camera_chosen(self, index: int) -> None:
        if index >= 0:
            self._settings.set("camera/name", self.camera_box.itemText(index))
            self.feed.start(index)

    def _on_cameras_changed(self) -> None:
        if self.isVisible() and self.feed.status != camera_feed.LIVE:
            self.start()  # a camera plugged in while the view said there was none
        else:
            current = self.camera_box.currentText()
            self._fill_camera_box()
            if current in self.feed.cameras():
                self.camera_box.setCurrentText(current)

    def _show_status(self, status: str) -> None:
        live = status == camera_feed.LIVE
        self.live.set_active(live)
        if not live and self.is_paused():
            self.set_paused(False)  # a camera started again is live at once
        self.status_text.setText(camera_status_words(status, self.feed.detail))
        self.retry_button.setText(
            self.tr("Start the camera") if status == camera_feed.OFF else self.tr("Try again")
        )
        self.retry_button.setVisible(
            status
            in (camera_feed.OFF, camera_feed.NO_CAMERA, camera_feed.DENIED, camera_feed.FAILED)
        )
        self.left.setCurrentIndex(1 if live else 0)
        self._update_buttons()

    # -- frames ----------------------------------------------------------------------

    def _on_frame(self, frame: Any) -> None:
        # Frames a busy GUI thread could not take in time wait as events: only the
        # newest is converted and shown, the ones before it are simply dropped.
        if not self.pause_button.isChecked():
            self._frame = frame
            if not self._showing.isActive():
                self._showing.start()

    def show_frame(self) -> None:
        """Show the newest frame (once: a QImage for the screen and for the model)."""
        frame, self._frame = self._frame, None
        if frame is None or self.pause_button.isChecked():
            return
        image = frame.toImage()
        if image.isNull():
            return
        first = self._image is None
        self._image = image
        self.picture.set_image(image)
        if first:
            self._update_buttons()
        self.live.frame_ready()

    def current_image(self) -> QImage | None:
        """The picture as shown now (frozen while paused)."""
        return self._image

    def set_paused(self, paused: bool) -> None:
        if self.pause_button.isChecked() != paused:
            self.pause_button.setChecked(paused)  # comes back here through toggled
            return
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.live.set_paused(paused)
        self._show_rate()

    def is_paused(self) -> bool:
        return self.pause_button.isChecked()

    # -- news --------------------------------------------------------------------------

    def _show_rate(self) -> None:
        rate = self.live.rate()
        if self.is_paused():
            self.rate_label.setText(self.tr("Paused"))
        elif rate > 0:
            self.rate_label.setText(self.tr("{n:.1f} pictures a second").format(n=rate))
        else:
            self.rate_label.setText("")

    def _show_problem(self, error: TaskError) -> None:
        self.message_bar.show_message(describe(error), "error", details=error.details)

    # -- snapshots ---------------------------------------------------------------------

    def take_snapshot(self) -> None:
        """The picture as shown joins the Predict list; it can be saved afterwards."""
        if self._image is None:
            return
        self._snapshot = self._image.copy()
        time = QDateTime.currentDateTime().toString("HH:mm:ss")
        self.snapshotTaken.emit(self._snapshot, self.tr("Camera {time}").format(time=time))
        self._update_buttons()

    def save_snapshot_dialog(self) -> None:
        if self._snapshot is None:
            return
        path = self.ask_snapshot_path()
        if path:
            self.save_snapshot(path)

    def ask_snapshot_path(self) -> str | None:
        stamp = QDateTime.currentDateTime().toString("yyyy-MM-dd HH.mm.ss")
        start = str(Path(self._settings.folder("snapshots") or ".") / f"camera {stamp}.png")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save snapshot"),
            start,
            self.tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg)"),
        )
        if path and Path(path).suffix.lower() not in (".png", ".jpg", ".jpeg"):
            path += ".jpg" if "*.jpg" in chosen else ".png"
        return path or None

    def save_snapshot(self, path: str | Path) -> bool:
        """Write the last snapshot to ``path`` (PNG or JPEG by its suffix), atomically."""
        if self._snapshot is None:
            return False
        path = Path(path)
        self._settings.set_folder("snapshots", str(path.parent))
        return self._save_slot.start(
            predict_tasks.save_image(self._snapshot, path),
            f"saving {path.name}",
            on_result=lambda saved: self.message_bar.show_message(
                self.tr("Saved the snapshot as {path}.").format(path=saved), "success"
            ),
            on_error=self._show_problem,
        )

    def _update_buttons(self) -> None:
        live = self.feed.status == camera_feed.LIVE
        for widget in (self.camera_label, self.camera_box):
            widget.setVisible(self.camera_box.count() > 0)  # nothing to choose from: no list
        self.pause_button.setEnabled(live or self.is_paused())
        self.snapshot_button.setEnabled(live and self._image is not None)
        self.save_button.setEnabled(self._snapshot is not None)
