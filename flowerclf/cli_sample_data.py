"""``flowerclf sample-data DIR``: the flowers sample, downloaded, checked and unpacked."""

from __future__ import annotations

import argparse
import sys

from flowerclf.cli import EXIT_OK, EXIT_USAGE
from flowerclf.cli_output import ProgressPrinter


def _cmd_sample_data(args: argparse.Namespace) -> int:
    from flowerclf.core.data import scan_dataset
    from flowerclf.core.sample_data import get_sample, sample_source, unpack_archive_file

    if args.archive and args.url:
        print("flowerclf: give either --url or --archive, not both.", file=sys.stderr)
        return EXIT_USAGE
    if args.sha256 and not (args.url or args.archive):
        print("flowerclf: --sha256 goes with --url or --archive.", file=sys.stderr)
        return EXIT_USAGE
    source = sample_source(args.url, args.sha256, environ={})
    printer = ProgressPrinter()
    try:
        if args.archive:
            sample = unpack_archive_file(args.archive, args.dir, source.sha256, progress=printer)
        else:
            sample = get_sample(args.dir, source, progress=printer, keep_archive=args.keep_archive)
    except KeyboardInterrupt:
        printer.close()
        print(
            "Interrupted: nothing was unpacked. What was downloaded is kept; the same command "
            "goes on from there.",
            file=sys.stderr,
        )
        return 130
    finally:
        printer.close()
    scan = scan_dataset(sample.folder, check_images=False)
    counts = scan.counts()
    what = "was already there" if sample.already_there else "is ready"
    print(
        f"The dataset {what}: {sample.folder} ({sum(counts.values()):,} photos in "
        f"{len(counts)} classes: {', '.join(counts)})."
    )
    if sample.archive is not None and args.keep_archive:
        print(f"The archive is kept at {sample.archive}.")
    print(f"Train on it: flowerclf train {sample.folder} -o flowers.safetensors")
    return EXIT_OK


def add_sample_data_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sample-data",
        help="get the flowers sample (3,670 photos, 5 classes) into DIR, checked and unpacked",
        description="Download the classic flowers archive (flower_photos.tgz, 218 MB) into DIR, "
        "check its SHA-256 and unpack it safely to DIR/flower_photos, a dataset folder for "
        "'flowerclf train'. An interrupted download goes on where it stopped when the command "
        "runs again. Without internet, pass an archive you have with --archive.",
    )
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--url", help="fetch the archive from another address (needs --sha256)")
    p.add_argument("--sha256", metavar="HEX", help="the SHA-256 the archive must have")
    p.add_argument("--archive", metavar="FILE", help="unpack this .tgz instead of downloading")
    p.add_argument("--keep-archive", action="store_true", help="keep the downloaded archive in DIR")
    p.set_defaults(run=_cmd_sample_data)
