"""Make the README's screenshots from a real run of the app on generated photos.

    python scripts/screenshots.py [--out docs/screenshots] [--epochs 4]

It draws a small set of synthetic "flowers" (four classes told apart by petal
colour and shape), trains a resnet18 from scratch on them through the Train
tab, classifies a few new pictures through the Predict tab, and saves a PNG of
the window on each tab, with the heat map over a picture, the Network tab's
stage table and feature maps for that picture, the Results of a check on a
labelled folder (two of whose photos are filed under the wrong class), the
Camera view fed a drawn flower (with the camera extra), and the flowers sample
coming down (a server on 127.0.0.1 stands in for its address, at about 6 MB/s,
and the download is cancelled once shot). Runs offscreen unless
QT_QPA_PLATFORM says otherwise; takes a minute or two on a laptop CPU.
Settings go to a temporary folder, so the user's own are left
alone.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.imagegen import FLOWERS, draw_flower  # noqa: E402


def make_dataset(root: Path, per_class: int) -> Path:
    for c, name in enumerate(FLOWERS):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            draw_flower(name, seed=1000 * c + i).save(folder / f"{name}_{i:03d}.jpg", quality=90)
    return root


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until ``condition`` holds (a script may; the app never does)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def camera_frames(name: str, seed: int, count: int = 12) -> list:
    """A flower as a camera held in the hand sees it: 640x480, drifting a little."""
    from flowerclf.gui.predict_tasks import pil_to_qimage

    big = draw_flower(name, seed, size=680)
    frames = []
    for i in range(count):
        dx = round(14 * math.sin(2 * math.pi * i / count))
        dy = round(6 * math.cos(2 * math.pi * i / count))
        frames.append(pil_to_qimage(big.crop((20 + dx, 100 + dy, 660 + dx, 580 + dy))))
    return frames


def show_camera(window, app, path: Path) -> bool:
    """Shoot the Camera view, fed frames of a drawn flower; False without Qt Multimedia."""
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        print("camera.png: skipped (pip install -e '.[camera]' to make it)")
        return False
    from PySide6.QtCore import QTimer

    predict = window.predict_tab
    predict.camera_button.setChecked(True)
    view = predict.camera
    frame_input = QtMultimedia.QVideoFrameInput()
    view.start_input(frame_input, "Camera")
    feed = {"frames": [], "sent": 0}

    def send() -> None:
        frames = feed["frames"]
        frame_input.sendVideoFrame(QtMultimedia.QVideoFrame(frames[feed["sent"] % len(frames)]))
        feed["sent"] += 1

    timer = QTimer()
    timer.timeout.connect(send)
    # A flower the model gets right, so the picture shows it at work (the bars'
    # average forgets the flower before well within the 3 seconds each is shown).
    for seed, name in enumerate(FLOWERS):
        feed.update(frames=camera_frames(name, seed=31_000 + seed), sent=0)
        timer.start(66)
        wait_until(lambda: feed["sent"] >= 45 and view.live.last is not None, 120, "the camera")
        if view.top_label.text() == name or seed == len(FLOWERS) - 1:
            break
    view.message_bar.dismiss()
    window.grab().save(str(path))
    timer.stop()
    predict.camera_button.setChecked(False)
    wait_until(lambda: not view.feed.is_running(), 10, "the camera to stop")
    return True


class _StandIn(BaseHTTPRequestHandler):
    """The flowers archive's address, stood in for on 127.0.0.1: its size, at a steady speed."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from flowerclf.core.sample_data import FLOWERS_SIZE

        self.send_response(200)
        self.send_header("Content-Length", str(FLOWERS_SIZE))
        self.end_headers()
        chunk = bytes(256 * 1024)
        try:
            for _ in range(FLOWERS_SIZE // len(chunk)):
                self.wfile.write(chunk)
                time.sleep(len(chunk) / 6e6)  # about 6 MB/s
        except OSError:
            pass  # cancelled: the app hung up


def shoot_sample_download(window, work: Path, path: Path) -> None:
    """The flowers sample coming down into the empty Train tab (cancelled once it is shot)."""
    from flowerclf.core.events import DownloadEvent
    from flowerclf.core.sample_data import FLOWERS, SampleSource

    server = ThreadingHTTPServer(("127.0.0.1", 0), _StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/flower_photos.tgz"
    flow = window.sample
    flow.download.source = SampleSource(url, FLOWERS.sha256, FLOWERS.size)
    seen: list = []
    flow.download.progress.connect(seen.append)
    flow.ask_start = lambda folder: "download"
    flow.default_folder = lambda: str(work / "samples")
    flow.get_sample()
    wait_until(
        lambda: any(isinstance(e, DownloadEvent) and e.eta_s and e.bytes_done > 45e6 for e in seen),
        120,
        "the sample download",
    )
    window.grab().save(str(path))
    flow.download.cancel()
    wait_until(lambda: not flow.download.is_busy(), 60, "the download to stop")
    window.train_tab.message_bar.dismiss()
    server.shutdown()


def chinese_shot(classifier: object, photos: Path, out: Path, size: str) -> None:
    """The Predict tab in Chinese, with the heat map over a picture; English again afterwards."""
    from PySide6.QtCore import QCoreApplication

    from flowerclf.gui.app import translations_dir
    from flowerclf.gui.language import CHINESE, ENGLISH, install_translators
    from flowerclf.gui.main_window import MainWindow

    install_translators(CHINESE, translations_dir())
    window = MainWindow()
    # The first window's unsaved model waits in the recovery folder: not this window's to offer.
    window.ask_recovery = lambda models: ("later", models)
    window.resize(*(int(v) for v in size.lower().split("x")))
    window.show()
    wait_until(window.is_engine_ready, 120, "the engine")
    name = QCoreApplication.translate("Session", "{arch} trained {time}")
    window.session.add_model(classifier, name.format(arch="resnet18", time=time.strftime("%H:%M")))
    predict = window.predict_tab
    window.tabs.setCurrentWidget(predict)
    predict.add_paths([str(p) for p in sorted(photos.iterdir())])
    wait_until(lambda: not predict.predictions.is_busy() and predict.rows(), 300, "predictions")
    rows = [r for r in predict.rows() if r.prediction is not None]
    chosen = next((r for r in rows if "tulip" in r.name), rows[0])
    predict.select_row(chosen)
    predict.heat_map.toggle.setChecked(True)
    wait_until(lambda: predict.heat_map.current() is not None, 120, "the heat map")
    wait_until(lambda: chosen.key in predict.panel._previews, 30, "the picture")  # noqa: SLF001
    predict.message_bar.dismiss()
    window.grab().save(str(out))
    window.close()
    wait_until(lambda: not window.isVisible(), 60, "the Chinese window to close")
    install_translators(ENGLISH, translations_dir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--size", default="1280x820", help="window size, WxH")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.lower().split("x"))

    work = Path(tempfile.mkdtemp(prefix="flowerclf-shots-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    # Recovery copies and checkpoints of these runs stay in the throwaway folder too.
    os.environ["FLOWERCLF_DATA_DIR"] = str(work / "data")
    dataset = make_dataset(work / "flowers", args.per_class)
    # A corrupt file, so that the summary shows how skipped files are reported.
    (dataset / "rose" / "damaged.jpg").write_bytes(b"\xff\xd8 not really a photo")
    new_photos = work / "new photos"
    new_photos.mkdir()
    for c, name in enumerate(FLOWERS):
        for k in range(2):
            photo = draw_flower(name, seed=99_000 + 10 * c + k)
            photo.save(new_photos / f"garden {name} {k + 1}.jpg", quality=92)

    # A labelled folder to check the model on, with two photos filed under the wrong
    # class, as happens in real folders: the Results tab should point at them.
    check = work / "garden check"
    for c, name in enumerate(FLOWERS):
        (check / name).mkdir(parents=True)
        for k in range(5):
            photo = draw_flower(name, seed=50_000 + 10 * c + k)
            photo.save(check / name / f"{name} {k + 1}.jpg", quality=92)
    draw_flower("rose", seed=77_001).save(check / "tulip" / "IMG_0412.jpg", quality=92)
    draw_flower("daisy", seed=77_002).save(check / "sunflower" / "IMG_0977.jpg", quality=92)

    from flowerclf.core.config import TrainingConfig
    from flowerclf.gui.app import configure_app
    from flowerclf.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_app(app)
    window = MainWindow()
    window.resize(width, height)
    window.show()
    wait_until(window.is_engine_ready, 120, "the engine")

    # Empty Predict tab: what a first start looks like.
    window.tabs.setCurrentWidget(window.predict_tab)
    wait_until(lambda: True, 0, "")
    window.grab().save(str(args.out / "predict-empty.png"))
    shoot_sample_download(window, work, args.out / "sample-download.png")

    train = window.train_tab
    window.tabs.setCurrentWidget(train)
    train.set_folder(str(dataset))
    wait_until(lambda: train.run.scan is not None, 120, "the dataset scan")
    train.options.set_config(
        TrainingConfig(
            arch="resnet18",
            weights="none",
            epochs=args.epochs,
            batch_size=8,
            lr=0.001,
            image_size=64,
            val_split=0.2,
        )
    )
    train.start_training()
    # Mid-run: the progress bar with its time left, live curves, Stop available.
    wait_until(
        lambda: train.progress.value() >= 700 or not train.run.is_training(), 1800, "training"
    )
    window.grab().save(str(args.out / "train.png"))
    wait_until(lambda: not train.run.is_training(), 1800, "training")
    window.grab().save(str(args.out / "train-finished.png"))

    predict = window.predict_tab
    window.tabs.setCurrentWidget(predict)
    predict.add_paths([str(p) for p in sorted(new_photos.iterdir())])
    wait_until(
        lambda: not predict.predictions.is_busy() and len(predict.rows()) == 2 * len(FLOWERS),
        300,
        "predictions",
    )
    # Show a right answer that is not 100 % sure: the bars then tell more.
    rows = [r for r in predict.rows() if r.prediction is not None]
    right = [r for r in rows if r.prediction.label in r.name] or rows
    best = min(right, key=lambda r: r.prediction.confidence)
    predict.select_row(best)
    wait_until(lambda: best.key in predict.panel._previews, 30, "the picture")  # noqa: SLF001
    predict.message_bar.dismiss()
    window.grab().save(str(args.out / "predict.png"))

    # The same picture with the heat map of its top class laid over it.
    predict.heat_map.toggle.setChecked(True)
    wait_until(lambda: predict.heat_map.current() is not None, 120, "the heat map")
    wait_until(lambda: True, 0, "")
    window.grab().save(str(args.out / "heatmap.png"))
    predict.heat_map.toggle.setChecked(False)

    # Inside the network: the model's stage table, the block of conv2_x drawn from it,
    # and what that stage computes for the photo selected in Predict.
    network = window.network_tab
    window.tabs.setCurrentWidget(network)
    wait_until(lambda: network.stage_table.table() is not None, 120, "the stage table")
    network.stage_table.choose("conv2_x")
    wait_until(
        lambda: network.grid_view.grid() is not None and not network.is_busy(),
        120,
        "the feature maps",
    )
    wait_until(lambda: True, 0, "")
    window.grab().save(str(args.out / "network.png"))
    shots = ["predict-empty.png", "sample-download.png", "train.png", "train-finished.png"]
    shots += ["predict.png", "heatmap.png", "network.png"]

    # The Camera view, fed a flower held up to it (drawn, slightly moving).
    if show_camera(window, app, args.out / "camera.png"):
        shots.append("camera.png")

    # Results of a check on a labelled folder: the worst confusion's images beside the matrix.
    results = window.results_tab
    window.tabs.setCurrentWidget(results)
    results.evaluate_folder(check)
    wait_until(lambda: not results.is_evaluating(), 300, "the evaluation")
    results.message_bar.dismiss()
    confusion = results.evaluation.confusion
    size = range(len(confusion))
    # The biggest mistake, or (a perfect model) the first class's right answers.
    _, true, predicted = max(
        ((i != j and confusion[i][j] > 0, int(confusion[i][j]), -i), i, j)
        for i in size
        for j in size
    )
    results.matrix.select_cell(true, predicted)
    wait_until(lambda: not results.is_loading_thumbnails(), 60, "the thumbnails")
    wait_until(lambda: True, 0, "")
    window.grab().save(str(args.out / "results.png"))
    # And the images to review, worst first.
    results.images.setCurrentIndex(results.images.review_page_index)
    wait_until(lambda: not results.is_loading_thumbnails(), 60, "the thumbnails")
    window.grab().save(str(args.out / "results-review.png"))

    # The same model in a Chinese window, as a simplified-Chinese system shows it.
    chinese_shot(window.session.current.classifier, new_photos, args.out / "zh-cn.png", args.size)

    # Nothing to keep: the closing question is answered "Close without saving".
    window.ask_unsaved_models = lambda unsaved, problem="": "discard"
    window.close()
    wait_until(lambda: not window.isVisible(), 60, "the window to close")
    for name in [*shots, "results.png", "results-review.png", "zh-cn.png"]:
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
