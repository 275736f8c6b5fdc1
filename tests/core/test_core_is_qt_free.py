"""The engine never imports Qt, and importing flowerclf itself stays cheap."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "config",
    "data",
    "device",
    "errors",
    "events",
    "features",
    "files",
    "loading",
    "modelfile",
    "models",
    "predict",
    "training",
    "evaluation",
    "gradcam",
    "report",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_and_cli_import_no_qt():
    imports = "\n".join(f"import flowerclf.core.{m}" for m in CORE_MODULES)
    loaded = _loaded_after(imports + "\nimport flowerclf.cli")
    assert "flowerclf.core.training" in loaded
    assert not any(name.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"} for name in loaded)


def test_importing_the_package_does_not_import_torch():
    loaded = _loaded_after("import flowerclf")
    assert "torch" not in loaded


def test_reading_the_command_line_does_not_import_torch():
    loaded = _loaded_after("import flowerclf.cli")
    assert "torch" not in loaded
