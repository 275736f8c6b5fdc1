"""How good a trained model is, and which pictures it gets wrong.

The metrics here are plain numpy (no torch, no Qt), so the command line can
show a stored evaluation without loading a network. :func:`evaluate` runs a
:class:`~flowerclf.core.predict.Classifier` over labelled images and returns an
:class:`Evaluation`: accuracy, per-class precision/recall/F1, the confusion
matrix and every image ranked by how wrong the model was about it.

The model's classes and the dataset's classes are matched by name, so a model
can be checked against any folder whose sub-folders carry (some of) its class
names, in any order.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from flowerclf.core.errors import CLASSES_DO_NOT_MATCH, NO_IMAGES, DatasetError
from flowerclf.core.events import ProgressCallback, StageEvent, StopRequest, ignore_event

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.data import Sample, SkippedFile
    from flowerclf.core.predict import Classifier

#: How many images to review the model file keeps (the full list can be long).
METADATA_REVIEW_LIMIT = 50


@dataclass(frozen=True)
class ClassMetrics:
    """Precision, recall and F1 of one class (0..1), and how many images truly belong to it."""

    precision: float
    recall: float
    f1: float
    support: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
        }


@dataclass
class Metrics:
    """Scores of a set of predictions against the true labels.

    ``confusion[i, j]`` counts the images of true class ``classes[i]`` that were
    predicted as ``classes[j]``. Macro averages are taken over the classes that
    occur at all (as a true or a predicted label).
    """

    classes: list[str]
    accuracy: float
    per_class: dict[str, ClassMetrics]
    confusion: np.ndarray
    macro_precision: float
    macro_recall: float
    macro_f1: float

    @property
    def total(self) -> int:
        """Number of predictions scored."""
        return int(self.confusion.sum())


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, with 0/0 (and x/0) defined as 0.0."""
    return float(numerator) / float(denominator) if denominator else 0.0


def compute_metrics(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    classes: Sequence[str],
) -> Metrics:
    """Score predictions: ``y_true``/``y_pred`` are class indices into ``classes``.

    Precision, recall or F1 that would divide by zero (a class never predicted,
    or never present) are 0.0.
    """
    names = list(classes)
    n = len(names)
    true = np.asarray(y_true, dtype=np.int64).reshape(-1)
    pred = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    if true.shape != pred.shape:
        raise ValueError(f"{true.size} true labels but {pred.size} predictions")
    for values in (true, pred):
        if values.size and (values.min() < 0 or values.max() >= n):
            raise ValueError(f"class index out of range for {n} classes")

    confusion = np.zeros((n, n), dtype=np.int64)
    np.add.at(confusion, (true, pred), 1)

    correct = np.diag(confusion)
    support = confusion.sum(axis=1)
    predicted = confusion.sum(axis=0)
    per_class: dict[str, ClassMetrics] = {}
    for i, name in enumerate(names):
        precision = _ratio(correct[i], predicted[i])
        recall = _ratio(correct[i], support[i])
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_class[name] = ClassMetrics(precision, recall, f1, int(support[i]))

    occurring = [names[i] for i in range(n) if support[i] or predicted[i]]

    def macro(attribute: str) -> float:
        if not occurring:
            return 0.0
        return float(np.mean([getattr(per_class[name], attribute) for name in occurring]))

    return Metrics(
        classes=names,
        accuracy=_ratio(correct.sum(), true.size),
        per_class=per_class,
        confusion=confusion,
        macro_precision=macro("precision"),
        macro_recall=macro("recall"),
        macro_f1=macro("f1"),
    )


