"""The Camera view under a 30 fps camera: is the window still responsive?

``m_camera`` is one of bench_cpu.py's measurements (group ``camera``). It opens
the app's Predict tab with a model loaded, switches to its Camera view and
feeds it 1280x720 NV12 frames (the format most webcams deliver) through a
``QVideoFrameInput``, the same capture-session path a camera's frames take,
30 times a second, while a 10 ms heartbeat on the GUI thread records every
stall. Needs the ``flowerclf[camera]`` extra.
"""

from __future__ import annotations

import os
import threading
import time

import harness

FRAME_SIZE = (1280, 720)


class NV12Frames:
    """A slowly moving picture (a warm disc on a sky gradient, with noise) as NV12 frames.

    The pictures are drawn once; :meth:`next` copies one into a new ``QVideoFrame``
    each time, as a camera delivers a new buffer (a frame shown twice would
    reuse its cached conversion and flatter the view).
    """

    def __init__(self, media, count: int, width: int, height: int) -> None:
        import numpy as np
        from PySide6.QtCore import QSize

        self.media = media
        self.format = media.QVideoFrameFormat(
            QSize(width, height), media.QVideoFrameFormat.PixelFormat.Format_NV12
        )
        self.planes: list[tuple] = []
        self.sent = 0
        rng = np.random.default_rng(0)
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
        sky = np.stack([90 + 60 * ys / height, 140 + 40 * ys / height, 220 - 40 * xs / width], -1)
        for i in range(count):
            cx, cy = width * (0.35 + 0.3 * i / count), height * 0.5
            disc = ((xs - cx) ** 2 + (ys - cy) ** 2) < (0.28 * height) ** 2
            rgb = np.where(disc[..., None], np.float32([235, 180, 40]), sky)
            rgb = np.clip(rgb + rng.normal(0, 8, rgb.shape), 0, 255)
            r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
            # BT.601 limited range, as cameras send it
            y = 16 + 0.257 * r + 0.504 * g + 0.098 * b
            u = 128 - 0.148 * r - 0.291 * g + 0.439 * b
            v = 128 + 0.439 * r - 0.368 * g - 0.071 * b
            uv = np.stack([u[::2, ::2], v[::2, ::2]], -1).reshape(height // 2, width)
            self.planes.append(
                (np.clip(y, 0, 255).astype(np.uint8), np.clip(uv, 0, 255).astype(np.uint8))
            )

    def next(self):
        import numpy as np

        media = self.media
        y, uv = self.planes[self.sent % len(self.planes)]
        self.sent += 1
        frame = media.QVideoFrame(self.format)
        frame.map(media.QVideoFrame.MapMode.WriteOnly)
        for plane, data in enumerate((y, uv)):
            rows, width = data.shape
            target = np.frombuffer(frame.bits(plane), np.uint8)
            target.reshape(rows, frame.bytesPerLine(plane))[:, :width] = data
        frame.unmap()
        return frame


def run_loop_for(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(1000 * seconds), loop.quit)
    loop.exec()


def m_camera(
    arch: str, seconds: float, fps: int, interval_ms: int, classes_count: int = 1000
) -> dict:
    """Heartbeat stalls while the Camera view shows and classifies ``fps`` frames a second."""
    from PySide6 import QtMultimedia as media
    from PySide6.QtCore import Qt, QTimer

    app = harness.offscreen_app()
    from flowerclf.gui.predict_tab import PredictTab
    from flowerclf.gui.session import Session
    from flowerclf.gui.settings import Settings
    from flowerclf.gui.tasks import TaskRunner, active_tasks

    runner = TaskRunner()
    session = Session(runner)
    tab = PredictTab(session, runner, Settings())
    tab.resize(1100, 750)
    tab.show()
    loaded: list = []  # torch stays off the GUI thread, as in the app
    classes = [f"class {i}" for i in range(classes_count)]  # ImageNet's 1,000 by default
    loader = threading.Thread(
        target=lambda: loaded.append(harness.random_classifier(arch, classes))
    )
    loader.start()
    loader.join()
    session.add_model(loaded[0], arch)
    tab.camera_button.setChecked(True)
    view = tab.camera
    frame_input = media.QVideoFrameInput()
    view.start_input(frame_input, "benchmark")
    frames = NV12Frames(media, 2 * fps, *FRAME_SIZE)

    gui_ms: list[float] = []  # the view's own time per frame on the GUI thread
    sent = [0]

    show_frame = view.show_frame

    def timed() -> None:
        start = time.perf_counter()
        show_frame()
        gui_ms.append(1000 * (time.perf_counter() - start))

    view.show_frame = timed  # what the view's frame timer calls

    def send() -> None:
        frame_input.sendVideoFrame(frames.next())
        sent[0] += 1

    results = [0]
    view.live.classified.connect(lambda: results.__setitem__(0, results[0] + 1))
    camera = QTimer()
    camera.setTimerType(Qt.TimerType.PreciseTimer)
    camera.setInterval(round(1000 / fps))
    camera.timeout.connect(send)
    # Warm up: the first frames load the video conversion and the first forward pass.
    camera.start()
    harness.wait_until(app, lambda: results[0] >= 2, 120)
    camera.stop()
    harness.wait_until(app, lambda: not view.live.is_classifying(), 60)
    # The same heartbeat with the view open and no frames: what the machine itself
    # does to the GUI thread (other programs, the scheduler), to read the rest against.
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    idle = harness.Heartbeat(interval_ms)
    idle.start()
    run_loop_for(seconds / 2)
    idle.stop()
    gui_ms.clear()
    sent[0], results[0] = 0, 0
    heartbeat = harness.Heartbeat(interval_ms)
    camera.start()
    start = heartbeat.start()
    run_loop_for(seconds)
    heartbeat.stop()
    elapsed = time.perf_counter() - start
    camera.stop()
    shown = view.bars.entries()
    tab.camera_button.setChecked(False)
    harness.wait_until(app, lambda: not active_tasks(), 60)
    if not shown:
        raise RuntimeError("the Camera view showed no bars")
    return {
        "mode": "the app's Predict tab, Camera view, fed through a QVideoFrameInput",
        "arch": arch,
        "classes": classes_count,
        "frame": f"{FRAME_SIZE[0]}x{FRAME_SIZE[1]} NV12",
        "interval_ms": interval_ms,
        "seconds": elapsed,
        "frames_per_s": sent[0] / elapsed,
        "frames_shown_per_s": len(gui_ms) / elapsed,
        "classified_per_s": results[0] / elapsed,
        "frame_gui_ms_median": harness.median(gui_ms),
        "frame_gui_ms_p99": harness.percentile(gui_ms, 99),
        **heartbeat.stats(),
        "idle": idle.stats(),
        "load_before": load_before,
    }
