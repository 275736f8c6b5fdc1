"""The Predict tab's Camera view, fed frames of generated pictures (no camera needed).

Frames go in through a ``QVideoFrameInput``, the way a camera's do (capture
session, video sink, GUI thread). Tests that need Qt Multimedia skip without
the ``flowerclf[camera]`` extra; the plain message for its absence is tested
everywhere.
"""

from __future__ import annotations

import copy
import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from flowerclf.gui import camera_feed
from flowerclf.gui.camera_feed import CameraFeed
from flowerclf.gui.predict_tasks import pil_to_qimage, qimage_to_pil
from flowerclf.gui.tasks import active_tasks
from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.gui.helpers import COLOURS

CAMERA_TASK = "classifying the camera picture"


def picture(colour: tuple[int, int, int], seed: int, size: tuple[int, int] = (64, 48)) -> QImage:
    """A noisy picture of one colour, camera-shaped (wider than tall)."""
    rng = np.random.default_rng(seed)
    width, height = size
    pixels = np.asarray(colour, float)[None, None, :] + rng.normal(0, 25, (height, width, 3))
    return pil_to_qimage(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))


def camera_tasks() -> int:
    return sum(task.description == CAMERA_TASK for task in active_tasks())


class Feeder:
    """Sends frames to the Camera view as a camera would."""

    def __init__(self, view) -> None:
        media = pytest.importorskip("PySide6.QtMultimedia", reason="needs flowerclf[camera]")
        self.media = media
        self.view = view
        self.input = media.QVideoFrameInput()
        view.start_input(self.input, "Test camera")

    def send(self, image: QImage) -> None:
        assert self.input.sendVideoFrame(self.media.QVideoFrame(image))


@pytest.fixture
def camera_tab(ready_window):
    tab = ready_window.predict_tab
    tab.camera_button.setChecked(True)
    return tab


def show_until(qtbot, feeder: Feeder, image: QImage, condition, timeout_ms=THREAD_TIMEOUT_MS):
    """Send ``image`` about 30 times a second until ``condition`` holds."""
    frames = 0

    def sent_and_checked() -> bool:
        nonlocal frames
        feeder.send(image)
        frames += 1
        return condition()

    qtbot.waitUntil(sent_and_checked, timeout=timeout_ms)
    return frames


def top_class(view) -> str | None:
    entries = view.bars.entries()
    return entries[0][0] if entries else None


# -- without the extra, without a camera, without permission ------------------------------


def test_without_qt_multimedia_the_view_says_how_to_get_it(qtbot, window, monkeypatch):
    monkeypatch.setattr(camera_feed, "multimedia", lambda: None)
    monkeypatch.setattr(camera_feed, "_import_problem", "No module named 'PySide6.QtMultimedia'")
    tab = window.predict_tab
    tab.camera_button.setChecked(True)
    view = tab.camera
    assert view.isVisible()
    assert view.feed.status == camera_feed.NO_MULTIMEDIA
    words = view.status_text.text()
    assert 'pip install "flowerclf[camera]"' in words
    assert "QtMultimedia" not in words and "No module" not in words  # no Python in the window
    assert view.status_text.isVisible()
    assert not view.snapshot_button.isEnabled()


def test_a_missing_system_library_is_named(qtbot, window, monkeypatch):
    problem = "libpulse.so.0: cannot open shared object file: No such file or directory"
    monkeypatch.setattr(camera_feed, "multimedia", lambda: None)
    monkeypatch.setattr(camera_feed, "_import_problem", problem)
    window.predict_tab.camera_button.setChecked(True)
    words = window.predict_tab.camera.status_text.text()
    assert "missing (libpulse.so.0)" in words and "package manager" in words
    assert "pip install" not in words  # the extra is there; pip would not help


