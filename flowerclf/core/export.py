"""Export a model to ONNX that answers as the app does, proven before the file is kept.

The network and a softmax go into one self-contained ``.onnx`` file (a
dynamic batch axis, no external data file), with the model's description,
the same JSON as a ``.safetensors`` header plus ``resize_size``, in the ONNX
``metadata_props`` under ``"flowerclf"``. Before the file takes its name,
ONNX Runtime runs it on photos (those given, else generated ones) prepared
exactly as flowerclf prepares them, and its probabilities are compared with
flowerclf's own fp32 ones: a different top class, or a probability more than
:data:`TOLERANCE` apart, and nothing is kept. ``predict_onnx.py``, a client
that needs only onnxruntime, pillow and numpy and prepares photos as the app
does, is written beside the model.

Needs the optional ``export`` extra (onnx, onnxscript, onnxruntime).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from flowerclf.core.errors import EXPORT_MISMATCH, EXTRA_MISSING, FlowerclfError
from flowerclf.core.events import MessageEvent, ProgressCallback, ignore_event
from flowerclf.core.files import atomic_write_bytes, check_writable

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

    from flowerclf.core.predict import Classifier

TOLERANCE = 1e-4
METADATA_KEY = "flowerclf"
CLIENT_NAME = "predict_onnx.py"


@dataclass(frozen=True)
class ExportReport:
    """What the export wrote and how it was checked."""

    path: Path
    client: Path
    photos_checked: int
    largest_difference: float
    same_top_class: bool


def _require_extra() -> None:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
        import onnxscript  # noqa: F401
    except ImportError as error:
        raise FlowerclfError(
            "Exporting to ONNX needs flowerclf's optional export packages (onnx, onnxscript "
            "and onnxruntime), which are not installed.",
            EXTRA_MISSING,
            extra="export",
            missing=getattr(error, "name", None),
        ) from None


def sample_photos(count: int = 16, seed: int = 0) -> list[Image.Image]:
    """Photo-like pictures for the parity check: gradients, shapes and noise, various sizes."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    photos = []
    for index in range(count):
        width, height = int(rng.integers(120, 640)), int(rng.integers(120, 480))
        x = np.linspace(0, 1, width)[None, :, None]
        y = np.linspace(0, 1, height)[:, None, None]
        base = rng.uniform(0, 255, 3) * (0.4 + 0.6 * x) * (0.5 + 0.5 * y)
        noise = rng.normal(0, 18, (height, width, 3))
        image = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))
        draw = ImageDraw.Draw(image)
        for _ in range(3 + index % 4):
            box = sorted(rng.integers(0, width, 2)), sorted(rng.integers(0, height, 2))
            colour = tuple(int(c) for c in rng.integers(0, 255, 3))
            draw.ellipse([box[0][0], box[1][0], box[0][1], box[1][1]], fill=colour)
        photos.append(image)
    return photos


def _probabilities_module(classifier: Classifier) -> Any:
    import torch

    class WithSoftmax(torch.nn.Module):
        def __init__(self, network: torch.nn.Module) -> None:
            super().__init__()
            self.network = network

        def forward(self, images: torch.Tensor) -> torch.Tensor:
            return torch.softmax(self.network(images), dim=1)

    import copy

    network = copy.deepcopy(classifier.network).float().cpu().eval()
    return WithSoftmax(network).eval()


def _onnx_bytes(classifier: Classifier, description: dict) -> bytes:
    import onnx
    import torch

    module = _probabilities_module(classifier)
    size = int(classifier.image_size)
    example = torch.zeros(2, 3, size, size)
    with torch.no_grad():
        program = torch.onnx.export(
            module,
            (example,),
            dynamo=True,
            input_names=["images"],
            output_names=["probabilities"],
            dynamic_shapes=({0: torch.export.Dim("batch")},),
            external_data=False,
            verbose=False,
        )
    proto = program.model_proto
    entry = proto.metadata_props.add()
    entry.key, entry.value = METADATA_KEY, _json(description)
    buffer = io.BytesIO()
    onnx.save_model(proto, buffer)
    return buffer.getvalue()


def _json(description: dict) -> str:
    import json

    from flowerclf.core.modelfile import _jsonable

    return json.dumps(description, ensure_ascii=False, default=_jsonable)


def _inputs(classifier: Classifier, photos: Sequence[Any]) -> tuple[np.ndarray, list]:
    """The photos as flowerclf prepares them (normalised float32), and flowerclf's answers."""
    import torch

    from flowerclf.core.loading import eval_view, normalize_batch

    predictions = classifier.predict(list(photos), batch_size=8)
    usable = [p for p in predictions if p.ok]
    if not usable:
        raise FlowerclfError(
            "None of the photos given for the check could be read.", "no_images", total=0
        )
    views = [eval_view(classifier.load(p), classifier.image_size) for p, r in
             zip(photos, predictions, strict=True) if r.ok]  # fmt: skip
    batch = normalize_batch(
        torch.stack(views), classifier.mean, classifier.std, torch.device("cpu"), False
    )
    return batch.numpy(), usable


def export_onnx(
    classifier: Classifier,
    out: str | Path,
    photos: Sequence[str | Path | Image.Image] | None = None,
    progress: ProgressCallback = ignore_event,
) -> ExportReport:
    """Write ``out`` (.onnx) and ``predict_onnx.py`` beside it, once the answers are proven equal.

    Raises ``extra_missing`` without the export packages, ``write_failed`` for a
    place that cannot be written (checked first) and ``export_mismatch`` when
    ONNX Runtime answers differently; in every failure nothing is left behind.
    """
    _require_extra()
    import onnxruntime

    from flowerclf.core.data import resize_size
    from flowerclf.core.modelfile import description as model_description

    out = Path(out)
    if out.suffix.lower() != ".onnx":
        out = out.with_name(out.name + ".onnx")
    check_writable(out, what="the export")
    description = model_description(classifier)
    description["resize_size"] = resize_size(int(classifier.image_size))
    description["input"] = "images: float32 N x 3 x S x S, normalised (see predict_onnx.py)"
    description["output"] = "probabilities: float32 N x classes, in class order"
    progress(MessageEvent("Converting the network to ONNX…"))
    data = _onnx_bytes(classifier, description)

    progress(MessageEvent("Checking the export on photos…"))
    checked = list(photos) if photos else sample_photos()
    batch, expected = _inputs(classifier, checked)
    session = onnxruntime.InferenceSession(data, providers=["CPUExecutionProvider"])
    (got,) = session.run(None, {session.get_inputs()[0].name: batch})
    want = np.stack([np.asarray(p.probs, dtype=np.float32) for p in expected])
    largest = float(np.abs(got - want).max())
    same_top = bool((got.argmax(axis=1) == want.argmax(axis=1)).all())
    if not same_top or largest > TOLERANCE:
        raise FlowerclfError(
            f"The ONNX export does not answer as flowerclf does (largest probability "
            f"difference {largest:.6f}{'' if same_top else ', and a different top class'}); "
            "it was not kept.",
            EXPORT_MISMATCH,
            path=out,
            largest_difference=largest,
            same_top_class=same_top,
        )
    atomic_write_bytes(out, data, make_parents=True, what="the export")
    client = out.with_name(CLIENT_NAME)
    source = Path(__file__).parents[1].joinpath(CLIENT_NAME).read_bytes()
    atomic_write_bytes(client, source, what="the example client")
    return ExportReport(out, client, len(expected), largest, same_top)
