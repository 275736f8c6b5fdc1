"""A report to keep: one self-contained HTML file about a trained model.

It holds the training settings, the loss and accuracy curves (inline SVG), the
confusion matrix (a coloured table), per-class metrics and thumbnails of the
images to review (embedded as data URIs), so it opens anywhere, offline, and
can be mailed or handed out as a single file. Every name and path that comes
from the user's folders is HTML-escaped.

No torch and no Qt: a report can be written from a model file's metadata alone.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from flowerclf.core.data import load_image
from flowerclf.core.errors import ImageLoadError
from flowerclf.core.evaluation import Evaluation, ReviewItem
from flowerclf.core.files import atomic_write_text
from flowerclf.core.wording import Words, speaking
from flowerclf.core.wording import phrase as _p
from flowerclf.core.wording import words as _w

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.comparison import Comparison
    from flowerclf.core.events import EpochEvent
    from flowerclf.core.predict import Classifier
    from flowerclf.core.training import TrainingResult

#: The sections of a report, by element id, in page order.
SECTION_IDS = ("summary", "settings", "curves", "confusion", "per-class", "review")

THUMBNAIL_SIZE = 160
_CHART_WIDTH = 640
_CHART_HEIGHT = 280
_MAX_CHART_POINTS = 600

_SETTING_LABELS = {
    "arch": _p("Architecture"),
    "weights": _p("Starting weights"),
    "freeze_backbone": _p("Last layer only"),
    "epochs": _p("Epochs"),
    "batch_size": _p("Batch size"),
    "lr": _p("Learning rate"),
    "val_split": _p("Validation share"),
    "image_size": _p("Image size (pixels)"),
    "device": _p("Device"),
    "seed": _p("Random seed"),
    "workers": _p("Loader threads"),
    "precision": _p("Number format"),
}
_MODEL_LABELS = {
    "created": _p("Created"),
    "dataset": _p("Dataset folder"),
    "train_images": _p("Training images"),
    "val_images": _p("Validation images"),
    "epochs_completed": _p("Epochs completed"),
    "best_epoch": _p("Best epoch"),
    "best_val_accuracy": _p("Best validation accuracy"),
    "stopped": _p("Stopped early"),
    "imported_from": _p("Imported from"),
    "processes": _p("Processes"),
    "flowerclf_version": _p("Flowerclf version"),
    "recovery_name": _p("Recovery name"),
    "source": _p("Source"),
}
# metadata shown elsewhere in the report, or too long for the settings table
_NOT_SETTINGS = {"training", "history", "evaluation", "classes"}

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; color: #1f2328; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 0.3rem;
  margin-top: 2.2rem; }
.muted { color: #656d76; } .note { color: #656d76; font-style: italic; }
.big { font-size: 2.2rem; font-weight: 600; }
.cards { display: flex; gap: 2.5rem; flex-wrap: wrap; align-items: baseline; }
table { border-collapse: collapse; margin: 0.6rem 0; }
th, td { padding: 0.3rem 0.6rem; border: 1px solid #d0d7de; text-align: right; }
th { background: #f6f8fa; } td.name, th.name { text-align: left; }
table.confusion td { min-width: 2.6rem; text-align: center; font-variant-numeric: tabular-nums; }
table.confusion th.axis { background: none; border: none; color: #656d76; font-weight: normal; }
tr.total td { font-weight: 600; }
svg { max-width: 100%; height: auto; } svg text { font-size: 12px; fill: #1f2328; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 1rem; }
figure { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem; }
figure img { display: block; margin: 0 auto; max-width: 100%; }
figure .missing { height: 120px; display: flex; align-items: center; justify-content: center;
  background: #f6f8fa; color: #656d76; }
figcaption { font-size: 0.85rem; margin-top: 0.4rem; overflow-wrap: anywhere; }
.wrong { color: #cf222e; font-weight: 600; } .unsure { color: #9a6700; font-weight: 600; }
"""


