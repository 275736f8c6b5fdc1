"""``flowerclf train``: fine-tune a model on a folder, with its options and its Ctrl+C.

Every TrainingConfig field has its option (default and help from
:mod:`flowerclf.core.config`). ``--gpus N`` hands the run to
:mod:`flowerclf.launch`, which runs this same command in N processes;
``--progress json`` and ``--stop-file`` are for programs that run flowerclf.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from dataclasses import fields
from pathlib import Path

from flowerclf.cli import EXIT_OK, EXIT_USAGE, _flag, _json_lines, cli_message
from flowerclf.cli_output import ProgressPrinter, percent
from flowerclf.core.config import (
    ARCHITECTURES,
    DEVICE_CHOICES,
    FIELD_HELP,
    PRECISION_CHOICES,
    TrainingConfig,
)
from flowerclf.core.errors import FlowerclfError


@contextlib.contextmanager
def _first_ctrl_c_stops(stop, printer: ProgressPrinter):
    """Ctrl+C once: finish the current batch and keep the best model; twice: quit at once."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def on_interrupt(signum, frame):
        if stop.requested:
            raise KeyboardInterrupt
        stop.request()
        printer.close()
        print(
            "\nStopping after this batch; the best model so far will be saved. "
            "Press Ctrl+C again to quit at once.",
            file=sys.stderr,
            flush=True,
        )

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _cmd_train(args: argparse.Namespace) -> int:
    config = training_config(args)
    config.validate()
    output = Path(args.output)
    if output.suffix.lower() != ".safetensors":
        output = output.with_name(output.name + ".safetensors")
    if args.gpus is not None:
        from flowerclf.launch import launch_train

        return launch_train(args.gpus, config, output, args.argv, json_lines=_json_lines(args))
    from flowerclf.core.checkpoint import checkpoint_path_for
    from flowerclf.core.data import scan_dataset
    from flowerclf.core.distributed import from_environment
    from flowerclf.core.events import StopRequest
    from flowerclf.core.files import check_writable
    from flowerclf.core.modelfile import save_model
    from flowerclf.core.run_events import (
        JsonLinesPrinter,
        error_line,
        result_line,
        stop_when_exists,
    )
    from flowerclf.core.training import train

    # Under torchrun every process runs this; only the first (rank 0) writes and speaks.
    world = from_environment()
    # A place that cannot take the model is refused now, not after an afternoon's training.
    if world.is_main:
        check_writable(output, what="the model")
    checkpoint = checkpoint_path_for(output)
    scan = scan_dataset(args.data_dir)
    stop = StopRequest()
    printer = JsonLinesPrinter(stop) if _json_lines(args) else ProgressPrinter()
    if world.is_main and not _json_lines(args):  # a program has its own look at the folder
        print(scan.summary())
    progress = stop_when_exists(args.stop_file, stop, printer) if args.stop_file else printer
    # Several processes: Ctrl+C reaches them all and torchrun ends them at once; the
    # checkpoint of the last finished epoch stays for --resume.
    stops = (
        _first_ctrl_c_stops(stop, printer) if world.world_size == 1 else contextlib.nullcontext()
    )
    try:
        with stops:
            result = train(
                scan,
                config,
                progress,
                stop,
                checkpoint=checkpoint,
                resume=args.resume,
                keep_checkpoint=args.keep_checkpoints,
            )
    except KeyboardInterrupt:
        printer.close()
        if world.is_main:
            print("Interrupted before a model was ready; nothing was written.", file=sys.stderr)
            if checkpoint.exists():
                print("Continue later with the same command and --resume.", file=sys.stderr)
        return 130
    finally:
        printer.close()
    if not world.is_main:
        return EXIT_OK
    try:
        path = save_model(result.classifier, output)
    except FlowerclfError as error:
        # Checked before training, the place may still fail now (a full disk, a
        # drive gone): the model must not go with the process.
        from flowerclf.core.recovery import RecoveryFolder

        kept = RecoveryFolder().keep(result.classifier, output.stem)
        if _json_lines(args):
            printer.write(error_line(error))
        print(
            f"{cli_message(error)} The trained model is kept at {kept}; "
            f"copy it from there (it is a normal model file).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if _json_lines(args):
        kept = checkpoint if result.stopped and checkpoint.exists() else None
        printer.write(result_line(result, scan.root, path, kept))
        return EXIT_OK
    accuracy = percent(result.best_val_accuracy)
    note = " (stopped early)" if result.stopped else ""
    print(
        f"Model written to {path}{note}: best validation accuracy {accuracy} "
        f"(epoch {result.best_epoch}), {result.images_per_second:.1f} images/s."
    )
    if result.stopped and checkpoint.exists():
        print(f"The run can be continued with the same command and --resume ({checkpoint}).")
    if result.skipped:
        print(f"{len(result.skipped)} images could not be read and were left out.")
    return EXIT_OK


def training_config(args: argparse.Namespace) -> TrainingConfig:
    """The TrainingConfig of parsed ``train`` options: every field has its option."""
    return TrainingConfig(**{f.name: getattr(args, f.name) for f in fields(TrainingConfig)})


def _add_training_options(p: argparse.ArgumentParser) -> None:
    """One option per TrainingConfig field, its default and help from flowerclf.core.config."""
    default = TrainingConfig()

    def shown(name: str, extra: str = "") -> str:
        return f"{FIELD_HELP[name]}{extra} (default: %(default)s)"

    p.add_argument(
        _flag("arch"),
        default=default.arch,
        metavar="ARCH",
        help=shown("arch", ": " + ", ".join(ARCHITECTURES)),
    )
    p.add_argument(
        _flag("weights"),
        default=default.weights,
        metavar="imagenet|none|PATH",
        help=shown("weights"),
    )
    p.add_argument(
        _flag("freeze_backbone"),
        action="store_true",
        default=default.freeze_backbone,
        help=f"{FIELD_HELP['freeze_backbone']} (default: off, every layer learns)",
    )
    p.add_argument(_flag("epochs"), type=int, default=default.epochs, help=shown("epochs"))
    p.add_argument(
        _flag("batch_size"), type=int, default=default.batch_size, help=shown("batch_size")
    )
    p.add_argument(_flag("lr"), type=float, default=default.lr, help=shown("lr"))
    p.add_argument(
        _flag("val_split"), type=float, default=default.val_split, help=shown("val_split")
    )
    p.add_argument(
        _flag("image_size"), type=int, default=default.image_size, help=shown("image_size")
    )
    p.add_argument(
        _flag("device"), default=default.device, choices=DEVICE_CHOICES, help=shown("device")
    )
    p.add_argument(
        _flag("precision"),
        default=default.precision,
        choices=PRECISION_CHOICES,
        help=shown("precision"),
    )
    p.add_argument(
        _flag("seed"),
        type=int,
        default=default.seed,
        help=f"{FIELD_HELP['seed']} (default: a new one each run)",
    )
    p.add_argument(
        _flag("workers"),
        type=int,
        default=default.workers,
        help=f"{FIELD_HELP['workers']} (default: one per core)",
    )


def add_train_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="fine-tune a model on a folder with one subfolder per class",
        description="Fine-tune a model on DATA_DIR, a folder with one subfolder of photos per "
        "class, and write it to one .safetensors file.",
    )
    p.add_argument("data_dir", metavar="DATA_DIR")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.safetensors")
    _add_training_options(p)
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue the interrupted run that writes the same output (its checkpoint, "
        "MODEL.checkpoint beside the output, is written after every epoch)",
    )
    p.add_argument(
        "--gpus",
        default=None,
        metavar="N|all",
        help="train on N GPUs of this computer at once (all: every one), in one process each "
        "(torchrun); with --device cpu, N processes on the CPU, to try it without GPUs",
    )
    p.add_argument(
        "--progress",
        default="bar",
        choices=("bar", "json"),
        help="how progress is shown: a bar, or one JSON object per line on standard output "
        "(every event, then the result or the error), for programs that run flowerclf",
    )
    p.add_argument(
        "--stop-file",
        metavar="PATH",
        help="stop after the current batch once this file exists, keeping the best model "
        "(as Ctrl+C does), for programs and job schedulers",
    )
    p.add_argument(
        "--keep-checkpoints",
        action="store_true",
        help="keep the checkpoint after the run ends (it is removed by default)",
    )
    p.set_defaults(run=_cmd_train)
