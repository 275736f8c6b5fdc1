"""The camera as a stream of frames: Qt Multimedia behind one small object, or plain words.

Qt Multimedia comes with the optional ``flowerclf[camera]`` extra. It is
imported on first use, never when the app starts (it takes a while and prints
notes about video drivers), and its absence is a state like any other:
:class:`CameraFeed` says which one it is in (``status``) and why (``detail``),
and a view words it.

Frames come from a camera through a ``QMediaCaptureSession`` into a
``QVideoSink``; :meth:`CameraFeed.start_input` puts a ``QVideoFrameInput``
where the camera would be, so tests, benchmarks and the screenshots feed
frames of their own through the very same path.
"""

from __future__ import annotations

import logging
import re
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

log = logging.getLogger(__name__)

#: What the person can type to get the camera.
INSTALL_COMMAND = 'pip install "flowerclf[camera]"'

# Feed states: ``status`` is one of these.
OFF = "off"
STARTING = "starting"  # asked for permission, or the camera is opening
LIVE = "live"
NO_MULTIMEDIA = "no_multimedia"  # the extra is not installed (detail: why it did not load)
NO_CAMERA = "no_camera"
DENIED = "denied"  # the system refused access to the camera
FAILED = "failed"  # the camera reported an error (detail: its words)

_multimedia: ModuleType | None = None
_import_problem: str | None = None


def multimedia() -> ModuleType | None:
    """``PySide6.QtMultimedia``, imported once; None when it cannot be (:func:`import_problem`)."""
    global _multimedia, _import_problem
    if _multimedia is None and _import_problem is None:
        try:
            from PySide6 import QtMultimedia
        except ImportError as error:  # the extra is missing, or a system library it needs
            _import_problem = str(error) or type(error).__name__
            log.info("Qt Multimedia is not available: %s", _import_problem)
        else:
            _multimedia = QtMultimedia
    return _multimedia


def import_problem() -> str:
    """Why Qt Multimedia did not load ("" when it did, or was not tried yet)."""
    return _import_problem or ""


def missing_library(problem: str) -> str:
    """The system library whose absence ``problem`` reports ("libpulse.so.0"), or ""."""
    match = re.search(r"([\w.+-]+\.so[\w.]*): cannot open shared object", problem)
    return match.group(1) if match else ""


