"""Errors in the app's own words.

Core errors are data: a ``kind`` and the details behind it (path, architecture,
reason, ...). The command line words them with its flags; this module words
them with the app's buttons and settings, so no flag name, errno text or
jargon reaches the window. Errors that are bugs get one plain line here; their
traceback travels separately, as the message's details.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flowerclf.core.errors import FlowerclfError
from flowerclf.gui.kind_words import KIND_WORDS, Errors
from flowerclf.gui.reason_words import reason_words
from flowerclf.gui.tasks import TaskError


def _weights_unavailable(details: dict[str, Any], error: BaseException) -> str:
    arch = details.get("arch") or Errors.tr("this network")
    reason = details.get("reason")
    text = Errors.tr(
        "The ImageNet starting weights for {arch} are not on this computer and could not "
        "be downloaded",
    ).format(arch=arch)
    if reason:
        text += Errors.tr(" ({reason}).").format(reason=reason_words(reason))
    else:
        text += Errors.tr(".")
    return text + Errors.tr(" Use a weights file you have, or let the network start from scratch.")


def _device_unavailable(details: dict[str, Any], error: BaseException) -> str:
    return Errors.tr(
        "That device is not available on this computer. Choose Automatic or CPU under "
        "Device in the Train tab's options.",
    )


def _write_failed(details: dict[str, Any], error: BaseException) -> str:
    path = details.get("path")
    reason = details.get("reason")
    reason = reason_words(reason) if reason else Errors.tr("it cannot be written")
    where = str(path) if path else Errors.tr("the file")
    return Errors.tr("Could not save {where}: {reason}. Choose another place.").format(
        where=where, reason=reason
    )


def _extra_missing(details: dict[str, Any], error: BaseException) -> str:
    extra = details.get("extra") or "export"
    return Errors.tr(
        "This needs an optional part of FlowerClf that is not installed. Whoever installed "
        "FlowerClf can add it with: pip install 'flowerclf[{extra}]'",
    ).format(extra=extra)


def _download_failed(details: dict[str, Any], error: BaseException) -> str:
    reason = details.get("reason")
    reason = reason_words(reason) if reason else Errors.tr("the connection failed")
    text = Errors.tr("The file could not be downloaded: {reason}.").format(reason=reason)
    if details.get("partial"):
        done = (details.get("bytes_done") or 0) / 1_000_000
        text += Errors.tr(
            " What came ({mb:.1f} MB) is kept, and trying again goes on from there."
        ).format(mb=done)
    name = Path(str(details.get("url") or "")).name or Errors.tr("the file")
    return text + Errors.tr(
        " Without internet, copy {name} from another computer and choose it with "
        "“I already have the archive…”."
    ).format(name=name)


def _checksum_mismatch(details: dict[str, Any], error: BaseException) -> str:
    name = Path(str(details.get("path") or "")).name or Errors.tr("The file")
    return Errors.tr(
        "{name} is not the file expected (its checksum differs: it is damaged or another "
        "file), so nothing was unpacked."
    ).format(name=name)


#: kinds whose words differ in the app from the core's own message
APP_WORDS: dict[str, Callable[[dict[str, Any], BaseException], str]] = {
    "weights_unavailable": _weights_unavailable,
    "device_unavailable": _device_unavailable,
    "unknown_device": _device_unavailable,
    "write_failed": _write_failed,
    "extra_missing": _extra_missing,
    "download_failed": _download_failed,
    "checksum_mismatch": _checksum_mismatch,
}


def describe(error: TaskError | BaseException) -> str:
    """One plain sentence (or two) for the window."""
    exc = error.exception if isinstance(error, TaskError) else error
    if isinstance(exc, FlowerclfError):
        kind = str(getattr(exc, "kind", "") or "")
        details = dict(getattr(exc, "details", None) or {})
        words = APP_WORDS.get(kind)
        if words is not None:
            return words(details, exc)
        if kind in KIND_WORDS:
            return KIND_WORDS[kind](details)
        return str(exc) or type(exc).__name__
    what = error.description if isinstance(error, TaskError) else Errors.tr("working")
    return Errors.tr("Something went wrong while {what}: {reason}").format(
        what=what, reason=plain_reason(exc)
    )


def plain_reason(exc: BaseException) -> str:
    """A few words on an unexpected error, without errno numbers or Python's repr."""
    if isinstance(exc, OSError):
        from flowerclf.core.files import plain_os_reason

        name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
        reason = reason_words(plain_os_reason(exc))
        return Errors.tr("{name}: {reason}").format(name=name, reason=reason) if name else reason
    if isinstance(exc, MemoryError):
        return Errors.tr("the computer ran out of memory")
    return str(exc) or type(exc).__name__
