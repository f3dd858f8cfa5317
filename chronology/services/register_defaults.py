"""The 14 feeds a council starts with (FEEDS.md section 3): owner, purpose, lawful basis,
cadence, retention and sensitivity. Agreement and DPIA references are not here: only a
council can say which agreement and DPIA cover a feed. Owners are named by role, not
place, since the privacy notice publishes them: an administrator records the council's
partners by name; only the demo city's register names its own (DEMO_OWNER_AGENCIES)."""

from chronology.models import Feed, Sensitivity

CHILDREN_ACTS = (
    "Children Act 1989 s.17 and s.47; Children Act 2004 s.10 and s.11 (cooperation to safeguard children)"
)
DEA = "Digital Economy Act 2017 Part 5, Chapter 1 (public service delivery: multiple disadvantages)"
SCH1_18 = (
    "UK GDPR Art. 6(1)(e) and 9(2)(g); DPA 2018 Sch.1 para 18 "
    "(safeguarding of children and individuals at risk)"
)
CDA = "Crime and Disorder Act 1998 s.115; DPA 2018 Sch.1 para 10 (preventing or detecting unlawful acts)"

DEFAULT_REGISTER: list[dict] = [
    {
        "code": Feed.Code.SCHOOLS,
        "owner_agency": "Department for Education (Get Information About Schools)",
        "purpose": "The schools in the city, so that pupils are shown to the right school's staff",
        "lawful_basis": "Open data published by the Department for Education (no personal data)",
        "cadence_days": 30,
        "retention_months": 120,
        "default_sensitivity": Sensitivity.EDUCATION,
    },
    {
        "code": Feed.Code.SCHOOL_CENSUS,
        "owner_agency": "The council's schools and academies (school census extract)",
        "purpose": "Who is on roll at which school, with special educational needs and free school meals",
        "lawful_basis": f"{CHILDREN_ACTS}; Education Act 1996 s.436A",
        "cadence_days": 1,
        "retention_months": 84,
        "default_sensitivity": Sensitivity.EDUCATION,
        "authoritative_for_identity": True,
    },
    {
        "code": Feed.Code.ATTENDANCE,
        "owner_agency": "The council's schools and academies (daily register extract)",
        "purpose": "Attendance, persistent and severe absence",
        "lawful_basis": f"{CHILDREN_ACTS}; School Attendance (Pupil Registration) (England) Regulations 2024",
        "cadence_days": 1,
        "retention_months": 84,
        "default_sensitivity": Sensitivity.EDUCATION,
    },
    {
        "code": Feed.Code.SUSPENSIONS,
        "owner_agency": "The council's schools and academies",
        "purpose": "Suspensions and permanent exclusions, a recognised trigger point",
        "lawful_basis": CHILDREN_ACTS,
        "cadence_days": 7,
        "retention_months": 84,
        "default_sensitivity": Sensitivity.EDUCATION,
    },
    {
        "code": Feed.Code.POLICE_INCIDENTS,
        "owner_agency": "The police force",
        "purpose": "Arrests and incidents involving young people, as suspects, victims or witnesses",
        "lawful_basis": CDA,
        "cadence_days": 1,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
    {
        "code": Feed.Code.POLICE_INTELLIGENCE,
        "owner_agency": "The police force (intelligence unit)",
        "purpose": "Intelligence about exploitation, county lines and weapons",
        "lawful_basis": f"{CDA}; {SCH1_18}",
        "cadence_days": 7,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "code": Feed.Code.YOUTH_JUSTICE,
        "owner_agency": "The youth justice service",
        "purpose": "Youth justice outcomes, and for siblings a family trigger point",
        "lawful_basis": f"Crime and Disorder Act 1998 s.37-39 and s.115; {SCH1_18}",
        "cadence_days": 7,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
    {
        "code": Feed.Code.MISSING_EPISODES,
        "owner_agency": "The police force and the council's children's services",
        "purpose": "Missing episodes and return interviews",
        "lawful_basis": f"{CHILDREN_ACTS}; statutory guidance on children who run away or go missing",
        "cadence_days": 1,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
    {
        "code": Feed.Code.SOCIAL_CARE,
        "owner_agency": "The council's children's services",
        "purpose": "Children in need, child-protection plans and looked-after episodes",
        "lawful_basis": f"{CHILDREN_ACTS}; {SCH1_18}",
        "cadence_days": 7,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
    {
        "code": Feed.Code.EARLY_HELP,
        "owner_agency": "The council's early help service (Supporting Families programme)",
        "purpose": "Early help episodes and the needs they address",
        "lawful_basis": f"{DEA}; {CHILDREN_ACTS}",
        "cadence_days": 30,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
    {
        "code": Feed.Code.HEALTH,
        "owner_agency": "The local NHS trust and CAMHS",
        "purpose": "CAMHS referrals, and A&E attendances or admissions after assault or self-harm",
        "lawful_basis": f"{SCH1_18}; Children Act 2004 s.11",
        "cadence_days": 7,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "code": Feed.Code.DOMESTIC_ABUSE,
        "owner_agency": "The police force (Operation Encompass)",
        "purpose": "Domestic-abuse notifications about a child's household",
        "lawful_basis": f"{SCH1_18}; Domestic Abuse Act 2021; {CDA}",
        "cadence_days": 1,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.RESTRICTED,
    },
    {
        "code": Feed.Code.HOUSEHOLDS,
        "owner_agency": "The council (Supporting Families household data)",
        "purpose": "Who lives in which household, so that family events reach each child's record",
        "lawful_basis": f"{DEA}; {CHILDREN_ACTS}",
        "cadence_days": 30,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
        "authoritative_for_identity": True,
    },
    {
        "code": Feed.Code.HOUSING_BENEFITS,
        "owner_agency": "Department for Work and Pensions and the council's housing service",
        "purpose": "Household circumstances: benefit sanctions, temporary accommodation, evictions",
        "lawful_basis": DEA,
        "cadence_days": 30,
        "retention_months": 72,
        "default_sensitivity": Sensitivity.PARTNER,
    },
]

DEMO_OWNER_AGENCIES: dict[str, str] = {
    Feed.Code.SCHOOL_CENSUS: "Northbridge schools and academies (school census extract)",
    Feed.Code.ATTENDANCE: "Northbridge schools and academies (daily register extract)",
    Feed.Code.SUSPENSIONS: "Northbridge schools and academies",
    Feed.Code.POLICE_INCIDENTS: "Northbridge Police",
    Feed.Code.POLICE_INTELLIGENCE: "Northbridge Police (intelligence unit)",
    Feed.Code.YOUTH_JUSTICE: "Northbridge Youth Justice Service",
    Feed.Code.MISSING_EPISODES: "Northbridge Police and Children's Services",
    Feed.Code.SOCIAL_CARE: "Northbridge Children's Services",
    Feed.Code.EARLY_HELP: "Northbridge Early Help (Supporting Families programme)",
    Feed.Code.HEALTH: "Northbridge NHS Foundation Trust and CAMHS",
    Feed.Code.DOMESTIC_ABUSE: "Northbridge Police (Operation Encompass)",
    Feed.Code.HOUSEHOLDS: "Northbridge City Council (Supporting Families household data)",
    Feed.Code.HOUSING_BENEFITS: "Department for Work and Pensions and Northbridge Housing",
}
"""The demo city's partners, named where a council names its own."""