def _e(value: Any) -> str:
    """HTML-escape anything, quotes included."""
    return html.escape(str(value), quote=True)


def _percent(value: float | None, digits: int = 1) -> str:
    if value is None or not _finite(value):
        return "–"
    return f"{100.0 * float(value):.{digits}f}%"


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float, np.floating, np.integer)) and math.isfinite(value)


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class _Epoch:
    epoch: int
    train_loss: float | None
    val_loss: float | None
    val_accuracy: float | None


def _epochs(history: Sequence[EpochEvent | Mapping[str, Any]]) -> list[_Epoch]:
    """EpochEvents or their dict form (as stored in a model file), in order."""
    epochs = []
    for index, entry in enumerate(history):

        def get(name: str, entry: Any = entry) -> Any:
            return entry.get(name) if isinstance(entry, Mapping) else getattr(entry, name, None)

        def number(name: str) -> float | None:
            value = get(name)
            return float(value) if _finite(value) else None

        epoch = get("epoch")
        epochs.append(
            _Epoch(
                int(epoch) if _finite(epoch) else index + 1,
                number("train_loss"),
                number("val_loss"),
                number("val_accuracy"),
            )
        )
    return epochs


def smooth(values: Sequence[float], window: int | None = None) -> list[float]:
    """A centred moving average (the window shrinks at the ends); by default ~1/25 of the run."""
    data = np.asarray([v for v in values if _finite(v)], dtype=np.float64)
    if data.size == 0:
        return []
    if window is None:
        window = max(1, data.size // 25)
    window = max(1, min(int(window), data.size))
    kernel = np.ones(window)
    sums = np.convolve(data, kernel, mode="same")
    counts = np.convolve(np.ones_like(data), kernel, mode="same")
    return (sums / counts).tolist()


# --------------------------------------------------------------------------- SVG charts


@dataclass(frozen=True)
class _Series:
    name: str
    xs: Sequence[float]
    ys: Sequence[float]
    color: str
    width: float = 2.0
    opacity: float = 1.0
    markers: bool = False


def _nice_step(span: float, count: int) -> float:
    raw = span / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _ticks(low: float, high: float, count: int = 5, min_step: float = 0.0) -> list[float]:
    if not high > low:
        high = low + 1.0
    step = max(_nice_step(high - low, count), min_step)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _tick_label(value: float) -> str:
    return f"{value:g}" if abs(value) >= 0.01 or value == 0 else f"{value:.1e}"


def _text_width(text: str) -> int:
    """About how wide ``text`` is in the charts' 12 px type: CJK characters are square."""
    return sum(12 if ord(char) >= 0x2E80 else 7 for char in text)


def _thin(xs: Sequence[float], ys: Sequence[float]) -> tuple[list[float], list[float]]:
    stride = max(1, math.ceil(len(xs) / _MAX_CHART_POINTS))
    return list(xs[::stride]), list(ys[::stride])


def line_chart(
    series: Sequence[_Series],
    x_label: str,
    y_label: str,
    y_range: tuple[float, float] | None = None,
    chart_id: str | None = None,
    integer_x: bool = False,
) -> str:
    """An inline SVG line chart with axes, ticks and a legend (whole-number x ticks if asked)."""
    width, height = _CHART_WIDTH, _CHART_HEIGHT
    left, right, top, bottom = 56, 16, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    points = [(x, y) for s in series for x, y in zip(s.xs, s.ys, strict=True) if _finite(y)]
    id_attr = f' id="{_e(chart_id)}"' if chart_id else ""
    if not points:
        return f'<p class="note"{id_attr}>{_e(_w("Nothing to draw."))}</p>'
    x_low, x_high = min(p[0] for p in points), max(p[0] for p in points)
    if y_range is None:
        y_low, y_high = min(0.0, min(p[1] for p in points)), max(p[1] for p in points)
    else:
        y_low, y_high = y_range
    if x_high <= x_low:
        x_high = x_low + 1.0
    y_ticks = _ticks(y_low, y_high)
    y_low, y_high = min(y_low, y_ticks[0]), max(y_high, y_ticks[-1])
    x_ticks = _ticks(x_low, x_high, 8, 1.0 if integer_x else 0.0)

    def sx(x: float) -> float:
        return left + (x - x_low) / (x_high - x_low) * plot_w

    def sy(y: float) -> float:
        return top + (1.0 - (y - y_low) / (y_high - y_low)) * plot_h

    parts = [
        f'<svg{id_attr} xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(y_label)}">',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#ffffff" '
        'stroke="#d0d7de"/>',
    ]
    for tick in y_ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eaeef2"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_tick_label(tick)}</text>'
        )
    for tick in x_ticks:
        if x_low - 1e-9 <= tick <= x_high + 1e-9:
            x = sx(tick)
            parts.append(
                f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 4}" '
                f'stroke="#656d76"/><text x="{x:.1f}" y="{top + plot_h + 17}" '
                f'text-anchor="middle">{_tick_label(tick)}</text>'
            )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">'
        f"{_e(x_label)}</text>"
        f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.1f})">{_e(y_label)}</text>'
    )
    legend_x = left + 8
    for s in series:
        xs, ys = _thin(s.xs, s.ys)
        coords = " ".join(
            f"{sx(x):.1f},{sy(y):.1f}" for x, y in zip(xs, ys, strict=True) if _finite(y)
        )
        if not coords:
            continue
        parts.append(
            f'<polyline fill="none" stroke="{s.color}" stroke-width="{s.width}" '
            f'stroke-opacity="{s.opacity}" stroke-linejoin="round" points="{coords}"/>'
        )
        if s.markers:
            parts.extend(
                f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" fill="{s.color}"/>'
                for x, y in zip(xs, ys, strict=True)
                if _finite(y)
            )
        if s.name:
            parts.append(
                f'<rect x="{legend_x}" y="{top - 18}" width="14" height="4" fill="{s.color}" '
                f'fill-opacity="{s.opacity}"/><text x="{legend_x + 18}" y="{top - 12}">'
                f"{_e(s.name)}</text>"
            )
            legend_x += 26 + _text_width(s.name)
    parts.append("</svg>")
    return "".join(parts)


