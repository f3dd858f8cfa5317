"""The nightly runs of the trigger points that the demo replays, counted in weeks back
from the city's as-of day. Plain dates, no database: the replay itself
(portal/demo/trigger_points.py) and the feeds written for it (an incident staged for the
runs after the indicator edit, portal/demo/household_feeds.py) must agree on them."""

from datetime import date, timedelta

REPLAY_WEEKS = 8
UNREVIEWED_RUNS = 2
"""The last runs' flags still wait for review: the queue holds the latest fortnight's."""
EDITED_AFTER_RUN = 4
"""The run after whose review the administrator edits an indicator."""


def run_nights(as_of: date) -> list[date]:
    """One a week for REPLAY_WEEKS weeks, then the as-of day's own."""
    return [as_of - timedelta(weeks=weeks_ago) for weeks_ago in range(REPLAY_WEEKS, 0, -1)] + [as_of]


def reviewed_after_the_edit(as_of: date) -> list[date]:
    """The nights whose flags are raised by the edited version and reviewed by the
    taskforce before the seed."""
    nights = run_nights(as_of)
    return nights[EDITED_AFTER_RUN + 1 : len(nights) - UNREVIEWED_RUNS]
