"""Every column FEEDS.md lists for a feed must be in the file, or the file is rejected
whole; the person identity columns are sent as far as the source holds them, and the
run says which it did not get (FEEDS.md sections 1 and 2, docs/feeds.md)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.importing.specs import IDENTITY_NAMES, SPECS
from chronology.models import Event, FeedRun, SourceRecord
from tests.chronology.conftest import UPN1
from tests.factories import PersonFactory, UserFactory

REQUIRED = {
    "schools": "urn laestab name phase status",
    "school_census": "source_record_id urn upn former_upn forename surname date_of_birth ethnicity "
    "year_group entry_date leaving_date sen_provision sen_primary_need fsm_start_date fsm_end_date",
    "attendance": "source_record_id urn upn date session code",
    "suspensions": "source_record_id urn upn category start_date sessions reasons",
    "police_incidents": "source_record_id occurred_at role offence_group summary",
    "police_intelligence": "source_record_id recorded_on markers grading summary",
    "youth_justice": "source_record_id outcome_date outcome offence_group",
    "missing_episodes": "source_record_id reported_at returned_at return_interview_offered "
    "return_interview_done",
    "social_care": "source_record_id episode_type start_date end_date cp_category assessment_factors",
    "early_help": "source_record_id family_id start_date end_date lead_agency needs",
    "health": "source_record_id event_date event_type reason",
    "domestic_abuse": "source_record_id family_id notified_at incident_date children_present marac",
    "households": "source_record_id family_id relationship address_postcode from_date to_date",
    "housing_benefits": "source_record_id family_id event_date event_type",
}
"""The table in docs/feeds.md: every listed column but the identity ones (the census
keeps the pupil's UPN, names and date of birth, the feed's own layout)."""


def test_each_feed_requires_the_columns_docs_feeds_md_lists():
    required = {
        code: " ".join(c.name for c in spec.columns if c.column_required) for code, spec in SPECS.items()
    }
    assert required == REQUIRED


def test_only_the_identity_columns_may_be_left_out():
    for code, spec in SPECS.items():
        optional = {c.name for c in spec.columns if not c.column_required}
        assert optional <= IDENTITY_NAMES, code


@pytest.mark.parametrize(
    ("feed", "column"), [(feed, column) for feed, columns in REQUIRED.items() for column in columns.split()]
)
def test_a_file_missing_a_required_column_is_rejected_whole(register, run_import, feed, column):
    names = [name for name in SPECS[feed].names if name != column]
    run = run_import(feed, ",".join(names) + "\n" + ",".join("" for _ in names) + "\n")

    assert run.status == FeedRun.Status.REJECTED
    assert run.file_error == f"The file is missing required column: {column}."
    assert (run.rows_read, run.rejected_rows.count()) == (0, 0)
    assert not SourceRecord.objects.exists()


@pytest.mark.parametrize("left_out", sorted(IDENTITY_NAMES - {"upn"}))
def test_a_file_without_an_identity_column_imports_and_says_so(school, run_import, left_out):
    PersonFactory(upn=UPN1)
    identity = {"upn": UPN1}
    names = [name for name in SPECS["police_incidents"].names if name != left_out]
    row = {**identity, "source_record_id": "P1", "occurred_at": "2025-03-14T16:30", "role": "victim"}
    row["offence_group"] = "theft"
    run = run_import(
        "police_incidents", ",".join(names) + "\n" + ",".join(row.get(n, "") for n in names) + "\n"
    )

    assert (run.status, run.rows_imported) == ("completed", 1)
    assert run.unsupplied_columns == [left_out]
    assert Event.objects.get().person.upn == UPN1


def test_the_run_page_lists_the_identity_columns_not_supplied(school, run_import, client, password):
    PersonFactory(upn=UPN1)
    run = run_import(
        "police_incidents",
        f"source_record_id,upn,occurred_at,role,offence_group,summary\nP1,{UPN1},2025-03-14T16:30,victim,theft,\n",
    )
    officer = UserFactory(role=Role.DATA_OFFICER)
    client.login(email=officer.email, password=password)

    html = client.get(reverse("chronology:run", args=[run.pk])).content.decode()

    assert "Columns not supplied" in html
    assert "nhs_number, local_person_id, forename, surname, date_of_birth, sex, postcode" in html


def test_a_census_without_sex_or_postcode_imports_and_says_so(school, run_import):
    names = [n for n in SPECS["school_census"].names if n not in {"sex", "postcode"}]
    values = {
        "source_record_id": "C1",
        "urn": "100001",
        "upn": UPN1,
        "forename": "Ada",
        "surname": "Lovelace",
    }
    values["date_of_birth"] = "2012-03-04"
    run = run_import(
        "school_census", ",".join(names) + "\n" + ",".join(values.get(n, "") for n in names) + "\n"
    )

    assert (run.status, run.rows_imported, run.unsupplied_columns) == ("completed", 1, ["sex", "postcode"])
