"""Retention and the records that hang on a row: a reported doubt about a link goes with
the row it doubts."""

from datetime import date, timedelta

from django.db import connection

from accounts.roles import Role
from chronology.models import Event, LinkDoubt, SourceRecord
from stewardship.services.retention import apply_retention
from tests.factories import PersonFactory
from tests.factories.access import user_with_role
from tests.factories.chronology import reported_link

TODAY = date(2026, 6, 10)
CUTOFF = date(2020, 6, 10)
"""Youth justice keeps 72 months."""


def test_a_doubt_about_an_expired_row_goes_with_it_and_leaves_no_broken_reference(db):
    ada = PersonFactory()
    event, doubt = reported_link(ada, reporter=user_with_role(Role.DSL))
    Event.objects.filter(pk=event.pk).update(occurred_on=CUTOFF - timedelta(days=1))

    run = apply_retention(by=None, dry_run=False, today=TODAY)

    assert run.removed["youth_justice"] == {"events deleted": 1, "rows as sent deleted": 1}
    assert not SourceRecord.objects.filter(pk=doubt.source_record_id).exists()
    assert not LinkDoubt.objects.exists()
    connection.check_constraints()