def _per_epoch(
    epochs: list[_Epoch], label: str, value: Callable[[_Epoch], float | None], colour: str
) -> _Series:
    """One marked point per epoch; an epoch without the value leaves a gap."""
    values = [value(e) for e in epochs]
    return _Series(
        label,
        [e.epoch for e in epochs],
        [math.nan if v is None else v for v in values],
        colour,
        markers=True,
    )


def _loss_chart(epochs: list[_Epoch], step_losses: Sequence[float]) -> str:
    series: list[_Series] = []
    steps = [float(v) for v in step_losses if _finite(v)]
    per_epoch = len(steps) / len(epochs) if epochs and steps else 0.0
    x_label = _w("epoch") if epochs else _w("training step")
    if steps:
        xs = [(i + 1) / per_epoch if per_epoch else float(i + 1) for i in range(len(steps))]
        series.append(_Series("", xs, steps, "#0969da", width=1.0, opacity=0.25))
        series.append(_Series(_w("training loss (smoothed)"), xs, smooth(steps), "#0969da"))
    elif any(e.train_loss is not None for e in epochs):
        series.append(_per_epoch(epochs, _w("training loss"), lambda e: e.train_loss, "#0969da"))
    if any(e.val_loss is not None for e in epochs):
        series.append(_per_epoch(epochs, _w("validation loss"), lambda e: e.val_loss, "#bc4c00"))
    return line_chart(series, x_label, _w("loss"), chart_id="loss-chart", integer_x=True)


