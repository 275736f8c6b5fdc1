"""Progress events and the stop request shared by every front end.

The core reports what it is doing by calling a plain function with one of the
event objects below. The command line turns them into a progress bar; the
desktop app's workers turn them into Qt signals. Nothing here knows about
either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MessageEvent:
    """A one-line, human-readable note about what is happening now."""

    text: str


@dataclass(frozen=True)
class DownloadEvent:
    """Progress of a file download (ImageNet weights, the flowers sample)."""

    name: str
    bytes_done: int
    bytes_total: int | None
    bytes_per_second: float | None = None  # recent speed, once there is one to tell
    eta_s: float | None = None  # time left at that speed, when the total is known


@dataclass(frozen=True)
class StepEvent:
    """One training batch is done."""

    epoch: int  # 1-based
    epochs: int
    step: int  # 1-based, within the epoch
    steps_per_epoch: int
    loss: float
    images_seen: int  # since the start of the run
    fraction: float  # of the whole run, 0..1
    elapsed_s: float
    eta_s: float | None


@dataclass(frozen=True)
class EpochEvent:
    """One epoch (training plus validation) is done."""

    epoch: int  # 1-based
    epochs: int
    train_loss: float
    val_loss: float | None  # None when there is no validation set
    val_accuracy: float | None  # 0..1
    per_class_accuracy: dict[str, float] = field(default_factory=dict)
    is_best: bool = False
    fraction: float = 0.0
    elapsed_s: float = 0.0
    eta_s: float | None = None
    images_per_second: float = 0.0
    replayed: bool = False  # done before an interruption, reported again on resuming


@dataclass(frozen=True)
class StageEvent:
    """Progress through a stage that is not a training step.

    For example computing the frozen backbone's features, validating, or
    evaluating a model on a folder.
    """

    stage: str  # a few plain words: "Computing features", "Evaluating"
    done: int
    total: int
    fraction: float = 0.0  # of the whole run, 0..1
    elapsed_s: float = 0.0
    eta_s: float | None = None


@dataclass(frozen=True)
class MemoryEvent:
    """The device ran out of memory: the run goes on with smaller pieces of each batch.

    ``piece`` images now go through the network at once (the batch's gradient
    is still gathered over ``batch_size`` images, so what is learned is the same).
    """

    epoch: int
    step: int
    batch_size: int
    piece: int


Event = MessageEvent | DownloadEvent | StepEvent | EpochEvent | StageEvent | MemoryEvent
ProgressCallback = Callable[[Event], None]


def ignore_event(event: Event) -> None:
    """The default callback: report nothing."""


class StopRequest:
    """A thread-safe flag that long-running core calls check between batches."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def request(self) -> None:
        self._event.set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()
