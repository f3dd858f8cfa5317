"""Rejected rows hold names, dates of birth and event text, so the import report that
quotes them and the download of them are logged, naming the people the rows are about
(issue 21, finding 1): the person the feed's row of the same id is linked to, and anyone
holding an identifier a row carries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLogEntry
from tests.factories import PersonFactory, RejectedRowFactory, SourceRecordFactory, valid_upn
from tests.factories.chronology import FeedFactory, FeedRunFactory

ADA_UPN = valid_upn(7, estab="9000")
"""Outside the estabs PersonFactory's sequence gives, so no other person of the test holds it."""
HEADER = "source_record_id,upn,forename,surname,date_of_birth,occurred_at,role,offence_group,summary"


@pytest.fixture
def rejected_run(register, run_import):
    ada = PersonFactory(upn=ADA_UPN, forename="Ada", surname="Quill")
    bea = PersonFactory(forename="Bea", surname="Quill")
    SourceRecordFactory(feed=FeedFactory(code="police_incidents"), source_record_id="P-1", person=bea)
    PersonFactory(forename="Cy", surname="Quill", date_of_birth="2011-01-01")
    run = run_import(
        "police_incidents",
        f"""
        {HEADER}
        P-1,,Bea,Quill,2011-02-30,2025-03-14T16:30,arrested,robbery,sent again with a bad birth date
        P-2,{ADA_UPN},Ada,Quill,2012-03-04,2025-03-14T16:30,arrested,no_such_group,
        P-3,,Cy,Quill,2011-01-01,yesterday,arrested,robbery,names alone link nobody here
        """,
    )
    assert run.rows_rejected == 3
    return run, {ada.pk, bea.pk}


def _get(officer, url: str):
    client = Client()
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(actor=officer).latest("id")
    return response, entry


def test_the_rejected_rows_download_is_logged_naming_the_people_the_rows_are_about(officer, rejected_run):
    run, people = rejected_run

    response, entry = _get(officer, reverse("chronology:rejected_csv", args=[run.pk]))

    assert b"sent again with a bad birth date" in b"".join(response)
    assert (entry.kind, entry.route) == (AccessLogEntry.Kind.EXPORT, "chronology:rejected_csv")
    assert set(entry.subjects.values_list("person_id", flat=True)) == people
    assert entry.detail == {"run": run.pk, "rejected_rows": 3}


def test_the_import_report_quoting_rejected_values_is_logged_too(officer, rejected_run):
    run, people = rejected_run

    response, entry = _get(officer, reverse("chronology:run", args=[run.pk]))

    assert b"2011-02-30" in response.content
    assert (entry.kind, entry.route) == (AccessLogEntry.Kind.LIST, "chronology:run")
    assert set(entry.subjects.values_list("person_id", flat=True)) == people


def test_the_api_run_detail_quoting_rejected_values_is_logged_like_the_report(officer, rejected_run):
    run, people = rejected_run
    client = Client()
    client.force_login(officer)

    response = client.get(f"/api/v1/feed-runs/{run.pk}/")

    assert response.status_code == 200
    assert "2011-02-30" in response.content.decode()
    entry = AccessLogEntry.objects.filter(actor=officer).latest("id")
    assert entry.kind == AccessLogEntry.Kind.LIST
    assert set(entry.subjects.values_list("person_id", flat=True)) == people
    assert entry.detail["run"] == run.pk
    assert entry.detail["rejected_rows"] == 3


@pytest.mark.parametrize(
    ("column", "sent", "held"),
    [
        ("nhs_number", "943-476-5919", {"nhs_number": "9434765919"}),
        ("upn", f"{ADA_UPN[:4]} {ADA_UPN[4:8]} {ADA_UPN[8:]}".lower(), {"upn": ADA_UPN}),
    ],
)
def test_a_row_rejected_for_the_layout_of_its_identifier_names_whoever_holds_it(
    officer, register, run_import, column, sent, held
):
    """Rejected because of how the number is written, the row still carries it, and the
    report and download show it beside a name and an offence."""
    ada = PersonFactory(**{"upn": None, **held}, forename="Ada", surname="Quill")
    header = HEADER.replace(",upn,", f",{column},")
    run = run_import(
        "police_incidents",
        f"""
        {header}
        P-9,{sent},Ada,Quill,2012-03-04,2025-03-14T16:30,arrested,robbery,
        """,
    )
    assert run.rows_rejected == 1

    for url in (reverse("chronology:rejected_csv", args=[run.pk]), f"/api/v1/feed-runs/{run.pk}/"):
        response, entry = _get(officer, url)
        body = b"".join(response) if response.streaming else response.content
        assert sent.encode() in body
        assert list(entry.subjects.values_list("person_id", flat=True)) == [ada.pk]


def test_the_download_and_the_report_do_not_grow_queries_with_the_rejected_rows(officer):
    """The log reads every row's identifiers at once; no row is fetched again on its own."""
    run = FeedRunFactory(header=["upn"])
    client = Client()
    client.force_login(officer)
    urls = [reverse("chronology:rejected_csv", args=[run.pk]), reverse("chronology:run", args=[run.pk])]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    RejectedRowFactory.create_batch(2, run=run)
    few = queries()
    RejectedRowFactory.create_batch(18, run=run)
    assert queries() == few
