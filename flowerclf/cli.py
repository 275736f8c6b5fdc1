"""The ``flowerclf`` command line: the same engine as the desktop app.

``flowerclf`` alone (or with model and image paths) opens the desktop app;
subcommands train, predict, describe, import and export models. Mistakes a
user can make end with one plain line on stderr and exit status 2.

This module holds what every command shares (the parser, exit statuses,
:func:`cli_message`) and :func:`main`; each command lives in a module named
after its job (``cli_train``, ``cli_predict``, ``cli_evaluate``, ``cli_models``,
``cli_sample_data``, ``cli_check``), imported when the parser is built.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from flowerclf import __version__
from flowerclf.cli_output import ProgressPrinter as ProgressPrinter  # still importable from here
from flowerclf.core import errors
from flowerclf.core.config import DEFAULT_PREDICT_DEVICE, DEVICE_CHOICES, option_name
from flowerclf.core.errors import FlowerclfError

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2


def cli_message(error: FlowerclfError) -> str:
    """The one line the command line prints for a user's mistake, naming the flags that help.

    The core's message is complete but names no flag; where a flag is the way
    out, the command line says which.
    """
    kind, details = error.kind, error.details
    if kind == errors.WEIGHTS_UNAVAILABLE and {"arch", "reason", "url", "cache_path"} <= set(
        details
    ):
        return (
            f"Could not get the ImageNet weights for {details['arch']} ({details['reason']}), "
            f"and they are not in the cache at {details['cache_path']}. Either download "
            f"{details['url']} and pass it with --weights PATH, or train from scratch with "
            "--weights none."
        )
    if kind == errors.WEIGHTS_DAMAGED and {"arch", "cache_path"} <= set(details):
        return (
            f"The cached ImageNet weights for {details['arch']} at {details['cache_path']} are "
            "damaged. Delete that file to download it again, pass another file with "
            "--weights PATH, or train from scratch with --weights none."
        )
    if kind == errors.DEVICE_UNAVAILABLE and "available" in details:
        fewer = f"ask for at most --gpus {details['available']}, " if details["available"] else ""
        return f"{error} Either {fewer}leave out --gpus, or add --device cpu to try it on the CPU."
    if kind == errors.DEVICE_UNAVAILABLE:
        return f"{error} Use --device cpu (or auto)."
    if kind == errors.PRECISION_UNAVAILABLE:
        return f"{error} Use --precision fp32 or --precision bf16."
    if kind in (errors.INVALID_SETTING, errors.UNKNOWN_ARCHITECTURE):  # also --sha256, --url
        setting = details.get("setting", "arch")
        return f"{_flag(setting)}: {error}"
    if kind == errors.ARCHITECTURE_MISMATCH and details.get("detected"):
        return f"{error} (--arch {details['detected']})"
    if kind == errors.EXTRA_MISSING:
        return f"{error} Install them with: pip install 'flowerclf[{details.get('extra')}]'"
    if kind == errors.CHECKPOINT_EXISTS:
        return (
            f"An interrupted training writes the same output ({details.get('description')}). "
            f"Continue it with --resume, or delete {details.get('path')} to start again."
        )
    if kind == errors.CHECKPOINT_UNREADABLE and details.get("reason") == "missing":
        return f"{error} Leave out --resume to start a new run."
    if kind == errors.PROCESS_LOST:
        return f"{error} If an epoch had finished, the same command with --resume goes on from it."
    if kind == errors.DOWNLOAD_FAILED and details.get("partial"):
        return f"{error} (Run the same command again; or, with the file, use --archive FILE.)"
    if kind == errors.TRAINING_DIVERGED and details.get("lr") is not None:
        return f"{error} It was {details['lr']}; pass a smaller one with --lr."
    return str(error)


_flag = option_name  # the option of a TrainingConfig field: 'batch_size' -> '--batch-size'


def _json_lines(args: argparse.Namespace) -> bool:
    """``--progress json``: standard output carries JSON lines only."""
    return getattr(args, "progress", None) == "json"


def __getattr__(name: str):
    """Names that moved to a command's own module, still importable from here.

    Imported on first use rather than at the top, because those modules import
    this one.
    """
    if name == "training_config":
        from flowerclf.cli_train import training_config

        return training_config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse, but usage mistakes end with exit status 2 and one plain line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _add_device_option(p: argparse.ArgumentParser) -> None:
    """``--device`` for the commands that run a model (train's comes with its settings)."""
    p.add_argument(
        "--device",
        default=DEFAULT_PREDICT_DEVICE,
        choices=DEVICE_CHOICES,
        help="where the maths runs (default: %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="flowerclf",
        description="Classify photos, or fine-tune an ImageNet ResNet on your own folder of "
        "labelled photos. Without a subcommand, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"flowerclf {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    from flowerclf.cli_check import add_check_command
    from flowerclf.cli_evaluate import add_evaluate_command, add_explain_command
    from flowerclf.cli_models import (
        add_describe_command,
        add_export_command,
        add_export_tutorial_command,
        add_import_tutorial_command,
        add_info_command,
    )
    from flowerclf.cli_predict import add_predict_command
    from flowerclf.cli_sample_data import add_sample_data_command
    from flowerclf.cli_train import add_train_command

    # In the order of --help.
    add_train_command(sub)
    add_predict_command(sub)
    add_info_command(sub)
    add_evaluate_command(sub)
    add_explain_command(sub)
    add_describe_command(sub)
    add_sample_data_command(sub)
    add_import_tutorial_command(sub)
    add_export_tutorial_command(sub)
    add_export_command(sub)
    add_check_command(sub)
    return parser


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands the parser knows, in the order of ``--help``."""
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    """The subcommands the parser knows (anything else opens the app with those paths)."""
    return set(_commands(parser))


def _check_app_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Refuse, as argparse would, what is neither a subcommand nor paths for the app.

    The app takes only paths (``flowerclf MODEL IMAGE...``, as "Open with" calls
    it), and no options. A first word that is not an existing file or folder and
    does not look like a file name (no extension, no folder) is a mistyped or
    unknown command; so is anything followed by options.
    """
    first = argv[0]
    commands = ", ".join(_commands(parser))
    looks_like_a_word = not Path(first).suffix and "/" not in first and os.sep not in first
    if looks_like_a_word and not os.path.lexists(first):
        parser.error(
            f"invalid choice: {first!r} is neither a command nor an existing file or folder "
            f"(commands: {commands})"
        )
    options = [arg for arg in argv if arg.startswith("-") and arg != "-"]
    if options:
        what = "invalid choice" if not os.path.lexists(first) else "unrecognized arguments"
        parser.error(
            f"{what}: {first!r} with {' '.join(options)}: the app takes only paths of a model "
            f"and images, without options (commands: {commands})"
        )


def display_problem(environ: dict | None = None, platform: str | None = None) -> str | None:
    """Why the desktop window cannot open on this Linux machine, in plain words (or None).

    Qt aborts the whole process when it finds no screen, with a message meant
    for developers; saying it first, plainly, is kinder.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "no screen was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop "
            "app cannot open here. The command line works without one: see 'flowerclf --help'."
        )
    if not environ.get("WAYLAND_DISPLAY"):
        import ctypes.util

        if ctypes.util.find_library("xcb-cursor") is None:
            return (
                "the desktop app needs the system library libxcb-cursor0 on X11. Install it "
                "(for example: sudo apt-get install libxcb-cursor0) and start flowerclf again."
            )
    return None


def _run_gui(paths: list[str]) -> int:
    problem = display_problem()
    if problem:
        print(f"flowerclf: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        from flowerclf.gui.app import run_app
    except ImportError as error:
        print(
            f"flowerclf: the desktop app cannot start ({error}). "
            "Install it with: pip install flowerclf (PySide6 and pyqtgraph are needed).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return run_app(paths)


def _which_process() -> str:
    """'' in a run of one process (or in the first of several); ' (process 2 of 4)' otherwise.

    A mistake is usually every process's: the first says it, and torchrun ends
    the others before they repeat it. The others wait a moment, and speak only
    if the mistake was theirs alone.
    """
    try:
        rank, size = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    except ValueError:
        return ""
    if rank == 0 or size <= 1:
        return ""
    time.sleep(10)
    return f" (process {rank + 1} of {size})"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``flowerclf`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv:
        return _run_gui([])
    if argv[0] not in subcommand_names(parser) and not argv[0].startswith("-"):
        _check_app_arguments(parser, argv)
        return _run_gui(argv)  # `flowerclf [MODEL] [IMAGE...]`, as "Open with" calls it
    args = parser.parse_args(argv)
    args.argv = argv
    if args.command is None:
        return _run_gui([])
    try:
        return args.run(args)
    except FlowerclfError as error:
        if _json_lines(args):
            from flowerclf.core.run_events import JsonLinesPrinter, error_line

            JsonLinesPrinter().write(error_line(error))
        print(f"flowerclf{_which_process()}: {cli_message(error)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("flowerclf: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
