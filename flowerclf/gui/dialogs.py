"""Small questions to the person at the keyboard, and the About box's text."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import flowerclf
from flowerclf.gui.model_tasks import package_version


def image_filter() -> str:
    """The file dialogs' filter for pictures, in the app's language."""
    return QCoreApplication.translate(
        "PredictTab", "Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"
    )


def ask_choice(
    parent: QWidget,
    title: str,
    text: str,
    choices: list[tuple[str, str]],
    *,
    informative: str = "",
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> str | None:
    """Show ``text`` with one button per ``(key, label)`` plus Cancel; the key chosen, or None.

    The first choice is the default button. Views wrap this in a method of
    their own so that tests can answer without a dialog.
    """
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    buttons = {}
    for key, label in choices:
        buttons[key] = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    if choices:
        box.setDefaultButton(buttons[choices[0][0]])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), None)


def about_text(device: str | None) -> str:
    """Versions and device, as shown by Help > About (rich text)."""
    translate = QCoreApplication.translate
    shown = device if device is not None else translate("About", "(still loading)")
    return (
        f"<h3>FlowerClf {flowerclf.__version__}</h3><p>"
        + translate(
            "About",
            "Classify photos with a neural network, or teach it your own classes "
            "from a folder of labelled photos.",
        )
        + "</p><table>"
        f"<tr><td>flowerclf&nbsp;&nbsp;</td><td>{flowerclf.__version__}</td></tr>"
        f"<tr><td>torch</td><td>{package_version('torch')}</td></tr>"
        f"<tr><td>torchvision</td><td>{package_version('torchvision')}</td></tr>"
        f"<tr><td>Qt</td><td>{qVersion()} (PySide6 {PySide6.__version__})</td></tr>"
        f"<tr><td>{translate('About', 'Device')}</td><td>{shown}</td></tr>"
        "</table>"
    )


def file_stem(name: str) -> str:
    """A model's name made safe as a file name."""
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip("_")
    return keep or "model"


def ask_missing_weights(parent: QWidget, arch: str) -> str | None:
    """No ImageNet weights for ``arch``: "file" (choose one), "scratch", or None (cancel)."""
    return ask_choice(
        parent,
        QCoreApplication.translate("TrainTab", "Starting weights not available"),
        QCoreApplication.translate(
            "TrainTab",
            "The ImageNet starting weights for {arch} are not on this computer and "
            "could not be downloaded.",
        ).format(arch=arch),
        [
            ("file", QCoreApplication.translate("TrainTab", "Choose a weights file…")),
            ("scratch", QCoreApplication.translate("TrainTab", "Train from scratch")),
        ],
        informative=QCoreApplication.translate(
            "TrainTab",
            "You can choose a weights file you already have, or let the network "
            "start from scratch (it then needs more photos and more epochs to learn well).",
        ),
    )
