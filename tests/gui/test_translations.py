"""The Chinese interface: a complete catalogue, current .qm files, a window with no English left.

The catalogues are ``resources/translations/flowerclf_*.ts`` (made by
``scripts/update_translations.py`` with pyside6-lupdate and pyside6-lrelease).
"""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTableView,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from flowerclf.core import errors
from flowerclf.core.recovery import RecoverableModel
from flowerclf.gui.app import translations_dir
from flowerclf.gui.language import (
    CHINESE,
    ENGLISH,
    SETTING,
    SYSTEM,
    install_translators,
    language_for,
)
from flowerclf.gui.recovery_dialog import RecoveryDialog
from tests.gui.conftest import THREAD_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: names that stay as they are in any language: the app, formats, networks, keys
KEPT_WORDS = {
    "FlowerClf", "ImageNet", "ResNet", "CPU", "GPU", "ONNX", "CSV", "HTML", "JSON", "PyTorch",
    "Grad-CAM", "safetensors", "pth", "Ctrl", "Shift", "English", "px",
    "flowers", "roses", "tulips",  # the example folders of a tip
}  # fmt: skip
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?n|%[vm]")


def messages(language: str) -> list[tuple[str, ET.Element]]:
    """(context, message) for every message of a catalogue."""
    tree = ET.parse(FOLDER / f"flowerclf_{language}.ts")
    return [
        (context.findtext("name") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def translations(message: ET.Element) -> list[str]:
    node = message.find("translation")
    assert node is not None
    forms = node.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [node.text or ""]


# -- the catalogues -------------------------------------------------------------------


@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_every_message_of_the_catalogue_is_translated(language):
    found = messages(language)
    assert found
    for context, message in found:
        source = message.findtext("source")
        state = message.find("translation").get("type")  # type: ignore[union-attr]
        assert state is None, f"{context}: {source!r} is {state}"
        for text in translations(message):
            assert text, f"{context}: {source!r} has an empty translation"
            # Every {name}, %n and %v survives translation, or .format() and Qt break.
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (
                f"{context}: {source!r} -> {text!r}"
            )


def test_the_chinese_catalogue_is_chinese():
    # Anything with an English word in it is said in Chinese (file patterns are not words).
    for context, message in messages(CHINESE):
        source = message.findtext("source") or ""
        words = set(
            re.findall(r"[A-Za-z]{3,}", re.sub(r"\*\.\w+", "", PLACEHOLDER.sub("", source)))
        )
        if words - KEPT_WORDS:
            for text in translations(message):
                assert CJK.search(text), f"{context}: {source!r} -> {text!r}"


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None
    and not (Path(sys.executable).parent / "pyside6-lupdate").exists(),
    reason="pyside6-lupdate is not installed",
)
def test_catalogues_match_the_sources_and_the_qm_files_are_current():
    # lupdate finds every marked string (none missing, none left over), and
    # lrelease would write the very .qm files in the repository.
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import update_translations
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert update_translations.check() == []


def test_qt_own_chinese_catalogue_is_found_and_loaded(chinese):
    # Qt's file dialogs and standard buttons speak Chinese too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


# -- choosing the language ------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "system", "shown"),
    [
        (SYSTEM, "zh_CN", CHINESE),
        (SYSTEM, "zh_SG", CHINESE),
        (SYSTEM, "zh_TW", ENGLISH),  # traditional characters: no catalogue yet
        (SYSTEM, "en_US", ENGLISH),
        (SYSTEM, "de_DE", ENGLISH),
        (ENGLISH, "zh_CN", ENGLISH),
        (CHINESE, "en_US", CHINESE),
    ],
)
def test_the_language_follows_the_system_unless_one_is_chosen(choice, system, shown):
    assert language_for(choice, QLocale(system)) == shown


