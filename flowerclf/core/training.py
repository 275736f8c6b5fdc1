"""The trainer: fine-tune an ImageNet ResNet on a folder of labelled photos.

A plain loop that reports what it does through a progress callback (see
``flowerclf.core.events``) and checks a stop request between batches. The
recipe's defaults: Adam, learning rate 1e-4, 3 epochs, batches of 16,
cross-entropy; the weights of the epoch with the best validation accuracy are
the ones kept.

Two modes. Fine-tuning updates every layer. With ``freeze_backbone`` only the
new last layer learns: the backbone (in eval mode) turns every image into a
feature vector once, and all epochs train the last layer on those vectors, so
every epoch after the first takes a moment.
"""

from __future__ import annotations

import contextlib
import math
import os
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from flowerclf.core import checkpoint as checkpoints
from flowerclf.core import distributed
from flowerclf.core.config import TrainingConfig
from flowerclf.core.continuing import continue_from, is_model_file
from flowerclf.core.data import (
    IMAGENET_MEAN,
    IMAGENET_STD,
    DatasetScan,
    Sample,
    SkippedFile,
    scan_dataset,
    split_samples,
)
from flowerclf.core.device import Precision, choose_precision, describe_device, resolve_device
from flowerclf.core.errors import (
    CHECKPOINT_EXISTS,
    NO_TRAINING_IMAGES,
    TRAINING_DIVERGED,
    DatasetError,
    FlowerclfError,
    InvalidSettingError,
    WriteError,
)
from flowerclf.core.evaluation import Evaluation, evaluate
from flowerclf.core.events import (
    EpochEvent,
    MemoryEvent,
    MessageEvent,
    ProgressCallback,
    StageEvent,
    StepEvent,
    StopRequest,
    ignore_event,
)
from flowerclf.core.features import FORWARD_COST as _FORWARD_COST
from flowerclf.core.features import FeatureExtractor
from flowerclf.core.gpu_loading import DeviceBatchLoader, device_decoding
from flowerclf.core.loading import BatchLoader, DecodedImageCache, normalize_batch
from flowerclf.core.models import build_model
from flowerclf.core.predict import Classifier, free_device_memory

__all__ = [
    "TrainingConfig",
    "TrainingResult",
    "keep_batchnorm_fp32",
    "train",
    "training_step",
]


@dataclass
class TrainingResult:
    """What a run produced: the best model and how it got there."""

    classifier: Classifier
    history: list[EpochEvent]
    step_losses: list[float]
    best_epoch: int
    best_val_accuracy: float | None
    stopped: bool
    train_samples: list[Sample]
    val_samples: list[Sample]
    skipped: list[SkippedFile] = field(default_factory=list)
    seconds: float = 0.0
    images_per_second: float = 0.0
    evaluation: Evaluation | None = None  # the kept model scored on the validation images
    interruption: str | None = None  # why the run ended early when nobody asked it to


def training_step(
    network: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    optimizer: torch.optim.Optimizer,
    precision: Precision,
    device: torch.device,
    loss_fn: nn.Module,
    scaler: torch.amp.GradScaler | None = None,
    pieces: int = 1,
) -> float:
    """One optimisation step on a normalised batch already on ``device``; returns the loss.

    With ``pieces`` > 1 the batch goes through the network in that many parts
    whose gradients add up to the whole batch's (each part's loss weighted by
    its share), then one optimiser step: what a device short of memory can do.

    Public so that the benchmark can time exactly this step on tensors held in
    memory and compare it with the same step fed from files.
    """
    optimizer.zero_grad(set_to_none=True)
    total = 0.0
    size = images.shape[0]
    parts = [
        part
        for part in zip(images.tensor_split(pieces), labels.tensor_split(pieces), strict=True)
        if part[0].shape[0]
    ]
    for number, (part_images, part_labels) in enumerate(parts, start=1):
        # Shared by several processes, gradients travel once per step, with the last part.
        quiet = number < len(parts) and hasattr(network, "no_sync")
        with network.no_sync() if quiet else contextlib.nullcontext():
            with precision.autocast(device):
                logits = network(part_images)
            loss = loss_fn(logits.float(), part_labels) * (part_images.shape[0] / size)
            if scaler is not None:
                scaler.scale(loss).backward()
            else:
                loss.backward()
        total += float(loss.detach())  # reading the loss is also a sync point on a GPU
    if scaler is not None:
        scaler.step(optimizer)
        scaler.update()
    else:
        optimizer.step()
    return total


