"""A flag takes the highest sensitivity of its evidence. When an administrator changes a
feed's default sensitivity in the feed register, the feed's events move at once, and
so, in the same transaction, do the trigger points resting on them: the head teacher
stops seeing a trigger point by name the moment its feed becomes restricted (and starts
again if it is lowered), an intervention worker reads none of its evidence, and the
flags then stand exactly as the nightly full recompute would leave them."""

from datetime import date

import pytest
from django.contrib import admin as django_admin
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.access import ADDITIONAL_FACTOR
from accounts.roles import Role
from chronology.forms import REGISTER_FIELDS
from chronology.models import Feed, Sensitivity
from chronology.services.register import feed_update
from risk.models import Flag, FlagEvidence
from risk.services.review import flag_dismiss
from tests.api.conftest import client_for as api_client_for
from tests.chronology.register_edit import as_opened
from tests.csv_download import csv_rows
from tests.factories import EnrolmentFactory, EventFactory, FamilyFactory, FamilyMemberFactory, PersonFactory
from tests.factories.access import school_staff, user_with_role
from tests.risk.conftest import TODAY, attendance_weeks, compute, event, events_rule, feed, make_indicator
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db

POLICE = Feed.Code.POLICE_INCIDENTS
SUMMARY = "Seen with older males linked to county lines at the station"
EVIDENCE_DAY = "20 Nov 2026"
"""TODAY less the 10 days of every event below, as the young person's page writes it."""


@pytest.fixture
def administrator():
    return user_with_role(Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def pupil():
    """A pupil flagged for tq07 on one police incident (partner): named for the head
    teacher, with the incident's date."""
    enrolment = EnrolmentFactory()
    make_indicator([events_rule(["police_incident"])], code="tq07")
    event(enrolment.person, POLICE, "police_incident", 10, summary=SUMMARY)
    compute()
    return enrolment


def set_default(by, code: str, sensitivity: str) -> None:
    feed_update(by=by, feed=feed(code), fields={"default_sensitivity": sensitivity})


def record_page(user, enrolment) -> str:
    return client_for(user).get(reverse("young_person_detail", args=[enrolment.person.pk])).content.decode()


def list_csv(user) -> list[list[str]]:
    return csv_rows(client_for(user).get(reverse("trigger_points:flagged_csv"), {"dismissed": "either"}))[1:]


def api_trigger_points(user) -> list[dict]:
    [row] = api_client_for(user).get("/api/v1/flags/").json()["results"]
    return row["trigger_points"]


def test_raised_to_restricted_the_head_teacher_sees_only_an_additional_factor(pupil, administrator):
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    before = record_page(head, pupil)
    assert "tq07: Rule tq07" in before
    assert EVIDENCE_DAY in before
    assert list_csv(head)[0][3] == "tq07"

    set_default(administrator, POLICE, Sensitivity.RESTRICTED)

    html = record_page(head, pupil)
    assert ADDITIONAL_FACTOR in html
    for hidden in ("tq07", "Rule tq07", EVIDENCE_DAY, SUMMARY):
        assert hidden not in html, hidden
    assert list_csv(head)[0][3] == "other"
    assert api_trigger_points(head) == [
        {"id": None, "named": False, "code": "other", "name": ADDITIONAL_FACTOR}
    ]


def test_raised_to_restricted_a_worker_reads_none_of_its_evidence_and_a_dsl_only_its_date(
    pupil, administrator
):
    from tests.factories.interventions import allocate, make_referral

    worker = user_with_role(Role.INTERVENTION_WORKER)
    allocate(referral=make_referral(person=pupil.person, status="accepted"), worker=worker)
    dsl = school_staff(Role.DSL, pupil.school)
    assert SUMMARY in record_page(worker, pupil)

    set_default(administrator, POLICE, Sensitivity.RESTRICTED)

    worker_html = record_page(worker, pupil)
    assert SUMMARY not in worker_html
    assert "tq07" not in worker_html
    dsl_html = record_page(dsl, pupil)
    assert "tq07: Rule tq07" in dsl_html
    assert EVIDENCE_DAY in dsl_html
    assert SUMMARY not in dsl_html


def test_lowered_from_restricted_the_head_teacher_sees_the_trigger_point_by_name(administrator):
    enrolment = EnrolmentFactory()
    make_indicator([events_rule(["police_intelligence"])], code="tq08")
    event(enrolment.person, Feed.Code.POLICE_INTELLIGENCE, "police_intelligence", 10)
    compute()
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)
    assert "tq08" not in record_page(head, enrolment)

    set_default(administrator, Feed.Code.POLICE_INTELLIGENCE, Sensitivity.PARTNER)

    html = record_page(head, enrolment)
    assert "tq08: Rule tq08" in html
    assert EVIDENCE_DAY in html
    assert api_trigger_points(head)[0]["code"] == "tq08"


