"""A record id in an API path. Any whole number is taken, so every id that finds nothing
answers the view's own 404 ("No young person found."): a negative id, or one too big for
the database to hold, used not to match the path and answered the bare "Not found."."""

MAX_ID = 10**18 - 1
"""The largest id the path takes as itself (18 digits)."""

NO_RECORD = 0
"""What an id no record can have (negative, or over MAX_ID) becomes: no record has 0."""


class RecordId:
    regex = "-?[0-9]+"

    def to_python(self, value: str) -> int:
        digits = value.lstrip("-0")
        if value.startswith("-") or len(digits) > len(str(MAX_ID)):
            return NO_RECORD
        return int(digits or "0")

    def to_url(self, value: int) -> str:
        return str(value)


class Code:
    """A feed code: letters, digits, hyphen and underscore, at most 50."""

    regex = "[A-Za-z0-9_-]{1,50}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
