"""The legal-hold form says what is missing the way every other form in the portal does:
a GOV.UK error summary linking to each field, messages that say what to enter, and what
was typed kept."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from chronology.models import Feed
from stewardship.models import LegalHold
from tests.factories import FeedFactory
from tests.factories.schools import FamilyFactory

pytestmark = pytest.mark.django_db


def test_a_hold_form_sent_empty_has_an_error_summary_saying_what_to_enter(ig_client):
    """Sent as a browser sends the untouched form: every text field, empty; no radio."""
    empty = {"identifier": "", "family_id": "", "feed": "", "reason": "", "ends_on": ""}
    html = ig_client.post(reverse("stewardship:hold_new"), empty).content.decode()

    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary is not None
    for message in ("Choose what the hold covers", "Enter the reason for the hold", "Enter the end date"):
        assert message in summary.group(0)
    assert '<a href="#id_covers_1">Choose what the hold covers</a>' in summary.group(0)
    assert 'id="id_covers_1"' in html
    assert "This field is required." not in html
    assert not LegalHold.objects.exists()


def test_a_hold_form_with_an_error_keeps_what_was_typed_and_offers_feeds_by_name(ig_client):
    FeedFactory(code=Feed.Code.HEALTH)
    until = timezone.localdate() + timedelta(days=30)
    data = {"covers": "person", "identifier": "Z999", "reason": "A civil claim", "ends_on": until.isoformat()}

    html = ig_client.post(reverse("stewardship:hold_new"), data).content.decode()

    assert "govuk-error-summary" in html
    assert 'value="Z999"' in html
    assert "A civil claim</textarea>" in html
    for part, value in (("day", until.day), ("month", until.month), ("year", until.year)):
        assert re.search(rf'name="ends_on_{part}" value="{value}"', html)
    assert '<option value="" selected>Choose a feed</option>' in html
    assert "---------" not in html


def test_a_family_id_typed_in_lower_case_finds_the_family(ig_client):
    """ "nbh000002" was refused while "NBH000002" held, though a UPN is found in any case."""
    family = FamilyFactory(family_id="NBH000002")
    until = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {"covers": "family", "family_id": " nbh000002 ", "reason": "Civil claim", "ends_on": until}
    response = ig_client.post(reverse("stewardship:hold_new"), data)
    assert response.status_code == 302
    assert LegalHold.objects.get().family == family
