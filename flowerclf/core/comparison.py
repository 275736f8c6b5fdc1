"""Two models on the same labelled photos: which is better, per class, and what changed.

:func:`compare_evaluations` sets two :class:`~flowerclf.core.evaluation.Evaluation`
of the same images side by side: the accuracy of each, the F1 of each class
(matched by name, so the models' class orders do not matter), the classes only
one model knows, and the photos whose verdict changed: right now but wrong
before ("now right"), and wrong now but right before ("now wrong"), each with
both models' answers and probabilities. :func:`compare_on_folder` evaluates
both models on a folder first. Model A is the earlier one (the baseline), B
the newer one.

No torch and no Qt here beyond what evaluating needs: the command line, the
report and the app all use this one comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flowerclf.core.evaluation import Evaluation, ReviewItem
from flowerclf.core.events import ProgressCallback, StopRequest, ignore_event

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier

__all__ = [
    "ChangedImage",
    "ClassChange",
    "Comparison",
    "compare_evaluations",
    "compare_on_folder",
]


@dataclass(frozen=True)
class ChangedImage:
    """A photo the two models judged differently: its true class and both answers."""

    path: Path
    true: str
    predicted_a: str
    prob_a: float
    predicted_b: str
    prob_b: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "true": self.true,
            "a": {"predicted": self.predicted_a, "prob": round(float(self.prob_a), 6)},
            "b": {"predicted": self.predicted_b, "prob": round(float(self.prob_b), 6)},
        }


@dataclass(frozen=True)
class ClassChange:
    """One class's F1 under each model (None where that model does not know the class)."""

    name: str
    f1_a: float | None
    f1_b: float | None
    support: int

    @property
    def change(self) -> float | None:
        if self.f1_a is None or self.f1_b is None:
            return None
        return self.f1_b - self.f1_a

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(float(value), 6)

        return {
            "f1_a": rounded(self.f1_a),
            "f1_b": rounded(self.f1_b),
            "change": rounded(self.change),
            "support": self.support,
        }


@dataclass
class Comparison:
    """Model A and model B on the same photos."""

    name_a: str
    name_b: str
    evaluation_a: Evaluation
    evaluation_b: Evaluation
    classes: list[ClassChange]
    only_a: list[str]  # classes model A knows and model B does not
    only_b: list[str]
    now_right: list[ChangedImage]  # wrong with A, right with B; A's most confident first
    now_wrong: list[ChangedImage]  # right with A, wrong with B; B's most confident first
    images: int = 0  # photos both models answered
    unmatched: list[Path] = field(default_factory=list)  # answered by one model only

    @property
    def accuracy_a(self) -> float:
        return float(self.evaluation_a.accuracy)

    @property
    def accuracy_b(self) -> float:
        return float(self.evaluation_b.accuracy)

    @property
    def unchanged(self) -> bool:
        """Both models right and wrong on exactly the same photos."""
        return not self.now_right and not self.now_wrong

    def to_json_dict(self, limit: int | None = None) -> dict[str, Any]:
        """``{"a": {"name", "accuracy"}, "b": ..., "images", "per_class": {name: {"f1_a",
        "f1_b", "change", "support"}}, "only_in_a", "only_in_b", "now_right": [...],
        "now_wrong": [...]}``; each changed photo is ``{"path", "true", "a": {"predicted",
        "prob"}, "b": {...}}``."""
        right = self.now_right if limit is None else self.now_right[:limit]
        wrong = self.now_wrong if limit is None else self.now_wrong[:limit]
        return {
            "a": {"name": self.name_a, "accuracy": round(self.accuracy_a, 6)},
            "b": {"name": self.name_b, "accuracy": round(self.accuracy_b, 6)},
            "images": self.images,
            "per_class": {c.name: c.as_dict() for c in self.classes},
            "only_in_a": list(self.only_a),
            "only_in_b": list(self.only_b),
            "now_right": [item.as_dict() for item in right],
            "now_wrong": [item.as_dict() for item in wrong],
        }

    def format_text(self, limit: int = 10) -> str:
        """The comparison as plain fixed-width text, for the command line."""
        points = 100.0 * (self.accuracy_b - self.accuracy_a)
        lines = [
            f"Compared on {self.images} images: A = {self.name_a}, B = {self.name_b}",
            f"Accuracy: A {self.accuracy_a:.1%}, B {self.accuracy_b:.1%} ({points:+.1f} points)",
            "",
        ]
        width = max([len("class"), *(len(c.name) for c in self.classes)])
        lines.append(f"{'class':<{width}}   F1 A   F1 B  change  images")

        def cell(value: float | None, sign: str = "") -> str:
            return "     –" if value is None else f"{value:{sign}6.3f}"

        for c in self.classes:
            lines.append(
                f"{c.name:<{width}}  {cell(c.f1_a)} {cell(c.f1_b)}  {cell(c.change, '+')}  "
                f"{c.support:6d}"
            )
        if self.only_a:
            lines.append(f"Only A knows: {', '.join(self.only_a)}")
        if self.only_b:
            lines.append(f"Only B knows: {', '.join(self.only_b)}")
        for title, items in (("Now right", self.now_right), ("Now wrong", self.now_wrong)):
            lines.append("")
            lines.append(f"{title} ({len(items)}):" if items else f"{title}: none")
            for item in items[:limit]:
                lines.append(
                    f"  {item.path}  is {item.true}; A: {item.predicted_a} ({item.prob_a:.1%}), "
                    f"B: {item.predicted_b} ({item.prob_b:.1%})"
                )
            if len(items) > limit:
                lines.append(f"  … and {len(items) - limit} more")
        return "\n".join(lines)


