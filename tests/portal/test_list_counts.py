"""The count above a list carries a thousands separator, as the flagged-pupils list's
always has: referrals, interventions, link decisions waiting and a person's access-log
entries all run past 999 in a city's year. The lists are real; only their count is
raised, since 1,234 rows of each would say nothing more."""

import pytest
from django.core.paginator import Paginator
from django.urls import reverse

from accounts.roles import Role
from accounts.views import ig_log
from tests.factories import AccessLogEntryFactory, PersonFactory
from tests.factories.access import user_with_role
from tests.factories.chronology import queued_link_review
from tests.factories.interventions import allocate, make_referral
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "role", "url", "words"),
    [
        (make_referral, Role.TASKFORCE, "referrals:list", "1,234 referrals"),
        (allocate, Role.TASKFORCE, "interventions:list", "1,234 interventions"),
        (queued_link_review, Role.DATA_OFFICER, "chronology:review_queue", "1,234 decisions waiting"),
    ],
)
def test_a_list_of_1234_says_1_234(client, monkeypatch, make, role, url, words):
    make()
    monkeypatch.setattr(Paginator, "count", property(lambda self: 1234))
    client.force_login(user_with_role(role))
    assert words in page_text(client.get(reverse(url)))


def test_who_has_seen_a_young_person_counts_1234_entries_as_1_234(client, monkeypatch):
    person = PersonFactory()
    AccessLogEntryFactory(persons=[person])
    monkeypatch.setattr(ig_log, "count_entries_naming", lambda person, until=None: 1234)
    client.force_login(user_with_role(Role.IG_OFFICER))
    page = page_text(client.get(reverse("access_log:person_history", args=[person.pk])))
    assert "1,234 entries, newest first" in page