class CameraFeed(QObject):
    """One camera (or frame input) at a time, feeding ``frameArrived`` on the GUI thread."""

    frameArrived = Signal(object)  # noqa: N815 - a QVideoFrame
    statusChanged = Signal(str)  # noqa: N815
    camerasChanged = Signal()  # noqa: N815 - a camera was plugged in or out

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = OFF
        self.detail = ""
        self._session: Any = None  # QMediaCaptureSession
        self._sink: Any = None  # QVideoSink
        self._camera: Any = None  # QCamera
        self._input: Any = None  # QVideoFrameInput
        self._devices: Any = None  # QMediaDevices, for camerasChanged
        self._wanted: int | None = None  # the camera waiting for the permission's answer

    # -- what there is --------------------------------------------------------------

    def available(self) -> bool:
        """Whether Qt Multimedia could be loaded; if not, ``status`` says so."""
        if self._ensure_session():
            return True
        self._set_status(NO_MULTIMEDIA, import_problem())
        return False

    def cameras(self) -> list[str]:
        """The cameras' names, in the system's order (empty without Qt Multimedia)."""
        return [device.description() for device in self._camera_devices()]

    def default_camera(self) -> int:
        """The index of the system's default camera in :meth:`cameras` (0 when unsure)."""
        media = multimedia()
        devices = self._camera_devices()
        if media is None or not devices:
            return 0
        default = media.QMediaDevices.defaultVideoInput()
        ids = [device.id() for device in devices]
        return ids.index(default.id()) if default.id() in ids else 0

    def _camera_devices(self) -> list[Any]:
        media = multimedia()
        return list(media.QMediaDevices.videoInputs()) if media is not None else []

    @property
    def sink(self) -> Any:
        """The ``QVideoSink`` frames arrive in (None without Qt Multimedia)."""
        self._ensure_session()
        return self._sink

    def _ensure_session(self) -> bool:
        if self._session is not None:
            return True
        media = multimedia()
        if media is None:
            return False
        self._session = media.QMediaCaptureSession(self)
        self._sink = media.QVideoSink(self)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._devices = media.QMediaDevices(self)
        self._devices.videoInputsChanged.connect(self.camerasChanged)
        return True

    # -- starting and stopping ----------------------------------------------------------

    def start(self, index: int) -> None:
        """Open camera ``index`` of :meth:`cameras`; ``status`` tells how it went."""
        self.stop()
        if not self.available():
            return
        devices = self._camera_devices()
        if not devices:
            self._set_status(NO_CAMERA)
            return
        self._wanted = min(max(index, 0), len(devices) - 1)
        permission = self._permission()
        if permission == Qt.PermissionStatus.Denied:
            self._set_status(DENIED)
        elif permission == Qt.PermissionStatus.Undetermined:
            self._set_status(STARTING)
            self._request_permission()
        else:
            self._open_camera()

    def start_input(self, frame_input: Any) -> None:
        """Take frames from ``frame_input`` (a ``QVideoFrameInput``) instead of a camera."""
        self.stop()
        if not self.available():
            return
        self._input = frame_input
        self._session.setVideoFrameInput(frame_input)
        self._set_status(LIVE)

    def stop(self) -> None:
        """Close the camera (or let go of the frame input); no frame arrives after this."""
        self._wanted = None
        if self._camera is not None:
            camera, self._camera = self._camera, None
            camera.errorOccurred.disconnect(self._on_camera_error)
            camera.activeChanged.disconnect(self._on_active)
            camera.stop()
            self._session.setCamera(None)
            camera.deleteLater()
        if self._input is not None:
            self._input = None
            self._session.setVideoFrameInput(None)
        if self.status in (LIVE, STARTING):
            self._set_status(OFF)

    def is_running(self) -> bool:
        return self.status in (LIVE, STARTING)

    @property
    def camera(self) -> Any:
        """The ``QCamera`` in use, or None."""
        return self._camera

    # -- the camera's own news ------------------------------------------------------------

    def _permission(self) -> Qt.PermissionStatus:
        try:
            from PySide6.QtCore import QCameraPermission
        except ImportError:  # Qt before 6.5 asks nobody
            return Qt.PermissionStatus.Granted
        app = QCoreApplication.instance()
        return app.checkPermission(QCameraPermission()) if app else Qt.PermissionStatus.Granted

    def _request_permission(self) -> None:
        from PySide6.QtCore import QCameraPermission

        QCoreApplication.instance().requestPermission(
            QCameraPermission(), self, lambda _permission: self._on_permission_answer()
        )

    def _on_permission_answer(self) -> None:
        if self._wanted is None:  # stopped while the system asked
            return
        if self._permission() == Qt.PermissionStatus.Granted:
            self._open_camera()
        else:
            self._wanted = None
            self._set_status(DENIED)

    def _open_camera(self) -> None:
        media = multimedia()
        devices = self._camera_devices()
        index = self._wanted if self._wanted is not None else 0
        self._wanted = None
        if not devices:
            self._set_status(NO_CAMERA)
            return
        camera = media.QCamera(devices[min(index, len(devices) - 1)], self)
        camera.errorOccurred.connect(self._on_camera_error)
        camera.activeChanged.connect(self._on_active)
        self._camera = camera
        self._session.setCamera(camera)
        if camera.error() != media.QCamera.Error.NoError:  # found wanting as it was made
            self._on_camera_error(camera.error(), camera.errorString())
            return
        self._set_status(STARTING)
        camera.start()

    def _on_active(self, active: bool) -> None:
        if active:
            self._set_status(LIVE)
        elif self.status == LIVE:
            self._set_status(OFF)

    def _on_camera_error(self, _error: Any, text: str) -> None:
        log.warning("The camera reported an error: %s", text)
        self.stop()
        self._set_status(FAILED, text)

    def _on_frame(self, frame: Any) -> None:
        if self.status == STARTING and self._camera is not None:
            self._set_status(LIVE)  # a frame can come before the camera says it is active
        if self.status == LIVE and frame.isValid():
            self.frameArrived.emit(frame)

    def _set_status(self, status: str, detail: str = "") -> None:
        if (status, detail) != (self.status, self.detail):
            self.status, self.detail = status, detail
            self.statusChanged.emit(status)
