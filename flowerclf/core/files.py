"""Writing files so that nothing is ever left half-written, and saying plainly why one failed.

A file is written to a temporary file in the same folder, flushed, synced to
disk and only then renamed over its final name: an existing file is either
the old one or the new one, never a mixture, and a failed write leaves no
temporary file behind. The new file gets the usual permissions (those of the
user's umask, typically ``-rw-r--r--``), as any program's saved file does.
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from flowerclf.core.errors import WriteError

_REASONS = {
    errno.EEXIST: "a file is in the way of the folder",
    errno.ENOTDIR: "a file is in the way of the folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.ENOENT: "the folder does not exist",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "a folder has that name",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an error",
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = "the disk quota is used up"


def plain_os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in a few plain words (never an errno number)."""
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None:
        return reason
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist"
    return "the system refused to write it"


def _blocking_file(folder: Path) -> Path | None:
    """The nearest existing ancestor of ``folder`` (itself included) when it is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() or candidate.is_symlink():
            return None if candidate.is_dir() else candidate
    return None


def _folder_reason(folder: Path, error: OSError) -> str:
    blocking = _blocking_file(folder)
    if blocking is not None:
        return f"the folder {blocking} is a file"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
        return f"the folder does not exist and cannot be made ({plain_os_reason(error)})"
    return "the folder does not exist and cannot be made"


def _write_reason(path: Path, error: OSError) -> str:
    if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
        blocking = _blocking_file(path.parent)
        if blocking is not None:
            return f"the folder {blocking} is a file"
    if error.errno == errno.ENOENT:
        return f"the folder {path.parent} does not exist"
    return plain_os_reason(error)


def _temp_name(path: Path) -> Path:
    # Hidden, unique, and short enough that a long file name still fits.
    return path.with_name(f".{path.name[:180]}.{uuid.uuid4().hex}.tmp")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(
    path: str | Path,
    writer: Callable[[BinaryIO], object],
    *,
    make_parents: bool = False,
    what: str = "the file",
) -> Path:
    """Write ``path`` through ``writer(binary_file)``, all at once or not at all.

    ``writer`` gets an open binary file (a temporary one beside ``path``) and
    writes the whole contents to it. With ``make_parents`` the folder is
    created when missing. Any failure raises :class:`WriteError` (kind
    ``write_failed``) with a plain reason, leaves an existing ``path`` as it
    was, and removes the temporary file. ``what`` names the file in the
    message ("the model", "the report"...). Returns ``path``.
    """
    path = Path(path)
    folder = path.parent
    if make_parents:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WriteError(path, _folder_reason(folder, error), what) from error
    if path.is_dir():
        raise WriteError(path, "a folder has that name", what)
    temp = _temp_name(path)
    try:
        # 0o666 and the umask: the permissions any newly saved file gets
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise WriteError(path, _write_reason(path, error), what) from error
    try:
        with os.fdopen(fd, "wb") as file:
            writer(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except OSError as error:
        raise WriteError(path, _write_reason(path, error), what) from error
    finally:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
    _sync_folder(folder)
    return path


def atomic_write_bytes(
    path: str | Path, data: bytes, *, make_parents: bool = False, what: str = "the file"
) -> Path:
    """Write ``data`` to ``path`` all at once or not at all (see :func:`atomic_write`)."""
    return atomic_write(path, lambda file: file.write(data), make_parents=make_parents, what=what)


def atomic_write_text(
    path: str | Path, text: str, *, make_parents: bool = False, what: str = "the file"
) -> Path:
    """Write ``text`` as UTF-8 to ``path`` all at once or not at all."""
    return atomic_write_bytes(path, text.encode("utf-8"), make_parents=make_parents, what=what)


def check_writable(path: str | Path, *, what: str = "the file") -> None:
    """Refuse, before any long work, a path that could not be written later.

    The folder must be a folder (or creatable: no file in the way) and accept
    a new file: a small probe file is made and removed at once. Raises
    :class:`WriteError` with a plain reason; writes nothing that stays.
    """
    path = Path(path)
    if path.is_dir():
        raise WriteError(path, "a folder has that name", what)
    folder = path.parent
    blocking = _blocking_file(folder)
    if blocking is not None:
        raise WriteError(path, f"the folder {blocking} is a file", what)
    existing = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    if existing is None:
        raise WriteError(path, "the folder does not exist and cannot be made", what)
    probe = existing / f".flowerclf-probe-{uuid.uuid4().hex}.tmp"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise WriteError(path, _write_reason(probe, error), what) from error
    os.close(fd)
    probe.unlink(missing_ok=True)
