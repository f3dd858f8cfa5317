"""Labels written for headings and tables ("SAFE taskforce officer", "CAMHS referral",
"Head teacher") as they read inside a sentence."""


def in_a_sentence(label: str) -> str:
    """Lower-cases the first letter unless the label opens with an acronym ("SAFE",
    "CAMHS", "A&E") or a proper name ("Universal Credit claim"): lower-casing the
    whole label wrote "safe taskforce officer"."""
    words = label.split(" ")
    proper = words[0].isupper() or (len(words) > 1 and words[1][:1].isupper())
    return label if proper or not label else label[0].lower() + label[1:]
