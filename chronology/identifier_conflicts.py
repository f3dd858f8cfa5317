"""Whether a person the review queue proposes for a row is, by now, someone else. A
candidate was scored when the row was queued; a later row of the same file, or a later
file, may since have given them an NHS number or local person id of their own, and the
data officer must not be offered a link the importer would never propose."""

from collections.abc import Mapping

from chronology.linkage import IDENTIFIERS, Identity, identifier_label


def someone_else_by_identifiers(identity: Identity, held: Mapping[str, object]) -> list[str]:
    """In words, the NHS number or local person id a person holds with another value than
    the row's, when they hold none of the row's identifiers: then they are someone else,
    whom the importer would never propose. A candidate scored when the row was queued
    may have been given such an identifier since. A UPN is left out (a pupil's UPN
    changes, and marks under an old one are linked to them on purpose), and so is a
    person who shares one identifier with the row and differs in another: that evidence
    points both ways, and the data officer decides."""
    row = {name: getattr(identity, name) for name in IDENTIFIERS}
    upns = {held.get("upn"), held.get("former_upn")} - {None, ""}
    if {identity.upn, identity.former_upn} & upns or any(
        row[name] and row[name] == held.get(name) for name in ("nhs_number", "local_person_id")
    ):
        return []
    return [
        identifier_label(name)
        for name in ("nhs_number", "local_person_id")
        if row[name] and held.get(name) and row[name] != held.get(name)
    ]
