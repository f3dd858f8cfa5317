"""Trigger points in the chronology: on the local day they happened, and in the order
they happened within a day."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from chronology.timeline import TimelineFilter, timeline_for
from risk.models.flags import ClearedBecause, DismissalReason
from tests.csv_download import csv_dicts
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_a_flag_raised_and_cleared_in_one_british_summer_night_reads_on_that_day_in_order():
    enrolment = EnrolmentFactory()
    raised = datetime.datetime(2025, 5, 31, 23, 30, tzinfo=UTC)
    """00:30 on 1 June in London, when the nightly recompute runs."""
    FlagFactory(
        person=enrolment.person,
        raised_at=raised,
        cleared_at=raised + datetime.timedelta(hours=8),
        cleared_because=ClearedBecause.values[0],
    )
    dsl = school_staff(Role.DSL, enrolment.school)

    entries = [e for e in timeline_for(dsl, enrolment.person).entries if e.key.startswith("trigger_points:")]

    assert [(e.category, e.occurred_on) for e in entries] == [
        ("trigger_point_cleared", datetime.date(2025, 6, 1)),
        ("trigger_point_raised", datetime.date(2025, 6, 1)),
    ]


def test_a_head_teacher_sees_a_partner_trigger_point_by_name_but_no_more_everywhere():
    """DESIGN.md section 5: a viewer who may see a flag's tier as category and date sees
    the flag by name, as the young person's page names it."""
    enrolment = EnrolmentFactory()
    flag = FlagFactory(
        person=enrolment.person,
        sensitivity=Sensitivity.PARTNER,
        version__name="Arrested or a suspect",
        dismissed_at=datetime.datetime(2025, 6, 2, 9, tzinfo=UTC),
        dismissal_reason=DismissalReason.KNOWN_AND_SUPPORTED,
    )
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)
    client = Client()
    client.force_login(head)
    pk = enrolment.person.pk

    page = client.get(reverse("chronology:timeline", args=[pk])).content.decode()
    rows = csv_dicts(client.get(reverse("chronology:timeline_csv", args=[pk])))
    api = client.get(reverse("api:young-person-chronology", args=[pk])).json()["results"]

    assert "Arrested or a suspect" in page
    assert {r["What happened"] for r in rows if r["Category"] == "Trigger point raised"} == {
        f"{flag.indicator.code}: Arrested or a suspect"
    }
    assert all(
        "Arrested or a suspect" in (e["name"] or "") for e in api if e["category"].startswith("trigger")
    )
    assert all(e["summary"] is None for e in api if e["category"].startswith("trigger"))
    for body in (page, str(rows), str(api)):
        assert "Already known and supported" not in body
        assert "Dismissed by" not in body
    found = timeline_for(head, enrolment.person, TimelineFilter(q="arrested")).entries
    assert {e.category for e in found} == {"trigger_point_raised", "trigger_point_dismissed"}
