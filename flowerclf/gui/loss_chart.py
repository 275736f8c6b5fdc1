"""Live training curves: loss per step (raw and smoothed), and per epoch validation results.

Plot items are created once; each update only calls ``setData``: re-creating
items on every batch is what makes live charts stutter.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

# Loss curves are noisy per batch; this is the weight of history in the
# exponential moving average (0.9 follows the trend over about ten batches).
SMOOTHING = 0.9


#: Where a validation loss of exactly 0 is drawn on the log axis.
LOSS_FLOOR = 1e-4


class LossChart(QWidget):
    """Two plots side by side: losses (x in epochs) and validation accuracy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step_x: list[float] = []
        self._step_loss: list[float] = []
        self._smooth: list[float] = []
        self._ema = 0.0
        self._ema_weight = 0.0
        self._epoch_x: list[float] = []
        self._val_loss: list[float] = []
        self._val_acc_x: list[float] = []
        self._val_acc: list[float] = []
        self._markers: list[pg.InfiniteLine] = []

        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base)
        foreground = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(background)
        self.view.setMinimumHeight(140)
        self.loss_plot = self.view.addPlot(row=0, col=0, axisItems={"left": _PlainLogAxis("left")})
        self.acc_plot = self.view.addPlot(row=0, col=1, axisItems={"left": _PercentAxis("left")})
        self.view.ci.layout.setColumnStretchFactor(0, 3)
        self.view.ci.layout.setColumnStretchFactor(1, 2)

        for plot, title, left in (
            (self.loss_plot, self.tr("Loss (lower is better)"), self.tr("loss")),
            (
                self.acc_plot,
                self.tr("Validation accuracy (higher is better)"),
                self.tr("accuracy %"),
            ),
        ):
            plot.setTitle(title, color=foreground.name(), size="10pt")
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setLabel("bottom", self.tr("epoch"), color=foreground.name())
            plot.setLabel("left", left, color=foreground.name())
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setPen(pg.mkPen(foreground))
                plot.getAxis(axis).setTextPen(pg.mkPen(foreground))
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMenuEnabled(False)
        # Losses span orders of magnitude (a first epoch's 30 and a last one's 0.01):
        # on a log axis both stay readable, and "lower is better" still holds.
        self.loss_plot.setLogMode(y=True)
        self.acc_plot.setYRange(0, 100, padding=0.02)

        raw_color = QColor(accent)
        raw_color.setAlphaF(0.3)
        self.raw_curve = self.loss_plot.plot([], [], pen=pg.mkPen(raw_color, width=1))
        self.smooth_curve = self.loss_plot.plot([], [], pen=pg.mkPen(accent, width=2.5))
        self.val_loss_curve = _epoch_curve(self.loss_plot, QColor("#e8730c"))
        self.acc_curve = _epoch_curve(self.acc_plot, QColor("#2e9d57"))
        self.acc_plot.setXRange(0.5, 3.5, padding=0)

        # The legend sits in its own row under the plots, never over the curves.
        # One row of short labels: long ones set a minimum width that cut the plots off
        # in a 1024-pixel window, and a second row took the plots' height.
        self.legend = pg.LegendItem(colCount=4, labelTextColor=foreground.name())
        self.view.ci.addItem(self.legend, row=1, col=0, colspan=2)
        for curve, label in (
            (self.raw_curve, self.tr("each batch")),
            (self.smooth_curve, self.tr("smoothed")),
            (self.val_loss_curve, self.tr("validation loss")),
            (self.acc_curve, self.tr("validation accuracy")),
        ):
            self.legend.addItem(curve, label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def clear(self, epochs: int | None = None) -> None:
        """Forget the last run; ``epochs`` sets the x range of the accuracy plot."""
        for series in (
            self._step_x,
            self._step_loss,
            self._smooth,
            self._epoch_x,
            self._val_loss,
            self._val_acc_x,
            self._val_acc,
        ):
            series.clear()
        self._ema = 0.0
        self._ema_weight = 0.0
        for line in self._markers:
            self.loss_plot.removeItem(line)
        self._markers.clear()
        if epochs:
            # Fixed x ranges: the curves grow across the plots as the run goes on,
            # which shows at a glance how far along it is.
            self.loss_plot.setXRange(0, epochs, padding=0.02)
            self.acc_plot.setXRange(0.5, epochs + 0.5, padding=0)
            # Whole epochs only on the x axes: there is no epoch 2.5.
            step = max(1, math.ceil(epochs / 8))
            for plot in (self.loss_plot, self.acc_plot):
                plot.getAxis("bottom").setTickSpacing(step, step)
        self._redraw()

    def plan(self, epochs: int) -> None:
        """An empty chart's x axes span the ``epochs`` of the run to come (a drawn one stays)."""
        if not any(self.point_counts().values()):
            self.clear(epochs)

    def add_steps(self, points: list[tuple[float, float]]) -> None:
        """(x in epochs, loss) pairs, oldest first; the chart redraws once for all."""
        for x, loss in points:
            if not math.isfinite(loss) or loss <= 0:
                continue  # nothing a log axis can show (a diverged batch, or exactly 0)
            self._step_x.append(x)
            self._step_loss.append(loss)
            # Debiased EMA: the first points are not pulled towards zero.
            self._ema = SMOOTHING * self._ema + (1 - SMOOTHING) * loss
            self._ema_weight = SMOOTHING * self._ema_weight + (1 - SMOOTHING)
            self._smooth.append(self._ema / self._ema_weight)
        self._redraw()

    def add_epoch(self, epoch: int, val_loss: float | None, val_accuracy: float | None) -> None:
        if val_loss is not None and math.isfinite(val_loss) and val_loss >= 0:
            # A loss of exactly 0 (every answer certain) still gets its point, at the floor.
            self._epoch_x.append(float(epoch))
            self._val_loss.append(max(val_loss, LOSS_FLOOR))
        if val_accuracy is not None:
            self._val_acc_x.append(float(epoch))
            self._val_acc.append(100.0 * val_accuracy)
        self._redraw()

    def add_marker(self, x: float, text: str) -> None:
        """A dashed line at ``x`` (in epochs) on the loss plot, saying what happened there."""
        line = pg.InfiniteLine(
            pos=x,
            angle=90,
            pen=pg.mkPen(QColor("#b3261e"), width=1, style=Qt.PenStyle.DashLine),
            label=text,
            labelOpts={"position": 0.9, "color": "#b3261e", "rotateAxis": (1, 0)},
        )
        self.loss_plot.addItem(line)
        self._markers.append(line)

    def markers(self) -> list[str]:
        return [line.label.format for line in self._markers]

    def point_counts(self) -> dict[str, int]:
        """How many points each curve holds (tests and the log use this)."""
        return {
            "steps": len(self._step_loss),
            "val_loss": len(self._val_loss),
            "val_accuracy": len(self._val_acc),
        }

    def _redraw(self) -> None:
        x = np.asarray(self._step_x, dtype=float)
        self.raw_curve.setData(x, np.asarray(self._step_loss, dtype=float))
        self.smooth_curve.setData(x, np.asarray(self._smooth, dtype=float))
        self.val_loss_curve.setData(
            np.asarray(self._epoch_x, dtype=float), np.asarray(self._val_loss, dtype=float)
        )
        self.acc_curve.setData(
            np.asarray(self._val_acc_x, dtype=float), np.asarray(self._val_acc, dtype=float)
        )


def _epoch_curve(plot: pg.PlotItem, color: QColor) -> pg.PlotDataItem:
    """A line with a dot per epoch: few points, each one worth seeing."""
    return plot.plot(
        [],
        [],
        pen=pg.mkPen(color, width=2),
        symbol="o",
        symbolSize=8,
        symbolBrush=color,
        symbolPen=pg.mkPen(color),
    )


def plain_log_labels(numbers: list[float]) -> list[str]:
    """Labels for log-axis ticks: plain numbers (0.1, 0.2, 0.5, 1, 2...), not powers of ten.

    Only 1, 2 and 5 times a power of ten get a label, so that a wide range does
    not pile nine labels into every decade. A narrow range (losses between 0.3
    and 0.45, say) may have none of those: then every tick is labelled, with as
    many digits as it takes to tell them apart, so the axis never goes blank.
    """
    labels = []
    for number in numbers:
        mantissa = number / 10 ** math.floor(math.log10(number)) if number > 0 else 0
        keep = any(abs(mantissa - m) < 1e-6 for m in (1, 2, 5))
        labels.append(plain_number(number) if keep else "")
    if any(labels) or not numbers:
        return labels
    for digits in range(2, 7):
        labels = [plain_number(float(f"{number:.{digits}g}")) for number in numbers]
        if len(set(labels)) == len(labels):
            break
    return labels


def plain_number(number: float) -> str:
    """0.000001 rather than 1e-06: nobody reading a loss curve should need to know exponents."""
    if number >= 1 or number <= 0:
        return f"{number:g}"
    return f"{number:.12f}".rstrip("0").rstrip(".")


#: the height a tick label needs on a vertical axis, in pixels
LABEL_HEIGHT = 16


class _PlainLogAxis(pg.AxisItem):
    """A log axis labelled in plain numbers (see :func:`plain_log_labels`).

    On a short plot, fewer labels: powers of ten only, then every other one,
    so that they never run into each other.
    """

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        labels = plain_log_labels([10**v * scale for v in values])
        room = max(1, int(self.geometry().height() // LABEL_HEIGHT))
        if sum(1 for label in labels if label) <= room:
            return labels
        tens = [
            label if label and abs(v - round(v)) < 1e-6 else "" for label, v in zip(labels, values)
        ]
        while sum(1 for label in tens if label) > room:
            shown = [i for i, label in enumerate(tens) if label]
            for i in shown[1::2]:
                tens[i] = ""
        return tens


class _PercentAxis(pg.AxisItem):
    """0 to 100 in steps of 20, or of 50 on a short plot (labels never overlap)."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph override
        step = 20 if size >= 6 * LABEL_HEIGHT else 50
        return [(step, 0), (step / 2, 0)]