def _accuracy_chart(epochs: list[_Epoch]) -> str:
    if not any(e.val_accuracy is not None for e in epochs):
        note = _e(_w("No validation accuracy was recorded."))
        return f'<p class="note" id="accuracy-chart">{note}</p>'
    series = [
        _per_epoch(
            epochs,
            _w("validation accuracy"),
            lambda e: None if e.val_accuracy is None else 100.0 * e.val_accuracy,
            "#1a7f37",
        )
    ]
    return line_chart(
        series,
        _w("epoch"),
        _w("accuracy (%)"),
        (0.0, 100.0),
        chart_id="accuracy-chart",
        integer_x=True,
    )


# --------------------------------------------------------------------------- tables


def _key_value_table(rows: Sequence[tuple[str, Any]]) -> str:
    body = "".join(
        f'<tr><th class="name">{_e(k)}</th><td class="name">{_e(v)}</td></tr>' for k, v in rows
    )
    return f"<table>{body}</table>"


def _setting_value(key: str, value: Any) -> str:
    """A setting's value for a person: words where the value is a word, data as it is."""
    if isinstance(value, bool):
        return _w("yes") if value else _w("no")
    if value is None:
        return _w("automatic") if key in {"seed", "workers"} else "–"
    if key in {"val_split", "best_val_accuracy"} and _finite(value):
        return _percent(value)
    if key in {"device", "precision"} and value == "auto":
        return _w("auto")
    if key == "weights" and value in {"imagenet", "none"}:
        return _w("imagenet") if value == "imagenet" else _w("none")
    if key == "source" and isinstance(value, str):
        found = re.fullmatch(r"torchvision's ImageNet weights \((.+)\)", value)
        if found:
            return _w("torchvision's ImageNet weights ({name})", name=found.group(1))
    if isinstance(value, (dict, list, tuple)):
        return ", ".join(str(v) for v in value) if not isinstance(value, dict) else str(value)
    return str(value)


def _label(labels: Mapping[str, str], key: str) -> str:
    """A metadata key's label in the page's words (a key unknown here: its own name)."""
    return _w(labels[key]) if key in labels else key.replace("_", " ").capitalize()


def _settings_rows(
    metadata: Mapping[str, Any], classifier_info: Mapping[str, Any]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    model_rows = [(label, str(value)) for label, value in classifier_info.items()]
    for key, value in metadata.items():
        if key in _NOT_SETTINGS or isinstance(value, (dict, list)):
            continue
        label = _label(_MODEL_LABELS, key)
        model_rows.append((label, _setting_value(key, value)))
    origin = metadata.get("started_from")
    if isinstance(origin, Mapping):
        from flowerclf.core.continuing import describe_origin

        model_rows.append((_w("Started from"), describe_origin(dict(origin))))
    training = metadata.get("training")
    training_rows = []
    if isinstance(training, Mapping):
        for key, value in training.items():
            training_rows.append((_label(_SETTING_LABELS, key), _setting_value(key, value)))
    return model_rows, training_rows


def _shade(fraction: float, diagonal: bool) -> str:
    """Green for right answers, red for mistakes, stronger for a larger share of the row."""
    if fraction <= 0:
        return ""
    alpha = 0.12 + 0.78 * min(1.0, fraction)
    rgb = "26,127,55" if diagonal else "207,34,46"
    text = "#ffffff" if alpha > 0.55 else "#1f2328"
    return f' style="background: rgba({rgb},{alpha:.2f}); color: {text}"'


def confusion_table(evaluation: Evaluation) -> str:
    """The confusion matrix as a coloured HTML table (rows: true class, columns: predicted)."""
    names = evaluation.classes
    confusion = np.asarray(evaluation.confusion, dtype=np.int64)
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in names)
    rows = [
        f'<tr><th class="axis"></th><th class="axis" colspan="{len(names)}">'
        f"{_e(_w('predicted'))}</th></tr>",
        f'<tr><th class="name axis">{_e(_w("true ↓"))}</th>{head}</tr>',
    ]
    for i, name in enumerate(names):
        row_total = int(confusion[i].sum())
        cells = []
        for j, predicted in enumerate(names):
            count = int(confusion[i, j])
            share = count / row_total if row_total else 0.0
            if row_total:
                tip = _w(
                    "true {true}, predicted {predicted}: {count} image(s) ({share} of {true})",
                    true=name, predicted=predicted, count=count, share=f"{share:.0%}",
                )  # fmt: skip
            else:
                tip = _w(
                    "true {true}, predicted {predicted}: {count} image(s)",
                    true=name, predicted=predicted, count=count,
                )  # fmt: skip
            cells.append(f'<td title="{_e(tip)}"{_shade(share, i == j)}>{count}</td>')
        rows.append(f'<tr><th class="name" scope="row">{_e(name)}</th>{"".join(cells)}</tr>')
    return f'<table class="confusion">{"".join(rows)}</table>'


