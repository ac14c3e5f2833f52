"""Read YAML and CSV files into raw records that remember their line numbers."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from alliance_atlas.problems import Problem

# The C loader is several times faster; both are safe loaders that refuse Python tags.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a file, before validation."""

    file: str  # path shown in messages
    line: int  # 1-based line where the record starts
    data: dict[str, Any]  # field name -> raw value
    node: yaml.Node | None = None  # YAML node, to find the line of a nested field

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """The line of the field at `loc` (a pydantic error location), or the record's line."""
        node, line = self.node, self.line
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
    """The file's text, or a problem if it is missing, unreadable, not UTF-8 or empty."""
    try:
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
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        return [], [Problem(shown, line, "yaml-syntax", reason)]
    except yaml.YAMLError as error:
        return [], [Problem(shown, None, "yaml-syntax", str(error))]
    finally:
        loader.dispose()
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return [], [Problem(shown, 1, "not-a-list", "the file must be a YAML list of records")]
    problems.extend(
        Problem(shown, line, "duplicate-key", f"the key {key!r} appears twice in one mapping")
        for line, key in _duplicate_keys(root)
    )
    records = []
    for item, node in zip(data, root.value, strict=True):
        line = node.start_mark.line + 1
        if isinstance(item, dict):
            records.append(RawRecord(shown, line, item, node))
        else:
            problems.append(Problem(shown, line, "not-a-mapping", "each item must be a mapping"))
    return records, problems


def _duplicate_keys(node: yaml.Node) -> list[tuple[int, str]]:
    """Keys repeated within one mapping, which YAML would otherwise silently overwrite."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen = set()
            for key, value in current.value:
                if key.value in seen:
                    found.append((key.start_mark.line + 1, key.value))
                seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return found


def read_csv(
    path: Path, shown: str, columns: tuple[str, ...]
) -> tuple[list[RawRecord], list[Problem]]:
    """Records of a CSV file with exactly the given header; empty cells become None."""
    text, problems = read_text(path, shown)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader)
    if tuple(h.strip() for h in header) != columns:
        expected = ",".join(columns)
        return [], [Problem(shown, 1, "csv-header", f"the header must be exactly: {expected}")]
    records: list[RawRecord] = []
    try:
        _read_rows(reader, shown, columns, records, problems)
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
