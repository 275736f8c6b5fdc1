"""The Network tab: the stage table of the network in use, its block, and feature maps."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import IMAGE_SIZE, THREAD_TIMEOUT_MS
from tests.gui.helpers import drop_paths


@pytest.fixture(autouse=True)
def _no_imagenet_weights(tmp_path, monkeypatch):
    """An empty torch cache: before a model, feature maps come from untrained weights."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))


def _show_network(qtbot, window):
    tab = window.network_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.stage_table.table() is not None, timeout=THREAD_TIMEOUT_MS)
    return tab


def _wait_for_table(qtbot, tab, arch: str, image_size: int):
    qtbot.waitUntil(
        lambda: (
            (table := tab.stage_table.table()) is not None
            and (table.arch, table.image_size) == (arch, image_size)
        ),
        timeout=THREAD_TIMEOUT_MS,
    )
    return tab.stage_table.table()


def _click_stage(qtbot, tab, stage: str) -> None:
    table = tab.stage_table
    rect = table.visualRect(table.model().index(table.row_of(stage), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _cell(tab, stage: str, column: int) -> str:
    table = tab.stage_table
    return table.item(table.row_of(stage), column).text()


def test_the_table_follows_the_architecture_chosen_in_the_train_tab(qtbot, window):
    options = window.train_tab.options
    tab = _show_network(qtbot, window)
    table = _wait_for_table(qtbot, tab, options.config().arch, options.config().image_size)
    assert tab.stage_table.stages() == [
        "conv1", "pool", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "fc"
    ]  # fmt: skip
    assert "Train tab" in tab.title_label.text()

    options.arch_box.setCurrentIndex(options.arch_box.findData("resnet50"))
    table = _wait_for_table(qtbot, tab, "resnet50", options.config().image_size)
    assert [_cell(tab, s, 3) for s in ("conv2_x", "conv3_x", "conv4_x", "conv5_x")] == [
        "3", "4", "6", "3"
    ]  # fmt: skip
    assert table.total_params == 25_557_032  # 1,000 outputs, as ImageNet's
    last = tab.stage_table.rowCount() - 1
    assert tab.stage_table.item(last, 5).text() == "25,557,032"
    assert tab.stage_table.item(last, 6).text() == "4.09 G"

    options.size_spin.setValue(160)
    _wait_for_table(qtbot, tab, "resnet50", 160)
    assert [_cell(tab, s, 1) for s in tab.stage_table.stages()[:-1]] == [
        "80×80", "40×40", "40×40", "20×20", "10×10", "5×5"
    ]  # fmt: skip


def test_the_block_is_drawn_from_the_measured_stage(qtbot, window):
    options = window.train_tab.options
    tab = _show_network(qtbot, window)
    options.arch_box.setCurrentIndex(options.arch_box.findData("resnext50_32x4d"))
    _wait_for_table(qtbot, tab, "resnext50_32x4d", options.config().image_size)
    _click_stage(qtbot, tab, "conv2_x")
    boxes = tab.drawing.boxes()
    assert [channels for _, channels, _, _ in boxes] == [128, 128, 256]
    assert [groups for _, _, _, groups in boxes] == [1, 32, 1]
    assert "32" in tab.caption_label.text() and "4" in tab.caption_label.text()
    tab.drawing.grab()  # paints without error

    options.arch_box.setCurrentIndex(options.arch_box.findData("resnet18"))
    _wait_for_table(qtbot, tab, "resnet18", options.config().image_size)
    assert tab.stage_table.chosen_stage() == "conv2_x"  # the choice stays
    assert [channels for _, channels, _, _ in tab.drawing.boxes()] == [64, 64]


def test_a_loaded_model_is_shown_rather_than_the_train_tabs_choice(qtbot, ready_window):
    tab = _show_network(qtbot, ready_window)
    table = _wait_for_table(qtbot, tab, "resnet18", IMAGE_SIZE)
    assert table.num_classes == 2
    assert "colours" in tab.title_label.text()
    model = ready_window.session.current.classifier
    assert table.total_params == sum(p.numel() for p in model.network.parameters())
    assert _cell(tab, "fc", 4) == "2"

    # Another model of the same shape: the same table, its own name.
    ready_window.session.add_model(model, "flowers again")
    qtbot.waitUntil(lambda: "flowers again" in tab.title_label.text(), timeout=THREAD_TIMEOUT_MS)


def test_clicking_a_stage_shows_the_photos_most_active_channels(qtbot, ready_window, photos):
    predict = ready_window.predict_tab
    drop_paths(predict, [photos["red"]])
    qtbot.waitUntil(lambda: predict.current_row() is not None, timeout=THREAD_TIMEOUT_MS)
    tab = _show_network(qtbot, ready_window)
    _wait_for_table(qtbot, tab, "resnet18", IMAGE_SIZE)

    _click_stage(qtbot, tab, "conv3_x")
    qtbot.waitUntil(
        lambda: tab.grid_view.grid() is not None and tab.grid_view.grid().stage == "conv3_x",
        timeout=THREAD_TIMEOUT_MS,
    )
    grid = tab.grid_view.grid()
    assert tab.grid_view.count() == 16  # the default
    assert grid.channels_total == 128 and grid.output_size == (4, 4)  # 32 px in
    assert grid.activations == sorted(grid.activations, reverse=True)
    assert all(image.width() == image.height() == 4 for image in grid.maps)
    assert grid.picture.width() == grid.picture.height() == IMAGE_SIZE
    assert grid.stand_in is None  # the model itself
    assert not tab.note_label.isVisible()
    assert "16" in tab.maps_label.text() and "128" in tab.maps_label.text()
    tab.grid_view.grab()

    tab.count_spin.setValue(4)
    qtbot.waitUntil(lambda: tab.grid_view.count() == 4, timeout=THREAD_TIMEOUT_MS)

    _click_stage(qtbot, tab, "fc")
    assert tab.grid_view.grid() is None  # the last layer has no maps
    assert "conv3_x" not in tab.maps_label.text()  # nor the caption of the maps gone
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=THREAD_TIMEOUT_MS)


def test_without_a_model_a_chosen_photo_runs_through_untrained_weights(
    qtbot, window, photos, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    options = window.train_tab.options
    options.arch_box.setCurrentIndex(options.arch_box.findData("resnet18"))
    options.size_spin.setValue(64)
    tab = _show_network(qtbot, window)
    _wait_for_table(qtbot, tab, "resnet18", 64)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(photos["blue"]), "")
    )
    qtbot.mouseClick(tab.photo_button, Qt.MouseButton.LeftButton)
    _click_stage(qtbot, tab, "conv1")
    qtbot.waitUntil(
        lambda: tab.grid_view.grid() is not None and tab.grid_view.grid().stage == "conv1",
        timeout=THREAD_TIMEOUT_MS,
    )
    grid = tab.grid_view.grid()
    assert grid.output_size == (32, 32) and grid.channels_total == 64
    assert grid.stand_in is not None and grid.stand_in.weights == "untrained"
    assert "untrained" in tab.note_label.text()


def test_measuring_and_feature_maps_never_run_on_the_gui_thread(
    qtbot, ready_window, photos, monkeypatch
):
    import flowerclf.core.architecture as architecture

    threads: list[threading.Thread] = []

    def recorded(function):
        def run(*args, **kwargs):
            threads.append(threading.current_thread())
            return function(*args, **kwargs)

        return run

    monkeypatch.setattr(
        architecture, "describe_architecture", recorded(architecture.describe_architecture)
    )
    monkeypatch.setattr(architecture, "feature_maps", recorded(architecture.feature_maps))
    tab = ready_window.network_tab
    tab.set_photo(str(photos["red"]), "red.png")
    ready_window.tabs.setCurrentWidget(tab)
    # Shown at once; the work is in a worker.
    assert tab.is_busy() and tab.stage_table.table() is None
    _wait_for_table(qtbot, tab, "resnet18", IMAGE_SIZE)
    qtbot.waitUntil(lambda: tab.grid_view.count() == 16, timeout=THREAD_TIMEOUT_MS)
    assert len(threads) == 2
    assert all(thread is not threading.main_thread() for thread in threads)
