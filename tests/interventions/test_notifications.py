"""Each status change is told once: in the portal at once, and by email (after the
change commits) to those who chose it, without the young person's name."""

import pytest
from django.core import mail

from accounts.models import EmailPreference, Notification
from accounts.roles import Role
from interventions.services.allocation import intervention_change_worker
from interventions.services.triage import referral_accept
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db


def test_an_acceptance_is_emailed_once_to_the_referrer_without_the_childs_name(
    django_capture_on_commit_callbacks,
):
    referral = make_referral()
    referrer = referral.referred_by
    referrer.notification_email = EmailPreference.EACH
    referrer.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        referral_accept(
            by=user_with_role(Role.TASKFORCE), referral=referral, expected_version=referral.version
        )

    to_referrer = [m for m in mail.outbox if m.to == [referrer.email]]
    assert len(to_referrer) == 1
    assert "accepted" in to_referrer[0].subject
    person = referral.young_person
    assert person.surname not in to_referrer[0].body
    assert person.forename not in to_referrer[0].subject
    assert Notification.objects.filter(user=referrer, person=person).count() == 1  # not of their own sending


def test_the_allocated_worker_and_a_new_worker_are_told_once_each():
    intervention = allocate()
    new = user_with_role(Role.INTERVENTION_WORKER)
    intervention_change_worker(
        by=user_with_role(Role.TASKFORCE),
        intervention=intervention,
        worker=new,
        expected_version=intervention.version,
    )
    for worker in (intervention.worker, new):
        assert Notification.objects.filter(user=worker, kind="intervention_allocated").count() == 1
