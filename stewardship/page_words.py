"""What the stewardship pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "stewardship:health": "Feed health",
        "stewardship:health_feed": "One feed's health over 90 days",
        "stewardship:hold_new": "Setting a legal hold",
        "stewardship:hold_release": "Releasing a legal hold",
        "stewardship:retention": "Retention and legal holds",
        "stewardship:retention_run": "One retention run's report",
        "api:feed-health-list": "The API, feed health",
        "api:feed-health-detail": "The API, one feed's health over 90 days",
    }
)
