"""The rejected-rows download as the data officer keeps and sends it back: named for its
feed, run and day (not `run-4-rejected-rows.csv`, which says neither), and, byte order
mark and all, accepted again as the feed's file once corrected."""

from django.urls import reverse
from django.utils import timezone

from chronology.models import Event, FeedRun, SourceRecord
from tests.chronology.conftest import UPN1
from tests.factories import PersonFactory

POLICE = "source_record_id,upn,occurred_at,role,offence_group,summary"


def _rejected_run(run_import) -> FeedRun:
    PersonFactory(upn=UPN1)
    run = run_import("police_incidents", f"{POLICE}\nP1,{UPN1},2025-03-14T16:30,bystander,theft,Zoë — seen\n")
    assert run.rows_rejected == 1
    return run


def test_the_file_is_named_for_its_feed_run_and_day(school, run_import, client, officer):
    run = _rejected_run(run_import)
    client.force_login(officer)
    response = client.get(reverse("chronology:rejected_csv", args=[run.pk]))
    day = timezone.localdate(run.created_at)
    expected = f"police_incidents-run-{run.pk}-{day:%Y-%m-%d}-rejected-rows.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_the_downloaded_bytes_corrected_in_place_import_again(school, run_import, client, officer):
    run = _rejected_run(run_import)
    client.force_login(officer)
    downloaded = client.get(reverse("chronology:rejected_csv", args=[run.pk])).content
    assert downloaded.startswith("\ufeff".encode())

    again = run_import("police_incidents", raw=downloaded.replace(b",bystander,", b",victim,"))

    assert (again.rows_imported, again.rows_rejected) == (1, 0)
    assert again.header[0] == "source_record_id"
    assert again.unknown_columns == ["error"]
    assert SourceRecord.objects.get().values["summary"] == "Zoë — seen"
    assert Event.objects.get().details["summary"] == "Zoë — seen"
