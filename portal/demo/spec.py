"""The feed file shapes of FEEDS.md, as the demo city writes them. Column order follows
FEEDS.md so the generated files double as samples for councils mapping their extracts."""

from chronology.importing.specs import SPECS

FEED_COLUMNS: dict[str, tuple[str, ...]] = {code: spec.names for code, spec in SPECS.items()}
"""The importer's column list for each feed, which follows FEEDS.md in order."""

IMPORT_ORDER: tuple[str, ...] = (
    "schools",
    "school_census",
    "households",
    "attendance",
    "suspensions",
    "police_incidents",
    "police_intelligence",
    "youth_justice",
    "missing_episodes",
    "social_care",
    "early_help",
    "health",
    "domestic_abuse",
    "housing_benefits",
)
"""Identity-authoritative feeds first, so every other feed's rows find their people."""

ETHNICITY_WEIGHTS = {
    "WBRI": 62,
    "WIRI": 1,
    "WIRT": 0.3,
    "WROM": 0.5,
    "WOTH": 6,
    "MWBC": 2,
    "MWBA": 1,
    "MWAS": 1.5,
    "MOTH": 2,
    "AIND": 3,
    "APKN": 5,
    "ABAN": 1.5,
    "AOTH": 2,
    "BCRB": 1.5,
    "BAFR": 4,
    "BOTH": 0.7,
    "CHNE": 1,
    "OOTH": 2,
    "REFU": 1.5,
    "NOBT": 1.5,
}

SEN_NEEDS_WEIGHTS = {
    "SPLD": 11,
    "MLD": 14,
    "SLD": 2,
    "PMLD": 1,
    "SEMH": 20,
    "SLCN": 24,
    "HI": 2,
    "VI": 1,
    "MSI": 0.3,
    "PD": 2,
    "ASD": 15,
    "OTH": 3,
    "NSA": 3,
}

SUSPENSION_REASONS_WEIGHTS = {
    "DB": 35,
    "VA": 14,
    "PP": 12,
    "VP": 8,
    "PA": 5,
    "DA": 4,
    "DM": 4,
    "BU": 2,
    "OW": 2,
    "MT": 3,
    "TH": 2,
    "RA": 1.5,
    "SM": 1,
    "LG": 0.5,
    "DS": 0.3,
}

OFFENCE_GROUP_WEIGHTS = {
    "violence_against_the_person": 30,
    "robbery": 6,
    "drug_offences": 12,
    "possession_of_weapons": 7,
    "public_order": 10,
    "theft": 14,
    "criminal_damage": 9,
    "anti_social_behaviour": 10,
    "sexual_offences": 1,
    "other": 4,
}

VIOLENT_OFFENCE_GROUPS = ("violence_against_the_person", "robbery", "sexual_offences")
