"""The HTML report: valid, self-contained, every section present, user strings escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from flowerclf.core.errors import FlowerclfError
from flowerclf.core.evaluation import Evaluation, ReviewItem
from flowerclf.core.events import EpochEvent
from flowerclf.core.report import (
    SECTION_IDS,
    render_report,
    smooth,
    write_report,
    write_training_report,
)
from tests.imagegen import make_image

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
NASTY = '<script>alert("x")</script>'


class StrictParser(HTMLParser):
    """Checks that every element is closed in order and collects ids, images and charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.image_sources: list[str] = []
        self.doctype: str | None = None
        self.text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if "id" in values:
            self.ids.append(values["id"] or "")
        if tag == "img":
            self.image_sources.append(values.get("src") or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void element {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> StrictParser:
    parser = StrictParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    assert parser.doctype is not None and parser.doctype.lower() == "doctype html"
    assert parser.problems == [] and parser.stack == []
    assert len(parser.ids) == len(set(parser.ids)), "ids must be unique"
    assert [i for i in parser.ids if i in SECTION_IDS] == list(SECTION_IDS)
    assert all(src.startswith("data:image/") for src in parser.image_sources), "self-contained"
    return parser


@pytest.fixture
def evaluation(tmp_path) -> Evaluation:
    classes = ["daisy", NASTY, "R&D tulips"]
    pictures = tmp_path / "pictures"
    items = [
        ReviewItem(make_image(pictures / "a.jpg", "red", (90, 60)), "daisy", NASTY, 0.95, 0.03),
        ReviewItem(make_image(pictures / "b.png", "blue"), NASTY, "R&D tulips", 0.7, 0.2),
        ReviewItem(pictures / "gone <missing>.jpg", "R&D tulips", "daisy", 0.6, 0.3),
        ReviewItem(make_image(pictures / "c.jpg", "green"), "daisy", "daisy", 0.55, 0.55),
        ReviewItem(make_image(pictures / "d.jpg", "green"), NASTY, NASTY, 0.9, 0.9),
        ReviewItem(make_image(pictures / "e.jpg", "green"), "daisy", "daisy", 0.99, 0.99),
    ]
    return Evaluation.from_items(items, classes)


HISTORY = [
    EpochEvent(1, 3, train_loss=1.2, val_loss=1.0, val_accuracy=0.5),
    EpochEvent(2, 3, train_loss=0.8, val_loss=0.9, val_accuracy=0.625),
    EpochEvent(3, 3, train_loss=0.5, val_loss=0.95, val_accuracy=0.6),
]
METADATA = {
    "training": {"arch": "resnet18", "epochs": 3, "lr": 1e-4, "val_split": 0.1, "seed": None},
    "best_val_accuracy": 0.625,
    "dataset": "/home/me/<my photos>",
    "history": [
        {"epoch": e.epoch, "train_loss": e.train_loss, "val_loss": e.val_loss,
         "val_accuracy": e.val_accuracy}
        for e in HISTORY
    ],
}  # fmt: skip


def fake_classifier(classes: list[str]) -> SimpleNamespace:
    return SimpleNamespace(arch="resnet18", classes=classes, image_size=64, metadata=METADATA)


def test_report_holds_every_section_with_escaped_names_and_embedded_images(tmp_path, evaluation):
    steps = [2.0 / (1 + 0.1 * i) for i in range(60)]
    path = write_report(
        tmp_path / "report.html",
        evaluation,
        classifier=fake_classifier(evaluation.classes),
        history=HISTORY,
        step_losses=steps,
        review_limit=4,
    )
    raw = path.read_text(encoding="utf-8")
    page = parse(path)
    text = "".join(page.text)

    assert NASTY not in raw and "&lt;script&gt;" in raw  # shown, never run
    assert "<script" not in raw.lower()
    assert NASTY in text and "R&D tulips" in text and "/home/me/<my photos>" in text
    assert {"loss-chart", "accuracy-chart"} <= set(page.ids)
    assert page.tags.count("svg") == 2 and page.tags.count("polyline") >= 3
    # the 4 worst: three mistakes (one file gone) and the unsure daisy
    assert len(page.image_sources) == 3
    assert "picture not found" in text and "gone <missing>.jpg" in text
    assert "right but unsure" in text
    # confusion matrix: 3 x 3 counts, per-class table with macro averages
    assert page.tags.count("table") >= 4
    assert "average over classes" in text and "50.0%" in text
    assert "Learning rate" in text and "0.0001" in text and "automatic" in text


def test_report_from_a_model_files_metadata_alone(tmp_path, evaluation):
    metadata = dict(METADATA, evaluation=evaluation.to_metadata())
    path = write_report(tmp_path / "stored.html", metadata=metadata)
    page = parse(path)
    text = "".join(page.text)
    assert "50.0%" in text and "62.5%" in text  # accuracy and best validation accuracy
    assert page.tags.count("svg") == 2  # epoch losses and accuracy from the stored history


def test_report_without_any_data_still_has_every_section(tmp_path):
    page = parse(write_report(tmp_path / "empty.html", title="Nothing & nobody"))
    text = "".join(page.text)
    assert "Nothing & nobody" in text and "No evaluation" in text


def test_training_report_and_unwritable_path(tmp_path, evaluation):
    result = SimpleNamespace(
        classifier=fake_classifier(evaluation.classes),
        history=HISTORY[:2],
        step_losses=[1.0, 0.9, 0.7, 0.6],
        evaluation=evaluation,
    )
    parse(write_training_report(tmp_path / "run.html", result))
    with pytest.raises(FlowerclfError):
        write_report(tmp_path / "no such folder" / "r.html", evaluation)


def test_smoothing_keeps_length_and_flattens_noise():
    noisy = [1.0 if i % 2 else 0.0 for i in range(100)]
    smoothed = smooth(noisy)
    assert len(smoothed) == 100
    assert max(smoothed[10:90]) - min(smoothed[10:90]) < 0.3
    assert smooth([]) == [] and smooth([3.0]) == [3.0]


# -- the report in another language ------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def _rendered(evaluation, **options) -> str:
    """A full report (every section, the model's origin) with its clock stopped."""
    origin = {
        "file": "old.safetensors", "architecture": "resnet18", "classes": ["daisy"],
        "added_classes": ["R&D tulips"], "dropped_classes": [], "sha256": "ab" * 32,
    }  # fmt: skip
    metadata = dict(METADATA, started_from=origin, stopped=False)
    text = render_report(
        evaluation,
        classifier=SimpleNamespace(
            **{**vars(fake_classifier(evaluation.classes)), "metadata": metadata}
        ),
        history=HISTORY,
        step_losses=[1.0, 0.8, 0.7],
        **options,
    )
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "DATE", text)


def test_the_default_report_is_english(evaluation):
    text = _rendered(evaluation)
    assert '<html lang="en">' in text and not CJK.search(text)
    assert _rendered(evaluation, words=lambda phrase: phrase, language="en") == text
    for phrase in ("Confusion matrix", "average over classes", "Started from", "new: R&amp;D"):
        assert phrase in text


def test_every_word_of_the_report_goes_through_the_words_given(evaluation):
    said: list[str] = []

    def shouting(phrase: str) -> str:  # a language anyone can recognise; {fields} kept
        said.append(phrase)
        return re.sub(r"\{\w*\}|[^{]+", lambda m: m[0] if m[0][0] == "{" else m[0].upper(), phrase)

    text = _rendered(evaluation, words=shouting, language="zh_CN")
    assert '<html lang="zh-CN">' in text
    assert "CONFUSION MATRIX" in text and "Confusion matrix" not in text
    # fields are filled in after translation: names stay as they are, escaped
    assert "TAKEN FOR &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, LABELLED daisy" in text
    assert "ACCURACY ON 6 IMAGE(S)" in text
    assert "resnet18, 1 CLASSES; NEW: R&amp;D tulips" in text  # the model it started from
    assert "Confusion matrix" in said and not any("R&D" in phrase for phrase in said)
    assert "Learning rate" not in text and "LEARNING RATE" in text  # the settings' labels
    # the words hold for that rendering only
    assert '<html lang="en">' in _rendered(evaluation) and "Confusion matrix" in _rendered(
        evaluation
    )


def test_a_translation_that_lost_a_field_falls_back_to_english(evaluation):
    def careless(phrase: str) -> str:
        return re.sub(r"\{\w+\}", "{oops}", phrase)

    text = _rendered(evaluation, words=careless)
    assert "accuracy on 6 image(s)" in text and "</span>: taken for &lt;script&gt;" in text
