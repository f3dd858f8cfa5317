"""Writing referrals: drafts, sending, and adding to a sent referral. A sent referral is
never edited; what the referrer learns later is added to its history. The trigger points
it concerns are kept as the facts of each flag, not the words the referrer saw, so that
each later reader sees them at their own level (interventions.trigger_points)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import SCHOOL_ROLES
from accounts.services.change_log import acting_as
from interventions.models import ConsentBasis, Referral, ReferralEntry, ReferralStatus, Urgency
from interventions.rules import is_referrer, may_refer, may_triage
from interventions.services import notices
from interventions.services.errors import Invalid, InvalidTransition, NotAllowed
from interventions.services.locking import locked
from interventions.trigger_points import TriggerPoint, trigger_point_snapshot
from portal.locks import Lock, hold
from schools.models import Enrolment, Person

MAX_TEXT = 10_000
ADDITIONS = (ReferralEntry.Action.ADDED, ReferralEntry.Action.ANSWERED)


@dataclass(frozen=True)
class ReferralDetails:
    """What a referrer writes. Checked by `check()` whether it comes from a page or the API."""

    reason: str
    consent_basis: str
    referrer_contact: str
    urgency: str = Urgency.ROUTINE
    trigger_points: list[str] = field(default_factory=list)
    """Labels as the referrer sees them, among the young person's current trigger points."""
    young_person_knows: str = ""
    family_knows: str = ""
    consent_given_by: str = ""
    consent_explanation: str = ""

    def check(self) -> dict[str, str]:
        """Field name -> a message saying what to fix; empty when all is well."""
        problems = {}
        if not self.reason.strip():
            problems["reason"] = "Enter why you are referring this young person"
        if not self.referrer_contact.strip():
            problems["referrer_contact"] = "Enter how the taskforce can contact you"
        if self.consent_basis not in ConsentBasis.values:
            problems["consent_basis"] = "Choose the consent or legal basis you rely on"
        elif self.consent_basis == ConsentBasis.CONSENT and not self.consent_given_by.strip():
            problems["consent_given_by"] = "Enter who gave consent"
        elif self.consent_basis == ConsentBasis.NOT_SOUGHT and not self.consent_explanation.strip():
            problems["consent_explanation"] = "Enter why seeking consent would put the child at risk"
        elif self.consent_basis == ConsentBasis.OTHER and not self.consent_explanation.strip():
            problems["consent_explanation"] = "Explain the legal basis you rely on"
        if self.urgency not in Urgency.values:
            problems["urgency"] = "Choose how urgent the referral is"
        long = [
            name
            for name in ("reason", "young_person_knows", "family_knows", "consent_explanation")
            if len(getattr(self, name)) > MAX_TEXT
        ]
        for name in long:
            problems[name] = f"Keep this to {MAX_TEXT:,} characters or fewer"
        if len(self.trigger_points) > 50 or any(len(t) > 200 for t in self.trigger_points):
            problems["trigger_points"] = "Choose the trigger points from the list"
        return problems

    def fields(self) -> dict[str, object]:
        """The referral's own fields; its trigger points are kept by `_trigger_points`."""
        return {
            "reason": self.reason.strip(),
            "consent_basis": self.consent_basis,
            "referrer_contact": self.referrer_contact.strip()[:200],
            "urgency": self.urgency,
            "young_person_knows": self.young_person_knows.strip(),
            "family_knows": self.family_knows.strip(),
            "consent_given_by": self.consent_given_by.strip()[:200]
            if self.consent_basis == ConsentBasis.CONSENT
            else "",
            "consent_explanation": self.consent_explanation.strip()
            if self.consent_basis != ConsentBasis.CONSENT
            else "",
        }


class ReferralInvalid(Invalid):
    """What the referral form asks, not given as it must be: `problems` names each field with
    what to fix, so pages and the API (400) show each message beside its field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


def _entry(referral: Referral, *, by: User, action: str, before: str, note: str = "") -> ReferralEntry:
    return ReferralEntry.objects.create(
        referral=referral,
        action=action,
        by=by,
        at=timezone.now(),
        from_status=before,
        to_status=referral.status,
        note=note,
    )


def _trigger_points(
    by: User, person_id: int, details: ReferralDetails, kept: list[TriggerPoint]
) -> list[TriggerPoint]:
    points, unknown = trigger_point_snapshot(by, person_id, details.trigger_points, kept=kept)
    if unknown:
        raise ReferralInvalid({"trigger_points": "Choose the trigger points from the list"})
    return points


def _referrer_school(by: User, person: Person) -> int | None:
    """The school of the pupil's current enrolment, for a member of its staff."""
    if by.role not in SCHOOL_ROLES:
        return None
    enrolment = Enrolment.objects.filter(person=person, leaving_date__isnull=True).first()
    return enrolment.school_id if enrolment else None


