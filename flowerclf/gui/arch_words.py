"""The architectures' one-line descriptions (core.config), as the app says them.

Marked in the Train options' translation context, which shows them as tips:
``TrainOptions.tr(ARCH_DESCRIPTIONS[name])``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ARCH_DESCRIPTIONS = {
    "resnet18": QT_TRANSLATE_NOOP(
        "TrainOptions", "Smallest and fastest: good for quick tries and slow computers."
    ),
    "resnet34": QT_TRANSLATE_NOOP(
        "TrainOptions", "The default: a good balance of accuracy and speed."
    ),
    "resnet50": QT_TRANSLATE_NOOP(
        "TrainOptions",
        "A little more accurate than resnet34, slower to train and needs more memory.",
    ),
    "resnet101": QT_TRANSLATE_NOOP(
        "TrainOptions", "Deeper and more accurate; about twice as slow as resnet50."
    ),
    "resnet152": QT_TRANSLATE_NOOP(
        "TrainOptions", "The deepest plain ResNet: accurate but slow; best with a GPU."
    ),
    "resnext50_32x4d": QT_TRANSLATE_NOOP(
        "TrainOptions",
        "A resnet50 with grouped convolutions: more accurate at about the same cost.",
    ),
    "resnext101_32x8d": QT_TRANSLATE_NOOP(
        "TrainOptions", "Large and accurate; very slow without a GPU."
    ),
    "wide_resnet50_2": QT_TRANSLATE_NOOP(
        "TrainOptions", "A wider resnet50: accurate, but large and slow without a GPU."
    ),
}


def arch_description(name: str) -> str:
    """The description of architecture ``name`` in the app's language (the core's, if unmarked)."""
    text = ARCH_DESCRIPTIONS.get(name)
    if text is None:
        from flowerclf.core.config import ARCHITECTURES

        return ARCHITECTURES[name].description
    return QCoreApplication.translate("TrainOptions", text)
