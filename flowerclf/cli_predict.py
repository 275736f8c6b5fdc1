"""``flowerclf predict``: classify photos and folders of photos, a row for each.

The rows (a table, JSON lines or CSV) are worded by :mod:`flowerclf.cli_output`.
"""

from __future__ import annotations

import argparse
import sys

from flowerclf.cli import EXIT_FAILED_INPUTS, EXIT_OK, _add_device_option
from flowerclf.cli_output import RowWriter
from flowerclf.core.config import DEFAULT_PREDICT_PRECISION, PRECISION_CHOICES


def _cmd_predict(args: argparse.Namespace) -> int:
    from flowerclf.core.data import find_images
    from flowerclf.core.modelfile import load_model

    model = load_model(args.model, device=args.device)
    model.set_precision(args.precision)
    images, skipped = find_images(args.inputs)
    total = len(images) + len(skipped)
    if not total:
        print("No images found in the paths given.", file=sys.stderr)
        return EXIT_FAILED_INPUTS
    width = min(60, max(len(str(p)) for p in [*images, *(s.path for s in skipped)]))
    out = sys.stdout
    writer = RowWriter(args.format, list(model.classes), max(1, args.top_k), width, out)
    # Rows go out batch by batch: a folder of 20,000 photos holds no more than one
    # batch in memory, and an interruption keeps every row already written.
    try:
        for batch in model.predict_batches(images, batch_size=args.batch_size):
            for prediction in batch:
                writer.row(str(prediction.source), prediction, prediction.error)
            out.flush()
        for item in skipped:
            writer.row(str(item.path), None, item.reason)
        out.flush()
    except KeyboardInterrupt:
        out.flush()
        print(f"Interrupted: {writer.written} of {total} rows were written.", file=sys.stderr)
        return 130
    if writer.failed:
        inputs = "photo" if total == 1 else "photos"
        print(f"{writer.failed} of {total} {inputs} could not be read.", file=sys.stderr)
        return EXIT_FAILED_INPUTS
    return EXIT_OK


def add_predict_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predict", help="classify images and folders of images")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("inputs", nargs="+", metavar="IMAGE_OR_DIR")
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--format", default="table", choices=("table", "json", "csv"))
    p.add_argument("--batch-size", type=int, default=32)
    _add_device_option(p)
    p.add_argument(
        "--precision",
        default=DEFAULT_PREDICT_PRECISION,
        choices=PRECISION_CHOICES,
        help="number format (default: %(default)s): fp32 gives exact probabilities; auto: a "
        "bf16 backbone where the hardware has it, faster, probabilities within about 0.01",
    )
    p.set_defaults(run=_cmd_predict)
