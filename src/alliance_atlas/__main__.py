"""Command line: `python -m alliance_atlas validate [DATA_DIR]`."""

import argparse
import sys
from pathlib import Path

from alliance_atlas.loader import load_with_problems
from alliance_atlas.paths import data_dir


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m alliance_atlas")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data folder against every rule")
    validate.add_argument(
        "folder", nargs="?", type=Path, help="default: ALLIANCE_ATLAS_DATA or data/"
    )
    args = parser.parse_args(argv)
    return _validate(args.folder or data_dir())


def _validate(folder: Path) -> int:
    try:
        dataset, problems = load_with_problems(folder)
    except Exception as error:  # a bug of ours, not of the data: say so in one line
        print(
            f"internal error while reading {folder}: {error!r}; please report it", file=sys.stderr
        )
        return 2
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    read = ", ".join(f"{count} {name}" for name, count in dataset.counts().items())
    print(f"OK: {folder}: {read}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
