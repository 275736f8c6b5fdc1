"""The dataset check: what in a folder of labelled photos would mislead a training run.

It finds exact duplicates (the same bytes under any name), near duplicates
(the same photo resized, recompressed or with its borders cropped), the same
photo in two classes (a label conflict), the same photo in both ``train/`` and
``val/`` of an already-split folder (a leak that inflates accuracy), files
that cannot be read, pictures smaller than ``SMALL_SIDE`` pixels on a side,
classes with fewer than ``FEW_PHOTOS`` photos, and imbalance (the largest
class over the smallest, worth a word above ``IMBALANCE_LIMIT``).

Fingerprints are cached by content (``check_cache``), so a second check of
the same folder reads almost nothing. Nothing here imports torch or Qt.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from .check_cache import CheckCache, Fingerprint
from .data import (
    REASON_EMPTY,
    _check_class_count,
    _split_folders,
    _subfolders,
    _walk_files,
    check_dataset_folder,
    is_image_file,
    load_image,
)
from .errors import ImageLoadError
from .events import ProgressCallback, StageEvent, StopRequest, ignore_event
from .near_duplicates import groups, near_duplicate_pairs, thumbnails

SMALL_SIDE = 64
FEW_PHOTOS = 10
IMBALANCE_LIMIT = 5.0
STAGE = "Checking photos"
# Bump when near duplicates are found differently, so that cached comparisons are redone.
NEAR_DUPLICATES_VERSION = 3  # 3: colours must agree too


@dataclass(frozen=True)
class CheckedPhoto:
    """One photo file of the dataset: where it sits and what its content is."""

    path: Path
    label: str
    split: str | None  # "train" or "val" in an already-split folder, else None
    digest: str
    fingerprint: Fingerprint


@dataclass
class DatasetCheck:
    """What the check found. Path lists hold paths as the folder was given."""

    root: Path
    classes: dict[str, int]
    exact_duplicates: list[list[Path]] = field(default_factory=list)
    near_duplicates: list[list[Path]] = field(default_factory=list)
    conflicts: list[list[Path]] = field(default_factory=list)
    leaks: list[list[Path]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    small: list[Path] = field(default_factory=list)
    few: list[str] = field(default_factory=list)
    imbalance: float | None = None
    complete: bool = True  # False when the check was stopped before the end
    photo_labels: dict[Path, str] = field(default_factory=dict)

    @property
    def imbalanced(self) -> bool:
        return self.imbalance is not None and self.imbalance > IMBALANCE_LIMIT

    def problem_count(self) -> int:
        """How many findings there are (a group counts once)."""
        return (
            len(self.exact_duplicates)
            + len(self.near_duplicates)
            + len(self.conflicts)
            + len(self.leaks)
            + len(self.unreadable)
            + len(self.small)
            + len(self.few)
            + int(self.imbalanced)
        )

    @property
    def found_something(self) -> bool:
        return self.problem_count() > 0

    def to_json(self) -> dict[str, Any]:
        def paths(group: list[Path]) -> list[str]:
            return [str(p) for p in group]

        return {
            "classes": dict(self.classes),
            "exact_duplicates": [paths(g) for g in self.exact_duplicates],
            "near_duplicates": [paths(g) for g in self.near_duplicates],
            "conflicts": [paths(g) for g in self.conflicts],
            "leaks": [paths(g) for g in self.leaks],
            "unreadable": [{"path": str(p), "reason": r} for p, r in self.unreadable],
            "small": paths(self.small),
            "few": list(self.few),
            "imbalance": None if self.imbalance is None else round(self.imbalance, 3),
        }


@dataclass(frozen=True)
class _PhotoFile:
    path: Path
    label: str
    split: str | None


def _class_folders(root: Path) -> Iterator[tuple[Path, str, str | None]]:
    """(folder, class name, split) for every class folder, checking there are two classes."""
    split = _split_folders(root)
    if split is None:
        folders = [(f, f.name, None) for f in _subfolders(root, [], "")]
    else:
        folders = [
            (f, f.name, part.name.lower()) for part in split for f in _subfolders(part, [], "")
        ]
    _check_class_count(root, sorted({name for _, name, _ in folders}))
    yield from folders


def _photo_files(root: Path) -> tuple[list[_PhotoFile], list[str]]:
    photos: list[_PhotoFile] = []
    classes: list[str] = []
    for folder, name, split in _class_folders(root):
        if name not in classes:
            classes.append(name)
        photos.extend(
            _PhotoFile(path, name, split) for path in _walk_files(folder) if is_image_file(path)
        )
    return photos, sorted(classes)


def _fingerprint(data: bytes) -> Fingerprint:
    """Size, thumbnail, or the reason the bytes are not a usable picture."""
    if not data:
        return Fingerprint(reason=REASON_EMPTY)
    try:
        with Image.open(io.BytesIO(data)) as header:
            width, height = header.size
        picture = load_image(data, min_size=SMALL_SIDE)
        return Fingerprint(width, height, *thumbnails(picture))
    except ImageLoadError as error:
        return Fingerprint(reason=error.reason)
    except Exception:  # any decoder failure: the file cannot be used
        return Fingerprint(reason="not an image or damaged")


def _read(path: Path) -> tuple[int, int, str, Fingerprint]:
    """Size, mtime, digest and fingerprint of one file, read once."""
    try:
        stat = path.stat()
        data = path.read_bytes()
    except PermissionError:
        return 0, 0, "", Fingerprint(reason="permission denied: the file cannot be read")
    except OSError:
        return 0, 0, "", Fingerprint(reason="the file cannot be read")
    digest = hashlib.sha256(data).hexdigest()
    return stat.st_size, stat.st_mtime_ns, digest, _fingerprint(data)


def _fingerprints(
    files: list[_PhotoFile], cache: CheckCache, progress: ProgressCallback, stop: StopRequest | None
) -> tuple[list[CheckedPhoto], bool]:
    """Every file's digest and fingerprint, from the cache where it can, else read in parallel."""
    checked: dict[int, CheckedPhoto] = {}
    to_read: list[int] = []
    for index, photo in enumerate(files):
        try:
            stat = photo.path.stat()
        except OSError:
            to_read.append(index)
            continue
        digest = cache.digest_of(photo.path.absolute(), stat.st_size, stat.st_mtime_ns)
        known = cache.fingerprint(digest) if digest else None
        if known is None:
            to_read.append(index)
        else:
            checked[index] = CheckedPhoto(photo.path, photo.label, photo.split, digest, known)

    total, done, started = len(files), len(checked), time.monotonic()

    def report() -> None:
        elapsed = time.monotonic() - started
        rate = (done - (total - len(to_read))) / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else None
        progress(StageEvent(STAGE, done, total, done / total if total else 1.0, elapsed, eta))

    report()
    complete = True
    workers = max(1, min(8, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # Bounded batches: a stop request is honoured within one batch.
        for start in range(0, len(to_read), 64):
            if stop is not None and stop.requested:
                complete = False
                break
            batch = to_read[start : start + 64]
            for index, (size, mtime, digest, print_) in zip(
                batch, pool.map(lambda i: _read(files[i].path), batch)
            ):
                photo = files[index]
                if digest:
                    cache.store(photo.path.absolute(), size, mtime, digest, print_)
                checked[index] = CheckedPhoto(photo.path, photo.label, photo.split, digest, print_)
            done += len(batch)
            cache.commit()
            report()
    return [checked[i] for i in sorted(checked)], complete


def _same_photo_pairs(
    digests: list[str], prints: list[Fingerprint], cache: CheckCache
) -> list[tuple[int, int]]:
    """Index pairs of ``digests`` that show the same photo: from the cache, else compared."""
    key = hashlib.sha256(
        (f"{NEAR_DUPLICATES_VERSION}\n" + "\n".join(sorted(digests))).encode()
    ).hexdigest()
    known = cache.same_photos(key)
    index = {digest: i for i, digest in enumerate(digests)}
    if known is not None and all(a in index and b in index for a, b in known):
        return [(index[a], index[b]) for a, b in known]
    pairs = (
        near_duplicate_pairs([p.thumb for p in prints], [p.colours for p in prints])
        if len(prints) > 1
        else []
    )
    cache.store_same_photos(key, [(digests[i], digests[j]) for i, j in pairs])
    return pairs


def _same_photo_groups(
    photos: list[CheckedPhoto], cache: CheckCache
) -> tuple[list[list[int]], list[list[int]]]:
    """(exact groups, same-photo groups) as indexes into ``photos``.

    Exact groups share a digest; same-photo groups join exact copies and near
    duplicates, so a photo and its resized copy form one group.
    """
    by_digest: dict[str, list[int]] = {}
    for index, photo in enumerate(photos):
        if photo.fingerprint.thumb is not None:
            by_digest.setdefault(photo.digest, []).append(index)
    exact = [members for members in by_digest.values() if len(members) > 1]
    digests = list(by_digest)
    prints = [photos[by_digest[d][0]].fingerprint for d in digests]
    linked = groups(len(digests), _same_photo_pairs(digests, prints, cache))
    in_group = {i for group in linked for i in group}
    same = [sorted(i for d in group for i in by_digest[digests[d]]) for group in linked]
    same += [by_digest[d] for i, d in enumerate(digests) if i not in in_group]
    same = [group for group in same if len(group) > 1]
    return sorted(exact), sorted(same)


def check_dataset(
    root: str | Path,
    *,
    progress: ProgressCallback = ignore_event,
    stop: StopRequest | None = None,
    cache: CheckCache | None = None,
) -> DatasetCheck:
    """Check a dataset folder (one subfolder per class, or train/ and val/).

    Raises DatasetError for a folder that is missing, not a folder, or has
    fewer than two class folders. A stop request ends the check early with
    ``complete`` False and what was found in the photos read so far.
    """
    root = Path(root).expanduser()
    check_dataset_folder(root)
    files, class_names = _photo_files(root)
    own_cache = cache is None
    cache = cache if cache is not None else CheckCache()
    try:
        photos, complete = _fingerprints(files, cache, progress, stop)
        exact, same = _same_photo_groups(photos, cache)
    finally:
        if own_cache:
            cache.close()

    result = DatasetCheck(root, dict.fromkeys(class_names, 0), complete=complete)
    for photo in photos:
        result.photo_labels[photo.path] = photo.label
        if photo.fingerprint.reason is not None:
            result.unreadable.append((photo.path, photo.fingerprint.reason))
            continue
        result.classes[photo.label] += 1
        if min(photo.fingerprint.width, photo.fingerprint.height) < SMALL_SIDE:
            result.small.append(photo.path)

    exact_sets = {frozenset(group) for group in exact}
    result.exact_duplicates = [[photos[i].path for i in group] for group in exact]
    for group in same:
        members = [photos[i] for i in group]
        paths = [photo.path for photo in members]
        if frozenset(group) not in exact_sets:
            result.near_duplicates.append(paths)
        if len({photo.label for photo in members}) > 1:
            result.conflicts.append(paths)
        if len({photo.split for photo in members}) > 1:
            result.leaks.append(paths)

    counts = result.classes.values()
    result.few = [name for name, count in result.classes.items() if count < FEW_PHOTOS]
    if counts and min(counts) > 0:
        result.imbalance = max(counts) / min(counts)
    progress(StageEvent(STAGE, len(files), len(files), 1.0, 0.0, 0.0))
    return result
