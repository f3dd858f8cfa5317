"""The demo's indicators have a history: the defaults were installed before the first of
the replayed nightly runs, and a few weeks in, after the taskforce's review of false
positives, the administrator tightened one of them through the library's own service.
Its page then shows two versions with who made each, when and why; flags raised before
the edit keep version 1 and later ones have version 2, and the next night's run decides
the current flags by version 2's rules, as it does after any edit (docs/trigger-points.md):
a flag whose evidence has all left the shorter window clears."""

from datetime import datetime

from accounts.models import User
from accounts.services.change_log import acting_as
from risk.models import Indicator, IndicatorVersion
from risk.services.defaults import HALF_YEAR
from risk.services.library import indicator_version_add

EDITED = "tp13"
DESCRIPTION = "A domestic-abuse notification for the household in the last 6 months."
CHANGE_NOTE = (
    "Window shortened from 12 months to 6. In the taskforce's review of false positives, "
    "most flags dismissed as out of date or about a previous household at the address rested "
    "on notifications more than six months old."
)


def date_the_defaults(installed: list[Indicator], *, at: datetime) -> None:
    """The library stamps a version with the moment it is made; the defaults' first
    versions are moved back to before the first run that used them."""
    IndicatorVersion.objects.filter(indicator__in=installed, number=1).update(created_at=at)


def tighten_after_review(*, by: User, at: datetime) -> IndicatorVersion:
    """Version 2 of EDITED, made by `by` and dated `at`, with only its window shortened."""
    indicator = Indicator.objects.get(code=EDITED)
    current = indicator.current_version
    rules = [{**rule, "params": {**rule["params"], "days": HALF_YEAR}} for rule in current.rules]
    with acting_as(by):
        version = indicator_version_add(
            by=by,
            indicator=indicator,
            name=current.name,
            description=DESCRIPTION,
            rules=rules,
            weight=current.weight,
            needs_review=current.needs_review,
            stronger_at=current.stronger_at,
            change_note=CHANGE_NOTE,
            based_on=current.number,
        )
    IndicatorVersion.objects.filter(pk=version.pk).update(created_at=at)
    version.refresh_from_db()
    return version
