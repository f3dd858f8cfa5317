"""The 16 default trigger points of FEEDS.md section 4, in that order, as tp01-tp16.
Parameters are editable afterwards; editing adds a version."""

from typing import Any

ABSENCE_WEEKS = 6
TERM_WEEKS = 13
YEAR = 365
TWO_YEARS = 730
HALF_YEAR = 182


def _rule(kind: str, **params: Any) -> dict[str, Any]:
    return {"type": kind, "params": params}


DEFAULT_TRIGGER_POINTS: list[dict[str, Any]] = [
    {
        "code": "tp01",
        "name": "Persistent absence",
        "description": "Attended 90% or less of possible sessions over the last 6 school weeks.",
        "weight": 1,
        "rules": [_rule("attendance_rate", max_percent=90, weeks=ABSENCE_WEEKS, min_possible=20)],
    },
    {
        "code": "tp02",
        "name": "Severe absence",
        "description": "Attended 50% or less of possible sessions over the last 6 school weeks.",
        "weight": 2,
        "rules": [_rule("attendance_rate", max_percent=50, weeks=ABSENCE_WEEKS, min_possible=20)],
    },
    {
        "code": "tp03",
        "name": "Part-time timetable or alternative provision",
        "description": (
            "Registered on a part-time timetable (C2) or in LA-arranged provision (K) in the last term."
        ),
        "weight": 1,
        "rules": [_rule("register_codes", codes=["C2", "K"], weeks=TERM_WEEKS, min_sessions=1)],
    },
    {
        "code": "tp04",
        "name": "Repeated suspensions",
        "description": "Two or more suspensions in the last 12 months.",
        "weight": 2,
        "rules": [_rule("events", categories=["suspension"], min_count=2, days=YEAR)],
    },
    {
        "code": "tp05",
        "name": "Permanent exclusion",
        "description": "Permanently excluded in the last 24 months.",
        "weight": 3,
        "rules": [_rule("events", categories=["permanent_exclusion"], min_count=1, days=TWO_YEARS)],
    },
    {
        "code": "tp06",
        "name": "Social, emotional and mental-health need",
        "description": (
            "Special educational needs with social, emotional and mental health (SEMH) as primary need."
        ),
        "weight": 1,
        "rules": [_rule("attribute", field="sen_primary_need", values=["SEMH"])],
    },
    {
        "code": "tp07",
        "name": "Arrested or a suspect",
        "description": "Arrested, or named as a suspect, in a police incident in the last 12 months.",
        "weight": 2,
        "rules": [
            _rule(
                "events",
                categories=["police_incident"],
                min_count=1,
                days=YEAR,
                match={"role": ["arrested", "suspect"]},
            )
        ],
    },
    {
        "code": "tp08",
        "name": "Exploitation intelligence",
        "description": (
            "Police intelligence with an exploitation marker (CCE, CSE, county lines) in the last 12 months."
        ),
        "weight": 3,
        "rules": [
            _rule(
                "events",
                categories=["police_intelligence"],
                min_count=1,
                days=YEAR,
                match={"markers": ["CCE", "CSE", "COUNTY_LINES"]},
            )
        ],
    },
    {
        "code": "tp09",
        "name": "Youth-justice outcome",
        "description": "A youth-justice outcome in the last 24 months.",
        "weight": 2,
        "rules": [_rule("events", categories=["youth_justice_outcome"], min_count=1, days=TWO_YEARS)],
    },
    {
        "code": "tp10",
        "name": "Missing from home or care",
        "description": "Reported missing in the last 6 months; three or more episodes make it stronger.",
        "weight": 2,
        "stronger_at": 3,
        "rules": [_rule("events", categories=["missing_episode"], min_count=1, days=HALF_YEAR)],
    },
    {
        "code": "tp11",
        "name": "Child protection, looked after, or exploitation assessed",
        "description": (
            "An open child-protection plan or looked-after episode, or a social-care assessment in the last "
            "12 months recording going missing, sexual or criminal exploitation, trafficking or gangs."
        ),
        "weight": 3,
        "rules": [
            _rule("open_episode", categories=["social_care_cp_plan", "social_care_looked_after"]),
            _rule(
                "events",
                categories=["social_care_assessment"],
                min_count=1,
                days=YEAR,
                match={"assessment_factors": ["10A", "11A", "12A", "13A", "24A"]},
            ),
        ],
    },
    {
        "code": "tp12",
        "name": "Family member in the justice system",
        "description": (
            "A sibling or household adult with a youth-justice outcome or a police arrest "
            "in the last 24 months."
        ),
        "weight": 2,
        "rules": [
            _rule(
                "family_events",
                relationships=["sibling", "parent", "carer", "other_adult"],
                categories=["youth_justice_outcome"],
                min_count=1,
                days=TWO_YEARS,
            ),
            _rule(
                "family_events",
                relationships=["sibling", "parent", "carer", "other_adult"],
                categories=["police_incident"],
                min_count=1,
                days=TWO_YEARS,
                match={"role": ["arrested"]},
            ),
        ],
    },
    {
        "code": "tp13",
        "name": "Domestic abuse in the household",
        "description": "A domestic-abuse notification for the household in the last 12 months.",
        "weight": 2,
        "rules": [
            _rule(
                "family_events",
                relationships=["household"],
                categories=["domestic_abuse_notification"],
                min_count=1,
                days=YEAR,
            )
        ],
    },
    {
        "code": "tp14",
        "name": "Mental-health or injury concern",
        "description": (
            "A CAMHS referral, or an A&E attendance for self-harm or assault, in the last 12 months."
        ),
        "weight": 2,
        "rules": [
            _rule("events", categories=["health_camhs_referral"], min_count=1, days=YEAR),
            _rule(
                "events",
                categories=["health_ae_attendance"],
                min_count=1,
                days=YEAR,
                match={"reason": ["self_harm", "assault"]},
            ),
        ],
    },
    {
        "code": "tp15",
        "name": "Victim of violence",
        "description": "Recorded by the police as the victim of a violent offence in the last 12 months.",
        "weight": 2,
        "rules": [
            _rule(
                "events",
                categories=["police_incident"],
                min_count=1,
                days=YEAR,
                match={
                    "role": ["victim"],
                    "offence_group": ["violence_against_the_person", "robbery", "sexual_offences"],
                },
            )
        ],
    },
    {
        "code": "tp16",
        "name": "Housing crisis",
        "description": (
            "Temporary accommodation or an eviction notice for the household in the last 12 months."
        ),
        "weight": 1,
        "rules": [
            _rule(
                "family_events",
                relationships=["household"],
                categories=["housing_temporary_accommodation", "housing_eviction_notice"],
                min_count=1,
                days=YEAR,
            )
        ],
    },
]
