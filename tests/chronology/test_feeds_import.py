"""A good file of every feed imports with the expected records."""

import pytest

from chronology.importing.attendance_weeks import week_summary
from chronology.models import AttendanceMark, AttendanceWeek, Event, Sensitivity, SourceRecord
from schools.models import Enrolment, Family, FamilyMember, Person, School
from tests.chronology.conftest import UPN1, UPN2, with_blank_columns
from tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory

IDENTITY = "upn,forename,surname,date_of_birth,postcode"
ADA = f"{UPN1},Ada,Lovelace,2012-03-04,NB1 2AB"


@pytest.fixture
def ada(school):
    return PersonFactory(
        upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04", postcode="NB1 2AB"
    )


def test_schools_file_creates_and_updates_schools(register, run_import):
    run = run_import(
        "schools",
        """
        urn,laestab,name,phase,status
        100001,8014001,Northbridge Academy,secondary,open
        100002,8012001,Riverside Primary,primary,proposed_to_close
        """,
    )
    assert (run.status, run.rows_imported) == ("completed", 2)
    assert School.objects.get(urn="100002").status == "proposed_to_close"


def test_school_census_creates_pupils_and_current_enrolments(school, run_import):
    run = run_import(
        "school_census",
        f"""
        source_record_id,urn,upn,former_upn,forename,surname,date_of_birth,sex,ethnicity,postcode,year_group,entry_date,leaving_date,sen_provision,sen_primary_need,fsm_start_date,fsm_end_date
        C1,100001,{UPN1},,Ada,Lovelace,04/03/2012,F,WBRI,nb12ab,8,2023-09-01,,K,SEMH,2024-01-01,
        C2,100001,{UPN2},,Alan,Turing,2011-05-14,M,,NB1 3DF,9,2022-09-01,2025-02-01,N,,,
        """,
    )
    assert (run.status, run.rows_imported, run.rows_rejected) == ("completed", 2, 0)
    ada = Person.objects.get(upn=UPN1)
    assert (ada.forename, str(ada.date_of_birth), ada.postcode) == ("Ada", "2012-03-04", "NB1 2AB")
    enrolment = Enrolment.objects.get(person=ada)
    assert (enrolment.school, enrolment.leaving_date, enrolment.sen_primary_need) == (school, None, "SEMH")
    alan = Enrolment.objects.get(person__upn=UPN2)
    assert str(alan.leaving_date) == "2025-02-01"


def test_a_census_row_at_another_school_moves_the_pupil(school, run_import):
    School.objects.create(urn="100002", laestab="8014002", name="Hillside High", phase="secondary")
    header = "source_record_id,urn,upn,forename,surname,date_of_birth,entry_date"
    for row in (
        f"C1,100001,{UPN1},Ada,Lovelace,2012-03-04,2023-09-01",
        f"C9,100002,{UPN1},Ada,Lovelace,2012-03-04,2025-01-06",
    ):
        run_import("school_census", with_blank_columns("school_census", f"{header}\n{row}\n"))
    enrolments = Enrolment.objects.filter(person__upn=UPN1).order_by("entry_date")
    assert [(e.school.urn, str(e.leaving_date)) for e in enrolments] == [
        ("100001", "2025-01-06"),
        ("100002", "None"),
    ]


def test_attendance_marks_are_stored_with_weekly_summaries(ada, run_import):
    run = run_import(
        "attendance",
        f"""
        source_record_id,urn,upn,date,session,code
        A1,100001,{UPN1},2025-03-03,AM,/
        A2,100001,{UPN1},2025-03-03,PM,L
        A3,100001,{UPN1},2025-03-04,AM,N
        A4,100001,{UPN1},2025-03-04,PM,I
        A5,100001,{UPN1},2025-03-05,AM,#
        A6,100001,{UPN1},2025-03-10,AM,K
        """,
    )
    assert (run.rows_imported, run.rows_rejected) == (6, 0)
    assert AttendanceMark.objects.filter(person=ada).count() == 6
    weeks = AttendanceWeek.objects.filter(person=ada).order_by("week")
    assert [week_summary(w) for w in weeks] == [
        "Week of 3 Mar 2025: attended 2 of 4 possible sessions (50%); 2 absent, 1 unauthorised",
        "Week of 10 Mar 2025: attended 1 of 1 possible sessions (100%)",
    ]
    assert not Event.objects.exists(), "weekly lines are written from the counts when shown"
    assert not SourceRecord.objects.exists(), "marks need no SourceRecord each"


def test_suspensions_become_education_events(ada, run_import):
    run_import(
        "suspensions",
        f"""
        source_record_id,urn,upn,category,start_date,sessions,reasons
        S1,100001,{UPN1},SUSP,2025-02-10,4,PP;va
        S2,100001,{UPN1},PERM,2025-03-10,,OW
        """,
    )
    events = Event.objects.filter(person=ada).order_by("occurred_on")
    assert [(e.category, e.summary) for e in events] == [
        (
            "suspension",
            "Suspension for 4 sessions (physical assault against a pupil, "
            "verbal abuse/threatening behaviour against an adult)",
        ),
        (
            "permanent_exclusion",
            "Permanent exclusion (use or threat of an offensive weapon or prohibited item)",
        ),
    ]


