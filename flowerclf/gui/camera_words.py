"""What the Camera view says about the camera in each of its states, in plain words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from flowerclf.gui import camera_feed


def tr(text: str) -> str:
    return QCoreApplication.translate("CameraView", text)


def camera_status_words(status: str, detail: str = "") -> str:
    """The words for a :class:`~flowerclf.gui.camera_feed.CameraFeed` status ("" when live)."""
    library = camera_feed.missing_library(detail)
    if status == camera_feed.NO_MULTIMEDIA and library:
        return tr(
            "The camera needs a part of the system that is missing ({library}). Whoever "
            "looks after this computer can install it with the system's package manager."
        ).format(library=library)
    if status == camera_feed.NO_MULTIMEDIA:
        return tr(
            "The camera needs an optional part of flowerclf (Qt Multimedia) that is not "
            "installed. Whoever installed flowerclf can add it with:\n\n{command}"
        ).format(command=camera_feed.INSTALL_COMMAND)
    if status == camera_feed.NO_CAMERA:
        return tr(
            "No camera was found. Connect one (or allow the app to use it) and it appears here."
        )
    if status == camera_feed.DENIED:
        return tr(
            "This computer does not allow flowerclf to use the camera. Allow it in the "
            "system's privacy settings, then try again."
        )
    if status == camera_feed.FAILED:
        return tr(
            "The camera stopped working. Another program may be using it, or it was unplugged."
        )
    if status == camera_feed.STARTING:
        return tr("Starting the camera…")
    if status == camera_feed.OFF:
        return tr("The camera is off.")
    return ""
