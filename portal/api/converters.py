"""A record id in an API path: digits only and at most 18 of them, so a huge id is an
ordinary 404 instead of an integer the database cannot hold."""


class RecordId:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class Code:
    """A feed code: letters, digits, hyphen and underscore, at most 50."""

    regex = "[A-Za-z0-9_-]{1,50}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
