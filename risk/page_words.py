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
    }
)
