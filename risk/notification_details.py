"""The trigger points a DSL's notification is about, as the notifications page lists
them under its title (registered with accounts.notification_details): each named as
the flagged list and the young person's page name it to this reader now, those they
may not name as the one additional factor, none waiting for review to school staff,
and each marked if it has since been dismissed or cleared. What the reader may see is
the access layer's decision (accounts.access.flags_shown), made for the whole page at
once."""

from accounts.access import FlagFacts, flags_shown
from accounts.models import Notification
from accounts.notification_details import DetailLine
from risk.flagged_words import trigger_point_name
from risk.models import Flag, Review
from risk.selectors import PersonFlag, flags_switched_on

SINCE_DISMISSED = "since dismissed"
SINCE_CLEARED = "since cleared"


def trigger_point_details(reader: object, notifications: list[Notification]) -> dict[int, list[DetailLine]]:
    """Nothing while trigger points are switched off for the whole portal: every page
    then says nobody is flagged."""
    if not flags_switched_on():
        return {}
    wanted = {pk for notification in notifications for pk in notification.object_ids}
    flags = (
        Flag.objects.filter(pk__in=sorted(wanted))
        .select_related("indicator", "version")
        .order_by("indicator__position", "indicator__code")
    )
    shown = flags_shown(reader, (_facts(flag) for flag in flags))
    details = {}
    for notification in notifications:
        about = set(notification.object_ids)
        lines = [
            _line(PersonFlag(flag=one.flag, named=one.named, behind=one.behind))
            for one in shown.get(notification.person_id, [])
            if about.intersection(flag.pk for flag in one.flags)
        ]
        if lines:
            details[notification.pk] = lines
    return details


def _facts(flag: Flag) -> FlagFacts:
    return FlagFacts(
        flag=flag,
        person_id=flag.person_id,
        sensitivity=flag.sensitivity,
        awaiting_review=flag.review == Review.PENDING,
        dismissed=flag.is_dismissed,
        cleared=_cleared(flag),
    )


def _cleared(flag: Flag) -> bool:
    """Cleared, or about to be: a switched-off indicator's flags show nowhere, and the
    next run clears them."""
    return not (flag.is_current and flag.indicator.enabled)


def _line(item: PersonFlag) -> DetailLine:
    """A flag both dismissed and cleared since (raised again on new evidence) says it
    was dismissed: what someone decided about it is the news."""
    if item.flag.is_dismissed:
        note = SINCE_DISMISSED
    elif _cleared(item.flag):
        note = SINCE_CLEARED
    else:
        note = ""
    return DetailLine(text=trigger_point_name(item), note=note)
