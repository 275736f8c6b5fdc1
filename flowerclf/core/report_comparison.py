"""The report's comparison section: two models on the same photos, side by side.

Accuracy of each, a per-class F1 table with the change, the classes only one
model knows, and thumbnails of the photos now right and now wrong. Rendered
into :func:`flowerclf.core.report.render_report` when a comparison is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from flowerclf.core.comparison import ChangedImage, Comparison
from flowerclf.core.report import _e, _percent, thumbnail_data_uri

SECTION_ID = "comparison"


def _change(value: float | None) -> str:
    if value is None:
        return "–"
    points = 100.0 * value
    colour = "#1a7f37" if points > 0.05 else "#cf222e" if points < -0.05 else "#656d76"
    return f'<span style="color: {colour}">{points:+.1f}</span>'


def _class_table(comparison: Comparison) -> str:
    rows = [
        '<tr><th class="name">class</th><th>F1 A</th><th>F1 B</th><th>change (points)</th>'
        "<th>images</th></tr>"
    ]
    for c in comparison.classes:
        rows.append(
            f'<tr><td class="name">{_e(c.name)}</td><td>{_percent(c.f1_a)}</td>'
            f"<td>{_percent(c.f1_b)}</td><td>{_change(c.change)}</td><td>{c.support}</td></tr>"
        )
    return f'<table class="comparison">{"".join(rows)}</table>'


def _card(item: ChangedImage) -> str:
    uri = thumbnail_data_uri(item.path)
    name = Path(item.path).name
    picture = (
        '<div class="missing">picture not found</div>'
        if uri is None
        else f'<img src="{uri}" alt="{_e(name)}">'
    )
    return (
        f"<figure>{picture}<figcaption>labelled {_e(item.true)}<br>"
        f"A: {_e(item.predicted_a)} {_percent(item.prob_a)}<br>"
        f"B: {_e(item.predicted_b)} {_percent(item.prob_b)}<br>"
        f'<span class="muted" title="{_e(item.path)}">{_e(item.path)}</span>'
        "</figcaption></figure>"
    )


def _pictures(title: str, items: Sequence[ChangedImage], limit: int, id_: str) -> str:
    if not items:
        return f'<h3 id="{id_}">{_e(title)}: none</h3>'
    more = f'<p class="note">… and {len(items) - limit} more.</p>' if len(items) > limit else ""
    cards = "".join(_card(item) for item in items[:limit])
    return f'<h3 id="{id_}">{_e(title)} ({len(items)})</h3><div class="grid">{cards}</div>{more}'


def comparison_section(comparison: Comparison, limit: int = 12) -> str:
    """The section's HTML (everything from the user's folders escaped)."""
    points = 100.0 * (comparison.accuracy_b - comparison.accuracy_a)
    cards = (
        '<div class="cards">'
        f'<div><div class="big">{_percent(comparison.accuracy_a)}</div>'
        f'<div class="muted">A: {_e(comparison.name_a)}</div></div>'
        f'<div><div class="big">{_percent(comparison.accuracy_b)}</div>'
        f'<div class="muted">B: {_e(comparison.name_b)}</div></div>'
        f'<div><div class="big">{points:+.1f}</div><div class="muted">points</div></div>'
        "</div>"
    )
    notes = [f"Both models on the same {comparison.images} image(s)."]
    if comparison.only_a:
        notes.append(f"Only A knows: {', '.join(comparison.only_a)}.")
    if comparison.only_b:
        notes.append(f"Only B knows: {', '.join(comparison.only_b)}.")
    if comparison.unchanged:
        notes.append("Both models are right and wrong on exactly the same images.")
    body = (
        cards
        + f'<p class="muted">{_e(" ".join(notes))}</p>'
        + _class_table(comparison)
        + _pictures(
            "Now right (wrong with A, right with B)", comparison.now_right, limit, "now-right"
        )
        + _pictures(
            "Now wrong (right with A, wrong with B)", comparison.now_wrong, limit, "now-wrong"
        )
    )
    return f'<section id="{SECTION_ID}"><h2>Compared with another model</h2>{body}</section>'
