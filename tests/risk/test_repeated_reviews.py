"""Dismissing and confirming a flag twice (a double click, a colleague's page opened
before the first decision): the first decision stands, the second gets its own answer or a
message saying who decided, never a "page not found" or a second alert."""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import ChangeLogEntry, Notification
from accounts.roles import Role
from risk.models import DismissalReason, Flag, Review
from risk.models.flags import ClearedBecause
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db

DISMISS = {"reason": DismissalReason.DATA_WRONG, "note": "Wrong child linked."}


@pytest.fixture
def pupil():
    return EnrolmentFactory().person


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_dsl_who_double_clicks_dismiss_is_taken_to_the_record_both_times(client, pupil):
    flag = FlagFactory(person=pupil)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    client.force_login(dsl)
    url = reverse("risk:flag_dismiss", args=[flag.pk])

    first, second = client.post(url, DISMISS), client.post(url, DISMISS)

    record = reverse("young_person_detail", args=[pupil.pk]) + "#trigger-points"
    assert (first.status_code, second.status_code) == (302, 302)
    assert first.url == second.url == record
    assert "dismissed" in _messages(second)[-1]
    flag.refresh_from_db()
    assert (flag.dismissed_by, flag.dismissal_reason) == (dsl, DismissalReason.DATA_WRONG)
    assert (
        ChangeLogEntry.objects.get_for_object(flag).filter(action=ChangeLogEntry.Action.UPDATE).count() == 1
    )


def _standing(flag: Flag, who: str) -> str:
    on = timezone.localtime(Flag.objects.get(pk=flag.pk).dismissed_at)
    return (
        f"{flag.indicator.code} was already dismissed by {who} on {on:%-d %B %Y}, "
        "as “The data is wrong or about another child”; that dismissal stands."
    )


def test_a_dismissal_sent_again_with_other_choices_shows_the_one_that_stands(client, pupil):
    """The DSL goes Back to the form and sends it again, choosing another reason: the
    first dismissal is the record, as every form sent twice gets the record the first made."""
    flag = FlagFactory(person=pupil)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school, display_name="Daniel Okoro")
    client.force_login(dsl)
    url = reverse("risk:flag_dismiss", args=[flag.pk])
    client.post(url, DISMISS)

    again = client.post(url, {"reason": DismissalReason.KNOWN_AND_SUPPORTED, "note": ""})

    assert again.status_code == 302
    assert again.url == reverse("young_person_detail", args=[pupil.pk]) + "#trigger-points"
    assert _messages(again)[-1] == _standing(flag, "you")
    flag.refresh_from_db()
    assert (flag.dismissed_by, flag.dismissal_reason) == (dsl, DismissalReason.DATA_WRONG)


def _stale_after_a_colleague(client, pupil, note: str) -> tuple[Flag, object, object]:
    """Dana First dismisses the flag; a colleague, from the form opened before, then sends
    another reason with `note`. The flag, Dana, and the colleague's answer."""
    flag = FlagFactory(person=pupil)
    school = pupil.enrolments.get().school
    first = school_staff(Role.DSL, school, display_name="Dana First")
    client.force_login(first)
    client.post(reverse("risk:flag_dismiss", args=[flag.pk]), DISMISS)

    client.force_login(school_staff(Role.DSL, school))
    stale = client.post(
        reverse("risk:flag_dismiss", args=[flag.pk]),
        {"reason": DismissalReason.KNOWN_AND_SUPPORTED, "note": note},
    )
    return flag, first, stale


def test_a_colleagues_dismissal_sent_after_shows_the_one_that_stands(client, pupil):
    flag, first, stale = _stale_after_a_colleague(client, pupil, "")

    assert stale.status_code == 302
    assert _messages(stale)[-1] == _standing(flag, "Dana First")
    flag.refresh_from_db()
    assert (flag.dismissed_by, flag.dismissal_reason) == (first, DismissalReason.DATA_WRONG)


