"""People: children and the adults in their families. Identifiers are stored normalised
(UPN upper-case, NHS number digits only) so that record linkage can match them exactly."""

from django.db import models
from django.db.models.functions import Upper

from schools.name_folding import name_key

YOUNG_PERSON_MAX_AGE = 25


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", "Male"
        FEMALE = "F", "Female"
        UNKNOWN = "", "Not recorded"

    upn = models.CharField("UPN", max_length=13, unique=True, null=True, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True, db_index=True)
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, null=True, blank=True)
    local_person_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=4, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    name_key = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text="Both names folded for searching (schools/name_folding.py); kept by save().",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "people"
        permissions = [("view_person_record", "Can see this young person's record (an allocated worker)")]
        ordering = ["surname", "forename", "id"]
        indexes = [
            models.Index(Upper("surname"), Upper("forename"), name="person_name_idx"),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name or f"Person {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        """The key follows the names on every save, including a save of named fields
        (the census writes a changed name with update_fields)."""
        self.name_key = name_key(self.forename, self.surname)
        fields = kwargs.get("update_fields")
        if fields is not None and {"forename", "surname"} & set(fields):
            kwargs["update_fields"] = [*fields, "name_key"]
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}".strip()