def test_a_flag_keeps_the_highest_of_its_evidence_from_every_feed(administrator):
    """Evidence from the police (partner) and from police intelligence (restricted):
    lowering the police feed changes nothing the head teacher sees; lowering
    intelligence as well makes the flag partner, named again."""
    enrolment = EnrolmentFactory()
    make_indicator([events_rule(["police_incident", "police_intelligence"])], code="tq07")
    event(enrolment.person, POLICE, "police_incident", 10)
    event(enrolment.person, Feed.Code.POLICE_INTELLIGENCE, "police_intelligence", 10)
    compute()
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)

    set_default(administrator, POLICE, Sensitivity.EDUCATION)
    assert Flag.objects.get().sensitivity == Sensitivity.RESTRICTED
    assert "tq07" not in record_page(head, enrolment)

    set_default(administrator, Feed.Code.POLICE_INTELLIGENCE, Sensitivity.PARTNER)
    assert Flag.objects.get().sensitivity == Sensitivity.PARTNER
    assert "tq07: Rule tq07" in record_page(head, enrolment)


def test_an_event_given_another_sensitivity_keeps_it_as_evidence(pupil, administrator):
    EventFactory(person=pupil.person, feed=feed(POLICE), category="police_incident",
                 occurred_on=TODAY, sensitivity=Sensitivity.EDUCATION)  # fmt: skip
    compute()

    set_default(administrator, POLICE, Sensitivity.RESTRICTED)

    by_day = dict(FlagEvidence.objects.values_list("occurred_on", "sensitivity"))
    assert by_day == {date(2026, 11, 20): Sensitivity.RESTRICTED, TODAY: Sensitivity.EDUCATION}
    assert Flag.objects.get().sensitivity == Sensitivity.RESTRICTED


def _city():
    """One flag of each kind of evidence: a young person's own events, a sibling's, the
    household's, and weeks of attendance."""
    own, sibling_of, household_of, absent = (EnrolmentFactory() for _ in range(4))
    make_indicator([events_rule(["police_incident"])], code="tq07")
    event(own.person, POLICE, "police_incident", 10)
    sibling_rule = {"relationships": ["sibling"], "categories": ["youth_justice_outcome"], "days": 365}
    household_rule = {
        "relationships": ["household"],
        "categories": ["domestic_abuse_notification"],
        "days": 365,
    }
    make_indicator([{"type": "family_events", "params": {**sibling_rule, "min_count": 1}}], code="tq09")
    make_indicator([{"type": "family_events", "params": {**household_rule, "min_count": 1}}], code="tq10")
    rate = {"max_percent": 50, "weeks": 2, "min_possible": 1}
    make_indicator([{"type": "attendance_rate", "params": rate}], code="tq11")
    brother = PersonFactory(date_of_birth=date(2000, 1, 1))
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=sibling_of.person, relationship="child")
    FamilyMemberFactory(family=family, person=brother, relationship="sibling")
    event(brother, Feed.Code.YOUTH_JUSTICE, "youth_justice_outcome", 10, family=family)
    home = FamilyFactory()
    FamilyMemberFactory(family=home, person=household_of.person, relationship="child")
    event(None, Feed.Code.DOMESTIC_ABUSE, "domestic_abuse_notification", 10, family=home)
    attendance_weeks(absent.person, absent.school, [(1, 10), (1, 10)])
    compute()
    assert Flag.objects.count() == 4


def _stored() -> tuple[dict, dict]:
    flags = dict(Flag.objects.values_list("indicator__code", "sensitivity"))
    evidence = {(e.flag_id, e.key): e.sensitivity for e in FlagEvidence.objects.all()}
    return flags, evidence


