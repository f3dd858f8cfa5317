"""A referral's trigger points are kept as they were when it was made, and each reader
sees them at their own level: a DSL's referral naming a restricted trigger point shows
the school's head teacher only "an additional factor known to partner agencies", on the
page and in the API, while the DSL and the taskforce read its name."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.access import ADDITIONAL_FACTOR
from accounts.roles import Role
from chronology.models import Sensitivity
from interventions.models import Referral
from interventions.services.referrals import ReferralInvalid, referral_create, referral_update_draft
from interventions.trigger_points import trigger_point_labels, trigger_points_for_referrer
from risk.models import Flag, Review
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import details
from tests.factories.risk import FlagFactory

pytestmark = pytest.mark.django_db

SECRET = "Police intelligence: exploitation marker"
SECRET_CODE = "tx91"
OPEN = "Suspended twice this term"


class World:
    def __init__(self) -> None:
        enrolment = EnrolmentFactory()
        self.pupil = enrolment.person
        self.secret = FlagFactory(
            person=self.pupil,
            sensitivity=Sensitivity.RESTRICTED,
            version__name=SECRET,
            version__indicator__code=SECRET_CODE,
        )
        FlagFactory(person=self.pupil, sensitivity=Sensitivity.PARTNER, version__name=OPEN)
        self.dsl = school_staff(Role.DSL, enrolment.school)
        self.head = school_staff(Role.HEAD_TEACHER, enrolment.school)
        self.taskforce = user_with_role(Role.TASKFORCE)
        self.worker = user_with_role(Role.INTERVENTION_WORKER)

    def refer(self, by, *, send: bool = True) -> Referral:
        chosen = trigger_points_for_referrer(by, self.pupil.pk)
        return referral_create(
            by=by, young_person=self.pupil, details=details(trigger_points=chosen), send=send
        )


@pytest.fixture
def world() -> World:
    return World()


def _page(user, name: str, referral: Referral):
    web = Client()
    web.force_login(user)
    return web.get(reverse(name, args=[referral.pk]))


def _api(user, referral: Referral):
    return client_for(user).get(f"/api/v1/referrals/{referral.pk}/")


def test_the_dsl_chooses_the_restricted_trigger_point_by_name_and_the_head_teacher_could_not(world):
    assert trigger_points_for_referrer(world.dsl, world.pupil.pk) == [SECRET, OPEN]
    assert trigger_points_for_referrer(world.head, world.pupil.pk) == [OPEN, ADDITIONAL_FACTOR]


def test_the_head_teacher_reads_the_dsls_referral_without_the_restricted_name_on_the_page(world):
    referral = world.refer(world.dsl)
    page = _page(world.head, "referrals:detail", referral)
    assert page.status_code == 200
    html = page.content.decode()
    assert SECRET not in html
    assert SECRET_CODE not in html
    assert f"<li>{ADDITIONAL_FACTOR}</li>" in html
    assert f"<li>{OPEN}</li>" in html


def test_the_head_teacher_reads_the_dsls_referral_without_the_restricted_name_in_the_api(world):
    referral = world.refer(world.dsl)
    response = _api(world.head, referral)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert SECRET_CODE not in response.content.decode()
    assert response.json()["trigger_points"] == [OPEN, ADDITIONAL_FACTOR]


def test_the_dsl_and_the_taskforce_read_the_restricted_name_on_the_page_and_in_the_api(world):
    referral = world.refer(world.dsl)
    for reader in (world.dsl, world.taskforce):
        assert f"<li>{SECRET}</li>" in _page(reader, "referrals:detail", referral).content.decode()
        assert _api(reader, referral).json()["trigger_points"] == [SECRET, OPEN]
    assert f"<li>{SECRET}</li>" in _page(world.taskforce, "referrals:triage", referral).content.decode()


def test_an_intervention_worker_reads_no_referral_at_all(world):
    referral = world.refer(world.dsl)
    assert _page(world.worker, "referrals:detail", referral).status_code == 403
    assert _api(world.worker, referral).status_code == 403


def test_the_lists_name_no_trigger_point(world):
    world.refer(world.dsl)
    web = Client()
    web.force_login(world.head)
    assert SECRET not in web.get(reverse("referrals:list")).content.decode()
    assert SECRET not in client_for(world.head).get("/api/v1/referrals/").content.decode()


def test_an_additional_factor_a_head_teacher_chose_tells_the_taskforce_which_it_was(world):
    referral = world.refer(world.head)
    assert _api(world.head, referral).json()["trigger_points"] == [OPEN, ADDITIONAL_FACTOR]
    assert _api(world.taskforce, referral).json()["trigger_points"] == [OPEN, SECRET]
    (kept,) = [p for p in referral.trigger_points if p["code"] == SECRET_CODE]
    assert kept == {
        "flag": world.secret.pk,
        "code": SECRET_CODE,
        "name": SECRET,
        "sensitivity": Sensitivity.RESTRICTED,
        "awaiting_review": False,
    }


def test_one_additional_factor_a_head_teacher_chose_keeps_every_flag_behind_it(world):
    """The head teacher is offered one additional factor however many flags they may not
    name; the referral keeps them all, so the taskforce reads each."""
    FlagFactory(person=world.pupil, sensitivity=Sensitivity.RESTRICTED, version__name="Domestic abuse")
    assert trigger_points_for_referrer(world.head, world.pupil.pk) == [OPEN, ADDITIONAL_FACTOR]
    referral = world.refer(world.head)
    assert _api(world.head, referral).json()["trigger_points"] == [OPEN, ADDITIONAL_FACTOR]
    assert _api(world.taskforce, referral).json()["trigger_points"] == [OPEN, SECRET, "Domestic abuse"]


def test_the_referral_keeps_its_trigger_points_after_the_flag_clears(world):
    referral = world.refer(world.dsl)
    world.secret.cleared_at = timezone.now()
    world.secret.save()
    assert trigger_points_for_referrer(world.dsl, world.pupil.pk) == [OPEN]
    assert _api(world.dsl, referral).json()["trigger_points"] == [SECRET, OPEN]
    assert _api(world.head, referral).json()["trigger_points"] == [OPEN, ADDITIONAL_FACTOR]


def test_a_name_the_head_teacher_could_read_is_hidden_once_its_flag_becomes_restricted(world):
    """A feed raised to restricted raises its flags at once (risk.services.feed_sensitivity);
    the referral shows each trigger point at the higher of its tier then and its flag's now."""
    referral = world.refer(world.dsl)
    Flag.objects.filter(version__name=OPEN).update(sensitivity=Sensitivity.RESTRICTED)
    assert _api(world.head, referral).json()["trigger_points"] == [ADDITIONAL_FACTOR]
    assert OPEN not in _page(world.head, "referrals:detail", referral).content.decode()
    assert _api(world.dsl, referral).json()["trigger_points"] == [SECRET, OPEN]


