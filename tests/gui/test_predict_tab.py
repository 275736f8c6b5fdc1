"""The Predict tab: drops, bars, the list, errors, CSV, and models dropped on it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from flowerclf.gui.drop_area import DropArea
from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.gui.helpers import COLOURS, drop_paths, make_photo


def wait_idle(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab.predictions.is_busy(), timeout=THREAD_TIMEOUT_MS)


def cell(tab, row, column: int) -> str:
    """What the list shows for ``row`` in ``column``."""
    return tab.predictions.index_of(row.key).siblingAtColumn(column).data()


def finished_rows(tab):
    return [r for r in tab.rows() if r.prediction is not None or r.error is not None]


def test_window_title_and_status_name_the_model(ready_window):
    # The platform adds the app's name once; the title itself must not repeat it.
    assert ready_window.windowTitle() == "colours[*]"
    assert "2 classes" in ready_window.classes_label.text()
    assert ready_window.device_label.text().startswith("Device: ")


def test_dropped_images_get_one_bar_per_class_and_the_right_top_class(qtbot, ready_window, photos):
    tab = ready_window.predict_tab
    assert drop_paths(tab, [photos["red"], photos["blue"]])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 2, timeout=THREAD_TIMEOUT_MS)
    wait_idle(qtbot, tab)

    by_name = {row.name: row for row in tab.rows()}
    for name in COLOURS:
        row = by_name[f"{name}.png"]
        tab.select_row(row)
        entries = tab.bars.entries()
        assert [c for c, _ in entries] == sorted(COLOURS, key=lambda c: -dict(entries)[c])
        assert len(entries) == len(COLOURS)
        assert sum(p for _, p in entries) == pytest.approx(1.0, abs=1e-4)
        assert entries[0][0] == name  # the obvious colour wins
        assert entries[0][1] >= entries[1][1]
        assert tab.panel.top_label.text() == name
        assert cell(tab, row, 1) == name
        assert cell(tab, row, 2).endswith("%")
    # The picture shows (thumbnail at once, the sharp one soon after).
    assert tab.image_view.has_image()


def test_unreadable_file_becomes_an_error_row_not_a_dialog(qtbot, ready_window, photos, tmp_path):
    tab = ready_window.predict_tab
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    drop_paths(tab, [photos["broken"], photos["red"], notes])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 3, timeout=THREAD_TIMEOUT_MS)
    rows = {row.name: row for row in tab.rows()}
    assert rows["broken.jpg"].error
    assert cell(tab, rows["broken.jpg"], 1) == "Could not read"
    assert rows["notes.txt"].error  # dropped by itself, so it is listed with its reason
    assert rows["red.png"].prediction is not None and rows["red.png"].error is None
    tab.select_row(rows["broken.jpg"])
    assert tab.bars.entries() == []
    assert "broken.jpg" in tab.panel.detail_label.text()
    # An unreadable first row (no thumbnail) does not squash the thumbnails of the rest:
    # the rows are uniform, so every one is as tall as a thumbnail.
    view = tab.image_list
    assert view.sizeHintForRow(0) >= view.iconSize().height()


def test_dropped_folder_is_searched(qtbot, ready_window, tmp_path):
    folder = tmp_path / "holiday"
    make_photo(folder / "a.png", COLOURS["red"], seed=1)
    make_photo(folder / "inner" / "b.png", COLOURS["blue"], seed=2)
    (folder / "readme.txt").write_text("not a picture")
    tab = ready_window.predict_tab
    drop_paths(tab, [folder])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 2, timeout=THREAD_TIMEOUT_MS)
    wait_idle(qtbot, tab)
    labels = {row.name: row.prediction.label for row in tab.rows()}
    assert labels == {"a.png": "red", "b.png": "blue"}  # readme.txt inside a folder: ignored


def test_drops_while_busy_are_queued_in_order(qtbot, ready_window, tmp_path):
    tab = ready_window.predict_tab
    first = [make_photo(tmp_path / f"first_{i}.png", COLOURS["red"], seed=i) for i in range(10)]
    second = make_photo(tmp_path / "second.png", COLOURS["blue"], seed=50)
    drop_paths(tab, first)
    drop_paths(tab, [second])
    assert tab.predictions.is_busy()
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 11, timeout=THREAD_TIMEOUT_MS)
    names = [row.name for row in tab.rows()]
    assert names == [p.name for p in first] + ["second.png"]


def test_dropped_model_file_becomes_the_model(qtbot, window, model_file, photos):
    tab = window.predict_tab
    assert tab.drop_area.state == DropArea.NO_MODEL
    assert tab.drop_area.open_model_button.isVisible()
    assert tab.drop_area.train_button.isVisible()
    drop_paths(tab, [model_file, photos["blue"]])  # a model and a picture in one drop
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
    assert "colours" in window.windowTitle()
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    assert tab.rows()[0].prediction.label == "blue"


def test_model_file_that_is_not_a_model_shows_a_message(qtbot, window, tmp_path):
    bad = tmp_path / "fake.safetensors"
    bad.write_bytes(b"nothing useful")
    drop_paths(window.predict_tab, [bad])
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=THREAD_TIMEOUT_MS)
    assert window.message_bar.kind == "error"
    assert window.message_bar.label.text()
    assert window.session.current is None


def test_go_to_train_button_switches_tab(window):
    window.predict_tab.drop_area.train_button.click()
    assert window.tabs.currentWidget() is window.train_tab


def test_export_csv_writes_every_class(qtbot, ready_window, photos, tmp_path):
    tab = ready_window.predict_tab
    drop_paths(tab, [photos["red"], photos["broken"]])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 2, timeout=THREAD_TIMEOUT_MS)
    out = tmp_path / "out.csv"
    assert tab.export_csv(out) == 2
    with open(out, newline="", encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    header = list(lines[0].keys())
    assert header[:2] == ["path", "top_class"] and set(COLOURS) <= set(header)
    red = next(line for line in lines if line["path"].endswith("red.png"))
    assert red["top_class"] == "red"
    assert sum(float(red[c]) for c in COLOURS) == pytest.approx(1.0, abs=1e-4)
    broken = next(line for line in lines if line["path"].endswith("broken.jpg"))
    assert broken["error"] and broken["top_class"] == ""


def test_paste_an_image(qtbot, ready_window):
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0xFF2020E0)  # blue
    QGuiApplication.clipboard().setImage(image)
    tab = ready_window.predict_tab
    tab.paste_action.trigger()
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    assert tab.rows()[0].prediction.label == "blue"
    assert tab.rows()[0].path is None


def test_new_model_reclassifies_listed_pictures(qtbot, ready_window, classifier, photos):
    tab = ready_window.predict_tab
    drop_paths(tab, [photos["red"]])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    first = tab.rows()[0].prediction
    ready_window.session.add_model(classifier, "again", Path("again.safetensors"))
    qtbot.waitUntil(lambda: _is_new(tab.rows()[0].prediction, first), timeout=THREAD_TIMEOUT_MS)
    assert len(tab.rows()) == 1
    assert len(ready_window.session.models) == 2


def _is_new(prediction, old) -> bool:
    return prediction is not None and prediction is not old


def test_drops_without_a_model_wait_for_one(qtbot, window, classifier, photos):
    tab = window.predict_tab
    drop_paths(tab, [photos["red"]])
    assert tab.predictions.is_busy() and not tab.rows()
    assert "1 photo waiting" in tab.drop_area.text.text()
    window.session.add_model(classifier, "colours")
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    assert tab.rows()[0].prediction.label == "red"


def test_sharp_picture_waits_for_the_bars(qtbot, ready_window, photos, monkeypatch):
    """Decoding a photo for display would slow its classification; it comes after."""
    from flowerclf.gui import predict_tasks

    tab = ready_window.predict_tab
    asked = []
    real = predict_tasks.load_preview

    def load_preview(source, *args, **kwargs):
        row = next(r for r in tab.rows() if r.source == source)
        asked.append((row.name, row.prediction is not None))
        return real(source, *args, **kwargs)

    monkeypatch.setattr(predict_tasks, "load_preview", load_preview)
    drop_paths(tab, [photos["red"]])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(asked), timeout=THREAD_TIMEOUT_MS)
    wait_idle(qtbot, tab)
    assert asked == [("red.png", True)]


def test_waiting_counts_photos_not_drops(qtbot, window, photos, tmp_path):
    folder = tmp_path / "holiday"
    make_photo(folder / "a.png", COLOURS["red"], seed=1)
    tab = window.predict_tab
    drop_paths(tab, [photos["red"], photos["blue"]])
    drop_paths(tab, [folder])
    assert "2 photos and 1 folder waiting" in tab.drop_area.text.text()


def test_open_images_works_before_a_model_is_there(window):
    # The button and Ctrl+Shift+O agree: pictures can wait for a model.
    assert window.predict_tab.open_button.isEnabled()
    assert window.open_images_action.isEnabled()


def test_imagenet_is_offered_before_any_model_and_shows_its_ten_likeliest(
    qtbot, window, photos, tmp_path, monkeypatch
):
    import torchvision

    from flowerclf.core.models import imagenet_weights_file

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    cached = imagenet_weights_file("resnet50")
    cached.parent.mkdir(parents=True)
    import torch

    torch.save(torchvision.models.resnet50(weights=None).state_dict(), cached)
    tab = window.predict_tab
    assert tab.drop_area.imagenet_button.isVisible()
    tab.drop_area.imagenet_button.click()
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=120_000)
    entry = window.session.current
    assert (
        entry.name == "ImageNet resnet50" and entry.saved and len(entry.classifier.classes) == 1000
    )
    drop_paths(tab, [photos["red"]])
    qtbot.waitUntil(lambda: len(finished_rows(tab)) == 1, timeout=THREAD_TIMEOUT_MS)
    tab.select_row(tab.rows()[0])
    entries = tab.bars.entries()
    assert len(entries) == 10 and entries[0][1] >= entries[-1][1]
