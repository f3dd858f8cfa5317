"""From the taskforce's work queue and an intervention to the young person and back:
"Open their record" on an intervention, and the young person's name on a referral the
queue opens (to triage it, or awaiting the referrer's answer), led to a young person's
page whose back link went to the young-people list. It returns to the page it was
opened from, never anywhere a hand-made link names."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from interventions.models import ReferralStatus
from tests.factories.interventions import allocate, make_referral
from tests.way_back_html import assert_stays_home, back_link, link_to, logged_people, person_link

pytestmark = pytest.mark.django_db
YOUNG_PEOPLE = reverse("young_person_list")


def test_back_from_a_young_person_opened_from_their_intervention_returns_to_it(officer):
    intervention = allocate()
    detail = reverse("interventions:detail", args=[intervention.pk])
    html = officer.get(detail).content.decode()
    page = officer.get(person_link(html, intervention.young_person))
    assert page.status_code == 200
    assert back_link(page.content.decode()) == (detail, "Back to the intervention")


def test_the_work_queue_leads_to_a_referral_whose_young_person_leads_back_to_it(officer):
    new = make_referral()
    waiting = make_referral(status=ReferralStatus.MORE_INFORMATION)
    queue = officer.get(reverse("referrals:queue")).content.decode()
    for referral, opens in ((new, "referrals:triage"), (waiting, "referrals:detail")):
        opened = link_to(queue, reverse(opens, args=[referral.pk]))
        html = officer.get(opened).content.decode()
        back = back_link(officer.get(person_link(html, referral.young_person)).content.decode())
        assert back == (opened, "Back to the referral"), opens


def test_the_way_back_survives_the_young_persons_chronology(officer):
    intervention = allocate()
    detail = reverse("interventions:detail", args=[intervention.pk])
    pupil = person_link(officer.get(detail).content.decode(), intervention.young_person)
    html = officer.get(pupil).content.decode()
    chronology = link_to(html, reverse("chronology:timeline", args=[intervention.young_person_id]))
    again = back_link(officer.get(chronology).content.decode())[0]
    assert back_link(officer.get(again).content.decode()) == (detail, "Back to the intervention")


HOSTILE_RECORDS = ["", "0", "-1", "abc", "99999999999999999999", "１２", "5/../../evil", "//evil.example"]
HOSTILE_LISTS = ["https://evil.example/", "next=https://evil.example", "&" * 999]


def test_a_hand_made_way_back_leads_only_to_an_intervention_or_the_young_people(officer):
    intervention = allocate()
    pupil = reverse("young_person_detail", args=[intervention.young_person_id])
    own = reverse("interventions:detail", args=[intervention.pk])
    for record in HOSTILE_RECORDS:
        params = {"from": "intervention", "record": record}
        assert_stays_home(officer.get(pupil, params), params, paths=(YOUNG_PEOPLE,), kept=set())
    for state in HOSTILE_LISTS:
        params = {"from": "intervention", "record": str(intervention.pk), "list": state}
        assert_stays_home(officer.get(pupil, params), params, paths=(own,), kept=set())
    carried = {"way_back": "from=intervention&record=https://evil.example/"}
    chronology = reverse("chronology:timeline", args=[intervention.young_person_id])
    assert_stays_home(officer.get(chronology, carried), carried, paths=(pupil,), kept=set())


def test_the_young_person_logs_the_same_people_with_or_without_the_way_back(officer):
    intervention = allocate()
    pupil = reverse("young_person_detail", args=[intervention.young_person_id])
    officer.get(pupil)
    plain = AccessLogEntry.objects.order_by("-id").first()
    detail = reverse("interventions:detail", args=[intervention.pk])
    officer.get(person_link(officer.get(detail).content.decode(), intervention.young_person))
    carried = AccessLogEntry.objects.order_by("-id").first()
    assert carried.pk != plain.pk
    assert intervention.young_person_id in logged_people(carried)
    assert logged_people(carried) == logged_people(plain)
