"""The columns of every feed in FEEDS.md section 3, with their parsers. Every column
FEEDS.md lists for a feed is required in the header, except the person identity columns,
which a source sends as far as it holds them (FEEDS.md section 2) and which are checked
row by row. Free-text values are limited to the length of the model field they are
stored in, so an overlong value rejects its row rather than failing the whole import."""

from collections.abc import Callable

from chronology.importing import codes
from chronology.importing.columns import Column, FeedSpec, fits, listed, optional, required
from chronology.importing.plausibility import census_age, event_date, not_in_future, on_a_weekday
from chronology.importing.values import (
    at_most,
    many_of,
    one_of,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_nhs_number,
    parse_postcode,
    parse_upn,
    parse_urn,
)
from chronology.models import AttendanceMark, SourceRecord
from schools.models import Family, Person, School

SOURCE_RECORD_ID_MAX = min(
    model._meta.get_field("source_record_id").max_length for model in (SourceRecord, AttendanceMark)
)
"""Attendance marks keep their own source_record_id; every other feed's is a SourceRecord's."""

IDENTITY: tuple[Column, ...] = (
    optional("upn", parse_upn),
    optional("nhs_number", parse_nhs_number),
    optional("local_person_id", fits(Person, "local_person_id")),
    optional("forename", fits(Person, "forename")),
    optional("surname", fits(Person, "surname")),
    optional("date_of_birth", parse_date),
    optional("sex", one_of(codes.SEX, upper=True)),
    optional("postcode", parse_postcode),
)
IDENTITY_NAMES = frozenset(c.name for c in IDENTITY)


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


SRID = required("source_record_id", at_most(SOURCE_RECORD_ID_MAX))
FAMILY_ID = fits(Family, "family_id")

