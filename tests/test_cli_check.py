"""``flowerclf check``: exit statuses, the JSON object, undoing recorded moves."""

from __future__ import annotations

import json
import shutil

from flowerclf.cli import main
from flowerclf.core.photo_moves import move_photos
from tests.imagegen import draw_photo, save_photo

KEYS = {
    "classes",
    "exact_duplicates",
    "near_duplicates",
    "conflicts",
    "leaks",
    "unreadable",
    "small",
    "few",
    "imbalance",
}


def _dataset(root):
    for c, name in enumerate(("cats", "dogs")):
        for i in range(10):
            save_photo(draw_photo(100 * c + i, (96, 80)), root / name / f"{i}.jpg")
    return root


def test_clean_folder_exits_0(tmp_path, capsys):
    root = _dataset(tmp_path / "pets")
    assert main(["check", str(root), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == KEYS
    assert found["classes"] == {"cats": 10, "dogs": 10}
    assert found["imbalance"] == 1.0


def test_findings_exit_1_with_paths_as_given(tmp_path, capsys, monkeypatch):
    root = _dataset(tmp_path / "pets")
    shutil.copy(root / "cats" / "3.jpg", root / "dogs" / "cat.jpg")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "pets", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert found["exact_duplicates"] == [["pets/cats/3.jpg", "pets/dogs/cat.jpg"]]
    assert found["conflicts"] == [["pets/cats/3.jpg", "pets/dogs/cat.jpg"]]
    assert main(["check", "pets"]) == 1
    table = capsys.readouterr().out
    assert "Label conflicts (1)" in table and "pets/dogs/cat.jpg  [dogs]" in table


def test_bad_input_exits_2_with_one_plain_line(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("flowerclf: ") and "does not exist" in err[-1]
    save_photo(draw_photo(1), tmp_path / "one" / "only" / "a.jpg")
    assert main(["check", str(tmp_path / "one")]) == 2
    assert "two classes" in capsys.readouterr().err


def test_undo_moves_puts_every_photo_back(tmp_path, capsys):
    root = _dataset(tmp_path / "pets")
    before = sorted(p.relative_to(root) for p in root.rglob("*.jpg"))
    move_photos(root, [root / "cats" / "1.jpg", root / "cats" / "2.jpg"], "dogs")
    move_photos(root, [root / "dogs" / "5.jpg"], None)
    assert main(["check", str(root), "--undo-moves"]) == 0
    assert "Moved 3 photos back (2 moves undone)." in capsys.readouterr().out
    assert sorted(p.relative_to(root) for p in root.rglob("*.jpg")) == before
    assert main(["check", str(root), "--undo-moves"]) == 0
    assert "No recorded moves" in capsys.readouterr().out
