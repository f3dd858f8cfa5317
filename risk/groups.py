"""The groups the fairness panel compares: sex, ethnicity group, SEN provision and free
school meals, as the school census records them (FEEDS.md 3.1). Ethnicity is grouped
into the DfE's major groups, since single codes are too small to compare honestly."""

ETHNICITY_GROUPS: dict[str, str] = {
    **dict.fromkeys(("WBRI", "WIRI", "WIRT", "WROM", "WOTH"), "White"),
    **dict.fromkeys(("MWBC", "MWBA", "MWAS", "MOTH"), "Mixed"),
    **dict.fromkeys(("AIND", "APKN", "ABAN", "AOTH"), "Asian or Asian British"),
    **dict.fromkeys(("BCRB", "BAFR", "BOTH"), "Black or Black British"),
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
}
ETHNICITY_NOT_KNOWN = "Refused or not obtained"
ETHNICITY_ORDER = (*dict.fromkeys(ETHNICITY_GROUPS.values()), ETHNICITY_NOT_KNOWN)

SEX_LABELS = {"F": "Female", "M": "Male", "": "Not recorded"}
SEN_LABELS = {"N": "No special educational need", "K": "SEN support", "E": "EHC plan", "": "Not recorded"}
FSM_LABELS = {True: "Eligible for free school meals", False: "Not eligible"}


def ethnicity_group(code: str) -> str:
    return ETHNICITY_GROUPS.get((code or "").upper(), ETHNICITY_NOT_KNOWN)


DIMENSIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sex": ("Sex", tuple(SEX_LABELS.values())),
    "ethnicity": ("Ethnicity group", ETHNICITY_ORDER),
    "sen": ("SEN provision", tuple(SEN_LABELS.values())),
    "fsm": ("Free school meals", tuple(FSM_LABELS.values())),
}
"""Each dimension's title and its groups in the order the tables show them."""
