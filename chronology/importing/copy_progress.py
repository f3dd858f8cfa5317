"""Reading a feed file for COPY while telling the import's progress page how far it has
got: COPY pulls the file in chunks, so lines are counted as they pass."""

from collections.abc import Callable
from typing import BinaryIO

PROGRESS_LINES = 20_000
"""Progress is reported every this many lines: often enough for the page, rarely enough
to cost nothing beside the COPY."""


class CountingReader:
    """Feeds COPY and reports progress by lines read."""

    def __init__(self, handle: BinaryIO, on_lines: Callable[[int], None]) -> None:
        self.handle, self.on_lines = handle, on_lines
        self.lines = self.reported = 0
        self.last_byte = b""

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        if chunk:
            self.lines += chunk.count(b"\n")
            self.last_byte = chunk[-1:]
            if self.lines - self.reported >= PROGRESS_LINES:
                self.reported = self.lines
                self.on_lines(self.lines)
        return chunk

    @property
    def physical_lines(self) -> int:
        return self.lines + (1 if self.last_byte not in (b"", b"\n") else 0)
