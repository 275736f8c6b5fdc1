"""The desktop app (PySide6). Uses only the public API of flowerclf.core."""