def _float_input(module: nn.Module, args: tuple) -> tuple:
    return (args[0].float(), *args[1:])


def keep_batchnorm_fp32(network: nn.Module, precision: Precision, device: torch.device) -> list:
    """Make batch norm compute in fp32 under CPU bf16 autocast; returns hook handles to remove.

    CPU autocast leaves batch norm in bf16, and its batch statistics then cost
    accuracy: over 4 seeds (ResNet-34 from scratch) bf16 training ended 1.5
    points below fp32, and 2.5 points above it with batch norm in fp32.
    """
    if precision.autocast_dtype is not torch.bfloat16 or device.type != "cpu":
        return []
    return [
        module.register_forward_pre_hook(_float_input)
        for module in network.modules()
        if isinstance(module, nn.modules.batchnorm._BatchNorm)
    ]


class _Clock:
    """Turns work done into a fraction, elapsed time and an ETA."""

    def __init__(self, total_units: float):
        self.start = time.perf_counter()
        self.total = max(total_units, 1e-9)
        self.done = 0.0
        self.skipped = 0.0  # done before this run started (a resumed run's epochs)

    def advance(self, units: float) -> None:
        self.done = min(self.total, self.done + units)

    def skip(self, units: float) -> None:
        """Work done before (by an interrupted run): it counts as done, but took no time here."""
        self.advance(units)
        self.skipped = self.done

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    @property
    def fraction(self) -> float:
        return self.done / self.total

    @property
    def eta(self) -> float | None:
        """The time left at the pace of this run's own work so far (None: no pace yet)."""
        worked = self.done - self.skipped
        if worked <= 0:
            return None
        return self.elapsed * (self.total - self.done) / worked


def _split(scan: DatasetScan, config: TrainingConfig) -> tuple[list[Sample], list[Sample]]:
    if scan.presplit is not None:
        return list(scan.presplit[0]), list(scan.presplit[1])
    if config.val_split <= 0:
        return list(scan.samples), []
    split_seed = config.seed if config.seed is not None else 0
    return split_samples(scan.samples, config.val_split, split_seed)


