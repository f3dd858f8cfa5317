"""The pages of the engine: the young person's trigger points, dismissal, the review
queue, the indicator library and its outcomes. Assertions are on the raw HTML."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.access import ADDITIONAL_FACTOR, JUDGEMENT_NOTICE
from accounts.models import ChangeLogEntry
from accounts.roles import Role
from chronology.models import Feed, Sensitivity
from risk.models import DismissalReason, Flag, Indicator, Review
from tests.factories import EnrolmentFactory, EventFactory, FeedFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagEvidenceFactory, FlagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupil():
    return EnrolmentFactory().person


def _client(client, user):
    client.force_login(user)
    return client


def _restricted_flag(pupil, **fields):
    feed = FeedFactory(code=Feed.Code.POLICE_INTELLIGENCE, default_sensitivity=Sensitivity.RESTRICTED)
    event = EventFactory(
        person=pupil,
        feed=feed,
        category="police_intelligence",
        summary="Intelligence: seen with older youths",
        occurred_on=timezone.localdate() - timedelta(days=20),
    )
    flag = FlagFactory(
        person=pupil,
        sensitivity=Sensitivity.RESTRICTED,
        version__name="Exploitation intelligence",
        version__indicator__code="tp08",
        **fields,
    )
    FlagEvidenceFactory(flag=flag, event=event, key=f"e{event.pk}", sensitivity=Sensitivity.RESTRICTED)
    return flag


def test_the_head_teacher_sees_an_unnamed_factor_and_the_dsl_the_rule_and_its_evidence(client, pupil):
    _restricted_flag(pupil)
    school = pupil.enrolments.get().school
    url = reverse("young_person_detail", args=[pupil.pk])

    head = _client(client, school_staff(Role.HEAD_TEACHER, school)).get(url).content.decode()
    assert ADDITIONAL_FACTOR in head
    assert JUDGEMENT_NOTICE in head
    assert "Exploitation intelligence" not in head
    assert "tp08" not in head

    dsl = _client(client, school_staff(Role.DSL, school)).get(url).content.decode()
    assert "tp08: Exploitation intelligence" in dsl
    assert "Police intelligence" in dsl
    assert "seen with older youths" not in dsl  # restricted evidence: category and date only for a DSL

    taskforce = _client(client, user_with_role(Role.TASKFORCE)).get(url).content.decode()
    assert "seen with older youths" in taskforce


def test_a_dsl_dismisses_a_flag_with_a_reason_and_it_is_shown_and_logged(client, pupil):
    flag = FlagFactory(person=pupil, version__name="Arrested or a suspect")
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    _client(client, dsl)
    url = reverse("risk:flag_dismiss", args=[flag.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, {"reason": DismissalReason.OTHER, "note": ""})
    assert refused.status_code == 200
    assert "Say why the trigger point is being dismissed." in refused.content.decode()

    response = client.post(url, {"reason": DismissalReason.DATA_WRONG, "note": "Wrong child linked."})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.dismissed_by == dsl
    assert flag.dismissal_reason == DismissalReason.DATA_WRONG
    assert ChangeLogEntry.objects.filter(object_pk=str(flag.pk)).exists()
    page = client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "Dismissed trigger points" in page
    assert "“Wrong child linked.”" in page
    assert client.get(url).status_code == 404


def test_the_review_queue_and_confirmation(client, pupil):
    flag = _restricted_flag(pupil, review=Review.PENDING)
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    detail = reverse("young_person_detail", args=[pupil.pk])
    assert "Exploitation intelligence" not in _client(client, dsl).get(detail).content.decode()

    officer = user_with_role(Role.TASKFORCE)
    _client(client, officer)
    queue = client.get(reverse("risk:review_queue")).content.decode()
    assert "tp08: Exploitation intelligence" in queue
    assert escape(pupil.full_name) in queue
    assert client.post(reverse("risk:flag_confirm", args=[flag.pk])).status_code == 302
    assert Flag.objects.get(pk=flag.pk).review == Review.CONFIRMED

    assert "tp08: Exploitation intelligence" in _client(client, dsl).get(detail).content.decode()


def test_flags_reach_the_chronology_for_those_who_may_see_them(client, pupil):
    FlagFactory(person=pupil, version__name="Arrested or a suspect")
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    page = _client(client, dsl).get(reverse("chronology:timeline", args=[pupil.pk])).content.decode()
    assert "Trigger point raised" in page
    assert "Arrested or a suspect" in page


def _rule_post(**fields) -> dict:
    data = {
        "rules-TOTAL_FORMS": "2",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "4",
        "rules-0-type": "events",
        "rules-0-categories": ["police_incident"],
        "rules-0-days": "365",
        "rules-0-min_count": "1",
        "rules-0-match_detail": "role",
        "rules-0-match_values": "arrested, suspect",
        "rules-1-type": "",
    }
    data.update(fields)
    return data


def test_an_administrator_composes_an_indicator_and_an_edit_adds_a_version(client):
    admin = user_with_role(Role.ADMINISTRATOR)
    _client(client, admin)
    response = client.post(
        reverse("risk:indicator_new"),
        _rule_post(code="tx99", name="Arrests", description="Arrested in the last year.", weight="2"),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="tx99")
    version = indicator.current_version
    assert version.rules == [
        {
            "type": "events",
            "params": {
                "categories": ["police_incident"],
                "min_count": 1,
                "days": 365,
                "match": {"role": ["arrested", "suspect"]},
            },
        }
    ]
    assert not version.needs_review

    bad = client.post(
        reverse("risk:indicator_edit", args=["tx99"]),
        _rule_post(
            **{
                "name": "Arrests",
                "description": "x",
                "weight": "2",
                "based_on": "1",
                "change_note": "Jaywalking too",
                "rules-0-match_values": "jaywalking",
            }
        ),
    )
    assert bad.status_code == 200
    assert "Rule 1: jaywalking is not a code the feeds send for police role" in bad.content.decode()

    client.post(
        reverse("risk:indicator_edit", args=["tx99"]),
        _rule_post(
            name="Arrests",
            description="Over two years.",
            weight="3",
            based_on="1",
            change_note="Arrests two years back still matter",
            **{"rules-0-days": "730"},
        ),
    )
    assert indicator.versions.count() == 2
    assert indicator.current_version.rules[0]["params"]["days"] == 730
    saved = client.get(reverse("risk:indicator", args=["tx99"])).content.decode()
    assert "the next computation" not in saved, "an administrator cannot tell when that is"
    assert "nightly computation at 02:30" in saved
    assert "Version 2" in client.get(reverse("risk:indicator", args=["tx99"])).content.decode()
    edit = client.get(reverse("risk:indicator_edit", args=["tx99"])).content.decode()
    assert '<h1 class="govuk-heading-l">Edit tx99 Arrests</h1>' in edit


@pytest.mark.parametrize("total", ["5", "99999999999999999999"])
def test_a_form_claiming_more_rules_than_allowed_is_refused_without_building_them(client, total):
    """The formset's own count decides how many rule forms Django builds. Without a hard
    cap it built a thousand for a huge count, and the page took close to a minute."""
    _client(client, user_with_role(Role.ADMINISTRATOR))

    response = client.post(
        reverse("risk:indicator_new"),
        _rule_post(code="tx98", name="Arrests", description="x", weight="2", **{"rules-TOTAL_FORMS": total}),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Compose at most 4 rules." in page
    assert 'name="rules-3-type"' in page
    assert 'name="rules-4-type"' not in page
    assert not Indicator.objects.filter(code="tx98").exists()


def test_only_administrators_switch_indicators(client):
    flag = FlagFactory()
    _client(client, user_with_role(Role.TASKFORCE))
    assert client.post(reverse("risk:indicator_switch", args=[flag.indicator.code])).status_code == 403
    _client(client, user_with_role(Role.ADMINISTRATOR))
    assert client.post(reverse("risk:indicator_switch", args=[flag.indicator.code])).status_code == 302
    assert not Indicator.objects.get(pk=flag.indicator_id).enabled


def _dismissed_beside(flag) -> None:
    """A flag of the same version dismissed as already known, read by IG on the outcomes."""
    FlagFactory(
        version=flag.version,
        dismissed_at=timezone.now(),
        dismissal_reason=DismissalReason.KNOWN_AND_SUPPORTED,
    )


def test_outcomes_count_raised_confirmed_and_dismissed_with_reasons(client):
    flag = FlagFactory(review=Review.CONFIRMED)
    _dismissed_beside(flag)
    _client(client, user_with_role(Role.IG_OFFICER))
    page = client.get(reverse("risk:outcomes")).content.decode()
    assert "Already known and supported: 1" in page
    assert "(50%)" in page


def test_a_few_dismissals_among_many_flags_do_not_read_as_none(client):
    """The demo's persistent absence: 3 of 1,656 flags dismissed read "3 (0%)"."""
    flag = FlagFactory()
    FlagFactory.create_batch(200, version=flag.version)
    _dismissed_beside(flag)
    _client(client, user_with_role(Role.IG_OFFICER))

    page = client.get(reverse("risk:outcomes")).content.decode()

    assert "(0%)" not in page
    assert "1 (under 1%)" in page


