"""The tabs' two-pane splitters, built one way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget


def two_panes(
    orientation: Qt.Orientation,
    name: str,
    first: QWidget,
    second: QWidget,
    stretch: tuple[int, int],
    sizes: tuple[int, int] | None = None,
) -> QSplitter:
    """A splitter of two panes that never collapse.

    ``name`` is its object name, under which its state is remembered;
    ``stretch`` shares out extra room, ``sizes`` is the first layout.
    """
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    if sizes is not None:
        splitter.setSizes(list(sizes))
    return splitter
