"""What the command line prints: the progress bar and epoch lines, and prediction rows.

Kept apart from :mod:`flowerclf.cli` (the commands and their options) so
each has one job; nothing here imports torch.
"""

from __future__ import annotations

import csv
import json
import sys


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


_BAR_STEPS = 1000  # the bar counts thousandths of the work


def _new_bar(stream, min_interval: float, text: str):
    """A tqdm bar on ``stream``, described by ``text``, that erases itself when closed."""
    from tqdm import tqdm

    class _Bar(tqdm):
        monitor_interval = 0  # no watchdog thread: the events drive every redraw

    return _Bar(
        desc=text,
        total=_BAR_STEPS,
        file=stream,
        leave=False,
        dynamic_ncols=True,
        mininterval=min_interval,
        miniters=1,  # any progress may redraw, at most every min_interval seconds
        bar_format="{percentage:3.0f}%|{bar}| {desc}",
    )


class ProgressPrinter:
    """Turns core events into a tqdm progress bar on stderr and one line per epoch on stdout.

    The bar is drawn only when stderr is a terminal; in a log or a pipe the
    progress becomes a plain line every 10 percent instead.
    """

    min_interval = 0.1  # seconds between redraws of the bar

    def __init__(self, stream=None, out=None):
        self.stream = stream or sys.stderr
        self.out = out or sys.stdout
        self.interactive = _is_terminal(self.stream)
        self._bar = None
        self._bar_kind: str | None = None
        self._last_percent = -1

    def _draw(self, kind: str, text: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if not self.interactive:  # logs and pipes: a line every 10 percent
            percent = int(100 * fraction)
            if percent // 10 == self._last_percent // 10:
                return
            self._last_percent = percent
            self.stream.write(f"{percent:3d}% {text}\n")
            self.stream.flush()
            return
        steps = round(fraction * _BAR_STEPS)
        # a download, or work that starts again from 0 (evaluating after training), gets a new bar
        if self._bar is None or kind != self._bar_kind or steps < self._bar.n:
            self.close()
            self._bar = _new_bar(self.stream, self.min_interval, text)
            self._bar_kind = kind
        self._bar.set_description_str(text, refresh=False)
        self._bar.update(steps - self._bar.n)

    def _clear(self) -> None:
        if self._bar is not None:
            self._bar.clear()

    def __call__(self, event) -> None:
        from flowerclf.core.events import (
            DownloadEvent,
            EpochEvent,
            MessageEvent,
            StageEvent,
            StepEvent,
        )

        if isinstance(event, StepEvent):
            self._draw(
                "work",
                f"epoch {event.epoch}/{event.epochs} step {event.step}/{event.steps_per_epoch} "
                f"loss {event.loss:.4f} ETA {_duration(event.eta_s)}",
                event.fraction,
            )
        elif isinstance(event, StageEvent):
            self._draw(
                "work",
                f"{event.stage} {event.done}/{event.total} ETA {_duration(event.eta_s)}",
                event.fraction,
            )
        elif isinstance(event, DownloadEvent):
            total = event.bytes_total or 0
            fraction = event.bytes_done / total if total else 0.0
            text = f"downloading {event.name} {event.bytes_done / 1e6:.1f}/{total / 1e6:.1f} MB"
            if event.bytes_per_second:
                text += f" {event.bytes_per_second / 1e6:.1f} MB/s ETA {_duration(event.eta_s)}"
            self._draw("download", text, fraction)
        elif isinstance(event, EpochEvent):
            self._clear()
            parts = [f"epoch {event.epoch}/{event.epochs}: train loss {event.train_loss:.4f}"]
            if event.val_loss is not None:
                parts.append(f"val loss {event.val_loss:.4f}")
            parts.append(f"val accuracy {percent(event.val_accuracy)}")
            line = ", ".join(parts)
            if event.replayed:
                line += " (done before the interruption)"
            elif event.is_best:
                line += " (best so far)"
            print(line, file=self.out, flush=True)
        elif isinstance(event, MessageEvent):
            self._clear()
            print(event.text, file=self.stream, flush=True)

    def close(self) -> None:
        """Erase the bar (if one is shown); the next event draws a new one."""
        if self._bar is not None:
            bar, self._bar, self._bar_kind = self._bar, None, None
            bar.close()


class RowWriter:
    """Writes one prediction row at a time in the chosen format."""

    def __init__(self, fmt: str, classes: list[str], k: int, width: int, out) -> None:
        self.fmt, self.classes, self.k, self.width, self.out = fmt, classes, k, width, out
        self.written = self.failed = 0
        if fmt == "csv":
            self.csv = csv.writer(out)
            self.csv.writerow(["path", "top_label", "top_prob", *classes, "error"])

    def row(self, path: str, prediction, error: str | None) -> None:
        self.written += 1
        bad = error is not None or prediction is None or not prediction.ok
        self.failed += bad
        if self.fmt == "json":
            record = {"path": path, "error": error}
            if not bad:
                top = prediction.top(self.k)
                record = {
                    "path": path,
                    "top": [{"label": label, "prob": prob} for label, prob in top],
                    "probs": prediction.as_dict(),
                }
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            if bad:
                self.csv.writerow([path, "", "", *([""] * len(self.classes)), error])
            else:
                probs = [f"{p:.6f}" for p in prediction.probs]
                conf = f"{prediction.confidence:.6f}"
                self.csv.writerow([path, prediction.label, conf, *probs, ""])
        else:
            width = self.width
            shown = path if len(path) <= width else "…" + path[-(width - 1) :]
            if bad:
                self.out.write(f"{shown:<{width}}  error: {error}\n")
            else:
                tops = "  ".join(f"{label} {percent(p)}" for label, p in prediction.top(self.k))
                self.out.write(f"{shown:<{width}}  {tops}\n")
