"""Plain words for the pages and endpoints the access log names. An IG officer answering
a subject access request needs "A young person's record", not `young_person_detail`;
the route itself stays in the CSV export for whoever traces an entry to the code.

Each app describes its own URLs in `<app>/page_words.py` by calling
`register_page_words`; those modules are discovered like admin.py, so the access log
never imports the apps built on it. tests/accounts/test_page_words.py fails for any URL
without words and says where to add them."""

from functools import cache

from django.utils.module_loading import autodiscover_modules

_WORDS: dict[str, str] = {}


def register_page_words(words: dict[str, str]) -> None:
    """`words` maps URL names as the log records them (namespace included, e.g.
    "access_log:entries", or a task's route) to a short phrase saying what the page
    shows, in the words of someone answering a subject access request."""
    for route, phrase in words.items():
        if _WORDS.get(route, phrase) != phrase:
            raise ValueError(f"{route} is already described as {_WORDS[route]!r}")
        _WORDS[route] = phrase


@cache
def _discover() -> None:
    autodiscover_modules("page_words")


def described_routes() -> frozenset[str]:
    _discover()
    return frozenset(_WORDS)


def page_words(route: str) -> str:
    """What the page is, in words; an entry of a task with no page says so."""
    _discover()
    if not route:
        return "No page (a task or command)"
    return _WORDS.get(route, f"Not described ({route})")
