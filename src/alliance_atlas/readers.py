"""Read YAML and CSV files into raw records that remember their line numbers."""

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from alliance_atlas import limits
from alliance_atlas.problems import Problem

# PyYAML's safe C loader: it builds plain data only, and refuses every tag it does not know.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# After `&` or `*`, what ends a phrase rather than starts an anchor or alias name.
_NOT_A_NAME = ("", " ", "\t", "\r", "\n", '"', "'", ",", "]", "}")
# Block nesting is bounded by what leads a line: spaces and the `-`, `?`, `:` indicators. No
# real record needs 200 characters of it; deeper files are refused before they are parsed.
MAX_LEAD = 200
_DEEP_FIRST_LINE = re.compile(rf"[ \t?:-]{{{MAX_LEAD}}}")
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{MAX_LEAD}}}")


class YamlNodes:
    """A file's top-level YAML nodes, composed only when a line has to be found."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def items(self) -> list[yaml.Node]:
        """The nodes of the top-level list, or none if PyYAML cannot compose the file."""
        loader = SafeLoader(self.text)
        try:
            root = loader.get_single_node()
        except yaml.YAMLError:
            return []
        finally:
            loader.dispose()
        return root.value if isinstance(root, yaml.SequenceNode) else []


class DuplicateKey(ConstructorError):
    """A key repeated within one mapping, which YAML would otherwise silently overwrite."""


class StrictLoader(SafeLoader):
    """The safe loader, refusing repeated keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                message = f"the key {key.value!r} appears twice in one mapping"
                raise DuplicateKey(None, None, message, key.start_mark)
            seen.add(getattr(key, "value", None))
        return super().construct_mapping(node, deep)


# Dates stay text, as written: the schema reads them and knows their precision.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation."""

    file: str  # path shown in messages
    line: int | None  # 1-based line where the record starts
    data: dict[str, Any]  # field name -> raw value
    nodes: YamlNodes | None = None  # the YAML file's nodes, to find the line of a nested field
    index: int = 0  # position of the record in the YAML list

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The line of the field at `loc` (a pydantic error location), or the record's line."""
        items = self.nodes.items if self.nodes else []
        node = items[self.index] if self.index < len(items) else None
        line = self.line
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if key < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            line = node.start_mark.line + 1
        return line


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem if it is missing, unreadable, too large (told by its size,
    before a byte is read), not UTF-8 or empty."""
    try:
        refused = limits.file_refusal(path, shown)
        if refused:
            return None, [refused]
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, None, "missing-file", "the file does not exist")]
    except UnicodeDecodeError as error:
        return None, [Problem(shown, None, "encoding", f"not valid UTF-8 text ({error.reason})")]
    except OSError as error:
        return None, [Problem(shown, None, "unreadable", error.strerror or str(error))]
    if not text.strip():
        return None, [Problem(shown, None, "empty-file", "the file is empty")]
    return text, []


def read_yaml_list(path: Path, shown: str) -> tuple[list[RawRecord], list[Problem]]:
    """Records of a YAML file whose top level is a list of mappings."""
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    deep = too_deep(text)
    if deep:
        message = f"nested too deeply: more than {MAX_LEAD} spaces or indicators lead the line"
        return [], [Problem(shown, deep, "too-deep", message)]
    alias = first_alias(text)
    if alias:  # an alias bomb expands exponentially in whatever reads the data next
        return [], [
            Problem(shown, alias, "yaml-alias", "anchors and aliases (& and *) are not allowed")
        ]
    loader = StrictLoader(text)
    try:
        data = loader.get_single_data()
    except DuplicateKey as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        return [], [Problem(shown, line, "duplicate-key", error.problem or "a key appears twice")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        return [], [Problem(shown, line, "yaml-syntax", reason)]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        return [], [Problem(shown, None, "yaml-syntax", str(error) or "invalid YAML")]
    finally:
        loader.dispose()
    if not isinstance(data, list):
        return [], [Problem(shown, 1, "not-a-list", "the file must be a YAML list of records")]
    nodes = YamlNodes(text)
    records = []
    lines = item_lines(text, nodes, len(data))
    for index, (item, line) in enumerate(zip(data, lines, strict=True)):
        if isinstance(item, dict):
            records.append(RawRecord(shown, line, item, nodes, index))
        else:
            problems.append(Problem(shown, line, "not-a-mapping", "each item must be a mapping"))
    return records, problems


def too_deep(text: str) -> int | None:
    """The first line whose lead (spaces, `-`, `?`, `:`) nests deeper than MAX_LEAD allows."""
    if _DEEP_FIRST_LINE.match(text):
        return 1
    found = _DEEP_LINE.search(text)
    return text.count("\n", 0, found.start()) + 2 if found else None


def first_alias(text: str) -> int | None:
    """The line of the file's first YAML anchor or alias, if it has one. A quick look for
    `&name` or `*name` starting a token comes first; PyYAML's parser then confirms it."""
    if not any(_starts_a_name(text, mark) for mark in "&*"):
        return None
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None  # the loader will report the syntax error with its line
    return None


