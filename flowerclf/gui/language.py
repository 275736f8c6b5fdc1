"""The interface's language: English (the source) or Simplified Chinese.

The language follows the system unless the person chose one under
View > Language; the choice is remembered and applies from the next start,
since every view words itself once, when it is built. The app's catalogue
(``resources/translations/flowerclf_zh_CN.qm``, made by
``scripts/update_translations.py``) and Qt's own (``qtbase_zh_CN.qm``, for
its file dialogs and standard buttons) are installed before any window exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from flowerclf.gui.message_bar import MessageBar
from flowerclf.gui.settings import Settings

SETTING = "view/language"
SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
#: the catalogues that exist besides English, the language of the source
TRANSLATED = (CHINESE,)
CATALOGUE = "flowerclf"
#: Qt's own catalogues, for its dialogs and buttons, when its install has them
QT_CATALOGUES = ("qtbase",)


def chosen_language(settings: Settings) -> str:
    """What the person chose: "system", "en" or "zh_CN"."""
    choice = settings.get(SETTING, SYSTEM)
    return choice if choice in (SYSTEM, ENGLISH, *TRANSLATED) else SYSTEM


def language_for(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a choice: "en" or "zh_CN".

    "system" means Simplified Chinese on a Chinese system that writes simplified
    characters (mainland China, Singapore), and English everywhere else: there is
    no catalogue in traditional characters yet.
    """
    if choice in (ENGLISH, *TRANSLATED):
        return choice
    locale = system if system is not None else QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    # Qt fills in the script from the territory: zh_TW, zh_HK and zh_MO write traditional.
    if locale.script() == QLocale.Script.TraditionalHanScript:
        return ENGLISH
    return CHINESE


def qt_translations_dir() -> Path:
    """Where this Qt install keeps its own catalogues (qtbase_zh_CN.qm, ...)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


_installed: list[QTranslator] = []
# the language of the app's catalogue installed now (English: none, or the plural forms)
_current = {"language": ENGLISH}


def current_language() -> str:
    """The language the interface speaks now: "en", or "zh_CN" once its catalogue is in."""
    return _current["language"]


def install_translators(language: str, folder: Path | None) -> list[QTranslator]:
    """Install the app's catalogue for ``language`` from ``folder``, and Qt's own.

    English is the language of the sources, but it has a catalogue too: the
    plural forms ("1 photo", "2 photos" for "%n photo(s)"). Replaces what an
    earlier call installed; returns the translators that loaded.
    """
    remove_translators()
    app = QCoreApplication.instance()
    if app is None:
        return []
    found = _installed
    candidates = []
    if language in TRANSLATED:
        candidates += [(f"{name}_{language}", qt_translations_dir()) for name in QT_CATALOGUES]
    if folder is not None:
        candidates.append((f"{CATALOGUE}_{language}", folder))
    for name, where in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(where)) and QCoreApplication.installTranslator(translator):
            found.append(translator)
            if name == f"{CATALOGUE}_{language}":
                _current["language"] = language
    return list(found)


def remove_translators() -> None:
    """Back to English: remove what :func:`install_translators` installed."""
    _current["language"] = ENGLISH
    while _installed:
        translator = _installed.pop()
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


class LanguageMenu(QMenu):
    """View > Language: the system's, English or 中文 (简体); remembered for the next start."""

    #: the person chose another language ("system", "en" or "zh_CN"); it applies on restart
    languageChosen = Signal(str)

    def __init__(
        self, settings: Settings, message_bar: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Language"))
        self._settings = settings
        self._message_bar = message_bar
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions_by_choice: dict[str, QAction] = {}
        # Each language is named in its own words, so anyone finds theirs.
        names = (
            (SYSTEM, self.tr("Same as the system")),
            (ENGLISH, self.tr("English")),
            (CHINESE, self.tr("中文 (简体)")),
        )
        current = chosen_language(settings)
        for choice, text in names:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.setData(choice)
            self._group.addAction(action)
            self.addAction(action)
            self.actions_by_choice[choice] = action
        self._group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        choice = str(action.data())
        if choice == chosen_language(self._settings):
            return
        self._settings.set(SETTING, choice)
        self._settings.sync()
        self._message_bar.show_message(self.restart_message(choice), "info")
        self.languageChosen.emit(choice)

    def restart_message(self, choice: str) -> str:
        """What the window says once a language is chosen: it applies on the next start."""
        if language_for(choice) == CHINESE:
            # Said in the language chosen as well, for someone who cannot read the current one.
            return self.tr(
                "The interface will be in Chinese when FlowerClf next starts. "
                "FlowerClf 下次启动时将显示中文界面。"
            )
        return self.tr("The interface will be in English when FlowerClf next starts.")
