"""The ImageNet model in the Predict tab: its download in sight, and offline's two ways out."""

from __future__ import annotations

import hashlib
import io
import urllib.error

import pytest
import torch
import torchvision

from flowerclf.core import models
from tests.core.test_models import FakeResponse
from tests.gui.conftest import THREAD_TIMEOUT_MS


@pytest.fixture
def resnet18_weights(tmp_path, monkeypatch):
    """A resnet18 checkpoint whose name carries its own hash, as torchvision's do."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    buffer = io.BytesIO()
    torch.save(torchvision.models.resnet18(weights=None).state_dict(), buffer)
    data = buffer.getvalue()
    url = f"https://example.invalid/models/resnet18-{hashlib.sha256(data).hexdigest()[:8]}.pth"
    monkeypatch.setattr(models, "_weights_url", lambda arch: url)
    monkeypatch.setattr(models, "_DOWNLOAD_CHUNK", len(data) // 40 + 1)
    return data


def test_the_weights_download_shows_a_progress_bar(qtbot, window, resnet18_weights, monkeypatch):
    monkeypatch.setattr(models, "_open_url", lambda url, timeout: FakeResponse(resnet18_weights))
    tab = window.predict_tab
    line = tab.imagenet.download_line
    shown = []
    real_show = line.show_event
    monkeypatch.setattr(
        line,
        "show_event",
        lambda event: shown.append((line.label.text(), event)) or real_show(event),
    )
    tab.imagenet.open("resnet18")
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
    assert shown and shown[-1][1].bytes_done == len(resnet18_weights)
    texts = [line.label.text()] + [text for text, _ in shown]
    assert any(text.startswith("Downloading the ImageNet model (resnet18-") for text in texts)
    assert not line.isVisible()  # done: the line goes
    assert len(window.session.current.classifier.classes) == 1000


def test_offline_says_so_and_a_chosen_file_is_checked_then_used(
    qtbot, window, resnet18_weights, tmp_path, monkeypatch
):
    def offline(url, timeout):
        raise urllib.error.URLError(OSError("Name or service not known"))

    monkeypatch.setattr(models, "_open_url", offline)
    tab = window.predict_tab
    bar = tab.message_bar
    tab.imagenet.open("resnet18")
    qtbot.waitUntil(lambda: bar.isVisible() and bar.kind == "error", timeout=THREAD_TIMEOUT_MS)
    cached = models.imagenet_weights_file("resnet18")
    text = bar.text()
    assert "could not be downloaded (no internet connection)" in text
    assert f"copy {cached.name}" in text and str(cached.parent) in text
    assert "choose the file" in text
    assert window.session.current is None

    wrong = tmp_path / "other.pth"
    wrong.write_bytes(b"not the weights")
    monkeypatch.setattr(tab.imagenet, "ask_weights_file", lambda: str(wrong))
    tab.imagenet.choose_file("resnet18")
    qtbot.waitUntil(lambda: "checksum differs" in bar.text(), timeout=THREAD_TIMEOUT_MS)
    assert not cached.exists()

    downloaded = tmp_path / "downloads" / cached.name
    downloaded.parent.mkdir()
    downloaded.write_bytes(resnet18_weights)
    monkeypatch.setattr(tab.imagenet, "ask_weights_file", lambda: str(downloaded))
    tab.imagenet.choose_file("resnet18")
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=THREAD_TIMEOUT_MS)
    assert cached.read_bytes() == resnet18_weights
    assert window.session.current.name == "ImageNet resnet18"
