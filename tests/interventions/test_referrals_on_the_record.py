"""A pupil's referrals on their record and on the referral form: a head teacher opening a
pupil the DSL referred two days ago must see it there, not refer the pupil a second time
without knowing, and must be able to go from the pupil to the referral they follow."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.interventions import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil():
    return EnrolmentFactory()


def test_the_record_lists_the_pupils_referrals_each_linking_to_its_page(client, pupil):
    dsl = school_staff(Role.DSL, pupil.school)
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    sent = make_referral(person=pupil.person, by=dsl)
    declined = make_referral(
        person=pupil.person, by=head, status=ReferralStatus.DECLINED, reason="Knife seen in a bag."
    )
    client.force_login(head)

    html = client.get(reverse("young_person_detail", args=[pupil.person.pk])).content.decode()

    assert "Referrals to SAFE" in html
    assert f'href="{reverse("referrals:detail", args=[sent.pk])}"' in html
    assert f'href="{reverse("referrals:detail", args=[declined.pk])}"' in html
    assert 'govuk-tag--blue">New</strong>' in html
    assert 'govuk-tag--red">Declined</strong>' in html
    assert dsl.display_name in html
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert list(entry.subjects.values_list("person_id", flat=True)) == [pupil.person.pk]


def test_a_pupil_never_referred_says_so(client, pupil):
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    client.force_login(head)

    html = client.get(reverse("young_person_detail", args=[pupil.person.pk])).content.decode()

    assert "No referral to SAFE by your school is recorded for this pupil." in html
    assert "/referrals/" not in html.split("Referrals to SAFE")[1].split("Family")[0]


def test_the_referral_form_warns_of_a_referral_still_waiting_for_the_taskforce(client, pupil):
    dsl = school_staff(Role.DSL, pupil.school)
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    waiting = make_referral(person=pupil.person, by=dsl, status=ReferralStatus.MORE_INFORMATION)
    client.force_login(head)

    html = client.get(reverse("referrals:new", args=[pupil.person.pk])).content.decode()

    assert "already has a referral the taskforce has not yet decided" in html
    assert f'href="{reverse("referrals:detail", args=[waiting.pk])}"' in html


def test_the_referral_form_has_no_warning_once_earlier_referrals_are_decided(client, pupil):
    dsl = school_staff(Role.DSL, pupil.school)
    make_referral(person=pupil.person, by=dsl, status=ReferralStatus.DECLINED)
    client.force_login(dsl)

    html = client.get(reverse("referrals:new", args=[pupil.person.pk])).content.decode()

    assert "already has a referral" not in html