def _changed(a: ReviewItem, b: ReviewItem) -> ChangedImage:
    return ChangedImage(a.path, a.true, a.predicted, a.prob, b.predicted, b.prob)


def compare_evaluations(
    evaluation_a: Evaluation,
    evaluation_b: Evaluation,
    classes_a: list[str],
    classes_b: list[str],
    name_a: str = "A",
    name_b: str = "B",
) -> Comparison:
    """Set two evaluations of the same photos side by side.

    ``classes_a``/``classes_b`` are the classes each model knows (an
    evaluation also lists the folder's classes its model does not know).
    Photos are matched by path; one evaluated by one model only (unreadable
    the other time) is listed in ``unmatched`` and changes nothing else.
    """
    known_a, known_b = set(classes_a), set(classes_b)
    names: list[str] = []
    for name in [*classes_a, *classes_b, *evaluation_a.classes, *evaluation_b.classes]:
        if name not in names:
            names.append(name)
    rows = []
    for name in names:
        support = max(
            (
                e.per_class[name].support
                for e in (evaluation_a, evaluation_b)
                if name in e.per_class
            ),
            default=0,
        )
        if name not in known_a and name not in known_b and not support:
            continue
        f1_a = evaluation_a.per_class[name].f1 if name in known_a else None
        f1_b = evaluation_b.per_class[name].f1 if name in known_b else None
        rows.append(ClassChange(name, f1_a, f1_b, support))

    by_path_b = {str(item.path): item for item in evaluation_b.review}
    seen_a = set()
    now_right, now_wrong = [], []
    for item_a in evaluation_a.review:
        key = str(item_a.path)
        seen_a.add(key)
        item_b = by_path_b.get(key)
        if item_b is None:
            continue
        if not item_a.correct and item_b.correct:
            now_right.append(_changed(item_a, item_b))
        elif item_a.correct and not item_b.correct:
            now_wrong.append(_changed(item_a, item_b))
    unmatched = [Path(p) for p in by_path_b if p not in seen_a]
    unmatched += [item.path for item in evaluation_a.review if str(item.path) not in by_path_b]
    now_right.sort(key=lambda c: -c.prob_a)
    now_wrong.sort(key=lambda c: -c.prob_b)
    return Comparison(
        name_a=name_a,
        name_b=name_b,
        evaluation_a=evaluation_a,
        evaluation_b=evaluation_b,
        classes=rows,
        only_a=[c for c in classes_a if c not in known_b],
        only_b=[c for c in classes_b if c not in known_a],
        now_right=now_right,
        now_wrong=now_wrong,
        images=len(seen_a & set(by_path_b)),
        unmatched=unmatched,
    )


def compare_on_folder(
    model_a: Classifier,
    model_b: Classifier,
    data_dir: str | Path,
    name_a: str = "A",
    name_b: str = "B",
    *,
    evaluation_b: Evaluation | None = None,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
) -> Comparison:
    """Evaluate both models on every photo of ``data_dir`` and compare them.

    ``evaluation_b``: model B's evaluation of that folder when it is already
    made (the command line evaluates B first). A stop request ends early; the
    comparison then covers the photos both models answered.
    """
    from flowerclf.core.evaluation import evaluate_folder

    if evaluation_b is None:
        evaluation_b = evaluate_folder(model_b, data_dir, progress=progress, stop=stop)
    evaluation_a = evaluate_folder(model_a, data_dir, progress=progress, stop=stop)
    return compare_evaluations(
        evaluation_a,
        evaluation_b,
        list(model_a.classes),
        list(model_b.classes),
        name_a,
        name_b,
    )
