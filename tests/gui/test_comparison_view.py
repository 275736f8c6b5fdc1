"""The Results tab compares two models of the session on one folder, side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flowerclf.core.predict import Classifier
from tests.gui.conftest import THREAD_TIMEOUT_MS


def _swapped(classifier) -> Classifier:
    """The same network with its two class names swapped: wrong wherever the original is right."""
    return Classifier(
        classifier.network,
        classifier.arch,
        list(reversed(classifier.classes)),
        image_size=classifier.image_size,
    )


def _compare(qtbot, window, other, folder):
    tab = window.results_tab
    view = tab.comparison
    assert view.set_other(other)
    view.set_folder(folder)
    with qtbot.waitSignal(view.compared, timeout=THREAD_TIMEOUT_MS) as done:
        assert view.compare()
    return done.args[0]


def test_two_models_side_by_side_with_the_photos_now_right(
    qtbot, window, classifier, dataset, tmp_path
):
    session = window.session
    worse = session.add_model(_swapped(classifier), "swapped")
    session.add_model(classifier, "colours")  # the current model: B
    tab = window.results_tab
    assert tab.compare_button.isEnabled()
    qtbot.mouseClick(tab.compare_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is tab.comparison
    view = tab.comparison
    assert [view.other_box.itemText(i) for i in range(view.other_box.count())] == ["swapped"]

    comparison = _compare(qtbot, window, worse, dataset)
    right = {str(c.path) for c in comparison.now_right}
    assert len(right) == comparison.images == 16  # every photo: the swapped model gets all wrong
    assert comparison.now_wrong == []
    assert comparison.accuracy_a == 0.0 and comparison.accuracy_b == 1.0
    assert set(view.now_right.paths()) == right and view.now_wrong.paths() == []
    assert view.changes.tabText(0) == "Now right (16)"
    assert "+100.0 points" in view.summary_label.text()
    rows = {
        view.class_table.item(r, 0).text(): [
            view.class_table.item(r, c).text() for c in range(1, 4)
        ]
        for r in range(view.class_table.rowCount())
    }
    assert rows["blue"][2] == "+100.0" and rows["red"][2] == "+100.0"
    # thumbnails come in, one cache with the rest of the tab
    qtbot.waitUntil(lambda: not tab.is_loading_thumbnails(), timeout=THREAD_TIMEOUT_MS)
    first = view.now_right.paths()[0]
    assert "file not found" not in view.now_right.item_for(first).text()
    assert "A: " in view.now_right.item_for(first).text()

    # the report of the current model holds the comparison
    assert tab.export_report(tmp_path / "report.html")
    qtbot.waitUntil(lambda: "report.html" in tab.message_bar.text(), timeout=THREAD_TIMEOUT_MS)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="comparison"' in page and "swapped" in page

    # back to the results
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is not view


def test_a_model_compared_with_itself_shows_no_changes(qtbot, window, classifier, dataset):
    session = window.session
    first = session.add_model(classifier, "colours")
    session.add_model(classifier, "colours again")
    window.results_tab.show_comparison(True)
    comparison = _compare(qtbot, window, first, dataset)
    view = window.results_tab.comparison
    assert comparison.unchanged
    assert view.now_right.paths() == [] and view.now_wrong.paths() == []
    assert "exactly the same photos" in view.note_label.text()


def test_the_compare_button_waits_for_a_second_model(window, classifier):
    tab = window.results_tab
    assert not tab.compare_button.isEnabled()
    window.session.add_model(classifier, "colours")
    assert not tab.compare_button.isEnabled()
    window.session.add_model(_swapped(classifier), "swapped")
    assert tab.compare_button.isEnabled()


def test_a_photo_whose_verdict_changed_can_be_moved_from_the_comparison(
    qtbot, window, classifier, dataset, tmp_path
):
    import shutil

    folder = tmp_path / "colours"
    shutil.copytree(dataset, folder)  # moves change the folder: a copy of the shared one
    session = window.session
    worse = session.add_model(_swapped(classifier), "swapped")
    session.add_model(classifier, "colours")
    window.results_tab.show_comparison(True)
    view = window.results_tab.comparison
    _compare(qtbot, window, worse, folder)
    assert view.now_right.move_classes == ["blue", "red"]  # the menu's "Move to class"

    photo = next(path for path in view.now_right.paths() if "/blue/" in path)
    view.now_right.moveRequested.emit(photo, "red")  # as the menu does
    moved = folder / "red" / Path(photo).name
    assert moved.exists() and not Path(photo).exists()
    assert "(moved to red)" in view.now_right.item_for(str(moved)).text()
    window.undo_move_action.trigger()
    assert Path(photo).exists() and not moved.exists()
    assert "moved" not in view.now_right.item_for(photo).text()
