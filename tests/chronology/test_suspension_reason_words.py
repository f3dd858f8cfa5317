"""A suspension's reasons read in the national wording (FEEDS.md 3.3), not as the feed's
codes: school staff read "Suspension for 4 sessions (DB, BU)" on the young person's page
and in the chronology, and do not know the codes."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Event, Sensitivity
from tests.chronology.conftest import UPN1
from tests.factories import EnrolmentFactory, PersonFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagEvidenceFactory, FlagFactory, IndicatorVersionFactory

pytestmark = pytest.mark.django_db
IN_WORDS = "Suspension for 4 sessions (persistent or general disruptive behaviour, bullying)"


@pytest.fixture
def ada(school):
    person = PersonFactory(upn=UPN1)
    EnrolmentFactory(person=person, school=school)
    return person


@pytest.fixture
def suspended(ada, run_import):
    run_import(
        "suspensions",
        f"""
        source_record_id,urn,upn,category,start_date,sessions,reasons
        S1,100001,{UPN1},SUSP,2025-02-10,4,DB;bu
        S2,100001,{UPN1},PERM,2025-03-10,,va
        """,
    )
    return ada


def test_the_chronology_names_the_reasons_in_words(client, suspended):
    client.force_login(school_staff(Role.HEAD_TEACHER, suspended.enrolments.get().school))
    html = client.get(reverse("chronology:timeline", args=[suspended.pk])).content.decode()
    assert IN_WORDS in html
    assert "Permanent exclusion (verbal abuse/threatening behaviour against an adult)" in html
    assert "(DB, BU)" not in html
    assert "(VA)" not in html


def test_the_young_persons_page_names_the_reasons_in_words(client, suspended):
    """There the suspension is a trigger point's evidence."""
    version = IndicatorVersionFactory(indicator__code="tp04", name="Two or more suspensions", weight=2)
    flag = FlagFactory(person=suspended, version=version, sensitivity=Sensitivity.EDUCATION)
    for event in Event.objects.filter(person=suspended):
        FlagEvidenceFactory(flag=flag, event=event, occurred_on=event.occurred_on)
    client.force_login(school_staff(Role.DSL, suspended.enrolments.get().school))
    html = client.get(reverse("young_person_detail", args=[suspended.pk])).content.decode()
    assert IN_WORDS in html
    assert "(DB, BU)" not in html


def test_the_codes_stay_in_the_details(suspended):
    """The API and the trigger points' rules still read the codes themselves."""
    event = Event.objects.get(person=suspended, category="suspension")
    assert event.details["reasons"] == ["DB", "BU"]


def test_suspensions_imported_before_are_written_again_in_words(suspended):
    """The migration: an event the importer wrote with codes reads in words; one whose
    summary is in any other wording is left alone."""
    coded = Event.objects.get(person=suspended, category="suspension")
    coded.summary = "Suspension for 4 sessions (DB, BU)"
    coded.save()
    other = Event.objects.get(person=suspended, category="permanent_exclusion")
    other.summary = "Permanent exclusion: threatened a member of staff"
    other.save()
    migration = importlib.import_module("chronology.migrations.0023_suspension_reasons_in_words")
    migration.reasons_in_words(django_apps, None)
    coded.refresh_from_db()
    other.refresh_from_db()
    assert coded.summary == IN_WORDS
    assert other.summary == "Permanent exclusion: threatened a member of staff"
