"""Names folded to the form people type them in: a head teacher types "obrien" or
"O Brien" for O'Brien, "Zoe" for Zoë, "Lukasz" for Łukasz, a phone sends ’ for '.
The same folding is stored with every person (Person.name_key) and applied to what is
searched for, in Python, so that PostgreSQL and the SQLite demo match alike: neither
database folds accents the same way (SQLite's LOWER and LIKE know only ASCII), and
PostgreSQL's unaccent is an extension a council's DBA may not allow."""

import re
import unicodedata

_APOSTROPHES = "'’‘ʼ`´ʹ′"
"""Dropped, not spaced: O'Brien, O’Brien and OBrien are one name."""

_LETTERS = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, ""),
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
    }
)
"""Letters Unicode does not decompose into a base letter and an accent."""

_SEPARATORS = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes; any other punctuation (a hyphen, a
    comma, a full stop) becomes one space. Letters of any script are kept."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.sub(" ", text).split())


def name_key(forename: str, surname: str) -> str:
    """Every word of both names, folded, and each name of several words also run
    together, so that "Smith Jones", "Smith-Jones" and "SmithJones" all find Smith-Jones
    and "O Brien" finds O'Brien, whichever way the name was recorded."""
    words = []
    for name in (forename, surname):
        parts = fold(name).split()
        words += [*parts, "".join(parts)] if len(parts) > 1 else parts
    return " ".join(words)


def same_name(a: str, b: str) -> bool:
    """Whether two spellings are one name, ignoring case, accents, apostrophes,
    hyphens and spaces."""
    return fold(a).replace(" ", "") == fold(b).replace(" ", "")