def test_a_flag_awaiting_review_in_a_taskforce_referral_is_named_only_for_the_taskforce(world):
    FlagFactory(
        person=world.pupil, sensitivity=Sensitivity.PARTNER, version__name="Waiting", review=Review.PENDING
    )
    referral = world.refer(world.taskforce)
    assert "Waiting" in _api(world.taskforce, referral).json()["trigger_points"]
    assert "Waiting" not in trigger_point_labels(world.dsl, referral.trigger_points)


def test_a_head_teachers_draft_keeps_the_restricted_flag_it_stood_for_when_saved_again(world):
    draft = world.refer(world.head, send=False)
    world.secret.cleared_at = timezone.now()
    world.secret.save()
    web = Client()
    web.force_login(world.head)
    form = web.get(reverse("referrals:edit", args=[draft.pk])).content.decode()
    assert SECRET not in form
    assert ADDITIONAL_FACTOR in form
    updated = referral_update_draft(
        by=world.head,
        referral=draft,
        details=details(trigger_points=[ADDITIONAL_FACTOR]),
        expected_version=draft.version,
    )
    assert [p["name"] for p in updated.trigger_points] == [SECRET]


def test_a_trigger_point_never_offered_is_refused_by_the_service(world):
    with pytest.raises(ReferralInvalid) as refused:
        referral_create(
            by=world.head,
            young_person=world.pupil,
            details=details(trigger_points=[SECRET]),
            send=True,
        )
    assert "trigger_points" in refused.value.problems


def test_names_stored_before_tiers_were_kept_fail_closed():
    """The migration keeps every stored name as restricted: a head teacher sees each as an
    additional factor, a DSL and the taskforce by name."""
    world = World()
    referral = world.refer(world.dsl)
    Referral.objects.filter(pk=referral.pk).update(trigger_points=[OPEN, SECRET, ADDITIONAL_FACTOR])
    migration = importlib.import_module(
        "interventions.migrations.0004_referral_trigger_points_keep_sensitivity"
    )
    migration.keep_facts(apps, None)

    assert _api(world.head, referral).json()["trigger_points"] == [ADDITIONAL_FACTOR]
    html = _page(world.head, "referrals:detail", referral).content.decode()
    assert OPEN not in html
    assert SECRET not in html
    assert _api(world.dsl, referral).json()["trigger_points"] == [OPEN, SECRET, ADDITIONAL_FACTOR]
    assert _api(world.taskforce, referral).json()["trigger_points"] == [OPEN, SECRET, ADDITIONAL_FACTOR]
