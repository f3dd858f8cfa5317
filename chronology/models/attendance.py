"""Attendance register marks, one row per pupil per session. The high-volume feed is
stored lean (no SourceRecord per mark: the mark carries its own source_record_id) and
keeps each code's meaning so a rate over any window is one indexed aggregate."""

from django.db import models


class Meaning(models.TextChoices):
    """What a DfE attendance code counts as (FEEDS.md 3.2)."""

    PRESENT = "present", "Present"
    ATTENDING = "attending", "Approved educational activity"
    AUTHORISED = "authorised", "Authorised absence"
    UNAUTHORISED = "unauthorised", "Unauthorised absence"
    NOT_POSSIBLE = "not_possible", "Not a possible session"
    ADMINISTRATIVE = "administrative", "Administrative"


ATTENDED = frozenset({Meaning.PRESENT, Meaning.ATTENDING})
ABSENT = frozenset({Meaning.AUTHORISED, Meaning.UNAUTHORISED})
POSSIBLE = ATTENDED | ABSENT


class AttendanceMark(models.Model):
    id = models.BigAutoField(primary_key=True)
    source_record_id = models.CharField(max_length=100, unique=True)
    person = models.ForeignKey(
        "schools.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attendance_marks",
        help_text="Empty while the UPN belongs to nobody (after a split); relinked by UPN.",
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    upn = models.CharField("UPN", max_length=13)
    date = models.DateField()
    session = models.CharField(max_length=2)
    code = models.CharField(max_length=2)
    meaning = models.CharField(max_length=14, choices=Meaning.choices)
    feed_run = models.ForeignKey("chronology.FeedRun", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["person", "date"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.date} {self.session} {self.code}"