@dataclass(frozen=True)
class ReviewItem:
    """One evaluated image: its true and predicted label and how sure the model was.

    ``prob`` is the probability of the predicted class; ``true_prob`` that of the
    true class (0.0 when the model does not know the true class; ``None`` when
    read back from a stored evaluation that did not keep it).
    """

    path: Path
    true: str
    predicted: str
    prob: float
    true_prob: float | None = None

    @property
    def correct(self) -> bool:
        return self.true == self.predicted

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"path", "true", "predicted", "prob"}``."""
        return {
            "path": str(self.path),
            "true": self.true,
            "predicted": self.predicted,
            "prob": round(float(self.prob), 6),
        }


def _review_key(item: ReviewItem) -> tuple[int, float]:
    if not item.correct:
        return (0, -item.prob)  # confidently wrong first
    true_prob = item.prob if item.true_prob is None else item.true_prob
    return (1, true_prob)  # then right but unsure


def rank_for_review(items: Iterable[ReviewItem]) -> list[ReviewItem]:
    """Order images by how wrong the model was, worst first.

    Misclassified images come first, the most confident mistakes leading (by
    the predicted class's probability, descending); then the correctly
    classified ones, the least sure first (by the true class's probability,
    ascending). Ties keep their input order.
    """
    return sorted(items, key=_review_key)


@dataclass
class Evaluation:
    """The result of evaluating a model on labelled images.

    ``review`` holds every evaluated image, worst first (see :func:`rank_for_review`);
    ``skipped`` the images that could not be read, as ``(path, reason)``.
    """

    accuracy: float
    classes: list[str]
    per_class: dict[str, ClassMetrics]
    confusion: np.ndarray
    review: list[ReviewItem] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    stopped: bool = False

    @classmethod
    def from_items(
        cls,
        items: Iterable[ReviewItem],
        classes: Sequence[str],
        skipped: Iterable[tuple[Path, str]] = (),
        stopped: bool = False,
    ) -> Evaluation:
        """Score per-image results whose labels are all in ``classes``."""
        items = list(items)
        names = list(classes)
        index = {name: i for i, name in enumerate(names)}
        metrics = compute_metrics(
            [index[item.true] for item in items],
            [index[item.predicted] for item in items],
            names,
        )
        return cls(
            accuracy=metrics.accuracy,
            classes=names,
            per_class=metrics.per_class,
            confusion=metrics.confusion,
            review=rank_for_review(items),
            skipped=list(skipped),
            stopped=stopped,
        )

    @property
    def total(self) -> int:
        """Number of images scored."""
        return int(np.asarray(self.confusion).sum())

    @property
    def metrics(self) -> Metrics:
        """The scores again, with macro averages, computed from the confusion matrix."""
        confusion = np.asarray(self.confusion, dtype=np.int64)
        true, pred = np.nonzero(confusion)
        counts = confusion[true, pred]
        return compute_metrics(np.repeat(true, counts), np.repeat(pred, counts), self.classes)

    @property
    def mistakes(self) -> list[ReviewItem]:
        """The misclassified images, most confident mistake first."""
        return [item for item in self.review if not item.correct]

    def cell_items(self, true: str | int, predicted: str | int) -> list[ReviewItem]:
        """The images behind one confusion-matrix cell, worst first.

        ``true`` and ``predicted`` are class names or indices into ``classes``.
        (For an evaluation read back from a file this is limited to the stored review list.)
        """
        true_name = self.classes[true] if isinstance(true, int) else true
        pred_name = self.classes[predicted] if isinstance(predicted, int) else predicted
        return [
            item for item in self.review if item.true == true_name and item.predicted == pred_name
        ]

    def to_json_dict(self, review_limit: int | None = None) -> dict[str, Any]:
        """The JSON form printed by ``flowerclf evaluate --format json``.

        ``{"accuracy", "classes", "per_class": {label: {"precision", "recall", "f1",
        "support"}}, "confusion": [[...]], "review": [{"path", "true", "predicted",
        "prob"}, ...]}``; rows of ``confusion`` are true classes, columns predicted.
        """
        review = self.review if review_limit is None else self.review[:review_limit]
        return {
            "accuracy": round(float(self.accuracy), 6),
            "classes": list(self.classes),
            "per_class": {
                name: {
                    "precision": round(m.precision, 6),
                    "recall": round(m.recall, 6),
                    "f1": round(m.f1, 6),
                    "support": m.support,
                }
                for name, m in self.per_class.items()
            },
            "confusion": np.asarray(self.confusion, dtype=np.int64).tolist(),
            "review": [item.as_dict() for item in review],
        }

    def to_metadata(self, review_limit: int = METADATA_REVIEW_LIMIT) -> dict[str, Any]:
        """The compact form kept in a model file's metadata (``metadata["evaluation"]``).

        The JSON form with the review list cut to its worst ``review_limit``
        images, plus the number of images scored and skipped.
        """
        data = self.to_json_dict(review_limit=review_limit)
        data["images"] = self.total
        data["skipped"] = len(self.skipped)
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Evaluation:
        """Read back :meth:`to_json_dict` or :meth:`to_metadata` output."""
        try:
            classes = [str(name) for name in data["classes"]]
            confusion = np.asarray(data["confusion"], dtype=np.int64).reshape(
                len(classes), len(classes)
            )
            per_class = {
                str(name): ClassMetrics(
                    float(m["precision"]), float(m["recall"]), float(m["f1"]), int(m["support"])
                )
                for name, m in data["per_class"].items()
            }
            review = [
                ReviewItem(
                    Path(r["path"]),
                    str(r["true"]),
                    str(r["predicted"]),
                    float(r["prob"]),
                    float(r["true_prob"]) if r.get("true_prob") is not None else None,
                )
                for r in data.get("review", [])
            ]
            return cls(
                accuracy=float(data["accuracy"]),
                classes=classes,
                per_class=per_class,
                confusion=confusion,
                review=review,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not an evaluation: {error}") from error

    def summary(self) -> str:
        """A few lines in plain words for the command line."""
        lines = [f"Accuracy: {self.accuracy:.1%} on {self.total} images"]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} unreadable image(s)")
        if self.stopped:
            lines.append("Stopped before all images were evaluated")
        mistakes = len(self.mistakes)
        lines.append(f"Misclassified: {mistakes} image(s)")
        return "\n".join(lines)

    def format_table(self) -> str:
        """Per-class metrics and the confusion matrix as fixed-width text."""
        names = self.classes
        width = max([len("class"), *(len(name) for name in names)])
        lines = [
            f"{'class':<{width}}  precision  recall     f1  support",
        ]
        for name in names:
            m = self.per_class[name]
            lines.append(
                f"{name:<{width}}  {m.precision:9.3f}  {m.recall:6.3f}  {m.f1:5.3f}  {m.support:7d}"
            )
        metrics = self.metrics
        lines.append(
            f"{'macro avg':<{width}}  {metrics.macro_precision:9.3f}  "
            f"{metrics.macro_recall:6.3f}  {metrics.macro_f1:5.3f}  {self.total:7d}"
        )
        lines.append("")
        lines.append("Confusion matrix (rows: true class, columns: predicted)")
        confusion = np.asarray(self.confusion)
        cell = max([5, *(len(str(v)) for v in confusion.ravel()), *(len(n) for n in names)])
        lines.append(" " * width + "  " + " ".join(f"{name[:cell]:>{cell}}" for name in names))
        for name, row in zip(names, confusion, strict=True):
            lines.append(f"{name:<{width}}  " + " ".join(f"{int(v):>{cell}}" for v in row))
        return "\n".join(lines)


def _match_classes(
    dataset_classes: Sequence[str], model_classes: Sequence[str]
) -> dict[int, int | None]:
    """Dataset class index -> model class index (by name; case-insensitive as a fallback)."""
    exact = {name: i for i, name in enumerate(model_classes)}
    folded = {name.strip().casefold(): i for i, name in enumerate(model_classes)}
    mapping: dict[int, int | None] = {}
    for i, name in enumerate(dataset_classes):
        if name in exact:
            mapping[i] = exact[name]
        else:
            mapping[i] = folded.get(name.strip().casefold())
    return mapping


def evaluate(
    classifier: Classifier,
    samples: Sequence[Sample],
    classes: Sequence[str] | None = None,
    batch_size: int = 32,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
) -> Evaluation:
    """Predict every sample and score the predictions against their labels.

    ``classes`` names the samples' labels (``Sample.label`` indexes it); by default
    the model's own classes. Classes are matched to the model's by name: images
    of a class the model does not know always count as errors, and the
    evaluation's class list is the model's classes followed by those unknown
    ones. Unreadable images are skipped and listed in ``Evaluation.skipped``.
    A stop request ends the run early with what was evaluated so far.

    Raises :class:`DatasetError` when there are no samples or none of the
    dataset's classes is known to the model.
    """
    model_classes = list(classifier.classes)
    dataset_classes = list(model_classes if classes is None else classes)
    if not samples:
        raise DatasetError("There are no images to evaluate.", NO_IMAGES, total=0)
    mapping = _match_classes(dataset_classes, model_classes)
    used = {sample.label for sample in samples}
    if all(mapping.get(label) is None for label in used):
        shown = ", ".join(sorted({dataset_classes[label] for label in used})[:8])
        known = ", ".join(model_classes[:8])
        raise DatasetError(
            f"None of the dataset's classes ({shown}) is one the model knows ({known}). "
            "Sub-folder names must match the model's class names.",
            CLASSES_DO_NOT_MATCH,
            dataset_classes=sorted({dataset_classes[label] for label in used}),
            model_classes=model_classes,
        )

    unknown = [dataset_classes[i] for i in sorted(used) if mapping[i] is None]
    eval_classes = model_classes + [name for name in unknown if name not in model_classes]

    items: list[ReviewItem] = []
    skipped: list[tuple[Path, str]] = []
    total = len(samples)
    chunk = max(1, batch_size) * 4
    stopped = False
    started = time.monotonic()

    def report(done: int) -> None:
        elapsed = time.monotonic() - started
        eta = elapsed * (total - done) / done if done else None
        progress(StageEvent("Evaluating", done, total, _ratio(done, total), elapsed, eta))

    report(0)
    for start in range(0, total, chunk):
        if stop is not None and stop.requested:
            stopped = True
            break
        part = samples[start : start + chunk]
        predictions = classifier.predict([s.path for s in part], batch_size=batch_size, stop=stop)
        for sample, prediction in zip(part, predictions, strict=False):
            if prediction.error is not None or prediction.probs is None:
                skipped.append((Path(sample.path), prediction.error or "could not be read"))
                continue
            probs = np.asarray(prediction.probs, dtype=np.float64)
            predicted = int(np.argmax(probs))
            model_true = mapping[sample.label]
            items.append(
                ReviewItem(
                    path=Path(sample.path),
                    true=dataset_classes[sample.label]
                    if model_true is None
                    else model_classes[model_true],
                    predicted=model_classes[predicted],
                    prob=float(probs[predicted]),
                    true_prob=0.0 if model_true is None else float(probs[model_true]),
                )
            )
        if len(predictions) < len(part):  # predict() honoured the stop request
            stopped = True
            break
        done = min(total, start + len(part))
        report(done)

    if not items and not stopped:
        raise DatasetError(f"None of the {total} images could be read.", NO_IMAGES, total=total)
    return Evaluation.from_items(items, eval_classes, skipped=skipped, stopped=stopped)


def evaluate_folder(
    classifier: Classifier,
    data_dir: str | Path,
    batch_size: int = 32,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
) -> Evaluation:
    """Evaluate a model on every image of a dataset folder (one sub-folder per class).

    For a folder split into ``train/`` and ``val/``, both parts are used. Files
    the scan could not use are listed in ``Evaluation.skipped`` too.
    """
    from flowerclf.core.data import scan_dataset

    scan = scan_dataset(data_dir)
    evaluation = evaluate(
        classifier, scan.samples, scan.classes, batch_size=batch_size, progress=progress, stop=stop
    )
    evaluation.skipped = [_skipped_pair(s) for s in scan.skipped] + evaluation.skipped
    return evaluation


def _skipped_pair(skipped: SkippedFile) -> tuple[Path, str]:
    return (Path(skipped.path), skipped.reason)
