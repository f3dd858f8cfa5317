"""A CSV download as a spreadsheet reads it: the file must open with the UTF-8 byte
order mark (without it Excel reads the bytes as Windows-1252 and shows "—" as "â€”"),
which is then not part of the first header."""

import csv
import io
from pathlib import Path

BOM = "\ufeff".encode()


def _text(body: bytes) -> str:
    assert body.startswith(BOM), "a CSV download starts with a UTF-8 byte order mark"
    return body.decode("utf-8-sig")


def csv_text(response: object) -> str:
    return _text(response.content)


def csv_rows(response: object) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text(response))))


def csv_dicts(response: object) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text(response))))


def saved_csv_rows(path: Path) -> list[list[str]]:
    """A file a browser test downloaded, as saved."""
    return list(csv.reader(io.StringIO(_text(path.read_bytes()))))


def saved_csv_dicts(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_text(path.read_bytes()))))
