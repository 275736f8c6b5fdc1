"""A loaded model: probabilities per class, batches, bad files, the reference pipeline."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.models import resnet18

from flowerclf.core.data import eval_transform
from flowerclf.core.predict import Classifier
from tests.imagegen import make_image, truncate_file


@pytest.fixture(scope="module")
def classifier():
    torch.manual_seed(0)
    return Classifier(
        resnet18(num_classes=3), "resnet18", ["cat", "dog", "玫瑰"], image_size=64, precision="fp32"
    )


def test_probabilities_cover_every_class_and_sum_to_one(classifier, tmp_path):
    paths = [make_image(tmp_path / f"{i}.jpg", c, (90, 70)) for i, c in enumerate(["red", "blue"])]
    predictions = classifier.predict(paths + [Image.new("RGB", (50, 80), "green")])
    assert len(predictions) == 3
    for p in predictions:
        assert p.ok and p.probs.shape == (3,)
        assert abs(float(p.probs.sum()) - 1.0) < 1e-5
        assert list(p.as_dict()) == ["cat", "dog", "玫瑰"]
        top = p.top(2)
        assert len(top) == 2 and top[0][1] >= top[1][1] and top[0][0] == p.label
    assert predictions[0].source == paths[0] and predictions[2].source is None


def test_unreadable_inputs_get_an_error_and_the_others_are_still_predicted(classifier, tmp_path):
    good = make_image(tmp_path / "good.png", "red", (64, 64))
    broken = truncate_file(make_image(tmp_path / "broken.jpg", "red", (300, 300)), keep=0.2)
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture")
    predictions = classifier.predict([good, broken, tmp_path / "missing.jpg", text], batch_size=2)
    assert [p.ok for p in predictions] == [True, False, False, False]
    assert all(p.error for p in predictions[1:])
    assert predictions[1].top() == []


def test_batching_does_not_change_the_answer(classifier, tmp_path):
    paths = [make_image(tmp_path / f"{i}.jpg", "red", (80 + i, 64), seed=i) for i in range(5)]
    together = classifier.predict(paths, batch_size=5)
    one_by_one = [classifier.predict_one(p) for p in paths]
    for a, b in zip(together, one_by_one):
        np.testing.assert_allclose(a.probs, b.probs, atol=1e-5)


def test_matches_the_reference_float_pipeline(classifier, tmp_path):
    """The uint8 fast path gives the same input as Resize+CenterCrop+ToTensor+Normalize."""
    path = make_image(tmp_path / "photo.png", "orange", (120, 90))
    reference = eval_transform(64)(Image.open(path).convert("RGB")).unsqueeze(0)
    expected = classifier.predict_tensor(reference)[0].numpy()
    got = classifier.predict([path])[0].probs
    np.testing.assert_allclose(got, expected, atol=2e-3)


def test_bf16_stays_close_to_fp32(tmp_path):
    """The fast format ('auto' picks it where the CPU computes it natively) keeps the top
    class and the probabilities near fp32's.

    bf16 is asked for by name, so that the comparison is made on every CPU: where
    bf16 is not native it is emulated, slower but with the same rounding.
    """
    torch.manual_seed(1)
    network = resnet18(num_classes=4)
    with torch.no_grad():
        network.fc.weight.mul_(20)  # confident outputs, like a trained model's
    fast = Classifier(network, "resnet18", list("abcd"), image_size=96, precision="bf16")
    exact = Classifier(network, "resnet18", list("abcd"), image_size=96, precision="fp32")
    assert (fast.precision, exact.precision) == ("bf16", "fp32")
    paths = [
        make_image(tmp_path / f"{i}.jpg", c, (120, 100), seed=i)
        for i, c in enumerate(["red", "blue", "green", "orange", "purple", "grey"])
    ]
    largest = 0.0
    for a, b in zip(fast.predict(paths), exact.predict(paths)):
        assert a.label == b.label
        largest = max(largest, float(np.abs(a.probs - b.probs).max()))
    assert largest < 0.02
    assert largest > 0  # bf16 really ran: its rounding moves the probabilities a little


def test_predictions_follow_new_weights():
    """Predictions run through a copy with batch norm folded in; it must not go stale."""
    torch.manual_seed(3)
    network = resnet18(num_classes=3)
    classifier = Classifier(network, "resnet18", ["a", "b", "c"], image_size=64)
    x = torch.randn(2, 3, 64, 64)
    before = classifier.predict_tensor(x)
    torch.manual_seed(4)
    other = resnet18(num_classes=3)
    with torch.no_grad():
        other.fc.weight.mul_(30)  # clearly different, confident outputs
    network.load_state_dict(other.state_dict())
    after = classifier.predict_tensor(x)
    with torch.no_grad():
        expected = torch.softmax(other.eval()(x), dim=1)
    assert not torch.allclose(after, before, atol=1e-3)
    torch.testing.assert_close(after, expected, rtol=1e-4, atol=1e-5)
