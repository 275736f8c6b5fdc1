"""The flowers sample: downloaded with resuming, checked, and unpacked so nothing escapes."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from flowerclf.core.data import scan_dataset
from flowerclf.core.download import partial_path
from flowerclf.core.errors import FlowerclfError, InvalidSettingError
from flowerclf.core.events import DownloadEvent, StopRequest
from flowerclf.core.sample_data import (
    FLOWERS,
    SampleSource,
    get_sample,
    sample_source,
    unpack_archive_file,
)
from tests.sample_server import CLASSES, Behaviour, make_archive, serving, sha256, special

ARCHIVE = make_archive(per_class=40)  # big enough to cut in the middle (a few hundred KB)
HALF = len(ARCHIVE) // 2

UNSAFE = {
    "dot-dot": [("flower_photos/../../x.txt", b"escaped")],
    "absolute": [("/tmp/flowerclf-abs.txt", b"escaped")],
    "symlink": [special("flower_photos/roses/link.jpg", tarfile.SYMTYPE, "/etc/passwd")],
    "hardlink": [special("flower_photos/roses/hard.jpg", tarfile.LNKTYPE, "/etc/passwd")],
    "device": [special("flower_photos/dev", tarfile.CHRTYPE)],
    "fifo": [special("flower_photos/pipe", tarfile.FIFOTYPE)],
}


def source(base: str, data: bytes = ARCHIVE, name: str = "flower_photos.tgz") -> SampleSource:
    return SampleSource(f"{base}/{name}", sha256(data))


def assert_only(folder: Path, *names: str) -> None:
    """``folder`` holds exactly ``names`` (no dataset, no temporary folder left)."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)


def test_downloads_checks_and_unpacks_a_dataset_the_scan_accepts(tmp_path):
    events = []
    with serving({"/flower_photos.tgz": ARCHIVE}) as (base, how):
        sample = get_sample(tmp_path, source(base), progress=events.append)
    assert sample.folder == tmp_path / "flower_photos" and sample.downloaded
    scan = scan_dataset(sample.folder)
    assert scan.classes == sorted(CLASSES) and len(scan.samples) == 3 * 40
    assert [s.path.name for s in scan.skipped] == ["LICENSE.txt"]
    assert_only(tmp_path, "flower_photos")  # the archive and every part are gone
    downloads = [e for e in events if isinstance(e, DownloadEvent)]
    assert downloads[-1].bytes_done == downloads[-1].bytes_total == len(ARCHIVE)
    assert how.ranges == [None]


def test_a_dropped_connection_resumes_with_a_range_request_and_the_hash_matches(tmp_path):
    with serving({"/flower_photos.tgz": ARCHIVE}, Behaviour(drop_at=HALF)) as (base, how):
        sample = get_sample(tmp_path, source(base), keep_archive=True)
    assert how.ranges[0] is None and how.ranges[1].startswith("bytes=")
    assert 0 < int(how.ranges[1][6:-1]) <= HALF
    assert sample.archive.read_bytes() == ARCHIVE
    assert len(scan_dataset(sample.folder).samples) == 120


def test_a_cut_download_is_kept_and_the_next_try_goes_on_from_it(tmp_path):
    broken = Behaviour(drop_at=HALF, drops=100)
    with serving({"/flower_photos.tgz": ARCHIVE}, broken) as (base, _):
        with pytest.raises(FlowerclfError) as cut:
            get_sample(tmp_path, source(base))
    error = cut.value
    assert error.kind == "download_failed" and "stopped after" in str(error)
    assert error.details["bytes_done"] == HALF and error.details["bytes_total"] == len(ARCHIVE)
    partial = Path(error.details["partial"])
    assert partial.parent == tmp_path and partial.stat().st_size == HALF
    assert not (tmp_path / "flower_photos").exists()
    with serving({"/flower_photos.tgz": ARCHIVE}) as (base, how):
        sample = get_sample(tmp_path, source(base))
    assert how.ranges == [f"bytes={HALF}-"]
    assert len(scan_dataset(sample.folder).samples) == 120
    assert_only(tmp_path, "flower_photos")


def test_a_server_that_ignores_range_sends_it_all_again_and_the_part_starts_over(tmp_path):
    partial = partial_path(tmp_path / "flower_photos.tgz", sha256(ARCHIVE))
    partial.write_bytes(b"x" * 1000)  # a part that no longer fits the start of the file
    with serving({"/flower_photos.tgz": ARCHIVE}, Behaviour(ignore_range=True)) as (base, how):
        sample = get_sample(tmp_path, source(base), keep_archive=True)
    assert how.ranges == ["bytes=1000-"]
    assert sample.archive.read_bytes() == ARCHIVE


