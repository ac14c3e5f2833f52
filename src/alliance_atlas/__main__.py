"""Command line: `validate [DATA_DIR]`, and `import atop|cow FILE... --out DIR`."""

import argparse
import sys
from pathlib import Path

from alliance_atlas import importers
from alliance_atlas.loader import load, load_with_problems
from alliance_atlas.paths import data_dir


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m alliance_atlas")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data folder against every rule")
    validate.add_argument(
        "folder", nargs="?", type=Path, help="default: ALLIANCE_ATLAS_DATA or data/"
    )
    bring = commands.add_parser(
        "import", help="turn an ATOP or COW alliance file into a data folder of the atlas"
    )
    bring.add_argument("format", choices=("atop", "cow"))
    bring.add_argument("file", type=Path, help="ATOP's member file, or COW's by-member file")
    bring.add_argument(
        "alliances", nargs="?", type=Path, help="ATOP only: its alliance-level file, for dates"
    )
    bring.add_argument("--out", type=Path, required=True, help="the folder to write")
    args = parser.parse_args(argv)
    if args.command == "import":
        return _import(args.format, args.file, args.alliances, args.out)
    return _validate(args.folder or data_dir())


def _import(kind: str, file: Path, alliances: Path | None, out: Path) -> int:
    """Write the folder, name every row left out, then check the folder as `validate` does."""
    if alliances and kind != "atop":
        print(
            "only ATOP has an alliance-level file to give beside its member file", file=sys.stderr
        )
        return 2
    atlas = load(data_dir())  # its state numbers place the rows
    if kind == "atop":
        imported = importers.read_atop(file, atlas, alliances)
    else:
        imported = importers.read_cow(file, atlas)
    for problem in imported.problems:
        print(problem, file=sys.stderr)
    if not imported.files:
        return 1
    imported.write(out)
    print(
        f"{imported.rows} rows read, {imported.left_out} left out (listed above with any row "
        f"cut short), written to {out}"
    )
    return _validate(out)


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
