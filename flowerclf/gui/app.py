"""Start the desktop app: ``run_app(paths)`` is what ``flowerclf [PATH...]`` calls."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import flowerclf
from flowerclf.gui.language import chosen_language, install_translators, language_for
from flowerclf.gui.main_window import APP_NAME, MainWindow
from flowerclf.gui.settings import APPLICATION, ORGANIZATION, Settings
from flowerclf.gui.tasks import active_tasks


def resources_dir() -> Path | None:
    """Icons, style and translations: beside the package when installed, at the repo root
    when developing."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here.parents[1] / "resources"):
        if (candidate / "flowerclf.svg").exists():
            return candidate
    return None


def app_icon() -> QIcon:
    folder = resources_dir()
    if folder is None:
        return QIcon()
    icon = QIcon()
    for name in ("flowerclf.svg", "flowerclf.png"):
        if (folder / name).exists():
            icon.addFile(str(folder / name))
    return icon


def translations_dir() -> Path | None:
    folder = resources_dir()
    return folder / "translations" if folder is not None else None


def configure_app(app: QApplication) -> None:
    """Names (for QSettings), language, icon, style: everything the window expects of the app."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    # Before any widget exists: every view words itself once, when it is built.
    language = language_for(chosen_language(Settings()))
    install_translators(language, translations_dir())
    QCoreApplication.setApplicationVersion(flowerclf.__version__)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("flowerclf")
    # Fusion looks the same on every platform, which the screenshots and the
    # stylesheet rely on; colours still follow the desktop's palette.
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    folder = resources_dir()
    if folder is not None and (folder / "style.qss").exists():
        app.setStyleSheet((folder / "style.qss").read_text(encoding="utf-8"))


def create_window(paths: list[str] | None = None) -> MainWindow:
    """The main window, shown, opening ``paths`` (models and images)."""
    window = MainWindow()
    window.show()
    if paths:
        window.open_paths(list(paths))
    return window


def run_app(paths: list[str]) -> int:
    """Open the window (with the models and images in ``paths``) and run until it closes."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "flowerclf"])
    assert isinstance(app, QApplication)
    configure_app(app)
    window = create_window(paths)
    # The window closes only once nothing is left to lose; then the app ends,
    # whatever Qt thinks of the windows still around (a dialog, say).
    window.closed.connect(app.quit)
    code = app.exec()
    # The window closes only once its threads have ended; this is the safety
    # net for any other way out of the event loop: a QThread destroyed while
    # running aborts the process.
    for task in active_tasks():
        task.cancel()
    for task in active_tasks():
        task.wait()
    del window
    return int(code)


if __name__ == "__main__":  # pragma: no cover - python -m flowerclf.gui.app
    raise SystemExit(run_app(sys.argv[1:]))
