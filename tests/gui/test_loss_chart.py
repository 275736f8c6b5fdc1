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
