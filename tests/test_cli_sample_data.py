"""`flowerclf sample-data`: the flowers sample from the command line, and its refusals."""

from __future__ import annotations

import re
import tarfile

import pytest

from flowerclf.cli import main
from tests.sample_server import Behaviour, make_archive, serving, sha256, special

ARCHIVE = make_archive(per_class=20)


def one_plain_line(capsys) -> str:
    """The one line on stderr besides progress (which a pipe gets every 10 percent)."""
    lines = capsys.readouterr().err.strip().splitlines()
    err = [line for line in lines if not re.match(r"^ *\d+% ", line)]
    assert len(err) == 1 and "Traceback" not in err[0], err
    return err[0]


def test_downloads_into_dir_and_says_where_the_dataset_is(tmp_path, capsys):
    with serving({"/flower_photos.tgz": ARCHIVE}) as (base, _):
        url = f"{base}/flower_photos.tgz"
        code = main(["sample-data", str(tmp_path), "--url", url, "--sha256", sha256(ARCHIVE)])
    out = capsys.readouterr().out
    assert code == 0
    folder = tmp_path / "flower_photos"
    assert f"The dataset is ready: {folder} (60 photos in 3 classes" in out
    assert f"flowerclf train {folder}" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flower_photos"]


@pytest.mark.parametrize("trouble", ["wrong hash", "truncated", "escaping member"])
def test_refusals_end_with_status_2_one_line_and_nothing_unpacked(tmp_path, capsys, trouble):
    data = ARCHIVE
    behaviour = Behaviour()
    if trouble == "escaping member":
        data = make_archive([("flower_photos/../../evil.txt", b"x")])
    if trouble == "truncated":
        behaviour = Behaviour(drop_at=len(data) // 2, drops=100)
    digest = "f" * 64 if trouble == "wrong hash" else sha256(data)
    with serving({"/flower_photos.tgz": data}, behaviour) as (base, _):
        code = main(["sample-data", str(tmp_path / "d"), "--url", f"{base}/flower_photos.tgz",
                     "--sha256", digest])  # fmt: skip
    line = one_plain_line(capsys)
    assert code == 2 and line.startswith("flowerclf: ")
    assert {"wrong hash": "SHA-256", "truncated": "stopped after", "escaping member": ".."}[
        trouble
    ] in line
    assert not (tmp_path / "d" / "flower_photos").exists() and not (tmp_path / "evil.txt").exists()


def test_a_url_needs_its_hash(tmp_path, capsys):
    code = main(["sample-data", str(tmp_path), "--url", "https://example.org/flowers.tgz"])
    assert code == 2 and one_plain_line(capsys).startswith("flowerclf: --sha256: ")
    assert not any(tmp_path.iterdir())


def test_an_archive_already_here_is_checked_and_unpacked(tmp_path, capsys):
    archive = tmp_path / "flower_photos.tgz"
    archive.write_bytes(ARCHIVE)
    code = main(["sample-data", str(tmp_path / "d"), "--archive", str(archive)])
    assert code == 2 and "SHA-256" in one_plain_line(capsys)  # not the real flowers archive
    code = main(
        ["sample-data", str(tmp_path / "d"), "--archive", str(archive), "--sha256", sha256(ARCHIVE)]
    )
    assert code == 0 and (tmp_path / "d" / "flower_photos" / "roses").is_dir()
    linked = tmp_path / "linked.tgz"
    linked.write_bytes(make_archive([special("flower_photos/x", tarfile.SYMTYPE, "/")]))
    digest = sha256(linked.read_bytes())
    code = main(["sample-data", str(tmp_path / "e"), "--archive", str(linked), "--sha256", digest])
    assert code == 2 and "link" in one_plain_line(capsys)
    assert not (tmp_path / "e" / "flower_photos").exists()
