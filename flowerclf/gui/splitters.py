"""The tabs' two-pane splitters and scrolling panes, built one way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget


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


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area: on a short screen it scrolls rather than
    making the window taller than the screen. Its width is never cut."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(content.minimumSizeHint().width())
    area.setMinimumHeight(120)
    return area
