"""Dataset scanning, the split, safe image loading and transforms."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from flowerclf.core import data
from flowerclf.core.data import (
    IMAGE_EXTENSIONS,
    DatasetScan,
    Sample,
    eval_transform,
    find_images,
    load_image,
    resize_size,
    scan_dataset,
    split_samples,
    train_transform,
)
from flowerclf.core.errors import DatasetError, FlowerclfError, ImageLoadError
from tests.imagegen import (
    color_for,
    image_bytes,
    make_dataset,
    make_image,
    truncate_file,
)

# ---------------------------------------------------------------------------
# Scanning


@pytest.fixture
def messy_dataset(tmp_path: Path) -> Path:
    root = make_dataset(tmp_path / "flowers", {"red": 3, "blue": 2, "玫瑰": 2}, size=(32, 32))
    make_image(root / "blue" / "BIG.JPG", "blue", (40, 30))  # upper-case extension
    make_image(root / "red" / "nested" / "deep.png", "red", (32, 32))  # recursive
    make_image(root / "red" / ".hidden.jpg", "red")  # hidden file
    make_image(root / "red" / ".cache" / "thumb.jpg", "red")  # hidden folder
    make_image(root / ".trash" / "x.jpg", "red")  # hidden class folder
    (root / "red" / "notes.txt").write_text("picked in May")
    (root / "red" / "empty.jpg").write_bytes(b"")
    (root / "blue" / "corrupt.png").write_text("this is not a png")
    (root / "README.md").write_text("stray file in the root")
    return root


def test_scan_flat_dataset(messy_dataset: Path) -> None:
    scan = scan_dataset(messy_dataset)

    assert scan.root == messy_dataset
    assert scan.classes == ["blue", "red", "玫瑰"]
    assert scan.counts() == {"blue": 3, "red": 4, "玫瑰": 2}
    assert scan.presplit is None
    names = {s.path.name for s in scan.samples}
    assert {"BIG.JPG", "deep.png"} <= names
    assert not any(name.startswith(".") or "thumb" in name for name in names)
    for sample in scan.samples:
        assert sample.path.relative_to(messy_dataset).parts[0] == scan.classes[sample.label]

    reasons = {s.path.relative_to(messy_dataset).as_posix(): s.reason for s in scan.skipped}
    assert reasons["red/notes.txt"] == "not an image file (.txt)"
    assert reasons["red/empty.jpg"] == "the file is empty"
    assert reasons["blue/corrupt.png"] == "not an image or damaged"
    assert "README.md" in reasons
    assert not any(".hidden" in key or ".cache" in key or ".trash" in key for key in reasons)

    summary = scan.summary()
    assert str(messy_dataset) in summary
    assert "3 classes" in summary
    assert "Total: 9 images" in summary
    assert "Skipped 4 files:" in summary
    assert "red/notes.txt: not an image file (.txt)" in summary.replace("\\", "/")
    assert any(line.split() == ["玫瑰", "2"] for line in summary.splitlines())


def test_scan_without_image_check_keeps_undecodable_files(messy_dataset: Path) -> None:
    scan = scan_dataset(messy_dataset, check_images=False)

    assert scan.counts()["blue"] == 4  # corrupt.png is not opened, so it counts
    reasons = {s.path.name: s.reason for s in scan.skipped}
    assert reasons["empty.jpg"] == "the file is empty"
    assert "corrupt.png" not in reasons


def test_scan_presplit_layout(tmp_path: Path) -> None:
    root = make_dataset(
        tmp_path / "ds",
        {"red": 4, "blue": 3, "green": 2},
        size=(24, 24),
        layout="presplit",
        val_counts={"red": 2, "blue": 1},  # green has no validation images: fine
    )
    scan = scan_dataset(root)

    assert scan.classes == ["blue", "green", "red"]
    assert scan.presplit is not None
    train, val = scan.presplit
    assert len(train) == 9 and len(val) == 3
    assert scan.samples == train + val
    assert scan.counts() == {"blue": 4, "green": 2, "red": 6}
    assert all(s.path.relative_to(root).parts[0] == "train" for s in train)
    assert all(s.path.relative_to(root).parts[0] == "val" for s in val)
    assert sorted(scan.classes[s.label] for s in val) == ["blue", "red", "red"]
    summary = scan.summary()
    assert "Split: 9 for training, 3 for validation" in summary
    assert "(train 2, val 0)" in summary


def _error_message(root: Path) -> str:
    with pytest.raises(DatasetError) as info:
        scan_dataset(root)
    message = str(info.value)
    assert isinstance(info.value, FlowerclfError)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_scan_errors(tmp_path: Path) -> None:
    assert "does not exist" in _error_message(tmp_path / "nowhere")

    a_file = tmp_path / "photo.jpg"
    make_image(a_file)
    assert "not a folder" in _error_message(a_file)

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "loose.jpg").write_bytes(image_bytes())
    assert "no class subfolders" in _error_message(empty)

    one = make_dataset(tmp_path / "one", {"roses": 2})
    assert "needs at least two classes, found one: 'roses'" in _error_message(one)

    no_images = make_dataset(tmp_path / "noimg", {"daisy": 2, "tulips": 0})
    (no_images / "tulips").mkdir(exist_ok=True)
    (no_images / "tulips" / "list.txt").write_text("x")
    message = _error_message(no_images)
    assert "'tulips'" in message and "no usable images" in message and "daisy" not in message

    two_empty = make_dataset(tmp_path / "twoempty", {"daisy": 2})
    for name in ("a", "b"):
        (two_empty / name).mkdir()
        (two_empty / name / "broken.jpg").write_text("not an image")
    assert "'a', 'b'" in _error_message(two_empty)

    presplit = make_dataset(tmp_path / "ps", {"red": 2, "blue": 2}, layout="presplit")
    make_image(presplit / "val" / "green" / "g.jpg", "green")
    assert "'green'" in _error_message(presplit)


def test_scan_errors_carry_their_kind_and_details(tmp_path: Path) -> None:
    def error(root: Path) -> DatasetError:
        with pytest.raises(DatasetError) as info:
            scan_dataset(root)
        return info.value

    missing = error(tmp_path / "nowhere")
    assert (missing.kind, missing.details) == (
        "dataset_missing",
        {"path": str(tmp_path / "nowhere")},
    )
    a_file = make_image(tmp_path / "photo.jpg")
    assert error(a_file).kind == "dataset_not_folder"
    (tmp_path / "empty").mkdir()
    assert error(tmp_path / "empty").kind == "no_class_folders"
    one = make_dataset(tmp_path / "one", {"roses": 2})
    assert (error(one).kind, error(one).details["classes"]) == ("too_few_classes", ["roses"])
    presplit = make_dataset(tmp_path / "ps", {"red": 2, "blue": 2}, layout="presplit")
    make_image(presplit / "val" / "green" / "g.jpg", "green")
    empty = error(presplit)
    assert empty.kind == "empty_class"
    assert (empty.details["classes"], empty.details["split"]) == (["green"], "train")


# ---------------------------------------------------------------------------
# Split


def _samples(counts: dict[int, int]) -> list[Sample]:
    return [
        Sample(Path(f"c{label}") / f"{i:03d}.jpg", label)
        for label, n in counts.items()
        for i in range(n)
    ]


def test_split_is_stratified_with_one_validation_image_per_class() -> None:
    samples = _samples({0: 20, 1: 10, 2: 2, 3: 1, 4: 36})
    train, val = split_samples(samples, val_fraction=0.1, seed=0)

    def per_class(items: list[Sample]) -> dict[int, int]:
        return {label: sum(s.label == label for s in items) for label in range(5)}

    assert per_class(val) == {0: 2, 1: 1, 2: 1, 3: 0, 4: 4}
    assert all(n >= 1 for n in per_class(train).values())
    assert set(train).isdisjoint(val) and set(train) | set(val) == set(samples)
    assert train == sorted(train, key=lambda s: (s.label, str(s.path)))
    assert val == sorted(val, key=lambda s: (s.label, str(s.path)))

    big = split_samples(_samples({0: 10, 1: 10}), val_fraction=0.5)[1]
    assert len(big) == 10


def test_split_is_repeatable_and_seeded() -> None:
    samples = _samples({0: 30, 1: 30})
    first = split_samples(samples, seed=7)
    assert split_samples(samples, seed=7) == first
    assert split_samples(list(reversed(samples)), seed=7) == first  # order of input does not matter
    assert split_samples(samples, seed=8)[1] != first[1]


def test_split_edge_cases() -> None:
    samples = _samples({0: 5, 1: 5})
    train, val = split_samples(samples, val_fraction=0.0)
    assert val == [] and len(train) == 10
    with pytest.raises(ValueError):
        split_samples(samples, val_fraction=1.0)
    assert split_samples([], seed=1) == ([], [])


# ---------------------------------------------------------------------------
# Loading


def test_load_image_applies_exif_orientation(tmp_path: Path) -> None:
    img = Image.new("RGB", (60, 40), (255, 255, 255))
    ImageDraw.Draw(img).rectangle((0, 0, 11, 11), fill=(255, 0, 0))  # stored top-left
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: display rotated 90 degrees clockwise
    path = tmp_path / "rotated.jpg"
    img.save(path, exif=exif, quality=95)

    loaded = load_image(path)

    assert loaded.mode == "RGB"
    assert loaded.size == (40, 60)
    r, g, b = loaded.getpixel((40 - 4, 4))  # the marked corner is now top-right
    assert r > 200 and g < 60 and b < 60
    assert loaded.getpixel((4, 4)) == pytest.approx((255, 255, 255), abs=20)


def test_load_image_palette_with_transparency_is_on_white(tmp_path: Path) -> None:
    img = Image.new("P", (8, 8), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0, 0, 0] * 254)
    ImageDraw.Draw(img).rectangle((4, 0, 7, 7), fill=1)
    path = tmp_path / "palette.png"
    img.save(path, transparency=0)

    loaded = load_image(path)

    assert loaded.mode == "RGB"
    assert loaded.getpixel((1, 1)) == (255, 255, 255)  # transparent black -> white
    assert loaded.getpixel((6, 6)) == (255, 0, 0)


def test_load_image_rgba_and_la_are_composited_on_white(tmp_path: Path) -> None:
    array = np.zeros((4, 6, 4), dtype=np.uint8)
    array[:, :2] = (255, 0, 0, 0)  # fully transparent red
    array[:, 2:4] = (0, 0, 255, 255)  # opaque blue
    array[:, 4:] = (0, 0, 0, 128)  # half-transparent black
    path = tmp_path / "rgba.png"
    Image.fromarray(array, "RGBA").save(path)

    loaded = load_image(path)

    assert loaded.getpixel((0, 0)) == (255, 255, 255)
    assert loaded.getpixel((2, 0)) == (0, 0, 255)
    assert loaded.getpixel((5, 0)) == pytest.approx((127, 127, 127), abs=2)

    la = Image.new("LA", (2, 2), (0, 0))
    assert load_image(la).getpixel((0, 0)) == (255, 255, 255)


def _mode_of(path: Path) -> str:
    with Image.open(path) as img:
        return img.mode


def test_load_image_cmyk_grey_and_bilevel(tmp_path: Path) -> None:
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(cmyk, quality=95)
    assert _mode_of(cmyk) == "CMYK"
    r, g, b = load_image(cmyk).getpixel((8, 8))
    assert r > 200 and g < 60 and b < 60

    grey = make_image(tmp_path / "grey.png", (100, 100, 100), (8, 8), "L", pattern="solid")
    assert _mode_of(grey) == "L"
    assert load_image(grey).getpixel((3, 3)) == (100, 100, 100)

    bilevel = Image.new("1", (4, 4), 1)
    bilevel.putpixel((0, 0), 0)
    loaded = load_image(bilevel)
    assert loaded.mode == "RGB"
    assert loaded.getpixel((0, 0)) == (0, 0, 0) and loaded.getpixel((1, 1)) == (255, 255, 255)


def test_load_image_scales_16_bit_and_32_bit_greyscale(tmp_path: Path) -> None:
    values = np.array([[0, 257 * 100, 65535]], dtype=np.uint16)
    path = tmp_path / "deep.png"
    Image.fromarray(values).save(path)
    assert _mode_of(path).startswith("I")

    loaded = load_image(path)
    assert [loaded.getpixel((x, 0)) for x in range(3)] == [
        (0, 0, 0),
        (100, 100, 100),
        (255, 255, 255),
    ]

    as_int32 = Image.fromarray(values.astype(np.int32))
    assert load_image(as_int32).getpixel((2, 0)) == (255, 255, 255)
    floats = Image.fromarray(np.array([[0.0, 0.5, 1.0]], dtype=np.float32))
    assert load_image(floats).getpixel((1, 0)) == (128, 128, 128)


def test_load_image_accepts_bytes_and_pil_images() -> None:
    from_bytes = load_image(image_bytes("green", (20, 10)))
    assert from_bytes.mode == "RGB" and from_bytes.size == (20, 10)

    original = Image.new("RGBA", (5, 5), (0, 0, 0, 0))
    converted = load_image(original)
    assert converted.mode == "RGB" and converted.getpixel((0, 0)) == (255, 255, 255)
    assert original.mode == "RGBA"  # the caller's image is left alone

    with pytest.raises(ImageLoadError, match="empty"):
        load_image(b"")
    with pytest.raises(ImageLoadError, match="not an image"):
        load_image(b"hello")


@pytest.mark.parametrize(
    ("make_bad", "reason"),
    [
        (lambda p: truncate_file(make_image(p / "cut.jpg", size=(256, 256))), "truncated"),
        (lambda p: truncate_file(make_image(p / "cut.png", size=(256, 256)), 0.3), "truncated"),
        (lambda p: _write_bytes(p / "zero.jpg", b""), "the file is empty"),
        (lambda p: _write_bytes(p / "notes.jpg", b"not a JPEG\n" * 20), "not an image or damaged"),
        (lambda p: p / "missing.jpg", "does not exist"),
        (lambda p: p, "folder"),
    ],
    ids=["truncated-jpeg", "truncated-png", "zero-byte", "text-as-jpg", "missing", "folder"],
)
def test_load_image_bad_files_raise_image_load_error(tmp_path: Path, make_bad, reason) -> None:
    path = make_bad(tmp_path)
    with pytest.raises(ImageLoadError) as info:
        load_image(path)
    assert reason in info.value.reason
    assert info.value.path == Path(path)
    assert str(info.value).startswith(Path(path).name + ": ")


def _write_bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("warning_filter", ["ignore", "error"])
@pytest.mark.parametrize("limit", [3000, 1000], ids=["over-limit-warning", "over-twice-limit"])
def test_decompression_bomb_is_refused(
    tmp_path: Path, monkeypatch, limit: int, warning_filter: str
) -> None:
    path = make_image(tmp_path / "bomb.png", size=(64, 64))  # 4096 pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)

    with pytest.raises(ImageLoadError) as info, warnings.catch_warnings():
        warnings.simplefilter(warning_filter, Image.DecompressionBombWarning)
        load_image(path)
    assert "too large" in info.value.reason and "decompression" not in info.value.reason
    assert info.value.kind == "image_unreadable"
    assert info.value.details == {"path": str(path), "reason": info.value.reason}

    root = make_dataset(tmp_path / "ds", {"a": 1, "b": 1}, size=(16, 16))
    (root / "a" / "bomb.png").write_bytes(path.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter(warning_filter, Image.DecompressionBombWarning)
        scan = scan_dataset(root)
    assert [s.path.name for s in scan.skipped] == ["bomb.png"]
    assert "too large to open safely" in scan.skipped[0].reason


def test_draft_decodes_big_jpegs_smaller(tmp_path: Path) -> None:
    path = make_image(
        tmp_path / "big.jpg", "yellow", (4000, 3000), pattern="solid", exif_orientation=6
    )

    small = load_image(path, min_size=256)
    assert 256 <= min(small.size) < 3000
    assert small.size[1] > small.size[0]  # still rotated after the reduced decode
    assert small.getpixel((small.width // 2, small.height // 2)) == pytest.approx(
        color_for("yellow"), abs=12
    )

    assert load_image(path, min_size=2000).size == (3000, 4000)  # too little to gain
    png = make_image(tmp_path / "big.png", size=(600, 400), pattern="solid")
    assert load_image(png, min_size=100).size == (600, 400)  # only JPEGs have draft


# ---------------------------------------------------------------------------
# Transforms and finding images


def test_transforms_output_normalised_tensors() -> None:
    assert resize_size(224) == 256
    assert resize_size(64) == 73
    img = Image.new("RGB", (90, 70), (124, 116, 104))  # about the ImageNet mean

    evaluated = eval_transform(64)(img)
    assert tuple(evaluated.shape) == (3, 64, 64)
    assert float(evaluated.abs().max()) < 0.1
    trained = train_transform(48)(img)
    assert tuple(trained.shape) == (3, 48, 48)


def test_find_images(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    b = make_image(folder / "b.png")
    a = make_image(folder / "sub" / "a.JPEG")
    make_image(folder / ".hidden.png")
    (folder / "readme.txt").write_text("x")
    single = make_image(tmp_path / "single.webp")

    images, skipped = find_images([single, str(folder), tmp_path / "gone.jpg", single])

    assert images == [single, b, a]
    reasons = {s.path.name: s.reason for s in skipped}
    assert reasons == {
        "readme.txt": "not an image file (.txt)",
        "gone.jpg": "no such file or folder",
    }
    assert find_images([]) == ([], [])


def test_extensions_and_constants() -> None:
    assert {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"} == set(
        IMAGE_EXTENSIONS
    )
    assert data.IMAGENET_MEAN == (0.485, 0.456, 0.406)
    assert data.IMAGENET_STD == (0.229, 0.224, 0.225)
    scan = DatasetScan(Path("/x"), ["a", "b"], [Sample(Path("/x/a/1.jpg"), 0)], [], None)
    assert scan.counts() == {"a": 1, "b": 0}


def test_mixed_generated_dataset_loads(tmp_path: Path) -> None:
    root = make_dataset(tmp_path / "mixed", {"red": 4, "blue": 4}, size=(20, 20), mixed=True)
    scan = scan_dataset(root)
    assert scan.skipped == [] and len(scan.samples) == 8
    for sample in scan.samples:
        img = load_image(sample.path)
        assert img.mode == "RGB"
        red, _, blue = np.asarray(img, dtype=float).mean(axis=(0, 1))
        assert (red > blue) == (scan.classes[sample.label] == "red")
