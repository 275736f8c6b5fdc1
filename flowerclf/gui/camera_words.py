"""What the Camera view says about the camera in each of its states, in plain words."""

from __future__ import annotations

from PySide6.QtCore import QObject

from flowerclf.gui import camera_feed


class Camera(QObject):
    """The translation context of the camera's states: ``Camera.tr(text)``, as lupdate reads it."""


def camera_status_words(status: str, detail: str = "") -> str:
    """The words for a :class:`~flowerclf.gui.camera_feed.CameraFeed` status ("" when live)."""
    library = camera_feed.missing_library(detail)
    if status == camera_feed.NO_MULTIMEDIA and library:
        return Camera.tr(
            "The camera needs a part of the system that is missing ({library}). Whoever "
            "looks after this computer can install it with the system's package manager."
        ).format(library=library)
    if status == camera_feed.NO_MULTIMEDIA:
        return Camera.tr(
            "The camera needs an optional part of flowerclf (Qt Multimedia) that is not "
            "installed. Whoever installed flowerclf can add it with:\n\n{command}"
        ).format(command=camera_feed.INSTALL_COMMAND)
    if status == camera_feed.NO_CAMERA:
        return Camera.tr(
            "No camera was found. Connect one (or allow the app to use it) and it appears here."
        )
    if status == camera_feed.DENIED:
        return Camera.tr(
            "This computer does not allow flowerclf to use the camera. Allow it in the "
            "system's privacy settings, then try again."
        )
    if status == camera_feed.FAILED:
        return Camera.tr(
            "The camera stopped working. Another program may be using it, or it was unplugged."
        )
    if status == camera_feed.STARTING:
        return Camera.tr("Starting the camera…")
    if status == camera_feed.OFF:
        return Camera.tr("The camera is off.")
    return ""
