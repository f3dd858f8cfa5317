"""The allocation form's errors were terse and unlike each other ("Choose programme",
"Enter provider", "Enter planned sessions as 1 or more" beside "The review date must be
on or after the start date."). They now read as the portal's other messages do: a whole
instruction naming the thing ("Choose a programme"), with no full stop."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import ReferralStatus
from tests.factories.interventions import make_referral
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def _errors(response) -> list[str]:
    page = page_structure(response.content.decode())
    return [" ".join(m["words"].split()).removeprefix("Error: ") for m in page.error_messages]


def test_an_empty_allocation_form_says_what_to_do_for_each_field(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)

    response = officer.post(reverse("referrals:allocate", args=[referral.pk]), {"provider": ""})

    assert _errors(response) == [
        "Choose a programme",
        "Enter the provider",
        "Choose the lead worker",
        "Enter the start date",
        "Enter the number of planned sessions",
        "Enter the review date",
    ]


def test_numbers_and_dates_out_of_order_are_refused_without_a_full_stop(officer):
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    today = timezone.localdate()

    response = officer.post(
        reverse("referrals:allocate", args=[referral.pk]),
        {
            "provider": "Youth service",
            "start_date": today.isoformat(),
            "planned_sessions": "0",
            "review_date": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )

    errors = _errors(response)
    assert "Enter the number of planned sessions, 1 or more" in errors
    assert "The review date must be on or after the start date" in errors
