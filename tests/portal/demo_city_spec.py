"""What FEEDS.md fixes about each feed file, for checking the demo city against it."""

import csv
from datetime import date
from pathlib import Path

from portal.demo.city import CityConfig

AS_OF = date(2026, 3, 10)
SMALL = CityConfig(seed=7, as_of=AS_OF, pupils=150, schools=2, attendance_weeks=2)

# Typed from FEEDS.md, not imported from the generator, so a drift in either shows here.
IDENTITY = "upn,nhs_number,local_person_id,forename,surname,date_of_birth,sex,postcode"
FEEDS_MD_HEADERS = {
    "schools": "urn,laestab,name,phase,status",
    "school_census": "source_record_id,urn,upn,former_upn,forename,surname,date_of_birth,sex,ethnicity,"
    "postcode,year_group,entry_date,leaving_date,sen_provision,sen_primary_need,fsm_start_date,fsm_end_date",
    "attendance": "source_record_id,urn,upn,date,session,code",
    "suspensions": "source_record_id,urn,upn,category,start_date,sessions,reasons",
    "police_incidents": f"source_record_id,{IDENTITY},occurred_at,role,offence_group,summary",
    "police_intelligence": f"source_record_id,{IDENTITY},recorded_on,markers,grading,summary",
    "youth_justice": f"source_record_id,{IDENTITY},outcome_date,outcome,offence_group",
    "missing_episodes": f"source_record_id,{IDENTITY},reported_at,returned_at,return_interview_offered,"
    "return_interview_done",
    "social_care": f"source_record_id,{IDENTITY},episode_type,start_date,end_date,cp_category,"
    "assessment_factors",
    "early_help": f"source_record_id,{IDENTITY},family_id,start_date,end_date,lead_agency,needs",
    "health": f"source_record_id,{IDENTITY},event_date,event_type,reason",
    "domestic_abuse": f"source_record_id,family_id,{IDENTITY},notified_at,incident_date,children_present,"
    "marac",
    "households": f"source_record_id,family_id,{IDENTITY},relationship,address_postcode,from_date,to_date",
    "housing_benefits": f"source_record_id,family_id,{IDENTITY},event_date,event_type",
}


def _codes(text: str) -> set[str]:
    return set(text.split())


ATTENDANCE_CODES = _codes("/ \\ L K V P W B C1 C2 C M J1 S T R I E G N O U Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 D X Z #")
CODE_LISTS = {
    ("school_census", "ethnicity"): _codes(
        "WBRI WIRI WIRT WROM WOTH MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT"
    ),
    ("school_census", "year_group"): _codes("N1 N2 R 1 2 3 4 5 6 7 8 9 10 11 12 13 14"),
    ("school_census", "sex"): {"M", "F"},
    ("school_census", "sen_provision"): {"N", "K", "E"},
    ("school_census", "sen_primary_need"): _codes("SPLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD OTH NSA"),
    ("attendance", "session"): {"AM", "PM"},
    ("attendance", "code"): ATTENDANCE_CODES,
    ("suspensions", "category"): {"SUSP", "PERM", "LNCH"},
    ("suspensions", "reasons"): _codes("PP PA VP VA OW BU RA LG DS SM DA DM TH DB MT PH"),
    ("police_incidents", "role"): {
        "arrested",
        "suspect",
        "victim",
        "witness",
        "missing_person",
        "associated",
    },
    ("police_incidents", "offence_group"): {
        "violence_against_the_person",
        "robbery",
        "sexual_offences",
        "drug_offences",
        "possession_of_weapons",
        "public_order",
        "theft",
        "criminal_damage",
        "anti_social_behaviour",
        "other",
    },
    ("police_intelligence", "markers"): {
        "CCE",
        "CSE",
        "COUNTY_LINES",
        "GANG_ASSOCIATION",
        "WEAPONS",
        "DRUG_SUPPLY",
        "MISSING_RISK",
    },
    ("youth_justice", "outcome"): {
        "community_resolution",
        "outcome_22",
        "youth_caution",
        "youth_conditional_caution",
        "referral_order",
        "reparation_order",
        "fine",
        "conditional_discharge",
        "absolute_discharge",
        "youth_rehabilitation_order",
        "detention_and_training_order",
        "custody_other",
    },
    ("social_care", "episode_type"): {"referral", "assessment", "cin_plan", "cp_plan", "looked_after"},
    ("social_care", "cp_category"): {"NEG", "PHY", "SAB", "EMO", "MUL"},
    ("early_help", "needs"): {
        "education",
        "early_years",
        "health",
        "substance_use",
        "family_relationships",
        "abuse_exploitation",
        "crime",
        "domestic_abuse",
        "housing",
        "financial_stability",
    },
    ("health", "event_type"): {
        "camhs_referral",
        "camhs_accepted",
        "camhs_discharged",
        "ae_attendance",
        "admission",
    },
    ("health", "reason"): {"assault", "self_harm", "substance", "injury_other", "illness"},
    ("households", "relationship"): {"child", "sibling", "parent", "carer", "other_adult"},
    ("housing_benefits", "event_type"): {
        "universal_credit_claim",
        "benefit_sanction",
        "temporary_accommodation",
        "eviction_notice",
        "rent_arrears",
    },
}
DATE_COLUMNS = {
    "date_of_birth",
    "entry_date",
    "leaving_date",
    "fsm_start_date",
    "fsm_end_date",
    "date",
    "start_date",
    "end_date",
    "recorded_on",
    "outcome_date",
    "event_date",
    "incident_date",
    "from_date",
    "to_date",
}
DATETIME_COLUMNS = {"occurred_at", "reported_at", "returned_at", "notified_at"}
BOOLEAN_COLUMNS = {"return_interview_offered", "return_interview_done", "children_present", "marac"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def feed_paths(out: Path, feed: str) -> list[Path]:
    """The feed's file, or for the register its weekly files, oldest first."""
    return sorted(out.glob("attendance-to-*.csv")) if feed == "attendance" else [out / f"{feed}.csv"]


def read_feed(out: Path, feed: str) -> list[dict]:
    return [row for path in feed_paths(out, feed) for row in read_csv(path)]
