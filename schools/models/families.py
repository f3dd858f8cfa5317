"""Households, keyed by the council's family_id (one namespace across all feeds)."""

from django.db import models


class Family(models.Model):
    family_id = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "families"

    def __str__(self) -> str:
        return f"Family {self.family_id}"


class FamilyMember(models.Model):
    class Relationship(models.TextChoices):
        CHILD = "child", "Child"
        SIBLING = "sibling", "Sibling"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        OTHER_ADULT = "other_adult", "Other adult"

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("schools.Person", on_delete=models.CASCADE, related_name="memberships")
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    address_postcode = models.CharField(max_length=8, blank=True)
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    source_record = models.ForeignKey(
        "chronology.SourceRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="one_membership_per_family_person")
        ]
        indexes = [models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.family_id} as {self.relationship}"
