"""A cache of photo fingerprints for the dataset check, keyed by file content.

Two tables in one SQLite file in flowerclf's data folder:

- ``prints``: content digest (SHA-256) -> picture size, thumbnails (grey and
  colour, in one blob), or why the file cannot be read. A photo copied,
  renamed or moved keeps its entry.
- ``files``: path, size and modification time -> digest, so that a second
  check of an unchanged folder need not read the photos again.
- ``same_photos``: for a set of contents (one key for all the digests), the
  pairs found to be the same photo, so that checking the same photos again,
  even after some were moved or renamed, need not compare them again.

The cache only saves time: if it cannot be opened or written (a read-only
data folder, a damaged file), the check runs without it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .near_duplicates import COLOUR, THUMB
from .recovery import data_dir

log = logging.getLogger(__name__)

# Bump when the fingerprint changes meaning, so that old entries are not reused.
FINGERPRINT_VERSION = 2  # 2: a colour thumbnail after the grey one
KEPT_COMPARISONS = 50  # sets of photos whose comparison is kept


@dataclass(frozen=True)
class Fingerprint:
    """What the check needs of one photo's content."""

    width: int = 0
    height: int = 0
    thumb: np.ndarray | None = None  # THUMB x THUMB greyscale, None when unreadable
    colours: np.ndarray | None = None  # COLOUR x COLOUR x 3, None when unreadable
    reason: str | None = None  # why the file cannot be used as a picture


def default_cache_path() -> Path:
    return data_dir() / "check-cache.sqlite"


class CheckCache:
    """Fingerprints by content digest, and digests by (path, size, mtime)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.executescript(
                """
                CREATE TABLE IF NOT EXISTS prints (
                    digest TEXT PRIMARY KEY, version INTEGER, width INTEGER,
                    height INTEGER, thumb BLOB, reason TEXT);
                CREATE TABLE IF NOT EXISTS files (
                    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, digest TEXT);
                CREATE TABLE IF NOT EXISTS same_photos (
                    photos TEXT PRIMARY KEY, pairs TEXT, used REAL);
                """
            )
        except (OSError, sqlite3.Error) as error:
            log.warning("The photo check runs without its cache (%s): %s", self.path, error)
            self._close()

    def _close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def close(self) -> None:
        self._close()

    def __enter__(self) -> CheckCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def digest_of(self, path: Path, size: int, mtime_ns: int) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT digest FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
                (str(path), size, mtime_ns),
            ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def fingerprint(self, digest: str) -> Fingerprint | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT width, height, thumb, reason FROM prints WHERE digest = ? AND version = ?",
                (digest, FINGERPRINT_VERSION),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        width, height, blob, reason = row
        thumb = colours = None
        grey = THUMB * THUMB
        if blob is not None and len(blob) == grey + COLOUR * COLOUR * 3:
            thumb = np.frombuffer(blob[:grey], np.uint8).reshape(THUMB, THUMB)
            colours = np.frombuffer(blob[grey:], np.uint8).reshape(COLOUR, COLOUR, 3)
        elif reason is None:
            return None  # a damaged entry: compute it again
        return Fingerprint(width, height, thumb, colours, reason)

    def store(
        self, path: Path, size: int, mtime_ns: int, digest: str, fingerprint: Fingerprint
    ) -> None:
        if self._db is None:
            return
        blob = None
        if fingerprint.thumb is not None and fingerprint.colours is not None:
            blob = fingerprint.thumb.tobytes() + fingerprint.colours.tobytes()
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (str(path), size, mtime_ns, digest),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO prints VALUES (?, ?, ?, ?, ?, ?)",
                (
                    digest,
                    FINGERPRINT_VERSION,
                    fingerprint.width,
                    fingerprint.height,
                    blob,
                    fingerprint.reason,
                ),
            )
        except sqlite3.Error as error:
            log.warning("The photo check could not update its cache: %s", error)
            self._close()

    def same_photos(self, key: str) -> list[tuple[str, str]] | None:
        """The digest pairs found for the set of photos ``key``, if compared before."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT pairs FROM same_photos WHERE photos = ?", (key,))
            found = row.fetchone()
            if found is None:
                return None
            self._db.execute("UPDATE same_photos SET used = ? WHERE photos = ?", (time.time(), key))
            return [(a, b) for a, b in json.loads(found[0])]
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def store_same_photos(self, key: str, pairs: list[tuple[str, str]]) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO same_photos VALUES (?, ?, ?)",
                (key, json.dumps(pairs), time.time()),
            )
            self._db.execute(
                "DELETE FROM same_photos WHERE photos NOT IN "
                "(SELECT photos FROM same_photos ORDER BY used DESC LIMIT ?)",
                (KEPT_COMPARISONS,),
            )
            self._db.commit()
        except sqlite3.Error as error:
            log.warning("The photo check could not update its cache: %s", error)
            self._close()

    def commit(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
        except sqlite3.Error as error:
            log.warning("The photo check could not save its cache: %s", error)
            self._close()
