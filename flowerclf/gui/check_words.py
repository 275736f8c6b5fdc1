"""What the dataset check found, in the app's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("CheckWords", text)


def _count(count: int, one: str, many: str) -> str:
    return (tr(one) if count == 1 else tr(many)).format(n=count)


# (attribute of DatasetCheck, title, what it means): the groups of photos.
GROUP_KINDS = (
    (
        "exact_duplicates",
        "Exact copies",
        "The same file under other names: the model sees it twice.",
    ),
    (
        "near_duplicates",
        "Near copies",
        "The same photo resized, recompressed or cropped.",
    ),
    (
        "conflicts",
        "Same photo, different classes",
        "One of them is probably in the wrong class folder.",
    ),
    (
        "leaks",
        "In both train and val",
        "A photo the model learns from is also used to check it: the accuracy looks better "
        "than it is.",
    ),
)


def title(kind: str) -> str:
    return next(tr(t) for k, t, _ in GROUP_KINDS if k == kind)


def meaning(kind: str) -> str:
    return next(tr(m) for k, _, m in GROUP_KINDS if k == kind)


def findings(check: Any) -> list[str]:
    """One short phrase per kind of finding ("2 exact copies", "1 unreadable file")."""
    phrases = []
    pairs = (
        (len(check.exact_duplicates), "1 group of exact copies", "{n} groups of exact copies"),
        (len(check.near_duplicates), "1 group of near copies", "{n} groups of near copies"),
        (
            len(check.conflicts),
            "1 photo in two classes",
            "{n} photos in more than one class",
        ),
        (len(check.leaks), "1 photo in both train and val", "{n} photos in both train and val"),
        (len(check.unreadable), "1 file that cannot be read", "{n} files that cannot be read"),
        (len(check.small), "1 picture under 64 pixels", "{n} pictures under 64 pixels"),
        (len(check.few), "1 class with fewer than 10 photos", "{n} classes with under 10 photos"),
    )
    for count, one, many in pairs:
        if count:
            phrases.append(_count(count, one, many))
    if check.imbalanced:
        phrases.append(
            tr("the largest class has {ratio:.0f}× the photos of the smallest").format(
                ratio=check.imbalance
            )
        )
    return phrases


def summary(check: Any) -> str:
    """The panel's line: nothing found, or the list of findings."""
    photos = sum(check.classes.values())
    if not check.found_something:
        return tr("{n:,} photos checked: no copies, conflicts or unreadable files.").format(
            n=photos
        )
    return tr("{n:,} photos checked. Worth a look: {list}.").format(
        n=photos, list="; ".join(findings(check))
    )
