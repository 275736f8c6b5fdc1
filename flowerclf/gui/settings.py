"""What the app remembers between runs: window size, splitters, folders, training options.

One INI file per user (QSettings' IniFormat, so it reads the same on every
platform). Tests point it elsewhere with ``QSettings.setPath``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QSplitter

ORGANIZATION = "flowerclf"
APPLICATION = "FlowerClf"

T = TypeVar("T")


class Settings:
    """A thin typed wrapper around the app's QSettings."""

    def __init__(self) -> None:
        self._qs = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def get(self, key: str, default: T) -> T:
        """The stored value converted to ``default``'s type, or ``default``."""
        if not self._qs.contains(key):
            return default
        raw = self._qs.value(key)
        try:
            if isinstance(default, bool):  # INI files give back "true"/"false"
                return (str(raw).lower() in ("true", "1", "yes")) if raw is not None else default  # type: ignore[return-value]
            if isinstance(default, (int, float, str)):
                return type(default)(raw)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return default
        return raw  # type: ignore[no-any-return]

    def set(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    def get_bytes(self, key: str) -> QByteArray | None:
        """Window geometry and splitter states, or None when never saved."""
        raw = self._qs.value(key)
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def restore_splitters(self, section: str, *splitters: QSplitter) -> None:
        """Give each splitter the layout it had when the app last closed, if any."""
        for splitter in splitters:
            state = self.get_bytes(f"{section}/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)

    def save_splitters(self, section: str, *splitters: QSplitter) -> None:
        for splitter in splitters:
            self.set(f"{section}/{splitter.objectName()}", splitter.saveState())

    def folder(self, name: str) -> str:
        """The last folder used for ``name`` ("images", "models", "dataset", ...)."""
        return self.get(f"folders/{name}", "")

    def set_folder(self, name: str, path: str) -> None:
        self.set(f"folders/{name}", path)

    def sync(self) -> None:
        self._qs.sync()
