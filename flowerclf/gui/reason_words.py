"""The core's few words on why a file could not be used or moved, in the app's language.

The core explains a skipped photo or a failed write with a short phrase from a
closed set ("the file is empty", "permission denied", "not an image file
(.txt)", ...). The app shows them in a table cell or inside a sentence, so it
translates them here: fixed phrases through the "Reasons" context, the few with
a name or number in them by their shape. A phrase this module does not know is
shown as the core wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: every fixed phrase of the core's (core.data, core.files) and of the app's tasks
PHRASES = (
    QT_TRANSLATE_NOOP("Reasons", "the file is empty"),
    QT_TRANSLATE_NOOP("Reasons", "not an image or damaged"),
    QT_TRANSLATE_NOOP("Reasons", "the image file is cut short (truncated)"),
    QT_TRANSLATE_NOOP("Reasons", "no such file or folder"),
    QT_TRANSLATE_NOOP("Reasons", "the image is too large to open safely"),
    QT_TRANSLATE_NOOP("Reasons", "permission denied: the file cannot be read"),
    QT_TRANSLATE_NOOP("Reasons", "not enough memory to decode the image"),
    QT_TRANSLATE_NOOP("Reasons", "the file does not exist"),
    QT_TRANSLATE_NOOP("Reasons", "the file cannot be read"),
    QT_TRANSLATE_NOOP("Reasons", "this is a folder, not an image file"),
    QT_TRANSLATE_NOOP("Reasons", "not an image file (no extension)"),
    QT_TRANSLATE_NOOP("Reasons", "not inside a class folder"),
    QT_TRANSLATE_NOOP("Reasons", "file not found"),
    QT_TRANSLATE_NOOP("Reasons", "a file is in the way of the folder"),
    QT_TRANSLATE_NOOP("Reasons", "permission denied"),
    QT_TRANSLATE_NOOP("Reasons", "the disk is full"),
    QT_TRANSLATE_NOOP("Reasons", "the folder does not exist"),
    QT_TRANSLATE_NOOP("Reasons", "the disk is read-only"),
    QT_TRANSLATE_NOOP("Reasons", "a folder has that name"),
    QT_TRANSLATE_NOOP("Reasons", "the name is too long"),
    QT_TRANSLATE_NOOP("Reasons", "the disk reported an error"),
    QT_TRANSLATE_NOOP("Reasons", "the disk quota is used up"),
    QT_TRANSLATE_NOOP("Reasons", "the system refused to write it"),
    QT_TRANSLATE_NOOP("Reasons", "the folder does not exist and cannot be made"),
    QT_TRANSLATE_NOOP("Reasons", "a file of that name is already there"),
    QT_TRANSLATE_NOOP("Reasons", "the dataset folder cannot be written"),
    QT_TRANSLATE_NOOP("Reasons", "not in the dataset folder"),
    QT_TRANSLATE_NOOP("Reasons", "the old name is taken by another file"),
)

#: phrases with a name or a number in them: (their shape, the words with {0}, {1}...)
SHAPES = (
    (
        r"not an image file \((\.\S+)\)",
        QT_TRANSLATE_NOOP("Reasons", "not an image file ({0})"),
    ),
    (
        r"the image is too large to open safely \(over (\d+) megapixels\)",
        QT_TRANSLATE_NOOP("Reasons", "the image is too large to open safely (over {0} megapixels)"),
    ),
    (r"the folder (.+) is a file", QT_TRANSLATE_NOOP("Reasons", "the folder {0} is a file")),
    (
        r"the folder does not exist and cannot be made \((.+)\)",
        QT_TRANSLATE_NOOP("Reasons", "the folder does not exist and cannot be made ({0})"),
    ),
    (
        r"not used: only the (\S+) and (\S+) folders are read",
        QT_TRANSLATE_NOOP("Reasons", "not used: only the {0} and {1} folders are read"),
    ),
)


def reason_words(reason: str) -> str:
    """``reason`` in the app's language (as is when it is not one of the core's phrases)."""
    return shaped_words(reason, "Reasons", PHRASES, SHAPES)


def _part_words(
    part: str, context: str, phrases: tuple[str, ...], shapes: tuple[tuple[str, str], ...]
) -> str:
    words = shaped_words(part, context, phrases, shapes)
    return words if words != part else reason_words(part)


def shaped_words(
    text: str, context: str, phrases: tuple[str, ...], shapes: tuple[tuple[str, str], ...]
) -> str:
    """``text`` translated when it is one of ``phrases`` or has one of ``shapes``; else as is.

    The parts a shape captures (a file's name, a number, a reason) are translated
    as reasons in turn, so "... (the disk is full)" is said wholly in one language.
    """
    if text in phrases:
        return QCoreApplication.translate(context, text)
    for shape, words in shapes:
        match = re.fullmatch(shape, text, flags=re.DOTALL)
        if match is not None:
            parts = [_part_words(part, context, phrases, shapes) for part in match.groups()]
            return QCoreApplication.translate(context, words).format(*parts)
    return text
