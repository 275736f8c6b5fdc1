"""What the core says during a run (log lines, stages, why a run ended), in the app's language.

The core reports a run's news as English sentences (``MessageEvent``) and names
its stages ("Validating"); the Train tab shows them. They come from a closed
set, so the app knows each one by its wording (or, with names and numbers in
it, by its shape) and says it in the interface's language; a sentence it does
not know is shown as the core wrote it. ``tests/gui/test_translations.py``
checks this table against the core's sources.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from flowerclf.gui.reason_words import shaped_words

STAGES = (
    QT_TRANSLATE_NOOP("Log", "Validating"),
    QT_TRANSLATE_NOOP("Log", "Computing features"),
    QT_TRANSLATE_NOOP("Log", "Evaluating"),
)

PHRASES = (
    *STAGES,
    QT_TRANSLATE_NOOP("Log", "Training stopped; the best model so far is kept."),
    QT_TRANSLATE_NOOP("Log", "Training stopped before its first epoch ended."),
    QT_TRANSLATE_NOOP(
        "Log",
        "The computer ran out of memory. Training stopped; the best model so far is kept. "
        "A smaller batch size or image size needs less memory.",
    ),
    QT_TRANSLATE_NOOP("Log", "Converting the network to ONNX…"),
    QT_TRANSLATE_NOOP("Log", "Checking the export on photos…"),
    QT_TRANSLATE_NOOP("Log", "full precision"),
    QT_TRANSLATE_NOOP("Log", "fast 16-bit precision"),
)

SHAPES = (
    (
        r"Training (\S+) on (.+) in (.+); (\d+) training and (\d+) validation images\.",
        QT_TRANSLATE_NOOP(
            "Log", "Training {0} on {1} in {2}; {3} training and {4} validation images."
        ),
    ),
    (
        r"Training (\S+) in (\d+) processes together \((\w+), (\d+) images each per step\), "
        r"the first on (.+), in (.+); (\d+) training and (\d+) validation images\.",
        QT_TRANSLATE_NOOP(
            "Log",
            "Training {0} in {1} processes together ({2}, {3} images each per step), the first "
            "on {4}, in {5}; {6} training and {7} validation images.",
        ),
    ),
    (
        r"Skipped an unreadable image: ([^:/\\]+): (.+)",  # a file's name, then why
        QT_TRANSLATE_NOOP("Log", "Skipped an unreadable image: {0}: {1}"),
    ),
    (
        r"Skipped an unreadable image: (.+)",
        QT_TRANSLATE_NOOP("Log", "Skipped an unreadable image: {0}"),
    ),
    (
        r"The checkpoint could not be written \((.+)\); training goes on without it\.",
        QT_TRANSLATE_NOOP(
            "Log", "The checkpoint could not be written ({0}); training goes on without it."
        ),
    ),
    (
        r"Continuing the interrupted training after epoch (\d+) of (\d+)\.",
        QT_TRANSLATE_NOOP("Log", "Continuing the interrupted training after epoch {0} of {1}."),
    ),
    (
        r"Out of memory on the (\S+): going on with (\d+) images at a time "
        r"\(the batch stays (\d+)\)\.",
        QT_TRANSLATE_NOOP(
            "Log",
            "Out of memory on the {0}: going on with {1} images at a time (the batch stays {2}).",
        ),
    ),
    (
        r"Downloading the ImageNet weights for (\S+)\.\.\.",
        QT_TRANSLATE_NOOP("Log", "Downloading the ImageNet weights for {0}…"),
    ),
    (
        r"The photo folder (.+) is no longer there \(an unplugged drive\?\)\. "
        r"Training stopped; the best model so far is kept\.",
        QT_TRANSLATE_NOOP(
            "Log",
            "The photo folder {0} is no longer there (an unplugged drive?). "
            "Training stopped; the best model so far is kept.",
        ),
    ),
    (r"CPU \((.+), (\d+) cores\)", QT_TRANSLATE_NOOP("Log", "CPU ({0}, {1} cores)")),
)


def log_words(text: str) -> str:
    """A line of the core's, a stage's name or why a run ended, in the app's language."""
    return shaped_words(text, "Log", PHRASES, SHAPES)
