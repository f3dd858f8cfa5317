"""The columns of every feed in FEEDS.md section 3, with their parsers. A column marked
`column_required` must be in the header (else the file is rejected whole); a column
marked `value_required` must also have a value in every row."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from chronology.importing import codes
from chronology.importing.values import (
    many_of,
    one_of,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_nhs_number,
    parse_postcode,
    parse_source_record_id,
    parse_upn,
    parse_urn,
    text,
)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = text
    column_required: bool = False
    value_required: bool = False


def required(name: str, parse: Callable[[str], Any] = text) -> Column:
    return Column(name, parse, column_required=True, value_required=True)


def optional(name: str, parse: Callable[[str], Any] = text) -> Column:
    return Column(name, parse)


IDENTITY = (
    optional("upn", parse_upn),
    optional("nhs_number", parse_nhs_number),
    optional("local_person_id"),
    optional("forename"),
    optional("surname"),
    optional("date_of_birth", parse_date),
    optional("sex", one_of(codes.SEX, upper=True)),
    optional("postcode", parse_postcode),
)
IDENTITY_NAMES = frozenset(c.name for c in IDENTITY)
IDENTIFIER_NAMES = frozenset({"upn", "nhs_number", "local_person_id"})


@dataclass(frozen=True)
class FeedSpec:
    code: str
    columns: tuple[Column, ...]
    key: str = "source_record_id"
    person_level: bool = True
    family_level: bool = False
    row_checks: tuple[Callable[[dict], tuple[str, str] | None], ...] = field(default_factory=tuple)

    @cached_property
    def checks_identity(self) -> bool:
        """Whether rows must be checked for enough identity (FEEDS.md section 2); not
        needed where an identifier is itself a required value."""
        required_identifier = any(c.value_required for c in self.columns if c.name in IDENTIFIER_NAMES)
        return self.person_level and not self.family_level and not required_identifier

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _cp_category_only_on_cp_plans(row: dict) -> tuple[str, str] | None:
    if row.get("cp_category") and row.get("episode_type") != "cp_plan":
        return "cp_category", "cp_category is given only for child-protection plans (episode_type cp_plan)"
    return None


def _ends_after_start(start: str, end: str) -> Callable[[dict], tuple[str, str] | None]:
    def check(row: dict) -> tuple[str, str] | None:
        if row.get(start) and row.get(end) and row[end] < row[start]:
            return end, f"{end} is before {start}"
        return None

    return check


SRID = required("source_record_id", parse_source_record_id)

SPECS: dict[str, FeedSpec] = {
    spec.code: spec
    for spec in [
        FeedSpec(
            "schools",
            (
                required("urn", parse_urn),
                required("laestab", codes.parse_laestab),
                required("name"),
                required("phase", one_of(codes.PHASES)),
                required("status", one_of(codes.SCHOOL_STATUSES)),
            ),
            key="urn",
            person_level=False,
        ),
        FeedSpec(
            "school_census",
            (
                SRID,
                required("urn", parse_urn),
                required("upn", parse_upn),
                optional("former_upn", parse_upn),
                required("forename"),
                required("surname"),
                required("date_of_birth", parse_date),
                optional("sex", one_of(codes.SEX, upper=True)),
                optional("ethnicity", one_of(codes.ETHNICITY, upper=True)),
                optional("postcode", parse_postcode),
                optional("year_group", one_of(codes.YEAR_GROUPS, upper=True)),
                optional("entry_date", parse_date),
                optional("leaving_date", parse_date),
                optional("sen_provision", one_of(codes.SEN_PROVISION, upper=True)),
                optional("sen_primary_need", one_of(codes.SEN_NEEDS, upper=True)),
                optional("fsm_start_date", parse_date),
                optional("fsm_end_date", parse_date),
            ),
            row_checks=(
                _ends_after_start("entry_date", "leaving_date"),
                _ends_after_start("fsm_start_date", "fsm_end_date"),
            ),
        ),
        FeedSpec(
            "attendance",
            (
                SRID,
                required("urn", parse_urn),
                required("upn", parse_upn),
                required("date", parse_date),
                required("session", one_of(codes.SESSIONS, upper=True)),
                required("code", codes.parse_attendance_code),
            ),
        ),
        FeedSpec(
            "suspensions",
            (
                SRID,
                required("urn", parse_urn),
                required("upn", parse_upn),
                required("category", one_of(codes.SUSPENSION_CATEGORIES, upper=True)),
                required("start_date", parse_date),
                Column("sessions", parse_int, column_required=True),
                Column(
                    "reasons", many_of(codes.SUSPENSION_REASONS, upper=True, limit=3), column_required=True
                ),
            ),
        ),
        FeedSpec(
            "police_incidents",
            (
                SRID,
                *IDENTITY,
                required("occurred_at", parse_datetime),
                required("role", one_of(codes.POLICE_ROLES)),
                required("offence_group", one_of(codes.OFFENCE_GROUPS)),
                optional("summary"),
            ),
        ),
        FeedSpec(
            "police_intelligence",
            (
                SRID,
                *IDENTITY,
                required("recorded_on", parse_date),
                Column("markers", many_of(codes.INTELLIGENCE_MARKERS, upper=True), column_required=True),
                optional("grading"),
                optional("summary"),
            ),
        ),
        FeedSpec(
            "youth_justice",
            (
                SRID,
                *IDENTITY,
                required("outcome_date", parse_date),
                required("outcome", one_of(codes.YOUTH_JUSTICE_OUTCOMES)),
                optional("offence_group", one_of(codes.OFFENCE_GROUPS)),
            ),
        ),
        FeedSpec(
            "missing_episodes",
            (
                SRID,
                *IDENTITY,
                required("reported_at", parse_datetime),
                Column("returned_at", parse_datetime, column_required=True),
                optional("return_interview_offered", parse_bool),
                optional("return_interview_done", parse_bool),
            ),
            row_checks=(_ends_after_start("reported_at", "returned_at"),),
        ),
        FeedSpec(
            "social_care",
            (
                SRID,
                *IDENTITY,
                required("episode_type", one_of(codes.EPISODE_TYPES)),
                required("start_date", parse_date),
                Column("end_date", parse_date, column_required=True),
                optional("cp_category", one_of(codes.CP_CATEGORIES, upper=True)),
                optional("assessment_factors", many_of(codes.ASSESSMENT_FACTORS, upper=True)),
            ),
            row_checks=(_cp_category_only_on_cp_plans, _ends_after_start("start_date", "end_date")),
        ),
        FeedSpec(
            "early_help",
            (
                SRID,
                *IDENTITY,
                optional("family_id"),
                required("start_date", parse_date),
                Column("end_date", parse_date, column_required=True),
                optional("lead_agency"),
                optional("needs", many_of(codes.EARLY_HELP_NEEDS)),
            ),
            row_checks=(_ends_after_start("start_date", "end_date"),),
        ),
        FeedSpec(
            "health",
            (
                SRID,
                *IDENTITY,
                required("event_date", parse_date),
                required("event_type", one_of(codes.HEALTH_EVENTS)),
                optional("reason", one_of(codes.HEALTH_REASONS)),
            ),
        ),
        FeedSpec(
            "domestic_abuse",
            (
                SRID,
                required("family_id"),
                *IDENTITY,
                required("notified_at", parse_datetime),
                optional("incident_date", parse_date),
                optional("children_present", parse_bool),
                optional("marac", parse_bool),
            ),
            family_level=True,
        ),
        FeedSpec(
            "households",
            (
                SRID,
                required("family_id"),
                *IDENTITY,
                required("relationship", one_of(codes.RELATIONSHIPS)),
                optional("address_postcode", parse_postcode),
                optional("from_date", parse_date),
                optional("to_date", parse_date),
            ),
            row_checks=(_ends_after_start("from_date", "to_date"),),
        ),
        FeedSpec(
            "housing_benefits",
            (
                SRID,
                required("family_id"),
                *IDENTITY,
                required("event_date", parse_date),
                required("event_type", one_of(codes.HOUSING_EVENTS)),
            ),
            family_level=True,
        ),
    ]
}
