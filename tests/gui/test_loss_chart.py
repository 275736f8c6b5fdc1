"""The live chart: both plots stay whole in a narrow window."""

from __future__ import annotations

from flowerclf.gui.loss_chart import LossChart


def test_the_accuracy_plot_is_not_cut_off_at_1024_pixels(qtbot):
    # At 1024 px the chart gets about 560 px beside the log.
    chart = LossChart()
    qtbot.addWidget(chart)
    chart.resize(560, 260)
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.wait(50)
    assert chart.acc_plot.sceneBoundingRect().right() <= chart.view.viewport().width()
    assert chart.loss_plot.sceneBoundingRect().left() >= 0


def test_a_short_chart_never_crowds_its_axis_labels(qtbot):
    from flowerclf.gui.loss_chart import LABEL_HEIGHT

    chart = LossChart()
    qtbot.addWidget(chart)
    chart.resize(560, 170)  # a 700-pixel screen with a message shown
    chart.show()
    qtbot.waitExposed(chart)
    chart.clear(3)
    chart.add_steps([(i / 8, 30 * 0.5**i) for i in range(1, 24)])  # 15 down to 0.000004
    chart.add_epoch(1, 0.5, 0.4)
    qtbot.wait(50)
    for plot in (chart.loss_plot, chart.acc_plot):
        axis = plot.getAxis("left")
        height = axis.geometry().height()
        low, high = axis.range
        for spacing, values in axis.tickValues(low, high, height):  # each level of ticks
            labels = [t for t in axis.tickStrings(values, axis.autoSIPrefixScale, spacing) if t]
            assert len(labels) * LABEL_HEIGHT <= height + LABEL_HEIGHT, labels
