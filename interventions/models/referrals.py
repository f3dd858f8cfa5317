"""Referrals to the SAFE taskforce: a school's (or the taskforce's own) concern about one
young person, and its journey through triage. A sent referral is never edited, only
added to, so its history says what the taskforce knew when it decided."""

from django.conf import settings
from django.db import models


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "New"
    MORE_INFORMATION = "more_information", "Awaiting more information"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Urgency(models.TextChoices):
    """Ordered from most to least urgent, as the work queue sorts them."""

    URGENT = "urgent", "Urgent: within 2 working days"
    SOON = "soon", "Soon: within 10 working days"
    ROUTINE = "routine", "Routine"

    @classmethod
    def rank(cls, value: str) -> int:
        return [c.value for c in cls].index(value)


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", "Consent given"
    NOT_SOUGHT = "not_sought", "Consent not sought: seeking it would put the child at risk"
    OTHER = "other", "Another legal basis"


class Referral(models.Model):
    young_person = models.ForeignKey("schools.Person", on_delete=models.PROTECT, related_name="referrals")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals"
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        help_text="The referrer's school, whose safeguarding leads hear of each change.",
    )
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT)
    reason = models.TextField()
    trigger_points = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "The trigger points it concerns, as they were when it was made: each flag's indicator code and "
            "name, sensitivity and whether it awaited review. Shown to each reader at their own level "
            "(interventions.trigger_points), never as stored."
        ),
    )
    young_person_knows = models.TextField("what the young person knows", blank=True)
    family_knows = models.TextField("what the family knows", blank=True)
    consent_basis = models.CharField(max_length=20, choices=ConsentBasis.choices)
    consent_given_by = models.CharField(max_length=200, blank=True)
    consent_explanation = models.TextField(
        blank=True, help_text="Why consent was not sought, or the other basis relied on."
    )
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    referrer_contact = models.CharField(max_length=200)
    question = models.TextField(
        blank=True, help_text="The taskforce's open question while awaiting information."
    )
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change: a change made on an older version is refused."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "sent_at"]),
            models.Index(fields=["young_person", "status"]),
            models.Index(fields=["school", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(consent_basis="consent") | ~models.Q(consent_given_by=""),
                name="referral_consent_names_who_gave_it",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.get_status_display()})"

    @property
    def is_sent(self) -> bool:
        return self.status != ReferralStatus.DRAFT

    @property
    def answered(self) -> bool:
        """Back with the taskforce with the referrer's answer to its question: `sent`
        again, awaiting triage (the API's status code is unchanged), but not new. Only
        an answer moves a sent referral's status on without sending it (sending sets
        both dates alike), so the dates tell it without reading the history."""
        return (
            self.status == ReferralStatus.SENT
            and self.sent_at is not None
            and self.status_changed_at is not None
            and self.status_changed_at > self.sent_at
        )

    @property
    def status_label(self) -> str:
        """The status in words: an answered referral says the information was given, in
        the history's own words for the answer, where "New" read as never looked at."""
        return ReferralEntry.Action.ANSWERED.label if self.answered else self.get_status_display()


class ReferralEntry(models.Model):
    """One line of a referral's history: a transition, or information added to it."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SENT = "sent", "Sent to the taskforce"
        ADDED = "added", "Information added"
        ASKED = "asked", "More information asked for"
        ANSWERED = "answered", "More information given"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="entries")
    action = models.CharField(max_length=12, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "referral entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()} on referral {self.referral_id}"
