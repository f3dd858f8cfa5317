"""What the portal's general pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "home": "The home page",
        "privacy": "The privacy notice",
        "accessibility": "The accessibility statement",
        "login": "Signing in",
        "logout": "Signing out",
        "admin:index": "The administration site",
        "api:schema": "The API's description (OpenAPI schema)",
        "api:docs": "The API's documentation",
    }
)