def test_the_language_chosen_in_the_menu_applies_at_the_next_start(qapp, window):
    from flowerclf.gui.app import configure_app
    from flowerclf.gui.settings import Settings

    window.language_menu.actions_by_choice[CHINESE].trigger()
    assert Settings().get(SETTING, "") == CHINESE
    assert "下次启动" in window.message_bar.text()
    assert window.tabs.tabText(0) == "Predict"  # this window stays as it was built
    try:
        configure_app(qapp)  # the next start
        assert QCoreApplication.translate("MainWindow", "Predict") == "预测"
        window.language_menu.actions_by_choice[ENGLISH].trigger()
        configure_app(qapp)
        assert QCoreApplication.translate("MainWindow", "Predict") == "Predict"
        assert "next starts" in window.message_bar.text()
    finally:
        install_translators(ENGLISH, translations_dir())


# -- the window in Chinese ------------------------------------------------------------


def shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a widget of ``window`` shows or can show, hidden ones too."""
    found = [("window title", window.windowTitle())]

    def add(widget: object, *texts: str) -> None:
        found.extend((type(widget).__name__, text) for text in texts if text)

    for widget in [window, *window.findChildren(QWidget)]:
        add(widget, widget.toolTip(), widget.accessibleName(), widget.statusTip())
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            add(widget, widget.text())
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            add(widget, widget.placeholderText())
        if isinstance(widget, QGroupBox):
            add(widget, widget.title())
        if isinstance(widget, QMenu):
            add(widget, widget.title())
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, widget.itemText(i), widget.itemData(i, Qt.ItemDataRole.ToolTipRole))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, widget.tabText(i), widget.tabToolTip(i))
        if isinstance(widget, QAbstractSpinBox):
            add(widget, getattr(widget, "suffix", str)(), getattr(widget, "prefix", str)())
        if isinstance(widget, QProgressBar):
            add(widget, widget.format() if widget.isTextVisible() else "")
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(header.columnCount()):
                add(widget, header.text(i), header.toolTip(i))
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for i in range(widget.horizontalHeader().count()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    add(widget, model.headerData(i, Qt.Orientation.Horizontal, role) or "")
            if isinstance(widget, QTableWidget):  # its cells: words, and data the caller names
                for row in range(widget.rowCount()):
                    for column in range(widget.columnCount()):
                        item = widget.item(row, column)
                        if item is not None:
                            add(widget, item.text(), item.toolTip())
        if hasattr(widget, "text") and type(widget).__name__ == "VerticalLabel":
            add(widget, widget.text())
    for action in window.findChildren(QAction):
        if type(action.parent()).__module__.startswith("pyqtgraph"):
            continue  # the chart's own menu, which the app turns off
        add(action, action.text(), action.toolTip())
    return found


def english_left(text: str, kept: set[str]) -> list[str]:
    """The words of ``text`` that are English and not a name kept as it is."""
    words = re.findall(r"[A-Za-z][\w'-]{2,}", re.sub(r"\.\w+", "", text))  # not file suffixes
    return [
        word
        for word in words
        if word not in kept and not re.fullmatch(r"(resnet|resnext|wide_resnet)\w*", word)
    ]


def test_the_chinese_window_shows_no_english_the_catalogue_knows(
    qtbot, chinese, monkeypatch, classifier, dataset
):
    from flowerclf.gui.main_window import MainWindow

    win = MainWindow()
    monkeypatch.setattr(win, "ask_unsaved_models", lambda unsaved, problem="": "discard")
    win.show()
    try:
        qtbot.waitUntil(win.is_engine_ready, timeout=THREAD_TIMEOUT_MS)
        empty = shown_texts(win)  # no model yet: the drop area's first words
        win.session.add_model(classifier, "colours")
        win.train_tab.set_folder(str(dataset))
        qtbot.waitUntil(lambda: win.train_tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
        shown = empty + shown_texts(win)
        # The Network tab with its stage table, a stage chosen, and the comparison page.
        win.tabs.setCurrentWidget(win.network_tab)
        stages = win.network_tab.stage_table
        qtbot.waitUntil(lambda: stages.table() is not None, timeout=THREAD_TIMEOUT_MS)
        stages.choose(stages.stages()[2])
        qtbot.waitUntil(lambda: not win.network_tab.is_busy(), timeout=THREAD_TIMEOUT_MS)
        win.tabs.setCurrentWidget(win.results_tab)
        win.results_tab.show_comparison(True)
        shown += shown_texts(win)
        # A dialog of the window's, built as it would be and not shown.
        kept = RecoverableModel(Path("m.safetensors"), "colours", "resnet18", ["red"], 0.9, 0, 9)
        shown += shown_texts(RecoveryDialog([kept], win.session.recovery, win))
        sources = {
            message.findtext("source"): translations(message)[0] for _, message in messages(CHINESE)
        }
        data = {*classifier.classes, "colours", *re.findall(r"\w+", win.session.engine.device)}
        data |= set(stages.stages())  # the network's own names for its stages: conv2_x, fc
        for folder in (dataset, win.session.recovery.folder):
            data |= {part for part in re.split(r"[/\\]", str(folder)) if part}
        problems = []
        for where, text in shown:
            plain = text.replace("&", "")
            if sources.get(text, text) != text or sources.get(plain, plain) != plain:
                problems.append(f"{where}: {text!r} is shown untranslated")
            elif english_left(text, KEPT_WORDS | data):
                problems.append(f"{where}: {text!r} is not in the catalogue")
        assert not problems, "\n".join(problems)
        assert win.tabs.tabText(0) == "预测"
        texts = {text for _, text in shown}
        assert "conv2_x" in texts and "基本块" in texts  # the stage table's cells were read
        assert "比较两个模型" in texts  # and the comparison page's
    finally:
        win.close()
        qtbot.waitUntil(lambda: not win.isVisible(), timeout=THREAD_TIMEOUT_MS)
        win.deleteLater()


# -- what the core says, in the app's words ----------------------------------------------

#: details of every shape the core's kinds carry (core/errors.py lists them)
DETAILS = {
    "path": "/photos/flowers/x.pth",
    "arch": "resnet34",
    "detected": "resnet50",
    "classes": ["daisy", "roses"],
    "dataset_classes": ["cats"],
    "model_classes": ["daisy", "roses"],
    "split": "train",
    "total": 3,
    "reason": "permission denied",
    "version": 9,
    "supported": 1,
    "outputs": 5,
    "class_names_path": "/photos/flowers/class_indices.json",
    "choices": ["a", "b"],
    "url": "https://example.invalid/w.pth",
    "cache_path": "/cache/w.pth",
    "device": "cuda",
    "precision": "fp16",
    "setting": "epochs",
    "value": "0",
    "minimum": 1,
    "maximum": 1000,
    "lr": 0.5,
    "label": "tulips",
    "extra": "export",
    "missing": "onnx",
    "largest_difference": 0.25,
    "same_top_class": False,
    "differences": ["the learning rate was 0.001, now 0.01"],
    "description": "resnet34 on flowers, epoch 2 of 5",
    "processes": 2,
    "member": "../outside.jpg",
}


@pytest.mark.parametrize("kind", sorted(errors.KINDS))
def test_every_error_kind_is_said_in_chinese(chinese, kind):
    from flowerclf.core.errors import FlowerclfError
    from flowerclf.gui.error_words import describe

    text = describe(FlowerclfError("An English message.", kind, **DETAILS))
    assert CJK.search(text) and "English message" not in text and "{" not in text, text


def test_the_cores_reasons_are_known_and_said_in_chinese(chinese, tmp_path):
    from flowerclf.core import data, files
    from flowerclf.gui.reason_words import PHRASES, reason_words

    fixed = [getattr(data, name) for name in dir(data) if name.startswith("REASON_")]
    fixed += list(files._REASONS.values())
    assert set(fixed) <= set(PHRASES)
    shaped = [
        data._not_image_reason(Path("notes.txt")),
        data._not_image_reason(Path("README")),
        data._too_large_reason(None),
        data._too_large_reason(178_956_970),
        files._folder_reason(tmp_path / "missing", PermissionError(13, "denied")),
    ]
    for reason in fixed + shaped:
        words = reason_words(reason)
        assert CJK.search(words) and not english_left(words, KEPT_WORDS), (reason, words)


def log_lines() -> tuple[list[str], object]:
    """(the lines, a progress callback that collects what a run's log would show)."""
    from flowerclf.core.events import MessageEvent, StageEvent

    said: list[str] = []

    def progress(event: object) -> None:
        if isinstance(event, MessageEvent):
            said.append(event.text)
        elif isinstance(event, StageEvent):
            said.append(event.stage)

    return said, progress


def test_the_log_of_a_real_run_is_said_in_chinese(chinese, dataset):
    from flowerclf.core.training import TrainingConfig, train
    from flowerclf.gui.log_words import log_words

    said, progress = log_lines()

    config = TrainingConfig(
        arch="resnet18", weights="none", epochs=1, batch_size=8, image_size=32, seed=0
    )
    train(dataset, config, progress=progress)
    assert said
    for text in said:
        words = log_words(text)
        assert CJK.search(words), text
        assert not english_left(words, KEPT_WORDS | {"resnet18", "AMD", "EPYC", "Intel"}), words


@pytest.mark.timeout(300)
def test_the_log_of_a_run_on_all_gpus_is_said_in_chinese(chinese, dataset, tmp_path, monkeypatch):
    from flowerclf.core.child_training import train_in_processes
    from flowerclf.core.data import scan_dataset
    from flowerclf.core.training import TrainingConfig
    from flowerclf.gui.log_words import log_words

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    said, progress = log_lines()

    config = TrainingConfig(
        arch="resnet18", weights="none", epochs=1, batch_size=8, image_size=32, device="cpu"
    )  # two processes on the CPU: the road of two GPUs
    train_in_processes(
        scan_dataset(dataset), config, 2, progress, checkpoint=tmp_path / "run.checkpoint"
    )
    assert any("2 processes together" in text for text in said)
    for text in said:
        words = log_words(text)
        assert CJK.search(words), text
        assert not english_left(words, KEPT_WORDS | {"resnet18", "AMD", "EPYC", "gloo"}), words


def test_an_unreadable_photo_in_the_log_is_said_in_chinese_with_its_reason(chinese):
    from flowerclf.gui.log_words import log_words

    text = "Skipped an unreadable image: broken.jpg: the image file is cut short (truncated)"
    words = log_words(text)
    assert words.startswith("跳过") and "broken.jpg" in words
    assert not english_left(words, KEPT_WORDS | {"broken"}), words


def test_the_architectures_tips_are_the_cores_descriptions():
    from flowerclf.core.config import ARCHITECTURES
    from flowerclf.gui.arch_words import ARCH_DESCRIPTIONS

    assert {name: spec.description for name, spec in ARCHITECTURES.items()} == ARCH_DESCRIPTIONS


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        ("no_multimedia", "libpulse.so.0: cannot open shared object file"),
        ("no_multimedia", "No module named 'PySide6.QtMultimedia'"),
        ("no_camera", ""),
        ("denied", ""),
        ("failed", "device busy"),
        ("starting", ""),
        ("off", ""),
    ],
)
def test_every_state_of_the_camera_is_said_in_chinese(chinese, status, detail):
    from flowerclf.gui.camera_feed import INSTALL_COMMAND
    from flowerclf.gui.camera_words import camera_status_words

    words = camera_status_words(status, detail)
    # Names stay: the app's, Qt Multimedia's, a system library's and the command to type.
    data = {"flowerclf", "Qt", "Multimedia", *re.findall(r"\w+", detail + INSTALL_COMMAND)}
    assert CJK.search(words), words
    assert not english_left(words, KEPT_WORDS | data), words
