"""What the dataset check found, in the app's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject


class CheckWords(QObject):
    """The translation context of the check's words: ``CheckWords.tr(text)`` (lupdate reads it)."""


# (attribute of DatasetCheck, title, what it means): the groups of photos.
GROUP_KINDS = (
    (
        "exact_duplicates",
        QT_TRANSLATE_NOOP("CheckWords", "Exact copies"),
        QT_TRANSLATE_NOOP(
            "CheckWords", "The same file under other names: the model sees it twice."
        ),
    ),
    (
        "near_duplicates",
        QT_TRANSLATE_NOOP("CheckWords", "Near copies"),
        QT_TRANSLATE_NOOP("CheckWords", "The same photo resized, recompressed or cropped."),
    ),
    (
        "conflicts",
        QT_TRANSLATE_NOOP("CheckWords", "Same photo, different classes"),
        QT_TRANSLATE_NOOP("CheckWords", "One of them is probably in the wrong class folder."),
    ),
    (
        "leaks",
        QT_TRANSLATE_NOOP("CheckWords", "In both train and val"),
        QT_TRANSLATE_NOOP(
            "CheckWords",
            "A photo the model learns from is also used to check it: the accuracy looks better "
            "than it is.",
        ),
    ),
)


def title(kind: str) -> str:
    return next(CheckWords.tr(t) for k, t, _ in GROUP_KINDS if k == kind)


def meaning(kind: str) -> str:
    return next(CheckWords.tr(m) for k, _, m in GROUP_KINDS if k == kind)


def findings(check: Any) -> list[str]:
    """One short phrase per kind of finding ("2 exact copies", "1 unreadable file")."""
    exact, near = len(check.exact_duplicates), len(check.near_duplicates)
    conflicts, leaks = len(check.conflicts), len(check.leaks)
    unreadable, small, few = len(check.unreadable), len(check.small), len(check.few)
    counted = (
        (exact, CheckWords.tr("%n group(s) of exact copies", "", exact)),
        (near, CheckWords.tr("%n group(s) of near copies", "", near)),
        (conflicts, CheckWords.tr("%n photo(s) in more than one class", "", conflicts)),
        (leaks, CheckWords.tr("%n photo(s) in both train and val", "", leaks)),
        (unreadable, CheckWords.tr("%n file(s) that cannot be read", "", unreadable)),
        (small, CheckWords.tr("%n picture(s) under 64 pixels", "", small)),
        (few, CheckWords.tr("%n class(es) with fewer than 10 photos", "", few)),
    )
    phrases = [words for count, words in counted if count]
    if check.imbalanced:
        phrases.append(
            CheckWords.tr("the largest class has {ratio:.0f}× the photos of the smallest").format(
                ratio=check.imbalance
            )
        )
    return phrases


def summary(check: Any) -> str:
    """The panel's line: nothing found, or the list of findings."""
    # Every photo file looked at, the unreadable ones too: the same count as the Train tab's.
    photos = sum(check.classes.values()) + len(check.unreadable)
    if not check.found_something:
        return CheckWords.tr(
            "%Ln photo(s) checked: no copies, conflicts or unreadable files.", "", photos
        )
    separator = CheckWords.tr("; ")
    return CheckWords.tr("%Ln photo(s) checked. Worth a look: {list}.", "", photos).format(
        list=separator.join(findings(check))
    )
