"""In-portal notifications. A notification's text never names a child: the young person
it concerns is a foreign key, and the page shows their name only while the reader may
still see them (and logs that it did). The records it is about (a pupil's new trigger
points) are kept as ids, `object_ids`, described on the page by the capability that
sent it, to readers who may see them. So an email, which leaves the portal, carries
no personal data, and a notification about a pupil who has since moved school names
nobody."""

from django.conf import settings
from django.db import models


class EmailPreference(models.TextChoices):
    EACH = "each", "Email me each notification"
    DAILY = "daily", "Email me a daily digest"
    NONE = "none", "Do not email me"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    kind = models.CharField(max_length=50, help_text="Which capability sent it, e.g. 'flag_raised'.")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True, help_text="A page of the portal (path only).")
    person = models.ForeignKey(
        "schools.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="The ids of the records of the sending capability it is about (a trigger-point "
        "alert's flags), which the notifications page has that capability describe to the reader.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(
                fields=["user"], name="notification_user_unread", condition=models.Q(read_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (to {self.user_id})"