def _starts_a_name(text: str, mark: str) -> bool:
    at = text.find(mark)
    while at != -1:
        if (at == 0 or text[at - 1] in " \t\r\n[{,") and text[at + 1 : at + 2] not in _NOT_A_NAME:
            return True
        at = text.find(mark, at + 1)
    return False


def item_lines(text: str, nodes: YamlNodes, count: int) -> list[int | None]:
    """The line of each item of a top-level list: its `- ` in column 1, else from the nodes."""
    lines, line, position = [], 1, 0
    at = 0 if text.startswith("-") else text.find("\n-")
    while at != -1:
        start = at + 1 if text[at] == "\n" else at
        if text[start + 1 : start + 2] in ("", " ", "\t", "\r", "\n"):
            line += text.count("\n", position, start)
            position = start
            lines.append(line)
        at = text.find("\n-", start)
    if len(lines) == count:
        return lines
    composed = [node.start_mark.line + 1 for node in nodes.items]
    return composed if len(composed) == count else [None] * count


def read_csv(
    path: Path,
    shown: str,
    columns: tuple[str, ...],
    renamed: dict[str, str] | None = None,
    optional: int = 0,
) -> tuple[list[RawRecord], list[Problem]]:
    """Records of a CSV file with exactly the given header, or without up to `optional` of its
    last columns (added since files were first written); empty cells become None. `renamed`
    maps a column's former name to its name now, so an old file is told what changed."""
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        return [], [Problem(shown, 1, "csv-syntax", str(error))]
    found = tuple(h.strip() for h in header)
    if found not in {columns[: len(columns) - left_out] for left_out in range(optional + 1)}:
        message = f"the header must be exactly: {','.join(columns)}"
        if optional:
            message += f" (the last {optional} may be left out)"
        old = [
            f"{was!r} is now called {now!r}"
            for was, now in (renamed or {}).items()
            if was in found and now not in found
        ]
        if old:
            message += f" (a column was renamed: {', '.join(old)})"
        return [], [Problem(shown, 1, "csv-header", message)]
    records: list[RawRecord] = []
    try:
        _read_rows(reader, shown, found, records, problems)
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, "csv-syntax", str(error)))
    return records, problems


def _read_rows(
    reader: Any,
    shown: str,
    columns: tuple[str, ...],
    records: list[RawRecord],
    problems: list[Problem],
) -> None:
    line = reader.line_num + 1
    for row in reader:
        if len(row) != len(columns) and any(cell.strip() for cell in row):
            message = f"expected {len(columns)} cells, found {len(row)}"
            problems.append(Problem(shown, line, "csv-width", message))
        elif any(cell.strip() for cell in row):
            # An empty cell is an absent field: optional ones take their default.
            cells = {name: cell.strip() for name, cell in zip(columns, row, strict=True)}
            records.append(RawRecord(shown, line, {k: v for k, v in cells.items() if v}))
        line = reader.line_num + 1
