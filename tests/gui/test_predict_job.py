"""The app's predict task on its own: batches in order, bad files in place, Stop between batches."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from flowerclf.core.events import StopRequest
from flowerclf.gui.predict_tasks import ImagesFound, PredictedBatch, predict_images
from tests.gui.helpers import COLOURS, make_photo


def _folder(root: Path, count: int) -> list[Path]:
    names = list(COLOURS)
    paths = [
        make_photo(root / f"{i:02d}-{names[i % 2]}.png", COLOURS[names[i % 2]], seed=i)
        for i in range(count)
    ]
    broken = root / "05-broken.jpg"  # sorts into the first batch
    broken.write_bytes(b"not a picture")
    late_broken = root / "10-broken.jpg"  # and one into the second
    late_broken.write_bytes(b"\xff\xd8\xff\xe0 truncated")
    return paths


def drain(generator) -> tuple[list, object]:
    """Everything a generator task yields, and what it returns."""
    items = []
    while True:
        try:
            items.append(next(generator))
        except StopIteration as end:
            return items, end.value


def test_every_image_once_in_order_with_bad_files_in_place(classifier, tmp_path):
    paths = _folder(tmp_path / "photos", 11)
    task = predict_images(classifier, [str(tmp_path / "photos")], expand=True, batch_size=4)
    events, count = drain(task(lambda event: None, StopRequest()))
    found = events[0]
    assert isinstance(found, ImagesFound) and count == len(found.sources) == 13
    batches = [e for e in events[1:] if isinstance(e, PredictedBatch)]
    assert [len(b.results) for b in batches] == [4, 4, 4, 1]
    results = [r for b in batches for r in b.results]
    assert [r.index for r in results] == list(range(13))
    by_name = {Path(found.sources[r.index]).name: r for r in results}
    assert by_name["05-broken.jpg"].error and by_name["05-broken.jpg"].prediction is None
    assert by_name["10-broken.jpg"].error and by_name["10-broken.jpg"].prediction is None
    # The good ones carry what the classifier says of that same file, and a thumbnail.
    direct = {Path(p.source).name: p for p in classifier.predict(paths)}
    for path in paths:
        got = by_name[path.name]
        assert got.error is None and not got.thumbnail.isNull()
        np.testing.assert_allclose(got.prediction.probs, direct[path.name].probs, atol=1e-5)
        assert got.prediction.label == path.stem.split("-")[1]


def test_stop_between_batches_reports_no_more(classifier, tmp_path):
    _folder(tmp_path / "photos", 11)
    stop = StopRequest()
    batches = []
    task = predict_images(classifier, [str(tmp_path / "photos")], expand=True, batch_size=4)
    for news in task(lambda event: None, stop):
        if isinstance(news, PredictedBatch):
            batches.append(news)
            stop.request()
    assert len(batches) == 1 and [r.index for r in batches[0].results] == [0, 1, 2, 3]
