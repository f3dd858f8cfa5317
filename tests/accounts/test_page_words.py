"""Every page and endpoint has plain words for IG's access-log pages (issue 21, finding 7).
The URLs are discovered from the resolver and the access matrix, so a URL landed later
fails here until someone says in words what it is."""

from accounts.access_log.page_words import described_routes, page_words
from tests.accounts.access_matrix import EXPECTED
from tests.accounts.url_patterns import portal_urls


def test_every_url_has_plain_words_for_the_access_log():
    described = described_routes()
    apps = {url.name: url.app for url in portal_urls()}
    missing = sorted((set(apps) | set(EXPECTED)) - described)
    how = [
        f'  {name!r}: add  "{name}": "A … page",  to register_page_words({{...}}) in '
        f"{apps.get(name, '<its app>')}/page_words.py (create the file as accounts/page_words.py is, "
        "if the app has none)"
        for name in missing
    ]
    assert not missing, "These URLs have no words for IG's access-log pages:\n" + "\n".join(how)


def test_words_are_sentences_not_code_names():
    for route in described_routes():
        words = page_words(route)
        assert words[0].isupper(), route
        assert not {"_", ":"} & set(words), route


def test_a_route_without_words_still_shows_what_it_is():
    assert page_words("task:unknown") == "Not described (task:unknown)"
    assert page_words("") == "No page (a task or command)"