def train(
    data: str | Path | DatasetScan,
    config: TrainingConfig | None = None,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
    *,
    checkpoint: str | Path | None = None,
    resume: bool = False,
    keep_checkpoint: bool = False,
) -> TrainingResult:
    """Train a classifier on a dataset folder (or an existing scan of one).

    Returns the model of the epoch with the best validation accuracy. When
    ``stop`` is requested the run ends after the current batch and still
    returns the best model so far (the current weights if no epoch finished).

    With ``checkpoint`` (a path), everything needed to go on is written there
    after every epoch; ``resume`` continues the run that checkpoint holds
    (refused, in plain words, if the photos or settings differ) and, with the
    same seed on the CPU, ends with the weights an uninterrupted run would
    have. The checkpoint is removed once every epoch is done (not when the
    run was stopped, so it can be continued), unless ``keep_checkpoint``.
    Without ``resume``, an existing checkpoint is never overwritten: that is
    a ``checkpoint_exists`` error naming the interrupted run.
    """
    config = config or TrainingConfig()
    config.validate()
    world = distributed.from_environment()
    check_processes(config, world.world_size)
    stop = stop if stop is not None else StopRequest()
    scan = data if isinstance(data, DatasetScan) else scan_dataset(data)
    train_samples, val_samples = _split(scan, config)
    if not train_samples:
        raise DatasetError(
            "There are no training images left after the validation split.",
            NO_TRAINING_IMAGES,
            val_split=config.val_split,
        )

    state, files = None, None
    if checkpoint is not None:
        checkpoint = Path(checkpoint)
        files = checkpoints.fingerprint(train_samples + val_samples, scan.root)
        if resume:
            state = checkpoints.load_checkpoint(checkpoint)
            checkpoints.check_same_run(state, config, files, checkpoint)
            train_samples = [Sample(scan.root / p, int(label)) for p, label in state["train"]]
            val_samples = [Sample(scan.root / p, int(label)) for p, label in state["val"]]
        elif checkpoint.exists():
            raise FlowerclfError(
                f"An interrupted training would be overwritten ({checkpoint.name}): continue it, "
                "or remove that file to start again.",
                CHECKPOINT_EXISTS,
                path=checkpoint,
                description=_checkpoint_words(checkpoint),
            )

    seed = config.seed if config.seed is not None else random.SystemRandom().randrange(2**31)
    if state is not None:
        seed = int(state["seed"])  # the interrupted run's, so that its randomness goes on
    world, device = distributed.start(resolve_device(config.device), world)
    progress = distributed.main_only(world, progress)
    seed = distributed.broadcast_int(world, seed)  # one run, one seed, whoever drew it
    torch.manual_seed(seed)
    precision = choose_precision(device, config.precision)
    if device.type == "cuda":
        # every batch has the same shape: let cuDNN pick its fastest kernels once
        torch.backends.cudnn.benchmark = True
    where = f"on {describe_device(device)}"
    if world.active:
        where = (
            f"in {world.world_size} processes together ({world.backend}, "
            f"{config.batch_size // world.world_size} images each per step), the first {where},"
        )
    progress(
        MessageEvent(
            f"Training {config.arch} {where} in {precision.plain_words}; "
            f"{len(train_samples)} training and {len(val_samples)} validation images."
        )
    )
    started_from = None
    if world.is_main and is_model_file(config.weights):
        # A flowerclf model: its classes are matched by name, its last layer kept where it can.
        network, started_from = continue_from(
            config.weights, config.arch, scan.classes, config.image_size, progress
        )
    else:
        # Only the first process fetches the starting weights: the others receive them
        # from it when the processes join (DistributedDataParallel starts from rank 0's).
        weights = config.weights if world.is_main else "none"
        network = build_model(config.arch, len(scan.classes), weights, progress)
    network.to(device=device, memory_format=torch.channels_last)

    run = _Run(
        scan, config, device, precision, seed, network, train_samples, val_samples, progress, stop
    )
    run.world = world
    run.checkpoint_path = checkpoint if world.is_main else None
    run.files, run.resume_state = files, state
    run.started_from = started_from
    result = run.execute()
    distributed.finish(world)
    if not world.is_main:
        return result
    if checkpoint is not None and not result.stopped and not keep_checkpoint:
        try:
            checkpoint.unlink(missing_ok=True)
        except OSError:
            pass  # never written (its folder could not be made): nothing to remove
    return result


def score_kept_model(
    classifier: Classifier,
    val_samples: list[Sample],
    classes: list[str],
    batch_size: int,
    progress: ProgressCallback = ignore_event,
) -> Evaluation | None:
    """A run's kept model scored on its validation images (None: nothing to score)."""
    if not val_samples:
        return None
    try:
        return evaluate(
            classifier, val_samples, classes, batch_size=max(32, batch_size), progress=progress
        )
    except DatasetError:
        return None  # every validation image unreadable: nothing to score


def check_processes(config: TrainingConfig, processes: int) -> None:
    """Refuse, in plain words, what ``processes`` processes cannot share."""
    if processes <= 1:
        return
    if config.freeze_backbone:
        raise InvalidSettingError(
            "Training only the last layer takes a moment on one device: run it in one process, "
            "not several.",
            setting="freeze_backbone",
            value=True,
            processes=processes,
        )
    if config.batch_size % processes:
        raise InvalidSettingError(
            f"The batch size ({config.batch_size}) must be a multiple of the number of "
            f"processes ({processes}), so that each takes the same share of every step.",
            setting="batch_size",
            value=config.batch_size,
            processes=processes,
        )


