"""The command line, as a user types it: outputs, files written and exit statuses."""

from __future__ import annotations

import csv
import io
import json

import pytest
import torch

from flowerclf.cli import main
from flowerclf.core.modelfile import load_model
from tests.imagegen import make_dataset, make_image, truncate_file


@pytest.fixture(autouse=True)
def _private_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOWERCLF_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))


def small_train_args(data, model, *options: str) -> list[str]:
    """`flowerclf train` on a small network from random weights (no download), plus options."""
    return [
        "train",
        str(data),
        "-o",
        str(model),
        "--arch",
        "resnet18",
        "--weights",
        "none",
        *options,
    ]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A small model trained through the CLI on two colours, and its dataset."""
    root = tmp_path_factory.mktemp("cli")
    data = make_dataset(root / "data", {"red": 12, "blue": 12}, size=(64, 64))
    model = root / "colours.safetensors"
    code = main(
        small_train_args(data, model, "--epochs", "3", "--image-size", "48", "--seed", "0")
        + ["--val-split", "0.25", "--lr", "1e-3", "--batch-size", "4"]
    )
    assert code == 0
    return model, data


def test_train_prints_summary_epochs_and_where_the_model_went(trained, capsys):
    model, _ = trained
    assert model.is_file()
    info = load_model(model)
    assert info.classes == ["blue", "red"] and info.arch == "resnet18"


def test_train_output_lines(tmp_path, capsys):
    data = make_dataset(tmp_path / "d", {"red": 6, "blue": 6}, size=(48, 48))
    out_model = tmp_path / "m.safetensors"
    code = main(
        small_train_args(data, out_model, "--epochs", "1", "--image-size", "32", "--seed", "1")
        + ["--freeze-backbone", "--lr", "0.01"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "blue" in out and "red" in out  # the dataset summary
    assert "epoch 1/1: train loss" in out and "val accuracy" in out
    assert f"Model written to {out_model}" in out


def test_predict_json_lines_with_an_unreadable_file(trained, tmp_path, capsys):
    model, _ = trained
    red = make_image(tmp_path / "red.png", "red", (70, 60))
    blue = make_image(tmp_path / "blue.jpg", "blue", (60, 70))
    broken = truncate_file(make_image(tmp_path / "broken.jpg", "red", (300, 300)), 0.2)
    code = main(
        [
            "predict",
            str(model),
            str(red),
            str(blue),
            str(broken),
            "--format",
            "json",
            "--top-k",
            "1",
        ]
    )
    printed = capsys.readouterr()
    lines = [json.loads(line) for line in printed.out.splitlines()]
    assert code == 1
    assert "1 of 3 photos could not be read." in printed.err
    assert main(["predict", str(model), str(broken)]) == 1
    assert "1 of 1 photo could not be read." in capsys.readouterr().err
    by_name = {rec["path"].rsplit("/", 1)[-1]: rec for rec in lines}
    assert by_name["red.png"]["top"][0]["label"] == "red"
    assert by_name["blue.jpg"]["top"][0]["label"] == "blue"
    assert len(by_name["red.png"]["top"]) == 1
    assert abs(sum(by_name["red.png"]["probs"].values()) - 1) < 1e-4
    assert set(by_name["broken.jpg"]) == {"path", "error"} and by_name["broken.jpg"]["error"]


def test_predict_a_folder_as_csv_and_table(trained, tmp_path, capsys):
    model, _ = trained
    folder = tmp_path / "photos"
    for i in range(3):
        make_image(folder / f"{i}.jpg", "red", (64, 64), seed=i)
    assert main(["predict", str(model), str(folder), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3 and all(r["top_label"] == "red" for r in rows)
    assert abs(float(rows[0]["blue"]) + float(rows[0]["red"]) - 1) < 1e-4
    assert main(["predict", str(model), str(folder)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 3 and all("red" in line and "%" in line for line in table)


def test_info_describes_the_model(trained, capsys):
    model, _ = trained
    assert main(["info", str(model)]) == 0
    out = capsys.readouterr().out
    assert "resnet18" in out and "blue, red" in out and "Image size:     48" in out
    assert "epochs" in out and "Accuracy:" in out


def test_tutorial_export_and_import_round_trip(trained, tmp_path, capsys):
    model, data = trained
    out_dir = tmp_path / "tutorial"
    assert main(["export-tutorial", str(model), str(out_dir)]) == 0
    weights = out_dir / "resnet18.pth"
    indices = json.loads((out_dir / "class_indices.json").read_text())
    assert indices == {"0": "blue", "1": "red"}
    from torchvision.models import resnet18

    net = resnet18(num_classes=2)
    net.load_state_dict(torch.load(weights, weights_only=True), strict=True)
    again = tmp_path / "again.safetensors"
    assert (
        main(
            ["import-tutorial", str(weights), str(out_dir / "class_indices.json"), "-o", str(again)]
        )
        == 0
    )
    image = next((data / "red").iterdir())
    a = load_model(model)
    b = load_model(again)
    b.image_size = a.image_size  # the pair does not record the input size
    assert torch.allclose(
        torch.tensor(a.predict_one(image).probs),
        torch.tensor(b.predict_one(image).probs),
        atol=1e-6,
    )


@pytest.mark.parametrize(
    "make_args, words",
    [
        (lambda d, t: ["train", str(t / "missing"), "-o", str(t / "m")], "does not exist"),
        (lambda d, t: ["train", str(d / "red"), "-o", str(t / "m")], "class"),
        (lambda d, t: ["train", str(d), "-o", str(t / "m"), "--arch", "resnet9"], "resnet9"),
        (lambda d, t: ["predict", str(d / "red" / "red_000.jpg"), str(d)], "not a flowerclf model"),
        (lambda d, t: ["info", str(t / "nothing.safetensors")], "does not exist"),
        (lambda d, t: ["train", str(d), "-o", str(t / "m"), "--epochs", "0"], "epochs"),
    ],
)
def test_bad_input_gets_one_plain_line_and_status_2(tmp_path, capsys, make_args, words):
    data = make_dataset(tmp_path / "data", {"red": 3, "blue": 3}, size=(32, 32))
    make_image(data / "red" / "extra" / "x.png", "red", (32, 32))
    code = main(make_args(data, tmp_path))
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err


def test_a_folder_with_one_class_is_refused(tmp_path, capsys):
    data = make_dataset(tmp_path / "one", {"roses": 4}, size=(32, 32))
    assert main(["train", str(data), "-o", str(tmp_path / "m")]) == 2
    assert "at least two classes" in capsys.readouterr().err


def test_offline_imagenet_weights_name_both_ways_out(tmp_path, capsys, monkeypatch):
    import flowerclf.core.models as models

    def offline(url, timeout):
        raise OSError("network is unreachable")

    monkeypatch.setattr(models, "_open_url", offline)
    data = make_dataset(tmp_path / "data", {"red": 3, "blue": 3}, size=(32, 32))
    assert main(["train", str(data), "-o", str(tmp_path / "m"), "--arch", "resnet18"]) == 2
    err = capsys.readouterr().err
    assert "--weights PATH" in err and "--weights none" in err and "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("flowerclf: Could not get the ImageNet weights for resnet18")
    assert "--weights PATH" in last and "resnet18-f37072fd.pth" in last


def test_python_m_flowerclf_help_runs():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "flowerclf", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and "train" in out.stdout and "predict" in out.stdout


def test_evaluate_json_scores_the_folder_and_stores_the_result(trained, tmp_path, capsys):
    import shutil

    model_src, data = trained
    model = tmp_path / "copy.safetensors"
    shutil.copy(model_src, model)
    report = tmp_path / "report.html"
    assert (
        main(["evaluate", str(model), str(data), "--format", "json", "--report", str(report)]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["classes"] == ["blue", "red"]
    assert sum(map(sum, result["confusion"])) == 24
    assert result["accuracy"] >= 0.9
    assert set(result["per_class"]["red"]) == {"precision", "recall", "f1", "support"}
    assert {"path", "true", "predicted", "prob"} <= set(result["review"][0])
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    assert main(["info", str(model)]) == 0
    assert "Evaluated:" in capsys.readouterr().out


def test_evaluate_table_lists_metrics_and_matrix(trained, capsys):
    model, data = trained
    assert main(["evaluate", str(model), str(data), "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "Confusion matrix" in out and "Accuracy:" in out


def test_explain_writes_a_heat_map_over_the_picture(trained, tmp_path, capsys):
    from PIL import Image

    model, _ = trained
    photo = make_image(tmp_path / "red.jpg", "red", (90, 60))
    out = tmp_path / "heat.png"
    assert main(["explain", str(model), str(photo), "-o", str(out), "--class", "blue"]) == 0
    assert "blue" in capsys.readouterr().out
    assert Image.open(out).size == (90, 60)
    assert main(["explain", str(model), str(photo), "-o", str(out), "--class", "green"]) == 2
    assert "green" in capsys.readouterr().err


def test_every_subcommand_is_recognised_and_anything_else_opens_the_app(monkeypatch):
    import flowerclf.cli as cli

    opened = []
    monkeypatch.setattr(cli, "_run_gui", lambda paths: opened.append(paths) or 0)
    names = cli.subcommand_names(cli.build_parser())
    assert {
        "train",
        "predict",
        "info",
        "evaluate",
        "explain",
        "import-tutorial",
        "export-tutorial",
    } <= names
    assert main(["photo.jpg", "model.safetensors"]) == 0 and opened == [
        ["photo.jpg", "model.safetensors"]
    ]
    assert main([]) == 0 and opened[-1] == []


def test_no_screen_gets_a_plain_message_instead_of_a_qt_abort(monkeypatch, capsys):
    from flowerclf.cli import display_problem

    assert "no screen" in display_problem({}, "linux")
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "no screen" in err and len(err.strip().splitlines()) == 1


def test_ctrl_c_during_training_stops_and_still_saves_the_best_model(tmp_path, capsys, monkeypatch):
    import os
    import signal

    import flowerclf.cli as cli
    from flowerclf.core.events import StepEvent

    original = cli.ProgressPrinter.__call__

    def press_ctrl_c_at_step_two(self, event):
        original(self, event)
        if isinstance(event, StepEvent) and event.step == 2 and event.epoch == 1:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(cli.ProgressPrinter, "__call__", press_ctrl_c_at_step_two)
    data = make_dataset(tmp_path / "d", {"red": 8, "blue": 8}, size=(40, 40))
    out_model = tmp_path / "m.safetensors"
    code = main(
        small_train_args(data, out_model, "--epochs", "3", "--image-size", "32")
        + ["--batch-size", "4"]
    )
    captured = capsys.readouterr()
    assert code == 0 and out_model.is_file()
    assert "Stopping after this batch" in captured.err
    assert "(stopped early)" in captured.out
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _options(parser, command: str) -> dict:
    """``dest -> argparse action`` of a subcommand's options."""
    import argparse

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {action.dest: action for action in sub.choices[command]._actions}