def per_class_table(evaluation: Evaluation) -> str:
    """Precision, recall, F1 and support per class, with macro averages."""
    head = (_w("precision"), _w("recall"), _w("F1"), _w("images"))
    rows = [
        f'<tr><th class="name">{_e(_w("class"))}</th>'
        + "".join(f"<th>{_e(word)}</th>" for word in head)
        + "</tr>"
    ]
    for name in evaluation.classes:
        m = evaluation.per_class[name]
        rows.append(
            f'<tr><td class="name">{_e(name)}</td><td>{_percent(m.precision)}</td>'
            f"<td>{_percent(m.recall)}</td><td>{_percent(m.f1)}</td><td>{m.support}</td></tr>"
        )
    macro = evaluation.metrics
    rows.append(
        f'<tr class="total"><td class="name">{_e(_w("average over classes"))}</td>'
        f"<td>{_percent(macro.macro_precision)}</td><td>{_percent(macro.macro_recall)}</td>"
        f"<td>{_percent(macro.macro_f1)}</td><td>{evaluation.total}</td></tr>"
    )
    return f"<table>{''.join(rows)}</table>"


# --------------------------------------------------------------------------- images


def thumbnail_data_uri(path: str | Path, size: int = THUMBNAIL_SIZE) -> str | None:
    """A small JPEG of the picture as a ``data:`` URI, or None if it cannot be read."""
    try:
        picture = load_image(path, min_size=size)
    except ImageLoadError:
        return None
    picture.thumbnail((size, size))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def thumbnail_html(path: str | Path) -> str:
    """The picture at ``path`` as an embedded thumbnail, or a note that it is not found."""
    uri = thumbnail_data_uri(path)
    if uri is None:
        return f'<div class="missing">{_e(_w("picture not found"))}</div>'
    return f'<img src="{uri}" alt="{_e(Path(path).name)}">'


def _review_card(item: ReviewItem) -> str:
    picture = thumbnail_html(item.path)
    if item.correct:
        verdict = _w(
            "{verdict}: {true}",
            _e,
            verdict=f'<span class="unsure">{_e(_w("right but unsure"))}</span>',
            true=_e(item.true),
        )
    else:
        verdict = _w(
            "{verdict}: taken for {predicted}, labelled {true}",
            _e,
            verdict=f'<span class="wrong">{_e(_w("wrong"))}</span>',
            predicted=_e(item.predicted),
            true=_e(item.true),
        )
    return (
        f"<figure>{picture}<figcaption>{verdict}<br>"
        f"{_e(item.predicted)}: {_percent(item.prob)}<br>"
        f'<span class="muted" title="{_e(item.path)}">{_e(item.path)}</span>'
        "</figcaption></figure>"
    )


# --------------------------------------------------------------------------- the page


def _note(text: str) -> str:
    return f'<p class="note">{_e(text)}</p>'


def _section(section_id: str, heading: str, body: str) -> str:
    return f'<section id="{section_id}"><h2>{_e(heading)}</h2>{body}</section>'


