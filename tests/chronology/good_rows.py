"""A good row of every feed, about the people of the `city` fixture, and the file that
sends it: for tests that go through every feed the same way."""

from chronology.importing.specs import SPECS
from tests.chronology.conftest import UPN1, UPN2

ADA = {"upn": UPN1, "forename": "Ada", "surname": "Lovelace", "date_of_birth": "2012-03-04"}
FAMILY = {"family_id": "FAM9"}
GOOD_ROWS: dict[str, dict[str, str]] = {
    "schools": {"urn": "100002", "laestab": "8014002", "name": "Hillside High", "phase": "secondary"}
    | {"status": "open"},
    "school_census": {"urn": "100001", "upn": UPN2, "forename": "Alan", "surname": "Turing"}
    | {"date_of_birth": "2011-05-14", "sex": "M", "ethnicity": "WBRI", "year_group": "9"}
    | {"entry_date": "2022-09-01", "sen_provision": "K", "sen_primary_need": "ASD"}
    | {"fsm_start_date": "2024-01-01", "postcode": "NB1 3DF"},
    "attendance": {"urn": "100001", "upn": UPN1, "date": "2025-03-03", "session": "AM", "code": "/"},
    "suspensions": {"urn": "100001", "upn": UPN1, "category": "SUSP", "start_date": "2025-02-10"}
    | {"sessions": "2", "reasons": "PP"},
    "police_incidents": ADA
    | {"occurred_at": "2025-03-14T16:30", "role": "victim", "offence_group": "robbery"},
    "police_intelligence": ADA | {"recorded_on": "2025-03-01", "markers": "CCE", "grading": "B2"},
    "youth_justice": ADA
    | {"outcome_date": "2025-01-20", "outcome": "referral_order", "offence_group": "theft"},
    "missing_episodes": ADA
    | {"reported_at": "2025-02-01T22:00", "returned_at": "2025-02-02T09:15"}
    | {"return_interview_offered": "Y", "return_interview_done": "N"},
    "social_care": ADA
    | {"episode_type": "cp_plan", "start_date": "2024-11-01", "cp_category": "NEG"}
    | {"assessment_factors": "8B;24A"},
    "early_help": ADA | {"start_date": "2024-10-01", "end_date": "2025-01-31", "needs": "housing"},
    "health": ADA | {"event_date": "2025-02-20", "event_type": "admission", "reason": "self_harm"},
    "domestic_abuse": FAMILY
    | {"notified_at": "2025-03-02T08:00", "incident_date": "2025-03-01", "children_present": "Y"}
    | {"marac": "N"},
    "households": FAMILY
    | {"local_person_id": "LP1", "forename": "Ada", "surname": "Lovelace"}
    | {"date_of_birth": "2012-03-04", "relationship": "child", "address_postcode": "NB1 2AB"}
    | {"from_date": "2020-01-01", "to_date": "2024-01-01"},
    "housing_benefits": FAMILY | {"event_date": "2025-01-15", "event_type": "rent_arrears"},
}


def feed_csv(feed: str, rows: list[dict[str, str]]) -> str:
    """The rows under a header of the columns they fill and the feed's other required
    columns, sent empty."""
    header = [c.name for c in SPECS[feed].columns if c.name in {"source_record_id", *GOOD_ROWS[feed]}]
    header += [c.name for c in SPECS[feed].columns if c.column_required and c.name not in header]
    lines = [",".join(header), *(",".join(row.get(name, "") for name in header) for row in rows)]
    return "\n".join(lines) + "\n"
