"""The Results tab: confusion matrix, click-through to images, review list, evaluation, report."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.gui.helpers import COLOURS


def _wait_thumbnails(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab.is_loading_thumbnails(), timeout=THREAD_TIMEOUT_MS)


def _click_cell(qtbot, matrix, row: int, column: int) -> None:
    from PySide6.QtCore import Qt

    table = matrix.table
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def show(window, evaluation) -> None:
    """Show ``evaluation`` as the current model's, as an evaluation on a folder would."""
    from flowerclf.gui.session import ShownEvaluation

    window.session.set_evaluation(
        window.session.current, ShownEvaluation(evaluation, "a made-up set")
    )


def _made_up_evaluation(dataset: Path, tmp_path: Path):
    """Two real images taken for the other class, one right, and one whose file is gone."""
    from flowerclf.core.evaluation import Evaluation, ReviewItem

    blue = sorted((dataset / "blue").iterdir())
    red = sorted((dataset / "red").iterdir())
    items = [
        ReviewItem(blue[0], "blue", "red", 0.91, 0.09),
        ReviewItem(blue[1], "blue", "red", 0.62, 0.38),
        ReviewItem(tmp_path / "gone" / "blue_9.png", "blue", "red", 0.75, 0.25),
        ReviewItem(red[0], "red", "red", 0.97, 0.97),
        ReviewItem(blue[2], "blue", "blue", 0.55, 0.55),
    ]
    return Evaluation.from_items(items, ["blue", "red"])


def test_results_follow_a_training_run(qtbot, window, training_result):
    evaluation = training_result.evaluation
    assert evaluation is not None and evaluation.total > 0
    window.session.add_trained(training_result)

    tab = window.results_tab
    assert tab.evaluation is evaluation
    assert tab.pages.currentIndex() == 1
    assert tab.matrix.classes() == list(COLOURS)
    assert np.array_equal(tab.matrix.counts(), evaluation.confusion)
    assert tab.accuracy_label.text().startswith("Accuracy ")
    assert "validation images" in tab.summary_label.text()
    # Per-class table: one row per class and the average.
    table = tab.metrics_table
    assert table.rowCount() == len(COLOURS) + 1
    for row, name in enumerate(evaluation.classes):
        assert table.item(row, 0).text() == name
        assert table.item(row, 4).text() == str(evaluation.per_class[name].support)
    assert tab.review_list.paths() == [str(item.path) for item in evaluation.review]
    _wait_thumbnails(qtbot, tab)


def test_a_model_file_shows_its_stored_evaluation(qtbot, window, model_file):
    from flowerclf.core.evaluation import Evaluation
    from flowerclf.core.modelfile import read_model_info

    window.session.open_model(model_file)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
    tab = window.results_tab
    assert tab.evaluation is not None
    expected = Evaluation.from_json_dict(read_model_info(model_file)["evaluation"])
    assert np.array_equal(tab.matrix.counts(), expected.confusion)
    assert "stored" in tab.summary_label.text()
    _wait_thumbnails(qtbot, tab)


def test_clicking_a_cell_lists_exactly_its_images(qtbot, ready_window, dataset, tmp_path):
    tab = ready_window.results_tab
    evaluation = _made_up_evaluation(dataset, tmp_path)
    show(ready_window, evaluation)
    assert tab.matrix.count(0, 1) == 3 and tab.matrix.count(1, 1) == 1

    _click_cell(qtbot, tab.matrix, 0, 1)  # blue taken for red
    assert tab.cell() == (0, 1)
    expected = [str(item.path) for item in evaluation.cell_items("blue", "red")]
    assert tab.cell_images.paths() == expected
    assert tab.images.currentIndex() == tab.images.cell_page_index
    assert "blue" in tab.images.cell_label.text() and "red" in tab.images.cell_label.text()
    _wait_thumbnails(qtbot, tab)
    # Real files get their thumbnail; the missing one keeps its row, with a note.
    gone = str(tmp_path / "gone" / "blue_9.png")
    assert gone in expected
    assert "file not found" in tab.cell_images.item_for(gone).text()
    assert "file not found" not in tab.cell_images.item_for(expected[0]).text()

    _click_cell(qtbot, tab.matrix, 1, 1)
    assert tab.cell_images.paths() == [str(evaluation.cell_items(1, 1)[0].path)]
    _click_cell(qtbot, tab.matrix, 1, 0)  # an empty cell
    assert tab.cell_images.paths() == []
    _wait_thumbnails(qtbot, tab)

    # The review list keeps every image, worst first, missing file noted too.
    assert tab.review_list.paths() == [str(item.path) for item in evaluation.review]
    assert "file not found" in tab.review_list.item_for(gone).text(5)


