"""The event categories the importer writes, with the feed each comes from: the categories
a trigger point's rule may name and the chronology's category filter accepts. Taken from
the importer's own code lists, so neither can name a category no feed sends."""

from chronology.importing import codes
from chronology.importing.attendance_thresholds import THRESHOLD_CATEGORY
from chronology.models import Feed

CATEGORY_FEEDS: dict[str, str] = {
    "suspension": Feed.Code.SUSPENSIONS,
    "permanent_exclusion": Feed.Code.SUSPENSIONS,
    "lunchtime_suspension": Feed.Code.SUSPENSIONS,
    "police_incident": Feed.Code.POLICE_INCIDENTS,
    "police_intelligence": Feed.Code.POLICE_INTELLIGENCE,
    "youth_justice_outcome": Feed.Code.YOUTH_JUSTICE,
    "missing_episode": Feed.Code.MISSING_EPISODES,
    **{f"social_care_{t}": Feed.Code.SOCIAL_CARE for t in codes.EPISODE_TYPES},
    "early_help": Feed.Code.EARLY_HELP,
    **{f"health_{t}": Feed.Code.HEALTH for t in codes.HEALTH_EVENTS},
    "domestic_abuse_notification": Feed.Code.DOMESTIC_ABUSE,
    **{f"housing_{t}": Feed.Code.HOUSING_BENEFITS for t in codes.HOUSING_EVENTS},
    THRESHOLD_CATEGORY: Feed.Code.ATTENDANCE,
}