def test_a_colleagues_stale_dismissal_with_words_of_their_own_keeps_them(client, pupil):
    """What they typed has nowhere else to go: the form comes back with it, and says who
    dismissed the trigger point first, when and why."""
    flag, first, stale = _stale_after_a_colleague(client, pupil, "Known to early help since May.")

    assert stale.status_code == 200
    html = unescape(stale.content.decode())
    assert _standing(flag, "Dana First").removesuffix("; that dismissal stands.") in html
    assert "Known to early help since May." in html
    flag.refresh_from_db()
    assert (flag.dismissed_by, flag.dismissal_reason) == (first, DismissalReason.DATA_WRONG)


def test_an_officer_who_double_clicks_confirm_confirms_once_and_the_dsl_hears_once(client, pupil):
    flag = FlagFactory(person=pupil, review=Review.PENDING)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    client.force_login(user_with_role(Role.TASKFORCE))
    url = reverse("risk:flag_confirm", args=[flag.pk])

    first, second = client.post(url), client.post(url)

    assert (first.status_code, second.status_code) == (302, 302)
    assert "confirmed" in _messages(second)[-1]
    assert Notification.objects.filter(user=dsl).count() == 1


def test_a_flag_dismissed_while_it_waited_in_the_queue_is_not_confirmed(client, pupil):
    """One officer dismisses it from the young person's page; another, on a review queue
    opened before, confirms it: the dismissal stands and no DSL is told of it."""
    flag = FlagFactory(person=pupil, review=Review.PENDING)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    client.force_login(user_with_role(Role.TASKFORCE, display_name="Tariq Officer"))
    assert client.post(reverse("risk:flag_dismiss", args=[flag.pk]), DISMISS).status_code == 302

    client.force_login(user_with_role(Role.TASKFORCE))
    response = client.post(reverse("risk:flag_confirm", args=[flag.pk]))

    assert response.status_code == 302
    assert any("dismissed by Tariq Officer" in m for m in _messages(response))
    flag = Flag.objects.get(pk=flag.pk)
    assert (flag.review, flag.is_dismissed) == (Review.PENDING, True)
    assert not Notification.objects.filter(user=dsl).exists()


@pytest.mark.parametrize(
    ("because", "words"),
    [
        (ClearedBecause.EVIDENCE_LEFT, "because its evidence had left the rule's window."),
        (ClearedBecause.INDICATOR_OFF, "because the trigger point had been switched off."),
    ],
)
def test_a_dismissal_sent_after_the_flag_cleared_is_told_so_not_page_not_found(client, pupil, because, words):
    """The DSL opened the dismissal page; the nightly run cleared the flag before they sent it."""
    flag = FlagFactory(person=pupil)
    client.force_login(school_staff(Role.DSL, pupil.enrolments.get().school))
    url = reverse("risk:flag_dismiss", args=[flag.pk])
    assert client.get(url).status_code == 200
    Flag.objects.filter(pk=flag.pk).update(cleared_at=timezone.now(), cleared_because=because)

    response = client.post(url, DISMISS)

    assert response.status_code == 302
    assert response.url == reverse("young_person_detail", args=[pupil.pk]) + "#trigger-points"
    (said,) = _messages(response)
    assert (
        said
        == f"Nothing was dismissed: {flag.indicator.code} had cleared before your dismissal arrived, {words}"
    )
    flag.refresh_from_db()
    assert flag.dismissed_at is None
    assert client.get(url).status_code == 404


def test_a_cleared_flag_of_a_pupil_not_yours_is_still_not_found(client, pupil):
    flag = FlagFactory(person=pupil, cleared_at=timezone.now(), cleared_because=ClearedBecause.EVIDENCE_LEFT)
    client.force_login(school_staff(Role.DSL, EnrolmentFactory().school))

    assert client.post(reverse("risk:flag_dismiss", args=[flag.pk]), DISMISS).status_code == 404
