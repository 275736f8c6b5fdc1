"""``flowerclf evaluate`` and ``explain``: how good a model is, and what it looks at.

evaluate scores a model on a labelled folder (the confusion table, the most
confident mistakes, an HTML report, a comparison with an earlier model) and
stores the score in the model file; explain writes a heat map of one photo.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flowerclf.cli import EXIT_OK, _add_device_option
from flowerclf.cli_output import ProgressPrinter, percent


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from flowerclf.core.evaluation import evaluate_folder
    from flowerclf.core.modelfile import load_model, save_model

    model = load_model(args.model, device=args.device)
    printer = ProgressPrinter()
    try:
        evaluation = evaluate_folder(model, args.data_dir, progress=printer)
    finally:
        printer.close()
    comparison = _compare(args, model, evaluation) if args.compare else None
    if args.format == "json":
        data = evaluation.to_json_dict()
        if comparison is not None:
            data["comparison"] = comparison.to_json_dict()
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(evaluation.summary())
        print()
        print(evaluation.format_table())
        worst = evaluation.mistakes[:10]
        if worst:
            print()
            print("Images to review (most confident mistakes first):")
            for item in worst:
                print(
                    f"  {item.path}  is {item.true}, predicted {item.predicted} "
                    f"({percent(item.prob)})"
                )
        if comparison is not None:
            print()
            print(comparison.format_text())
    if args.report:
        from flowerclf.core.report import write_report

        path = write_report(args.report, evaluation, classifier=model, comparison=comparison)
        print(f"Report written to {path}", file=sys.stderr)
    if not args.no_save and Path(args.model).suffix.lower() == ".safetensors":
        # the score travels with the model, for 'flowerclf info' and the app
        model.metadata["evaluation"] = evaluation.to_metadata()
        model.metadata["evaluation"]["dataset"] = str(Path(args.data_dir).resolve())
        save_model(model, args.model)
    return EXIT_OK


def _compare(args: argparse.Namespace, model, evaluation):
    """``evaluate --compare A``: the earlier model A on the same folder, beside this one."""
    from flowerclf.core.comparison import compare_on_folder
    from flowerclf.core.modelfile import load_model

    baseline = load_model(args.compare, device=args.device)
    printer = ProgressPrinter()
    try:
        return compare_on_folder(
            baseline,
            model,
            args.data_dir,
            Path(args.compare).name,
            Path(args.model).name,
            evaluation_b=evaluation,
            progress=printer,
        )
    finally:
        printer.close()


def _cmd_explain(args: argparse.Namespace) -> int:
    from flowerclf.core.gradcam import save_explanation
    from flowerclf.core.modelfile import load_model

    model = load_model(args.model, device=args.device)
    result = save_explanation(model, args.image, args.output, args.class_label, args.opacity)
    print(f"Heat map of '{result.label}' ({percent(result.prob)}) written to {args.output}")
    return EXIT_OK


def add_evaluate_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score a model on a labelled folder: where it is wrong")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("data_dir", metavar="DATA_DIR")
    p.add_argument("--format", default="table", choices=("table", "json"))
    p.add_argument("--report", metavar="REPORT.html", help="also write an HTML report")
    p.add_argument(
        "--compare",
        metavar="OTHER_MODEL",
        help="also evaluate OTHER_MODEL (say, an earlier one) on the same folder and show "
        "what changed: accuracy, per-class F1, photos now right and now wrong",
    )
    p.add_argument(
        "--no-save", action="store_true", help="do not store the result in the model file"
    )
    _add_device_option(p)
    p.set_defaults(run=_cmd_evaluate)


def add_explain_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="write a heat map of what the model looked at")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("image", metavar="IMAGE")
    p.add_argument("-o", "--output", required=True, metavar="HEATMAP.png")
    p.add_argument(
        "--class",
        dest="class_label",
        default=None,
        metavar="LABEL",
        help="the class to explain (default: the predicted one)",
    )
    p.add_argument("--opacity", type=float, default=0.5)
    _add_device_option(p)
    p.set_defaults(run=_cmd_explain)
