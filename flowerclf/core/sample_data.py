"""The flowers sample: the classic 5-class archive, downloaded, checked and unpacked safely.

``flower_photos.tgz`` (3,670 photos of daisies, dandelions, roses, sunflowers
and tulips) is fetched with progress and resuming (:mod:`flowerclf.core.download`),
its SHA-256 checked before anything is unpacked, and unpacked so that no
member can land outside the chosen folder: every member is checked first (no
``..``, no absolute path, no link, device or pipe), the files go to a
temporary folder beside the target, and only a complete unpacking is moved
into place. An archive already on the computer goes through the same checks.
The result is a dataset folder for :func:`flowerclf.core.data.scan_dataset`.
"""

from __future__ import annotations

import os
import re
import shutil
import tarfile
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from flowerclf.core.download import CHUNK, TIMEOUT_S, download, file_sha256
from flowerclf.core.errors import (
    ARCHIVE_UNREADABLE,
    ARCHIVE_UNSAFE,
    CHECKSUM_MISMATCH,
    DOWNLOAD_STOPPED,
    ArchiveError,
    DownloadError,
    InvalidSettingError,
    WriteError,
)
from flowerclf.core.events import ProgressCallback, StageEvent, StopRequest, ignore_event
from flowerclf.core.files import plain_os_reason

FLOWERS_URL = (
    "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz"
)
FLOWERS_SHA256 = "4c54ace7911aaffe13a365c34f650e71dd5bf1be0a58b464e5a7183e3e595d9c"
FLOWERS_SIZE = 228_813_984
#: Another place to fetch the sample from (a local mirror, a test server), with its hash.
URL_VARIABLE, SHA256_VARIABLE = "FLOWERCLF_SAMPLE_URL", "FLOWERCLF_SAMPLE_SHA256"

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class SampleSource:
    """Where the archive comes from, the SHA-256 it must have, and its size if known."""

    url: str
    sha256: str
    size: int | None = None

    @property
    def archive_name(self) -> str:
        name = os.path.basename(urlparse(self.url).path)
        return name if name.endswith((".tgz", ".tar.gz", ".tar")) else "flower_photos.tgz"

    @property
    def folder_name(self) -> str:
        """The dataset folder the archive unpacks to (``flower_photos``)."""
        return _stem(self.archive_name)


FLOWERS = SampleSource(FLOWERS_URL, FLOWERS_SHA256, FLOWERS_SIZE)


@dataclass(frozen=True)
class SampleData:
    """The dataset folder, ready for ``scan_dataset``, and how it came to be."""

    folder: Path
    archive: Path | None  # the checked archive, when it is kept
    downloaded: bool
    already_there: bool = False  # the folder existed: nothing was fetched or unpacked