def test_device_and_precision_choices_are_the_engines():
    """Every command offers the engine's choices, read from the one config module."""
    from flowerclf import cli
    from flowerclf.core import config, device

    assert device.DEVICE_CHOICES is config.DEVICE_CHOICES
    parser = cli.build_parser()
    for command in ("train", "predict", "evaluate", "explain"):
        options = _options(parser, command)
        assert tuple(options["device"].choices) == config.DEVICE_CHOICES, command
    for command in ("train", "predict"):
        options = _options(parser, command)
        assert tuple(options["precision"].choices) == config.PRECISION_CHOICES, command
    assert _options(parser, "predict")["device"].default == config.DEFAULT_PREDICT_DEVICE
    assert _options(parser, "predict")["precision"].default == config.DEFAULT_PREDICT_PRECISION


def test_train_defaults_are_the_training_configs(tmp_path):
    """The command line, the core and (through the same config) the app agree on defaults."""
    from dataclasses import fields

    from flowerclf import cli
    from flowerclf.core.config import TrainingConfig

    args = cli.build_parser().parse_args(["train", str(tmp_path), "-o", str(tmp_path / "m")])
    default = TrainingConfig()
    for field in fields(TrainingConfig):
        assert getattr(args, field.name) == getattr(default, field.name), field.name
    assert cli.training_config(args) == default
    options = _options(cli.build_parser(), "train")
    assert {f.name for f in fields(TrainingConfig)} <= set(options)


