"""Who works where, and the time-limited exceptions to need-to-know scope."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.roles import Role


class SchoolAssignment(models.Model):
    """A member of school staff in a school role. Creating or removing one grants or
    revokes the school's object permission (see accounts.services.assignments)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="school_assignments"
    )
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(
        max_length=32, choices=[(r.value, r.label) for r in (Role.HEAD_TEACHER, Role.DSL)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_assignment_per_user_school")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.school}"


class BreakGlass(models.Model):
    """A taskforce officer's recorded reason to open a young person outside their scope.
    Consulted by the access layer and valid only until it expires: not a guardian row,
    which would never expire."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    person = models.ForeignKey("schools.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = "break-glass access"
        verbose_name_plural = "break-glass accesses"
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self) -> str:
        until = timezone.localtime(self.expires_at)
        return f"{self.user} → person {self.person_id} until {until:%Y-%m-%d %H:%M}"
