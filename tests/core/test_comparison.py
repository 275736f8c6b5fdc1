"""Two models compared on the same photos: accuracy, per-class F1 by name, what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowerclf.core.comparison import compare_evaluations, compare_on_folder
from flowerclf.core.continuing import continue_from
from flowerclf.core.evaluation import Evaluation, ReviewItem
from flowerclf.core.modelfile import save_model
from flowerclf.core.predict import Classifier
from flowerclf.core.report import render_report
from flowerclf.core.training import TrainingConfig, train
from tests.imagegen import make_dataset, make_image


def _item(name: str, true: str, predicted: str, prob: float) -> ReviewItem:
    return ReviewItem(Path(f"/photos/{true}/{name}.jpg"), true, predicted, prob)


def _baseline() -> list[ReviewItem]:
    return [
        _item("r1", "red", "red", 0.95),
        _item("r2", "red", "blue", 0.80),  # A wrong
        _item("b1", "blue", "blue", 0.90),
        _item("b2", "blue", "blue", 0.70),
    ]


def test_a_planted_difference_is_now_right_and_now_wrong_with_both_probabilities():
    a = Evaluation.from_items(_baseline(), ["red", "blue"])
    b = Evaluation.from_items(
        [
            _item("r1", "red", "red", 0.97),
            _item("r2", "red", "red", 0.60),  # B right where A was wrong
            _item("b1", "blue", "blue", 0.91),
            _item("b2", "blue", "red", 0.55),  # B wrong where A was right
        ],
        ["red", "blue"],
    )
    comparison = compare_evaluations(a, b, ["red", "blue"], ["red", "blue"], "old", "new")

    assert [c.path.name for c in comparison.now_right] == ["r2.jpg"]
    right = comparison.now_right[0]
    assert (right.true, right.predicted_a, right.prob_a) == ("red", "blue", 0.80)
    assert (right.predicted_b, right.prob_b) == ("red", 0.60)
    assert [c.path.name for c in comparison.now_wrong] == ["b2.jpg"]
    assert comparison.now_wrong[0].predicted_b == "red"
    assert comparison.accuracy_a == comparison.accuracy_b == 0.75
    assert comparison.images == 4 and not comparison.unchanged
    data = comparison.to_json_dict()
    assert data["now_right"][0]["a"] == {"predicted": "blue", "prob": 0.8}
    assert data["now_wrong"][0]["b"] == {"predicted": "red", "prob": 0.55}
    text = comparison.format_text()
    assert "Now right (1)" in text and "r2.jpg" in text and "A: blue (80.0%)" in text


def test_identical_evaluations_show_no_change():
    a = Evaluation.from_items(_baseline(), ["red", "blue"])
    comparison = compare_evaluations(a, a, ["red", "blue"], ["red", "blue"])
    assert comparison.unchanged and comparison.now_right == [] and comparison.now_wrong == []
    assert all(c.change == 0 for c in comparison.classes)
    assert "Now right: none" in comparison.format_text()


def test_classes_are_matched_by_name_and_those_of_one_model_are_reported():
    a = Evaluation.from_items(
        [*_baseline(), _item("g1", "green", "red", 0.5)], ["red", "blue", "green"]
    )
    b = Evaluation.from_items(
        [
            _item("r1", "red", "red", 0.9),
            _item("r2", "red", "red", 0.9),
            _item("b1", "blue", "blue", 0.9),
            _item("b2", "blue", "blue", 0.9),
            _item("g1", "green", "green", 0.9),
        ],
        ["green", "blue", "red"],  # another order, and green known to B only
    )
    comparison = compare_evaluations(a, b, ["red", "blue"], ["green", "blue", "red"])

    by_name = {c.name: c for c in comparison.classes}
    assert by_name["red"].f1_a == pytest.approx(a.per_class["red"].f1)
    assert by_name["red"].f1_b == pytest.approx(1.0)
    assert by_name["green"].f1_a is None and by_name["green"].f1_b == 1.0
    assert by_name["green"].change is None and by_name["green"].support == 1
    assert comparison.only_b == ["green"] and comparison.only_a == []
    assert {c.path.name for c in comparison.now_right} == {"r2.jpg", "g1.jpg"}
    assert "Only B knows: green" in comparison.format_text()


def test_the_report_holds_the_comparison(tmp_path):
    photo = make_image(tmp_path / "red" / "r2.jpg", "red")
    a = Evaluation.from_items(
        [ReviewItem(photo, "red", "blue", 0.8), _item("b1", "blue", "blue", 0.9)], ["red", "blue"]
    )
    b = Evaluation.from_items(
        [ReviewItem(photo, "red", "red", 0.7), _item("b1", "blue", "blue", 0.9)], ["red", "blue"]
    )
    comparison = compare_evaluations(a, b, ["red", "blue"], ["red", "blue"], "v1 <old>", "v2")
    page = render_report(b, comparison=comparison)

    assert 'id="comparison"' in page and 'id="now-right"' in page
    assert "v1 &lt;old&gt;" in page and "v1 <old>" not in page
    section = page[page.index('id="now-right"') : page.index('id="now-wrong"')]
    assert str(photo) in section and "data:image/jpeg;base64," in section
    assert "+50.0" in page  # the accuracy went from 50% to 100%
    assert 'id="comparison"' not in render_report(b)


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    data = make_dataset(root / "data", {"red": 10, "green": 10, "blue": 10}, size=(40, 40))
    config = TrainingConfig(
        arch="resnet18",
        weights="none",
        freeze_backbone=True,
        epochs=10,
        batch_size=8,
        lr=0.05,
        image_size=32,
        device="cpu",
        seed=0,
    )
    result = train(data, config)
    return save_model(result.classifier, root / "model.safetensors"), result.classifier, data


def test_a_model_and_its_copy_in_another_class_order_compare_equal(small_model, monkeypatch):
    path, model, data = small_model
    order = ["red", "blue", "green"]
    network, _ = continue_from(path, "resnet18", order, 32)
    reordered = Classifier(network.eval(), "resnet18", order, image_size=32)

    comparison = compare_on_folder(model, reordered, data, "model", "reordered")
    assert comparison.unchanged and comparison.images == 30
    assert comparison.accuracy_a == comparison.accuracy_b
    for c in comparison.classes:
        assert c.f1_a == pytest.approx(c.f1_b), c.name
    assert comparison.only_a == comparison.only_b == []
