"""Small generated sample archives, served from 127.0.0.1 by a server that can misbehave.

The server answers Range requests as a real one does, and can drop the
connection part-way (once, or every time at the same byte), ignore Range, or
stall. It records the Range header of every request.
"""

from __future__ import annotations

import hashlib
import io
import re
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.imagegen import image_bytes

CLASSES = {"daisy": "white", "roses": "red", "tulips": "purple"}


def _add(tar: tarfile.TarFile, info: tarfile.TarInfo, data: bytes | None = None) -> None:
    if data is not None:
        info.size = len(data)
    tar.addfile(info, io.BytesIO(data) if data is not None else None)


def make_archive(
    extra: list[tarfile.TarInfo | tuple[str, bytes]] = (), per_class: int = 3
) -> bytes:
    """flower_photos/<class>/*.jpg and a LICENSE.txt, as a .tgz, plus ``extra`` members."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        top = tarfile.TarInfo("flower_photos")
        top.type = tarfile.DIRTYPE
        top.mode = 0o755
        _add(tar, top)
        _add(tar, tarfile.TarInfo("flower_photos/LICENSE.txt"), b"All photos: CC-BY.\n")
        for name, colour in CLASSES.items():
            for i in range(per_class):
                data = image_bytes(colour, (24 + i, 24), "JPEG")
                _add(tar, tarfile.TarInfo(f"flower_photos/{name}/{name}_{i}.jpg"), data)
        for member in extra:
            if isinstance(member, tuple):
                _add(tar, tarfile.TarInfo(member[0]), member[1])
            else:
                _add(tar, member)
    return buffer.getvalue()


def special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    """A link, device or pipe member (``tarfile.SYMTYPE``, ``LNKTYPE``, ``CHRTYPE``...)."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Behaviour:
    """How the server misbehaves; ``ranges`` records each request's Range header."""

    drop_at: int | None = None  # stop sending at this byte of the file...
    drops: int = 1  # ...this many times (then serve normally)
    ignore_range: bool = False
    stall_s: float = 0.0  # wait this long after the headers
    ranges: list[str | None] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # quiet tests
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        files, how = self.server.files, self.server.behaviour
        data = files.get(self.path)
        header = self.headers.get("Range")
        how.ranges.append(header)
        if data is None:
            self.send_error(404)
            return
        start = 0
        match = re.match(r"bytes=(\d+)-$", header or "")
        if match and not how.ignore_range:
            start = int(match.group(1))
            if start >= len(data):
                self.send_error(416)
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        if how.stall_s:
            time.sleep(how.stall_s)
        end = len(data)
        if how.drop_at is not None and how.drops > 0:
            how.drops -= 1
            end = max(start, how.drop_at)
            self.close_connection = True
        try:
            self.wfile.write(data[start:end])
            self.wfile.flush()
        except OSError:
            pass  # the client gave up


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files: dict[str, bytes], behaviour: Behaviour):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files, self.behaviour = files, behaviour


@contextmanager
def serving(
    files: dict[str, bytes], behaviour: Behaviour | None = None
) -> Iterator[tuple[str, Behaviour]]:
    """Serve ``files`` (path -> bytes); yields the base URL (``http://127.0.0.1:PORT``)."""
    behaviour = behaviour or Behaviour()
    server = _Server(files, behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", behaviour
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