SPECS: dict[str, FeedSpec] = {
    spec.code: spec
    for spec in [
        FeedSpec(
            "schools",
            (
                required("urn", parse_urn),
                required("laestab", codes.parse_laestab),
                required("name", fits(School, "name")),
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
                listed("former_upn", parse_upn),
                required("forename", fits(Person, "forename")),
                required("surname", fits(Person, "surname")),
                required("date_of_birth", parse_date),
                optional("sex", one_of(codes.SEX, upper=True)),
                listed("ethnicity", one_of(codes.ETHNICITY, upper=True)),
                optional("postcode", parse_postcode),
                listed("year_group", one_of(codes.YEAR_GROUPS, upper=True)),
                listed("entry_date", parse_date),
                listed("leaving_date", parse_date),
                listed("sen_provision", one_of(codes.SEN_PROVISION, upper=True)),
                listed("sen_primary_need", one_of(codes.SEN_NEEDS, upper=True)),
                listed("fsm_start_date", parse_date),
                listed("fsm_end_date", parse_date),
            ),
            row_checks=(
                census_age(),
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
            row_checks=(not_in_future("date"), on_a_weekday("date")),
        ),
        FeedSpec(
            "suspensions",
            (
                SRID,
                required("urn", parse_urn),
                required("upn", parse_upn),
                required("category", one_of(codes.SUSPENSION_CATEGORIES, upper=True)),
                required("start_date", parse_date),
                listed("sessions", parse_int),
                listed("reasons", many_of(codes.SUSPENSION_REASONS, upper=True, limit=3)),
            ),
            row_checks=(not_in_future("start_date"),),
        ),
        FeedSpec(
            "police_incidents",
            (
                SRID,
                *IDENTITY,
                required("occurred_at", parse_datetime),
                required("role", one_of(codes.POLICE_ROLES)),
                required("offence_group", one_of(codes.OFFENCE_GROUPS)),
                listed("summary"),
            ),
            row_checks=event_date("occurred_at"),
        ),
        FeedSpec(
            "police_intelligence",
            (
                SRID,
                *IDENTITY,
                required("recorded_on", parse_date),
                listed("markers", many_of(codes.INTELLIGENCE_MARKERS, upper=True)),
                listed("grading"),
                listed("summary"),
            ),
            row_checks=event_date("recorded_on"),
        ),
        FeedSpec(
            "youth_justice",
            (
                SRID,
                *IDENTITY,
                required("outcome_date", parse_date),
                required("outcome", one_of(codes.YOUTH_JUSTICE_OUTCOMES)),
                listed("offence_group", one_of(codes.OFFENCE_GROUPS)),
            ),
            row_checks=event_date("outcome_date"),
        ),
        FeedSpec(
            "missing_episodes",
            (
                SRID,
                *IDENTITY,
                required("reported_at", parse_datetime),
                listed("returned_at", parse_datetime),
                listed("return_interview_offered", parse_bool),
                listed("return_interview_done", parse_bool),
            ),
            row_checks=(*event_date("reported_at"), _ends_after_start("reported_at", "returned_at")),
        ),
        FeedSpec(
            "social_care",
            (
                SRID,
                *IDENTITY,
                required("episode_type", one_of(codes.EPISODE_TYPES)),
                required("start_date", parse_date),
                listed("end_date", parse_date),
                listed("cp_category", one_of(codes.CP_CATEGORIES, upper=True)),
                listed("assessment_factors", many_of(codes.ASSESSMENT_FACTORS, upper=True)),
            ),
            row_checks=(
                *event_date("start_date"),
                _cp_category_only_on_cp_plans,
                _ends_after_start("start_date", "end_date"),
            ),
        ),
        FeedSpec(
            "early_help",
            (
                SRID,
                *IDENTITY,
                listed("family_id", FAMILY_ID),
                required("start_date", parse_date),
                listed("end_date", parse_date),
                listed("lead_agency"),
                listed("needs", many_of(codes.EARLY_HELP_NEEDS)),
            ),
            row_checks=(*event_date("start_date"), _ends_after_start("start_date", "end_date")),
        ),
        FeedSpec(
            "health",
            (
                SRID,
                *IDENTITY,
                required("event_date", parse_date),
                required("event_type", one_of(codes.HEALTH_EVENTS)),
                listed("reason", one_of(codes.HEALTH_REASONS)),
            ),
            row_checks=event_date("event_date"),
        ),
        FeedSpec(
            "domestic_abuse",
            (
                SRID,
                required("family_id", FAMILY_ID),
                *IDENTITY,
                required("notified_at", parse_datetime),
                listed("incident_date", parse_date),
                listed("children_present", parse_bool),
                listed("marac", parse_bool),
            ),
            row_checks=(
                *event_date("notified_at", person_level=False),
                *event_date("incident_date", person_level=False),
            ),
            family_level=True,
        ),
        FeedSpec(
            "households",
            (
                SRID,
                required("family_id", FAMILY_ID),
                *IDENTITY,
                required("relationship", one_of(codes.RELATIONSHIPS)),
                listed("address_postcode", parse_postcode),
                listed("from_date", parse_date),
                listed("to_date", parse_date),
            ),
            row_checks=(_ends_after_start("from_date", "to_date"),),
        ),
        FeedSpec(
            "housing_benefits",
            (
                SRID,
                required("family_id", FAMILY_ID),
                *IDENTITY,
                required("event_date", parse_date),
                required("event_type", one_of(codes.HOUSING_EVENTS)),
            ),
            row_checks=event_date("event_date", person_level=False),
            family_level=True,
        ),
    ]
}


def expected_columns(feed_code: str) -> tuple[list[str], list[str]]:
    """The columns a feed's file must have, and those it may have, for the upload page:
    a data officer has the partner's file in hand, not FEEDS.md."""
    spec = SPECS.get(feed_code)
    if spec is None:
        return [], []
    return [c.name for c in spec.columns if c.column_required], [
        c.name for c in spec.columns if not c.column_required
    ]