EVENT_FEEDS = [
    (
        "police_incidents",
        f"source_record_id,{IDENTITY},occurred_at,role,offence_group,summary\n"
        f"P1,{ADA},2025-03-14T16:30:00,arrested,robbery,Street robbery\n",
        "police_incident",
        "Arrested: robbery",
        Sensitivity.PARTNER,
    ),
    (
        "police_intelligence",
        f"source_record_id,{IDENTITY},recorded_on,markers,grading,summary\n"
        f"I1,{ADA},2025-03-01,CCE;county_lines,B2,Seen with older males\n",
        "police_intelligence",
        "Police intelligence: child criminal exploitation, county lines",
        Sensitivity.RESTRICTED,
    ),
    (
        "youth_justice",
        f"source_record_id,{IDENTITY},outcome_date,outcome,offence_group\nY1,{ADA},2025-01-20,referral_order,theft\n",
        "youth_justice_outcome",
        "Youth justice outcome: referral order (theft)",
        Sensitivity.PARTNER,
    ),
    (
        "missing_episodes",
        f"source_record_id,{IDENTITY},reported_at,returned_at,return_interview_offered,return_interview_done\nM1,{ADA},2025-02-01T22:00:00,2025-02-02T09:15:00+00:00,Y,false\n",
        "missing_episode",
        "Reported missing, returned 2 Feb 2025",
        Sensitivity.PARTNER,
    ),
    (
        "social_care",
        f"source_record_id,{IDENTITY},episode_type,start_date,end_date,cp_category,assessment_factors\nSC1,{ADA},cp_plan,2024-11-01,,NEG,3A;24A\n",
        "social_care_cp_plan",
        "Social care: child-protection plan (neglect)",
        Sensitivity.PARTNER,
    ),
    (
        "early_help",
        f"source_record_id,{IDENTITY},family_id,start_date,end_date,lead_agency,needs\nE1,{ADA},FAM1,2024-10-01,2025-01-31,School,education;crime\n",
        "early_help",
        "Early help: education, crime",
        Sensitivity.PARTNER,
    ),
    (
        "health",
        f"source_record_id,{IDENTITY},event_date,event_type,reason\nH1,{ADA},2025-02-20,ae_attendance,assault\n",
        "health_ae_attendance",
        "Health: A&E attendance (assault)",
        Sensitivity.RESTRICTED,
    ),
]


@pytest.mark.parametrize(("feed", "text", "category", "summary", "sensitivity"), EVENT_FEEDS)
def test_event_feeds_become_chronology_events_with_the_feeds_sensitivity(
    ada, run_import, feed, text, category, summary, sensitivity
):
    run = run_import(feed, text)
    assert (run.status, run.rows_imported, run.rows_rejected) == ("completed", 1, 0), list(
        run.rejected_rows.values_list("reason", flat=True)
    )
    event = Event.objects.get(person=ada)
    assert (event.category, event.summary, event.sensitivity) == (category, summary, sensitivity)
    assert event.link_confidence == 1.0
    assert event.source_record.source_record_id == text.splitlines()[1].split(",")[0]
    assert event.feed_run == run


def test_a_time_sent_in_utc_dates_the_event_by_its_day_in_london(ada, run_import):
    """23:30Z on 31 May is 00:30 on 1 June in London: the chronology's day."""
    run_import(
        "police_incidents",
        f"source_record_id,{IDENTITY},occurred_at,role,offence_group,summary\n"
        f"P1,{ADA},2025-05-31T23:30:00Z,victim,robbery,\n",
    )
    event = Event.objects.get()
    assert str(event.occurred_on) == "2025-06-01"


def test_households_build_families_and_create_people(register, run_import):
    run = run_import(
        "households",
        """
        source_record_id,family_id,local_person_id,forename,surname,date_of_birth,relationship,address_postcode,from_date,to_date
        HH1,FAM1,LP1,Ada,Lovelace,2012-03-04,child,NB1 2AB,,
        HH2,FAM1,LP2,Mary,Lovelace,1980-01-01,parent,NB1 2AB,,
        """,
    )
    assert (run.rows_imported, run.rows_queued) == (2, 0)
    members = FamilyMember.objects.filter(family__family_id="FAM1").order_by("relationship")
    assert [(m.person.local_person_id, m.relationship) for m in members] == [
        ("LP1", "child"),
        ("LP2", "parent"),
    ]
    assert Person.objects.get(local_person_id="LP1").postcode == "NB1 2AB"


@pytest.mark.parametrize(
    ("feed", "text", "category"),
    [
        (
            "domestic_abuse",
            "source_record_id,family_id,notified_at,incident_date,children_present,marac\nD1,FAM9,2025-03-02T08:00:00,2025-03-01,Y,N\n",
            "domestic_abuse_notification",
        ),
        (
            "housing_benefits",
            "source_record_id,family_id,event_date,event_type\nHB1,FAM9,2025-01-15,temporary_accommodation\n",
            "housing_temporary_accommodation",
        ),
    ],
)
def test_household_feeds_become_family_events(register, run_import, feed, text, category):
    FamilyMemberFactory(family=FamilyFactory(family_id="FAM9"))
    run = run_import(feed, text)
    assert run.rows_imported == 1
    event = Event.objects.get()
    assert (event.family, event.person, event.category) == (
        Family.objects.get(family_id="FAM9"),
        None,
        category,
    )


def test_attendance_rate_over_any_window_counts_possible_sessions_only(ada, run_import):
    from datetime import date

    from chronology.selectors import attendance_rate

    run_import(
        "attendance",
        f"""
        source_record_id,urn,upn,date,session,code
        A1,100001,{UPN1},2025-03-03,AM,/
        A2,100001,{UPN1},2025-03-03,PM,B
        A3,100001,{UPN1},2025-03-04,AM,G
        A4,100001,{UPN1},2025-03-04,PM,Y1
        A5,100001,{UPN1},2025-03-05,AM,Z
        """,
    )
    assert attendance_rate(person=ada, start=date(2025, 3, 3), end=date(2025, 3, 7)) == 2 / 3
    assert attendance_rate(person=ada, start=date(2025, 3, 4), end=date(2025, 3, 4)) == 0
    assert attendance_rate(person=ada, start=date(2025, 3, 5), end=date(2025, 3, 9)) is None