def test_no_camera_is_said_in_plain_words(qtbot, window, monkeypatch):
    pytest.importorskip("PySide6.QtMultimedia", reason="needs flowerclf[camera]")
    monkeypatch.setattr(CameraFeed, "_camera_devices", lambda self: [])
    tab = window.predict_tab
    tab.camera_button.setChecked(True)
    view = tab.camera
    assert view.feed.status == camera_feed.NO_CAMERA
    assert view.status_text.text().startswith("No camera was found.")
    assert view.status_text.isVisible() and view.retry_button.isVisible()
    assert not view.pause_button.isEnabled() and not view.snapshot_button.isEnabled()


class _Device:
    def description(self) -> str:
        return "Front camera"

    def id(self) -> bytes:
        return b"front"


def test_access_denied_is_said_in_plain_words(qtbot, window, monkeypatch):
    pytest.importorskip("PySide6.QtMultimedia", reason="needs flowerclf[camera]")
    monkeypatch.setattr(CameraFeed, "_camera_devices", lambda self: [_Device()])
    monkeypatch.setattr(CameraFeed, "_permission", lambda self: Qt.PermissionStatus.Denied)
    window.predict_tab.camera_button.setChecked(True)
    view = window.predict_tab.camera
    assert view.feed.status == camera_feed.DENIED
    assert "does not allow flowerclf to use the camera" in view.status_text.text()
    assert view.camera_box.currentText() == "Front camera"


def test_a_permission_asked_and_refused_is_said_too(qtbot, window, monkeypatch):
    pytest.importorskip("PySide6.QtMultimedia", reason="needs flowerclf[camera]")
    asked = []
    answer = [Qt.PermissionStatus.Undetermined]
    monkeypatch.setattr(CameraFeed, "_camera_devices", lambda self: [_Device()])
    monkeypatch.setattr(CameraFeed, "_permission", lambda self: answer[0])
    monkeypatch.setattr(CameraFeed, "_request_permission", lambda self: asked.append(True))
    window.predict_tab.camera_button.setChecked(True)
    view = window.predict_tab.camera
    assert asked and view.feed.status == camera_feed.STARTING
    assert view.status_text.text() == "Starting the camera…"
    answer[0] = Qt.PermissionStatus.Denied
    view.feed._on_permission_answer()  # noqa: SLF001 - what the system's answer calls
    assert view.feed.status == camera_feed.DENIED


def test_a_camera_that_fails_is_said_in_plain_words(qtbot, window, monkeypatch):
    media = pytest.importorskip("PySide6.QtMultimedia", reason="needs flowerclf[camera]")
    # A device that is not there: Qt's camera reports an error for it.
    monkeypatch.setattr(CameraFeed, "_camera_devices", lambda self: [media.QCameraDevice()])
    window.predict_tab.camera_button.setChecked(True)
    view = window.predict_tab.camera
    assert view.feed.status == camera_feed.FAILED
    assert view.status_text.text().startswith("The camera stopped working.")
    assert view.feed.camera is None


# -- frames -----------------------------------------------------------------------------


def test_frames_are_shown_and_the_bars_follow_the_picture(qtbot, camera_tab):
    view = camera_tab.camera
    feeder = Feeder(view)
    red, blue = picture(COLOURS["red"], 1), picture(COLOURS["blue"], 2)
    show_until(qtbot, feeder, red, lambda: top_class(view) == "red")
    assert view.picture.has_image() and view.left.currentWidget() is view.picture
    assert view.top_label.text() == "red"
    assert sum(p for _, p in view.bars.entries()) == pytest.approx(1.0, abs=1e-6)
    # The bars glide from one answer to the other, through values in between.
    seen = []

    def record() -> None:
        seen.append(dict(view.bars.entries())["blue"])

    view.live.shownChanged.connect(record)
    show_until(qtbot, feeder, blue, lambda: dict(view.bars.entries())["blue"] > 0.98)
    view.live.shownChanged.disconnect(record)
    start = seen[0]  # red's own small share of blue, or a little more if still gliding
    assert start < 0.5 and any(start + 0.02 < p < 0.96 for p in seen)
    assert all(b >= a - 1e-9 for a, b in zip(seen, seen[1:]))  # steadily, never back
    assert view.rate_label.text().endswith("pictures a second")


