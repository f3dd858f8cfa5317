"""The young person's current trigger points, from the flags app: pre-filled on a
referral as the referrer may see them (a flag of a tier they may not read is offered
only as "an additional factor known to partner agencies"), and counted, unscoped, in the
outcome measures, which only the taskforce and the allocated worker read."""

from risk.selectors import current_flag_rows, referral_trigger_points


def trigger_points_for_referrer(user: object, person_id: int) -> list[str]:
    return list(dict.fromkeys(flag.label for flag in referral_trigger_points(user, person_id)))


def open_trigger_points(person_id: int) -> int:
    """Current flags nobody has dismissed; none while flags are switched off."""
    return current_flag_rows([person_id]).filter(dismissed_at__isnull=True).count()
