"""The command line, the Train tab and the core agree on every training default and choice."""

from __future__ import annotations

from dataclasses import fields

from flowerclf.cli import build_parser, training_config
from flowerclf.core.config import ARCHITECTURES, TrainingConfig
from flowerclf.gui.settings import Settings
from flowerclf.gui.train_options import SHOWN_FIELDS, TrainOptions


def test_cli_train_tab_and_core_defaults_are_the_same(qtbot):
    core = TrainingConfig()
    cli = training_config(build_parser().parse_args(["train", "photos", "-o", "m.safetensors"]))
    options = TrainOptions(Settings())
    qtbot.addWidget(options)
    options.restore_defaults()
    tab = options.config()
    assert cli == core
    for name in SHOWN_FIELDS:
        assert getattr(tab, name) == getattr(core, name), name
    # The fields the tab does not show keep the core's defaults too.
    assert tab == core
    assert set(SHOWN_FIELDS) <= {f.name for f in fields(TrainingConfig)}


def test_cli_and_train_tab_offer_the_same_networks(qtbot, capsys):
    options = TrainOptions(Settings())
    qtbot.addWidget(options)
    offered = [options.arch_box.itemData(i) for i in range(options.arch_box.count())]
    assert offered == list(ARCHITECTURES)
    try:
        build_parser().parse_args(["train", "--help"])
    except SystemExit:
        pass
    assert ", ".join(ARCHITECTURES) in " ".join(capsys.readouterr().out.split())
