"""A dismissal for "Other" with a note over its limit is told how far over, and only that:
"Say why the trigger point is being dismissed" beside a note just typed would contradict it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.models import DismissalReason
from risk.services.review import MAX_NOTE
from tests.error_summary import summary_messages
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db


def test_an_other_reason_with_a_note_too_long_is_told_only_its_length_and_keeps_it(client):
    pupil = EnrolmentFactory().person
    flag = FlagFactory(person=pupil)
    client.force_login(school_staff(Role.DSL, pupil.enrolments.get().school))
    note = "x" * (MAX_NOTE + 1)

    response = client.post(
        reverse("risk:flag_dismiss", args=[flag.pk]), {"reason": DismissalReason.OTHER, "note": note}
    )

    html = response.content.decode()
    assert summary_messages(html) == [
        "Keep this to 2,000 characters or fewer: it has 2,001, which is 1 too many"
    ]
    assert note in html
    flag.refresh_from_db()
    assert flag.dismissed_at is None
