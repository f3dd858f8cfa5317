"""What the trigger-point pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "trigger_points:dashboard": "A school's trigger-point dashboard (counts only)",
        "trigger_points:flagged": "A list of flagged young people",
        "trigger_points:flagged_print": "A list of flagged young people, printed",
        "trigger_points:flagged_csv": "A list of flagged young people, downloaded",
        "trigger_points:city": "The city overview of trigger points (counts only)",
        "trigger_points:fairness": "The fairness of trigger points (counts only)",
        "trigger_points:needs_assessment_csv": "The needs assessment, downloaded (counts only)",
        "risk:flag_confirm": "Confirming a trigger point after review",
        "risk:flag_dismiss": "Dismissing a trigger point",
        "risk:indicator": "One trigger point's rules and versions",
        "risk:indicator_edit": "Editing a trigger point (a new version)",
        "risk:indicator_new": "Adding a trigger point",
        "risk:indicator_switch": "Switching a trigger point on or off",
        "risk:indicators": "The trigger-point library",
        "risk:outcomes": "Raised, confirmed and dismissed trigger points",
        "risk:portal_switch": "Switching trigger points on or off for the portal",
        "risk:review_queue": "Trigger points waiting for review",
        "api:indicator-list": "The API, the trigger-point library",
        "api:indicator-detail": "The API, one trigger point's rules and versions",
        "api:flag-list": "The API, a list of flagged young people",
    }
)
