"""Remake the app's translation catalogues from the sources, with Qt's own tools.

    python scripts/update_translations.py          # lupdate, then lrelease
    python scripts/update_translations.py --check  # fail if a catalogue is out of date

``pyside6-lupdate`` reads every module of ``flowerclf/gui`` and writes the
strings marked for translation into ``resources/translations/flowerclf_zh_CN.ts``
(the translations already there are kept; strings that left the sources are
marked obsolete) and, for English, only the messages with plural forms
(``flowerclf_en.ts``: "%n photo(s)" becomes "1 photo" / "2 photos").
Translate the new entries with ``pyside6-linguist`` (or any editor), then run
this again: ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app
loads. Both are committed, so a fresh clone runs without these tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "flowerclf" / "gui"
FOLDER = ROOT / "resources" / "translations"
#: language -> lupdate options: English needs only the plural forms of its own sentences
CATALOGUES = {"zh_CN": [], "en": ["-pluralonly"]}


def tool(name: str) -> str:
    """A PySide6 tool: beside this Python (a virtual environment), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCES.glob("*.py"))


def update(folder: Path, quiet: bool = False) -> None:
    """lupdate the sources into ``folder``'s .ts files, then lrelease them to .qm."""
    for language, options in CATALOGUES.items():
        ts = folder / f"flowerclf_{language}.ts"
        if quiet:
            options = [*options, "-silent"]
        subprocess.run(
            [tool("pyside6-lupdate"), *options, "-locations", "none", "-no-obsolete",
             *sources(), "-ts", str(ts)],
            cwd=ROOT, check=True,
        )  # fmt: skip
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            cwd=ROOT, check=True,
        )  # fmt: skip


def check() -> list[str]:
    """The catalogues that differ from what this script would make now."""
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp)
        for path in FOLDER.glob("flowerclf_*.ts"):
            shutil.copy(path, copy / path.name)
        update(copy, quiet=True)
        return [
            path.name
            for path in sorted(copy.iterdir())
            if not (FOLDER / path.name).exists()
            or (FOLDER / path.name).read_bytes() != path.read_bytes()
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether they are current")
    args = parser.parse_args()
    if args.check:
        stale = check()
        for name in stale:
            print(f"{name} is out of date: run scripts/update_translations.py", file=sys.stderr)
        return 1 if stale else 0
    update(FOLDER)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
