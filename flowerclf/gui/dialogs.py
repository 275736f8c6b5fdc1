"""Small questions to the person at the keyboard, each answered with a plain key."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_choice(
    parent: QWidget,
    title: str,
    text: str,
    choices: list[tuple[str, str]],
    *,
    informative: str = "",
    details: str = "",
) -> str | None:
    """Show ``text`` with one button per ``(key, label)`` plus Cancel; the key chosen, or None.

    The first choice is the default button. Views wrap this in a method of
    their own so that tests can answer without a dialog.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
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
