"""Labels written for headings and tables ("SAFE taskforce officer", "CAMHS referral",
"Head teacher") as they read inside a sentence, and counts as they read in one."""


def in_a_sentence(label: str) -> str:
    """Lower-cases the first letter unless the label opens with an acronym ("SAFE",
    "CAMHS", "A&E") or a proper name ("Universal Credit claim"): lower-casing the
    whole label wrote "safe taskforce officer"."""
    words = label.split(" ")
    proper = words[0].isupper() or (len(words) > 1 and words[1][:1].isupper())
    return label if proper or not label else label[0].lower() + label[1:]


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 day", "2 days", "1 young person", "1,200 young people": the Python side of the
    templates' `intcomma` and `pluralize`. A count written with a fixed plural read
    "1 sessions planned" and "expected every 1 days" for the smallest values a form
    allows; `many` is for plurals that are not the noun plus "s"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def joined(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C": names listed as a sentence reads them."""
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def share(part: int, whole: int) -> str:
    """A whole percent that never hides a part: one that rounds to nothing reads "<1%",
    one short of the whole that rounds to all of it ">99%"; with no whole, nothing."""
    if not whole:
        return ""
    percent = round(100 * part / whole)
    if part and percent == 0:
        return "<1%"
    if part != whole and percent == 100:
        return ">99%"
    return f"{percent}%"
