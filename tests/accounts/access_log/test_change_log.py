"""Changes to roles, grants, the feed register and linkage decisions are in the change log."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from accounts.models import BreakGlass, ChangeLogEntry, SchoolAssignment
from accounts.roles import Role
from chronology.models import Feed, SourceRecord
from tests.factories import (
    BreakGlassFactory,
    FeedFactory,
    PersonFactory,
    SchoolAssignmentFactory,
    SourceRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def changes_to(model, pk) -> list[ChangeLogEntry]:
    """Oldest first."""
    return list(
        ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_pk=str(pk)
        ).order_by("timestamp", "pk")
    )


def test_school_assignments_and_break_glass_grants_are_logged():
    assignment = SchoolAssignmentFactory()
    grant = BreakGlassFactory()
    assert len(changes_to(SchoolAssignment, assignment.pk)) == 1
    [created] = changes_to(BreakGlass, grant.pk)
    assert created.changes_dict["reason"][1] == grant.reason


def test_a_feed_register_edit_is_logged():
    feed = FeedFactory()
    feed.lawful_basis = "Children Act 1989 s.17"
    feed.save()
    update = changes_to(Feed, feed.pk)[-1]
    assert update.action == ChangeLogEntry.Action.UPDATE
    assert set(update.changes_dict) == {"lawful_basis"}


def test_a_linkage_decision_is_logged_without_the_rows_values():
    record = SourceRecordFactory()
    record.person = PersonFactory()
    record.link_confidence = 0.97
    record.link_method = "reviewed_by_data_officer"
    record.save()
    update = changes_to(SourceRecord, record.pk)[-1]
    assert set(update.changes_dict) == {"person", "link_confidence", "link_method"}
    assert all("values" not in entry.changes_dict for entry in changes_to(SourceRecord, record.pk))


def test_password_changes_are_masked_and_role_changes_recorded():
    user = UserFactory()
    user.set_password("a brand new passphrase")
    user.save()
    [update] = [e for e in changes_to(type(user), user.pk) if e.action == ChangeLogEntry.Action.UPDATE]
    old, new = update.changes_dict["password"]
    assert new.startswith("*" * 10)
    assert user.password not in (old, new)

    user.groups.add(Group.objects.get_or_create(name=Role.DSL.value)[0])
    assert any(e.changes_dict.get("groups") for e in changes_to(type(user), user.pk))
