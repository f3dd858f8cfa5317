"""A retention run's report added everything it removed into one number: "Records
removed 4" for two chronology entries and the two rows as sent behind them, which an
information-governance officer read as four records. The report, the runs list and the
command now say each kind of thing removed, in words, with its own count."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chronology.models import Feed
from stewardship.models import RetentionRun
from tests.factories import FeedFactory, PersonFactory
from tests.stewardship.test_retention import mark, police_event

pytestmark = pytest.mark.django_db

TWO_ENTRIES = {"police_incidents": {"events deleted": 2, "rows as sent deleted": 2}}


def _run(removed: dict, *, dry_run: bool = False) -> RetentionRun:
    FeedFactory(code=Feed.Code.POLICE_INCIDENTS)
    return RetentionRun.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        dry_run=dry_run,
        cutoffs={"police_incidents": "2020-06-10"},
        removed=removed,
    )


def _rows(html: str) -> dict[str, str]:
    """The run page's summary list, key to value, as read."""
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    return {" ".join(k.split()): " ".join(re.sub(r"<[^>]+>", " ", v).split()) for k, v in pairs}


def test_the_run_report_says_each_kind_removed_with_its_own_count(ig_client):
    run = _run(TWO_ENTRIES)

    html = ig_client.get(reverse("stewardship:retention_run", args=[run.pk])).content.decode()

    rows = _rows(html)
    assert rows["Entries deleted from chronologies"] == "2"
    assert rows["Rows as sent by the feeds deleted with those entries"] == "2"
    assert "Records removed" not in html
    assert "events deleted" not in html, "the per-feed table says it in words too"
    assert "Entries deleted from chronologies: 2" in " ".join(html.split())


def test_a_dry_runs_report_says_what_it_would_remove(ig_client):
    run = _run(TWO_ENTRIES, dry_run=True)

    rows = _rows(ig_client.get(reverse("stewardship:retention_run", args=[run.pk])).content.decode())

    assert rows["Entries to be deleted from chronologies"] == "2"


def test_the_runs_list_says_each_kind_removed_not_a_sum(ig_client):
    _run({**TWO_ENTRIES, "attendance": {"register marks deleted": 1200}})

    html = " ".join(ig_client.get(reverse("stewardship:retention")).content.decode().split())

    assert "Records removed" not in html
    assert "Entries deleted from chronologies: 2" in html
    assert "Rows as sent by the feeds deleted with those entries: 2" in html
    assert "Register marks deleted: 1,200" in html
    assert "1,204" not in html


def test_a_kind_the_report_has_no_words_for_is_shown_as_the_run_stored_it(ig_client):
    run = _run({"police_incidents": {"events deleted": 1, "cases closed": 3}})

    rows = _rows(ig_client.get(reverse("stewardship:retention_run", args=[run.pk])).content.decode())

    assert rows["Cases closed"] == "3"


def test_the_command_says_each_kind_removed_not_a_sum():
    day = timezone.localdate() - timedelta(days=365 * 7)
    ada = PersonFactory()
    police_event(ada, day), police_event(ada, day - timedelta(days=1))
    mark(ada, date(day.year, day.month, day.day), 1)
    out = StringIO()

    call_command("apply_retention", stdout=out)

    said = out.getvalue()
    assert "records were deleted or anonymised" not in said
    assert "Entries deleted from chronologies: 2" in said
    assert "Rows as sent by the feeds deleted with those entries: 2" in said
    assert "Register marks deleted: 1" in said
    assert "events deleted" not in said
