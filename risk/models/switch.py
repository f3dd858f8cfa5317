"""The portal-wide switch for trigger points, and the tier thresholds: one row."""

from django.db import models


class FlagSettings(models.Model):
    flags_enabled = models.BooleanField(
        default=True, help_text="Off: no flags are computed or shown anywhere in the portal."
    )
    medium_tier_at = models.PositiveSmallIntegerField(
        default=3, help_text="Summed weight of a young person's flags from which the tier is medium."
    )
    high_tier_at = models.PositiveSmallIntegerField(
        default=6, help_text="Summed weight from which the tier is high."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "flag settings"

    def __str__(self) -> str:
        return "Trigger-point settings"

    @classmethod
    def current(cls) -> "FlagSettings":
        """The settings row, or the defaults while nobody has changed them: a read never
        writes, so a page costs the same queries the first time as every time after."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
