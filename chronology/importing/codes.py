"""National code lists from FEEDS.md section 3, and the words a chronology says a coded
value in (`in_words`): a summary that reads the feed's codes ("DB, BU", "NEG") is one
school staff cannot read."""

import re

from chronology.importing.values import BadValue, quoted
from chronology.models import Meaning

SEX = ("M", "F")
PHASES = (
    "nursery",
    "primary",
    "middle_primary",
    "secondary",
    "middle_secondary",
    "sixteen_plus",
    "all_through",
    "not_applicable",
)
SCHOOL_STATUSES = ("open", "closed", "proposed_to_close")
YEAR_GROUPS = ("N1", "N2", "R", *(str(n) for n in range(1, 15)))
ETHNICITY = (
    "WBRI",
    "WIRI",
    "WIRT",
    "WROM",
    "WOTH",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
)
SEN_PROVISION = ("N", "K", "E")
SEN_NEEDS = ("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA")
SESSIONS = ("AM", "PM")

ATTENDANCE_CODES: dict[str, Meaning] = {
    **dict.fromkeys(["/", "\\", "L"], Meaning.PRESENT),
    **dict.fromkeys(["K", "V", "P", "W", "B"], Meaning.ATTENDING),
    **dict.fromkeys(["C1", "C2", "C", "M", "J1", "S", "T", "R", "I", "E"], Meaning.AUTHORISED),
    **dict.fromkeys(["G", "N", "O", "U"], Meaning.UNAUTHORISED),
    **dict.fromkeys(["Q", *(f"Y{n}" for n in range(1, 8)), "D", "X"], Meaning.NOT_POSSIBLE),
    **dict.fromkeys(["Z", "#"], Meaning.ADMINISTRATIVE),
}

SUSPENSION_CATEGORIES = ("SUSP", "PERM", "LNCH")
SUSPENSION_REASON_WORDS = {
    "PP": "physical assault against a pupil",
    "PA": "physical assault against an adult",
    "VP": "verbal abuse/threatening behaviour against a pupil",
    "VA": "verbal abuse/threatening behaviour against an adult",
    "OW": "use or threat of an offensive weapon or prohibited item",
    "BU": "bullying",
    "RA": "racist abuse",
    "LG": "abuse against sexual orientation or gender identity",
    "DS": "abuse relating to disability",
    "SM": "sexual misconduct",
    "DA": "drug and alcohol related",
    "DM": "damage to property",
    "TH": "theft",
    "DB": "persistent or general disruptive behaviour",
    "MT": "inappropriate use of social media or online technology",
    "PH": "wilful breach of public-health measures",
}
"""A suspension's reason as a chronology says it, in the national wording (FEEDS.md 3.3):
school staff do not know the codes."""
SUSPENSION_REASONS = tuple(SUSPENSION_REASON_WORDS)
POLICE_ROLES = ("arrested", "suspect", "victim", "witness", "missing_person", "associated")
OFFENCE_GROUPS = (
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
)
INTELLIGENCE_MARKER_WORDS = {
    "CCE": "child criminal exploitation",
    "CSE": "child sexual exploitation",
    "COUNTY_LINES": "county lines",
    "GANG_ASSOCIATION": "gang association",
    "WEAPONS": "weapons",
    "DRUG_SUPPLY": "drug supply",
    "MISSING_RISK": "risk of going missing",
}
"""A police-intelligence marker as a chronology says it (FEEDS.md 3.5)."""
INTELLIGENCE_MARKERS = tuple(INTELLIGENCE_MARKER_WORDS)
YOUTH_JUSTICE_OUTCOMES = (
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
)
EPISODE_TYPES = ("referral", "assessment", "cin_plan", "cp_plan", "looked_after")
CP_CATEGORY_WORDS = {
    "NEG": "neglect",
    "PHY": "physical abuse",
    "SAB": "sexual abuse",
    "EMO": "emotional abuse",
    "MUL": "multiple categories",
}
"""A child-protection plan's category as a chronology says it (FEEDS.md 3.8)."""
CP_CATEGORIES = tuple(CP_CATEGORY_WORDS)
# FEEDS.md lists these "e.g."; the Children in Need census also has 8B-8F (privately
# fostered children), which a council's extract carries, so they are accepted too.
ASSESSMENT_FACTORS = (
    *(f"{n}{s}" for n in range(1, 7) for s in "ABC"),
    "7A",
    *(f"8{s}" for s in "BCDEF"),
    "9A",
    "10A",
    "11A",
    "12A",
    "13A",
    "14A",
    "15A",
    "16A",
    "17A",
    "18B",
    "18C",
    "19B",
    "19C",
    "20",
    "21",
    "22A",
    "23A",
    "24A",
)
_WHOSE = {"A": "child", "B": "parent", "C": "other household member"}
_ABOUT_SOMEONE = {
    "1": "alcohol misuse",
    "2": "drug misuse",
    "3": "domestic violence",
    "4": "mental health",
    "5": "learning disability",
    "6": "physical disability or illness",
}
ASSESSMENT_FACTOR_WORDS = {
    **{f"{n}{s}": f"{words}: {_WHOSE[s]}" for n, words in _ABOUT_SOMEONE.items() for s in "ABC"},
    "7A": "young carer",
    **{f"8{s}": "private fostering" for s in "BCDEF"},
    "9A": "unaccompanied asylum-seeking child",
    "10A": "going missing",
    "11A": "child sexual exploitation",
    "12A": "trafficking",
    "13A": "gangs",
    "14A": "socially unacceptable behaviour",
    "15A": "self-harm",
    "16A": "neglect",
    "17A": "emotional abuse",
    "18B": "physical abuse: child on child",
    "18C": "physical abuse: adult on child",
    "19B": "sexual abuse: child on child",
    "19C": "sexual abuse: adult on child",
    "20": "other",
    "21": "no factors identified",
    "22A": "female genital mutilation",
    "23A": "abuse linked to faith or belief",
    "24A": "child criminal exploitation",
}
"""An assessment's factors as a chronology says them (FEEDS.md 3.8), each with its code,
which the trigger points' rules name."""
EARLY_HELP_NEEDS = (
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
)
HEALTH_EVENTS = ("camhs_referral", "camhs_accepted", "camhs_discharged", "ae_attendance", "admission")
HEALTH_REASONS = ("assault", "self_harm", "substance", "injury_other", "illness")
RELATIONSHIPS = ("child", "sibling", "parent", "carer", "other_adult")
HOUSING_EVENTS = (
    "universal_credit_claim",
    "benefit_sanction",
    "temporary_accommodation",
    "eviction_notice",
    "rent_arrears",
)


def parse_attendance_code(value: str) -> str:
    code = value.upper()
    if code not in ATTENDANCE_CODES:
        raise BadValue(
            f"{quoted(value)} is not a DfE attendance code; use one of: {' '.join(ATTENDANCE_CODES)}"
        )
    return code


def parse_laestab(value: str) -> str:
    if not re.fullmatch(r"\d{7}", value):
        raise BadValue(f"{quoted(value)} is not a LAESTAB: 3-digit LA code then 4-digit establishment number")
    return value


def in_words(codes: list[str], words: dict[str, str]) -> str:
    """Coded values as a chronology's summary says them, in their order; a code with no
    words (none passes the import's checks) is kept as it came rather than dropped."""
    return ", ".join(words.get(code, code) for code in codes)
