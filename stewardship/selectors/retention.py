"""Reads for the retention pages: holds and run reports."""

from django.db.models import QuerySet

from stewardship.models import LegalHold, RetentionRun

RUNS_SHOWN = 30


def legal_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("person", "family", "feed", "set_by", "released_by")


def retention_runs() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("started_by")[:RUNS_SHOWN]
