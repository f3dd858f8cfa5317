"""Who may lead an intervention: a taskforce officer or an intervention worker who
signs in, never an API service account given such a role."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import Role
from interventions.models import ReferralStatus
from interventions.services.allocation import Allocation, intervention_allocate
from interventions.services.errors import Invalid
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral, programme

pytestmark = pytest.mark.django_db


def test_a_service_account_is_never_offered_or_taken_as_the_lead_worker(client):
    """An API integration given a worker's role is still no person to meet a child."""
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    officer = user_with_role(Role.TASKFORCE)
    service = user_with_role(Role.INTERVENTION_WORKER)
    service.is_service_account = True
    service.save(update_fields=["is_service_account"])
    client.force_login(officer)
    page = client.get(reverse("referrals:allocate", args=[referral.pk])).content.decode()
    assert escape(service.display_name) not in page
    listed = client.get("/api/v1/workers/").json()["results"]
    assert service.pk not in [w["id"] for w in listed]
    start = timezone.localdate()
    with pytest.raises(Invalid, match="lead worker"):
        intervention_allocate(
            by=officer,
            referral=referral,
            allocation=Allocation(
                programme=programme(),
                provider="YS",
                start_date=start,
                planned_sessions=4,
                worker=service,
                review_date=start,
            ),
        )