def sample_source(
    url: str | None = None, sha256: str | None = None, environ: Mapping[str, str] | None = None
) -> SampleSource:
    """The flowers archive, or another URL, which must come with its SHA-256.

    Without ``url``, the environment's ``FLOWERCLF_SAMPLE_URL`` and
    ``FLOWERCLF_SAMPLE_SHA256`` are used if set.
    """
    environ = os.environ if environ is None else environ
    if url is None and environ.get(URL_VARIABLE):
        url, sha256 = environ[URL_VARIABLE], sha256 or environ.get(SHA256_VARIABLE)
    if url is None or url == FLOWERS_URL:
        return FLOWERS if sha256 is None else SampleSource(FLOWERS_URL, check_sha256(sha256))
    if not sha256:
        raise InvalidSettingError(
            "Another address for the archive must come with its SHA-256, so that the file "
            "can be checked before it is unpacked.",
            setting="sha256",
            value=None,
        )
    scheme = urlparse(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidSettingError(
            f"'{url}' is not a web address (http:// or https://).", setting="url", value=url
        )
    return SampleSource(url, check_sha256(sha256))


def check_sha256(value: str) -> str:
    if not _HEX64.match(value.strip()):
        raise InvalidSettingError(
            f"'{value}' is not a SHA-256 (64 hexadecimal digits).", setting="sha256", value=value
        )
    return value.strip().lower()


def get_sample(
    folder: str | Path,
    source: SampleSource = FLOWERS,
    *,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
    keep_archive: bool = False,
    timeout: float = TIMEOUT_S,
) -> SampleData:
    """Download ``source`` into ``folder``, check it and unpack it there.

    The dataset lands in ``folder/flower_photos``; if that folder is already
    there, it is returned as it is. A download cut short is kept beside the
    archive and the next call goes on from it.
    """
    folder = Path(folder).expanduser().absolute()
    existing = folder / source.folder_name
    if _has_content(existing):
        return SampleData(existing, None, downloaded=False, already_there=True)
    archive = download(
        source.url,
        folder / source.archive_name,
        source.sha256,
        size=source.size,
        progress=progress,
        stop=stop,
        timeout=timeout,
    )
    dataset = unpack(archive, folder, progress=progress, stop=stop)
    if not keep_archive:
        archive.unlink(missing_ok=True)
    return SampleData(dataset.folder, archive if keep_archive else None, downloaded=True)


def unpack_archive_file(
    archive: str | Path,
    folder: str | Path,
    sha256: str | None = FLOWERS_SHA256,
    *,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
) -> SampleData:
    """ "I already have the archive": check its SHA-256 (unless None) and unpack it safely."""
    archive = Path(archive).expanduser().absolute()
    if not archive.is_file():
        what = "a folder" if archive.is_dir() else "not there"
        raise ArchiveError(
            f"The archive {archive} is {what}.",
            ARCHIVE_UNREADABLE,
            path=archive,
            reason=f"it is {what}",
        )
    if sha256 is not None:
        progress(StageEvent("Checking the archive", 0, 1))
        try:
            actual = file_sha256(archive, stop=stop)
        except OSError as error:
            raise _unreadable(archive, plain_os_reason(error)) from error
        if actual != sha256.lower():
            raise DownloadError(
                f"{archive.name} is not the archive expected: its SHA-256 is {actual}, not "
                f"{sha256.lower()}. Nothing was unpacked.",
                CHECKSUM_MISMATCH,
                path=archive,
                expected=sha256.lower(),
                actual=actual,
            )
        progress(StageEvent("Checking the archive", 1, 1, fraction=1.0))
    return unpack(archive, folder, progress=progress, stop=stop)


def unpack(
    archive: str | Path,
    folder: str | Path,
    *,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
) -> SampleData:
    """Unpack a .tgz into ``folder`` safely: all of it, or (on a refusal) nothing at all."""
    archive = Path(archive)
    folder = Path(folder).expanduser().absolute()
    try:
        tar = tarfile.open(archive, "r:*")
    except OSError as error:
        raise _unreadable(archive, plain_os_reason(error)) from error
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise _unreadable(archive, "it is not a .tgz archive, or it is damaged") from error
    with tar:
        try:
            members = tar.getmembers()
        except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
            raise _unreadable(archive, "it is damaged or incomplete") from error
        entries = [(member, check_member(archive, member)) for member in members]
        entries = [(member, parts) for member, parts in entries if parts]
        if not entries:
            raise _unreadable(archive, "it is empty")
        tops = {parts[0] for _, parts in entries}
        single = len(tops) == 1 and all(len(p) > 1 or m.isdir() for m, p in entries)
        name = next(iter(tops)) if single else _stem(archive.name)
        destination = folder / name
        if _has_content(destination):
            return SampleData(destination, archive, downloaded=False, already_there=True)
        _check_space(folder, sum(member.size for member, _ in entries))
        temp = folder / f".{name}.{uuid.uuid4().hex[:8]}.unpacking"
        try:
            _extract(tar, entries, temp, progress, stop)
            source = temp / name if single else temp
            if destination.exists():
                destination.rmdir()  # empty, as checked above
            os.replace(source, destination)
        except OSError as error:
            raise WriteError(destination, plain_os_reason(error), "the sample") from error
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    return SampleData(destination, archive, downloaded=False)


def check_member(archive: Path, member: tarfile.TarInfo) -> tuple[str, ...]:
    """The parts of a member's path inside the folder; :class:`ArchiveError` if unsafe.

    ``()`` for the archive's own top (``./``), which is skipped.
    """
    name = member.name
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise _unsafe(archive, name, "an absolute path, which would land outside the folder")
    parts = tuple(p for p in re.split(r"[/\\]+", name) if p not in ("", "."))
    if ".." in parts:
        raise _unsafe(archive, name, "a path with '..', which would land outside the folder")
    if member.issym() or member.islnk():
        raise _unsafe(archive, name, f"a link (to {member.linkname})")
    if member.ischr() or member.isblk():
        raise _unsafe(archive, name, "a device")
    if member.isfifo():
        raise _unsafe(archive, name, "a named pipe")
    if not (member.isreg() or member.isdir()):
        raise _unsafe(archive, name, "a special file")
    return parts


def _extract(tar, entries, temp: Path, progress: ProgressCallback, stop) -> None:
    temp.mkdir(parents=True)
    total = len(entries)
    for index, (member, parts) in enumerate(entries, start=1):
        if stop is not None and stop.requested:
            raise DownloadError(
                "Unpacking was stopped; nothing was unpacked.", DOWNLOAD_STOPPED, path=temp
            )
        path = temp.joinpath(*parts)
        if member.isdir():
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            with source, open(path, "xb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        if index % 50 == 0 or index == total:
            progress(StageEvent("Unpacking", index, total, fraction=index / total))


def _check_space(folder: Path, needed: int) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError as error:
        raise WriteError(folder, plain_os_reason(error), "the sample") from error
    if needed > free:
        raise WriteError(
            folder,
            f"the disk is full: unpacking needs {needed / 1e6:.0f} MB and "
            f"{free / 1e6:.0f} MB are free",
            "the sample into",
        )


def _has_content(path: Path) -> bool:
    try:
        return path.is_dir() and any(path.iterdir())
    except OSError:
        return False


def _stem(name: str) -> str:
    for suffix in (".tar.gz", ".tgz", ".tar"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return PurePosixPath(name).stem


def _unsafe(archive: Path, member: str, what: str) -> ArchiveError:
    return ArchiveError(
        f"{archive.name} was not unpacked: its member '{member}' is {what}. Nothing was unpacked.",
        ARCHIVE_UNSAFE,
        path=archive,
        member=member,
        reason=what,
    )


def _unreadable(archive: Path, reason: str) -> ArchiveError:
    return ArchiveError(
        f"{archive.name} cannot be unpacked: {reason}. Nothing was unpacked.",
        ARCHIVE_UNREADABLE,
        path=archive,
        reason=reason,
    )