def test_double_clicking_an_image_classifies_it_in_predict(qtbot, ready_window, dataset, tmp_path):
    from PySide6.QtCore import Qt

    tab = ready_window.results_tab
    evaluation = _made_up_evaluation(dataset, tmp_path)
    ready_window.tabs.setCurrentWidget(tab)
    show(ready_window, evaluation)
    tab.matrix.select_cell(0, 1)
    path = tab.cell_images.paths()[0]
    item = tab.cell_images.item_for(path)
    qtbot.waitUntil(lambda: not tab.cell_images.visualItemRect(item).isEmpty())
    centre = tab.cell_images.visualItemRect(item).center()
    viewport = tab.cell_images.viewport()
    # A real double-click: a click, then the second press that Qt reports as a double-click.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)

    predict = ready_window.predict_tab
    assert ready_window.tabs.currentWidget() is predict
    qtbot.waitUntil(
        lambda: predict.current_row() is not None and predict.current_row().prediction is not None,
        timeout=THREAD_TIMEOUT_MS,
    )
    assert predict.current_row().path == path
    qtbot.waitUntil(lambda: not predict.predictions.is_busy(), timeout=THREAD_TIMEOUT_MS)

    # A file that is gone is not sent to Predict; the tab says why.
    ready_window.tabs.setCurrentWidget(tab)
    assert not tab.images.open_in_predict(str(tmp_path / "gone" / "blue_9.png"))
    assert ready_window.tabs.currentWidget() is tab
    assert "file not found" in tab.message_bar.text()
    _wait_thumbnails(qtbot, tab)


def test_show_in_folder_opens_the_parent_folder(
    qtbot, ready_window, dataset, tmp_path, monkeypatch
):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    tab = ready_window.results_tab
    show(ready_window, _made_up_evaluation(dataset, tmp_path))
    first = tab.review_list.topLevelItem(0)
    tab.review_list.setCurrentItem(first)
    assert tab.images.folder_button.isEnabled()
    tab.images.folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(dataset / "blue")]
    assert not tab.images.show_in_folder(str(tmp_path / "gone" / "blue_9.png"))
    assert len(opened) == 1
    _wait_thumbnails(qtbot, tab)


def test_evaluating_on_a_folder_updates_the_view(qtbot, ready_window, dataset):
    tab = ready_window.results_tab
    ready_window.tabs.setCurrentWidget(tab)
    assert tab.evaluate_button.isEnabled()
    assert tab.evaluate_folder(dataset)
    assert tab.progress.isVisible() and tab.stop_button.isVisible()
    assert not tab.evaluate_folder(dataset)  # one at a time: a second click is refused
    qtbot.waitUntil(lambda: not tab.is_evaluating(), timeout=THREAD_TIMEOUT_MS)
    assert not tab.is_evaluating() and not tab.progress.isVisible()
    evaluation = tab.evaluation
    assert evaluation.total == 2 * 8  # every image of the folder
    assert int(tab.matrix.counts().sum()) == 16
    assert np.array_equal(tab.matrix.counts(), evaluation.confusion)
    assert str(dataset) in tab.summary_label.text()
    _wait_thumbnails(qtbot, tab)


def test_evaluating_a_folder_the_model_does_not_know_says_so(qtbot, ready_window, tmp_path):
    from tests.gui.helpers import make_photo

    pets = tmp_path / "pets"
    make_photo(pets / "cats" / "a.png", (10, 200, 10), seed=1)
    make_photo(pets / "dogs" / "b.png", (10, 200, 10), seed=2)
    tab = ready_window.results_tab
    ready_window.tabs.setCurrentWidget(tab)
    assert tab.evaluate_folder(pets)
    qtbot.waitUntil(lambda: not tab.is_evaluating(), timeout=THREAD_TIMEOUT_MS)
    assert tab.message_bar.isVisible()
    assert "model knows" in tab.message_bar.text()
    assert "stored" in tab.summary_label.text()  # the evaluation shown before stays
    assert tab.evaluate_button.isEnabled()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)
        if tag not in {"meta", "img", "br", "link", "input", "hr", "col"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()


@pytest.mark.parametrize("after_training", [True, False])
def test_export_report_writes_valid_html(
    qtbot, window, classifier, training_result, tmp_path, after_training
):
    if after_training:
        window.session.add_trained(training_result)
    else:
        window.session.add_model(classifier, "colours")
    assert window.export_report_action.isEnabled()
    assert window.results_tab.export_report(tmp_path / "report")
    qtbot.waitUntil(
        lambda: "report.html" in window.results_tab.message_bar.text(), timeout=THREAD_TIMEOUT_MS
    )
    written = tmp_path / "report.html"
    text = written.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    parser = _Parser()
    parser.feed(text)
    parser.close()
    assert parser.open == []
    assert {"html", "table"} <= parser.seen
    assert "Confusion" in text
    assert "report.html" in window.results_tab.message_bar.text()


def test_thumbnails_arriving_after_the_list_emptied_are_dropped(qtbot, window, classifier):
    """A model without an evaluation right after one with: its late thumbnails find no row."""
    from flowerclf.core.predict import Classifier

    tab = window.results_tab
    window.session.add_model(classifier, "colours")
    assert tab.review_list.paths()  # the stored evaluation's images, thumbnails on their way
    bare = Classifier(classifier.network, classifier.arch, classifier.classes, image_size=32)
    window.session.add_model(bare, "no evaluation")
    assert tab.review_list.paths() == []
    _wait_thumbnails(qtbot, tab)  # a row left behind would raise here, in the thumbnail slot
    assert (
        tab.review_list.item_for(str(classifier.metadata["evaluation"]["review"][0]["path"]))
        is None
    )


def test_tab_walks_out_of_the_confusion_matrix_both_ways(qtbot, window, training_result):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.session.add_trained(training_result)
    window.tabs.setCurrentWidget(window.results_tab)
    table = window.results_tab.matrix.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # on to the next control, not the next cell
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not table.hasFocus()
