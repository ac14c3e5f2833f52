"""Read YAML and CSV files into raw records that remember their line numbers."""

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from alliance_atlas.problems import Problem

# PyYAML's C loader only diagnoses a file the fast parser refused, and finds the line of a
# field that failed validation. Both are safe: neither builds Python objects from tags.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NOT_A_TAG = ("", " ", "\t", "\r", "\n", '"', "'", ",", "]", "}")  # after a `!` that ends a phrase
# No shipped file uses aliases; a file that replays more than this is refused (billion laughs).
ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=100_000)
# Block nesting is bounded by what leads a line: spaces and the `-`, `?`, `:` indicators. The
# parser's stack overflows past about 10,000 levels; no real record needs 200 characters of it.
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
    deep = too_deep(text)
    if deep:
        message = f"nested too deeply: more than {MAX_LEAD} spaces or indicators lead the line"
        return [], [Problem(shown, deep, "too-deep", message)]
    refusal, data = None, None
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,  # dates stay text; the schema reads them
            alias_limits=ALIAS_LIMITS,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
        )
    except (yaml_rs.YAMLDecodeError, RecursionError) as error:
        refusal = str(error) or "invalid YAML"
    if refusal or may_have_tags(text):  # the fast parser ignores tags it does not know
        found = diagnose(text, shown, refusal)
        if found:
            return [], found
    if not isinstance(data, list):
        return [], [Problem(shown, 1, "not-a-list", "the file must be a YAML list of records")]
    nodes = YamlNodes(text)
    records = []
    for index, (item, line) in enumerate(
        zip(data, item_lines(text, nodes, len(data)), strict=True)
    ):
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


def may_have_tags(text: str) -> bool:
    """Whether a `!` starts a token, as a YAML tag does (`!!python/name:x`, `!custom`)."""
    at = text.find("!")
    while at != -1:
        if (at == 0 or text[at - 1] in " \t\r\n[{,") and text[at + 1 : at + 2] not in _NOT_A_TAG:
            return True
        at = text.find("!", at + 1)
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


def diagnose(text: str, shown: str, refusal: str | None) -> list[Problem]:
    """What PyYAML's safe loader finds wrong with a file, else why the fast parser refused it."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is not None:  # an empty document
            loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or refusal or "invalid YAML"
        return [Problem(shown, line, "yaml-syntax", reason)]
    except (yaml.YAMLError, RecursionError):
        root = None
    finally:
        loader.dispose()
    duplicates = [
        Problem(shown, line, "duplicate-key", f"the key {key!r} appears twice in one mapping")
        for line, key in _duplicate_keys(root)
    ]
    if duplicates or refusal is None:
        return duplicates
    found = re.search(r"at line (\d+)", refusal)
    line = int(found[1]) if found else None
    return [Problem(shown, line, "yaml-syntax", refusal.splitlines()[0])]


def _duplicate_keys(root: yaml.Node | None) -> list[tuple[int, str]]:
    """Keys repeated within one mapping, which YAML would otherwise silently overwrite."""
    found, stack, seen_nodes = [], [root], set()
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:  # an alias: its node was walked already
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            keys = set()
            for key, value in current.value:
                if key.value in keys:
                    found.append((key.start_mark.line + 1, key.value))
                keys.add(key.value)
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
    try:
        header = next(reader)
    except csv.Error as error:
        return [], [Problem(shown, 1, "csv-syntax", str(error))]
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
