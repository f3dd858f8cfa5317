"""A feed's retention period is counted in words wherever it is shown: the register
allows 1 to 1,200 months, so "1 month" and "1,200 months", not "1 months" or "1200"."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed, FeedRun
from tests.factories import FeedFactory, FeedRunFactory
from tests.factories.access import user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db
SPANS = [(1, "1 month"), (72, "72 months"), (1200, "1,200 months")]


@pytest.mark.parametrize(("months", "words"), SPANS)
def test_the_privacy_notice_and_the_register_count_months(client, months, words):
    FeedFactory(code=Feed.Code.POLICE_INCIDENTS, retention_months=months)
    assert f" {words} " in page_text(client.get(reverse("privacy")))
    client.force_login(user_with_role(Role.IG_OFFICER))
    assert f"kept {words} " in page_text(client.get(reverse("chronology:register")))


@pytest.mark.parametrize(("months", "words"), SPANS)
def test_rows_left_out_as_past_retention_count_the_months(client, months, words):
    run = FeedRunFactory(
        status=FeedRun.Status.COMPLETED,
        rows_read=3,
        rows_past_retention=3,
        retention_months=months,
        retention_cutoff=datetime.date(2020, 12, 5),
    )
    client.force_login(user_with_role(Role.DATA_OFFICER))
    page = page_text(client.get(reverse("chronology:run", args=[run.pk])))
    assert f"retention period of {words} (dated before 5 December 2020;" in page
