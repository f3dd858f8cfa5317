"""Every feed, the same way: importing its file again changes nothing, and an import
killed after it has written everything, just before it commits, leaves nothing behind
and then runs again cleanly. test_idempotency.py and test_killed_import.py go deeper
into the census, attendance and police files; this makes sure no feed's effects escape
the import's transaction or are written twice."""

import pytest
from django.apps import apps

from chronology.importing.runner import FeedImport
from chronology.importing.specs import SPECS
from chronology.models import FeedRun
from tests.chronology.good_rows import GOOD_ROWS, feed_csv

RUN_RECORDS = {"feed", "feedrun", "rejectedrow"}
"""What an import run writes about itself, outside its transaction, whatever becomes of it."""


def everything_imported() -> dict[str, list[dict]]:
    """Every row of the tables an import writes to: people, schools, families, events,
    source records, marks, reviews, and the object permissions that follow from them."""
    models = [
        model
        for label in ("schools", "chronology", "guardian")
        for model in apps.get_app_config(label).get_models()
        if model._meta.model_name not in RUN_RECORDS
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def _file(feed: str) -> str:
    return feed_csv(feed, [GOOD_ROWS[feed] | {"source_record_id": "OK1"}])


@pytest.mark.parametrize("feed", sorted(SPECS))
def test_importing_a_feeds_file_again_changes_nothing(city, run_import, feed):
    first = run_import(feed, _file(feed))
    assert (first.status, first.rows_imported) == ("completed", 1)
    before = everything_imported()

    again = run_import(feed, _file(feed))

    assert (again.rows_read, again.rows_unchanged, again.rows_imported) == (1, 1, 0)
    assert everything_imported() == before


@pytest.mark.parametrize("feed", sorted(SPECS))
def test_an_import_killed_before_it_commits_leaves_nothing_and_runs_again(
    city, run_import, monkeypatch, feed
):
    before = everything_imported()
    real_execute = FeedImport.execute

    def killed_before_commit(self):
        real_execute(self)
        raise RuntimeError("worker lost")

    monkeypatch.setattr(FeedImport, "execute", killed_before_commit)
    with pytest.raises(RuntimeError):
        run_import(feed, _file(feed))
    assert FeedRun.objects.get().status == FeedRun.Status.FAILED
    assert everything_imported() == before

    monkeypatch.setattr(FeedImport, "execute", real_execute)
    run = run_import(feed, _file(feed))
    assert (run.status, run.rows_imported, run.rows_rejected) == ("completed", 1, 0)
    assert everything_imported() != before