def test_a_frame_is_classified_exactly_as_the_same_picture_dropped_as_a_file(
    qtbot, camera_tab, tmp_path
):
    view = camera_tab.camera
    feeder = Feeder(view)
    frame = picture(COLOURS["red"], 3, size=(90, 50))
    show_until(qtbot, feeder, frame, lambda: view.live.last is not None)
    shown = view.current_image()
    # The frame came through the capture session as it went in, pixel for pixel.
    assert np.array_equal(np.asarray(qimage_to_pil(shown)), np.asarray(qimage_to_pil(frame)))
    path = tmp_path / "frame.png"
    assert shown.save(str(path))
    camera_tab.add_paths([str(path)])
    qtbot.waitUntil(
        lambda: bool(camera_tab.rows()) and camera_tab.rows()[0].prediction is not None,
        timeout=THREAD_TIMEOUT_MS,
    )
    dropped = camera_tab.rows()[0].prediction.probs
    assert np.array_equal(view.live.last.probs, dropped)


def test_odd_widths_convert_pixel_for_pixel():
    # RGB rows of an odd width are padded in a QImage; the picture must not shear.
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (7, 33, 3), dtype=np.uint8)
    image = pil_to_qimage(Image.fromarray(pixels))
    assert np.array_equal(np.asarray(qimage_to_pil(image)), pixels)
    rgb32 = image.convertToFormat(QImage.Format.Format_RGB32)
    assert np.array_equal(np.asarray(qimage_to_pil(rgb32)), pixels)


def test_pause_freezes_the_picture_and_the_bars(qtbot, camera_tab):
    view = camera_tab.camera
    feeder = Feeder(view)
    red, blue = picture(COLOURS["red"], 4), picture(COLOURS["blue"], 5)
    show_until(qtbot, feeder, red, lambda: dict(view.bars.entries()).get("red", 0) > 0.9)
    view.pause_button.click()
    assert view.is_paused() and view.pause_button.text() == "Resume"
    frozen_bars, frozen_picture = view.bars.entries(), view.current_image()
    results = []
    view.live.classified.connect(lambda: results.append(1))
    for _ in range(15):
        feeder.send(blue)
        qtbot.wait(30)
    assert results == [] and camera_tasks() == 0
    assert view.bars.entries() == frozen_bars
    assert view.current_image() is frozen_picture
    view.pause_button.click()
    show_until(qtbot, feeder, blue, lambda: top_class(view) == "blue")


def test_a_snapshot_joins_the_list_and_can_be_saved(qtbot, camera_tab, tmp_path):
    view = camera_tab.camera
    folder = tmp_path / "snapshots"
    folder.mkdir()
    feeder = Feeder(view)
    assert not view.snapshot_button.isEnabled() and not view.save_button.isEnabled()
    show_until(qtbot, feeder, picture(COLOURS["blue"], 6), lambda: top_class(view) == "blue")
    view.snapshot_button.click()
    assert [row.name.startswith("Camera ") for row in camera_tab.rows()] == [True]
    qtbot.waitUntil(lambda: camera_tab.rows()[0].prediction is not None, timeout=THREAD_TIMEOUT_MS)
    assert camera_tab.rows()[0].prediction.label == "blue"
    assert camera_tab.pages.currentWidget() is view  # the camera stays on screen

    assert view.save_button.isEnabled()
    for name in ("snap.png", "snap.jpg"):
        view.message_bar.dismiss()
        assert view.save_snapshot(folder / name)
        qtbot.waitUntil(lambda: view.message_bar.text() != "", timeout=THREAD_TIMEOUT_MS)
        assert view.message_bar.kind == "success" and name in view.message_bar.text()
        saved = QImage(str(folder / name))
        assert saved.size() == view.current_image().size()
    assert [p.name for p in sorted(folder.iterdir())] == ["snap.jpg", "snap.png"]  # no leftovers

    blocker = tmp_path / "a file"
    blocker.write_text("in the way")
    assert view.save_snapshot(blocker / "snap.png")
    qtbot.waitUntil(lambda: view.message_bar.kind == "error", timeout=THREAD_TIMEOUT_MS)
    assert view.message_bar.text().startswith("Could not save")
    assert "Errno" not in view.message_bar.text()


