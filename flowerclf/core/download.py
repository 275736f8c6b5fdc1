"""Downloading a big file: progress, a stop request, resuming, timeouts and a checksum.

The bytes go to a partial file beside the target (its name carries the start of
the expected SHA-256, so a part of another file is never continued). When the
connection drops, the download goes on from where it stopped with an HTTP
Range request, here at once while progress is being made, or on the next call;
a server that ignores Range sends the whole file again, and the part is
rewritten from the start. The target appears only once the whole file has the
expected SHA-256; a complete file with another hash is removed (continuing it
could never give the right file). Nothing here knows of Qt or torch.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import time
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path

from flowerclf.core.errors import (
    CHECKSUM_MISMATCH,
    DOWNLOAD_FAILED,
    DOWNLOAD_STOPPED,
    DownloadError,
    WriteError,
)
from flowerclf.core.events import DownloadEvent, ProgressCallback, StopRequest, ignore_event
from flowerclf.core.files import plain_os_reason

CHUNK = 256 * 1024
TIMEOUT_S = 20.0  # for connecting, and for each read: a stalled server is given up on
RETRIES = 5  # going on at once after a dropped connection, while each try brings more bytes
_SPEED_WINDOW_S = 5.0
_REPORT_INTERVAL_S = 0.1


def open_url(url: str, timeout: float, start: int = 0):
    """Open ``url`` for reading from byte ``start`` (tests may replace this)."""
    headers = {"User-Agent": "flowerclf"}
    if start:
        headers["Range"] = f"bytes={start}-"
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout)


def partial_path(target: Path, sha256: str) -> Path:
    """Where the bytes of ``target`` gather until the whole file is there and checked."""
    return target.with_name(f"{target.name}.{sha256[:12].lower()}.partial")


def file_sha256(path: Path, progress: ProgressCallback = ignore_event, stop=None) -> str:
    """The SHA-256 of a file, read in chunks (``stop`` is checked between them)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(4 * CHUNK):
            digest.update(chunk)
            if stop is not None and stop.requested:
                raise DownloadError("Checking the file was stopped.", DOWNLOAD_STOPPED, path=path)
    return digest.hexdigest()


