"""Count files the server opens in data/ and static/maps/, with Linux inotify through ctypes."""

import ctypes
import ctypes.util
import os
import struct
from pathlib import Path

from alliance_atlas.paths import ROOT

IN_OPEN = 0x20
IN_ISDIR = 0x40000000
IN_NONBLOCK = 0o4000
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, name length


def _shown(path: Path) -> str:
    """A path relative to the project, so reports name no machine folder."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


class OpenWatch:
    """Records every open of a file (or listing of a folder) in the watched folders."""

    def __init__(self, folders: list[Path]):
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        self._fd = self._libc.inotify_init1(IN_NONBLOCK)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        self._names: dict[int, Path] = {}
        for folder in folders:
            wd = self._libc.inotify_add_watch(self._fd, str(folder).encode(), IN_OPEN)
            if wd < 0:
                raise OSError(ctypes.get_errno(), f"cannot watch {folder}")
            self._names[wd] = folder

    def drain(self) -> list[str]:
        """The paths opened since the last call; folders (listed, not read) end with a slash."""
        opened = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return opened
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, size = _HEADER.unpack_from(data, offset)
                name = data[offset + _HEADER.size : offset + _HEADER.size + size]
                folder = self._names.get(wd, Path("?"))
                path = _shown(folder / name.rstrip(b"\0").decode())
                opened.append(path + "/" if mask & IN_ISDIR else path)
                offset += _HEADER.size + size

    def close(self) -> None:
        """Stop watching."""
        os.close(self._fd)
