import pytest

from portal.csv_safety import csv_response, safe_cell
from tests.csv_download import BOM, csv_rows


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Ada Quill", "Ada Quill"),
        (None, ""),
        (7, "7"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_made_text(value, cell):
    assert safe_cell(value) == cell


def test_the_response_is_an_attachment_and_not_cached():
    response = csv_response(filename="x.csv", header=["A"], rows=[["=1"]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Cache-Control"] == "no-store"
    assert csv_rows(response) == [["A"], ["'=1"]]


def test_excel_reads_the_file_as_utf_8_so_a_dash_and_an_accent_survive():
    """Opened with a double-click, a file without the byte order mark is read as
    Windows-1252: "—" shows as "â€”" and "Zoë" as "ZoÃ«"."""
    response = csv_response(filename="x.csv", header=["Name"], rows=[["Zoë — restricted"]])
    assert response.content.startswith(BOM)
    assert response.content.count(BOM) == 1
    assert response.content.decode("utf-8-sig").splitlines() == ["Name", "Zoë — restricted"]
