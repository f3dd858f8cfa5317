"""Spreadsheet-safe CSV cells: a cell that starts like a formula is prefixed with `'` so
that a spreadsheet shows it as text instead of running it (CSV injection)."""

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
