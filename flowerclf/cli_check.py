"""``flowerclf check DIR``: the dataset check on the command line, and undoing moves."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from flowerclf.cli_output import ProgressPrinter

EXIT_OK, EXIT_FOUND = 0, 1


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def format_check(check) -> str:  # check: DatasetCheck
    """The check as plain text: the classes, then each kind of finding with its photos."""
    lines = [f"Dataset: {check.root}"]
    width = max((len(name) for name in check.classes), default=0)
    for name, count in check.classes.items():
        lines.append(f"  {name:<{width}}  {count:>6}")
    if not check.complete:
        lines.append("The check was stopped before the end: what follows is partial.")

    def groups(title: str, explanation: str, found: list[list[Path]]) -> None:
        if not found:
            return
        lines.extend(["", f"{title} ({len(found)}): {explanation}"])
        for number, group in enumerate(found, 1):
            lines.append(f"  group {number}:")
            for path in group:
                label = check.photo_labels.get(path)
                lines.append(f"    {path}" + (f"  [{label}]" if label else ""))

    groups("Exact duplicates", "the same file under other names", check.exact_duplicates)
    groups(
        "Near duplicates",
        "the same photo resized, recompressed or cropped",
        check.near_duplicates,
    )
    groups("Label conflicts", "the same photo in more than one class", check.conflicts)
    groups(
        "Leaks",
        "the same photo in both train and val: validation accuracy looks better than it is",
        check.leaks,
    )
    if check.unreadable:
        lines.extend(["", f"Cannot be read ({len(check.unreadable)}):"])
        lines.extend(f"  {path}: {reason}" for path, reason in check.unreadable)
    if check.small:
        lines.extend(["", f"Smaller than 64 pixels on a side ({len(check.small)}):"])
        lines.extend(f"  {path}" for path in check.small)
    if check.few:
        lines.extend(["", "Classes with fewer than 10 photos: " + ", ".join(check.few)])
    if check.imbalanced:
        lines.extend(
            [
                "",
                f"Imbalance: the largest class has {check.imbalance:.1f} times the photos of "
                "the smallest (more than 5).",
            ]
        )
    lines.append("")
    if check.found_something:
        lines.append(f"Found {_plural(check.problem_count(), 'thing')} worth a look.")
    else:
        lines.append("Nothing found: no duplicates, conflicts, leaks or unreadable photos.")
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from flowerclf.core.dataset_check import check_dataset
    from flowerclf.core.photo_moves import undo_all

    if args.undo_moves:
        undone = undo_all(args.data_dir)
        moved = sum(len(batch.moves) for batch in undone)
        if undone:
            print(f"Moved {_plural(moved, 'photo')} back ({_plural(len(undone), 'move')} undone).")
        else:
            print("No recorded moves to undo in this folder.")
        return EXIT_OK
    printer = ProgressPrinter()
    try:
        check = check_dataset(args.data_dir, progress=printer)
    finally:
        printer.close()
    if args.format == "json":
        print(json.dumps(check.to_json(), ensure_ascii=False))
    else:
        print(format_check(check))
    return EXIT_FOUND if check.found_something else EXIT_OK


def add_check_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check a labelled folder: duplicates, conflicts, leaks, unreadable photos",
        description="Find what would mislead training in a folder of labelled photos: "
        "exact and near duplicates (resized, recompressed, cropped), the same photo in two "
        "classes, the same photo in train/ and val/, unreadable files, pictures under 64 "
        "pixels, classes under 10 photos and imbalance over 5. Exit status 0 when nothing "
        "was found, 1 when something was, 2 when the folder cannot be checked. Results are "
        "cached by file content, so a second check is quick.",
    )
    p.add_argument("data_dir", metavar="DATA_DIR")
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.add_argument(
        "--undo-moves",
        action="store_true",
        help="move back every photo that the app moved to another class or excluded "
        f"(recorded in DATA_DIR{os.sep}.flowerclf-moves.json)",
    )
    p.set_defaults(run=_cmd_check)
