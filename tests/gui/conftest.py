"""Fixtures for the desktop app's tests: a tiny trained model, generated photos, a window.

Everything is small on purpose (two colour classes, 32-pixel inputs, resnet18
from scratch) so that the whole GUI suite runs in about a minute on 2 cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from flowerclf.gui.tasks import active_tasks
from tests.gui.helpers import COLOURS, make_dataset, make_photo

IMAGE_SIZE = 32
THREAD_TIMEOUT_MS = 30_000


# -- isolation -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """Each test gets its own settings file, never the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def no_leaked_threads(qapp: QApplication, qtbot) -> Iterator[None]:
    """Fail a test that leaves a worker thread running once its window has closed."""
    yield
    try:
        qtbot.waitUntil(lambda: not active_tasks(), timeout=THREAD_TIMEOUT_MS)
    except AssertionError:
        names = [task.description for task in active_tasks()]
        pytest.fail(f"worker threads still running after the test: {names}")


@pytest.fixture(scope="session", autouse=True)
def english_catalogue(qapp: QApplication) -> Iterator[None]:
    """The English catalogue, as the app installs it: the plural forms ("1 photo", "2 photos")."""
    from flowerclf.gui.app import translations_dir
    from flowerclf.gui.language import install_translators, remove_translators

    install_translators("en", translations_dir())
    yield
    remove_translators()


@pytest.fixture
def chinese() -> Iterator[None]:
    """The app's and Qt's Chinese catalogues for one test; English again afterwards."""
    from flowerclf.gui.app import translations_dir
    from flowerclf.gui.language import install_translators

    install_translators("zh_CN", translations_dir())
    yield
    install_translators("en", translations_dir())


# -- data and a model -----------------------------------------------------------------


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """blue/ and red/, 8 photos each."""
    return make_dataset(tmp_path_factory.mktemp("dataset"))


@pytest.fixture(scope="session")
def training_result(dataset: Path):
    """A resnet18 with random features and a trained last layer, through the core's train().

    Training only the last layer on colour squares is quick (a few seconds) and
    gives a confident model, so tests can insist on the right top class.
    """
    from flowerclf.core.training import TrainingConfig, train

    config = TrainingConfig(
        arch="resnet18",
        weights="none",
        freeze_backbone=True,
        epochs=20,
        batch_size=8,
        lr=0.05,
        image_size=IMAGE_SIZE,
        val_split=0.25,
        seed=0,
    )
    return train(dataset, config)


@pytest.fixture(scope="session")
def classifier(training_result):
    return training_result.classifier


@pytest.fixture(scope="session")
def model_file(classifier, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from flowerclf.core.modelfile import save_model

    return save_model(classifier, tmp_path_factory.mktemp("models") / "colours.safetensors")


@pytest.fixture
def photos(tmp_path: Path) -> dict[str, Path]:
    """Obvious pictures of each class, plus a damaged file with a picture's name."""
    folder = tmp_path / "photos"
    found = {
        name: make_photo(folder / f"{name}.png", colour, seed=7) for name, colour in COLOURS.items()
    }
    broken = folder / "broken.jpg"
    broken.write_bytes(b"this is not a JPEG at all")
    found["broken"] = broken
    return found


# -- the window ------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, monkeypatch):
    """The main window, shown, engine loaded; questions answered without dialogs."""
    from flowerclf.gui.main_window import MainWindow

    win = MainWindow()
    monkeypatch.setattr(win, "confirm_stop_training", lambda: True)
    monkeypatch.setattr(win, "ask_unsaved_models", lambda unsaved, problem="": "discard")
    monkeypatch.setattr(win.train_tab, "ask_weights", lambda message: None)
    # Not qtbot.addWidget: pytest-qt would delete the window before this fixture's
    # teardown, while a deferred close may still be waiting for its threads.
    win.show()
    qtbot.waitUntil(win.is_engine_ready, timeout=THREAD_TIMEOUT_MS)
    yield win
    win.close()
    qtbot.waitUntil(lambda: not win.isVisible() and not active_tasks(), timeout=THREAD_TIMEOUT_MS)
    win.deleteLater()


@pytest.fixture
def ready_window(window, classifier):
    """The window with the tiny model loaded."""
    window.session.add_model(classifier, "colours")
    return window
