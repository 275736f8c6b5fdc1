"""Task functions behind the Results tab and the heat map: evaluation, thumbnails, reports.

Like :mod:`flowerclf.gui.model_tasks`, each factory returns ``fn(report, stop)``
for a :class:`~flowerclf.gui.tasks.TaskSlot`, and the heavy core modules are
imported inside those functions, so importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QImage

from flowerclf.core.events import StopRequest
from flowerclf.gui.predict_tasks import PREVIEW_MAX_SIDE, pil_to_qimage
from flowerclf.gui.report_words import report_language, report_words
from flowerclf.gui.tasks import Report, TaskFunction

if TYPE_CHECKING:  # pragma: no cover
    from flowerclf.core.predict import Classifier

#: Side of the thumbnails in the Results tab.
REVIEW_THUMBNAIL = 96
FILE_NOT_FOUND = "file not found"


# -- evaluation ------------------------------------------------------------------------


def evaluate_folder(classifier: Classifier, folder: str | Path) -> TaskFunction:
    """Score the model on every image of a dataset folder; the result is an Evaluation."""

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.evaluation import evaluate_folder as core_evaluate

        return core_evaluate(classifier, folder, progress=report, stop=stop)

    return run


def compare_models(
    model_a: Classifier, model_b: Classifier, folder: str | Path, name_a: str, name_b: str
) -> TaskFunction:
    """Evaluate both models on a folder (B first) and compare them: a core Comparison."""

    def run(report: Report, stop: StopRequest) -> Any:
        from flowerclf.core.comparison import compare_on_folder

        return compare_on_folder(
            model_a, model_b, folder, name_a, name_b, progress=report, stop=stop
        )

    return run


# -- thumbnails --------------------------------------------------------------------------


@dataclass(frozen=True)
class Thumbnail:
    """A small picture of one file, or why there is none (``image`` is then None)."""

    path: str
    image: QImage | None
    error: str | None = None


@dataclass(frozen=True)
class ThumbnailBatch:
    thumbnails: list[Thumbnail]


def thumbnails(
    paths: Sequence[str | Path], size: int = REVIEW_THUMBNAIL, batch: int = 8
) -> TaskFunction:
    """Small pictures of files, yielded a few at a time; missing files say so."""

    def run(report: Report, stop: StopRequest) -> Iterator[ThumbnailBatch]:
        from flowerclf.core.data import load_image
        from flowerclf.core.errors import FlowerclfError

        done: list[Thumbnail] = []
        for path in paths:
            if stop.requested:
                break
            where = Path(path)
            if not where.is_file():
                done.append(Thumbnail(str(path), None, FILE_NOT_FOUND))
            else:
                try:
                    image = load_image(where, min_size=size)
                except FlowerclfError as error:
                    done.append(Thumbnail(str(path), None, str(getattr(error, "reason", error))))
                else:
                    image.thumbnail((size, size))
                    done.append(Thumbnail(str(path), pil_to_qimage(image)))
            if len(done) >= batch:
                yield ThumbnailBatch(done)
                done = []
        if done:
            yield ThumbnailBatch(done)
        return len(paths)

    return run


# -- heat maps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatMap:
    """A Grad-CAM map ready to paint: ``image`` is the coloured map at the picture's size."""

    class_index: int
    label: str
    prob: float
    image: QImage
    scale: QImage  # the colour scale, low to high (256 x 1), for a legend


def heat_map_image(heatmap: np.ndarray) -> QImage:
    """Colour a 0..1 map (height x width) as an RGB QImage (any thread)."""
    from flowerclf.core.gradcam import colormap

    rgb = np.ascontiguousarray(colormap(heatmap))
    height, width = rgb.shape[:2]
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()  # the QImage above only borrows the array


def heat_map(
    classifier: Classifier, source: str | bytes, class_index: int | None = None
) -> TaskFunction:
    """Grad-CAM of ``class_index`` (None: the top class) at the size the picture is shown."""

    def run(report: Report, stop: StopRequest) -> HeatMap:
        from flowerclf.core.data import load_image
        from flowerclf.core.gradcam import grad_cam

        # Decoded as load_preview does, so the map has exactly the shown picture's size
        # and a big photo costs no more than the preview.
        picture = load_image(source, min_size=PREVIEW_MAX_SIDE // 2)
        picture.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
        result = grad_cam(classifier, picture, class_index, size=picture.size)
        scale = heat_map_image(np.linspace(0.0, 1.0, 256, dtype=np.float32)[None, :])
        return HeatMap(
            result.class_index, result.label, result.prob, heat_map_image(result.heatmap), scale
        )

    return run


# -- reports ---------------------------------------------------------------------------------


def write_report(
    path: str | Path,
    evaluation: Any,
    classifier: Classifier | None,
    training: Any = None,
    comparison: Any = None,
) -> TaskFunction:
    """Write the HTML report; with ``training`` (a TrainingResult) the curves come too, and
    with ``comparison`` (a core Comparison) the model beside another.

    The report speaks the interface's language. The result is the path written.
    """
    # the language now, on the GUI thread; translating (Qt's catalogue) is safe in the worker
    wording: dict[str, Any] = {"words": report_words, "language": report_language()}

    def run(report: Report, stop: StopRequest) -> Path:
        from flowerclf.core import report as core_report

        if training is not None and evaluation is getattr(training, "evaluation", None):
            return core_report.write_training_report(
                path, training, comparison=comparison, **wording
            )
        options: dict[str, Any] = {"classifier": classifier, "comparison": comparison, **wording}
        if training is not None:
            options.update(history=training.history, step_losses=training.step_losses)
        return core_report.write_report(path, evaluation, **options)

    return run
