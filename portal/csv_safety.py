"""CSV exports that are safe to open in a spreadsheet. A cell that starts with =, +, -, @
(or a tab or carriage return) is read as a formula by Excel and LibreOffice, so data
from a feed or a form could run one on the reader's machine; such cells get a leading
apostrophe, which spreadsheets show as text. An exported file that comes back to be
imported again has that apostrophe taken off (restore_cell).

Every file opens with the UTF-8 byte order mark: Excel reads a CSV opened with a
double-click as Windows-1252 unless it has one, so "—" would show as "â€”" and "Zoë" as
"ZoÃ«". The importer strips the mark, so a downloaded file can be sent back as a feed."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore_cell(text: str) -> str:
    """The value safe_cell was given, for a cell it changed."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def csv_response(*, filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return response
