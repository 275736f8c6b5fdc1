"""The HTML report in the app's language: every phrase the core's report says, for lupdate.

The core writes the report in English and says each phrase through a words
function (:mod:`flowerclf.core.wording`); the app passes :func:`report_words`,
which looks the phrase up in the "Report" context of the catalogue. The
phrases live in the core, where lupdate does not look, so they are listed
here; ``tests/gui/test_report_words.py`` checks this list against the core's
sources, so a phrase added to the report without being listed here fails.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from flowerclf.gui.language import current_language

PHRASES = (
    QT_TRANSLATE_NOOP("Report", "Architecture"),
    QT_TRANSLATE_NOOP("Report", "Starting weights"),
    QT_TRANSLATE_NOOP("Report", "Last layer only"),
    QT_TRANSLATE_NOOP("Report", "Epochs"),
    QT_TRANSLATE_NOOP("Report", "Batch size"),
    QT_TRANSLATE_NOOP("Report", "Learning rate"),
    QT_TRANSLATE_NOOP("Report", "Validation share"),
    QT_TRANSLATE_NOOP("Report", "Image size (pixels)"),
    QT_TRANSLATE_NOOP("Report", "Device"),
    QT_TRANSLATE_NOOP("Report", "Random seed"),
    QT_TRANSLATE_NOOP("Report", "Loader threads"),
    QT_TRANSLATE_NOOP("Report", "Number format"),
    QT_TRANSLATE_NOOP("Report", "Created"),
    QT_TRANSLATE_NOOP("Report", "Dataset folder"),
    QT_TRANSLATE_NOOP("Report", "Training images"),
    QT_TRANSLATE_NOOP("Report", "Validation images"),
    QT_TRANSLATE_NOOP("Report", "Epochs completed"),
    QT_TRANSLATE_NOOP("Report", "Best epoch"),
    QT_TRANSLATE_NOOP("Report", "Best validation accuracy"),
    QT_TRANSLATE_NOOP("Report", "Stopped early"),
    QT_TRANSLATE_NOOP("Report", "Imported from"),
    QT_TRANSLATE_NOOP("Report", "Processes"),
    QT_TRANSLATE_NOOP("Report", "Flowerclf version"),
    QT_TRANSLATE_NOOP("Report", "Recovery name"),
    QT_TRANSLATE_NOOP("Report", "Source"),
    QT_TRANSLATE_NOOP("Report", "Nothing to draw."),
    QT_TRANSLATE_NOOP("Report", "epoch"),
    QT_TRANSLATE_NOOP("Report", "training step"),
    QT_TRANSLATE_NOOP("Report", "training loss (smoothed)"),
    QT_TRANSLATE_NOOP("Report", "training loss"),
    QT_TRANSLATE_NOOP("Report", "validation loss"),
    QT_TRANSLATE_NOOP("Report", "loss"),
    QT_TRANSLATE_NOOP("Report", "No validation accuracy was recorded."),
    QT_TRANSLATE_NOOP("Report", "validation accuracy"),
    QT_TRANSLATE_NOOP("Report", "accuracy (%)"),
    QT_TRANSLATE_NOOP("Report", "no"),
    QT_TRANSLATE_NOOP("Report", "yes"),
    QT_TRANSLATE_NOOP("Report", "automatic"),
    QT_TRANSLATE_NOOP("Report", "auto"),
    QT_TRANSLATE_NOOP("Report", "imagenet"),
    QT_TRANSLATE_NOOP("Report", "none"),
    QT_TRANSLATE_NOOP("Report", "torchvision's ImageNet weights ({name})"),
    QT_TRANSLATE_NOOP("Report", "Started from"),
    QT_TRANSLATE_NOOP("Report", "predicted"),
    QT_TRANSLATE_NOOP("Report", "true ↓"),
    QT_TRANSLATE_NOOP(
        "Report", "true {true}, predicted {predicted}: {count} image(s) ({share} of {true})"
    ),
    QT_TRANSLATE_NOOP("Report", "true {true}, predicted {predicted}: {count} image(s)"),
    QT_TRANSLATE_NOOP("Report", "F1"),
    QT_TRANSLATE_NOOP("Report", "images"),
    QT_TRANSLATE_NOOP("Report", "precision"),
    QT_TRANSLATE_NOOP("Report", "recall"),
    QT_TRANSLATE_NOOP("Report", "class"),
    QT_TRANSLATE_NOOP("Report", "average over classes"),
    QT_TRANSLATE_NOOP("Report", "picture not found"),
    QT_TRANSLATE_NOOP("Report", "{verdict}: {true}"),
    QT_TRANSLATE_NOOP("Report", "right but unsure"),
    QT_TRANSLATE_NOOP("Report", "{verdict}: taken for {predicted}, labelled {true}"),
    QT_TRANSLATE_NOOP("Report", "wrong"),
    QT_TRANSLATE_NOOP("Report", "Classes"),
    QT_TRANSLATE_NOOP("Report", "flowerclf model report"),
    QT_TRANSLATE_NOOP("Report", "accuracy on {n} image(s)"),
    QT_TRANSLATE_NOOP("Report", "misclassified"),
    QT_TRANSLATE_NOOP("Report", "best validation accuracy during training"),
    QT_TRANSLATE_NOOP("Report", "{n} classes"),
    QT_TRANSLATE_NOOP("Report", "{n} unreadable image(s) skipped."),
    QT_TRANSLATE_NOOP("Report", "The evaluation was stopped before the end."),
    QT_TRANSLATE_NOOP("Report", "No evaluation is available for this model."),
    QT_TRANSLATE_NOOP("Report", "Model"),
    QT_TRANSLATE_NOOP("Report", "Training"),
    QT_TRANSLATE_NOOP("Report", "No training settings are recorded for this model."),
    QT_TRANSLATE_NOOP("Report", "Loss"),
    QT_TRANSLATE_NOOP("Report", "Accuracy"),
    QT_TRANSLATE_NOOP("Report", "No training history is recorded for this model."),
    QT_TRANSLATE_NOOP(
        "Report",
        "Rows: the true class. Columns: the class the model chose. "
        "Right answers lie on the diagonal.",
    ),
    QT_TRANSLATE_NOOP(
        "Report",
        "Worst first: confident mistakes, then right answers the model "
        "was unsure about. Often a mislabelled or unusual picture.",
    ),
    QT_TRANSLATE_NOOP("Report", "Nothing to review: every image was classified surely."),
    QT_TRANSLATE_NOOP("Report", "No evaluation is available."),
    QT_TRANSLATE_NOOP("Report", "Summary"),
    QT_TRANSLATE_NOOP("Report", "Training settings"),
    QT_TRANSLATE_NOOP("Report", "Loss and accuracy"),
    QT_TRANSLATE_NOOP("Report", "Confusion matrix"),
    QT_TRANSLATE_NOOP("Report", "Per-class metrics"),
    QT_TRANSLATE_NOOP("Report", "Images to review"),
    QT_TRANSLATE_NOOP("Report", "Written by flowerclf on {date}"),
    QT_TRANSLATE_NOOP("Report", "F1 A"),
    QT_TRANSLATE_NOOP("Report", "F1 B"),
    QT_TRANSLATE_NOOP("Report", "change (points)"),
    QT_TRANSLATE_NOOP("Report", "labelled {true}"),
    QT_TRANSLATE_NOOP("Report", "{title}: none"),
    QT_TRANSLATE_NOOP("Report", "… and {n} more."),
    QT_TRANSLATE_NOOP("Report", "{title} ({n})"),
    QT_TRANSLATE_NOOP("Report", "points"),
    QT_TRANSLATE_NOOP("Report", "Both models on the same {n} image(s)."),
    QT_TRANSLATE_NOOP("Report", "Only A knows: {names}."),
    QT_TRANSLATE_NOOP("Report", "Only B knows: {names}."),
    QT_TRANSLATE_NOOP("Report", "Both models are right and wrong on exactly the same images."),
    QT_TRANSLATE_NOOP("Report", "Now right (wrong with A, right with B)"),
    QT_TRANSLATE_NOOP("Report", "Now wrong (right with A, wrong with B)"),
    QT_TRANSLATE_NOOP("Report", "Compared with another model"),
    QT_TRANSLATE_NOOP("Report", "all kept"),
    QT_TRANSLATE_NOOP("Report", "new: {names}"),
    QT_TRANSLATE_NOOP("Report", "dropped: {names}"),
)


def report_words(text: str) -> str:
    """A phrase of the report in the app's language (as it is, if the catalogue lacks it)."""
    return QCoreApplication.translate("Report", text)


def report_language() -> str:
    """The language the report is written in: the interface's."""
    return current_language()
