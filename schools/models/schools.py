"""Schools and enrolments. The current enrolment decides which school's staff may see
a pupil, so a move takes effect the moment the new enrolment is recorded."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q


class School(models.Model):
    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        MIDDLE_PRIMARY = "middle_primary", "Middle deemed primary"
        SECONDARY = "secondary", "Secondary"
        MIDDLE_SECONDARY = "middle_secondary", "Middle deemed secondary"
        SIXTEEN_PLUS = "sixteen_plus", "16 plus"
        ALL_THROUGH = "all_through", "All-through"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        PROPOSED_TO_CLOSE = "proposed_to_close", "Open, proposed to close"

    urn = models.CharField(
        "URN", max_length=6, unique=True, validators=[RegexValidator(r"^\d{6}$", "A URN is 6 digits.")]
    )
    laestab = models.CharField(
        "LAESTAB",
        max_length=7,
        validators=[RegexValidator(r"^\d{7}$", "LAESTAB is a 3-digit LA code and 4-digit number.")],
    )
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["name"]
        permissions = [("view_school_pupils", "Can see the school's current pupils")]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    class SenProvision(models.TextChoices):
        NONE = "N", "No special educational need"
        SUPPORT = "K", "SEN support"
        EHC_PLAN = "E", "Education, health and care plan"

    person = models.ForeignKey("schools.Person", on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enrolments")
    entry_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    year_group = models.CharField(max_length=3, blank=True)
    sen_provision = models.CharField(max_length=1, choices=SenProvision.choices, blank=True)
    sen_primary_need = models.CharField(max_length=4, blank=True)
    fsm_start_date = models.DateField(null=True, blank=True)
    fsm_end_date = models.DateField(null=True, blank=True)
    source_record = models.ForeignKey(
        "chronology.SourceRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(leaving_date__isnull=True),
                name="one_open_enrolment_per_person",
            )
        ]
        indexes = [models.Index(fields=["school", "leaving_date"])]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.school_id} from {self.entry_date}"
