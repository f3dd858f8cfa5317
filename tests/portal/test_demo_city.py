"""The demo city's feed files, read back as a council's importer would read them."""

import csv
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from portal.demo.city import CityConfig
from portal.demo.generate import generate_city
from portal.demo.identifiers import LA_CODE
from portal.demo.population import build_city
from portal.demo.rows import PERSON
from portal.demo.writer import write_feed_files
from schools.identifiers import nhs_number_problem, upn_problem

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


@pytest.fixture(scope="module")
def small_city(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    feeds = generate_city(SMALL)
    write_feed_files(feeds, out)
    return out, feeds


@pytest.fixture(scope="module")
def files(small_city) -> dict[str, list[dict]]:
    out, _ = small_city
    return {feed: _read(out / f"{feed}.csv") for feed in FEEDS_MD_HEADERS}


@pytest.fixture(scope="module")
def imperfect_ids(small_city) -> set[tuple[str, str]]:
    return {(i.feed, i.source_record_id) for i in small_city[1].imperfections}


@pytest.fixture(scope="module")
def default_city():
    """The default demo size, with only two weeks of register marks to stay quick."""
    return generate_city(CityConfig(seed=2026, as_of=AS_OF, attendance_weeks=2))


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_feed_file_has_exactly_the_feeds_md_header(small_city):
    out, _ = small_city
    for feed, header in FEEDS_MD_HEADERS.items():
        first_line = (out / f"{feed}.csv").read_bytes().split(b"\r\n", 1)[0]
        assert first_line.decode("utf-8") == header, feed
    assert sorted(p.stem for p in out.iterdir()) == sorted(FEEDS_MD_HEADERS)


def test_the_schools_are_primary_and_secondary_with_urns_and_laestabs(files):
    schools = files["schools"]
    assert len(schools) == 2
    assert {s["phase"] for s in schools} == {"primary", "secondary"}
    assert all(re.fullmatch(r"\d{6}", s["urn"]) for s in schools)
    assert all(re.fullmatch(rf"{LA_CODE}\d{{4}}", s["laestab"]) for s in schools)
    assert len({s["urn"] for s in schools}) == 2


def test_the_default_city_has_about_twelve_schools_and_three_thousand_pupils():
    city = build_city(CityConfig(seed=2026, as_of=AS_OF))
    assert len(city.schools) == 12
    assert Counter(s.phase for s in city.schools) == {"primary": 9, "secondary": 3}
    assert 3000 <= len(city.pupils) <= 3010
    assert all(s.name for s in city.schools)


@pytest.mark.parametrize(
    ("pupils", "schools", "reason"),
    [(100, 1, "at least 2 schools"), (1, 2, "between 1 and 1,000 pupils per school"), (3001, 3, "1,000")],
)
def test_impossible_cities_are_refused_with_a_reason(pupils, schools, reason):
    with pytest.raises(ValueError, match=reason):
        CityConfig(seed=1, as_of=AS_OF, pupils=pupils, schools=schools)


def test_source_record_ids_are_unique_within_each_feed(files):
    for feed, rows in files.items():
        key = "urn" if feed == "schools" else "source_record_id"
        ids = [r[key] for r in rows]
        assert all(ids), feed
        assert len(ids) == len(set(ids)), feed


def test_every_upn_is_valid_and_every_nhs_number_but_the_deliberate_one(files, imperfect_ids):
    upns = nhs_numbers = 0
    for feed, rows in files.items():
        for row in rows:
            for column in ("upn", "former_upn"):
                if row.get(column):
                    upns += 1
                    assert upn_problem(row[column]) is None, (feed, row)
                    assert row[column][1:4] == LA_CODE
            if row.get("nhs_number") and (feed, row["source_record_id"]) not in imperfect_ids:
                nhs_numbers += 1
                assert nhs_number_problem(row["nhs_number"]) is None, (feed, row)
                assert row["nhs_number"].startswith("999")
    assert upns > 150
    assert nhs_numbers > 150


def test_values_use_the_national_code_lists(files, imperfect_ids):
    for (feed, column), allowed in CODE_LISTS.items():
        for row in files[feed]:
            if (feed, row["source_record_id"]) in imperfect_ids or not row[column]:
                continue
            assert set(row[column].split(";")) <= allowed, (feed, column, row[column])


def test_dates_datetimes_and_booleans_have_the_feeds_md_formats(files):
    for feed, rows in files.items():
        for row in rows:
            for column, value in row.items():
                if not value:
                    continue
                if column in DATE_COLUMNS:
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (feed, column)
                    assert date.fromisoformat(value), (feed, column)
                elif column in DATETIME_COLUMNS:
                    assert datetime.fromisoformat(value).tzinfo is None, (feed, column)
                elif column in BOOLEAN_COLUMNS:
                    assert value in {"Y", "N"}, (feed, column)


def test_nothing_happens_after_the_as_of_date(files):
    for feed in ("suspensions", "attendance", "police_incidents", "health", "domestic_abuse", "social_care"):
        for row in files[feed]:
            for column in DATE_COLUMNS | DATETIME_COLUMNS:
                if row.get(column) and column != "date_of_birth":
                    assert row[column][:10] <= AS_OF.isoformat(), (feed, column, row)


def test_the_same_seed_writes_byte_identical_files_and_another_seed_does_not(small_city, tmp_path):
    out, _ = small_city
    write_feed_files(generate_city(SMALL), tmp_path / "again")
    write_feed_files(generate_city(CityConfig(**{**SMALL.__dict__, "seed": 8})), tmp_path / "other")
    for feed in FEEDS_MD_HEADERS:
        assert (tmp_path / "again" / f"{feed}.csv").read_bytes() == (out / f"{feed}.csv").read_bytes(), feed
    assert (tmp_path / "other" / "school_census.csv").read_bytes() != (out / "school_census.csv").read_bytes()
    assert (tmp_path / "other" / "attendance.csv").read_bytes() != (out / "attendance.csv").read_bytes()


def test_every_pupil_has_one_open_census_row_and_movers_a_closed_one(files):
    by_upn = defaultdict(list)
    for row in files["school_census"]:
        by_upn[row["upn"]].append(row)
    assert all(sum(1 for r in rows if not r["leaving_date"]) == 1 for rows in by_upn.values())
    household_upns = {r["upn"] for r in files["households"] if r["upn"]}
    assert household_upns == set(by_upn)


def test_attendance_has_a_mark_for_every_pupil_every_session_on_school_days(files):
    marks = Counter((r["upn"], r["date"]) for r in files["attendance"])
    assert set(marks.values()) == {2}
    days = {date.fromisoformat(day) for _, day in marks}
    assert len(days) <= 10
    assert all(day.weekday() < 5 for day in days)
    current = {r["upn"] for r in files["school_census"] if not r["leaving_date"]}
    assert {upn for upn, _ in marks} == current


def test_most_pupils_have_nothing_of_note_and_a_few_percent_a_cluster(default_city):
    kinds = _incident_kinds_per_person(default_city)
    pupils = default_city.city.pupils
    clusters = Counter(min(len(kinds.get(p.key, ())), 3) for p in pupils)
    assert clusters[0] / len(pupils) > 0.7
    assert 0.01 < clusters[3] / len(pupils) < 0.08


def test_the_pupils_with_clusters_are_more_often_absent(default_city):
    kinds = _incident_kinds_per_person(default_city)
    absent = Counter()
    possible = Counter()
    for row in default_city.attendance():
        possible[row["upn"]] += 1
        absent[row["upn"]] += row["code"] not in {"/", "\\", "L", "K", "V", "P", "#"}

    def rate(group):
        return sum(absent[p.upn] for p in group) / sum(possible[p.upn] for p in group)

    pupils = default_city.city.pupils
    quiet = [p for p in pupils if not kinds.get(p.key)]
    troubled = [p for p in pupils if len(kinds.get(p.key, ())) >= 3]
    assert rate(troubled) > 2 * rate(quiet)


def test_siblings_share_their_households_domestic_abuse_notifications(default_city):
    children = defaultdict(set)
    for row in default_city.rows["households"]:
        if row["relationship"] in ("child", "sibling"):
            children[row["family_id"]].add(row["local_person_id"])
    notified = default_city.rows["domestic_abuse"]
    assert notified
    assert all(children[r["family_id"]] for r in notified)
    assert any(len(children[r["family_id"]]) >= 2 for r in notified)
    named = [r for r in notified if r[PERSON] is not None]
    assert all(r[PERSON].local_person_id in children[r["family_id"]] for r in named)


def test_household_adults_appear_in_police_incidents(default_city):
    adults = [r for r in default_city.rows["police_incidents"] if r[PERSON] and not r[PERSON].is_child]
    assert adults
    assert all(r["upn"] == "" and r["local_person_id"] for r in adults)


def test_suspended_days_are_marked_e_in_the_register(default_city):
    marks = {(r["upn"], r["date"]): r["code"] for r in default_city.attendance()}
    register_days = {day for _, day in marks}
    suspended = [
        (r["upn"], r["start_date"])
        for r in default_city.rows["suspensions"]
        if r["category"] == "SUSP" and r["start_date"] in register_days
    ]
    assert suspended
    assert all(marks[key] in ("E", "#") for key in suspended)


def test_the_deliberately_imperfect_rows_are_there_to_be_reviewed(small_city, files):
    _, feeds = small_city
    by_id = {(i.feed, i.source_record_id): i.problem for i in feeds.imperfections}
    assert len(by_id) == 5
    census = {(r["forename"], r["date_of_birth"]): r["surname"] for r in files["school_census"]}
    typo = next(r for r in files["police_incidents"] if ("police_incidents", r["source_record_id"]) in by_id)
    assert typo["upn"] == ""
    assert census[(typo["forename"], typo["date_of_birth"])] != typo["surname"]
    assert sorted(census[(typo["forename"], typo["date_of_birth"])]) == sorted(typo["surname"])
    bad = next(r for r in files["health"] if ("health", r["source_record_id"]) in by_id)
    assert nhs_number_problem(bad["nhs_number"]) == "NHS number check digit is wrong"


def _incident_kinds_per_person(feeds) -> dict[int, set[str]]:
    kinds = defaultdict(set)
    for feed, rows in feeds.rows.items():
        if feed in ("schools", "school_census", "households", "domestic_abuse"):
            continue
        for row in rows:
            if row.get(PERSON) is not None:
                kinds[row[PERSON].key].add(feed)
    families = {f.family_id: f for f in feeds.city.families}
    for row in feeds.rows["domestic_abuse"]:
        for child in families[row["family_id"]].children:
            kinds[child.key].add("domestic_abuse")
    return kinds


def test_missing_episodes_end_after_they_start_and_reach_the_police(default_city):
    episodes = default_city.rows["missing_episodes"]
    assert episodes
    for row in episodes:
        if row["returned_at"]:
            assert datetime.fromisoformat(row["returned_at"]) > datetime.fromisoformat(row["reported_at"])
        else:
            assert row["return_interview_offered"] == "N"
    reports = {
        (r["local_person_id"] or r[PERSON].local_person_id, r["occurred_at"])
        for r in default_city.rows["police_incidents"]
        if r["role"] == "missing_person"
    }
    assert {(r["local_person_id"], r["reported_at"]) for r in episodes} == reports
