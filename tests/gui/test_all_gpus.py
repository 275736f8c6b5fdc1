"""The Train tab's devices: each GPU, and "all GPUs together" (one training process per GPU).

This machine has no GPU: the engine's list is made with torch's CUDA answers
faked, and the processes of "all GPUs" train on the CPU (gloo), which is the
same path with another device.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch
from PySide6.QtCore import Qt

from flowerclf.gui import model_tasks
from flowerclf.gui.model_tasks import ALL_GPUS
from tests.gui.test_train_tab import QUICK, TRAIN_TIMEOUT_MS, scanned


@pytest.fixture
def two_gpus():
    """torch says there are two GPUs; the engine's list of devices, made from that."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(torch.cuda, "is_available", lambda: True)
        patch.setattr(torch.cuda, "device_count", lambda: 2)
        patch.setattr(torch.cuda, "get_device_name", lambda device=None: "NVIDIA H200")
        return model_tasks.devices_to_offer(torch.device("cuda"))


def engine_finds(window, devices) -> None:
    """As if the engine had loaded on a computer with ``devices``."""
    window.session.engine = replace(window.session.engine, devices=devices)
    window.session.engineChanged.emit()


def box_items(box) -> list[tuple[str, str]]:
    return [(box.itemData(i), box.itemText(i)) for i in range(box.count())]


def test_the_engine_lists_this_computers_devices_in_the_train_tab(window):
    items = box_items(window.train_tab.options.device_box)
    assert items == window.session.engine.devices
    assert items[0][0] == "auto" and items[0][1].startswith("Automatic: CPU (")
    assert [key for key, _ in items] == ["auto", "cpu"]  # no GPU here: none offered


def test_two_gpus_are_offered_each_and_all_together(window, two_gpus):
    assert two_gpus == [
        ("auto", "Automatic: NVIDIA H200"),
        ("cpu", "CPU"),
        ("cuda:0", "GPU 1: NVIDIA H200"),
        ("cuda:1", "GPU 2: NVIDIA H200"),
        (ALL_GPUS, "All 2 GPUs together"),
    ]
    engine_finds(window, two_gpus)
    options = window.train_tab.options
    assert box_items(options.device_box) == two_gpus
    options.device_box.choose("cuda:1")
    assert options.config().device == "cuda:1" and options.processes() == 1
    options.device_box.choose(ALL_GPUS)
    assert options.config().device == "cuda" and options.processes() == 2


def test_all_gpus_is_remembered_and_waits_for_the_engine(qtbot, window, two_gpus):
    from flowerclf.gui.main_window import MainWindow

    engine_finds(window, two_gpus)
    window.train_tab.options.device_box.choose(ALL_GPUS)
    window.train_tab.save_settings()
    again = MainWindow()
    qtbot.addWidget(again)
    box = again.train_tab.options.device_box
    assert box.choice() == "auto"  # before the engine has said what there is
    again.session.engine = window.session.engine
    engine_finds(again, two_gpus[:2])  # a computer without GPUs: Automatic stays
    assert box.choice() == "auto"
    engine_finds(again, two_gpus)
    assert box.choice() == ALL_GPUS and again.train_tab.options.processes() == 2


def test_a_choice_made_meanwhile_wins_over_the_remembered_one(window, two_gpus):
    box = window.train_tab.options.device_box
    box.set_devices(two_gpus[:2])
    box.choose(ALL_GPUS)  # remembered, not offered yet
    box.setCurrentIndex(1)
    box.activated.emit(1)  # the person picks CPU
    box.set_devices(two_gpus)
    assert box.choice() == "cpu"


@pytest.mark.timeout(300)
def test_start_with_all_gpus_trains_in_processes_and_the_model_joins_the_session(
    qtbot, window, dataset, two_gpus, monkeypatch
):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    engine_finds(window, two_gpus)
    tab.options.set_config(replace(QUICK, freeze_backbone=False))
    tab.options.device_box.choose(ALL_GPUS)
    # The GPUs are the CPU's: two gloo processes, the same road as two NVIDIA cards.
    monkeypatch.setattr(tab.options.device_box, "device", lambda: "cpu")
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        assert tab.start_training()
        assert not tab.start_training()  # a second click starts nothing
    result = finished.args[0]
    assert not result.stopped and [e.epoch for e in result.history] == [1, 2]
    assert tab.run.processes == 2
    assert "in 2 processes together" in tab.log_text()
    assert tab.chart.point_counts()["val_accuracy"] == 2
    assert window.session.current.classifier is result.classifier
    assert result.classifier.classes == ["blue", "red"]
    assert result.evaluation is not None  # the Results tab has its confusion matrix
    assert not tab.run.checkpoint.exists()
    assert list(tab.run.checkpoint.parent.iterdir()) == []  # no model file left behind


def test_what_gpus_together_cannot_share_is_refused_at_once_in_plain_words(
    qtbot, window, dataset, two_gpus, monkeypatch
):
    tab = window.train_tab
    scanned(qtbot, tab, dataset)
    engine_finds(window, two_gpus)
    tab.options.device_box.choose(ALL_GPUS)
    monkeypatch.setattr(tab.options.device_box, "device", lambda: "cpu")
    for config, words in (
        (QUICK, "Training only the last layer takes a moment on one device"),
        (replace(QUICK, freeze_backbone=False, batch_size=7), "must be a multiple of 2"),
    ):
        tab.options.set_config(config)
        tab.options.device_box.choose(ALL_GPUS)
        with qtbot.waitSignal(tab.run.failed, timeout=TRAIN_TIMEOUT_MS):
            assert tab.start_training()
        shown = tab.message_bar.text()
        assert words in shown and "--" not in shown and "True" not in shown
        assert list(tab.run.checkpoint.parent.glob("*")) == []  # nothing was started


def test_long_device_names_never_widen_the_window_past_a_small_screen(window, two_gpus):
    long_names = [
        (key, label.replace("NVIDIA H200", "NVIDIA H200 NVL 141 GB")) for key, label in two_gpus
    ]
    engine_finds(window, long_names)
    window.tabs.setCurrentWidget(window.train_tab)
    assert window.minimumSizeHint().width() <= 1024
    box = window.train_tab.options.device_box
    assert box.itemData(0, Qt.ItemDataRole.ToolTipRole) == long_names[0][1]  # said whole there
