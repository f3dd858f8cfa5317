"""The taskforce's work queue: each section holds what it says, in order of urgency and
age, with caseloads per worker, in a number of queries that does not grow with it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.users import user_deactivate
from interventions import queue as queue_module
from interventions.models import Referral, ReferralStatus
from interventions.views import referrals as referral_views
from schools.models import Person
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db


def _sections(response):
    work = response.context["work"]
    return work, [r.pk for r in work.new]


def test_sections_hold_what_they_say_most_urgent_and_oldest_first(client):
    routine = make_referral(urgency="routine")
    urgent_new = make_referral(urgency="urgent")
    urgent_old = make_referral(urgency="urgent")
    Referral.objects.filter(pk=urgent_old.pk).update(sent_at=timezone.now() - datetime.timedelta(days=3))
    asked = make_referral(status=ReferralStatus.MORE_INFORMATION)
    accepted = make_referral(status=ReferralStatus.ACCEPTED)
    make_referral(status=ReferralStatus.DECLINED)
    make_referral(status=ReferralStatus.DRAFT)
    due = allocate(start=timezone.localdate() - datetime.timedelta(days=40))
    later = allocate(start=timezone.localdate())

    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    response = client.get(reverse("referrals:queue"))

    work, new = _sections(response)
    assert new == [urgent_old.pk, urgent_new.pk, routine.pk]
    assert [r.pk for r in work.awaiting_information] == [asked.pk]
    assert [r.pk for r in work.unallocated] == [accepted.pk]
    assert [i.pk for i in work.reviews_due] == [due.pk]
    loads = {load.worker: (load.active, load.reviews_due) for load in work.caseloads}
    assert loads[due.worker] == (1, 1)
    assert loads[later.worker] == (1, 0)
    assert loads[officer] == (0, 0)


def test_a_deactivated_worker_still_holding_open_interventions_is_in_the_caseloads(client):
    """Their young people need another worker; the table left them out, so nobody saw."""
    intervention = allocate()
    user_deactivate(by=None, user=intervention.worker)
    client.force_login(user_with_role(Role.TASKFORCE))
    response = client.get(reverse("referrals:queue"))
    loads = {load.worker: load.active for load in response.context["work"].caseloads}
    assert loads[intervention.worker] == 1
    assert "(deactivated)" in response.content.decode()


def test_the_queue_does_not_grow_its_queries_with_its_length(client, django_assert_max_num_queries):
    officer = user_with_role(Role.TASKFORCE)
    for _ in range(2):
        make_referral()
        allocate(start=timezone.localdate() - datetime.timedelta(days=45))
    client.force_login(officer)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("referrals:queue"))
    for _ in range(4):
        make_referral()
        make_referral(status=ReferralStatus.ACCEPTED)
        allocate(start=timezone.localdate() - datetime.timedelta(days=45))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("referrals:queue"))
    assert len(response.context["work"].new) == 6


def test_each_section_shows_its_first_rows_says_how_many_in_all_and_links_to_them(client, monkeypatch):
    referrals = [make_referral() for _ in range(3)]
    client.force_login(user_with_role(Role.TASKFORCE))
    limited = 2
    monkeypatch.setattr(queue_module, "SECTION_LIMIT", limited)
    response = client.get(reverse("referrals:queue"))

    page = response.content.decode()
    assert len(response.context["work"].new) == limited
    assert response.context["work"].counts.new == len(referrals)
    assert "3 new referrals" in page
    assert f'href="{reverse("referrals:list")}?status=sent">See all 3</a>' in page


def test_see_all_lists_every_referral_of_the_status_a_page_at_a_time_and_logs_each_page(client, monkeypatch):

    new = [make_referral() for _ in range(3)]
    accepted = make_referral(status=ReferralStatus.ACCEPTED)
    make_referral(status=ReferralStatus.DECLINED)
    client.force_login(user_with_role(Role.TASKFORCE))
    monkeypatch.setattr(referral_views, "PER_PAGE", 2)
    first = client.get(reverse("referrals:list"), {"status": "sent"})
    second = client.get(reverse("referrals:list"), {"status": "sent", "page": 2})
    unallocated = client.get(reverse("referrals:list"), {"status": "unallocated"})
    unknown = client.get(reverse("referrals:list"), {"status": "nonsense"})

    shown = [r.pk for r in first.context["page"].object_list + second.context["page"].object_list]
    assert sorted(shown) == sorted(r.pk for r in new)
    assert "3 referrals, showing 1 to 2." in first.content.decode()
    assert 'href="?status=sent&amp;page=2"' in first.content.decode()
    assert [r.pk for r in unallocated.context["page"].object_list] == [accepted.pk]
    assert unknown.context["status"] == ""
    assert unknown.context["page"].paginator.count == 5
    entry = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.LIST).order_by("pk")[1]
    assert set(entry.subjects.values_list("person_id", flat=True)) == {
        r.young_person_id for r in second.context["page"].object_list
    }


def test_every_section_keeps_its_most_urgent_and_oldest_and_counts_only_young_people_in_scope(
    client, monkeypatch
):
    """The sections are sorted and counted from one read of the viewer's referrals and
    one of their interventions; a young person outside the taskforce's scope (an adult
    who has left school) is neither shown nor counted."""
    make_referral(status=ReferralStatus.MORE_INFORMATION, urgency="routine")
    asked_urgent = make_referral(status=ReferralStatus.MORE_INFORMATION, urgency="urgent")
    accepted_old = make_referral(status=ReferralStatus.ACCEPTED)
    accepted_new = make_referral(status=ReferralStatus.ACCEPTED)
    Referral.objects.filter(pk=accepted_old.pk).update(
        decided_at=accepted_new.decided_at - datetime.timedelta(days=2)
    )
    due_first = allocate(start=timezone.localdate() - datetime.timedelta(days=45))
    allocate(start=timezone.localdate() - datetime.timedelta(days=41))
    adult = make_referral(urgency="urgent")
    adult.young_person.enrolments.update(leaving_date=datetime.date(1998, 7, 20))
    Person.objects.filter(pk=adult.young_person_id).update(date_of_birth=datetime.date(1980, 1, 1))
    monkeypatch.setattr(queue_module, "SECTION_LIMIT", 1)
    client.force_login(user_with_role(Role.TASKFORCE))

    work = client.get(reverse("referrals:queue")).context["work"]

    assert [r.pk for r in work.awaiting_information] == [asked_urgent.pk]
    assert [r.pk for r in work.unallocated] == [accepted_old.pk]
    assert [i.pk for i in work.reviews_due] == [due_first.pk]
    assert (work.counts.awaiting_information, work.counts.unallocated, work.counts.reviews_due) == (2, 2, 2)
    assert work.new == []
    assert work.counts.new == 0
