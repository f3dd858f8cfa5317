"""The switches and what people make of a flag are in the change log with who did it,
whether done through a page or not (a command, a task, the shell)."""

import pytest

from accounts.models import ChangeLogEntry
from accounts.roles import Role
from risk.models import DismissalReason, Flag, FlagSettings, Review
from risk.services.library import flags_switch, indicator_switch
from risk.services.review import flag_confirm, flag_dismiss
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db


def _changes(obj) -> list[tuple[int | None, dict]]:
    entries = ChangeLogEntry.objects.get_for_object(obj).filter(action=ChangeLogEntry.Action.UPDATE)
    entries = entries.order_by("pk")
    return [(entry.actor_id, entry.changes_dict) for entry in entries]


def test_switching_an_indicator_or_the_portal_off_names_who_did_it():
    admin = user_with_role(Role.ADMINISTRATOR)
    flag = FlagFactory()

    indicator_switch(by=admin, indicator=flag.indicator, enabled=False)
    settings = flags_switch(by=admin, enabled=False)

    assert (admin.pk, {"enabled": ["True", "False"]}) in _changes(flag.indicator)
    assert any(
        actor == admin.pk and changes.get("flags_enabled", [None, None])[1] == "False"
        for actor, changes in _changes(FlagSettings.objects.get(pk=settings.pk))
    )


def test_a_dismissal_and_a_confirmation_name_who_made_them():
    pupil = EnrolmentFactory(school=SchoolFactory()).person
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    officer = user_with_role(Role.TASKFORCE)
    pending = FlagFactory(person=pupil, review=Review.PENDING)
    shown = FlagFactory(person=pupil)

    flag_confirm(by=officer, flag=pending)
    flag_dismiss(by=dsl, flag=shown, reason=DismissalReason.NOT_A_CONCERN)

    assert [actor for actor, _ in _changes(Flag.objects.get(pk=pending.pk))] == [officer.pk]
    assert [actor for actor, _ in _changes(Flag.objects.get(pk=shown.pk))] == [dsl.pk]