CHANGES = [
    (POLICE, Sensitivity.RESTRICTED, {"tq07": Sensitivity.RESTRICTED}),
    (Feed.Code.YOUTH_JUSTICE, Sensitivity.EDUCATION, {"tq09": Sensitivity.PARTNER}),
    (Feed.Code.YOUTH_JUSTICE, Sensitivity.RESTRICTED, {"tq09": Sensitivity.RESTRICTED}),
    (Feed.Code.DOMESTIC_ABUSE, Sensitivity.PARTNER, {"tq10": Sensitivity.PARTNER}),
    (Feed.Code.ATTENDANCE, Sensitivity.PARTNER, {"tq11": Sensitivity.PARTNER}),
    (POLICE, Sensitivity.EDUCATION, {"tq07": Sensitivity.EDUCATION}),
]


@pytest.mark.parametrize(("code", "sensitivity", "expected"), CHANGES)
def test_flags_stand_as_the_nightly_recompute_would_leave_them(administrator, code, sensitivity, expected):
    """A relative's event counts as partner at least however low its feed is set; weeks
    of attendance take their feed's default, as the recompute gives them."""
    _city()
    if code == POLICE and sensitivity == Sensitivity.EDUCATION:
        set_default(administrator, POLICE, Sensitivity.RESTRICTED)

    set_default(administrator, code, sensitivity)
    flags, evidence = _stored()
    compute()

    assert _stored() == (flags, evidence)
    assert {c: flags[c] for c in expected} == expected


def test_dismissed_and_cleared_trigger_points_follow_too(pupil, administrator):
    """Each is still shown: a dismissed one on the young person's page, a cleared one in
    the chronology."""
    dsl = school_staff(Role.DSL, pupil.school)
    flag_dismiss(by=dsl, flag=Flag.objects.get(), reason="known_and_supported")
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    assert "tq07: Rule tq07" in record_page(head, pupil)
    chronology = reverse("chronology:timeline_csv", args=[pupil.person.pk])
    assert "Trigger point raised" in client_for(head).get(chronology).content.decode()

    set_default(administrator, POLICE, Sensitivity.RESTRICTED)

    html = record_page(head, pupil)
    assert "tq07" not in html
    assert ADDITIONAL_FACTOR in html[html.index("Dismissed trigger points") :]
    assert list_csv(head)[0][3] == "other(dismissed)"
    assert "Trigger point raised" not in client_for(head).get(chronology).content.decode()


def test_an_edit_that_rolls_back_leaves_the_flags_as_they_were(pupil, administrator):
    def edit_that_fails() -> None:
        with transaction.atomic():
            set_default(administrator, POLICE, Sensitivity.RESTRICTED)
            assert Flag.objects.get().sensitivity == Sensitivity.RESTRICTED
            raise RuntimeError("the edit fails after the flags moved")

    with pytest.raises(RuntimeError):
        edit_that_fails()

    assert Flag.objects.get().sensitivity == Sensitivity.PARTNER
    assert "tq07: Rule tq07" in record_page(school_staff(Role.HEAD_TEACHER, pupil.school), pupil)


def test_the_change_costs_the_same_queries_however_many_flags_rest_on_the_feed(pupil, administrator):
    def queries_to_raise() -> int:
        with CaptureQueriesContext(connection) as captured:
            set_default(administrator, POLICE, Sensitivity.RESTRICTED)
        set_default(administrator, POLICE, Sensitivity.PARTNER)
        return len(captured)

    few = queries_to_raise()
    for _ in range(6):
        event(EnrolmentFactory().person, POLICE, "police_incident", 10)
    compute()
    assert Flag.objects.count() == 7
    assert queries_to_raise() == few


def test_the_register_page_and_the_django_admin_both_move_the_flags(pupil, administrator):
    web = client_for(administrator)
    police = feed(POLICE)
    data = {name: getattr(police, name) for name in REGISTER_FIELDS} | {"default_sensitivity": "restricted"}
    data |= as_opened(web, POLICE)
    assert web.post(reverse("chronology:register_edit", args=[POLICE]), data).status_code == 302
    assert Flag.objects.get().sensitivity == Sensitivity.RESTRICTED

    request = RequestFactory().post("/")
    request.user = administrator
    police = feed(POLICE)
    police.default_sensitivity = Sensitivity.PARTNER
    django_admin.site._registry[Feed].save_model(request, police, None, change=True)
    assert police.events.get().sensitivity == Sensitivity.PARTNER
    assert Flag.objects.get().sensitivity == Sensitivity.PARTNER
