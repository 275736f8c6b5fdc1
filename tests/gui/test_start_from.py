"""The Train tab's "Start from: this model": offered for the current model, reaching the config."""

from __future__ import annotations

from dataclasses import replace

from flowerclf.core.config import TrainingConfig
from flowerclf.gui.train_options import THIS_MODEL
from tests.gui.conftest import IMAGE_SIZE, THREAD_TIMEOUT_MS
from tests.gui.helpers import make_dataset, make_photo
from tests.gui.test_train_tab import QUICK

TRAIN_TIMEOUT_MS = 120_000


def offered(options) -> bool:
    return options.weights_box.findData(THIS_MODEL) >= 0


def test_a_saved_model_is_offered_and_the_choice_reaches_the_config(window, classifier, model_file):
    options = window.train_tab.options
    options.restore_defaults()
    assert not offered(options)  # no model yet
    window.session.add_model(classifier, "colours", model_file)
    assert offered(options)
    label = options.weights_box.itemText(options.weights_box.findData(THIS_MODEL))
    assert "colours" in label

    assert options.start_from_model()
    config = options.config()
    assert config.weights == str(model_file)
    # the same network, at the image size it learnt on
    assert config.arch == classifier.arch == "resnet18"
    assert config.image_size == classifier.image_size == IMAGE_SIZE
    assert config == replace(
        TrainingConfig(), weights=str(model_file), arch="resnet18", image_size=IMAGE_SIZE
    )


def test_the_imagenet_model_is_not_offered(window, classifier, model_file):
    options = window.train_tab.options
    window.session.add_model(classifier, "colours", model_file)
    assert offered(options)
    entry = window.session.add_model(classifier, "ImageNet resnet18", origin="imagenet")
    assert window.session.current is entry
    assert not offered(options)
    assert options.config().weights != str(model_file)


def test_an_unsaved_trained_model_starts_from_its_recovery_copy_and_the_run_records_it(
    qtbot, window, tmp_path
):
    tab = window.train_tab
    folder = make_dataset(tmp_path / "data", per_class=6)
    tab.set_folder(str(folder))
    qtbot.waitUntil(lambda: tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
    tab.options.set_config(QUICK)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS):
        assert tab.start_training()
    first = window.session.current
    qtbot.waitUntil(lambda: first.recovery_path is not None, timeout=THREAD_TIMEOUT_MS)
    assert tab.options.start_from_model()
    assert tab.options.config().weights == str(first.recovery_path)

    # a third class joins the folder, and the run continues the first model
    for i in range(6):
        make_photo(folder / "green" / f"green_{i}.png", (40, 200, 60), seed=500 + i)
    tab.set_folder(str(folder))
    qtbot.waitUntil(lambda: tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
    with qtbot.waitSignal(tab.run.finished, timeout=TRAIN_TIMEOUT_MS) as finished:
        assert tab.start_training()
    origin = finished.args[0].classifier.metadata["started_from"]
    assert origin["file"] == first.recovery_path.name
    assert origin["classes"] == ["blue", "red"] and origin["added_classes"] == ["green"]
    assert window.session.current is not first


def test_a_model_file_chosen_as_weights_sets_its_network_and_size(window, model_file, monkeypatch):
    from flowerclf.gui import train_options

    options = window.train_tab.options
    options.restore_defaults()
    assert options.config().arch == "resnet34"
    monkeypatch.setattr(
        train_options.QFileDialog, "getOpenFileName", lambda *args: (str(model_file), "")
    )
    assert options.choose_weights_file_dialog()
    config = options.config()
    assert (config.weights, config.arch, config.image_size) == (
        str(model_file),
        "resnet18",
        IMAGE_SIZE,
    )
