"""What the young-person pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "young_person_list": "A list or search of young people",
        "young_person_detail": "A young person's record",
        "young_person_break_glass": "A request to open a young person's record by break-glass",
        "api:school-list": "The API, a list of schools",
        "api:school-detail": "The API, one school",
        "api:young-person-list": "The API, a list or search of young people",
        "api:young-person-detail": "The API, a young person's record",
        "api:young-person-chronology": "The API, a young person's chronology",
        "api:young-person-break-glass": "The API, a break-glass request for a young person's record",
    }
)
