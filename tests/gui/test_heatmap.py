"""The Predict tab's heat map: a Grad-CAM overlay of the picture's size, per class, cached."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.gui.helpers import drop_paths


def _show_photo(qtbot, window, path):
    tab = window.predict_tab
    drop_paths(tab, [path])
    qtbot.waitUntil(
        lambda: tab.current_row() is not None and tab.current_row().prediction is not None,
        timeout=THREAD_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: not tab.predictions.is_busy(), timeout=THREAD_TIMEOUT_MS)
    return tab


def _click_bar(qtbot, bars, row: int) -> None:
    pitch = bars._row_height() + bars.ROW_SPACING  # noqa: SLF001 - where the rows are painted
    qtbot.mouseClick(
        bars, Qt.MouseButton.LeftButton, pos=QPoint(bars.width() // 2, row * pitch + 5)
    )


def test_heat_map_overlays_the_top_class_at_the_pictures_size(qtbot, ready_window, photos):
    tab = _show_photo(qtbot, ready_window, photos["red"])
    panel = tab.heat_map
    assert not tab.image_view.overlay_size().isValid()  # off until asked for

    panel.toggle.setChecked(True)
    qtbot.waitUntil(lambda: panel.current() is not None, timeout=THREAD_TIMEOUT_MS)
    result = panel.current()
    assert result.label == "red"  # the top class by default
    assert tab.image_view.overlay_size() == QSize(40, 40)  # the generated photo's size
    assert result.image.size() == tab.image_view.image_size()
    assert "red" in panel.status_label.text()

    panel.opacity.setValue(80)
    assert tab.image_view.overlay_opacity() == 0.8

    panel.toggle.setChecked(False)
    assert not tab.image_view.overlay_size().isValid()
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=THREAD_TIMEOUT_MS)


def test_clicking_a_class_in_the_bars_shows_its_map_and_maps_are_cached(
    qtbot, ready_window, photos
):
    tab = _show_photo(qtbot, ready_window, photos["blue"])
    panel = tab.heat_map
    panel.toggle.setChecked(True)
    qtbot.waitUntil(lambda: panel.current() is not None, timeout=THREAD_TIMEOUT_MS)
    top = panel.current()
    assert top.label == tab.bars.entries()[0][0] == "blue"

    with qtbot.waitSignal(panel.mapShown, timeout=THREAD_TIMEOUT_MS) as shown:
        _click_bar(qtbot, tab.bars, 1)  # the second bar: the other class
    other = shown.args[0]
    assert other.label == "red"
    assert panel.current() is other
    assert other.image.size() == top.image.size()
    assert "red" in panel.status_label.text()
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=THREAD_TIMEOUT_MS)

    assert tab.bars.marked() == "red"  # its bar is framed: the map shown is red's
    # Back to the top class by keyboard: the map is known already, no new job.
    tab.bars.setFocus()
    QTest.keyClick(tab.bars, Qt.Key.Key_Return)  # the first bar, where the keyboard starts
    assert not panel.is_busy()
    assert panel.current() is top and tab.bars.marked() == "blue"
    QTest.keyClick(tab.bars, Qt.Key.Key_Down)
    assert tab.bars.cursor_class() == "red"
    panel.toggle.setChecked(False)
    assert tab.bars.marked() is None


def test_clicking_a_bar_turns_the_heat_map_on(qtbot, ready_window, photos):
    tab = _show_photo(qtbot, ready_window, photos["red"])
    panel = tab.heat_map
    with qtbot.waitSignal(panel.mapShown, timeout=THREAD_TIMEOUT_MS) as shown:
        _click_bar(qtbot, tab.bars, 1)
    assert panel.is_on()
    assert shown.args[0].label == "blue"
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=THREAD_TIMEOUT_MS)


def test_turning_the_heat_map_on_moves_no_bar(qtbot, ready_window, photos):
    tab = _show_photo(qtbot, ready_window, photos["blue"])
    before = tab.bars.mapTo(ready_window, QPoint(0, 0))
    tab.heat_map.toggle.setChecked(True)
    qtbot.waitUntil(lambda: tab.heat_map.current() is not None, timeout=THREAD_TIMEOUT_MS)
    qtbot.wait(50)
    assert tab.bars.mapTo(ready_window, QPoint(0, 0)) == before  # a click aimed at a bar lands