class _Dropped(Exception):
    """The connection ended before the whole file came; ``reason`` says how."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class DownloadMeter:
    """Reports :class:`DownloadEvent` with the recent speed (over the last few seconds) and
    the time left: every tenth of a second, each percent, and when ``force``d."""

    def __init__(self, name: str, total: int | None, progress: ProgressCallback):
        self.name, self.total, self.progress = name, total, progress
        self._samples: deque[tuple[float, int]] = deque()
        self._last_report, self._last_done = 0.0, -1

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > _SPEED_WINDOW_S:
            self._samples.popleft()
        step = (self.total or 0) / 100
        moved = bool(step) and done - self._last_done >= step
        if not (force or moved or now - self._last_report >= _REPORT_INTERVAL_S):
            return
        self._last_report, self._last_done = now, done
        start_time, start_done = self._samples[0]
        speed = eta = None
        if now - start_time >= 0.5 and done > start_done:
            speed = (done - start_done) / (now - start_time)
            if self.total:
                eta = max(0, self.total - done) / speed
        self.progress(DownloadEvent(self.name, done, self.total, speed, eta))


def _network_reason(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"the server answered {error.code} {error.reason}"
    if isinstance(error, (TimeoutError, http.client.IncompleteRead)):
        return "the connection stalled or broke off"
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, TimeoutError):
        return "the server did not answer in time"
    return "no internet connection"


def download(
    url: str,
    target: str | Path,
    sha256: str,
    *,
    size: int | None = None,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
    timeout: float = TIMEOUT_S,
) -> Path:
    """Fetch ``url`` into ``target`` once its SHA-256 is ``sha256``; returns ``target``.

    ``size`` (when known) lets a complete part skip the network. Reports
    :class:`DownloadEvent` with speed and time left. Raises
    :class:`DownloadError`: ``download_failed`` (the part is kept: the next call
    goes on from it), ``download_stopped``, or ``checksum_mismatch`` (the file is
    removed); :class:`WriteError` when the part cannot be written.
    """
    target = Path(target)
    sha256 = sha256.lower()
    partial = partial_path(target, sha256)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(target, plain_os_reason(error), "the download") from error
    meter = DownloadMeter(target.name, size, progress)
    tries = 0
    while True:
        before = _size(partial)
        if size is not None and before >= size:
            break
        try:
            _fetch(url, partial, before, meter, stop, timeout)
            break
        except _Dropped as dropped:
            after = _size(partial)
            if after > before and tries < RETRIES:
                tries += 1
                continue
            raise DownloadError(
                f"The download of {url} stopped after {_mb(after)} of {_mb(meter.total)} "
                f"({dropped.reason}). What came is kept: trying again goes on from there.",
                DOWNLOAD_FAILED,
                url=url,
                reason=dropped.reason,
                bytes_done=after,
                bytes_total=meter.total,
                partial=partial if after else None,
            ) from None
    meter(_size(partial), force=True)
    actual = file_sha256(partial, stop=stop)
    if actual != sha256:
        partial.unlink(missing_ok=True)
        raise DownloadError(
            f"The file downloaded from {url} is not the one expected: its SHA-256 is {actual}, "
            f"not {sha256}. It was removed and nothing was unpacked.",
            CHECKSUM_MISMATCH,
            path=target,
            expected=sha256,
            actual=actual,
        )
    os.replace(partial, target)
    return target


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mb(count: int | None) -> str:
    return "an unknown size" if count is None else f"{count / 1e6:.1f} MB"


def _fetch(url: str, partial: Path, start: int, meter: DownloadMeter, stop, timeout: float) -> None:
    """One request: append to ``partial`` from ``start`` (or rewrite it), to the end."""
    try:
        response = open_url(url, timeout, start)
    except urllib.error.HTTPError as error:
        if error.code == 416 and start:
            return  # nothing after ``start``: the part is whole (or wrong: the hash will say)
        raise _failed(url, _network_reason(error), start, meter.total, partial) from error
    except (OSError, http.client.HTTPException) as error:
        raise _failed(url, _network_reason(error), start, meter.total, partial) from error
    with response:
        headers = getattr(response, "headers", None) or {}
        status = getattr(response, "status", None) or 200
        content_range = str(headers.get("Content-Range") or "")
        if start and not (status == 206 and content_range.startswith(f"bytes {start}-")):
            start = 0  # the server ignored the Range: this is the whole file from its start
        length = headers.get("Content-Length")
        if length is not None and str(length).isdigit():
            meter.total = start + int(length)
        done = start
        try:
            out = open(partial, "ab" if start else "wb")
        except OSError as error:
            raise WriteError(partial, plain_os_reason(error), "the download") from error
        with out:
            if not start:
                out.truncate(0)
            while True:
                if stop is not None and stop.requested:
                    out.flush()
                    raise DownloadError(
                        f"The download was stopped after {_mb(done)}; what came is kept.",
                        DOWNLOAD_STOPPED,
                        url=url,
                        bytes_done=done,
                        partial=partial,
                    )
                try:
                    chunk = response.read(CHUNK)
                except (OSError, http.client.HTTPException) as error:
                    raise _Dropped(_network_reason(error)) from error
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as error:
                    raise WriteError(partial, plain_os_reason(error), "the download") from error
                done += len(chunk)
                meter(done)
    if meter.total is not None and done < meter.total:
        raise _Dropped("the connection ended early")


def _failed(url: str, reason: str, done: int, total: int | None, partial: Path) -> DownloadError:
    kept = f" What came ({_mb(done)}) is kept: trying again goes on from there." if done else ""
    return DownloadError(
        f"Could not download {url} ({reason}).{kept}",
        DOWNLOAD_FAILED,
        url=url,
        reason=reason,
        bytes_done=done,
        bytes_total=total,
        partial=partial if done else None,
    )
