"""The desktop app (PySide6). Uses only the public API of flowerclf.core."""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """Work around a PySide6 6.12 reference-count bug that aborts Python 3.11.

    PySide6 6.12.0 returns ``None`` from every void C++ method (``setText``,
    ``update``, ``processEvents``...) without taking a new reference to it. On
    CPython 3.12+ ``None`` is immortal and nothing happens; on 3.11 each call
    lowers ``None``'s count by one, and after some thousands of calls the
    interpreter aborts with "Fatal Python error: none_dealloc". Giving ``None``
    a count that cannot run out is harmless: ``None`` is never freed anyway.
    """
    if (
        sys.implementation.name != "cpython"
        or sys.version_info >= (3, 12)
        or hasattr(sys, "gettotalrefcount")  # debug build: the count is not the first field
    ):
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        if not version("PySide6-Essentials").startswith("6.12.0"):
            return  # pyproject.toml excludes 6.12.0 on Python 3.11; guard installs made by hand
    except PackageNotFoundError:
        pass
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()
