"""The portal-wide switch for trigger points, and the tier thresholds: one row."""

from django.db import models

from accounts.access_memo import forget, remembered

MEMO_KEY = ("risk", "flag_settings")


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

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)
        forget(MEMO_KEY)

    @classmethod
    def current(cls) -> "FlagSettings":
        """The settings row, or the defaults while nobody has changed them: a read never
        writes, so a page costs the same queries the first time as every time after.
        Read once per request (the list, its tiers, its cards and the switch each ask)."""
        return remembered(MEMO_KEY, lambda: cls.objects.filter(pk=1).first() or cls(pk=1))
