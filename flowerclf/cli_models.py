"""The commands about model files: info, describe, import-tutorial, export-tutorial, export.

What a model file holds, the network it is, and the ways in and out of
flowerclf's format (the tutorial's .pth and class_indices.json, ONNX).
"""

from __future__ import annotations

import argparse
import json
import sys

from flowerclf.cli import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE, cli_message
from flowerclf.cli_output import percent
from flowerclf.core import errors
from flowerclf.core.config import ARCHITECTURES
from flowerclf.core.errors import FlowerclfError


def _cmd_info(args: argparse.Namespace) -> int:
    from flowerclf.core.modelfile import read_model_info

    info = read_model_info(args.model)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [
        f"Model:          {info['path']}",
        f"Architecture:   {info.get('architecture') or 'detected when loaded'}",
        f"Classes ({info['num_classes']}):   {', '.join(info['classes'])}",
        f"Image size:     {info.get('image_size')}",
    ]
    if info.get("best_val_accuracy") is not None:
        lines.append(
            f"Accuracy:       {percent(info['best_val_accuracy'])} (validation, best epoch)"
        )
    evaluation = info.get("evaluation")
    if isinstance(evaluation, dict) and evaluation.get("accuracy") is not None:
        lines.append(f"Evaluated:      {percent(evaluation['accuracy'])} accuracy")
    if info.get("num_parameters"):
        lines.append(f"Parameters:     {info['num_parameters'] / 1e6:.1f} M")
    if info.get("created"):
        lines.append(
            f"Created:        {info['created']} (flowerclf {info.get('flowerclf_version')})"
        )
    origin = info.get("started_from")
    if isinstance(origin, dict):
        from flowerclf.core.continuing import describe_origin

        lines.append(f"Started from:   {describe_origin(origin)}")
    training = info.get("training")
    if isinstance(training, dict):
        lines.append("Training settings:")
        lines += [f"  {key:<16}{value}" for key, value in training.items()]
    if isinstance(evaluation, dict):
        from flowerclf.core.evaluation import Evaluation

        try:
            table = Evaluation.from_json_dict(evaluation).format_table()
        except ValueError:
            table = None  # an older or damaged evaluation: the rest is still worth showing
        if table:
            lines += ["", "Evaluation:", table]
    print("\n".join(lines))
    return EXIT_OK


def _cmd_describe(args: argparse.Namespace) -> int:
    from flowerclf.core.architecture import describe_architecture

    arch, image_size, classes = args.arch, args.image_size, args.classes
    if args.model is not None:
        from flowerclf.core.imagenet import imagenet_arch, is_imagenet_name

        if is_imagenet_name(args.model):
            found = (imagenet_arch(args.model), 224, 1000)
        else:
            from flowerclf.core.modelfile import read_model_info

            info = read_model_info(args.model)
            found = (info.get("architecture"), info.get("image_size"), info.get("num_classes"))
            if found[0] is None:  # an old file: its weights say what they are
                from flowerclf.core.modelfile import load_model

                found = (load_model(args.model).arch, *found[1:])
        # What is given on the command line wins over what the file says.
        arch, image_size, classes = (
            found[i] if given is None else given
            for i, given in enumerate((arch, image_size, classes))
        )
    if arch is None:
        print("flowerclf: describe needs --arch NAME or a model file.", file=sys.stderr)
        return EXIT_USAGE
    table = describe_architecture(
        arch, 224 if image_size is None else image_size, 1000 if classes is None else classes
    )
    if args.format == "json":
        print(json.dumps(table.as_json(), ensure_ascii=False))
    else:
        print(
            f"{table.arch} at {table.image_size}×{table.image_size} px, {table.num_classes} classes"
        )
        print(table.format_table())
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from flowerclf.core.modelfile import import_tutorial, save_model

    classifier = import_tutorial(args.weights, args.class_indices, arch=args.arch)
    path = save_model(classifier, args.output)
    print(f"Imported {classifier.arch} with {len(classifier.classes)} classes into {path}.")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from flowerclf.core.modelfile import export_tutorial, load_model

    weights, indices = export_tutorial(load_model(args.model), args.out_dir)
    print(f"Wrote {weights} and {indices}.")
    return EXIT_OK


def _cmd_export_onnx(args: argparse.Namespace) -> int:
    from flowerclf.core.export import export_onnx
    from flowerclf.core.modelfile import load_model

    model = load_model(args.model)
    try:
        report = export_onnx(
            model, args.output, args.images or None, lambda event: print(event.text)
        )
    except FlowerclfError as error:
        if error.kind != errors.EXPORT_MISMATCH:
            raise
        print(cli_message(error), file=sys.stderr)
        return EXIT_FAILED_INPUTS
    print(
        f"Wrote {report.path} and {report.client}. Checked on {report.photos_checked} photos: "
        f"same answers; largest probability difference {report.largest_difference:.6f}."
    )
    return EXIT_OK


def add_info_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="describe a model file")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.set_defaults(run=_cmd_info)


def add_describe_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "describe",
        help="the stage table of a network: output sizes, blocks, parameters, multiply-adds",
        description="The ResNet stage table of an architecture (or of a model file's), "
        "measured on the network itself: conv1, the max pool, conv2_x to conv5_x and the last "
        "layer, with output sizes, blocks, channels, parameters and multiply-adds.",
    )
    p.add_argument("model", nargs="?", metavar="MODEL", help="a model file (or imagenet:ARCH)")
    p.add_argument("--arch", default=None, metavar="ARCH", help=", ".join(ARCHITECTURES))
    p.add_argument(
        "--image-size", type=int, default=None, help="input side in pixels (default: 224)"
    )
    p.add_argument(
        "--classes", type=int, default=None, help="outputs of the last layer (default: 1000)"
    )
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.set_defaults(run=_cmd_describe)


def add_import_tutorial_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-tutorial",
        help="turn a state-dict .pth and its class_indices.json into a model file",
    )
    p.add_argument("weights", metavar="WEIGHTS.pth")
    p.add_argument("class_indices", metavar="CLASS_INDICES.json")
    p.add_argument("--arch", default=None, help="architecture (default: detected from the weights)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.safetensors")
    p.set_defaults(run=_cmd_import)


def add_export_tutorial_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export-tutorial", help="write OUT_DIR/<arch>.pth and OUT_DIR/class_indices.json"
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(run=_cmd_export)


def add_export_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write MODEL as one .onnx file (and predict_onnx.py), checked to answer the same",
        description="Export to ONNX with the model's description in its metadata. Before the "
        "file is kept, ONNX Runtime must give the same answers as flowerclf on the photos "
        "given (or on generated ones): the same top class and probabilities within 0.0001. "
        "Needs the export extra: pip install 'flowerclf[export]'.",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("-o", "--output", required=True, metavar="MODEL.onnx")
    p.add_argument("--images", nargs="+", metavar="PHOTO", help="photos to check the export on")
    p.set_defaults(run=_cmd_export_onnx)