def render_report(
    evaluation: Evaluation | None = None,
    *,
    classifier: Classifier | None = None,
    metadata: Mapping[str, Any] | None = None,
    history: Sequence[EpochEvent | Mapping[str, Any]] | None = None,
    step_losses: Sequence[float] | None = None,
    review_limit: int = 12,
    title: str | None = None,
    comparison: Comparison | None = None,
    words: Words | None = None,
    language: str = "en",
) -> str:
    """The report as an HTML string.

    ``evaluation`` gives the confusion matrix, per-class metrics and images to
    review (by default the one stored in the metadata). ``classifier`` gives the
    architecture, classes and, by default, ``metadata`` (training settings,
    history...). ``comparison`` (a :class:`~flowerclf.core.comparison.Comparison`)
    adds a section after the summary: this model beside another on the same
    photos. ``history`` is a list of :class:`EpochEvent` or their dict form
    (by default ``metadata["history"]``); ``step_losses`` the loss of every
    training batch, for a finer loss curve. The ``review_limit`` worst images
    are shown as thumbnails. Sections missing their data say so.

    ``words`` says the page's English phrases in another language (English
    phrase in, translation out; ``{name}`` fields are filled in afterwards) and
    ``language`` names that language for the page (``"zh_CN"`` or ``"zh-CN"``).
    Names, numbers and paths are data and stay as they are.
    """
    with speaking(words):
        return _render(
            evaluation, classifier, metadata, history, step_losses, review_limit, title,
            comparison, language,
        )  # fmt: skip