def test_a_code_already_in_the_library_is_refused_on_the_form(client):
    _client(client, user_with_role(Role.ADMINISTRATOR))
    new = reverse("risk:indicator_new")
    client.post(new, _rule_post(code="tx99", name="Arrests", description="x", weight="2"))

    again = client.post(new, _rule_post(code="tx99", name="Other", description="y", weight="1"))

    assert again.status_code == 200
    assert "tx99 is already an indicator" in again.content.decode()
    assert Indicator.objects.get(code="tx99").current_version.name == "Arrests"


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.TASKFORCE, Role.IG_OFFICER])
def test_the_indicator_library_links_outcomes_only_to_roles_that_may_open_them(client, role):
    """Administrators may not open the outcomes page (403): for them it is named, not linked."""
    client.force_login(user_with_role(role))
    body = client.get(reverse("risk:indicators")).content.decode()
    linked = f'href="{reverse("risk:outcomes")}"' in body
    assert linked == (role != Role.ADMINISTRATOR)
    if linked:
        assert client.get(reverse("risk:outcomes")).status_code == 200


def test_evidence_names_its_category_as_the_chronology_does(client, pupil):
    """The evidence line read "Health ae attendance" where the chronology said "A&E attendance"."""
    feed = FeedFactory(code=Feed.Code.HEALTH, default_sensitivity=Sensitivity.RESTRICTED)
    event = EventFactory(
        person=pupil, feed=feed, category="health_ae_attendance", occurred_on=timezone.localdate()
    )
    flag = FlagFactory(person=pupil, sensitivity=Sensitivity.RESTRICTED, review=Review.PENDING)
    FlagEvidenceFactory(flag=flag, event=event, key=f"e{event.pk}", sensitivity=Sensitivity.RESTRICTED)
    queue = _client(client, user_with_role(Role.TASKFORCE)).get(reverse("risk:review_queue")).content.decode()
    assert "A&amp;E attendance (this young person)" in queue
    assert "Health ae attendance" not in queue
