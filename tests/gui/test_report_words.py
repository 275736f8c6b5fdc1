"""The HTML report speaks the app's language: every phrase listed for lupdate, none left English."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from flowerclf.core import continuing, report, report_comparison
from flowerclf.gui.report_words import PHRASES
from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.gui.test_comparison_view import _compare, _swapped
from tests.gui.test_translations import CJK, KEPT_WORDS, english_left

#: the core modules that write the report's words
REPORT_MODULES = (report, report_comparison, continuing)
#: the functions that mark a phrase of the report: said now (_w) or later (_p)
MARKERS = {"_w", "_p"}


def core_phrases() -> set[str]:
    """Every constant phrase the report's modules pass to ``_w(...)`` or ``_p(...)``."""
    found = set()
    for module in REPORT_MODULES:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS:
                first = node.args[0]
                # _w(labels[key]): a label of a table marked with _p(...), counted there
                if isinstance(first, ast.Constant):
                    found.add(first.value)
    return found


def test_every_phrase_of_the_report_is_listed_for_the_catalogue():
    phrases = core_phrases()
    assert len(phrases) > 80  # the scan found the report's words
    assert "Confusion matrix" in phrases and "all kept" in phrases  # report.py, continuing.py
    assert "Compared with another model" in phrases  # report_comparison.py
    assert set(PHRASES) == phrases, (
        f"missing in gui/report_words.py: {sorted(phrases - set(PHRASES))}; "
        f"no longer in the report: {sorted(set(PHRASES) - phrases)}"
    )


class _Shown(HTMLParser):
    """What a reader of the page sees: its text, and its tooltips and chart labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.language = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.language = values.get("lang") or ""
        self._in_style = tag == "style"
        self.texts += [
            values[name] or "" for name in ("title", "aria-label", "alt") if name in values
        ]

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if not self._in_style and data.strip():
            self.texts.append(data.strip())


def test_the_report_written_by_the_chinese_app_has_no_english_left(
    qtbot, chinese, window, training_result, dataset, tmp_path
):
    session = window.session
    other = session.add_model(_swapped(training_result.classifier), "swapped")
    trained = session.add_trained(training_result)  # the current model, with its curves
    _compare(qtbot, window, other, dataset)
    tab = window.results_tab
    assert tab.export_report(tmp_path / "report.html")
    qtbot.waitUntil(lambda: "report.html" in tab.message_bar.text(), timeout=THREAD_TIMEOUT_MS)

    page = _Shown()
    page.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    page.close()
    assert page.language == "zh-CN"
    # data, as the person's folders and the model name it: classes, models, paths, settings
    classifier = training_result.classifier
    data = {*classifier.classes, classifier.arch, trained.name, other.name}
    for path in [tmp_path, *dataset.rglob("*")]:  # the photos' paths and names
        data |= set(re.split(r"[/\\]", str(path.with_suffix(""))))
    data |= {str(value) for value in classifier.metadata["training"].values()}
    left = [(text, english_left(text, KEPT_WORDS | data)) for text in page.texts]
    assert not [found for found in left if found[1]], "\n".join(
        f"{text!r}: {words}" for text, words in left if words
    )
    shown = " ".join(page.texts)
    for words in ("混淆矩阵", "与另一个模型比较", "训练设置", "现在对了", "轮次", "各类别平均"):
        assert words in shown  # every section, the comparison and the charts were read
    assert CJK.search(shown)
