from chronology.models import AttendanceMark, Event
from schools.models import Enrolment, Person
from tests.chronology.conftest import UPN1, UPN2


def test_census_then_attendance(school, run_import):
    run = run_import(
        "school_census",
        f"""
        source_record_id,urn,upn,forename,surname,date_of_birth,sex,postcode,year_group
        C1,100001,{UPN1},Ada,Lovelace,2012-03-04,F,NB1 2AB,8
        C2,100001,{UPN2},Alan,Turing,14/05/2011,M,nb12ab,9
        """,
    )
    assert run.status == "completed", run.file_error
    assert (run.rows_imported, run.rows_rejected) == (2, 0), list(run.rejected_rows.values())
    assert Person.objects.count() == 2
    assert Enrolment.objects.filter(leaving_date__isnull=True).count() == 2
    run = run_import(
        "attendance",
        f"""
        source_record_id,urn,upn,date,session,code
        A1,100001,{UPN1},2025-03-03,AM,/
        A2,100001,{UPN1},2025-03-03,PM,N
        A3,100001,{UPN2},2025-03-03,AM,X
        """,
    )
    assert run.status == "completed", run.file_error
    assert run.rows_imported == 3
    assert AttendanceMark.objects.count() == 3
    print(list(Event.objects.values("summary", "details")))