def _render(
    evaluation: Evaluation | None,
    classifier: Classifier | None,
    metadata: Mapping[str, Any] | None,
    history: Sequence[EpochEvent | Mapping[str, Any]] | None,
    step_losses: Sequence[float] | None,
    review_limit: int,
    title: str | None,
    comparison: Comparison | None,
    language: str,
) -> str:
    if metadata is None:
        metadata = classifier.metadata if classifier is not None else {}
    if evaluation is None and isinstance(metadata.get("evaluation"), Mapping):
        try:
            evaluation = Evaluation.from_json_dict(dict(metadata["evaluation"]))
        except ValueError:
            evaluation = None
    if history is None:
        stored = metadata.get("history")
        history = stored if isinstance(stored, list) else []
    epochs = _epochs(history)
    step_losses = list(step_losses or [])

    classifier_info: dict[str, Any] = {}
    if classifier is not None:
        classifier_info = {
            _w("Architecture"): classifier.arch,
            _w("Classes"): f"{len(classifier.classes)}: {', '.join(classifier.classes)}",
            _w("Image size (pixels)"): classifier.image_size,
        }
    elif evaluation is not None:
        classifier_info = {_w("Classes"): ", ".join(evaluation.classes)}
    title = title or _w("flowerclf model report")
    created = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")

    # summary
    cards = []
    if evaluation is not None:
        cards.append(
            f'<div><div class="big">{_percent(evaluation.accuracy)}</div>'
            f'<div class="muted">{_e(_w("accuracy on {n} image(s)", n=evaluation.total))}</div>'
            f'</div><div><div class="big">{len(evaluation.mistakes)}</div>'
            f'<div class="muted">{_e(_w("misclassified"))}</div></div>'
        )
    best = metadata.get("best_val_accuracy")
    if _finite(best):
        cards.append(
            f'<div><div class="big">{_percent(best)}</div>'
            f'<div class="muted">{_e(_w("best validation accuracy during training"))}</div>'
            "</div>"
        )
    if classifier is not None:
        cards.append(
            f'<div><div class="big">{_e(classifier.arch)}</div>'
            f'<div class="muted">{_e(_w("{n} classes", n=len(classifier.classes)))}</div></div>'
        )
    summary = f'<div class="cards">{"".join(cards)}</div>' if cards else ""
    if evaluation is not None and evaluation.skipped:
        summary += _note(_w("{n} unreadable image(s) skipped.", n=len(evaluation.skipped)))
    if evaluation is not None and evaluation.stopped:
        summary += _note(_w("The evaluation was stopped before the end."))
    if not summary:
        summary = _note(_w("No evaluation is available for this model."))

    # settings
    model_rows, training_rows = _settings_rows(metadata, classifier_info)
    settings = ""
    if model_rows:
        settings += f"<h3>{_e(_w('Model'))}</h3>" + _key_value_table(model_rows)
    if training_rows:
        settings += f"<h3>{_e(_w('Training'))}</h3>" + _key_value_table(training_rows)
    if not settings:
        settings = _note(_w("No training settings are recorded for this model."))

    # curves
    if epochs or step_losses:
        curves = (
            f"<h3>{_e(_w('Loss'))}</h3>"
            + _loss_chart(epochs, step_losses)
            + f"<h3>{_e(_w('Accuracy'))}</h3>"
            + _accuracy_chart(epochs)
        )
    else:
        curves = _note(_w("No training history is recorded for this model."))

    # confusion, per class, review
    if evaluation is not None:
        explained = _w(
            "Rows: the true class. Columns: the class the model chose. "
            "Right answers lie on the diagonal."
        )
        confusion = f'<p class="muted">{_e(explained)}</p>' + confusion_table(evaluation)
        per_class = per_class_table(evaluation)
        worst = evaluation.review[: max(0, review_limit)]
        worst = [item for item in worst if not item.correct or item.prob < 0.999]
        if worst:
            explained = _w(
                "Worst first: confident mistakes, then right answers the model "
                "was unsure about. Often a mislabelled or unusual picture."
            )
            review = (
                f'<p class="muted">{_e(explained)}</p>'
                f'<div class="grid">{"".join(_review_card(item) for item in worst)}</div>'
            )
        else:
            review = _note(_w("Nothing to review: every image was classified surely."))
    else:
        confusion = per_class = review = _note(_w("No evaluation is available."))

    compared = ""
    if comparison is not None:
        from flowerclf.core.report_comparison import comparison_section

        compared = comparison_section(comparison, review_limit)
    body = "".join(
        [
            _section("summary", _w("Summary"), summary),
            compared,
            _section("settings", _w("Training settings"), settings),
            _section("curves", _w("Loss and accuracy"), curves),
            _section("confusion", _w("Confusion matrix"), confusion),
            _section("per-class", _w("Per-class metrics"), per_class),
            _section("review", _w("Images to review"), review),
        ]
    )
    written = _w("Written by flowerclf on {date}", date=created)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(_language_tag(language))}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><p class="muted">{_e(written)}</p>'
        f"</header>\n<main>{body}</main>\n</body>\n</html>\n"
    )


def _language_tag(language: str) -> str:
    """A language as HTML names it: "zh_CN" becomes "zh-CN"; anything odd, "en"."""
    tag = language.replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) else "en"


def write_report(path: str | Path, evaluation: Evaluation | None = None, **options: Any) -> Path:
    """Write one self-contained HTML report and return its path.

    ``options`` are those of :func:`render_report`: ``classifier``, ``metadata``,
    ``history``, ``step_losses``, ``review_limit``, ``title``, ``comparison``, ``words``
    and ``language``. The file is
    written all at once or not at all; a failure raises
    :class:`~flowerclf.core.errors.WriteError` (kind ``write_failed``).
    """
    text = render_report(evaluation, **options)
    return atomic_write_text(Path(path), text, what="the report")


def write_training_report(path: str | Path, result: TrainingResult, **options: Any) -> Path:
    """The report of a training run: its evaluation, history and per-batch losses."""
    return write_report(
        path,
        getattr(result, "evaluation", None),
        classifier=result.classifier,
        history=result.history,
        step_losses=result.step_losses,
        **options,
    )
