"""``flowerclf train --gpus N``: torchrun started for the user, on this machine.

The same training command runs in N processes, one per GPU, through
PyTorch's own launcher (``torch.distributed.run``, what ``torchrun`` is):
``torchrun --standalone --nproc-per-node=N -m flowerclf train ...`` without
``--gpus``. The launcher runs in this process, so that its failures can be
said in one plain line instead of its own report: a process that ends
badly ends the others at once, and the checkpoint of the last finished epoch
stays for ``--resume``.

``--gpus N --device cpu`` starts N processes on the CPU instead (gloo): no
faster than one, but it tries the whole path on a computer without GPUs.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from pathlib import Path

from flowerclf.core.checkpoint import checkpoint_path_for
from flowerclf.core.config import TrainingConfig
from flowerclf.core.errors import (
    DEVICE_UNAVAILABLE,
    PROCESS_LOST,
    DeviceError,
    FlowerclfError,
    InvalidSettingError,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def gpu_count() -> int:
    """CUDA GPUs this process can use (0 without CUDA)."""
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def processes_for(gpus: str, device: str, available: int | None = None) -> int:
    """How many processes ``--gpus`` asks for, refused in plain words when there are not that many.

    ``gpus`` is a whole number or ``all``; ``device`` the run's ``--device``.
    """
    text = str(gpus).strip().lower()
    on_cpu = str(device).strip().lower() == "cpu"
    if text == "all" and not on_cpu:
        count = None
    else:
        try:
            count = int(text)
        except ValueError:
            count = 0
        if count < 1:
            raise InvalidSettingError(
                f"The number of GPUs must be a whole number, at least 1, or all (not {gpus!r}).",
                setting="gpus",
                value=gpus,
                minimum=1,
            )
    if on_cpu:
        return count
    if str(device).strip().lower() == "mps":
        raise DeviceError(
            "Training on several GPUs needs CUDA GPUs; Apple's MPS trains in one process.",
            DEVICE_UNAVAILABLE,
            device=device,
        )
    available = gpu_count() if available is None else available
    if available == 0:
        raise DeviceError(
            "No CUDA GPU is available on this computer, so there are no GPUs to train on.",
            DEVICE_UNAVAILABLE,
            device="cuda",
            gpus=gpus,
            available=0,
        )
    count = available if count is None else count
    if count > available:
        raise DeviceError(
            f"This computer has {available} CUDA GPU{'s' if available != 1 else ''}; "
            f"training on {count} needs {count}.",
            DEVICE_UNAVAILABLE,
            device="cuda",
            gpus=count,
            available=available,
        )
    return count


def without_gpus(argv: list[str]) -> list[str]:
    """The command line without its ``--gpus N`` (each process trains on one device)."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--gpus":
            skip = True
        elif not arg.startswith("--gpus="):
            out.append(arg)
    return out


def torchrun_arguments(processes: int, argv: list[str]) -> list[str]:
    """torchrun's own command line for ``flowerclf train`` in ``processes`` processes here."""
    return [
        "--standalone",
        f"--nproc-per-node={processes}",
        "--module",
        "flowerclf",
        *without_gpus(argv),
    ]


def _failure_words(failures: dict, processes: int) -> tuple[int, str | None]:
    """The exit status to give and what to say (None: the process already said it)."""
    first = min(failures.values(), key=lambda f: f.timestamp)
    code = first.exitcode
    if code == EXIT_USAGE:
        return EXIT_USAGE, None  # a mistake, already worded by the process that found it
    if code == EXIT_INTERRUPTED or code == -signal.SIGINT:
        return EXIT_INTERRUPTED, "interrupted."
    if code < 0:
        how = f"was ended by the system ({first.signal_name()})"
    else:
        how = f"ended unexpectedly (exit status {code})"
    return (
        EXIT_FAILED,
        f"training process {first.local_rank + 1} of {processes} {how}; the others were stopped.",
    )


def _lost(words: str, processes: int) -> FlowerclfError:
    """The launcher's word on a process that ended badly, as the error a program reads."""
    return FlowerclfError(
        words[0].upper() + words[1:],
        PROCESS_LOST,
        processes=processes,
        reason=words,
    )


def launch_train(
    gpus: str,
    config: TrainingConfig,
    output: Path,
    argv: list[str],
    available: int | None = None,
    *,
    json_lines: bool = False,
) -> int:
    """Run ``flowerclf train`` (``argv``, with its ``--gpus``) in one process per GPU.

    ``config`` holds the run's settings (checked before any process starts),
    ``output`` the model file the run writes (its checkpoint is beside it).
    With ``json_lines`` (``--progress json``), what the launcher itself says
    goes out as JSON lines too (a message, or the error of a lost process).
    """
    from flowerclf.core.training import check_processes

    device = config.device
    count = processes_for(gpus, device, available)
    check_processes(config, count)  # said once, here, rather than by every process
    rest = without_gpus(argv)
    if count == 1:
        from flowerclf.cli import main

        return main(rest)
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // count)))
    from torch.distributed.elastic.multiprocessing.api import SignalException
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.run import get_args_parser, run

    # The launcher's own log speaks to developers; its outcome is said plainly below.
    logging.getLogger("torch.distributed").setLevel(logging.CRITICAL)
    printer = None
    if json_lines:  # the first process's first line says how many take part
        from flowerclf.core.run_events import JsonLinesPrinter

        printer = JsonLinesPrinter()
    else:
        each = "CPU share" if device == "cpu" else "GPU"
        print(f"Training in {count} processes, one per {each}.")
        sys.stdout.flush()
    try:
        run(get_args_parser().parse_args(torchrun_arguments(count, rest)))
    except ChildFailedError as error:
        code, words = _failure_words(error.failures, count)
        if words:
            checkpoint = checkpoint_path_for(output)
            if printer is not None and code == EXIT_FAILED:
                from flowerclf.core.run_events import error_line

                printer.write(error_line(_lost(words, count)))
            if checkpoint.exists():
                words += f" The last finished epoch is kept: continue with --resume ({checkpoint})."
            print(f"flowerclf: {words}", file=sys.stderr)
        return code
    except (KeyboardInterrupt, SignalException):
        print("flowerclf: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK
