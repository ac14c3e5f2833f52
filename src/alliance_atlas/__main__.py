"""Command line: `validate [DATA_DIR]`, `import atop|cow FILE... --out DIR`, `reconcile
atop|cow FILE... --out CSV`, and `export FORMAT --out FILE` with the pages' filters."""

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from alliance_atlas import exporters, importers, limits, queries, reconcile, tables
from alliance_atlas.dataset import pacts_only
from alliance_atlas.loader import load, load_with_problems
from alliance_atlas.paths import data_dir
from alliance_atlas.problems import DataError


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
    check = commands.add_parser(
        "reconcile", help="where an ATOP or COW file and the atlas disagree, and why"
    )
    check.add_argument("format", choices=("atop", "cow"))
    check.add_argument("file", type=Path)
    check.add_argument("alliances", nargs="?", type=Path, help="ATOP only: its alliance file")
    check.add_argument(
        "--map", action="append", default=[], help="pair an alliance: atop_3180=nato; repeat"
    )
    check.add_argument("--out", type=Path, required=True, help="the CSV of differences")
    send = commands.add_parser("export", help="write the data for another tool")
    send.add_argument("format", choices=EXPORTS)
    send.add_argument("--out", type=Path, required=True, help="the file to write")
    send.add_argument("--alliance", action="append", help="an alliance id; repeat for more")
    send.add_argument("--country", action="append", help="a state's code; repeat for more")
    send.add_argument("--kind", action="append", help="timelinejs: an event kind")
    send.add_argument("--from", dest="start", type=dt.date.fromisoformat, help="timelinejs")
    send.add_argument("--to", dest="end", type=dt.date.fromisoformat, help="timelinejs")
    send.add_argument("--q", help="timelinejs: words in the title or summary")
    send.add_argument("--date", type=dt.date.fromisoformat, help="datawrapper: the map's day")
    send.add_argument("--lang", default="en", choices=("en", "fr"))
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except DataError as error:  # data the command stands on broke a rule, or are too large
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in the data the command reads", file=sys.stderr)
        return 1
    except MemoryError:
        pass  # said outside the handler, so that what was read can be freed first
    print(limits.out_of_memory(str(getattr(args, "file", None) or data_dir())), file=sys.stderr)
    return 2


def _run(args: argparse.Namespace) -> int:
    """Run the command `args` name and return its exit status."""
    if args.command == "import":
        return _import(args.format, args.file, args.alliances, args.out)
    if args.command == "export":
        return _export(args)
    if args.command == "reconcile":
        return _reconcile(args)
    return _validate(args.folder or data_dir())


def _reconcile(args: argparse.Namespace) -> int:
    """Import the file, pair its alliances with the atlas's (as suggested, then as `--map`
    says), and write every difference with its class."""
    atlas = pacts_only(load(data_dir()))
    if args.format == "atop":
        imported = importers.read_atop(args.file, atlas, args.alliances)
    else:
        imported = importers.read_cow(args.file, atlas)
    for problem in imported.problems:
        print(problem, file=sys.stderr)
    if not imported.files:
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        imported.write(Path(tmp))
        theirs = load(Path(tmp))
    mapping = reconcile.suggested_mapping(atlas, theirs)
    for pair in args.map:
        key, _, value = pair.partition("=")
        if key not in mapping or (value and value not in atlas.alliance_by_id):
            print(f"--map {pair}: no such alliance on one side", file=sys.stderr)
            return 2
        mapping[key] = value or None
    for key, value in mapping.items():
        print(f"{key} = {value or '(no counterpart)'}")
    found = reconcile.differences(atlas, theirs, mapping)
    args.out.write_bytes(tables.to_csv(found))
    counts = found["class"].value_counts().to_dict()
    summary = ", ".join(f"{counts.get(kind, 0)} {kind}" for kind in reconcile.CLASSES)
    print(f"{len(found)} differences ({summary}) written to {args.out}")
    return 0


EXPORTS = ("atop", "cow", "wikidata", "timelinejs-csv", "timelinejs-json", "datawrapper")


def _export(args: argparse.Namespace) -> int:
    """The rows the filters choose, as the pages would show them, in the format asked for."""
    ds, today = pacts_only(load(data_dir())), dt.date.today()
    unknown = sorted(set(args.alliance or ()) - set(ds.alliance_by_id))
    if unknown:
        print(f"no such alliance: {', '.join(unknown)}", file=sys.stderr)
        return 2
    alliances, countries = args.alliance or None, args.country or None
    if args.format.startswith("timelinejs"):
        shown = queries.filter_events(
            ds, alliances, args.kind, countries, args.start, args.end, args.q
        )
        write = (
            exporters.timelinejs_rows if args.format.endswith("csv") else exporters.timelinejs_json
        )
        data = write(ds, shown, args.lang)
    elif args.format == "datawrapper":
        chosen = tuple(alliances or ds.alliance_by_id)
        rows = queries.map_rows(ds, args.date or today, args.lang, chosen)
        data = exporters.datawrapper(ds, rows, chosen, args.lang)
    else:
        episodes = queries.membership_table(ds, alliances, countries, today=today)
        data = {"atop": exporters.atop, "cow": exporters.cow, "wikidata": exporters.wikidata}[
            args.format
        ](ds, episodes)
    args.out.write_bytes(data)
    print(f"{args.format}: {len(data):,} bytes written to {args.out}")
    return 0


def _import(kind: str, file: Path, alliances: Path | None, out: Path) -> int:
    """Write the folder, name every row left out, then check the folder as `validate` does."""
    if alliances and kind != "atop":
        print(
            "only ATOP has an alliance-level file to give beside its member file", file=sys.stderr
        )
        return 2
    if out.exists() and any(out.iterdir()):
        print(f"{out} is not empty: give a new folder, so no file is overwritten", file=sys.stderr)
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
    except MemoryError:
        dataset = None  # said outside the handler, so that what was read can be freed first
    except Exception as error:  # a bug of ours, not of the data: say so in one line
        print(
            f"internal error while reading {folder}: {error!r}; please report it", file=sys.stderr
        )
        return 2
    if dataset is None:
        print(limits.out_of_memory(str(folder)), file=sys.stderr)
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
