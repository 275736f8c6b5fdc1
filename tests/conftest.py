"""Shared test setup: offscreen Qt, few torch threads, and small generated images."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Models kept for recovery go to a folder of the test's, never the user's."""
    monkeypatch.setenv("FLOWERCLF_DATA_DIR", str(tmp_path_factory.mktemp("data")))
