"""flowerclf: a desktop image classifier you can fine-tune on your own photos.

Three lines from a script::

    import flowerclf
    model = flowerclf.load_model("flowers.safetensors")
    for p in model.predict(["rose.jpg", "daisy.jpg"]):
        print(p.source, p.top(3))

Importing this package is cheap: torch is only imported when one of the
attributes below that needs it is first used, so the desktop window can
appear at once. ``TrainingConfig``, ``ARCHITECTURES`` and
``DEFAULT_ARCHITECTURE`` come from the torch-free ``flowerclf.core.config``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "load_model": "flowerclf.core.modelfile",
    "save_model": "flowerclf.core.modelfile",
    "read_model_info": "flowerclf.core.modelfile",
    "import_tutorial": "flowerclf.core.modelfile",
    "export_tutorial": "flowerclf.core.modelfile",
    "train": "flowerclf.core.training",
    "TrainingConfig": "flowerclf.core.config",
    "TrainingResult": "flowerclf.core.training",
    "scan_dataset": "flowerclf.core.data",
    "find_images": "flowerclf.core.data",
    "Classifier": "flowerclf.core.predict",
    "Prediction": "flowerclf.core.predict",
    "ARCHITECTURES": "flowerclf.core.config",
    "DEFAULT_ARCHITECTURE": "flowerclf.core.config",
    "StopRequest": "flowerclf.core.events",
    "FlowerclfError": "flowerclf.core.errors",
}

__all__ = [  # spelled out (not built from _LAZY) so that linters and IDEs can read it
    "ARCHITECTURES",
    "Classifier",
    "DEFAULT_ARCHITECTURE",
    "FlowerclfError",
    "Prediction",
    "StopRequest",
    "TrainingConfig",
    "TrainingResult",
    "__version__",
    "export_tutorial",
    "find_images",
    "import_tutorial",
    "load_model",
    "read_model_info",
    "save_model",
    "scan_dataset",
    "train",
]
assert set(__all__) == {"__version__", *_LAZY}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'flowerclf' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.config import ARCHITECTURES, DEFAULT_ARCHITECTURE, TrainingConfig
    from flowerclf.core.data import find_images, scan_dataset
    from flowerclf.core.errors import FlowerclfError
    from flowerclf.core.events import StopRequest
    from flowerclf.core.modelfile import (
        export_tutorial,
        import_tutorial,
        load_model,
        read_model_info,
        save_model,
    )
    from flowerclf.core.predict import Classifier, Prediction
    from flowerclf.core.training import TrainingResult, train