def _checkpoint_words(path: Path) -> str:
    try:
        return checkpoints.describe(checkpoints.load_checkpoint(path))
    except FlowerclfError:
        return "unreadable"


class _Halt:
    """The run's stop request: the person's, or the run's own when it cannot go on.

    A vanished photo folder or the computer running out of memory end the run
    the way Stop does (the best model so far is kept, and the checkpoint), with
    the reason to tell.
    """

    def __init__(self, stop: StopRequest) -> None:
        self._stop = stop
        self.reason: str | None = None

    @property
    def requested(self) -> bool:
        return self._stop.requested or self.reason is not None

    def request(self) -> None:
        self._stop.request()

    def halt(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason


class _Run:
    """One training run's state, so that the two modes share validation and bookkeeping."""

    def __init__(
        self,
        scan: DatasetScan,
        config: TrainingConfig,
        device: torch.device,
        precision: Precision,
        seed: int,
        network: nn.Module,
        train_samples: list[Sample],
        val_samples: list[Sample],
        progress: ProgressCallback,
        stop: StopRequest,
    ):
        self.scan = scan
        self.config = config
        self.device = device
        self.precision = precision
        self.seed = seed
        self.network = network
        self.train_samples = train_samples
        self.val_samples = val_samples
        self.progress = progress
        self.stop = _Halt(stop)
        self.classes = scan.classes
        self.history: list[EpochEvent] = []
        self.step_losses: list[float] = []
        self.skipped: list[SkippedFile] = []
        self.best_accuracy: float | None = None
        self.best_loss: float | None = None  # the validation loss of the kept epoch
        self.best_epoch = 0
        self.best_state: dict[str, torch.Tensor] | None = None
        self.stopped = False
        self.images_trained = 0
        self.cache = DecodedImageCache()
        self.loss_fn = nn.CrossEntropyLoss()
        # Checkpoints: where to write them, the files of the run, the state to resume from,
        # and what learns (set by the loops) so that every epoch's end can be written down.
        self.checkpoint_path: Path | None = None
        self.files: list | None = None
        self.resume_state: dict | None = None
        self.optimizer: torch.optim.Optimizer | None = None
        self.scaler: torch.amp.GradScaler | None = None
        self.generator: torch.Generator | None = None
        self.pieces = 1  # how many parts each batch goes through the network in
        self.world = distributed.SINGLE  # the processes sharing this run
        self.model: nn.Module = network  # what trains: the network, or its DDP wrapper
        self.interruption: str | None = None  # why the run ended early, if not by a stop
        self.started_from: dict | None = None  # the model file the run continued, if any

    # ------------------------------------------------------------------ shared

    def _on_unreadable(self, sample: Sample, message: str) -> None:
        if not Path(self.scan.root).is_dir():
            # Not one bad photo: the whole folder is gone (an unplugged drive, say).
            self.stop.halt(
                f"The photo folder {self.scan.root} is no longer there (an unplugged drive?). "
                "Training stopped; the best model so far is kept."
            )
            return
        self.skipped.append(SkippedFile(sample.path, message))
        self.progress(MessageEvent(f"Skipped an unreadable image: {message}"))

    def _loader(
        self,
        samples: Sequence[Sample],
        train: bool,
        batch_size: int,
        order: distributed.EpochOrder | None = None,
    ) -> BatchLoader:
        on_gpu = self.device.type == "cuda"
        workers = self.config.workers
        share = max(1, (os.cpu_count() or 1) // self.world.local_world_size)
        if device_decoding(self.device):
            # JPEGs decoded and cropped on the device; threads only read the files
            return DeviceBatchLoader(
                samples,
                self.config.image_size,
                batch_size,
                device=self.device,
                train=train,
                seed=self.seed,
                workers=workers or min(16, max(2, share)),
                cache=self.cache,
                on_unreadable=self._on_unreadable,
                order=order,
            )
        use_processes = on_gpu and workers != 0
        if use_processes and workers is None:
            # the cores are shared by the processes of this machine
            workers = min(8, share)
        if workers == 0:
            workers = 1  # one decoding thread, no processes at all
        return BatchLoader(
            samples,
            self.config.image_size,
            batch_size,
            train=train,
            seed=self.seed,
            workers=workers,
            cache=self.cache,
            use_processes=use_processes,
            pin_memory=on_gpu,
            on_unreadable=self._on_unreadable,
            order=order,
        )

    def _report_step(
        self, epoch: int, step: int, steps: int, loss: float, images: int, work: float, clock
    ) -> None:
        self.images_trained += images
        self.step_losses.append(loss)
        clock.advance(work)
        self.progress(
            StepEvent(
                epoch,
                self.config.epochs,
                step,
                steps,
                loss,
                self.images_trained,
                clock.fraction,
                clock.elapsed,
                clock.eta,
            )
        )

    def _record_epoch(
        self,
        epoch: int,
        train_loss: float,
        val_loss: float | None,
        correct: torch.Tensor | None,
        counts: torch.Tensor | None,
        clock: _Clock,
        rate: float,
    ) -> EpochEvent:
        accuracy = None
        per_class: dict[str, float] = {}
        if counts is not None and int(counts.sum()) > 0:
            accuracy = float(correct.sum()) / float(counts.sum())
            per_class = {
                name: float(correct[i]) / float(counts[i])
                for i, name in enumerate(self.classes)
                if counts[i] > 0
            }
        # Without any validation accuracy, the latest epoch is the one kept. A tie in
        # accuracy goes to the lower validation loss: at 100% from epoch 2 on, the
        # epoch-8 model that is sure of its answers beats the epoch-2 one that guessed.
        is_best = self.best_accuracy is None or (
            accuracy is not None
            and (
                accuracy > self.best_accuracy
                or (
                    accuracy == self.best_accuracy
                    and val_loss is not None
                    and self.best_loss is not None
                    and val_loss < self.best_loss
                )
            )
        )
        if is_best:
            self.best_accuracy = accuracy
            self.best_loss = val_loss
            self.best_epoch = epoch
            self.best_state = {
                k: v.detach().to("cpu", copy=True) for k, v in self.network.state_dict().items()
            }
        event = EpochEvent(
            epoch=epoch,
            epochs=self.config.epochs,
            train_loss=train_loss,
            val_loss=val_loss,
            val_accuracy=accuracy,
            per_class_accuracy=per_class,
            is_best=is_best,
            fraction=clock.fraction,
            elapsed_s=clock.elapsed,
            eta_s=clock.eta,
            images_per_second=rate,
        )
        self.history.append(event)
        # Written before anyone hears of the epoch: once its line shows, it is safe.
        self._save_checkpoint(epoch)
        self.progress(event)
        return event

    def _save_checkpoint(self, epoch: int) -> None:
        if self.checkpoint_path is None:
            return
        try:
            checkpoints.save_checkpoint(self.checkpoint_path, checkpoints.state_of(self, epoch))
        except WriteError as error:
            # A full disk must not end an afternoon's training: say so, and go on.
            self.progress(
                MessageEvent(
                    f"The checkpoint could not be written ({error.reason}); "
                    "training goes on without it."
                )
            )

    def _resume(self, clock: _Clock, per_epoch: float) -> int:
        """Go on from the checkpoint: the epochs done, replayed for the curves; the next epoch."""
        state = self.resume_state
        if state is None:
            return 1
        checkpoints.restore(self, state)
        done = int(state["epoch"])
        clock.skip(per_epoch * done)
        self.progress(
            MessageEvent(
                f"Continuing the interrupted training after epoch {done} of {self.config.epochs}."
            )
        )
        for row in state["history"]:
            event = EpochEvent(**{**row, "replayed": True})
            self.history.append(event)
            self.progress(event)
        return done + 1

    def _finish(self, started: float) -> TrainingResult:
        if self.best_state is not None:
            self.network.load_state_dict(self.best_state)
        self.network.eval()
        seconds = time.perf_counter() - started
        metadata = {
            "training": self.config.as_metadata(),
            "best_val_accuracy": self.best_accuracy,
            "best_epoch": self.best_epoch,
            "epochs_completed": len(self.history),
            "stopped": self.stopped,
            "dataset": str(self.scan.root),
            "train_images": len(self.train_samples),
            "val_images": len(self.val_samples),
            "processes": self.world.world_size,
            "history": [
                {
                    "epoch": e.epoch,
                    "train_loss": e.train_loss,
                    "val_loss": e.val_loss,
                    "val_accuracy": e.val_accuracy,
                }
                for e in self.history
            ],
        }
        if self.started_from is not None:
            metadata["started_from"] = self.started_from
        classifier = Classifier(
            self.network,
            self.config.arch,
            self.classes,
            image_size=self.config.image_size,
            mean=IMAGENET_MEAN,
            std=IMAGENET_STD,
            metadata=metadata,
        )
        if self.stopped:
            kept = (
                "Training stopped; the best model so far is kept."
                if self.history
                else "Training stopped before its first epoch ended."
            )
            self.progress(MessageEvent(self.stop.reason or kept))
        evaluation = self._evaluate(classifier)
        if evaluation is not None:
            classifier.metadata["evaluation"] = evaluation.to_metadata()
        return TrainingResult(
            classifier=classifier,
            history=self.history,
            step_losses=self.step_losses,
            best_epoch=self.best_epoch,
            best_val_accuracy=self.best_accuracy,
            stopped=self.stopped,
            train_samples=self.train_samples,
            val_samples=self.val_samples,
            skipped=self.skipped,
            seconds=seconds,
            images_per_second=self.images_trained / seconds if seconds > 0 else 0.0,
            evaluation=evaluation,
            interruption=self.stop.reason,
        )

    def _evaluate(self, classifier: Classifier) -> Evaluation | None:
        """Score the kept model on the validation images: the confusion matrix and what to review.

        Skipped when there is no validation set, or when the run was stopped
        before a single epoch finished (the user asked for the model now).
        """
        if (self.stopped and not self.history) or not self.world.is_main:
            return None
        return score_kept_model(
            classifier, self.val_samples, self.classes, self.config.batch_size, self.progress
        )

    def execute(self) -> TrainingResult:
        started = time.perf_counter()
        try:
            if self.config.freeze_backbone:
                self._train_last_layer()
            else:
                self._fine_tune()
        except RuntimeError as error:
            if self.world.active and distributed.is_communication_failure(error):
                raise distributed.process_lost(self.world, error) from error
            raise
        except MemoryError:
            self.stopped = True
            self.stop.halt(
                "The computer ran out of memory. Training stopped; the best model so far "
                "is kept. A smaller batch size or image size needs less memory."
            )
        return self._finish(started)

    # ------------------------------------------------------------------ fine-tuning

    def _fine_tune(self) -> None:
        hooks = keep_batchnorm_fp32(self.network, self.precision, self.device)
        if self.world.active:
            from torch.nn.parallel import DistributedDataParallel

            # Joining broadcasts rank 0's weights: every process starts from the same ones.
            self.model = DistributedDataParallel(
                self.network, device_ids=[self.device] if self.device.type == "cuda" else None
            )
        try:
            self._fine_tune_loop()
        finally:
            self.model = self.network
            for hook in hooks:
                hook.remove()

    def _fine_tune_loop(self) -> None:
        config = self.config
        world = self.world
        batch_size = config.batch_size // world.world_size  # each process's share of a step
        order = None
        if world.active:
            order = distributed.EpochOrder(len(self.train_samples), world, self.seed)
        train_loader = self._loader(self.train_samples, True, batch_size, order)
        # validation: each process scores its own share, no image twice
        shard = [self.val_samples[i] for i in distributed.shard(len(self.val_samples), world)]
        val_loader = self._loader(shard, False, max(32, batch_size))
        per_epoch = len(self.train_samples) + _FORWARD_COST * len(self.val_samples)
        clock = _Clock(per_epoch * config.epochs)
        params = [p for p in self.network.parameters() if p.requires_grad]
        optimizer = torch.optim.Adam(params, lr=config.lr)
        scaler = torch.amp.GradScaler(self.device.type) if self.precision.use_grad_scaler else None
        self.optimizer, self.scaler = optimizer, scaler
        first_epoch = self._resume(clock, per_epoch)
        steps = len(train_loader)
        try:
            for epoch in range(first_epoch, config.epochs + 1):
                self.network.train()
                loss_sum, seen, epoch_start = 0.0, 0, time.perf_counter()
                for step, batch in enumerate(train_loader.epoch(epoch), start=1):
                    distributed.exit_for_test(world, epoch, step)
                    n = len(batch.indices)
                    # every process takes the same steps: a stop anywhere stops all
                    stopping, empty, images = distributed.step_votes(
                        world, self.stop.requested, n == 0, n
                    )
                    if stopping:
                        self.stopped = True
                        break
                    if empty:
                        continue  # a process found only unreadable photos: all skip the step
                    loss = self._train_step(batch, optimizer, scaler, epoch, step)
                    loss_sum += loss * n
                    seen += n
                    self._report_step(epoch, step, steps, loss, images, images, clock)
                if self.stopped:
                    break
                loss_sum, seen = (float(v) for v in distributed.all_sum(world, [loss_sum, seen]))
                rate = seen / max(time.perf_counter() - epoch_start, 1e-9)
                val_loss, correct, counts = self._validate(val_loader, clock)
                if self.stop.requested and counts is None and self.val_samples:
                    self.stopped = True
                    break
                self._record_epoch(
                    epoch, loss_sum / max(seen, 1), val_loss, correct, counts, clock, rate
                )
        finally:
            train_loader.close()
            val_loader.close()

    def _train_step(self, batch, optimizer, scaler, epoch: int, step: int) -> float:
        x = normalize_batch(batch.images, IMAGENET_MEAN, IMAGENET_STD, self.device)
        y = batch.labels.to(self.device, non_blocking=True)
        while True:
            try:
                value = training_step(
                    self.model,
                    x,
                    y,
                    optimizer,
                    self.precision,
                    self.device,
                    self.loss_fn,
                    scaler,
                    pieces=self.pieces,
                )
                break
            except torch.OutOfMemoryError:
                # The device is short of memory: the same batch in more, smaller pieces.
                piece = math.ceil(x.shape[0] / self.pieces)
                if piece <= 1:
                    raise
                free_device_memory(self.device)
                self.pieces *= 2
                smaller = math.ceil(x.shape[0] / self.pieces)
                self.progress(MemoryEvent(epoch, step, int(x.shape[0]), smaller))
                self.progress(
                    MessageEvent(
                        f"Out of memory on the {self.device.type.upper()}: going on with "
                        f"{smaller} images at a time (the batch stays {x.shape[0]})."
                    )
                )
        if not math.isfinite(value):
            raise FlowerclfError(
                "Training went numerically wrong (the loss is not a number). "
                "Try a smaller learning rate.",
                TRAINING_DIVERGED,
                lr=self.config.lr,
            )
        return value

    @torch.inference_mode()
    def _validate(self, loader: BatchLoader, clock: _Clock):
        """Loss and per-class correct counts on the validation set (None without one).

        In a run of several processes each scores its share and the sums are
        added up; all score with rank 0's batch-norm statistics, the model's.
        """
        if not self.val_samples:
            return None, None, None
        together = self.world.active
        distributed.broadcast_buffers(self.world, self.network)
        self.network.eval()
        n_classes = len(self.classes)
        correct = torch.zeros(n_classes, dtype=torch.long)
        counts = torch.zeros(n_classes, dtype=torch.long)
        loss_sum, seen = 0.0, 0
        for batch in loader.epoch(0):
            if self.stop.requested and not together:  # together, the next step's vote stops
                return None, None, None
            x = normalize_batch(batch.images, IMAGENET_MEAN, IMAGENET_STD, self.device)
            with self.precision.autocast(self.device):
                logits = self.network(x)
            logits = logits.float().cpu()
            loss_sum += float(self.loss_fn(logits, batch.labels)) * len(batch.indices)
            seen += len(batch.indices)
            predicted = logits.argmax(dim=1)
            counts += torch.bincount(batch.labels, minlength=n_classes)
            correct += torch.bincount(batch.labels[predicted == batch.labels], minlength=n_classes)
            clock.advance(_FORWARD_COST * len(batch.indices))
            self.progress(
                StageEvent(
                    "Validating", seen, loader.num_samples, clock.fraction, clock.elapsed, clock.eta
                )
            )
        if together:
            totals = distributed.all_sum(self.world, [loss_sum, seen, *correct, *counts])
            loss_sum, seen = float(totals[0]), int(totals[1])
            correct = totals[2 : 2 + n_classes].long()
            counts = totals[2 + n_classes :].long()
        if seen == 0:
            return None, None, None
        return loss_sum / seen, correct, counts

    # ------------------------------------------------------------------ last layer only

    def _train_last_layer(self) -> None:
        config = self.config
        for p in self.network.parameters():
            p.requires_grad_(False)
        head: nn.Linear = self.network.fc
        for p in head.parameters():
            p.requires_grad_(True)
        n_train, n_val = len(self.train_samples), len(self.val_samples)
        head_cost = 0.002  # training the last layer on stored features costs next to nothing
        clock = _Clock((n_train + n_val) * _FORWARD_COST + head_cost * n_train * config.epochs)
        extractor = FeatureExtractor(
            self.network,
            config.arch,
            config.image_size,
            self.device,
            self.precision,
            self._loader,
            self.progress,
            self.stop,
        )
        train_feats, train_labels = extractor.features(self.train_samples, clock)
        val_feats, val_labels = (
            extractor.features(self.val_samples, clock) if n_val else (None, None)
        )
        if self.stop.requested:
            self.stopped = True
            return
        head.to("cpu")
        self.network.eval()
        optimizer = torch.optim.Adam(head.parameters(), lr=config.lr)
        generator = torch.Generator().manual_seed(self.seed)
        self.optimizer, self.generator = optimizer, generator
        first_epoch = self._resume(clock, head_cost * n_train)
        batch_size = config.batch_size
        steps = math.ceil(len(train_labels) / batch_size)
        try:
            for epoch in range(first_epoch, config.epochs + 1):
                epoch_start = time.perf_counter()
                order = torch.randperm(len(train_labels), generator=generator)
                loss_sum = 0.0
                for step in range(1, steps + 1):
                    if self.stop.requested:
                        self.stopped = True
                        break
                    idx = order[(step - 1) * batch_size : step * batch_size]
                    logits = head(train_feats[idx])
                    loss = self.loss_fn(logits, train_labels[idx])
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()
                    value = float(loss.detach())
                    loss_sum += value * len(idx)
                    self._report_step(
                        epoch, step, steps, value, len(idx), head_cost * len(idx), clock
                    )
                if self.stopped:
                    break
                rate = len(train_labels) / max(time.perf_counter() - epoch_start, 1e-9)
                val_loss, correct, counts = None, None, None
                if val_feats is not None and len(val_labels):
                    with torch.no_grad():
                        logits = head(val_feats)
                        val_loss = float(self.loss_fn(logits, val_labels))
                        predicted = logits.argmax(dim=1)
                    counts = torch.bincount(val_labels, minlength=len(self.classes))
                    correct = torch.bincount(
                        val_labels[predicted == val_labels], minlength=len(self.classes)
                    )
                self._record_epoch(
                    epoch,
                    loss_sum / max(len(train_labels), 1),
                    val_loss,
                    correct,
                    counts,
                    clock,
                    rate,
                )
        finally:
            head.to(self.device)
