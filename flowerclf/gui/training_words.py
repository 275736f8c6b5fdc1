"""What the Train tab says about a run, in plain words: durations, progress lines, epoch lines.

Pure functions of the core's events, so they are tested without a window.
Every sentence goes through ``QCoreApplication.translate``.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QObject

from flowerclf.core.events import DownloadEvent, EpochEvent, StageEvent, StepEvent
from flowerclf.gui.log_words import log_words


class Training(QObject):
    """The translation context of a run's words: ``Training.tr(text)``, as lupdate reads it."""


def format_duration(seconds: float) -> str:
    """1 h 05 min, 3 min 20 s, 42 s: what a person reads at a glance."""
    total = max(0, int(round(seconds)))
    minutes, secs = divmod(total, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return Training.tr("{h} h {m:02d} min").format(h=hours, m=minutes)
    if minutes:
        return Training.tr("{m} min {s:02d} s").format(m=minutes, s=secs)
    return Training.tr("{s} s").format(s=secs)


def format_megabytes(count: int) -> str:
    return Training.tr("{mb:.1f} MB").format(mb=count / 1_000_000)


def run_summary(config: Any, folder: str) -> str:
    """The first log line of a run: what is trained on what, with which settings."""
    weights = {
        "imagenet": Training.tr("ImageNet"),
        "none": Training.tr("none (from scratch)"),
    }.get(str(config.weights), str(config.weights))
    mode = Training.tr("last layer only") if config.freeze_backbone else Training.tr("all layers")
    return Training.tr(
        "Training {arch} ({mode}) on {folder}: {epochs} epochs, batch size {batch}, "
        "learning rate {lr:g}, image size {size} px, starting weights {weights}.",
    ).format(
        arch=config.arch,
        mode=mode,
        folder=folder,
        epochs=config.epochs,
        batch=config.batch_size,
        lr=config.lr,
        size=config.image_size,
        weights=weights,
    )


def progress_text(event: StepEvent | StageEvent, epoch_text: str) -> str:
    """The progress bar's words: where the run is and how long is left."""
    if event.eta_s is not None and math.isfinite(event.eta_s):
        left = Training.tr("about {t} left").format(t=format_duration(event.eta_s))
    else:
        left = Training.tr("estimating time left…")
    if isinstance(event, StepEvent):
        where = Training.tr("{epoch} · step {step} of {steps}").format(
            epoch=epoch_text, step=event.step, steps=event.steps_per_epoch
        )
    else:
        # Validation or feature extraction: say which, within the current epoch.
        prefix = f"{epoch_text} · " if epoch_text else ""
        where = prefix + Training.tr("{stage} {done} of {total}").format(
            stage=log_words(event.stage), done=event.done, total=event.total
        )
    return f"{where} · {left}"


def epoch_text(event: StepEvent | EpochEvent) -> str:
    return Training.tr("Epoch {n} of {total}").format(n=event.epoch, total=event.epochs)


def epoch_lines(event: EpochEvent, show_speed: bool = True) -> list[str]:
    """The log's lines for one finished epoch: losses, accuracy, speed, per class.

    ``show_speed`` is off for last-layer training: its epochs run on features
    computed once, and "16383 images/s" would mean nothing to anyone.
    """
    parts = [
        Training.tr("Epoch {n} of {total}: training loss {loss:.4f}").format(
            n=event.epoch, total=event.epochs, loss=event.train_loss
        )
    ]
    if event.val_loss is not None:
        parts.append(Training.tr("validation loss {loss:.4f}").format(loss=event.val_loss))
    if event.val_accuracy is not None:
        parts.append(Training.tr("validation accuracy {acc:.1%}").format(acc=event.val_accuracy))
    line = ", ".join(parts)
    if event.replayed:
        # Trained before the interruption: said once, without a speed it did not have now.
        return [line + Training.tr(" (done before the interruption)")]
    if event.is_best:
        line += Training.tr(" (best so far)")
    if event.images_per_second and show_speed:
        line += Training.tr(" · {ips:.1f} images/s").format(ips=event.images_per_second)
    lines = [line]
    if event.per_class_accuracy:
        worst = sorted(event.per_class_accuracy.items(), key=lambda kv: kv[1])
        lines.append(
            Training.tr("    per class: ") + ", ".join(f"{name} {acc:.0%}" for name, acc in worst)
        )
    return lines


def download_amount(event: DownloadEvent) -> str:
    """ "12.0 MB of 102.5 MB · 5.1 MB/s · about 18 s left", as much as is known."""
    if event.bytes_total:
        amount = Training.tr("{done} of {total}").format(
            done=format_megabytes(event.bytes_done), total=format_megabytes(event.bytes_total)
        )
    else:
        amount = format_megabytes(event.bytes_done)
    if event.bytes_per_second:
        amount += Training.tr(" · {speed:.1f} MB/s").format(speed=event.bytes_per_second / 1e6)
    if event.eta_s is not None:
        amount += Training.tr(" · about {time} left").format(time=format_duration(event.eta_s))
    return amount


def download_text(event: DownloadEvent) -> str:
    return Training.tr("Downloading starting weights {name}: {amount}").format(
        name=event.name, amount=download_amount(event)
    )


def outcome_text(result: Any) -> tuple[str, str]:
    """(verb, best) for a finished run: ("finished", "best validation accuracy 93.8% (epoch 2)")."""
    accuracy = result.best_val_accuracy
    if not result.history:
        best = Training.tr("no epoch was finished, so no model was kept")
    elif accuracy is not None:
        best = Training.tr("best validation accuracy {acc:.1%} (epoch {epoch})").format(
            acc=accuracy, epoch=result.best_epoch
        )
    else:
        best = Training.tr("no validation photos, so the last epoch is kept")
    verb = Training.tr("stopped") if result.stopped else Training.tr("finished")
    return verb, best


def finished_message(result: Any) -> str:
    """What the Train tab's message bar says when a run has ended."""
    verb, best = outcome_text(result)
    if result.history:
        text = Training.tr(
            "Training {verb}: {best}. The model is ready in the Predict tab; "
            "save it to keep it after the app closes.",
        ).format(verb=verb, best=best)
    else:
        text = Training.tr("Training {verb}: {best}.").format(verb=verb, best=best)
    return f"{log_words(result.interruption)} {text}" if result.interruption else text
