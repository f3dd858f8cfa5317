"""What the taskforce officer and the intervention worker are told at each step of a
busy day, found by walking the demo city as each of them: where a step leaves them,
and what they need on the page to take the next one."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from interventions.models import Referral, ReferralStatus
from interventions.services.referrals import referral_add_information
from interventions.services.reviews import reviews_due_measure
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral, record_session
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _close(client, intervention):
    return client.post(
        reverse("interventions:close", args=[intervention.pk]),
        {
            "closed_on": timezone.localdate().isoformat(),
            "reason": "completed",
            "outcome_summary": "Attends every day now.",
            "specialist_support_received": "",
            "version": intervention.version,
        },
    )


def test_a_worker_closing_is_warned_their_access_ends_and_not_told_of_measures_below(client):
    """The worker is sent to their list after closing (the intervention is no longer
    theirs to open), so "the measures are shown below" pointed at nothing."""
    intervention = allocate()
    client.force_login(intervention.worker)
    form = page_text(client.get(reverse("interventions:close", args=[intervention.pk])))
    assert "you can no longer open this intervention" in form

    response = _close(client, intervention)

    assert response.url == reverse("interventions:list")
    [said] = _messages(response)
    assert "shown below" not in said
    assert "SAFE taskforce" in said


def test_an_officer_closing_stays_on_the_intervention_with_its_measures(client):
    intervention = allocate()
    client.force_login(user_with_role(Role.TASKFORCE))
    form = page_text(client.get(reverse("interventions:close", args=[intervention.pk])))
    assert "you can no longer open" not in form

    response = _close(client, intervention)

    assert response.url == reverse("interventions:detail", args=[intervention.pk])
    assert "shown below" in _messages(response)[0]


def test_the_worker_reads_information_added_to_the_referral_they_were_told_of(client):
    """The worker is notified that information was added, with a link to the
    intervention; the referral itself is not theirs to open, so the intervention shows it."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    intervention = allocate(referral=referral)
    referral_add_information(by=referral.referred_by, referral=referral, note="Now stays out until midnight.")
    client.force_login(intervention.worker)

    page = client.get(reverse("interventions:detail", args=[intervention.pk]))

    assert "Now stays out until midnight." in page_text(page)
    assert reverse("referrals:detail", args=[referral.pk]) not in page.content.decode()


def test_the_officer_goes_from_the_intervention_to_its_referral(client):
    intervention = allocate()
    client.force_login(user_with_role(Role.TASKFORCE))

    page = client.get(reverse("interventions:detail", args=[intervention.pk]))

    assert f'href="{reverse("referrals:detail", args=[intervention.referral_id])}"' in page.content.decode()


def test_allocating_shows_why_the_young_person_was_referred_and_each_workers_load(client):
    allocate(worker=user_with_role(Role.INTERVENTION_WORKER, display_name="Wren Busy"))
    referral = make_referral(status=ReferralStatus.ACCEPTED, urgency="urgent", reason="Carrying a knife.")
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("referrals:allocate", args=[referral.pk])))

    assert "Carrying a knife." in text
    assert "Urgent" in text
    assert "Wren Busy: 1 open" in text


def test_a_worker_is_told_their_young_people_are_their_allocations_not_a_school(client):
    intervention = allocate()
    client.force_login(intervention.worker)

    text = page_text(client.get(reverse("young_person_list")))

    assert "school's current pupils" not in text
    assert "allocated to you" in text


@pytest.mark.parametrize("page", ["interventions:review", "interventions:close"])
def test_the_worker_writes_a_review_or_the_outcome_with_the_figures_in_front_of_them(client, page):
    """The forms ask for a judgement "shown beside the figures measured from the feeds":
    the worker needs those figures while writing it, not only after sending."""
    today = timezone.localdate()
    intervention = allocate(start=today - datetime.timedelta(days=50))
    reviews_due_measure(today=today)
    client.force_login(intervention.worker)

    text = page_text(client.get(reverse(page, args=[intervention.pk])))

    assert "Measures before the intervention and since it started" in text
    assert f"Review ({intervention.review_date:%-d %b %Y})" in text


def test_the_queue_says_how_long_each_referral_has_waited_for_what_it_waits_for(client):
    """An accepted referral waits for an intervention from its acceptance (its section's
    order), and a question for its answer from the asking: the age since sending said
    neither, so a referral accepted today looked as overdue as one accepted a month ago."""
    long_ago = timezone.now() - datetime.timedelta(days=30)
    accepted = make_referral(status=ReferralStatus.ACCEPTED)
    asked = make_referral(status=ReferralStatus.MORE_INFORMATION)
    Referral.objects.filter(pk__in=[accepted.pk, asked.pk]).update(sent_at=long_ago)
    Referral.objects.filter(pk=accepted.pk).update(decided_at=timezone.now() - datetime.timedelta(days=2))
    Referral.objects.filter(pk=asked.pk).update(status_changed_at=timezone.now() - datetime.timedelta(days=5))
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("referrals:queue")))

    assert "2 days since accepted" in text
    assert "5 days since asked" in text


def test_a_referral_sent_under_a_minute_ago_has_waited_less_than_a_minute_not_0_minutes(client):
    make_referral()
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("referrals:queue")))

    assert "less than a minute since sent" in text
    assert "0 minutes" not in text


def test_the_referral_list_names_the_referrers_school_as_the_queue_does(client):
    referral = make_referral()
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("referrals:list")))

    assert f"{referral.referred_by.display_name}, {referral.school.name}" in text


def test_changing_the_worker_shows_each_workers_load(client):
    allocate(worker=user_with_role(Role.INTERVENTION_WORKER, display_name="Wren Busy"))
    intervention = allocate()
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("interventions:worker", args=[intervention.pk])))

    assert "Wren Busy: 1 open" in text


def test_the_sessions_line_says_how_many_were_attended_not_only_recorded(client):
    """'4 recorded of 8 planned' read as four sessions held with the young person when
    three were missed: the officer judging a closure needs the attendance."""
    intervention = allocate()
    record_session(intervention, status="attended")
    record_session(intervention, status="did_not_attend", note="Not at home.")
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("interventions:detail", args=[intervention.pk])))

    assert "2 recorded of 8 planned: 1 attended, 1 did not attend." in text


def test_who_gave_consent_reads_as_typed_not_mid_sentence(client):
    """Typed as an answer ("His mother"), it read "Consent given, by His mother"."""
    referral = make_referral(consent_given_by="His mother")
    client.force_login(user_with_role(Role.TASKFORCE))

    text = page_text(client.get(reverse("referrals:detail", args=[referral.pk])))

    assert "Given by: His mother" in text
    assert ", by His mother" not in text


def test_a_closed_intervention_shows_no_review_date_still_to_come(client):
    """A closed intervention is reviewed no more; its last 'next review date' read as one due."""
    intervention = allocate()
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    _close(client, intervention)

    text = page_text(client.get(reverse("interventions:detail", args=[intervention.pk])))

    assert "Closed" in text
    assert "Review date" not in text
