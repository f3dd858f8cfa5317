"""What the young-person pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "young_person_list": "A list or search of young people",
        "young_person_detail": "A young person's record",
        "young_person_break_glass": "A request to open a young person's record by break-glass",
    }
)