def test_a_flood_of_frames_never_queues_more_than_one_task(qtbot, camera_tab):
    view = camera_tab.camera
    feeder = Feeder(view)
    slot = view.live._slot  # noqa: SLF001 - what waits in it is the point
    most = 0
    started = []
    slot.busyChanged.connect(lambda busy: busy and started.append(1))
    results = []
    view.live.classified.connect(lambda: results.append(1))
    red = picture(COLOURS["red"], 7)
    frames = 0
    while len(results) < 3 and frames < 3000:
        for _ in range(20):  # far faster than any camera
            feeder.send(red)
            frames += 1
            most = max(most, camera_tasks())
            assert slot._next is None  # noqa: SLF001 - no wish waits behind the running one
        qtbot.wait(5)
    assert len(results) >= 3
    assert most <= 1
    assert len(started) < frames / 10  # frames were dropped, not queued


def test_another_model_starts_the_bars_afresh(qtbot, camera_tab, classifier):
    view = camera_tab.camera
    feeder = Feeder(view)
    red = picture(COLOURS["red"], 8)
    show_until(qtbot, feeder, red, lambda: top_class(view) == "red")
    window = camera_tab.window()
    window.session.add_model(copy.deepcopy(classifier), "colours again")
    assert view.bars.entries() == [] and view.top_label.text() == "…"
    assert "colours again" in view.detail_label.text()
    show_until(qtbot, feeder, red, lambda: top_class(view) == "red")


def test_without_a_model_the_view_offers_imagenet(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(window.session, "open_imagenet", lambda *a: opened.append(a))
    window.predict_tab.camera_button.setChecked(True)
    view = window.predict_tab.camera
    assert view.top_label.text() == "No model yet"
    assert view.imagenet_button.isVisible()
    view.imagenet_button.click()
    assert opened == [()]


def test_leaving_the_view_or_closing_the_window_stops_the_camera(qtbot, camera_tab, monkeypatch):
    view = camera_tab.camera
    feeder = Feeder(view)
    red = picture(COLOURS["red"], 9)
    show_until(qtbot, feeder, red, lambda: top_class(view) == "red")
    camera_tab.camera_button.setChecked(False)  # back to the pictures
    assert view.feed.status == camera_feed.OFF
    assert view.bars.entries() == []  # they spoke of a picture no longer shown
    feeder = Feeder(view)
    camera_tab.camera_button.setChecked(True)
    results = []
    view.live.classified.connect(lambda: results.append(1))
    show_until(qtbot, feeder, red, lambda: bool(results))
    # Closing while frames keep coming 30 times a second and one is being classified
    # (each classification made slow, so that one is surely in flight when it closes).
    from flowerclf.gui import live_classifier

    quick = live_classifier.classify_frame

    def slow(classifier, image):
        run = quick(classifier, image)

        def slowly(report, stop):
            time.sleep(0.3)
            return run(report, stop)

        return slowly

    monkeypatch.setattr(live_classifier, "classify_frame", slow)
    camera = QTimer()
    frame = feeder.media.QVideoFrame(red)
    camera.timeout.connect(lambda: feeder.input.sendVideoFrame(frame))  # refused once closed
    camera.start(33)
    qtbot.waitUntil(lambda: camera_tasks() == 1, timeout=THREAD_TIMEOUT_MS)
    window = camera_tab.window()
    window.close()
    try:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=THREAD_TIMEOUT_MS)
        assert view.feed.status == camera_feed.OFF
        qtbot.waitUntil(lambda: not active_tasks(), timeout=THREAD_TIMEOUT_MS)
        qtbot.wait(150)  # frames still sent start nothing
        assert not active_tasks()
    finally:
        camera.stop()
