"""Evaluation: metrics against hand-computed values, the review ranking, class matching by name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from flowerclf.core.errors import DatasetError
from flowerclf.core.evaluation import (
    Evaluation,
    ReviewItem,
    compute_metrics,
    evaluate,
    rank_for_review,
)
from flowerclf.core.events import StageEvent, StopRequest

CLASSES = ["daisy", "rose", "tulip"]
# 10 images: 4 daisies, 3 roses, 3 tulips
Y_TRUE = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
Y_PRED = [0, 0, 1, 2, 1, 1, 0, 2, 2, 1]


def test_metrics_match_hand_computed_values():
    m = compute_metrics(Y_TRUE, Y_PRED, CLASSES)
    assert m.confusion.tolist() == [[2, 1, 1], [1, 2, 0], [0, 1, 2]]
    assert m.accuracy == pytest.approx(0.6)
    assert m.total == 10
    daisy, rose, tulip = (m.per_class[name] for name in CLASSES)
    # daisy: 2 of 3 "daisy" predictions right, 2 of 4 daisies found
    assert (daisy.precision, daisy.recall, daisy.f1) == pytest.approx((2 / 3, 1 / 2, 4 / 7))
    assert (rose.precision, rose.recall, rose.f1) == pytest.approx((1 / 2, 2 / 3, 4 / 7))
    assert (tulip.precision, tulip.recall, tulip.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert [daisy.support, rose.support, tulip.support] == [4, 3, 3]
    assert m.macro_precision == pytest.approx(11 / 18)
    assert m.macro_recall == pytest.approx(11 / 18)
    assert m.macro_f1 == pytest.approx(38 / 63)


def test_zero_division_is_zero_and_absent_classes_leave_macro_alone():
    # "lily" is never true and never predicted; "tulip" is present but never predicted
    m = compute_metrics([0, 0, 2], [0, 0, 0], ["daisy", "lily", "tulip"])
    lily, tulip = m.per_class["lily"], m.per_class["tulip"]
    assert (lily.precision, lily.recall, lily.f1, lily.support) == (0.0, 0.0, 0.0, 0)
    assert (tulip.precision, tulip.recall, tulip.f1, tulip.support) == (0.0, 0.0, 0.0, 1)
    assert m.per_class["daisy"].precision == pytest.approx(2 / 3)
    assert m.macro_recall == pytest.approx((1.0 + 0.0) / 2)  # daisy and tulip only
    empty = compute_metrics([], [], CLASSES)
    assert empty.accuracy == 0.0 and empty.macro_f1 == 0.0


def test_metrics_reject_bad_input():
    with pytest.raises(ValueError):
        compute_metrics([0, 1], [0], CLASSES)
    with pytest.raises(ValueError):
        compute_metrics([0, 3], [0, 0], CLASSES)


def _item(name: str, true: str, predicted: str, prob: float, true_prob: float) -> ReviewItem:
    return ReviewItem(Path(name), true, predicted, prob, true_prob)


def test_review_ranks_confident_mistakes_first_then_unsure_right_answers():
    items = [
        _item("right_sure.jpg", "rose", "rose", 0.99, 0.99),
        _item("wrong_unsure.jpg", "rose", "daisy", 0.40, 0.35),
        _item("right_unsure.jpg", "daisy", "daisy", 0.51, 0.51),
        _item("wrong_sure.jpg", "tulip", "rose", 0.97, 0.01),
        _item("right_middling.jpg", "tulip", "tulip", 0.80, 0.80),
        _item("wrong_middling.jpg", "daisy", "tulip", 0.70, 0.20),
    ]
    ranked = [item.path.name for item in rank_for_review(items)]
    assert ranked == [
        "wrong_sure.jpg",
        "wrong_middling.jpg",
        "wrong_unsure.jpg",
        "right_unsure.jpg",
        "right_middling.jpg",
        "right_sure.jpg",
    ]


class FakeClassifier:
    """Stands in for a Classifier: fixed probabilities per file name, some files unreadable."""

    def __init__(self, classes: list[str], probs: dict[str, list[float]]):
        self.classes = classes
        self.probs = probs
        self.calls = 0

    def predict(self, images, batch_size=32, stop=None):
        self.calls += 1
        out = []
        for image in images:
            p = self.probs.get(Path(image).name)
            if p is None:
                out.append(SimpleNamespace(probs=None, error="not an image"))
            else:
                out.append(SimpleNamespace(probs=np.asarray(p, dtype=np.float32), error=None))
        return out


@dataclass(frozen=True)
class FakeSample:
    path: Path
    label: int


def test_evaluate_maps_classes_by_name_and_counts_unknown_and_unreadable():
    # the model knows (rose, daisy); the folder has (daisy, lily, rose) in another order
    model = FakeClassifier(
        ["rose", "daisy"],
        {
            "d1.jpg": [0.1, 0.9],  # daisy, right
            "d2.jpg": [0.8, 0.2],  # daisy taken for a rose, sure of it
            "r1.jpg": [0.6, 0.4],  # rose, right but unsure
            "l1.jpg": [0.3, 0.7],  # lily: unknown to the model, always wrong
        },
    )
    folder = ["daisy", "lily", "rose"]
    samples = [
        FakeSample(Path("/data/daisy/d1.jpg"), 0),
        FakeSample(Path("/data/daisy/d2.jpg"), 0),
        FakeSample(Path("/data/daisy/broken.jpg"), 0),
        FakeSample(Path("/data/rose/r1.jpg"), 2),
        FakeSample(Path("/data/lily/l1.jpg"), 1),
    ]
    events = []
    result = evaluate(model, samples, folder, batch_size=2, progress=events.append)

    assert result.classes == ["rose", "daisy", "lily"]
    assert result.total == 4
    assert result.accuracy == pytest.approx(2 / 4)
    assert result.confusion.tolist() == [[1, 0, 0], [1, 1, 0], [0, 1, 0]]
    assert [p.name for p, _ in result.skipped] == ["broken.jpg"]
    assert result.per_class["lily"].support == 1 and result.per_class["lily"].recall == 0.0
    assert [item.path.name for item in result.review] == ["d2.jpg", "l1.jpg", "r1.jpg", "d1.jpg"]
    lily = result.review[1]
    assert (lily.true, lily.predicted, lily.true_prob) == ("lily", "daisy", 0.0)
    assert lily.prob == pytest.approx(0.7)
    assert [i.path.name for i in result.cell_items("daisy", "rose")] == ["d2.jpg"]
    assert [i.path.name for i in result.cell_items(0, 0)] == ["r1.jpg"]
    progress = [e for e in events if isinstance(e, StageEvent)]
    assert progress[-1].done == progress[-1].total == 5 and progress[-1].fraction == 1.0
    assert "50.0%" in result.summary() and "Skipped 1" in result.summary()
    table = result.format_table()
    assert "macro avg" in table and "lily" in table


def test_evaluate_refuses_a_folder_with_no_known_class():
    model = FakeClassifier(["rose", "daisy"], {"a.jpg": [0.5, 0.5]})
    with pytest.raises(DatasetError, match="cat"):
        evaluate(model, [FakeSample(Path("a.jpg"), 0)], ["cat", "dog"])
    with pytest.raises(DatasetError):
        evaluate(model, [], ["rose"])


def test_evaluate_matches_case_insensitively_and_stops_on_request():
    probs = {f"{i}.jpg": [0.9, 0.1] for i in range(20)}
    model = FakeClassifier(["Rose", "Daisy"], probs)
    samples = [FakeSample(Path(f"{i}.jpg"), 0) for i in range(20)]
    stop = StopRequest()

    def stop_after_first_chunk(event):
        if isinstance(event, StageEvent) and event.done:
            stop.request()

    result = evaluate(
        model, samples, ["rose"], batch_size=1, progress=stop_after_first_chunk, stop=stop
    )
    assert result.stopped and result.total == 4 and model.calls == 1
    assert result.classes == ["Rose", "Daisy"] and result.accuracy == 1.0


def test_json_form_is_exact_and_round_trips():
    items = [
        _item("a.jpg", "daisy", "rose", 0.9, 0.05),
        _item("b.jpg", "daisy", "daisy", 0.6, 0.6),
        _item("c.jpg", "rose", "rose", 0.8, 0.8),
    ]
    result = Evaluation.from_items(items, ["daisy", "rose"])
    data = json.loads(json.dumps(result.to_json_dict()))
    assert set(data) == {"accuracy", "classes", "per_class", "confusion", "review"}
    assert data["classes"] == ["daisy", "rose"]
    assert data["confusion"] == [[1, 1], [0, 1]]
    assert set(data["per_class"]["rose"]) == {"precision", "recall", "f1", "support"}
    assert data["review"][0] == {"path": "a.jpg", "true": "daisy", "predicted": "rose", "prob": 0.9}
    back = Evaluation.from_json_dict(data)
    assert back.to_json_dict() == data
    for name in back.classes:  # the JSON form keeps 6 decimals
        assert back.per_class[name].f1 == pytest.approx(result.per_class[name].f1, abs=1e-6)

    many = Evaluation.from_items([items[0]] * 120, ["daisy", "rose"])
    meta = json.loads(json.dumps(many.to_metadata()))
    assert len(meta["review"]) == 50 and meta["images"] == 120
    assert Evaluation.from_json_dict(meta).total == 120
    with pytest.raises(ValueError):
        Evaluation.from_json_dict({"accuracy": 1.0})


def test_evaluate_folder_with_a_real_model_and_store_the_result_in_the_model_file(tmp_path):
    from flowerclf.core.evaluation import evaluate_folder
    from flowerclf.core.modelfile import read_model_info, save_model
    from flowerclf.core.models import build_model
    from flowerclf.core.predict import Classifier
    from tests.imagegen import make_dataset, make_image, truncate_file

    root = make_dataset(tmp_path / "data", {"red": 3, "blue": 2}, size=(40, 40))
    truncate_file(make_image(root / "red" / "broken.jpg", "red", (40, 40)), keep=0.3)
    network = build_model("resnet18", 3, weights="none")
    model = Classifier(network, "resnet18", ["blue", "green", "red"], image_size=32)

    events = []
    result = evaluate_folder(model, root, batch_size=4, progress=events.append)

    assert result.classes == ["blue", "green", "red"]
    assert result.total == 5 and len(result.review) == 5
    assert result.confusion.sum(axis=1).tolist() == [2, 0, 3]
    assert [path.name for path, _ in result.skipped] == ["broken.jpg"]
    assert all(0.0 <= item.prob <= 1.0 for item in result.review)
    assert events[-1].done == events[-1].total == 5  # the scan already set broken.jpg aside

    model.metadata["evaluation"] = result.to_metadata()
    info = read_model_info(save_model(model, tmp_path / "m.safetensors"))
    stored = Evaluation.from_json_dict(info["evaluation"])
    assert stored.confusion.tolist() == result.confusion.tolist()
    assert [i.path for i in stored.review] == [i.path for i in result.review]
