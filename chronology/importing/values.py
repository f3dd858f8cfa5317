"""Parsers for the cell types of FEEDS.md section 1. Each returns the normalised value or
raises BadValue with a reason a data officer can act on."""

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from schools.identifiers import nhs_number_problem, normalise_nhs_number, normalise_upn, upn_problem

LONDON = ZoneInfo("Europe/London")
_UK_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The letters Royal Mail uses in each position (A9, A9A, A99, AA9, AA9A, AA99, then
# 9AA), and GIR 0AA, a real non-geographic postcode outside those rules.
_OUTWARD = re.compile(r"^(GIR|[A-PR-UWYZ]\d[A-HJKPSTUW\d]?|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRV-Y\d]?)$")
_INWARD = re.compile(r"^\d[ABD-HJLNP-UW-Z]{2}$")
_TRUE = {"y", "true", "1"}
_FALSE = {"n", "false", "0"}


def quoted(value: str) -> str:
    """A cell as the data officer sent it, in quotes (repr() would double a backslash)."""
    return f"'{value}'"


class BadValue(ValueError):
    """A cell that breaks the specification; the message is shown to the data officer."""


@lru_cache(maxsize=4096)
def parse_date(value: str) -> date:
    try:
        if _ISO_DATE.match(value):
            return date.fromisoformat(value)
        if match := _UK_DATE.match(value):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
    except ValueError as error:
        raise BadValue(f"{quoted(value)} is not a real date ({error})") from None
    raise BadValue(f"{quoted(value)} is not a date: use YYYY-MM-DD or DD/MM/YYYY")


def parse_datetime(value: str) -> datetime:
    """ISO 8601; without an offset the time is Europe/London. A bare date is midnight.
    Given in London time whatever the offset, so that the day an event is dated by
    (`.date()`) is the local day: 23:30Z on 31 May is 00:30 on 1 June."""
    if _ISO_DATE.match(value) or _UK_DATE.match(value):
        return datetime.combine(parse_date(value), datetime.min.time(), tzinfo=LONDON)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{quoted(value)} is not an ISO 8601 date-time (e.g. 2025-03-14T16:30:00)") from None
    try:
        return parsed.astimezone(LONDON) if parsed.tzinfo else parsed.replace(tzinfo=LONDON)
    except OverflowError:
        # An offset can carry 1 January of year 1 or 31 December 9999 past the calendar's
        # end: a row to reject, not an import that fails whole.
        raise BadValue(
            f"{quoted(value)} is outside the dates the portal can hold (years 1 to 9999)"
        ) from None


def parse_bool(value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise BadValue(f"{quoted(value)} is not Y or N (true/false and 1/0 are also accepted)")


@lru_cache(maxsize=200_000)
def parse_upn(value: str) -> str:
    """Cached: the high-volume feeds repeat each pupil's UPN hundreds of times."""
    if problem := upn_problem(value):
        raise BadValue(problem)
    return normalise_upn(value)


def parse_nhs_number(value: str) -> str:
    if problem := nhs_number_problem(value):
        raise BadValue(problem)
    return normalise_nhs_number(value)


def parse_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value).upper()
    outward, inward = compact[:-3], compact[-3:]
    if not (_OUTWARD.match(outward) and _INWARD.match(inward)) or (outward == "GIR" and inward != "0AA"):
        raise BadValue(f"{quoted(value)} is not a UK postcode")
    return f"{outward} {inward}"


def parse_urn(value: str) -> str:
    if not re.fullmatch(r"\d{6}", value):
        raise BadValue(f"{quoted(value)} is not a URN: a URN is 6 digits")
    return value


def parse_int(value: str) -> int:
    if not re.fullmatch(r"\d{1,6}", value):
        raise BadValue(f"{quoted(value)} is not a whole number")
    return int(value)


def one_of(codes: Iterable[str], *, upper: bool = False) -> Callable[[str], str]:
    """A parser accepting exactly one code from the list (FEEDS.md code lists)."""
    allowed = tuple(codes)

    def parse(value: str) -> str:
        candidate = value.upper() if upper else value
        if candidate not in allowed:
            raise BadValue(f"{quoted(value)} is not a valid code; use one of: {', '.join(allowed)}")
        return candidate

    return parse


def many_of(codes: Iterable[str], *, upper: bool = False, limit: int | None = None) -> Callable[[str], str]:
    """A `;`-separated multi-valued cell whose parts all come from the list."""
    allowed = tuple(codes)

    def parse(value: str) -> str:
        parts = [p.strip() for p in value.split(";") if p.strip()]
        if upper:
            parts = [p.upper() for p in parts]
        unknown = [p for p in parts if p not in allowed]
        if unknown:
            raise BadValue(
                f"unknown code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                f"valid codes are: {', '.join(allowed)}"
            )
        if limit is not None and len(parts) > limit:
            raise BadValue(f"at most {limit} codes are allowed; this has {len(parts)}")
        return ";".join(parts)

    return parse


def text(value: str) -> str:
    return value


def at_most(max_length: int, parse: Callable[[str], object] = text) -> Callable[[str], object]:
    """A parser that first refuses a value too long for the database column it goes into,
    so the row is rejected with its line instead of the whole import failing."""

    def parse_limited(value: str) -> object:
        if len(value) > max_length:
            raise BadValue(f"longer than {max_length} characters (this has {len(value)})")
        return parse(value)

    return parse_limited
