"""Training in several processes, started from a program: the app's road to several GPUs.

A run on several GPUs needs one process per GPU (DistributedDataParallel),
which torchrun starts; a program cannot be one of them and stay responsive.
:func:`train_in_processes` runs ``flowerclf train --gpus N --progress json``
as a child process instead, passes its events on as they arrive, stops it
the gentle way (a stop file: the best model so far is still written, and the
checkpoint kept for going on), and returns the same
:class:`~flowerclf.core.training.TrainingResult` as
:func:`~flowerclf.core.training.train`, the kept model loaded from the file the
child wrote.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path

import flowerclf
from flowerclf.core.checkpoint import SUFFIX as CHECKPOINT_SUFFIX
from flowerclf.core.config import TrainingConfig, option_name
from flowerclf.core.data import DatasetScan
from flowerclf.core.errors import PROCESS_LOST, FlowerclfError
from flowerclf.core.events import ProgressCallback, StopRequest, ignore_event
from flowerclf.core.run_events import RunRecord, read_line

#: how often the child's silence is checked for a stop request, in seconds
POLL_S = 0.2
_END = object()


def model_path_for(checkpoint: Path) -> Path:
    """The model file the child writes, whose checkpoint (beside it) is ``checkpoint``."""
    return checkpoint.with_name(checkpoint.name.removesuffix(CHECKPOINT_SUFFIX) + ".safetensors")


def child_command(
    scan: DatasetScan,
    config: TrainingConfig,
    processes: int,
    output: Path,
    stop_file: Path,
    resume: bool = False,
) -> list[str]:
    """The command line of the child: ``flowerclf train`` in ``processes`` processes."""
    command = [sys.executable, "-m", "flowerclf", "train", str(scan.root)]
    command += [option_name("output"), str(output), option_name("gpus"), str(processes)]
    command += config.command_line()
    command += [option_name("progress"), "json", option_name("stop_file"), str(stop_file)]
    return command + ([option_name("resume")] if resume else [])


def train_in_processes(
    scan: DatasetScan,
    config: TrainingConfig,
    processes: int,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
    *,
    checkpoint: Path,
    resume: bool = False,
) -> object:
    """Train on ``scan`` in ``processes`` processes; the result is a core TrainingResult.

    ``checkpoint`` is where the run keeps what it needs to go on (written after
    every epoch; removed once every epoch is done); the model file is written
    beside it, read back, and removed. ``resume`` goes on from ``checkpoint``.
    Errors of the run arrive as the :class:`FlowerclfError` the child reported.
    """
    stop = stop if stop is not None else StopRequest()
    checkpoint = Path(checkpoint)
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    output = model_path_for(checkpoint)
    stop_file = checkpoint.with_name(checkpoint.name + ".stop")
    stop_file.unlink(missing_ok=True)
    environment = dict(os.environ)
    # The child runs this very copy of flowerclf, installed or not.
    package_root = str(Path(flowerclf.__file__).resolve().parents[1])
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [package_root, environment.get("PYTHONPATH")])
    )
    child = subprocess.Popen(
        child_command(scan, config, processes, output, stop_file, resume),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        # Its own session: a Ctrl+C meant for the app does not end the run halfway;
        # if the app goes away, the closed pipe stops the run with its model written.
        start_new_session=os.name == "posix",
    )
    lines: queue.Queue = queue.Queue()
    last_words: deque[str] = deque(maxlen=20)
    readers = [
        threading.Thread(target=_read, args=(child.stdout, lines.put, _END), daemon=True),
        threading.Thread(target=_read, args=(child.stderr, last_words.append), daemon=True),
    ]
    for reader in readers:
        reader.start()
    record: RunRecord | None = None
    error: FlowerclfError | None = None
    try:
        while True:
            if stop.requested and not stop_file.exists():
                stop_file.touch()
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if line is _END:
                break
            said = read_line(line)
            if isinstance(said, RunRecord):
                record = said
            elif isinstance(said, FlowerclfError):
                error = error or said
            elif said is not None:
                progress(said)
        child.wait()
        for reader in readers:
            reader.join(timeout=5)
    finally:
        if child.poll() is None:  # this thread was interrupted: the run must not go on alone
            child.terminate()
            child.wait()
        stop_file.unlink(missing_ok=True)
    if record is None:
        if error is not None:
            raise error
        words = next((line for line in reversed(last_words) if line.strip()), "")
        raise FlowerclfError(
            f"The training processes ended without a model (exit status {child.returncode}). "
            f"{words.removeprefix('flowerclf: ')}".strip(),
            PROCESS_LOST,
            processes=processes,
            reason=words or f"exit status {child.returncode}",
        )
    return _result(scan, config, record, progress)


def _read(stream, put, end: object = None) -> None:
    """Pass each line of ``stream`` to ``put``; then ``end``, if given."""
    for line in stream:
        put(line.rstrip("\n"))
    if end is not None:
        put(end)


def _result(scan: DatasetScan, config: TrainingConfig, record: RunRecord, progress) -> object:
    from flowerclf.core.device import resolve_device
    from flowerclf.core.modelfile import load_model
    from flowerclf.core.training import TrainingResult, score_kept_model

    model = Path(record.model)
    classifier = load_model(model, device=str(resolve_device(config.device)))
    try:
        model.unlink()  # the model now lives in the program that asked for it
    except OSError:
        pass  # left in the program's own folder of runs: harmless
    val_samples = record.samples(scan.root, "val")
    evaluation = None
    if record.history or not record.stopped:
        evaluation = score_kept_model(
            classifier, val_samples, scan.classes, config.batch_size, progress
        )
    return TrainingResult(
        classifier=classifier,
        history=record.history,
        step_losses=record.step_losses,
        best_epoch=record.best_epoch,
        best_val_accuracy=record.best_val_accuracy,
        stopped=record.stopped,
        train_samples=record.samples(scan.root, "train"),
        val_samples=val_samples,
        skipped=record.skipped_files(),
        seconds=record.seconds,
        images_per_second=record.images_per_second,
        evaluation=evaluation,
        interruption=record.interruption,
    )
