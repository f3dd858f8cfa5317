"""What the data-feed and record-linkage pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "chronology:index": "The list of data feeds and imports",
        "chronology:upload": "Uploading a feed file",
        "chronology:run": "The report of one import",
        "chronology:runs": "The list of every import",
        "chronology:run_again": "Running an import again",
        "chronology:rejected_csv": "The rejected rows of an import, downloaded",
        "chronology:register": "The feed register",
        "chronology:register_edit": "Editing an entry of the feed register",
        "chronology:review_queue": "The record-linkage review queue",
        "chronology:find_person": "A search for a person whose records to check",
        "chronology:review": "A record-linkage review of one feed row",
        "chronology:person_records": "The feed rows linked to one person",
        "chronology:timeline": "A young person's chronology",
        "chronology:timeline_print": "A young person's chronology, printed",
        "chronology:timeline_csv": "A young person's chronology, downloaded",
        "api:feed-list": "The API, the list of data feeds",
        "api:feed-run-create": "The API, uploading a feed file",
        "api:feed-run-list": "The API, the list of imports",
        "api:feed-run-detail": "The API, the report of one import",
        "chronology:doubt": "The decision on one reported doubtful link",
        "chronology:timeline_report": "Reporting a doubtful link from a young person's chronology",
    }
)
