"""The photo check in the Train tab, moving photos from it and from the Results tab, and Undo."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel

from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.imagegen import draw_photo, save_photo


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dataset(root: Path) -> Path:
    for c, name in enumerate(("red", "blue")):
        for i in range(10):
            save_photo(draw_photo(50 * c + i, (96, 72)), root / name / f"{name}_{i}.jpg")
    return root


def _checked(qtbot, window, folder: Path):
    panel = window.check_panel
    window.train_tab.set_folder(str(folder))
    qtbot.waitUntil(
        lambda: panel.check is not None and not panel.is_checking(), timeout=THREAD_TIMEOUT_MS
    )
    return panel


def _select(review, paths: list[Path]) -> None:
    review.tree.clearSelection()
    wanted = {str(p) for p in paths}
    for items in review._items.values():
        for item in items:
            if item.data(0, 0x0100) in wanted:
                review.tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.Select)


def test_a_clean_folder_is_checked_with_nothing_to_review(qtbot, window, tmp_path):
    panel = _checked(qtbot, window, _dataset(tmp_path / "clean"))
    assert not panel.check.found_something
    assert "20 photos checked" in panel.label.text()
    assert not panel.review_button.isEnabled()


def test_move_a_conflicting_photo_from_the_review_and_undo_it(qtbot, window, tmp_path):
    folder = _dataset(tmp_path / "colours")
    stray = Path(shutil.copy(folder / "red" / "red_3.jpg", folder / "blue" / "odd one.jpg"))
    original_bytes = _digest(stray)
    panel = _checked(qtbot, window, folder)
    assert [sorted(p.name for p in g) for g in panel.check.conflicts] == [
        ["odd one.jpg", "red_3.jpg"]
    ]
    assert "photo in two classes" in panel.label.text()
    assert panel.review_button.isEnabled()

    panel.review_button.click()
    review = panel.review
    assert review.isVisible()
    titles = [review.tree.topLevelItem(i).text(0) for i in range(review.tree.topLevelItemCount())]
    assert any(t.startswith("Same photo, different classes") for t in titles)
    _select(review, [stray])
    assert review.selected_paths() == [str(stray)]
    review.class_box.setCurrentText("red")
    assert review.move_button.isEnabled()
    review.move_button.click()

    moved = folder / "red" / "odd one.jpg"
    assert moved.exists() and not stray.exists()
    assert window.undo_move_action.isEnabled()
    assert window.undo_move_action.text() == "Undo move: 1 photo to red"
    # the folder is looked through and checked again: no conflict now, the copy remains
    qtbot.waitUntil(
        lambda: panel.check is not None and not panel.is_checking() and not panel.check.conflicts,
        timeout=THREAD_TIMEOUT_MS,
    )
    assert panel.check.exact_duplicates
    qtbot.waitUntil(lambda: window.training.scan is not None, timeout=THREAD_TIMEOUT_MS)
    assert window.training.scan.counts() == {"blue": 10, "red": 11}

    window.undo_move_action.trigger()
    assert stray.exists() and not moved.exists()
    assert _digest(stray) == original_bytes
    assert not window.undo_move_action.isEnabled()
    qtbot.waitUntil(
        lambda: panel.check is not None and not panel.is_checking() and bool(panel.check.conflicts),
        timeout=THREAD_TIMEOUT_MS,
    )
    review.close()


def test_exclude_from_the_review_moves_beside_the_dataset(qtbot, window, tmp_path):
    folder = _dataset(tmp_path / "colours")
    copy = Path(shutil.copy(folder / "blue" / "blue_1.jpg", folder / "blue" / "again.jpg"))
    panel = _checked(qtbot, window, folder)
    panel.open_review()
    _select(panel.review, [copy])
    panel.review.exclude_button.click()
    assert (tmp_path / "colours (excluded)" / "blue" / "again.jpg").exists()
    assert not copy.exists()
    panel.review.close()


def test_a_move_that_fails_says_why_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    from flowerclf.core import photo_moves

    folder = _dataset(tmp_path / "colours")
    copy = Path(shutil.copy(folder / "blue" / "blue_1.jpg", folder / "red" / "blue.jpg"))
    panel = _checked(qtbot, window, folder)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.jpg"))

    def refused(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(photo_moves, "_move_file", refused)
    panel.open_review()
    _select(panel.review, [copy])
    panel.review.move_button.click()
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.jpg")) == before
    shown = panel.review.problem.text()
    assert panel.review.problem.isVisibleTo(panel.review)
    assert "Nothing was moved" in shown and "Errno" not in shown
    assert window.message_bar.kind == "error"
    assert not window.undo_move_action.isEnabled()
    panel.review.close()


def test_a_photo_to_review_can_be_moved_from_the_results_tab(qtbot, ready_window, tmp_path):
    from flowerclf.core.evaluation import Evaluation, ReviewItem
    from flowerclf.gui.session import ShownEvaluation

    folder = _dataset(tmp_path / "colours")
    wrong = folder / "blue" / "blue_4.jpg"
    evaluation = Evaluation.from_items(
        [
            ReviewItem(wrong, "blue", "red", 0.95, 0.05),
            ReviewItem(folder / "red" / "red_0.jpg", "red", "red", 0.9, 0.9),
        ],
        ["blue", "red"],
    )
    window = ready_window
    window.session.set_evaluation(window.session.current, ShownEvaluation(evaluation, "colours"))
    images = window.results_tab.images
    assert images.review_list.move_classes == ["blue", "red"]
    menu = images.review_list.context_menu(str(wrong))
    move_to = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert [a.text() for a in move_to.actions()] == ["red"]  # not its own class, blue

    assert images.move_photo(str(wrong), "red")
    moved = folder / "red" / "blue_4.jpg"
    assert moved.exists() and not wrong.exists()
    # The row follows the photo: its note says so, and it opens from where it is now.
    assert images.review_list.item_for(str(wrong)) is None
    row = images.review_list.item_for(str(moved))
    assert "moved to red" in row.text(5) and str(moved) in row.toolTip(1)
    assert images.open_in_predict(str(moved))
    assert window.undo_move_action.isEnabled()
    window.undo_move_action.trigger()
    assert wrong.exists()
    assert images.review_list.item_for(str(wrong)).text(5) == "mistake"  # as it was

    assert images.move_photo(str(wrong), "")
    assert (tmp_path / "colours (excluded)" / "blue" / "blue_4.jpg").exists()


def test_the_check_counts_the_photos_the_train_tab_counts(qtbot, window, tmp_path):
    from tests.imagegen import truncate_file

    folder = _dataset(tmp_path / "with-a-broken-one")
    truncate_file(next((folder / "blue").iterdir()))
    panel = _checked(qtbot, window, folder)
    total = len(window.train_tab.run.scan.samples)  # what the Train tab says it holds
    assert f"{total} photos checked" in panel.label.text()
    assert "1 file that cannot be read" in panel.label.text()
