"""A training run's events as JSON lines: ``flowerclf train --progress json``.

One JSON object per line on standard output: every core event (its class
name under ``"event"``, its fields beside it), then one ``"result"`` line or
one ``"error"`` line at the end. A program that runs ``flowerclf train`` as a
child process (the desktop app, when it trains on several GPUs through
torchrun) reads them back with :func:`read_line` and sees the run as if it
had trained in its own process.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO

from flowerclf.core.data import Sample, SkippedFile
from flowerclf.core.errors import FlowerclfError
from flowerclf.core.events import (
    DownloadEvent,
    EpochEvent,
    Event,
    MemoryEvent,
    MessageEvent,
    StageEvent,
    StepEvent,
    StopRequest,
)

EVENT_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (MessageEvent, DownloadEvent, StepEvent, EpochEvent, StageEvent, MemoryEvent)
}
RESULT, ERROR = "result", "error"


@dataclass
class RunRecord:
    """What the ``result`` line says of a finished run (the model itself is in ``model``)."""

    model: str  # the model file written
    history: list[EpochEvent]
    step_losses: list[float]
    best_epoch: int
    best_val_accuracy: float | None
    stopped: bool
    train: list[tuple[str, int]]  # (path inside the dataset folder, label)
    val: list[tuple[str, int]]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    seconds: float = 0.0
    images_per_second: float = 0.0
    interruption: str | None = None
    checkpoint: str | None = None  # kept for going on (a stopped run)

    def samples(self, root: Path, which: str) -> list[Sample]:
        """The run's training or validation images (``which``: "train" or "val")."""
        return [Sample(root / path, int(label)) for path, label in getattr(self, which)]

    def skipped_files(self) -> list[SkippedFile]:
        return [SkippedFile(Path(path), reason) for path, reason in self.skipped]


def _line(kind: str, values: dict[str, Any]) -> str:
    return json.dumps({"event": kind, **values}, default=str, ensure_ascii=False)


def event_line(event: Event) -> str:
    """One core event as a JSON line (without the newline)."""
    return _line(type(event).__name__, asdict(event))


def result_line(result: Any, root: Path, model: Path, checkpoint: Path | None = None) -> str:
    """The ``result`` line of a core TrainingResult whose model was written to ``model``."""
    from flowerclf.core.checkpoint import relative

    def listed(samples: list[Sample]) -> list[tuple[str, int]]:
        return [(relative(s.path, root), int(s.label)) for s in samples]

    return _line(
        RESULT,
        {
            "model": str(model),
            "history": [asdict(epoch) for epoch in result.history],
            "step_losses": [float(loss) for loss in result.step_losses],
            "best_epoch": result.best_epoch,
            "best_val_accuracy": result.best_val_accuracy,
            "stopped": result.stopped,
            "train": listed(result.train_samples),
            "val": listed(result.val_samples),
            "skipped": [(str(s.path), s.reason) for s in result.skipped],
            "seconds": result.seconds,
            "images_per_second": result.images_per_second,
            "interruption": result.interruption,
            "checkpoint": str(checkpoint) if checkpoint is not None else None,
        },
    )


def error_line(error: FlowerclfError) -> str:
    """The ``error`` line: the error's kind and details, so the reader can word it itself."""
    return _line(ERROR, {"kind": error.kind, "message": str(error), "details": error.details})


def read_line(line: str) -> Event | RunRecord | FlowerclfError | None:
    """What one line says: an event, the run's record, its error; None for any other line."""
    try:
        values = json.loads(line)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    kind = values.pop("event", None)
    if kind == RESULT:
        known = {f.name for f in fields(RunRecord)}
        record = RunRecord(**{k: v for k, v in values.items() if k in known})
        record.history = [_event(EpochEvent, epoch) for epoch in record.history]
        return record
    if kind == ERROR:
        return FlowerclfError(
            str(values.get("message", "")), str(values.get("kind")), **values.get("details", {})
        )
    cls = EVENT_TYPES.get(kind)
    return _event(cls, values) if cls is not None else None


def _event(cls: type, values: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in known})


class JsonLinesPrinter:
    """The progress callback of ``--progress json``: each event, one line, at once.

    A reader that went away (a closed pipe: the program that started the run
    ended) stops the run after the current batch, so that its best model and
    checkpoint are still written, rather than training on for nobody.
    """

    def __init__(self, stop: StopRequest | None = None, out: TextIO | None = None):
        self.out = out or sys.stdout
        self.stop = stop
        self.reader_gone = False

    def __call__(self, event: Event) -> None:
        self.write(event_line(event))

    def write(self, line: str) -> None:
        if self.reader_gone:
            return
        try:
            self.out.write(line + "\n")
            self.out.flush()
        except (BrokenPipeError, ValueError, OSError):
            self.reader_gone = True
            if self.stop is not None:
                self.stop.request()

    def close(self) -> None:
        """Nothing to tidy (the progress bar's printer has a bar to close)."""


def stop_when_exists(
    path: str | Path, stop: StopRequest, progress: Callable[[Event], None]
) -> Callable[[Event], None]:
    """``progress``, which also asks ``stop`` to stop once the file ``path`` exists.

    The file is looked for as events arrive (every training step), at most
    five times a second.
    """
    path = Path(path)
    looked = [0.0]

    def report(event: Event) -> None:
        now = time.monotonic()
        if not stop.requested and now - looked[0] >= 0.2:
            looked[0] = now
            if path.exists():
                stop.request()
        progress(event)

    return report
