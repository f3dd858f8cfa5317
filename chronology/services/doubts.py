"""Reporting a chronology entry's link as doubtful, and the data officer's decision on
the report. The decision to split goes through split_records, so everything made from
the row leaves the person and the row returns to the review queue."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services.notifications import notify
from chronology.models import Event, LinkDoubt
from chronology.services.linkage import split_records
from portal.locks import Lock, hold
from schools.models import Person

MAX_NOTE = 2000


@transaction.atomic
def link_doubt_report(*, by: User, person: Person, event: Event, note: str) -> LinkDoubt:
    """One open report per row and reporter: reporting again adds to the note, unless
    it is the same note sent again (a double click). Two reports at the same moment
    are taken one after the other: the second would otherwise not see the first's
    uncommitted report and break the one-open-report constraint (a server error)."""
    record = event.source_record
    if record is None or record.person_id is None:
        raise ValidationError("This entry did not come from a row linked to a person: it cannot be reported.")
    note = note.strip()[:MAX_NOTE]
    if not note:
        raise ValidationError("Say why you think this entry may be about someone else.")
    hold(Lock.LINK_DOUBT, record.pk)
    open_doubt = LinkDoubt.objects.select_for_update().filter(
        source_record=record, reported_by=by, status=LinkDoubt.Status.OPEN
    )
    doubt = open_doubt.first()
    if doubt is not None:
        if not (doubt.note == note or doubt.note.endswith(f"\n\n{note}")):
            doubt.note = f"{doubt.note}\n\n{note}"[-MAX_NOTE:]
            doubt.save(update_fields=["note"])
        return doubt
    doubt = LinkDoubt.objects.create(
        source_record=record, person=person, linked_person_id=record.person_id, reported_by=by, note=note
    )
    notify(
        users=User.objects.filter(groups__name=Role.DATA_OFFICER.value, is_active=True),
        kind="link_doubt",
        title=f"A row's link was reported as doubtful ({record.feed.name})",
        body="A professional reading a chronology thinks a row may not be about the person it is linked to.",
        url=reverse("chronology:doubt", args=[doubt.pk]),
    )
    return doubt


@transaction.atomic
def link_doubt_decide(*, by: User, doubt: LinkDoubt, split: bool, note: str = "") -> LinkDoubt:
    """Keep the link, or split the row off its person. Every open report of the same row
    is closed by the decision."""
    doubt = LinkDoubt.objects.select_for_update().select_related("source_record").get(pk=doubt.pk)
    if doubt.status != LinkDoubt.Status.OPEN:
        raise ValidationError("This report has already been decided.")
    record = doubt.source_record
    if split and record.person_id is not None:
        split_records(by=by, person=record.person, source_record_ids=[record.pk])
    status = LinkDoubt.Status.SPLIT if split else LinkDoubt.Status.KEPT
    closing = LinkDoubt.objects.filter(source_record=record, status=LinkDoubt.Status.OPEN)
    reporters = list(closing.select_related("reported_by", "person"))
    with set_actor(by):
        closing.update(
            status=status, decided_by=by, decided_at=timezone.now(), decision_note=note.strip()[:MAX_NOTE]
        )
    _tell_reporters(reporters, split=split)
    doubt.refresh_from_db()
    return doubt


def _tell_reporters(doubts: list[LinkDoubt], *, split: bool) -> None:
    """Each reporter learns the decision, linked to the chronology they reported from: a
    DSL preparing a case meeting needs to know whether the entry has left it. The data
    officer's note is not passed on: it may name the person the row is really about."""
    if split:
        title = "A link you reported as doubtful was split off"
        body = (
            "A data officer split the row off: its entry has left the chronology, and the row "
            "waits to be linked to the right person."
        )
    else:
        title = "A link you reported as doubtful was kept"
        body = "A data officer checked the row and kept the link: its entry stays in the chronology."
    for doubt in doubts:
        notify(
            users=[doubt.reported_by],
            kind="link_doubt_decided",
            title=title,
            body=body,
            url=reverse("chronology:timeline", args=[doubt.person_id]),
            person=doubt.person,
        )