def test_train_help_shows_every_default(capsys):
    from dataclasses import fields

    from flowerclf.core.config import TrainingConfig

    with pytest.raises(SystemExit) as caught:
        main(["train", "--help"])
    assert caught.value.code == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    default = TrainingConfig()
    for field in fields(TrainingConfig):
        flag = "--" + field.name.replace("_", "-")
        assert flag in text, flag
    for value in ("3", "16", "0.0001", "0.1", "224", "resnet34", "imagenet"):
        assert f"(default: {value})" in text, value
    assert text.count("(default: auto)") == 2  # device and precision
    assert "(default: a new one each run)" in text and "(default: one per core)" in text
    assert "(default: off" in text  # --freeze-backbone
    assert str(default.epochs) == "3" and str(default.lr) == "0.0001"


def test_train_help_does_not_import_torch():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from flowerclf.cli import main\n"
        "try:\n    main(['train', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('torch' in sys.modules, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.splitlines()[-1] == "False False"


@pytest.mark.parametrize(
    "argv",
    [
        ["describ", "--arch", "resnet18"],
        ["trian", "data", "-o", "m.safetensors"],
        ["inspect"],
    ],
)
def test_an_unknown_command_is_a_usage_error_not_a_window(argv, monkeypatch, capsys, tmp_path):
    import flowerclf.cli as cli

    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr(cli, "_run_gui", lambda paths: opened.append(paths) or 0)
    with pytest.raises(SystemExit) as caught:
        main(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert opened == []
    assert len(err.strip().splitlines()) == 1
    assert "invalid choice" in err and repr(argv[0]) in err
    assert "train" in err and "predict" in err  # the commands that exist


def test_options_after_existing_paths_are_refused(monkeypatch, capsys, tmp_path):
    import flowerclf.cli as cli

    photo = make_image(tmp_path / "photo.jpg", "red", (20, 20))
    opened = []
    monkeypatch.setattr(cli, "_run_gui", lambda paths: opened.append(paths) or 0)
    with pytest.raises(SystemExit) as caught:
        main([str(photo), "--top-k", "3"])
    assert caught.value.code == 2 and opened == []
    assert "--top-k" in capsys.readouterr().err


def test_paths_still_open_the_app(monkeypatch, tmp_path):
    import flowerclf.cli as cli

    photo = make_image(tmp_path / "photo.jpg", "red", (20, 20))
    opened = []
    monkeypatch.setattr(cli, "_run_gui", lambda paths: opened.append(paths) or 0)
    assert main([str(photo), str(tmp_path / "model.safetensors")]) == 0
    assert main([str(tmp_path)]) == 0  # an existing folder of photos
    assert opened == [[str(photo), str(tmp_path / "model.safetensors")], [str(tmp_path)]]


def test_the_cli_words_errors_with_its_flags():
    from flowerclf.cli import cli_message
    from flowerclf.core.errors import (
        DeviceError,
        FlowerclfError,
        InvalidSettingError,
        WeightsUnavailableError,
    )

    offline = WeightsUnavailableError(
        "Could not get the ImageNet weights.",
        arch="resnet34",
        reason="no internet connection",
        url="https://download.pytorch.org/models/resnet34-b627a593.pth",
        cache_path="/home/me/.cache/torch/hub/checkpoints/resnet34-b627a593.pth",
    )
    line = cli_message(offline)
    assert "--weights PATH" in line and "--weights none" in line
    assert offline.details["url"] in line and offline.details["cache_path"] in line
    assert "no internet connection" in line
    no_gpu = DeviceError("No CUDA GPU is available.", "device_unavailable", device="cuda")
    assert "--device cpu" in cli_message(no_gpu)
    setting = InvalidSettingError("The batch size must be at least 1.", setting="batch_size")
    assert cli_message(setting).startswith("--batch-size: The batch size")
    plain = FlowerclfError("Something plain.", "not_a_model", path="x")
    assert cli_message(plain) == "Something plain."


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _steps(n: int):
    from flowerclf.core.events import StepEvent

    return [
        StepEvent(1, 1, i, n, 0.5, i * 4, i / n, float(i), float(n - i)) for i in range(1, n + 1)
    ]


def _epoch():
    from flowerclf.core.events import EpochEvent

    return EpochEvent(
        epoch=1,
        epochs=1,
        train_loss=0.5,
        val_loss=0.4,
        val_accuracy=0.75,
        per_class_accuracy={},
        is_best=True,
        fraction=1.0,
        elapsed_s=1.0,
        eta_s=0.0,
        images_per_second=10.0,
    )


def test_progress_on_a_terminal_is_a_tqdm_bar_on_stderr():
    from flowerclf.cli import ProgressPrinter

    err, out = _Terminal(), io.StringIO()
    printer = ProgressPrinter(stream=err, out=out)
    printer.min_interval = 0  # draw every event, however fast they come
    for event in _steps(20):
        printer(event)
    printer(_epoch())
    printer.close()
    drawn = err.getvalue()
    assert "\r" in drawn and "%|" in drawn and "epoch 1/1 step" in drawn  # tqdm's bar
    assert out.getvalue() == (
        "epoch 1/1: train loss 0.5000, val loss 0.4000, val accuracy 75.0% (best so far)\n"
    )
    assert drawn.rstrip(" ").endswith("\r")  # closing erases the bar's line


def test_progress_off_a_terminal_is_a_line_every_ten_percent():
    from flowerclf.cli import ProgressPrinter

    err, out = io.StringIO(), io.StringIO()
    printer = ProgressPrinter(stream=err, out=out)
    for event in _steps(100):
        printer(event)
    printer(_epoch())
    printer.close()
    lines = err.getvalue().splitlines()
    # the first event, then each new tenth
    assert [line[:4] for line in lines] == ["  1%"] + [f"{p:3d}%" for p in range(10, 101, 10)]
    assert "\r" not in err.getvalue() and "|" not in err.getvalue()
    assert out.getvalue().startswith("epoch 1/1: train loss 0.5000")


# -- describe ------------------------------------------------------------------------------


def test_describe_prints_the_stage_table_as_json(capsys):
    assert main(["describe", "--arch", "resnet50", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["arch"] == "resnet50" and data["image_size"] == 224
    assert data["total"] == {"params": 25_557_032, "macs": data["total"]["macs"]}
    assert round(data["total"]["macs"] / 1e9, 2) == 4.09
    names = [row["stage"] for row in data["stages"]]
    assert names == ["conv1", "pool", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "fc"]
    for row in data["stages"]:
        assert isinstance(row["output_size"], list) and len(row["output_size"]) == 2
        assert isinstance(row["blocks"], int) and isinstance(row["block"], str)
        for key in ("channels_out", "params", "macs"):
            assert isinstance(row[key], int)
    assert [row["blocks"] for row in data["stages"][2:6]] == [3, 4, 6, 3]
    assert {row["block"] for row in data["stages"][2:6]} == {"bottleneck"}
    assert sum(row["params"] for row in data["stages"]) == data["total"]["params"]


def test_describe_takes_image_size_and_classes(capsys):
    assert main(["describe", "--arch", "resnet18", "--image-size", "160", "--classes", "5"]) == 0
    out = capsys.readouterr().out
    assert "80×80" in out and "5×5" in out and "5-d fc" in out
    assert "[3×3, 64; 3×3, 64] ×2" in out
    assert out.splitlines()[-1].split()[0] == "total"


def test_describe_reads_a_model_file(trained, capsys):
    model, _ = trained
    assert main(["describe", str(model), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    saved = load_model(model)
    assert (data["arch"], data["image_size"]) == (saved.arch, saved.image_size)
    assert data["stages"][-1]["channels_out"] == len(saved.classes)
    assert data["total"]["params"] == sum(p.numel() for p in saved.network.parameters())


@pytest.mark.parametrize(
    "argv, words",
    [
        (["describe", "--arch", "resnet19"], "--arch: Unknown architecture 'resnet19'"),
        (["describe"], "--arch NAME or a model file"),
        (["describe", "--arch", "resnet18", "--image-size", "8"], "--image-size"),
        (["describe", "--arch", "resnet18", "--classes", "0"], "--classes"),
    ],
)
def test_describe_mistakes_end_with_one_plain_line(argv, words, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and words in captured.err