def test_a_wrong_hash_unpacks_nothing_and_removes_the_file(tmp_path):
    with serving({"/flower_photos.tgz": ARCHIVE}) as (base, _):
        wrong = SampleSource(f"{base}/flower_photos.tgz", "0" * 64)
        with pytest.raises(FlowerclfError) as refused:
            get_sample(tmp_path, wrong)
    assert refused.value.kind == "checksum_mismatch"
    assert refused.value.details["actual"] == sha256(ARCHIVE)
    assert "nothing was unpacked" in str(refused.value)
    assert_only(tmp_path)  # not even a part to go on from: it could never match


def test_no_internet_says_so_and_a_missing_file_gives_the_servers_answer(tmp_path):
    with serving({}) as (base, _):
        with pytest.raises(FlowerclfError) as missing:
            get_sample(tmp_path, source(base))
    assert missing.value.kind == "download_failed" and "404" in missing.value.details["reason"]
    with pytest.raises(FlowerclfError) as offline:  # the server is gone: nothing listens
        get_sample(tmp_path, source(base), timeout=2)
    assert offline.value.details["reason"] == "no internet connection"
    assert offline.value.details["partial"] is None


def test_a_stalled_server_times_out(tmp_path):
    with serving({"/flower_photos.tgz": ARCHIVE}, Behaviour(stall_s=1.5)) as (base, _):
        with pytest.raises(FlowerclfError) as stalled:
            get_sample(tmp_path, source(base), timeout=0.3)
    assert stalled.value.kind == "download_failed"
    assert "stalled" in stalled.value.details["reason"]


def test_a_stop_request_ends_the_download_and_keeps_the_part(tmp_path):
    stop = StopRequest()

    def progress(event):
        if isinstance(event, DownloadEvent) and event.bytes_done:
            stop.request()

    with serving({"/flower_photos.tgz": ARCHIVE}) as (base, _):
        with pytest.raises(FlowerclfError) as stopped:
            get_sample(tmp_path, source(base), progress=progress, stop=stop)
    assert stopped.value.kind == "download_stopped"
    assert Path(stopped.value.details["partial"]).exists()
    assert not (tmp_path / "flower_photos").exists()


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_an_escaping_or_special_member_refuses_the_whole_archive(tmp_path, name):
    data = make_archive(UNSAFE[name])
    archive = tmp_path / "flower_photos.tgz"
    archive.write_bytes(data)
    target = tmp_path / "out"
    with pytest.raises(FlowerclfError) as refused:
        unpack_archive_file(archive, target, sha256(data))
    assert refused.value.kind == "archive_unsafe"
    (member,) = UNSAFE[name]
    assert refused.value.details["member"] == (
        member[0] if isinstance(member, tuple) else member.name
    )
    assert not target.exists() or not any(target.iterdir())
    assert not Path("/tmp/flowerclf-abs.txt").exists() and not (tmp_path / "x.txt").exists()


def test_i_already_have_the_archive_checks_its_hash_then_unpacks(tmp_path):
    archive = tmp_path / "downloads" / "flower_photos.tgz"
    archive.parent.mkdir()
    archive.write_bytes(ARCHIVE)
    with pytest.raises(FlowerclfError) as other:
        unpack_archive_file(archive, tmp_path / "data")  # the real flowers hash: not this one
    assert other.value.kind == "checksum_mismatch"
    assert not (tmp_path / "data" / "flower_photos").exists()
    sample = unpack_archive_file(archive, tmp_path / "data", sha256(ARCHIVE))
    assert sample.folder == tmp_path / "data" / "flower_photos"
    assert archive.exists()  # the person's own file stays
    again = unpack_archive_file(archive, tmp_path / "data", sha256(ARCHIVE))
    assert again.already_there and again.folder == sample.folder


def test_a_damaged_or_missing_archive_is_unreadable(tmp_path):
    damaged = tmp_path / "flower_photos.tgz"
    damaged.write_bytes(ARCHIVE[: len(ARCHIVE) // 3])
    for path in (damaged, tmp_path / "nowhere.tgz"):
        with pytest.raises(FlowerclfError) as unreadable:
            unpack_archive_file(path, tmp_path / "out", None)
        assert unreadable.value.kind == "archive_unreadable"
    assert not (tmp_path / "out" / "flower_photos").exists()


def test_the_built_in_source_and_an_overriding_url_must_bring_its_hash():
    assert FLOWERS.size == 228_813_984 and FLOWERS.sha256.startswith("4c54ace7")
    assert FLOWERS.folder_name == "flower_photos"
    assert sample_source(environ={}) is FLOWERS
    with pytest.raises(InvalidSettingError) as no_hash:
        sample_source("https://example.org/f.tgz", environ={})
    assert no_hash.value.details["setting"] == "sha256"
    with pytest.raises(InvalidSettingError):
        sample_source("https://example.org/f.tgz", "abc", environ={})
    mirror = sample_source(
        environ={
            "FLOWERCLF_SAMPLE_URL": "http://127.0.0.1:9/f.tgz",
            "FLOWERCLF_SAMPLE_SHA256": "A" * 64,
        }
    )
    assert mirror.sha256 == "a" * 64 and mirror.size is None
