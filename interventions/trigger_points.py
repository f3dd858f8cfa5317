"""The young person's current trigger points, for a referral's pre-filled choices and
the outcome measures. They come from the flags app once it is installed; until then
there are none to offer, and measures record "not available" rather than zero."""

from django.apps import apps


def flags_available() -> bool:
    return apps.is_installed("risk")


def current_trigger_points(person_id: int) -> list[str] | None:
    """Names of the person's current (not cleared, not dismissed) flags, or None when no
    flags app is installed."""
    if not flags_available():
        return None
    flag = apps.get_model("risk", "Flag")
    names = flag.objects.filter(person_id=person_id, cleared_at__isnull=True, dismissed_at__isnull=True)
    return sorted(set(names.values_list("indicator__name", flat=True)))
