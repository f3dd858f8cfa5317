"""A CSV download as a spreadsheet reads it: the file must open with the UTF-8 byte
order mark (without it Excel reads the bytes as Windows-1252 and shows "—" as "â€”"),
which is then not part of the first header."""

import csv
import io

BOM = "\ufeff".encode()


def csv_text(response: object) -> str:
    body = response.content
    assert body.startswith(BOM), "a CSV download starts with a UTF-8 byte order mark"
    return body.decode("utf-8-sig")


def csv_rows(response: object) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text(response))))


def csv_dicts(response: object) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_text(response))))