def _same_referral(
    *, by: User, young_person: Person, details: ReferralDetails, points: list[TriggerPoint], send: bool
) -> Referral | None:
    """The referrer's earlier referral word for word the same, still a draft (saving one)
    or sent and not yet decided (sending one): the same form sent again, by a
    double click, a browser's Back or an API client's retry, is that referral, not a
    second one the taskforce would triage twice. A referral once decided is not: a new
    one after it is a new concern."""
    return (
        Referral.objects.filter(
            young_person=young_person,
            referred_by=by,
            status__in=(ReferralStatus.SENT, ReferralStatus.MORE_INFORMATION)
            if send
            else (ReferralStatus.DRAFT,),
            trigger_points=points,
            **details.fields(),
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def referral_create(*, by: User, young_person: Person, details: ReferralDetails, send: bool) -> Referral:
    """A draft, or (with `send`) a referral sent to the taskforce at once. Made once: the
    same one sent again answers with the first (`_same_referral`), also when both arrive
    at the same moment (the lock makes the second wait for the first to commit)."""
    if not may_refer(by, young_person):
        raise NotAllowed("You may refer only young people whose records you may open.")
    problems = details.check()
    if problems:
        raise ReferralInvalid(problems)
    points = _trigger_points(by, young_person.pk, details, [])
    hold(Lock.REFERRING, young_person.pk)
    repeated = _same_referral(by=by, young_person=young_person, details=details, points=points, send=send)
    if repeated is not None:
        return repeated
    with acting_as(by):
        referral = Referral.objects.create(
            young_person=young_person,
            referred_by=by,
            school_id=_referrer_school(by, young_person),
            status=ReferralStatus.DRAFT,
            trigger_points=points,
            **details.fields(),
        )
        _entry(referral, by=by, action=ReferralEntry.Action.CREATED, before="")
    if send:
        return referral_send(by=by, referral=referral, expected_version=referral.version)
    return referral


@transaction.atomic
def referral_update_draft(
    *, by: User, referral: Referral, details: ReferralDetails, expected_version: int
) -> Referral:
    with acting_as(by), locked(referral, expected_version, by=by) as current:
        if not is_referrer(by, current):
            raise NotAllowed("Only the person who started this referral may change it.")
        if current.status != ReferralStatus.DRAFT:
            raise InvalidTransition(
                "This referral has been sent and cannot be changed; add information to it instead."
            )
        problems = details.check()
        if problems:
            raise ReferralInvalid(problems)
        current.trigger_points = _trigger_points(by, current.young_person_id, details, current.trigger_points)
        for name, value in details.fields().items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        return current


@transaction.atomic
def referral_send(*, by: User, referral: Referral, expected_version: int) -> Referral:
    with acting_as(by), locked(referral, expected_version, by=by) as current:
        if not is_referrer(by, current):
            raise NotAllowed("Only the person who started this referral may send it.")
        if current.status != ReferralStatus.DRAFT:
            raise InvalidTransition("This referral has already been sent.")
        if not may_refer(by, current.young_person):
            raise NotAllowed("You may no longer see this young person, so you cannot send the referral.")
        now = timezone.now()
        current.status = ReferralStatus.SENT
        current.sent_at = current.status_changed_at = now
        current.version += 1
        current.save()
        _entry(current, by=by, action=ReferralEntry.Action.SENT, before=ReferralStatus.DRAFT)
        notices.referral_status_changed(referral=current, by=by, title="A referral to SAFE was sent")
        notices.referral_needs_triage(
            referral=current, by=by, title=f"New referral ({current.get_urgency_display()})"
        )
        return current


@transaction.atomic
def referral_add_information(*, by: User, referral: Referral, note: str) -> Referral:
    """Adds to a sent referral. When the taskforce asked the referrer a question, the
    referrer's addition answers it and sends the referral back for triage. The same words
    sent again by the same person, with nothing added since (a double click, a retry),
    are the addition already made: the referral is returned unchanged."""
    note = note.strip()
    if not note:
        raise Invalid("Enter the information to add.")
    if len(note) > MAX_TEXT:
        raise Invalid(f"Keep this to {MAX_TEXT:,} characters or fewer.")
    with acting_as(by), locked(referral, None, by=by) as current:
        if not (is_referrer(by, current) or may_triage(by)):
            raise NotAllowed("Only the referrer or the taskforce may add to this referral.")
        if current.status == ReferralStatus.DRAFT:
            raise InvalidTransition("This referral is still a draft: change it instead.")
        latest = current.entries.order_by("-at", "-pk").first()
        if latest is not None and (latest.by_id, latest.note) == (by.pk, note) and latest.action in ADDITIONS:
            return current
        before = current.status
        current.version += 1
        if before == ReferralStatus.MORE_INFORMATION and is_referrer(by, current):
            current.status = ReferralStatus.SENT
            current.status_changed_at = timezone.now()
            current.question = ""
            current.save()
            _entry(current, by=by, action=ReferralEntry.Action.ANSWERED, before=before, note=note)
            notices.referral_status_changed(referral=current, by=by, title="A referral to SAFE was answered")
            notices.referral_needs_triage(referral=current, by=by, title="A referrer answered your question")
            return current
        current.save()
        _entry(current, by=by, action=ReferralEntry.Action.ADDED, before=before, note=note)
        notices.information_added(referral=current, by=by)
        return current
