"""Referring a young person: who may, drafts and sending, consent rules, a sent referral
that can only be added to, and what the referrer and their school see."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Notification, User
from accounts.roles import Role
from interventions.models import Referral, ReferralEntry, ReferralStatus
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.referrals import (
    ReferralInvalid,
    referral_add_information,
    referral_create,
    referral_update_draft,
)
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate, details, make_referral, pupil_and_dsl
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

FORM = {
    "reason": "Persistent absence and seen with older young people",
    "young_person_knows": "That school is worried about them",
    "family_knows": "Mother is aware",
    "consent_basis": "consent",
    "consent_given_by": "Mother",
    "urgency": "urgent",
    "referrer_contact": "01632 960002",
}


def test_a_head_teacher_refers_a_pupil_and_the_taskforce_and_dsls_hear_once(client):
    pupil = EnrolmentFactory()
    head = school_staff(Role.HEAD_TEACHER, pupil.school)
    dsl = school_staff(Role.DSL, pupil.school)
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(head)

    page = client.get(reverse("referrals:new", args=[pupil.person.pk]))
    assert page.status_code == 200
    response = client.post(reverse("referrals:new", args=[pupil.person.pk]), FORM | {"action": "send"})

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert (referral.status, referral.referred_by, referral.school) == (
        ReferralStatus.SENT,
        head,
        pupil.school,
    )
    assert list(referral.entries.values_list("action", flat=True)) == ["created", "sent"]
    assert Notification.objects.filter(user=dsl, kind="referral_status").count() == 1
    assert Notification.objects.filter(user=officer, kind="referral_for_triage").count() == 1
    assert not Notification.objects.filter(user=head).exists()
    detail = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert b"Sent to the taskforce" in detail.content
    assert b"Draft saved" not in detail.content, "it was sent at once, never kept as a draft"
    assert b"Created" in detail.content
    assert escape(pupil.person.full_name) in detail.content.decode()


def test_a_draft_is_saved_changed_and_sent_later(client):
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    client.post(reverse("referrals:new", args=[person.pk]), FORM | {"action": "save"})
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.DRAFT
    assert not Notification.objects.exists()

    edit = reverse("referrals:edit", args=[referral.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, FORM | {"reason": "Changed reason", "version": referral.version, "action": "save"})
    referral.refresh_from_db()
    assert (referral.reason, referral.status) == ("Changed reason", ReferralStatus.DRAFT)

    client.post(reverse("referrals:send", args=[referral.pk]), {"version": referral.version})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert referral.sent_at is not None


def test_a_sent_referral_is_not_edited_only_added_to(client):
    referral = make_referral()
    client.force_login(referral.referred_by)
    response = client.get(reverse("referrals:edit", args=[referral.pk]))
    assert response.status_code == 302
    with pytest.raises(InvalidTransition):
        referral_update_draft(
            by=referral.referred_by,
            referral=referral,
            details=details(reason="x"),
            expected_version=referral.version,
        )
    client.post(reverse("referrals:add", args=[referral.pk]), {"note": "He was excluded yesterday."})
    referral.refresh_from_db()
    assert referral.reason.startswith("Missing lessons")
    added = referral.entries.get(action=ReferralEntry.Action.ADDED)
    assert added.note == "He was excluded yesterday."
    assert added.by == referral.referred_by


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"consent_basis": "consent", "consent_given_by": ""}, "consent_given_by"),
        ({"consent_basis": "not_sought", "consent_explanation": ""}, "consent_explanation"),
        ({"consent_basis": "other", "consent_explanation": " "}, "consent_explanation"),
        ({"consent_basis": "maybe"}, "consent_basis"),
        ({"reason": "   "}, "reason"),
    ],
)
def test_the_consent_or_legal_basis_must_be_complete(fields, field):
    person, dsl = pupil_and_dsl()
    with pytest.raises(ReferralInvalid) as refused:
        referral_create(by=dsl, young_person=person, details=details(**fields), send=True)
    assert field in refused.value.problems
    assert not Referral.objects.exists()


def test_the_form_shows_what_is_missing_and_keeps_what_was_typed(client):
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    response = client.post(
        reverse("referrals:new", args=[person.pk]), FORM | {"consent_basis": "not_sought", "action": "send"}
    )
    assert response.status_code == 200
    assert b"Enter why seeking consent would put the child at risk" in response.content
    assert FORM["reason"].encode() in response.content
    assert not Referral.objects.exists()


def test_the_consent_question_and_its_hint_read_as_two_sentences(client):
    """The label ended "…: explain" and the hint began "Why seeking consent…", read on
    as one sentence with a capital in its middle."""
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    text = page_text(client.get(reverse("referrals:new", args=[person.pk])))
    assert (
        "If consent was not sought, or you rely on another basis: why? "
        "Say why seeking consent would put the child at risk, or which basis you rely on and why."
    ) in text


def test_staff_cannot_refer_another_schools_pupil():
    person, _ = pupil_and_dsl()
    other = school_staff(Role.HEAD_TEACHER, SchoolFactory())
    with pytest.raises(NotAllowed):
        referral_create(by=other, young_person=person, details=details(), send=True)


@pytest.mark.parametrize(
    "role", [Role.IG_OFFICER, Role.DATA_OFFICER, Role.ADMINISTRATOR, Role.INTERVENTION_WORKER]
)
def test_other_roles_may_not_refer_or_read_referrals(client, role):
    referral = make_referral()
    client.force_login(user_with_role(role))
    for url in (
        reverse("referrals:list"),
        reverse("referrals:new", args=[referral.young_person_id]),
        reverse("referrals:detail", args=[referral.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_school_sees_its_referrals_and_loses_them_when_the_pupil_moves(client):
    referral = make_referral()
    head = school_staff(Role.HEAD_TEACHER, referral.school)
    client.force_login(head)
    assert escape(referral.young_person.full_name) in client.get(reverse("referrals:list")).content.decode()
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200

    enrolment = referral.young_person.enrolments.get()
    enrolment.leaving_date = enrolment.entry_date
    enrolment.save()
    EnrolmentFactory(person=referral.young_person)
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404


def test_another_schools_staff_and_drafts_of_others_stay_hidden(client):
    draft = make_referral(status=ReferralStatus.DRAFT)
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    assert client.get(reverse("referrals:detail", args=[draft.pk])).status_code == 404
    client.force_login(school_staff(Role.DSL, SchoolFactory()))
    sent = make_referral()
    assert client.get(reverse("referrals:detail", args=[sent.pk])).status_code == 404


def test_the_referral_puts_the_young_person_on_the_taskforce_caseload(client):
    draft = make_referral(status=ReferralStatus.DRAFT)
    officer = user_with_role(Role.TASKFORCE)
    client.force_login(officer)
    record = reverse("young_person_detail", args=[draft.young_person_id])
    assert client.get(record).status_code == 404
    make_referral(person=draft.young_person)
    assert client.get(record).status_code == 200


def test_the_taskforce_refers_someone_on_its_caseload():
    referral = make_referral()
    officer = user_with_role(Role.TASKFORCE)
    own = referral_create(by=officer, young_person=referral.young_person, details=details(), send=True)
    assert own.school is None
    assert own.status == ReferralStatus.SENT


def test_adding_information_needs_words_and_a_sent_referral():
    draft = make_referral(status=ReferralStatus.DRAFT)
    with pytest.raises(InvalidTransition):
        referral_add_information(by=draft.referred_by, referral=draft, note="More")
    sent = make_referral()
    with pytest.raises(Invalid):
        referral_add_information(by=sent.referred_by, referral=sent, note="   ")


@pytest.mark.parametrize("value", ["0", "99999999999999999999", "-1"])
def test_hostile_ids_answer_404(client, value):
    _, dsl = pupil_and_dsl()
    client.force_login(dsl)
    for path in (f"/referrals/{value}/", f"/referrals/new/{value}/", f"/interventions/{value}/"):
        assert client.get(path).status_code in (403, 404), path


def test_nul_bytes_and_overlong_text_are_refused_without_an_error(client):
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    url = reverse("referrals:new", args=[person.pk])
    assert client.post(url, FORM | {"reason": "a\x00b", "action": "send"}).status_code == 400
    for bad in ({"reason": "x" * 10_001}, {"referrer_contact": "y" * 201}):
        response = client.post(url, FORM | bad | {"action": "send"})
        assert response.status_code == 200
        assert b"govuk-error-summary" in response.content
    assert not Referral.objects.exists()


def test_information_added_reaches_everyone_working_on_the_referral_but_its_author():
    intervention = allocate()
    referral = intervention.referral
    officer = user_with_role(Role.TASKFORCE)

    referral_add_information(by=referral.referred_by, referral=referral, note="He was excluded yesterday.")

    told = Notification.objects.filter(kind="referral_information")
    officers = set(User.objects.filter(groups__name=Role.TASKFORCE.value).values_list("pk", flat=True))
    assert officer.pk in officers
    assert set(told.values_list("user_id", flat=True)) == officers | {intervention.worker_id}
    assert told.get(user=intervention.worker).url == reverse("interventions:detail", args=[intervention.pk])
    assert referral.young_person.surname not in " ".join(told.values_list("title", flat=True))

    told.delete()
    referral.refresh_from_db()
    referral_add_information(by=officer, referral=referral, note="Youth offending team now involved.")
    # The referrer is the school's DSL; the officer's colleagues are not told of their note.
    assert set(told.values_list("user_id", flat=True)) == {referral.referred_by_id, intervention.worker_id}


def test_a_referral_made_and_read_through_break_glass_is_logged_with_it(client):
    """IG's break-glass anomalies are the entries carrying the break-glass record: a
    referral drafted and read by an officer who reached the young person only by
    break-glass must carry it too."""
    from accounts.models import AccessLogEntry
    from accounts.services.break_glass import break_glass_open

    person = EnrolmentFactory().person
    officer = user_with_role(Role.TASKFORCE)
    glass = break_glass_open(by=officer, person=person, reason="Police report tonight: urgent welfare check")
    client.force_login(officer)

    made = client.post(reverse("referrals:new", args=[person.pk]), FORM | {"action": "save"})
    referral = Referral.objects.get()
    read = client.get(reverse("referrals:detail", args=[referral.pk]))

    assert (made.status_code, read.status_code) == (302, 200)
    entries = AccessLogEntry.objects.filter(actor=officer).order_by("id")
    assert [(e.route, e.break_glass_id) for e in entries] == [
        ("referrals:new", glass.pk),
        ("referrals:detail", glass.pk),
    ]


def test_a_referral_without_an_urgency_says_what_to_choose(client):
    """It said "This field is required." beside the GOV.UK-worded errors of the rest."""
    person, dsl = pupil_and_dsl()
    client.force_login(dsl)
    form = FORM | {"action": "send"}
    del form["urgency"]
    html = client.post(reverse("referrals:new", args=[person.pk]), form).content.decode()
    assert "Choose how urgent the referral is" in html
    assert "This field is required." not in html
