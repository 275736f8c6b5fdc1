"""Trained models kept safe until they are saved or discarded: the recovery folder.

As soon as a training run ends, its model is written (atomically) into the
recovery folder, so a crash, a kill or a power cut loses nothing. The app
removes the file once the model is saved or knowingly discarded, and lists
what is left at its next start, with Restore and Discard. The folder is
bounded: past :data:`DEFAULT_LIMIT_BYTES` (or ``FLOWERCLF_RECOVERY_LIMIT_MB``)
the oldest models are removed first.

Where it lives: ``recovery/`` in flowerclf's data folder, which is
``FLOWERCLF_DATA_DIR`` when set, else the platform's place for an
application's data, the same place the desktop app's Qt calls its
AppDataLocation (on Linux ``~/.local/share/flowerclf/FlowerClf``).
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier

ORGANIZATION = "flowerclf"
APPLICATION = "FlowerClf"
DEFAULT_LIMIT_BYTES = 2_000_000_000
#: the key, in a model file's description, of the name the model had in the app
NAME_KEY = "recovery_name"
SUFFIX = ".safetensors"


def data_dir() -> Path:
    """flowerclf's data folder: ``FLOWERCLF_DATA_DIR``, else the platform's app data folder."""
    override = os.environ.get("FLOWERCLF_DATA_DIR")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORGANIZATION / APPLICATION


def checkpoint_folder() -> Path:
    """Where the desktop app keeps its runs' checkpoints (they have no output path yet)."""
    return data_dir() / "checkpoints"


def limit_bytes() -> int:
    """How much the recovery folder may hold before the oldest models go."""
    raw = os.environ.get("FLOWERCLF_RECOVERY_LIMIT_MB", "")
    try:
        return max(0, int(float(raw) * 1_000_000)) if raw.strip() else DEFAULT_LIMIT_BYTES
    except ValueError:
        return DEFAULT_LIMIT_BYTES


@dataclass(frozen=True)
class RecoverableModel:
    """A model in the recovery folder, described from its file's header alone."""

    path: Path
    name: str
    architecture: str
    classes: list[str]
    accuracy: float | None  # best validation accuracy, 0..1, when the run had one
    created: float  # seconds since the epoch (the file's time)
    size_bytes: int


class RecoveryFolder:
    """The recovery folder: keep a model, list them, remove one, stay under the limit."""

    def __init__(self, folder: str | Path | None = None, limit: int | None = None) -> None:
        self.folder = Path(folder) if folder is not None else data_dir() / "recovery"
        self.limit = limit_bytes() if limit is None else limit

    def keep(self, classifier: Classifier, name: str) -> Path:
        """Write ``classifier`` (atomically) under ``name``; the file's path.

        Older models are then removed while the folder is over its limit; the
        one just kept always stays.
        """
        from flowerclf.core.modelfile import save_model

        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{uuid.uuid4().hex[:8]}{SUFFIX}"
        written = save_model(classifier, path, extra={NAME_KEY: name})
        self.prune(keep=written)
        return written

    def models(self) -> list[RecoverableModel]:
        """What can be recovered, newest first; files that cannot be read are left out."""
        from flowerclf.core.errors import FlowerclfError
        from flowerclf.core.modelfile import read_model_info

        found = []
        for path in self._files():
            try:
                info = read_model_info(path)
                stat = path.stat()
            except (FlowerclfError, OSError):
                continue
            found.append(_describe(path, info, stat.st_mtime, stat.st_size))
        return sorted(found, key=lambda model: model.created, reverse=True)

    def remove(self, path: str | Path) -> None:
        """Forget one model (saved, or discarded); a file already gone is fine."""
        path = Path(path)
        if path.parent.resolve() != self.folder.resolve():
            raise ValueError(f"{path} is not in the recovery folder")
        path.unlink(missing_ok=True)

    def size_bytes(self) -> int:
        return sum(_size(path) for path in self._files())

    def prune(self, keep: Path | None = None) -> list[Path]:
        """Remove the oldest models while the folder is over its limit; what was removed."""
        files = sorted(self._files(), key=_mtime)  # oldest first
        total = sum(_size(path) for path in files)
        removed = []
        for path in files:
            if total <= self.limit:
                break
            if keep is not None and path == keep:
                continue
            total -= _size(path)
            path.unlink(missing_ok=True)
            removed.append(path)
        return removed

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        # Temporary files of a write that never finished do not end in .safetensors.
        return [p for p in self.folder.iterdir() if p.suffix == SUFFIX and p.is_file()]


def _describe(path: Path, info: dict[str, Any], created: float, size: int) -> RecoverableModel:
    accuracy = info.get("best_val_accuracy")
    return RecoverableModel(
        path=path,
        name=str(info.get(NAME_KEY) or path.stem),
        architecture=str(info.get("architecture") or ""),
        classes=[str(c) for c in info.get("classes") or []],
        accuracy=float(accuracy) if isinstance(accuracy, (int, float)) else None,
        created=created,
        size_bytes=size,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
