"""The dataset check: planted problems are found, distinct photos raise nothing."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3

import pytest
from PIL import Image, ImageEnhance

from flowerclf.core import check_cache
from flowerclf.core.check_cache import CheckCache
from flowerclf.core.dataset_check import check_dataset
from flowerclf.core.errors import DatasetError
from flowerclf.core.events import StopRequest
from flowerclf.core.near_duplicates import (
    colours,
    near_duplicate_pairs,
    same_photo,
    same_photo_scores,
    thumbnail,
)
from tests.imagegen import draw_flower, draw_photo, save_photo, truncate_file


def _clean_dataset(root, classes=("daisy", "roses", "tulips"), per_class=12, seed=0):
    for c, name in enumerate(classes):
        for i in range(per_class):
            save_photo(draw_photo(seed + 1000 * c + i), root / name / f"{name}_{i:02d}.jpg")
    return root


def _cropped(img: Image.Image, left=0.0, top=0.0, right=0.0, bottom=0.0) -> Image.Image:
    w, h = img.size
    return img.crop((int(w * left), int(h * top), w - int(w * right), h - int(h * bottom)))


def test_distinct_photos_raise_nothing(tmp_path):
    root = _clean_dataset(tmp_path / "flowers")
    check = check_dataset(root)
    assert check.classes == {"daisy": 12, "roses": 12, "tulips": 12}
    assert not check.found_something, check.to_json()
    assert check.imbalance == 1.0


def test_planted_problems_are_found(tmp_path):
    root = _clean_dataset(tmp_path / "flowers")
    original = Image.open(root / "daisy" / "daisy_00.jpg")
    # exact copy under another name, same class
    shutil.copy(root / "daisy" / "daisy_01.jpg", root / "daisy" / "copy of daisy.jpg")
    # near duplicates: resized and recompressed; borders cropped by a few percent
    save_photo(original.resize((120, 90)), root / "daisy" / "small daisy.jpg", quality=50)
    save_photo(_cropped(original, 0.04, 0.03, 0.05, 0.02), root / "daisy" / "crop.jpg")
    # the same photo (cropped and brighter) in another class: a label conflict
    rose = Image.open(root / "roses" / "roses_03.jpg")
    brighter = ImageEnhance.Brightness(_cropped(rose, left=0.07)).enhance(1.1)
    save_photo(brighter, root / "tulips" / "not a tulip.jpg")
    # unreadable and small
    truncate_file(shutil.copy(root / "roses" / "roses_04.jpg", root / "roses" / "cut.jpg"), 0.3)
    (root / "roses" / "empty.jpg").write_bytes(b"")
    save_photo(draw_photo(77, (60, 40)), root / "tulips" / "tiny.png")

    check = check_dataset(root)
    found = check.to_json()

    assert found["exact_duplicates"] == [
        [str(root / "daisy" / "copy of daisy.jpg"), str(root / "daisy" / "daisy_01.jpg")]
    ]
    near = [sorted(p.rsplit("/", 1)[1] for p in group) for group in found["near_duplicates"]]
    assert sorted(near) == [
        ["crop.jpg", "daisy_00.jpg", "small daisy.jpg"],
        ["not a tulip.jpg", "roses_03.jpg"],
    ]
    conflicts = [sorted(p.rsplit("/", 1)[1] for p in group) for group in found["conflicts"]]
    assert conflicts == [["not a tulip.jpg", "roses_03.jpg"]]
    assert found["leaks"] == []
    unreadable = {item["path"].rsplit("/", 1)[1]: item["reason"] for item in found["unreadable"]}
    assert set(unreadable) == {"cut.jpg", "empty.jpg"}
    assert unreadable["empty.jpg"] == "the file is empty"
    assert found["small"] == [str(root / "tulips" / "tiny.png")]
    assert found["few"] == []
    assert json.loads(json.dumps(found)) == found


def test_leak_between_train_and_val_is_found(tmp_path):
    root = tmp_path / "split"
    for part in ("train", "val"):
        _clean_dataset(root / part, per_class=10, seed=0 if part == "train" else 500)
    leaked = Image.open(root / "train" / "roses" / "roses_02.jpg")
    save_photo(leaked.resize((200, 150)), root / "val" / "roses" / "again.jpg", quality=70)
    shutil.copy(root / "train" / "daisy" / "daisy_05.jpg", root / "val" / "tulips" / "x.jpg")

    check = check_dataset(root)
    leaks = sorted(sorted(str(p.relative_to(root)) for p in group) for group in check.leaks)
    assert leaks == [
        ["train/daisy/daisy_05.jpg", "val/tulips/x.jpg"],
        ["train/roses/roses_02.jpg", "val/roses/again.jpg"],
    ]
    # the daisy copied into val/tulips is also a label conflict; the roses copy is not
    assert [sorted(p.name for p in g) for g in check.conflicts] == [["daisy_05.jpg", "x.jpg"]]
    assert check.classes == {"daisy": 20, "roses": 21, "tulips": 21}


def test_few_photos_and_imbalance(tmp_path):
    root = tmp_path / "uneven"
    for i in range(60):
        save_photo(draw_photo(i, (80, 64)), root / "many" / f"{i}.jpg")
    for i in range(6):
        save_photo(draw_photo(900 + i, (80, 64)), root / "some" / f"{i}.jpg")
    (root / "none").mkdir()
    (root / "none" / "notes.txt").write_text("not a photo")
    check = check_dataset(root)
    assert check.few == ["none", "some"]
    assert check.imbalance is None  # a class with no photo: no ratio to give
    shutil.rmtree(root / "none")
    check = check_dataset(root)
    assert check.imbalance == 10.0 and check.imbalanced


@pytest.mark.parametrize("layout", ["missing", "file", "one class", "no classes"])
def test_bad_folders_are_refused_plainly(tmp_path, layout):
    root = tmp_path / "data"
    if layout == "file":
        root.write_text("x")
    elif layout == "one class":
        save_photo(draw_photo(1), root / "only" / "a.jpg")
    elif layout == "no classes":
        save_photo(draw_photo(1), root / "a.jpg")
    with pytest.raises(DatasetError) as caught:
        check_dataset(root)
    assert str(root) in str(caught.value) or "class" in str(caught.value)


def test_second_check_reads_nothing(tmp_path, monkeypatch):
    root = _clean_dataset(tmp_path / "flowers", per_class=10)
    first = check_dataset(root)
    reads = []
    monkeypatch.setattr(
        "flowerclf.core.dataset_check._read", lambda path: reads.append(path) or 1 / 0
    )
    second = check_dataset(root)
    assert reads == []
    assert second.to_json() == first.to_json()


def test_cache_follows_content_not_names(tmp_path, monkeypatch):
    root = _clean_dataset(tmp_path / "flowers", per_class=10)
    check_dataset(root)
    (root / "daisy" / "daisy_00.jpg").rename(root / "daisy" / "renamed.jpg")
    changed = root / "roses" / "roses_00.jpg"
    save_photo(draw_photo(4242), changed)
    read = []
    real_read = __import__("flowerclf.core.dataset_check", fromlist=["_read"])._read
    monkeypatch.setattr(
        "flowerclf.core.dataset_check._read", lambda path: read.append(path.name) or real_read(path)
    )
    check = check_dataset(root)
    # the renamed file is read again (new path) but the changed one must be
    assert "roses_00.jpg" in read
    assert not check.found_something


def test_unusable_cache_does_not_stop_the_check(tmp_path, monkeypatch):
    bad = tmp_path / "cache-is-a-folder"
    (bad / "check-cache.sqlite").mkdir(parents=True)
    monkeypatch.setattr(check_cache, "default_cache_path", lambda: bad / "check-cache.sqlite")
    root = _clean_dataset(tmp_path / "flowers", per_class=10)
    assert not check_dataset(root).found_something


def test_damaged_cache_entries_are_recomputed(tmp_path):
    root = _clean_dataset(tmp_path / "flowers", per_class=10)
    cache_file = tmp_path / "cache.sqlite"
    with CheckCache(cache_file) as cache:
        check_dataset(root, cache=cache)
    db = sqlite3.connect(cache_file)
    db.execute("UPDATE prints SET thumb = x'00'")
    db.commit()
    db.close()
    with CheckCache(cache_file) as cache:
        assert not check_dataset(root, cache=cache).found_something


def test_a_stopped_check_says_it_is_partial(tmp_path):
    root = _clean_dataset(tmp_path / "flowers", per_class=40)
    stop = StopRequest()
    stop.request()
    check = check_dataset(root, stop=stop)
    assert not check.complete


def test_near_duplicate_scores_separate_copies_from_look_alikes():
    photos = [draw_photo(seed, (200, 150)) for seed in range(40)]
    assert near_duplicate_pairs([thumbnail(p) for p in photos], [colours(p) for p in photos]) == []
    base = photos[0]
    for edited in (
        base.resize((100, 75)),
        _cropped(base, 0.05, 0.05, 0.05, 0.05),
        _cropped(base, left=0.08),
        _cropped(base, top=0.03).resize((160, 110)),
    ):
        assert same_photo(base, edited), same_photo_scores(base, edited)
    scores = [same_photo_scores(base, p)[0] for p in photos[1:]]
    assert max(scores) < 0.6
    flat = Image.new("RGB", (64, 64), (128, 128, 128))
    assert not same_photo(flat, photos[1])


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def test_smooth_drawings_alike_are_not_near_duplicates_but_their_copies_are():
    # One daisy, centred, on a blurred green: the same kind of picture over and
    # over. The pair 18 and 24 once scored 0.934 on grey alone, above the threshold.
    drawings = [draw_flower("daisy", seed) for seed in range(30)]
    assert (
        near_duplicate_pairs([thumbnail(d) for d in drawings], [colours(d) for d in drawings]) == []
    )
    assert not same_photo(drawings[18], drawings[24])
    for original in (drawings[18], drawings[24], drawings[5]):
        w, h = original.size
        for edited in (
            _jpeg(original.resize((w // 2, h // 2)), 40),
            _jpeg(_cropped(original, 0.05, 0.05, 0.05, 0.05), 85),
            _jpeg(_cropped(original, left=0.08), 85),
            _jpeg(_cropped(original, bottom=0.08), 85),
        ):
            assert same_photo(original, edited), same_photo_scores(original, edited)


def test_photos_moved_between_classes_are_not_compared_again(tmp_path, monkeypatch):
    root = _clean_dataset(tmp_path / "flowers", per_class=10)
    save_photo(
        Image.open(root / "daisy" / "daisy_02.jpg").resize((120, 90)), root / "roses" / "odd.jpg"
    )
    first = check_dataset(root)
    assert len(first.conflicts) == 1

    def compared(*args):
        raise AssertionError("the same photos were compared again")

    monkeypatch.setattr("flowerclf.core.dataset_check.near_duplicate_pairs", compared)
    (root / "roses" / "odd.jpg").rename(root / "daisy" / "odd.jpg")
    second = check_dataset(root)
    assert second.conflicts == [] and len(second.near_duplicates) == 1
