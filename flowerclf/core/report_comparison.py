"""The report's comparison section: two models on the same photos, side by side.

Accuracy of each, a per-class F1 table with the change, the classes only one
model knows, and thumbnails of the photos now right and now wrong. Rendered
into :func:`flowerclf.core.report.render_report` when a comparison is given.
"""

from __future__ import annotations

from collections.abc import Sequence

from flowerclf.core.comparison import ChangedImage, Comparison
from flowerclf.core.report import _e, _percent, thumbnail_html
from flowerclf.core.wording import words as _w

SECTION_ID = "comparison"


def _change(value: float | None) -> str:
    if value is None:
        return "–"
    points = 100.0 * value
    colour = "#1a7f37" if points > 0.05 else "#cf222e" if points < -0.05 else "#656d76"
    return f'<span style="color: {colour}">{points:+.1f}</span>'


def _class_table(comparison: Comparison) -> str:
    head = (_w("F1 A"), _w("F1 B"), _w("change (points)"), _w("images"))
    rows = [
        f'<tr><th class="name">{_e(_w("class"))}</th>'
        + "".join(f"<th>{_e(word)}</th>" for word in head)
        + "</tr>"
    ]
    for c in comparison.classes:
        rows.append(
            f'<tr><td class="name">{_e(c.name)}</td><td>{_percent(c.f1_a)}</td>'
            f"<td>{_percent(c.f1_b)}</td><td>{_change(c.change)}</td><td>{c.support}</td></tr>"
        )
    return f'<table class="comparison">{"".join(rows)}</table>'


def _card(item: ChangedImage) -> str:
    labelled = _w("labelled {true}", true=item.true)
    return (
        f"<figure>{thumbnail_html(item.path)}<figcaption>{_e(labelled)}<br>"
        f"A: {_e(item.predicted_a)} {_percent(item.prob_a)}<br>"
        f"B: {_e(item.predicted_b)} {_percent(item.prob_b)}<br>"
        f'<span class="muted" title="{_e(item.path)}">{_e(item.path)}</span>'
        "</figcaption></figure>"
    )


def _pictures(title: str, items: Sequence[ChangedImage], limit: int, id_: str) -> str:
    if not items:
        return f'<h3 id="{id_}">{_e(_w("{title}: none", title=title))}</h3>'
    more = ""
    if len(items) > limit:
        more = f'<p class="note">{_e(_w("… and {n} more.", n=len(items) - limit))}</p>'
    cards = "".join(_card(item) for item in items[:limit])
    heading = _w("{title} ({n})", title=title, n=len(items))
    return f'<h3 id="{id_}">{_e(heading)}</h3><div class="grid">{cards}</div>{more}'


def comparison_section(comparison: Comparison, limit: int = 12) -> str:
    """The section's HTML (everything from the user's folders escaped)."""
    points = 100.0 * (comparison.accuracy_b - comparison.accuracy_a)
    cards = (
        '<div class="cards">'
        f'<div><div class="big">{_percent(comparison.accuracy_a)}</div>'
        f'<div class="muted">A: {_e(comparison.name_a)}</div></div>'
        f'<div><div class="big">{_percent(comparison.accuracy_b)}</div>'
        f'<div class="muted">B: {_e(comparison.name_b)}</div></div>'
        f'<div><div class="big">{points:+.1f}</div><div class="muted">{_e(_w("points"))}</div>'
        "</div></div>"
    )
    notes = [_w("Both models on the same {n} image(s).", n=comparison.images)]
    if comparison.only_a:
        notes.append(_w("Only A knows: {names}.", names=", ".join(comparison.only_a)))
    if comparison.only_b:
        notes.append(_w("Only B knows: {names}.", names=", ".join(comparison.only_b)))
    if comparison.unchanged:
        notes.append(_w("Both models are right and wrong on exactly the same images."))
    body = (
        cards
        + f'<p class="muted">{_e(" ".join(notes))}</p>'
        + _class_table(comparison)
        + _pictures(
            _w("Now right (wrong with A, right with B)"), comparison.now_right, limit, "now-right"
        )
        + _pictures(
            _w("Now wrong (right with A, wrong with B)"), comparison.now_wrong, limit, "now-wrong"
        )
    )
    heading = _e(_w("Compared with another model"))
    return f'<section id="{SECTION_ID}"><h2>{heading}</h2>{body}</section>'
