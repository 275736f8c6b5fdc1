"""The flowers sample from the app: Help › Get the flowers sample… ends in the Train tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowerclf.core.events import DownloadEvent
from flowerclf.gui.sample_download import sample_download_text
from tests.gui.conftest import THREAD_TIMEOUT_MS
from tests.sample_server import Behaviour, make_archive, serving, sha256

ARCHIVE = make_archive(per_class=30)


@pytest.fixture
def flow(window, tmp_path, monkeypatch):
    """The window's sample flow, told to download into ``tmp_path``; ``asked``: its questions."""
    flow = window.sample
    flow.asked = []
    monkeypatch.setattr(flow, "ask_start", lambda folder: flow.asked.append(folder) or "download")
    monkeypatch.setattr(flow, "default_folder", lambda: str(tmp_path))
    return flow


def fetch_from(base: str, monkeypatch) -> None:
    """The sample's address: the local server's archive, with its hash."""
    monkeypatch.setenv("FLOWERCLF_SAMPLE_URL", f"{base}/flower_photos.tgz")
    monkeypatch.setenv("FLOWERCLF_SAMPLE_SHA256", sha256(ARCHIVE))


def test_help_menu_downloads_the_sample_and_the_train_tab_holds_it(
    qtbot, window, flow, tmp_path, monkeypatch
):
    window.tabs.setCurrentIndex(0)
    tab = window.train_tab
    assert tab.dataset.sample_button.isVisibleTo(tab)  # offered on the empty Train tab
    seen = []
    flow.download.progress.connect(seen.append)
    with serving({"/flower_photos.tgz": ARCHIVE}, Behaviour(drop_at=len(ARCHIVE) // 2)) as (
        base,
        how,
    ):
        fetch_from(base, monkeypatch)
        with qtbot.waitSignal(flow.download.finished, timeout=THREAD_TIMEOUT_MS):
            flow.get_action.trigger()
            assert window.tabs.currentWidget() is tab and flow.progress.isVisibleTo(tab)
            assert not tab.dataset.sample_button.isEnabled()  # one download at a time
    assert flow.asked == [str(tmp_path)]
    assert how.ranges[1] is not None  # the dropped connection was resumed
    folder = tmp_path / "flower_photos"
    qtbot.waitUntil(lambda: tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)
    assert Path(tab.run.folder) == folder and tab.dataset.folder_label.text() == str(folder)
    assert tab.run.scan.classes == ["daisy", "roses", "tulips"]
    assert tab.start_button.isEnabled() and not flow.progress.isVisible()
    assert not tab.dataset.sample_button.isVisibleTo(tab)
    assert "ready" in tab.message_bar.text()
    assert any(isinstance(event, DownloadEvent) for event in seen)


def test_a_wrong_archive_says_so_plainly_and_offers_another(qtbot, window, tmp_path, monkeypatch):
    flow = window.sample
    archive = tmp_path / "flower_photos.tgz"
    archive.write_bytes(ARCHIVE)  # not the real flowers archive: its hash differs
    monkeypatch.setattr(flow, "ask_archive", lambda: str(archive))
    with qtbot.waitSignal(flow.download.failed, timeout=THREAD_TIMEOUT_MS):
        flow.archive_action.trigger()
    bar = window.train_tab.message_bar
    assert bar.kind == "error" and "flower_photos.tgz is not the file expected" in bar.text()
    assert "SHA" not in bar.text() and "Traceback" not in bar.text()
    labels = [button.text() for button in bar.action_buttons()]
    assert labels == ["Choose another archive…", "Download it instead…"]
    assert not (tmp_path / "flower_photos").exists()
    assert window.train_tab.run.folder in ("", None)


def test_a_cut_download_says_what_is_kept_and_try_again_goes_on_there(
    qtbot, window, flow, tmp_path, monkeypatch
):
    half = len(ARCHIVE) // 2
    with serving({"/flower_photos.tgz": ARCHIVE}, Behaviour(drop_at=half, drops=100)) as (
        base,
        how,
    ):
        fetch_from(base, monkeypatch)
        with qtbot.waitSignal(flow.download.failed, timeout=THREAD_TIMEOUT_MS):
            flow.get_sample()
        bar = window.train_tab.message_bar
        assert f"What came ({half / 1e6:.1f} MB) is kept" in bar.text()
        assert "copy flower_photos.tgz from another computer" in bar.text()
        again, have = bar.action_buttons()
        assert (again.text(), have.text()) == ("Try again", "I already have the archive…")
        how.drops = 0  # the connection is back
        with qtbot.waitSignal(flow.download.finished, timeout=THREAD_TIMEOUT_MS):
            again.click()
    assert flow.asked == [str(tmp_path)]  # not asked again: it went on in the same place
    assert how.ranges[-1] == f"bytes={half}-"
    qtbot.waitUntil(lambda: window.train_tab.run.scan is not None, timeout=THREAD_TIMEOUT_MS)


def test_the_progress_line_tells_speed_and_time_left():
    text = sample_download_text(
        DownloadEvent("flower_photos.tgz", 45_100_000, 228_800_000, 5.2e6, 40)
    )
    assert (
        text == "Downloading the flowers sample: 45.1 MB of 228.8 MB · 5.2 MB/s · about 40 s left"
    )
