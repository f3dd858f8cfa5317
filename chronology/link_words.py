"""How a feed row came to be linked to its person, in the words a data officer uses:
the importer stores a short method code ("upn", "names_dob_postcode"), which means
nothing on a page that asks them to judge whether the link is right."""

METHODS = {
    "upn": "Same UPN",
    "nhs_number": "Same NHS number",
    "local_person_id": "Same local person id",
    "names_dob_postcode": "Names, date of birth and postcode",
    "new_person": "A new person made from this row",
    "review": "A data officer's decision",
    "family": "The family only",
    "": "Not linked",
}


def linked_by(*, method: str, confidence: float | None) -> str:
    """ "Same UPN (certain)", "Names, date of birth and postcode (confidence 0.92)"."""
    words = METHODS.get(method, method.replace("_", " ").capitalize())
    if confidence is None:
        return words
    return f"{words} ({'certain' if confidence >= 1 else f'confidence {confidence:.2f}'})"
